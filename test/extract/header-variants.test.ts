/**
 * Plans and reports whose headers say little or say it their own way: blank, numbered only
 * "(1) (2) …", no header row at all, wordings the wordings table does not hold (HELD_OUT in
 * ./heldout-wordings.ts), abbreviations, synonyms, and two-row headers whose parent carries the
 * meaning. Each document is built from one spec as a DOCX, as the layout a .doc reader gives, and
 * as a PDF, and every field of every item is checked against the spec.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type Extraction, type PlanItem, type ReportItem } from '../../src/extract/index.js';
import { ingestDocx } from '../../src/ingest/docx.js';
import { ingestPdf } from '../../src/ingest/pdf.js';
import type { Layout } from '../../src/layout/layout.js';
import { HAVE_FONTS } from '../ingest/pdf-builder.js';
import { makeDocx, type CellSpec, type TableSpec } from '../helpers/make-docx.js';
import { makeTablePdf } from '../helpers/pdf-table.js';

// ---------------------------------------------------------------------------------------------
// The plan: ten columns, standards as spanning heading rows.

interface PlanRow {
  rowNo: string;
  criterion: string;
  level: string;
  target: string;
  solution: string;
  owner: string;
  timeline: string;
  budget: string;
  support: string;
  note: string;
  gold: Pick<PlanItem, 'standard' | 'criterion' | 'level' | 'owners' | 'timelineStart' | 'timelineEnd' | 'budgetVnd' | 'fundingSource'>;
}

const PLAN_BODY: (PlanRow | string)[] = [
  'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường',
  {
    rowNo: '1', criterion: 'Tiêu chí 1.1', level: 'Mức 2',
    target: 'Chiến lược phát triển nhà trường được công khai, 100% cán bộ giáo viên nắm được',
    solution: 'Tổ chức hội nghị quán triệt chiến lược; đăng tải trên trang thông tin điện tử của trường',
    owner: 'Hiệu trưởng, Phó hiệu trưởng', timeline: 'Tháng 9/2025', budget: '5.000.000 đồng', support: 'Không', note: '',
    gold: { standard: 1, criterion: '1.1', level: 2, owners: ['Hiệu trưởng', 'Phó hiệu trưởng'], timelineStart: '2025-09', timelineEnd: '2025-09', budgetVnd: 5_000_000, fundingSource: null },
  },
  {
    rowNo: '2', criterion: 'Tiêu chí 1.3', level: 'Giữ vững mức 1',
    target: 'Các tổ chức đoàn thể hoạt động hiệu quả, được xếp loại tốt',
    solution: 'Xây dựng quy chế phối hợp giữa nhà trường và các đoàn thể; kiểm tra định kỳ',
    owner: 'Chủ tịch Công đoàn; Bí thư Chi đoàn', timeline: 'Học kỳ I năm học 2025-2026',
    budget: 'Ngân sách: 10.000.000 đồng; XHH: 5.000.000 đồng', support: 'Không', note: '',
    gold: { standard: 1, criterion: '1.3', level: 1, owners: ['Chủ tịch Công đoàn', 'Bí thư Chi đoàn'], timelineStart: '2025-09', timelineEnd: '2026-01', budgetVnd: 15_000_000, fundingSource: 'Ngân sách; XHH' },
  },
  'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên và học sinh',
  {
    rowNo: '3', criterion: 'Tiêu chí 2.2', level: 'Mức 3',
    target: 'Đội ngũ giáo viên đạt chuẩn trình độ đào tạo theo quy định',
    solution: 'Cử giáo viên tham gia lớp bồi dưỡng nâng chuẩn; bố trí dạy thay hợp lý',
    owner: 'Hiệu trưởng; tổ trưởng chuyên môn', timeline: 'Từ 9/2025 đến 5/2026', budget: 'Từ nguồn ngân sách',
    support: 'Phòng GD&ĐT hỗ trợ', note: 'Ưu tiên',
    gold: { standard: 2, criterion: '2.2', level: 3, owners: ['Hiệu trưởng', 'tổ trưởng chuyên môn'], timelineStart: '2025-09', timelineEnd: '2026-05', budgetVnd: null, fundingSource: 'Từ nguồn ngân sách' },
  },
  'Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học',
  {
    rowNo: '4', criterion: 'Tiêu chí 3.1', level: 'Mức 2',
    target: 'Khuôn viên xanh, sạch, đẹp; sân chơi an toàn cho học sinh',
    solution: 'Tham mưu với UBND xã cải tạo sân trường, trồng thêm cây xanh',
    owner: 'Phó HT, Tổ trưởng CM, Kế toán', timeline: 'Năm 2026', budget: '1,5 tỷ đồng', support: 'Không', note: '',
    gold: { standard: 3, criterion: '3.1', level: 2, owners: ['Phó HT', 'Tổ trưởng CM', 'Kế toán'], timelineStart: '2026-01', timelineEnd: '2026-12', budgetVnd: 1_500_000_000, fundingSource: null },
  },
  {
    rowNo: '5', criterion: 'Tiêu chí 3.4', level: 'Mức 1',
    target: 'Thư viện có đủ sách tham khảo cho giáo viên và học sinh',
    solution: 'Vận động cha mẹ học sinh ủng hộ sách; mua bổ sung sách tham khảo',
    owner: 'Nhân viên thư viện', timeline: 'Quý 2/2026', budget: 'Ba trăm triệu đồng', support: 'Hội cha mẹ học sinh', note: '',
    gold: { standard: 3, criterion: '3.4', level: 1, owners: ['Nhân viên thư viện'], timelineStart: '2026-04', timelineEnd: '2026-06', budgetVnd: 300_000_000, fundingSource: null },
  },
  'Tiêu chuẩn 5: Hoạt động giáo dục và kết quả giáo dục',
  {
    rowNo: '6', criterion: 'Tiêu chí 5.2', level: 'Mức 2',
    target: 'Tỷ lệ học sinh hoàn thành chương trình lớp học đạt 98%',
    solution: 'Đổi mới phương pháp dạy học; tăng cường phụ đạo học sinh chưa hoàn thành',
    owner: 'Giáo viên chủ nhiệm, tổ chuyên môn', timeline: 'Năm học 2025-2026', budget: 'Không', support: 'Không', note: '',
    gold: { standard: 5, criterion: '5.2', level: 2, owners: ['Giáo viên chủ nhiệm', 'tổ chuyên môn'], timelineStart: '2025-09', timelineEnd: '2026-05', budgetVnd: 0, fundingSource: null },
  },
];

const PLAN_FIELDS = ['rowNo', 'criterion', 'level', 'target', 'solution', 'owner', 'timeline', 'budget', 'support', 'note'] as const;
const PLAN_WIDTHS = [28, 60, 52, 120, 130, 90, 80, 90, 72, 50];

/** How a header variant lets each plan column be read: the field, or `extra` under a key. */
type Reading = { field: string } | { extra: string } | null;

