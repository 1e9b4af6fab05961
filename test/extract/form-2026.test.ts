/**
 * The 2026 form (Circular 57/2026) on documents built in code: header wordings, reports with
 * statuses, tasks without criteria, table order, page-split task tables, and a results matrix.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type TaskItem } from '../../src/extract/index.js';
import { ingestDocx } from '../../src/ingest/docx.js';
import { letterhead, makeDocx, type BlockSpec, type TableSpec } from '../helpers/make-docx.js';

async function extract(blocks: BlockSpec[]) {
  return extractDocument(await ingestDocx(await makeDocx(blocks, { landscape: true })));
}

const head = [
  letterhead({ agency: 'UBND XÃ TÂN LẬP', school: 'TRƯỜNG TIỂU HỌC TÂN LẬP', number: 'Số: 20/KH-THTL', placeDate: 'Tân Lập, ngày 20 tháng 9 năm 2026' }),
  ['KẾ HOẠCH', 'Cải tiến chất lượng giáo dục năm học 2026-2027'],
  'Căn cứ Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ trưởng Bộ Giáo dục và Đào tạo; Báo cáo tự đánh giá của Trường Tiểu học Tân Lập.',
];

const focus: TableSpec = {
  header: [['TT', 'Tiêu chuẩn', 'Tiêu chí', 'Đánh giá hiện trạng', 'Điểm hạn chế', 'Nguyên nhân của hạn chế']],
  rows: [
    ['1', 'Tiêu chuẩn 2', 'Tiêu chí 2.1', 'Đạt Mức 1', 'Thiếu giáo viên tiếng Anh', 'Khó tuyển dụng'],
    ['2', 'Cơ sở vật chất, thiết bị và thư viện', '3.3', 'Chưa đạt', 'Thư viện chật', 'Thiếu kinh phí'],
  ],
};

const shortHeader = ['TT', 'Nội dung', 'Mục tiêu', 'Giải pháp', 'Chỉ số kết quả', 'Thời gian', 'Phụ trách', 'Nguồn lực', 'Minh chứng dự kiến', 'Mức độ'];

describe('2026-form plans', () => {
  it('reads short headers without a numbering row, tasks with and without a criterion', async () => {
    const r = await extract([
      ...head,
      focus,
      {
        header: [shortHeader],
        rows: [
          ['1', 'Tuyển giáo viên tiếng Anh (TC 2.1)', 'Đủ giáo viên', 'Tham mưu UBND xã', 'Số giáo viên', 'Học kỳ I năm học 2026-2027', 'Hiệu trưởng', 'Ngân sách nhà nước 120 triệu đồng', 'Quyết định tuyển dụng', ''],
          ['2', 'Mở rộng thư viện', 'Thư viện đạt chuẩn', 'Cải tạo phòng học cũ (1.4)', 'Diện tích', 'Quý II/2027', 'Kế toán; nhân viên thư viện', 'Xã hội hóa', 'Biên bản nghiệm thu', ''],
          ['3', 'Xây dựng tủ sách lớp học', 'Mỗi lớp 50 đầu sách', 'Vận động phụ huynh', 'Số đầu sách', 'Từ 10/2026 đến 3/2027', 'Giáo viên chủ nhiệm', 'Không', 'Sổ theo dõi', ''],
        ],
      },
    ]);
    expect(r.kind).toBe('plan');
    expect(r.document).toMatchObject({ form: 'task-rows', circular: '57/2026', schoolYear: '2026-2027', school: 'Trường Tiểu học Tân Lập', schoolLevel: 'primary', number: '20/KH-THTL' });
    const items = r.items as TaskItem[];
    expect(items.map((i) => [i.rowNo, i.criterion, i.standard])).toEqual([
      ['1', '2.1', 2],
      ['2', '1.4', 1],
      ['3', null, null],
    ]);
    expect(items[0]).toMatchObject({ content: 'Tuyển giáo viên tiếng Anh (TC 2.1)', indicator: 'Số giáo viên', evidence: 'Quyết định tuyển dụng', budgetVnd: 120_000_000, timelineStart: '2026-09', timelineEnd: '2027-01', status: null, statusText: null, level: null });
    expect(items[1]).toMatchObject({ budgetVnd: null, fundingSource: 'Xã hội hóa', owners: ['Kế toán', 'nhân viên thư viện'], timelineStart: '2027-04', timelineEnd: '2027-06' });
    expect(items[2]).toMatchObject({ budgetVnd: 0, timelineStart: '2026-10', timelineEnd: '2027-03' });
    expect(r.focusIssues).toEqual([
      { rowNo: '1', standard: 2, criterion: '2.1', currentState: 'Đạt Mức 1', limitation: 'Thiếu giáo viên tiếng Anh', cause: 'Khó tuyển dụng' },
      { rowNo: '2', standard: 3, criterion: '3.3', currentState: 'Chưa đạt', limitation: 'Thư viện chật', cause: 'Thiếu kinh phí' },
    ]);
  });

  it('reads a report: the task table with its status column filled, and the monitoring table', async () => {
    const r = await extract([
      ['BÁO CÁO', 'Kết quả thực hiện kế hoạch cải tiến chất lượng năm học 2026-2027'],
      'Thực hiện Thông tư 57/2026/TT-BGDĐT.',
      {
        header: [['TT', 'Nội dung cải tiến', 'Mục tiêu cải tiến', 'Hoạt động/giải pháp', 'Chỉ số đánh giá kết quả', 'Thời gian thực hiện', 'Đơn vị/cá nhân phụ trách', 'Nguồn lực bảo đảm', 'Thông tin, dữ liệu hoặc minh chứng dự kiến', 'Mức độ thực hiện']],
        rows: [
          ['1', 'Việc A (Tiêu chí 1.2)', 'M', 'G', 'C', 'Năm học 2026-2027', 'Hiệu trưởng', '', 'E', 'Hoàn thành'],
          ['2', 'Việc B', 'M', 'G', 'C', 'Năm học 2026-2027', 'Hiệu trưởng', '', 'E', 'Đang thực hiện'],
          ['3', 'Việc C', 'M', 'G', 'C', 'Năm học 2026-2027', 'Hiệu trưởng', '', 'E', 'Chưa hoàn thành'],
        ],
      },
      {
        header: [['Thời điểm', 'Nội dung theo dõi', 'Kết quả thực hiện', 'Điều chỉnh (nếu có)', 'Người đánh giá']],
        rows: [
          ['Cuối học kỳ I', 'Tiến độ', 'Đạt 2/3 việc', 'Lùi việc C', 'Hiệu trưởng'],
          ['Cuối năm học', 'Mức độ hoàn thành', 'Đạt', '', 'Hội đồng tự đánh giá'],
        ],
      },
    ]);
    expect(r.kind).toBe('report');
    expect(r.document.form).toBe('task-rows');
    expect((r.items as TaskItem[]).map((i) => [i.status, i.statusText])).toEqual([
      ['done', 'Hoàn thành'],
      ['in-progress', 'Đang thực hiện'],
      ['not-done', 'Chưa hoàn thành'],
    ]);
    expect(r.monitoring).toEqual([
      { when: 'Cuối học kỳ I', content: 'Tiến độ', result: 'Đạt 2/3 việc', adjustment: 'Lùi việc C', assessor: 'Hiệu trưởng' },
      { when: 'Cuối năm học', content: 'Mức độ hoàn thành', result: 'Đạt', adjustment: null, assessor: 'Hội đồng tự đánh giá' },
    ]);
  });

  it('reads a focus table placed after the task table, and a task table split over two pages with its header repeated', async () => {
    const numbering = ['', '(1)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'];
    const r = await extract([
      ...head,
      { header: [shortHeader, numbering], plainHeader: true, rows: [['1', 'Việc một (TC 4.2)', 'Mục tiêu một', 'Giải pháp một', 'Chỉ số', 'Năm học 2026-2027', 'Hiệu trưởng', 'Ngân sách xã 350 triệu đồng; xã hội hóa', 'Minh chứng', '']] },
      { header: [shortHeader], plainHeader: true, rows: [['', 'tiếp theo', '', 'và hai', '', '', '', '50 triệu đồng', '', ''], ['2', 'Việc hai', 'Mục tiêu hai', 'Giải pháp hai', 'Chỉ số', 'Năm 2027', 'Phó hiệu trưởng', '', 'Minh chứng', '']] },
      'Tóm tắt các vấn đề trọng tâm cần cải tiến',
      focus,
    ]);
    const items = r.items as TaskItem[];
    expect(items.map((i) => i.rowNo)).toEqual(['1', '2']);
    expect(items[0]).toMatchObject({ content: 'Việc một (TC 4.2) tiếp theo', solution: 'Giải pháp một và hai', criterion: '4.2', standard: 4, budgetVnd: 400_000_000 });
    expect(r.focusIssues.map((f) => f.criterion)).toEqual(['2.1', '3.3']);
  });

  it('gives no items for a results matrix before the plan', async () => {
    const r = await extract([
      ...head,
      {
        header: [['Tiêu chí', { text: 'Mức 1', colSpan: 3 }, { text: 'Mức 2', colSpan: 3 }], ['', 'a', 'b', 'c', 'a', 'b', 'c']],
        rows: [['1.1', 'x', 'x', 'x', 'x', '', ''], ['1.2', 'x', 'x', 'x', '', '', '']],
      },
      { header: [shortHeader], rows: [['1', 'Việc', 'M', 'G', 'C', 'Năm học 2026-2027', 'HT', '', 'E', '']] },
    ]);
    expect(r.items).toHaveLength(1);
    expect(r.items[0].rowNo).toBe('1');
  });

  it('gives the focus issues, no items and a warning when there is no task table', async () => {
    const r = await extract([...head, focus]);
    expect(r.document.form).toBe('task-rows');
    expect(r.items).toEqual([]);
    expect(r.focusIssues).toHaveLength(2);
    expect(r.issues.map((i) => i.code)).toContain('table.no_tasks');
  });

  it('decides the form by the table, not by the circular cited', async () => {
    const r = await extract([
      ...head,
      { header: [['TT', 'Tiêu chuẩn, tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí']], rows: [['', 'Tiêu chí 1.2', 'K', 'G', 'HT', 'Năm 2027', '']] },
    ]);
    expect(r.document).toMatchObject({ form: 'criterion-rows', circular: '57/2026' });
    expect(r.items.map((i) => i.criterion)).toEqual(['1.2']);
  });

  it('reads a task table whose header maps only some columns, all in the form\'s places, by the form\'s order', async () => {
    const header = ['TT', 'Nội dung', 'Kỳ vọng', 'Giải pháp', 'Chỉ số kết quả', 'Thời gian', 'Phụ trách', 'Nguồn lực', 'MC dự kiến'];
    const r = await extract([
      ...head,
      focus,
      {
        header: [header],
        rows: [
          ['1', 'Tuyển giáo viên tiếng Anh (TC 2.1)', 'Đủ giáo viên', 'Tham mưu UBND xã', 'Số giáo viên', 'Học kỳ I năm học 2026-2027', 'Hiệu trưởng', 'Ngân sách nhà nước', 'Quyết định tuyển dụng'],
          ['2', 'Mở rộng thư viện', 'Thư viện đạt chuẩn', 'Cải tạo phòng học cũ', 'Diện tích', 'Quý II/2027', 'Kế toán', 'Xã hội hóa', 'Biên bản nghiệm thu'],
        ],
      },
    ]);
    const items = r.items as TaskItem[];
    expect(items.map((i) => [i.rowNo, i.target, i.evidence])).toEqual([
      ['1', 'Đủ giáo viên', 'Quyết định tuyển dụng'],
      ['2', 'Thư viện đạt chuẩn', 'Biên bản nghiệm thu'],
    ]);
    const issue = r.issues.find((i) => i.code === 'column.by_form_order');
    expect(issue?.message).toContain('"Kỳ vọng"');
    expect(issue?.message).toContain('"MC dự kiến"');
  });

  it('reads a task table headed only by "(1) … (9)" in the form\'s order, at most 0.84 sure', async () => {
    const r = await extract([
      ...head,
      focus,
      {
        header: [Array.from({ length: 9 }, (_, k) => `(${k + 1})`)],
        rows: [
          ['1', 'Tuyển giáo viên tiếng Anh (TC 2.1)', 'Đủ giáo viên', 'Tham mưu UBND xã', 'Số giáo viên', 'Học kỳ I năm học 2026-2027', 'Hiệu trưởng', 'Ngân sách nhà nước', 'Quyết định tuyển dụng'],
          ['2', 'Mở rộng thư viện', 'Thư viện đạt chuẩn', 'Cải tạo phòng học cũ', 'Diện tích', 'Quý II/2027', 'Kế toán, nhân viên', 'Xã hội hóa', 'Biên bản nghiệm thu'],
        ],
      },
    ]);
    const items = r.items as TaskItem[];
    expect(items.map((i) => [i.rowNo, i.content, i.timelineStart, i.owner, i.evidence])).toEqual([
      ['1', 'Tuyển giáo viên tiếng Anh (TC 2.1)', '2026-09', 'Hiệu trưởng', 'Quyết định tuyển dụng'],
      ['2', 'Mở rộng thư viện', '2027-04', 'Kế toán, nhân viên', 'Biên bản nghiệm thu'],
    ]);
    expect(items.every((i) => i.confidence <= 0.84)).toBe(true);
    expect(r.issues.map((i) => i.code)).toContain('column.by_form_order');
  });

  it('reads a task table whose header row was left empty above its "(1) … (9)" row', async () => {
    const r = await extract([
      ...head,
      focus,
      {
        header: [Array.from({ length: 9 }, () => ''), Array.from({ length: 9 }, (_, k) => `(${k + 1})`)],
        rows: [
          ['1', 'Tuyển giáo viên tiếng Anh (TC 2.1)', 'Đủ giáo viên', 'Tham mưu UBND xã', 'Số giáo viên', 'Học kỳ I năm học 2026-2027', 'Hiệu trưởng', 'Ngân sách nhà nước', 'Quyết định tuyển dụng'],
          ['2', 'Mở rộng thư viện', 'Thư viện đạt chuẩn', 'Cải tạo phòng học cũ', 'Diện tích', 'Quý II/2027', 'Kế toán, nhân viên', 'Xã hội hóa', 'Biên bản nghiệm thu'],
        ],
      },
    ]);
    const items = r.items as TaskItem[];
    expect(items.map((i) => [i.rowNo, i.content, i.owner, i.evidence])).toEqual([
      ['1', 'Tuyển giáo viên tiếng Anh (TC 2.1)', 'Hiệu trưởng', 'Quyết định tuyển dụng'],
      ['2', 'Mở rộng thư viện', 'Kế toán, nhân viên', 'Biên bản nghiệm thu'],
    ]);
    expect(r.issues.map((i) => i.code)).toContain('column.by_form_order');
  });

  it('gives table.no_tasks, not a refusal, for a monitoring table alone', async () => {
    const r = await extract([
      ...head,
      {
        header: [['Thời điểm', 'Nội dung theo dõi', 'Kết quả thực hiện', 'Điều chỉnh (nếu có)', 'Người đánh giá']],
        rows: [
          ['Cuối học kỳ I', 'Tiến độ thực hiện các nhiệm vụ cải tiến', '', '', 'Hiệu trưởng'],
          ['Cuối năm học', 'Mức độ hoàn thành các mục tiêu', '', '', 'Ban kiểm tra nội bộ'],
        ],
      },
    ]);
    expect(r.items).toEqual([]);
    expect(r.monitoring.map((m) => m.when)).toEqual(['Cuối học kỳ I', 'Cuối năm học']);
    expect(r.issues.map((i) => i.code)).toContain('table.no_tasks');
  });
});

describe('a row numbering the columns', () => {
  it('is told from content, also when the scan garbled some of its numbers', async () => {
    const { isNumberingTexts } = await import('../../src/extract/column-content.js');
    expect(isNumberingTexts(['(1)', '(2)', '(3)', '(4)'])).toBe(true);
    expect(isNumberingTexts(['1', '2', '3', '4'])).toBe(true);
    // OCR of "(1) … (10)": two of ten misread as a few characters of noise.
    expect(isNumberingTexts(['q0', '2)', '(3)', '(4)', '5)', '(6)', 'Ơ', '(8)', '(9)', '(0)'])).toBe(true);
    // A repeated header's numbering row after a page break, three of eight and three of nine garbled.
    expect(isNumberingTexts(['q1)', '(', '(3)', '(4)', '(6)', 'ơ', '(8)', '(9)'])).toBe(true);
    expect(isNumberingTexts(['q1)', 'Go', '3)', '(4', '(5)', '(6)', 'Ơ)', '(8)', '(9)'])).toBe(true);
    expect(isNumberingTexts(['(Ga)', '(2)', '(3)', '(4)', '(5)', '(6)', '(7)', '(8)', '(9)'])).toBe(true);
    // Four of seven garbled ("(4)" read as "đ)", which would otherwise head the column as đồng):
    // the three left count up from left to right.
    expect(isNumberingTexts(['u', 'O2)', '(3)', 'đ)', '(5)', '(6)', '()'])).toBe(true);
    expect(isNumberingTexts(['(5)', 'u', '(3)', 'đ)', '(6)', 'x', '()'])).toBe(false);
    expect(isNumberingTexts(['u', '(7)', 'đ)', '(8)', 'x', '(9)', 'y'])).toBe(false);
    expect(isNumberingTexts(['1', '5', '3'])).toBe(false);
    expect(isNumberingTexts(['(1)', 'x', '(3)', 'x', 'x', 'x'])).toBe(false);
    expect(isNumberingTexts(['(1)', 'Sửa chữa phòng học', '(3)', '(4)'])).toBe(false);
    expect(isNumberingTexts(['ab', 'cd', '(3)', 'ef'])).toBe(false);
  });
});

describe('a task row whose TT cell is empty', () => {
  const task = (n: string, what: string, money: string) => [n, `${what} (TC 4.1)`, `Mục tiêu ${what.toLowerCase()}`, `Giải pháp ${what.toLowerCase()}`, 'Tỷ lệ học sinh tham gia', 'Năm học 2026-2027', 'BGH', money, 'Biên bản họp', ''];

  it('is a task of its own when it has its own content (a scan lost "5"), numbered between its neighbours, and said so', async () => {
    const r = await extract([
      ...head,
      focus,
      { header: [shortHeader], rows: [task('4', 'Phối hợp Ban đại diện', 'Chi thường xuyên: 45.000.000 đồng'), task('', 'Hỗ trợ giáo viên học nâng chuẩn', 'Chi thường xuyên: 3.000.000 đồng'), task('6', 'Tổ chức hội giảng', '200 triệu đồng')] },
    ]);
    const items = r.items as TaskItem[];
    expect(items.map((i) => [i.rowNo, i.budgetVnd])).toEqual([
      ['4', 45_000_000],
      ['5', 3_000_000],
      ['6', 200_000_000],
    ]);
    expect(items[1].content).toBe('Hỗ trợ giáo viên học nâng chuẩn (TC 4.1)');
    expect(r.issues.filter((i) => i.code === 'item.no_row_number')).toHaveLength(1);
  });

  it('numbers a run of tasks that lost their numbers when the numbers around the run leave room for it', async () => {
    const rows = (last: string) => [task('6', 'Phối hợp Ban đại diện', 'Không'), task('', 'Hỗ trợ giáo viên học nâng chuẩn', 'Không'), task('', 'Tổ chức hội giảng', 'Không'), task(last, 'Bổ sung thiết bị', 'Không')];
    const numbered = (await extract([...head, focus, { header: [shortHeader], rows: rows('9') }])).items.map((i) => i.rowNo);
    expect(numbered).toEqual(['6', '7', '8', '9']);
    // "6", —, —, "8": no numbering fits, none is made up.
    const unfit = (await extract([...head, focus, { header: [shortHeader], rows: rows('8') }])).items.map((i) => i.rowNo);
    expect(unfit).toEqual(['6', null, null, '8']);
  });

  it('numbers the last tasks of the table on from the last number when they lost theirs', async () => {
    const rows = [task('6', 'Phối hợp Ban đại diện', 'Không'), task('7', 'Hỗ trợ giáo viên học nâng chuẩn', 'Không'), task('', 'Tổ chức hội giảng', 'Không')];
    const r = await extract([...head, focus, { header: [shortHeader], rows }]);
    expect(r.items.map((i) => i.rowNo)).toEqual(['6', '7', '8']);
    expect(r.issues.filter((i) => i.code === 'item.no_row_number')).toHaveLength(1);
  });

  it('is the rest of the task above when the TT cell is merged down both rows', async () => {
    const r = await extract([
      ...head,
      focus,
      {
        header: [shortHeader],
        rows: [
          [{ text: '4', rowSpan: 2 }, ...task('', 'Phối hợp Ban đại diện', 'Chi thường xuyên: 45.000.000 đồng').slice(1)],
          ['', 'Tổ chức họp phụ huynh', 'Mục tiêu họp', 'Giải pháp họp', '', '', '', '', '', ''].slice(1),
        ],
      },
    ]);
    const items = r.items as TaskItem[];
    expect(items.map((i) => i.rowNo)).toEqual(['4']);
    expect(items[0].content).toBe('Phối hợp Ban đại diện (TC 4.1) Tổ chức họp phụ huynh');
    expect(r.issues.map((i) => i.code)).not.toContain('item.no_row_number');
  });
});

describe('a scanned task whose TT the scan read as a speck ("-" for "2")', () => {
  it('takes the number between its neighbours and says so; typed, a dash stays as written', async () => {
    const row = (n: string, what: string) => [n, `${what} (TC 4.1)`, 'Trẻ tự tin', 'Tổ chức lễ hội', 'Số hoạt động', 'Năm học 2026-2027', 'Hiệu trưởng', 'Không', 'Kế hoạch', ''];
    const layout = await ingestDocx(await makeDocx([...head, focus, { header: [shortHeader], rows: [row('1', 'Phụ đạo học sinh'), row('-', 'Tổ chức hội giảng'), row('3', 'Chăm sóc trẻ')] }]));
    expect(extractDocument(layout).items.map((i) => i.rowNo)).toEqual(['1', '-', '3']);
    const scanned = structuredClone(layout);
    scanned.source = { format: 'scan', reader: 'tesseract.js', paginated: true };
    for (const page of scanned.pages) for (const b of page.blocks) if (b.type === 'table') for (const c of b.cells) c.confidence = 0.95;
    const r = extractDocument(scanned);
    expect(r.items.map((i) => i.rowNo)).toEqual(['1', '2', '3']);
    expect(r.issues.filter((i) => i.code === 'item.no_row_number').map((i) => i.row)).toEqual([r.items[1].provenance.row]);
  });
});

describe('a scanned task whose TT breaks the run its neighbours keep ("1" between 3 and 5)', () => {
  const row = (n: string, what: string) => [n, `${what} (TC 4.1)`, 'Trẻ tự tin', 'Tổ chức lễ hội', 'Số hoạt động', 'Năm học 2026-2027', 'Hiệu trưởng', 'Không', 'Kế hoạch', ''];
  const scan = async (numbers: string[]) => {
    const layout = await ingestDocx(await makeDocx([...head, focus, { header: [shortHeader], rows: numbers.map((n, k) => row(n, `Việc số ${k + 1} của nhà trường`)) }]));
    const scanned = structuredClone(layout);
    scanned.source = { format: 'scan', reader: 'tesseract.js', paginated: true };
    for (const page of scanned.pages) for (const b of page.blocks) if (b.type === 'table') for (const c of b.cells) c.confidence = 0.95;
    return { typed: extractDocument(layout), scanned: extractDocument(scanned) };
  };

  it('takes the number between them, says so and lowers the task; typed, the number stays as written', async () => {
    const { typed, scanned } = await scan(['3', '1', '5']);
    expect(typed.items.map((i) => i.rowNo)).toEqual(['3', '1', '5']);
    expect(scanned.items.map((i) => i.rowNo)).toEqual(['3', '4', '5']);
    expect(scanned.issues.filter((i) => i.code === 'item.row_number_misread').map((i) => i.row)).toEqual([scanned.items[1].provenance.row]);
    expect(scanned.items[1].confidence).toBeLessThanOrEqual(0.7);
  });

  it('leaves numbers alone where the neighbours are not one apart around it (groups numbered from 1 again)', async () => {
    const { scanned } = await scan(['1', '2', '1', '2']);
    expect(scanned.items.map((i) => i.rowNo)).toEqual(['1', '2', '1', '2']);
    expect(scanned.issues.map((i) => i.code)).not.toContain('item.row_number_misread');
  });
});

describe('a scanned task whose bracketed criterion the scan cut ("G3)" for "(3.3)")', () => {
  it('gives no criterion, says so and lowers the task; typed, the same words say nothing', async () => {
    const layout = await ingestDocx(
      await makeDocx([
        ...head,
        {
          header: [shortHeader],
          rows: [
            ['1', 'Tổ chức hoạt động ngoại khóa G3)', 'Trẻ mạnh dạn', 'Tổ chức lễ hội', 'Số hoạt động', 'Năm học 2026-2027', 'Hiệu trưởng', 'Không', 'Kế hoạch', ''],
            ['2', 'Tổ chức hoạt động ngoại khóa (TC 3.2)', 'Trẻ tự tin', 'Tổ chức lễ hội', 'Số hoạt động', 'Năm học 2026-2027', 'Hiệu trưởng', 'Không', 'Kế hoạch', ''],
          ],
        },
      ]),
    );
    const typed = extractDocument(layout);
    expect(typed.issues.map((i) => i.code)).not.toContain('task.criterion_unread');
    const scanned = structuredClone(layout);
    scanned.source = { format: 'scan', reader: 'tesseract.js', paginated: true };
    for (const page of scanned.pages) for (const b of page.blocks) if (b.type === 'table') for (const c of b.cells) c.confidence = 0.95;
    const r = extractDocument(scanned);
    expect(r.items.map((i) => i.criterion)).toEqual([null, '3.2']);
    expect(r.issues.filter((i) => i.code === 'task.criterion_unread').map((i) => i.row)).toEqual([r.items[0].provenance.row]);
    expect(r.items[0].confidence).toBeLessThanOrEqual(0.6);
  });
});

describe('a scanned plan whose focus table and task both lost a code\'s dot ("11" for 1.1)', () => {
  it('reads the focus row by its standard, and the task\'s "(11)" as the one focus criterion with those digits', async () => {
    const layout = await ingestDocx(
      await makeDocx([
        ...head,
        {
          header: [['TT', 'Tiêu chuẩn', 'Tiêu chí', 'Đánh giá hiện trạng', 'Điểm hạn chế', 'Nguyên nhân của hạn chế']],
          rows: [
            ['1', 'Tiêu chuẩn 1', '11', 'Đạt Mức 1', 'Hồ sơ tổ chưa đầy đủ', 'Thiếu thời gian'],
            ['2', 'Tiêu chuẩn 3', '3.5', 'Đạt Mức 1', 'Thiếu thiết bị', 'Thiếu kinh phí'],
          ],
        },
        {
          header: [shortHeader],
          rows: [
            ['1', 'Hoàn thiện hồ sơ các tổ (11)', 'Hồ sơ đầy đủ', 'Rà soát hồ sơ', 'Số hồ sơ', 'Năm học 2026-2027', 'Hiệu trưởng', 'Không', 'Hồ sơ', ''],
            ['2', 'Bổ sung thiết bị (33)', 'Đủ thiết bị', 'Mua sắm', 'Số thiết bị', 'Năm học 2026-2027', 'Hiệu trưởng', 'Không', 'Hóa đơn', ''],
          ],
        },
      ]),
    );
    const scanned = structuredClone(layout);
    scanned.source = { format: 'scan', reader: 'tesseract.js', paginated: true };
    for (const page of scanned.pages) for (const b of page.blocks) if (b.type === 'table') for (const c of b.cells) c.confidence = 0.95;
    const r = extractDocument(scanned);
    expect(r.focusIssues.map((f) => f.criterion)).toEqual(['1.1', '3.5']);
    // "(33)" matches no focus criterion: it stays unread, and says so.
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', null]);
    const unread = r.issues.filter((i) => i.code === 'task.criterion_unread');
    expect(unread.map((i) => i.message.includes('taken as 1.1'))).toEqual([true, false]);
  });
});
