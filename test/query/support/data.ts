/**
 * Generated documents stored beside the DOCX fixtures, each written to exercise what the fixtures
 * lack: tone-mark variants ("Hòa" / "Hoà"), hostile characters, a formula-looking cell, funding
 * sources, low confidence, task statuses, a 2018 report on a plan, a 2026 report on the Đông Sơn
 * fixture, and a 57/2026 plan whose criterion "1.4" must never be summed with 19/2018's "1.4".
 */
import type { Extraction, PlanItem, ReportItem, TaskItem } from '../../../src/extract/contract.js';

const provenance = (row: number) => ({ page: null, table: 0, row, cells: [{ field: 'target', table: 0, row, col: 1, page: null }] });

export function plan(n: number, p: Partial<PlanItem>): PlanItem {
  return {
    standard: 1,
    criterion: '1.1',
    criterionName: null,
    level: null,
    rowNo: String(n + 1),
    note: null,
    extra: {},
    provenance: provenance(n + 1),
    confidence: 1,
    target: null,
    solution: null,
    support: null,
    owner: null,
    owners: [],
    timeline: null,
    timelineStart: null,
    timelineEnd: null,
    budgetText: null,
    budgetVnd: null,
    fundingSource: null,
    ...p,
  };
}

function report(n: number, p: Partial<ReportItem>): ReportItem {
  return { standard: 1, criterion: '1.1', criterionName: null, level: null, rowNo: null, note: null, extra: {}, provenance: provenance(n + 1), confidence: 1, planned: null, adjusted: null, done: null, inProgress: null, notDone: null, ...p };
}

function task(n: number, p: Partial<TaskItem>): TaskItem {
  const { support: _s, ...base } = plan(n, {});
  return { ...base, standard: null, criterion: null, content: null, indicator: null, evidence: null, statusText: null, status: null, ...p };
}

const meta = (p: Partial<Extraction['document']>): Extraction['document'] => ({
  form: 'criterion-rows',
  circular: null,
  number: null,
  place: null,
  issuedOn: null,
  schoolYear: null,
  school: null,
  schoolLevel: null,
  ...p,
});

const doc = (kind: Extraction['kind'], document: Extraction['document'], items: Extraction['items']): Extraction => ({ kind, document, items, focusIssues: [], monitoring: [], issues: [] });

/** The content of the Đông Sơn fixture's fifth task (it has no criterion; matched by content). */
export const DONGSON_TASK_5 = 'Xây dựng văn hóa đọc cho học sinh';

