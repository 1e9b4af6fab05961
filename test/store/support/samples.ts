/** Small hand-made layouts and extractions for store and pipeline tests. */
import type { Extraction, PlanItem, ReportItem, TaskItem } from '../../../src/extract/contract.js';
import type { Layout } from '../../../src/layout/layout.js';

export function provenance(row: number) {
  return { page: null, table: 0, row, cells: [{ field: 'target', table: 0, row, col: 1, page: null }] };
}

export function planItem(n: number, patch: Partial<PlanItem> = {}): PlanItem {
  return {
    standard: 1,
    criterion: `1.${n}`,
    criterionName: `Tiêu chí ${n}`,
    level: 2,
    rowNo: String(n),
    note: null,
    extra: { 'Ghi chú khác': `x${n}` },
    provenance: provenance(n),
    confidence: 0.93,
    target: `Đạt mức 2 tiêu chí 1.${n}`,
    solution: 'Tham mưu, bồi dưỡng',
    support: null,
    owner: 'Hiệu trưởng, tổ chuyên môn',
    owners: ['Hiệu trưởng', 'tổ chuyên môn'],
    timeline: 'Năm học 2023-2024',
    timelineStart: '2023-09',
    timelineEnd: '2024-05',
    budgetText: '25 tỷ đồng',
    budgetVnd: 25_000_000_000, // above 2^31: must survive as bigint
    fundingSource: 'Ngân sách',
    ...patch,
  };
}

export function reportItem(n: number): ReportItem {
  return {
    standard: 2,
    criterion: `2.${n}`,
    criterionName: null,
    level: null,
    rowNo: null,
    note: 'ghi chú',
    extra: {},
    provenance: provenance(n),
    confidence: 1,
    planned: 'Kế hoạch',
    adjusted: null,
    done: 'Đã hoàn thành',
    inProgress: null,
    notDone: 'Chưa (thiếu kinh phí)',
  };
}

export function taskItem(n: number): TaskItem {
  const { support: _plansOnly, ...planned } = planItem(n);
  return {
    ...planned,
    criterion: null,
    standard: null,
    level: null,
    content: `Nội dung ${n}`,
    indicator: '100% giáo viên',
    evidence: 'Biên bản',
    statusText: 'Đang thực hiện',
    status: 'in-progress',
  };
}

export function planExtraction(items = 3, patch: Partial<Extraction['document']> = {}): Extraction {
  return {
    kind: 'plan',
    document: {
      form: 'criterion-rows',
      circular: '19/2018',
      number: '12/KH-MN',
      place: 'Thanh Yên',
      issuedOn: '2023-10-01',
      schoolYear: '2023-2024',
      school: 'Trường mầm non Thanh Yên',
      schoolLevel: 'preschool',
      ...patch,
    },
    items: Array.from({ length: items }, (_, i) => planItem(i + 1)),
    focusIssues: [],
    monitoring: [],
    issues: [{ code: 'budget.unparsed', severity: 'warning', message: 'x' }],
  };
}

export function taskExtraction(): Extraction {
  return {
    kind: 'plan',
    document: { ...planExtraction().document, form: 'task-rows', circular: '57/2026' },
    items: [taskItem(1), taskItem(2)],
    focusIssues: [{ rowNo: '1', standard: 1, criterion: '1.4', currentState: 'Mức 1', limitation: 'Thiếu', cause: 'Kinh phí' }],
    monitoring: [{ when: 'Cuối học kỳ I', content: 'Theo dõi', result: 'Đạt', adjustment: null, assessor: 'Hiệu trưởng' }],
    issues: [],
  };
}

/** A layout with one tiny table; `marker` makes layouts differ. */
export function tinyLayout(marker = 'a'): Layout {
  return {
    source: { format: 'docx', reader: 'test', paginated: false },
    pages: [
      {
        number: 1,
        blocks: [
          { type: 'paragraph', lines: [`KẾ HOẠCH ${marker}`] },
          { type: 'table', index: 0, rows: 1, cols: 2, cells: [{ row: 0, col: 0, rowSpan: 1, colSpan: 1, lines: ['Tiêu chí 1.1'] }, { row: 0, col: 1, rowSpan: 1, colSpan: 1, lines: [marker] }] },
        ],
      },
    ],
    issues: [],
  };
}