interface PlanVariant {
  name: string;
  header: CellSpec[][];
  /** What extraction can know of each column (default: every column its own field). */
  readings?: Partial<Record<(typeof PLAN_FIELDS)[number], Reading>>;
  /** The fields the cells alone decide (raising column.by_content). */
  byContent?: string[];
}

// The last column, right of every other field, with remarks in it, is the note by its place.
const blankReadings = {
  support: { extra: '(cột 9)' },
} as const;
const ALL_BY_CONTENT = ['rowNo', 'criterion', 'level', 'target', 'solution', 'owner', 'timeline', 'budgetText', 'note'];

const PLAN_VARIANTS: PlanVariant[] = [
  { name: 'the contract wordings (control)', header: [['TT', 'Tiêu chí', 'Mức', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí', 'Điều kiện hỗ trợ khác', 'Ghi chú']] },
  { name: 'a blank header row', header: [Array(10).fill('')], readings: blankReadings, byContent: ALL_BY_CONTENT },
  { name: 'numbered columns only', header: [Array.from({ length: 10 }, (_, i) => `(${i + 1})`)], readings: blankReadings, byContent: ALL_BY_CONTENT },
  { name: 'no header row at all', header: [], readings: blankReadings, byContent: ALL_BY_CONTENT },
  {
    name: 'held-out wordings (A)',
    header: [['STT', 'TC', 'Mức độ cần đạt', 'KQ cần đạt', 'Cách thức thực hiện', 'Phụ trách', 'Lộ trình thực hiện', 'Dự toán kinh phí', 'Điều kiện hỗ trợ thực hiện', 'Ghi chú khác']],
  },
  {
    name: 'held-out wordings (B)',
    header: [['Thứ tự', 'Tiêu chí cần cải tiến', 'Mức phấn đấu', 'Chỉ tiêu phấn đấu', 'Biện pháp chủ yếu', 'Người/đơn vị chủ trì', 'Hạn hoàn thành', 'KP thực hiện', 'Nguồn lực hỗ trợ', 'GC']],
  },
  {
    name: 'held-out wordings (C)',
    header: [['TT', 'Tiêu chí', 'Mức', 'Sản phẩm đầu ra', 'Nhiệm vụ, giải pháp', 'Cán bộ phụ trách', 'Thời gian hoàn thành', 'Chi phí dự kiến', 'Hỗ trợ', 'Ghi chú']],
  },
  {
    name: 'held-out wordings (D)',
    header: [['Số TT', 'Tiêu chí', 'Mức', 'Mục tiêu phấn đấu', 'Hoạt động cải tiến', 'Lực lượng thực hiện', 'Tiến độ thực hiện', 'Ngân sách dự kiến', 'ĐK hỗ trợ', 'Ghi chú']],
  },
  {
    name: 'abbreviations',
    header: [['TT', 'TC', 'Mức', 'KQ cần đạt', 'GP thực hiện', 'Người phụ trách (HT, PHT, tổ trưởng CM)', 'TG thực hiện', 'KP (đồng)', 'ĐK hỗ trợ khác', 'GC']],
  },
  {
    name: 'a two-row header whose parents carry the meaning',
    header: [
      [{ text: 'TT', rowSpan: 2 }, { text: 'Tiêu chí', rowSpan: 2 }, { text: 'Mức', rowSpan: 2 }, { text: 'Nội dung cải tiến', colSpan: 2 }, { text: 'Tổ chức thực hiện', colSpan: 4 }, { text: 'Ghi chú', rowSpan: 2 }],
      ['Cần đạt', 'Việc cần làm', 'Phụ trách', 'Thời hạn', 'Dự toán', 'Hỗ trợ'],
    ],
  },
  {
    name: 'blank wordings over a few unlisted ones',
    header: [['', '', '', 'KQ mong đợi', '', 'Phụ trách', '', 'Dự toán (VNĐ)', '', '']],
    readings: blankReadings,
    byContent: ['rowNo', 'criterion', 'level', 'solution', 'timeline', 'note'],
  },
];

function planTable(header: CellSpec[][]): TableSpec {
  return {
    header,
    plainHeader: true,
    rows: PLAN_BODY.map((r) => (typeof r === 'string' ? [{ text: r, colSpan: 10 }] : PLAN_FIELDS.map((f) => r[f]))),
  };
}

function expectedPlanItems(variant: PlanVariant): unknown[] {
  const reading = (f: (typeof PLAN_FIELDS)[number]): Reading => (variant.readings && f in variant.readings ? variant.readings[f]! : { field: f });
  return PLAN_BODY.filter((r): r is PlanRow => typeof r !== 'string').map((r) => {
    const text = (f: (typeof PLAN_FIELDS)[number]) => {
      const read = reading(f);
      return read && 'field' in read && r[f] !== '' ? r[f] : null;
    };
    const extra: Record<string, string> = {};
    for (const f of PLAN_FIELDS) {
      const read = reading(f);
      if (read && 'extra' in read && r[f] !== '') extra[read.extra] = r[f];
    }
    return {
      ...r.gold,
      criterionName: null,
      rowNo: text('rowNo'),
      note: text('note'),
      extra,
      target: text('target'),
      solution: text('solution'),
      support: text('support'),
      owner: text('owner'),
      timeline: text('timeline'),
      budgetText: text('budget'),
    };
  });
}

const withoutProvenance = (items: Extraction['items']) => items.map(({ provenance: _p, confidence: _c, ...rest }) => rest);

/**
 * The layout a legacy .doc reader gives for the same document: the same cells and merges, no
 * header-row marks (old Word files seldom set "repeat as header row"), no pages.
 */
function asDocLayout(layout: Layout): Layout {
  return {
    ...layout,
    source: { format: 'doc', reader: 'word-binary', paginated: false },
    pages: layout.pages.map((p) => ({
      ...p,
      blocks: p.blocks.map((b) => (b.type === 'table' ? { ...b, cells: b.cells.map(({ header: _h, ...c }) => c) } : b)),
    })),
  };
}

/** The document as DOCX, as the .doc reader's layout of it, and as a PDF. */
async function extractBoth(title: string[], table: TableSpec, widths: number[]): Promise<[string, Extraction][]> {
  const layout = await ingestDocx(await makeDocx([title, table], { landscape: true }));
  const out: [string, Extraction][] = [
    ['docx', extractDocument(layout)],
    ['doc', extractDocument(asDocLayout(layout))],
  ];
  if (HAVE_FONTS) out.push(['pdf', extractDocument(await ingestPdf(await makeTablePdf(title, table, widths)))]);
  return out;
}

const PLAN_TITLE = ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2025 - 2026'];

describe.each(PLAN_VARIANTS)('a plan with $name', (variant) => {
  it('reads every field of every item, in DOCX, .doc and PDF', async () => {
    for (const [format, r] of await extractBoth(PLAN_TITLE, planTable(variant.header), PLAN_WIDTHS)) {
      expect(r.kind, format).toBe('plan');
      expect(withoutProvenance(r.items), format).toEqual(expectedPlanItems(variant));
      const byContent = r.issues.filter((i) => i.code === 'column.by_content').map((i) => i.field).sort();
      expect(byContent, format).toEqual([...(variant.byContent ?? [])].sort());
      expect(r.issues.filter((i) => i.code === 'column.disagree'), format).toEqual([]);
      for (const item of r.items) {
        const columns = item.provenance.columns ?? {};
        for (const f of variant.byContent ?? []) expect(columns[f], `${format} ${f}`).toBe('content');
        for (const [f, how] of Object.entries(columns)) if (!(variant.byContent ?? []).includes(f)) expect(how, `${format} ${f}`).not.toBe('content');
        // A field read from the cells alone is a doubt, and the confidence says so.
        if (variant.byContent?.length) expect(item.confidence).toBeLessThan(0.9);
        else expect(item.confidence).toBeGreaterThanOrEqual(0.8);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The report: eight columns; in each row one of done / in progress / not done is filled.

interface ReportRow {
  rowNo: string;
  criterion: string;
  planned: string;
  adjusted: string;
  done: string;
  inProgress: string;
  notDone: string;
  note: string;
  standard: number;
}

const REPORT_BODY: (ReportRow | string)[] = [
  'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường',
  {
    rowNo: '1', criterion: 'Tiêu chí 1.7', standard: 1,
    planned: 'Nhà trường sẽ xây dựng kế hoạch bồi dưỡng chuyên môn cho đội ngũ',
    adjusted: 'Bổ sung nội dung bồi dưỡng kỹ năng số cho giáo viên',
    done: 'Đã tổ chức 04 buổi bồi dưỡng chuyên môn cho giáo viên', inProgress: '', notDone: '', note: '',
  },
  'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên',
  {
    rowNo: '2', criterion: 'Tiêu chí 2.1', standard: 2,
    planned: 'Tạo điều kiện cho phó hiệu trưởng học lớp bồi dưỡng ngạch chuyên viên',
    adjusted: 'Giữ nguyên nội dung kế hoạch',
    done: '', inProgress: 'Đang theo học, chậm do lịch học thay đổi', notDone: '', note: '',
  },
  'Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học',
  {
    rowNo: '3', criterion: 'Tiêu chí 3.4', standard: 3,
    planned: 'Trang bị xe tiếp cơm cho các khối lớp', adjusted: 'Trang bị xe tiếp cơm cho khối chồi',
    done: '', inProgress: '', notDone: 'Chưa thực hiện do chưa có kinh phí', note: 'Chuyển sang năm sau',
  },
  {
    rowNo: '4', criterion: 'Tiêu chí 3.6', standard: 3,
    planned: 'Thay vách ngăn cho các lớp học', adjusted: 'Thay vách ngăn cho khối chồi và phòng trống',
    done: 'Đã thay vách ngăn cho khối chồi', inProgress: '', notDone: '', note: '',
  },
  'Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ',
  {
    rowNo: '5', criterion: 'Tiêu chí 5.3', standard: 5,
    planned: 'Tổ chức hoạt động trải nghiệm cho trẻ theo chủ đề', adjusted: 'Giữ nguyên nội dung kế hoạch',
    done: '', inProgress: 'Tiếp tục tổ chức trong học kỳ II', notDone: '', note: '',
  },
];

const REPORT_FIELDS = ['rowNo', 'criterion', 'planned', 'adjusted', 'done', 'inProgress', 'notDone', 'note'] as const;
const REPORT_WIDTHS = [28, 70, 130, 120, 120, 120, 110, 70];

interface ReportVariant {
  name: string;
  header: CellSpec[][];
  /** Blank headers: the note column is kept under extra, and these fields come from the cells. */
  blank?: boolean;
}

const REPORT_VARIANTS: ReportVariant[] = [
  {
    name: 'the two-row header of issue 15 (parent "Nội dung kế hoạch cải tiến chất lượng", children "Xây dựng đầu năm" / "Điều chỉnh")',
    header: [
      [{ text: 'TT', rowSpan: 2 }, { text: 'Tiêu chuẩn, tiêu chí', rowSpan: 2 }, { text: 'Nội dung kế hoạch cải tiến chất lượng', colSpan: 2 }, { text: 'Kết quả thực hiện', colSpan: 3 }, { text: 'Ghi chú', rowSpan: 2 }],
      ['Xây dựng đầu năm', 'Điều chỉnh', 'Đã hoàn thành', 'Đang thực hiện hoặc chậm tiến độ (lý do)', 'Chưa thực hiện'],
    ],
  },
  {
    name: 'synonyms: đề ra, đã thực hiện xong, đang triển khai / chậm so với kế hoạch, chưa triển khai',
    header: [
      [{ text: 'TT', rowSpan: 2 }, { text: 'Tiêu chí', rowSpan: 2 }, { text: 'ND KH', colSpan: 2 }, { text: 'KQ thực hiện', colSpan: 3 }, { text: 'Ghi chú', rowSpan: 2 }],
      ['Đề ra', 'Điều chỉnh, bổ sung', 'Đã thực hiện xong', 'Đang triển khai, chậm so với kế hoạch', 'Chưa triển khai (lý do)'],
    ],
  },
  {
    name: 'synonyms: ban đầu, sửa đổi, triển khai xong, đang tiến hành, chưa tiến hành',
    header: [['STT', 'TC', 'Kế hoạch ban đầu', 'Kế hoạch sửa đổi', 'Việc đã triển khai xong', 'Việc đang tiến hành', 'Việc chưa tiến hành', 'Ghi chú']],
  },
  {
    name: 'abbreviations in one header row',
    header: [['TT', 'TC', 'ND KH XD đầu năm', 'ND KH đã điều chỉnh', 'CV đã triển khai xong', 'CV đang triển khai/chậm so với KH', 'CV chưa triển khai', 'GC']],
  },
  {
    name: 'held-out wordings',
    header: [['TT', 'Tiêu chí', 'KH ban đầu', 'KH điều chỉnh, bổ sung', 'Những việc đã làm xong', 'Những nội dung đang thực hiện', 'Những việc chưa làm', 'Ghi chú']],
  },
  { name: 'a blank header row', header: [Array(8).fill('')], blank: true },
  { name: 'numbered columns only', header: [Array.from({ length: 8 }, (_, i) => `(${i + 1})`)], blank: true },
];

function reportTable(header: CellSpec[][]): TableSpec {
  return {
    header,
    plainHeader: true,
    rows: REPORT_BODY.map((r) => (typeof r === 'string' ? [{ text: r, colSpan: 8 }] : REPORT_FIELDS.map((f) => r[f]))),
  };
}

function expectedReportItems(blank: boolean): Partial<ReportItem>[] {
  const orNull = (s: string) => (s === '' ? null : s);
  return REPORT_BODY.filter((r): r is ReportRow => typeof r !== 'string').map((r) => ({
    standard: r.standard,
    criterion: r.criterion.replace('Tiêu chí ', ''),
    criterionName: null,
    level: null,
    rowNo: r.rowNo,
    note: orNull(r.note),
    extra: {} as Record<string, string>,
    planned: r.planned,
    adjusted: r.adjusted,
    done: orNull(r.done),
    inProgress: orNull(r.inProgress),
    notDone: orNull(r.notDone),
  }));
}

const REPORT_TITLE = ['BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG', 'Năm học 2024 - 2025'];

describe.each(REPORT_VARIANTS)('a report with $name', (variant) => {
  it('reads every field of every item, in DOCX, .doc and PDF', async () => {
    for (const [format, r] of await extractBoth(REPORT_TITLE, reportTable(variant.header), REPORT_WIDTHS)) {
      expect(r.kind, format).toBe('report');
      expect(withoutProvenance(r.items), format).toEqual(expectedReportItems(variant.blank ?? false));
      const byContent = r.issues.filter((i) => i.code === 'column.by_content').map((i) => i.field).sort();
      expect(byContent, format).toEqual(variant.blank ? ['adjusted', 'criterion', 'done', 'inProgress', 'notDone', 'note', 'planned', 'rowNo'] : []);
      for (const item of r.items) {
        const how = Object.values(item.provenance.columns ?? {});
        expect(how.length).toBeGreaterThan(0);
        if (!variant.blank) expect(how).not.toContain('content');
      }
    }
  });
});

describe('a report whose header names two of its three result columns', () => {
  // One result header is a wording no table holds ("Việc dang dở": unfinished work) or a scan's
  // misreading ("Việc chưalàm"); the other two are named. The open column is the one that sits with
  // them and whose cells open with the missing field's words; it is not the adjusted plan column.
  const cases: { name: string; result: [string, string, string]; byContent: string }[] = [
    { name: 'in progress unnamed', result: ['Đã hoàn thành', 'Việc dang dở', 'Chưa thực hiện'], byContent: 'inProgress' },
    { name: 'not done misread', result: ['Đã hoàn thành', 'Đang thực hiện', 'Việc chưalàm'], byContent: 'notDone' },
    { name: 'done unnamed', result: ['Kết cục', 'Đang thực hiện', 'Chưa thực hiện'], byContent: 'done' },
  ];
  it.each(cases)('$name', async ({ result, byContent }) => {
    const header = [['TT', 'Tiêu chí', 'Xây dựng đầu năm', 'Điều chỉnh', ...result, 'Ghi chú']];
    for (const [format, r] of await extractBoth(REPORT_TITLE, reportTable(header), REPORT_WIDTHS)) {
      expect(withoutProvenance(r.items), format).toEqual(expectedReportItems(false));
      const fields = r.issues.filter((i) => i.code === 'column.by_content' || i.code === 'column.unmapped').map((i) => i.field ?? i.message);
      expect(fields.every((f) => f === byContent), `${format}: ${JSON.stringify(fields)}`).toBe(true);
    }
  });
});

// ---------------------------------------------------------------------------------------------

describe('tables that are not plans, whatever their header', () => {
  it('gives no items for a results matrix with a blank header, and reads the plan after it', async () => {
    const r = extractDocument(
      await ingestDocx(
        await makeDocx([
          PLAN_TITLE,
          { header: [Array(7).fill('')], plainHeader: true, rows: [['Tiêu chí 1.1', 'x', 'x', '', 'x', '', ''], ['Tiêu chí 1.2', 'x', '', 'x', '', '', 'x'], ['Tiêu chí 1.3', 'x', 'x', 'x', '', '', '']] },
          'III. NỘI DUNG KẾ HOẠCH',
          planTable([Array(10).fill('')]),
        ]),
      ),
    );
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.3', '2.2', '3.1', '3.4', '5.2']);
    expect(r.items.map((i) => (i as PlanItem).budgetVnd)).toEqual([5_000_000, 15_000_000, null, 1_500_000_000, 300_000_000, 0]);
  });

  it('still refuses a document whose only table has no criterion codes', async () => {
    const layout = await ingestDocx(await makeDocx(['Danh sách', { header: [['', '', '']], rows: [['1', 'Nguyễn Văn A', 'Hiệu trưởng'], ['2', 'Trần Thị B', 'Giáo viên']] }]));
    expect(() => extractDocument(layout)).toThrow(/no plan or report table/);
  });
});

describe('headers that look like a field but map to none', () => {
  it('raises column.unmapped for a budget column in a report, and keeps its text under extra', async () => {
    const header = [['TT', 'Tiêu chí', 'ND kế hoạch xây dựng đầu năm', 'Đã hoàn thành', 'Đang triển khai', 'Chưa triển khai', 'Kinh phí đã chi']];
    const r = extractDocument(
      await ingestDocx(await makeDocx([REPORT_TITLE, { header, rows: [['1', 'Tiêu chí 1.1', 'Kế hoạch A', 'Đã làm A', '', '', '2.000.000 đồng']] }])),
    );
    expect(r.items[0]).toMatchObject({ planned: 'Kế hoạch A', done: 'Đã làm A', extra: { 'Kinh phí đã chi': '2.000.000 đồng' } });
    expect(r.issues.filter((i) => i.code === 'column.unmapped').map((i) => i.message)).toEqual([
      expect.stringContaining('"Kinh phí đã chi" reads like budgetText'),
    ]);
  });

  it('does not take a note column right of the solution for the target a plan without one lacks', async () => {
    // "Ghi chú khác" as a scan read it: no field's wording, sentences in its cells.
    const header = [['TT', 'Tiêu chí', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Gh hú khác']];
    const rows = [
      ['1', 'Tiêu chí 1.1', 'Tổ chức hội nghị quán triệt', 'Hiệu trưởng', 'Tháng 9/2025', 'Ưu tiên thực hiện trước'],
      ['2', 'Tiêu chí 1.2', 'Rà soát quy chế hoạt động', 'Phó hiệu trưởng', 'Tháng 10/2025', 'Đã có kế hoạch chi tiết'],
    ];
    const r = extractDocument(await ingestDocx(await makeDocx([PLAN_TITLE, { header, rows }])));
    expect(r.items.map((i) => [(i as PlanItem).target, (i as PlanItem).solution, i.extra])).toEqual([
      [null, 'Tổ chức hội nghị quán triệt', { 'Gh hú khác': 'Ưu tiên thực hiện trước' }],
      [null, 'Rà soát quy chế hoạt động', { 'Gh hú khác': 'Đã có kế hoạch chi tiết' }],
    ]);
  });

  it('raises column.disagree when the cells plainly hold something else than the header says, and keeps the header', async () => {
    const header = [['TT', 'Tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Thời gian', 'Kinh phí']];
    const rows = [
      ['1', 'Tiêu chí 1.1', 'Kết quả A đạt', 'Tổ chức việc A', '5.000.000 đồng', 'Năm 2026'],
      ['2', 'Tiêu chí 1.2', 'Kết quả B đạt', 'Tổ chức việc B', '3.000.000 đồng', 'Tháng 9/2025'],
      ['3', 'Tiêu chí 1.3', 'Kết quả C đạt', 'Tổ chức việc C', '1 tỷ đồng', 'Quý 2/2026'],
    ];
    const r = extractDocument(await ingestDocx(await makeDocx([PLAN_TITLE, { header, rows }])));
    expect((r.items[0] as PlanItem).timeline).toBe('5.000.000 đồng');
    expect(r.issues.filter((i) => i.code === 'column.disagree').map((i) => i.field).sort()).toEqual(['budgetText', 'timeline']);
  });
});

describe('tables keyed by criterion that are not the plan', () => {
  it('gives no items for a task-assignment table that mentions criteria inside its sentences', async () => {
    const r = extractDocument(
      await ingestDocx(
        await makeDocx([
          PLAN_TITLE,
          planTable([['TT', 'Tiêu chí', 'Mức', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí', 'Điều kiện hỗ trợ khác', 'Ghi chú']]),
          'IV. PHÂN CÔNG THỰC HIỆN',
          {
            header: [['', '', '', '']],
            plainHeader: true,
            rows: [
              ['1', 'Nguyễn Thị Lan', 'Hiệu trưởng', 'Viết báo cáo tiêu chí 1.1, tiêu chí 1.2 và tổng hợp'],
              ['2', 'Lương Thị Thu', 'Phó hiệu trưởng', 'Thu thập minh chứng tiêu chí 2.2 và tiêu chí 3.1'],
              ['3', 'Cà Văn Hùng', 'Tổ trưởng chuyên môn', 'Rà soát tiêu chí 5.2 cùng tổ chuyên môn'],
            ],
          },
        ]),
      ),
    );
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.3', '2.2', '3.1', '3.4', '5.2']);
  });
});

describe('a header of which one word is known', () => {
  it('is still the header: its other columns are read from their cells, and nothing of it is taken for content', async () => {
    const header = [['', '', '', '', '', 'Phụ trách', '', '', '', '']];
    for (const [format, r] of await extractBoth(PLAN_TITLE, planTable(header), PLAN_WIDTHS)) {
      expect(withoutProvenance(r.items), format).toEqual(expectedPlanItems({ name: '', header, readings: blankReadings }));
      expect(r.issues.filter((i) => i.code === 'row.no_criterion'), format).toEqual([]);
      expect(r.items[0].provenance.columns, format).toMatchObject({ owner: 'both', budgetText: 'content', target: 'content' });
    }
  });
});