export const GENERATED: Record<string, Extraction> = {
  'hoabinh-kh': doc('plan', meta({ circular: '17/2018', schoolYear: '2024-2025', school: 'Trường Tiểu học Hòa Bình', schoolLevel: 'primary', issuedOn: '2024-09-20' }), [
    plan(0, { standard: 1, criterion: '1.1', level: 2, target: 'Xây dựng kế hoạch hoà nhập cho học sinh khuyết tật', owner: 'Phó hiệu trưởng', owners: ['Phó hiệu trưởng'], timelineStart: '2024-09', timelineEnd: '2025-05', confidence: 0.95 }),
    plan(1, { standard: 3, criterion: '3.1', level: 2, target: 'Sửa chữa phòng học cho học sinh hòa nhập', owner: 'Phó Hiệu Trưởng, tổ chuyên môn', owners: ['Phó Hiệu Trưởng', 'tổ chuyên môn'], budgetText: 'Ngân sách nhà nước: 120.000.000 đồng', budgetVnd: 120_000_000, fundingSource: 'Ngân sách nhà nước', timelineStart: '2024-09', timelineEnd: '2024-12', confidence: 0.6 }),
    plan(2, { standard: 3, criterion: '3.3', level: 3, target: '=HYPERLINK("http://example.invalid","bấm")', solution: '-Tham mưu, +bổ sung, @all', owner: 'Hiệu trưởng', owners: ['Hiệu trưởng'], budgetText: 'Không', budgetVnd: 0, fundingSource: 'Xã hội hóa', timelineStart: '2025-01', timelineEnd: null }),
    plan(3, { standard: 5, criterion: '5.2', level: 1, target: 'Tỉ lệ 100% học sinh_đạt chuẩn; lưu tại C:\\hs\\', owner: 'Giáo viên, "tổ trưởng"', owners: ['Giáo viên', '"tổ trưởng"'], budgetText: '2,5 tỷ đồng', budgetVnd: 2_500_000_000, fundingSource: 'Ngân sách nhà nước.', confidence: 0.9 }),
    plan(4, { standard: 2, criterion: '2.1', level: 2, target: 'Bồi dưỡng, tập huấn giáo viên; nhiều dòng\nvà "ngoặc kép"', owner: 'Phó hiệu trưởng', owners: ['Phó hiệu trưởng'], timelineStart: '2023-09', timelineEnd: '2024-05' }),
  ]),
  // The same school with the tone mark on the other vowel and in lower case: one school.
  'hoabinh-bc': doc('report', meta({ schoolYear: '2024-2025', school: 'Trường tiểu học Hoà Bình', schoolLevel: 'primary', issuedOn: '2025-05-25' }), [
    report(0, { standard: 1, criterion: '1.1', done: 'Đã xây dựng kế hoạch', inProgress: 'không', notDone: 'Không' }),
    report(1, { standard: 3, criterion: '3.1', done: 'Đã sửa 2 phòng', inProgress: 'Đang sửa phòng 3, chậm do thiếu kinh phí', notDone: 'Không' }),
    report(2, { standard: 3, criterion: '3.3', notDone: 'Chưa triển khai do chưa có kinh phí' }),
    report(3, { standard: 4, criterion: '4.1', done: 'Đã họp cha mẹ học sinh' }),
  ]),
  'dongson-bc': doc('report', meta({ form: 'task-rows', circular: '57/2026', schoolYear: '2026-2027', school: 'Trường THCS Đông Sơn', schoolLevel: 'lower-secondary', issuedOn: '2027-05-30' }), [
    task(0, { rowNo: '2', content: 'Nâng chuẩn trình độ đào tạo giáo viên', statusText: 'Hoàn thành', status: 'done' }),
    task(1, { rowNo: '1', content: 'Công khai kết quả tự đánh giá', statusText: 'Đang thực hiện', status: 'in-progress' }),
    task(2, { rowNo: '4', content: 'Bổ sung thiết bị', statusText: 'Chưa thực hiện', status: 'not-done' }),
    task(3, { rowNo: null, content: DONGSON_TASK_5, statusText: 'Đã hoàn thành', status: 'done' }),
    task(4, { rowNo: '6', content: 'Việc phát sinh ngoài kế hoạch', statusText: 'Hoàn thành', status: 'done' }),
  ]),
  'senhong-kh': doc('plan', meta({ form: 'task-rows', circular: '57/2026', schoolYear: '2026-2027', school: 'Trường Mầm non Sen Hồng', schoolLevel: 'preschool', issuedOn: '2026-09-15' }), [
    task(0, { standard: 1, criterion: '1.4', content: 'Công khai kết quả tự đánh giá', owner: 'Phó hiệu trưởng', owners: ['Phó hiệu trưởng'], budgetText: '30 triệu đồng', budgetVnd: 30_000_000, fundingSource: 'Ngân sách nhà nước', statusText: 'Chưa hoàn thành', status: 'not-done', confidence: 0.4, timelineStart: '2026-09', timelineEnd: '2027-05' }),
    task(1, { standard: 1, criterion: '1.4', content: 'Cập nhật phần mềm quản lý', owner: 'Hiệu trưởng', owners: ['Hiệu trưởng'], budgetText: '10 triệu đồng', budgetVnd: 10_000_000, statusText: 'Hoàn thành', status: 'done', timelineStart: '2026-10', timelineEnd: '2026-12' }),
    task(2, { standard: 2, criterion: '2.1', content: 'Bồi dưỡng giáo viên mầm non', owner: 'Tổ chuyên môn', owners: ['Tổ chuyên môn'], status: null, confidence: 0.7 }),
    // 3.2 is named differently for preschools and general schools under 57/2026.
    task(3, { standard: 3, criterion: '3.2', content: 'Đổi mới phương pháp chăm sóc trẻ', statusText: 'Đang thực hiện', status: 'in-progress' }),
  ]),
};
