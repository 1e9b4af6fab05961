/**
 * Tables whose header says nothing ("(1) (2) …") or whose criterion header a scan lost, read by
 * their cells where the cells are few or damaged: a plan of one row, a narrow column that broke
 * its codes over lines, codes whose dots a scan dropped ("11" under "Tiêu chuẩn 1"), and a column
 * of bare standard numbers that vouches for them. Plain Layout data: no reader, no OCR.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem } from '../../src/extract/index.js';
import type { Cell, Layout } from '../../src/layout/layout.js';

type Row = (string | { text: string; colSpan?: number; rowSpan?: number })[];

function layout(kindTitle: string, rows: Row[], format: 'docx' | 'scan' = 'scan'): Layout {
  const cells: Cell[] = [];
  const cols = Math.max(...rows.map((r) => r.reduce<number>((n, c) => n + (typeof c === 'string' ? 1 : (c.colSpan ?? 1)), 0)));
  const covered = new Set<string>();
  rows.forEach((texts, row) => {
    let col = 0;
    for (const c of texts) {
      while (covered.has(`${row}:${col}`)) col++;
      const cell = typeof c === 'string' ? { text: c } : c;
      const colSpan = cell.colSpan ?? 1;
      const rowSpan = cell.rowSpan ?? 1;
      for (let r = row; r < row + rowSpan; r++) for (let k = col; k < col + colSpan; k++) covered.add(`${r}:${k}`);
      cells.push({ row, col, rowSpan, colSpan, lines: cell.text ? cell.text.split(' / ') : [], page: 1, ...(format === 'scan' ? { confidence: 0.92 } : {}) });
      col += colSpan;
    }
  });
  return {
    source: { format, reader: format === 'scan' ? 'tesseract.js' : 'mammoth', paginated: format === 'scan' },
    pages: [
      {
        number: 1,
        blocks: [
          { type: 'paragraph', lines: ['TRƯỜNG TIỂU HỌC ÁNH DƯƠNG', kindTitle, 'Năm học 2025 - 2026'] },
          { type: 'table', index: 0, rows: rows.length, cols, cells },
        ],
      },
    ],
    issues: [],
  } as unknown as Layout;
}

const PLAN_TITLE = 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC';
const REPORT_TITLE = 'BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC';
const NUMBERS = (n: number) => Array.from({ length: n }, (_, i) => `(${i + 1})`);

describe('a numbered-header plan of one row', () => {
  // Columns in no usual order: each is typed by its one cell, as a person reading it would.
  const rows: Row[] = [
    NUMBERS(7),
    [{ text: 'Tiêu chuẩn 2', colSpan: 7 }],
    ['Tiêu chí 2.1', 'Giáo viên, Hội đồng trường, Tổ văn phòng', 'Nhân viên hoàn thành tốt nhiệm vụ được giao', '', 'Một trăm triệu đồng', 'Từ tháng 3/2026 đến tháng 5/2026', 'Tạo điều kiện cho nhân viên tham gia học tập, bồi dưỡng'],
  ];

  it('is one item with its owner, period, amount, target and solution, each column said to be read from its cells', () => {
    for (const format of ['docx', 'scan'] as const) {
      const r = extractDocument(layout(PLAN_TITLE, rows, format));
      expect(r.kind).toBe('plan');
      expect(r.items).toHaveLength(1);
      expect(r.items[0]).toMatchObject({
        criterion: '2.1',
        owner: 'Giáo viên, Hội đồng trường, Tổ văn phòng',
        budgetVnd: 100_000_000,
        timelineStart: '2026-03',
        timelineEnd: '2026-05',
        target: 'Nhân viên hoàn thành tốt nhiệm vụ được giao',
        solution: 'Tạo điều kiện cho nhân viên tham gia học tập, bồi dưỡng',
      });
      // Read by one cell each: below the confidence an analyst takes on trust.
      expect(r.items[0].confidence).toBeLessThan(0.9);
      const byContent = r.issues.filter((i) => i.code === 'column.by_content').map((i) => i.field);
      expect(byContent).toEqual(expect.arrayContaining(['owner', 'budgetText', 'timeline']));
    }
  });
});

describe('a criterion column a narrow PDF column broke over lines', () => {
  it('finds the codes "Tiêu / chí 1. / 4" and reads the rows', () => {
    const rows: Row[] = [
      NUMBERS(5),
      [{ text: 'TIÊU CHUẨN 1: TỔ CHỨC VÀ QUẢN LÝ NHÀ TRƯỜNG', colSpan: 5 }],
      ['Tiêu / chí 1. / 4', 'Hồ sơ tổ / chuyên môn / đầy đủ', 'Rà soát, bổ / sung hồ sơ', 'GVCN', 'Năm / 2020'],
      ['Tiêu / chí 1. / 6', 'Đủ phòng / học theo / quy định', 'Lập dự toán / xây dựng', 'Hiệu / trưởng', 'Năm học / 2019 – / 2020'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.4', '1.6']);
  });
});

describe('codes whose dots a scan lost', () => {
  it('under standard headings: the column is still the criterion column, each code restored with an issue', () => {
    const rows: Row[] = [
      ['Tiê / chu / an, / tie / chí', 'Mức', 'Mục tiêu cần đạt', 'Người thực hiện', 'Thời gian', 'Dự kiến kinh phí'],
      [{ text: 'Tiêu chuẩn 1', colSpan: 6 }],
      ['11', 'Mức 1', 'Các tổ chức đoàn thể phát huy vai trò', 'BGH, Phó HT', '11/2020-7/2021', 'Không'],
      ['1.6', 'Mức 2', 'Hội đồng trường họp định kỳ', 'Hội đồng trường', 'Năm 2020', '8.000.000 đồng'],
      ['110', 'Mức 1', 'Phương hướng chiến lược phát triển', 'Phó HT', 'Năm học 2020-2021', '10.000.000 đồng'],
      [{ text: 'Tiêu chuẩn 2', colSpan: 6 }],
      ['21', 'Mức 3', 'Đủ nhân viên kế toán, y tế', 'Nhân viên', 'Năm học 2020-2021', 'Không'],
      ['22', 'Mức 2', 'Nhân viên hoàn thành tốt nhiệm vụ', 'Tổ văn phòng', 'Quý IV/2020', '15.000.000 đồng'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.6', '1.10', '2.1', '2.2']);
    expect(r.issues.filter((i) => i.code === 'criterion.dot_restored')).toHaveLength(4);
  });

  it('beside a merged column of bare standard numbers: that column vouches for them, and a report stays a report', () => {
    const rows: Row[] = [
      NUMBERS(8),
      ['1', '2', '2.4', '', 'Nhân viên hoàn thành tốt nhiệm vụ được giao: đạt', 'Đang bồi dưỡng nghiệp vụ nhân viên', '', 'Cần hỗ trợ'],
      ['2', { text: '3', rowSpan: 2 }, '33', 'Giữ nguyên nội dung kế hoạch', 'Nhà vệ sinh học sinh đạt chuẩn vệ sinh: đạt', 'Các nội dung đang thực hiện đúng tiến độ', '', 'Cần hỗ trợ'],
      ['3', '34', 'Điều chỉnh thời gian: sắp xếp lại các phòng làm việc', 'không', 'không', 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', ''],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows));
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => [i.standard, i.criterion])).toEqual([[2, '2.4'], [3, '3.3'], [3, '3.4']]);
    expect(r.items.map((i) => 'done' in i && i.done)).toEqual(['Nhân viên hoàn thành tốt nhiệm vụ được giao: đạt', 'Nhà vệ sinh học sinh đạt chuẩn vệ sinh: đạt', 'không']);
    expect(r.items.map((i) => 'notDone' in i && i.notDone)).toEqual([null, null, 'Chưa triển khai vì chưa có hướng dẫn của cấp trên']);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'standard')).toBe(true);
    // The one column before the results says it holds adjustments, not the plan as first written.
    expect(r.items.map((i) => 'adjusted' in i && i.adjusted)).toEqual([null, 'Giữ nguyên nội dung kế hoạch', 'Điều chỉnh thời gian: sắp xếp lại các phòng làm việc']);
    expect(r.items.every((i) => 'planned' in i && i.planned === null)).toBe(true);
  });

  it('a row-number column is not taken for the standards: numbers that disagree with the codes beside them', () => {
    const rows: Row[] = [
      NUMBERS(5),
      ['1', '1.1', 'Kiện toàn tổ chuyên môn', 'Hiệu trưởng, Phó hiệu trưởng', 'Năm học 2024-2025'],
      ['2', '1.3', 'Bồi dưỡng giáo viên', 'Tổ trưởng chuyên môn, giáo viên', 'Tháng 9/2024'],
      ['3', '2.2', 'Tổ chức hội thi giáo viên giỏi', 'Phó hiệu trưởng, Tổ chuyên môn', 'Học kỳ II'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.3', '2.2']);
    expect(r.items.map((i) => i.rowNo)).toEqual(['1', '2', '3']);
    expect(r.issues.some((i) => i.field === 'standard')).toBe(false);
  });
});

describe('a heading row under the header that a scan cut in two', () => {
  it('is a heading, not a second header row: "MỨC 1, MÚ" | "2, MỨC 3" does not make a results matrix', () => {
    const rows: Row[] = [
      ['Tiêu chí', 'Mức', 'Kết quả/sản phẩm', 'Giải pháp', 'Người chịu trách nhiệm', 'Thời gian thực hiện', 'Dự kiến kinh phí'],
      [{ text: 'MỨC 1, MÚ', colSpan: 2 }, { text: '2, MỨC 3', colSpan: 5 }],
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 7 }],
      ['1.5', 'Mức 2', 'Quản lý tài chính đúng quy định', 'Xây dựng quy chế chi tiêu nội bộ', 'Kế toán', 'Năm học 2024-2025', '12.000.000 đồng'],
      ['1.10', 'Mức 1', 'Các tổ chức đoàn thể phát huy vai trò', 'Chi bộ chỉ đạo Công đoàn', 'Tổ trưởng chuyên môn', 'Năm 2024', ''],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.kind).toBe('plan');
    expect(r.items.map((i) => [i.criterion, i.level, 'budgetVnd' in i ? i.budgetVnd : undefined])).toEqual([
      ['1.5', 2, 12_000_000],
      ['1.10', 1, null],
    ]);
  });
});

describe('a page showing one row of a plan whose criterion header a scan garbled', () => {
  it('is a 2018 plan, not a 2026 task table: its codes column is headed like the criterion ("Tiêu ch 1")', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu / ch / 1', 'Dự / kiến / kinh / phí', 'Kết quả cần đạt (so với hiện trạng)', 'Giải pháp', 'Người chịu trách nhiệm'],
      [{ text: 'Tiêu chuẩn 1', colSpan: 6 }],
      ['Mức1', 'Tiêu / chí / 1.3', '1 tỷ', 'Quản lý tài chính, tài sản đúng quy định', 'Xây dựng quy chế chi tiêu nội bộ', 'Phòng GD&ĐT, Giáo viên chủ nhiệm'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.kind).toBe('plan');
    expect(r.items.map((i) => [i.criterion, i.level, 'budgetVnd' in i ? i.budgetVnd : undefined])).toEqual([['1.3', 1, 1_000_000_000]]);
  });
});

describe('headers that name the two first columns the other way round', () => {
  it('reads "TC" over the merged standards as the standard, and "Tiêu chuẩn, tiêu chí" over the codes as the criterion', () => {
    const rows: Row[] = [
      ['TT', 'TC', 'Tiêu chuẩn, tiêu chí', 'Công việc/giải pháp cần thực hiện', 'TG hoàn thành', 'Người thực hiện'],
      ['1', { text: 'TIÊU CHUẨN 1: TỔ CHỨC VÀ QUẢN LÝ NHÀ TRƯỜNG', rowSpan: 3 }, 'Tiêu chí / 11', 'Sử dụng phần mềm quản lý trường học', 'Tháng 10/2019', 'Giáo viên'],
      ['2', 'Tiêu chí / 1.2', 'Kiện toàn Hội đồng trường', 'Liên tục', 'Hiệu trưởng'],
      ['3', 'Tiêu chí / 13', 'Xây dựng quy chế chi tiêu nội bộ', 'Học kỳ I năm học 2019-2020', 'Kế toán'],
      ['4', { text: 'TIÊU CHUẨN 2: CÁN BỘ QUẢN LÝ', rowSpan: 2 }, 'Tiêu chí / 2.1', 'Bồi dưỡng giáo viên', 'Năm 2020', 'Tổ trưởng chuyên môn'],
      ['5', 'Tiêu chí / 23', 'Tạo điều kiện cho giáo viên học nâng chuẩn', 'Năm học 2019-2020', 'Phó hiệu trưởng'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.items.map((i) => [i.standard, i.criterion])).toEqual([[1, '1.1'], [1, '1.2'], [1, '1.3'], [2, '2.1'], [2, '2.3']]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'criterion' && /as the standard/.test(i.message))).toBe(true);
  });
});

describe('a code a scan lost the dot of, with no standard heading to vouch for it', () => {
  it('is read when it falls between the codes of the rows around it ("33." between 2.3 and 3.4), with an issue', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu chí', 'Mức', 'Mục tiêu cần đạt', 'Nội dung', 'Dự kiến kinh phí'],
      [{ text: 'Mức 1, 2, 3', colSpan: 6 }],
      ['1', '2.3. / Đối với nhân viên', 'M. / ức 2', 'Nhân viên hoàn thành tốt nhiệm vụ', 'Tạo điều kiện cho nhân viên học tập', '45.000.000'],
      ['2', '33. / Khối phòng / hành chính', 'Mức 2', 'Nhà vệ sinh học sinh đủ', 'Xây dựng kế hoạch sửa chữa', 'Không'],
      ['3', '3.4. / Khu vệ sinh', 'Mức 2', 'Nhà vệ sinh đạt chuẩn', 'Vận động xã hội hóa', 'Không'],
      ['4', '35 / Thiết bị', 'Mức 4', 'Khuôn viên xanh, sạch, đẹp', 'Tham mưu với chính quyền', 'Huy động xã hội hóa'],
      ['5', '4.2. / Công tác tham mưu', 'Mức 2', 'Giáo dục truyền thống', 'Tổ chức các hoạt động', 'không'],
      ['6', '65 / Lạc chỗ', 'Mức 1', 'Một dòng ngoài thứ tự', 'Không đọc được mã', 'không'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.items.map((i) => [i.criterion, i.level])).toEqual([['2.3', 2], ['3.3', 2], ['3.4', 2], ['3.5', 4], ['4.2', 2]]);
    const restored = r.issues.filter((i) => i.code === 'criterion.dot_restored').map((i) => i.message);
    expect(restored).toHaveLength(2);
    expect(restored[0]).toContain('between 2.3 and 3.4');
    // "65" has no code after it to vouch for it (and no standard 6): not an item, and said so.
    expect(r.issues.some((i) => i.code === 'row.no_criterion')).toBe(true);
  });
});

describe('a dot-lost code at the top or the foot of the column', () => {
  it('is read when its one neighbour is of the same standard ("11" above 1.2), not otherwise ("24" below 1.3)', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu chí', 'Mục tiêu cần đạt', 'Nội dung', 'Dự kiến kinh phí'],
      ['1', '11. / Phương hướng', 'Kế hoạch được công khai', 'Xây dựng kế hoạch', 'Không'],
      ['2', '1.2. / Hội đồng trường', 'Hội đồng họp định kỳ', 'Kiện toàn hội đồng', 'Không'],
      ['3', '1.3. / Tổ chuyên môn', 'Tổ sinh hoạt đều', 'Sinh hoạt chuyên môn', 'Không'],
      ['4', '24 / Lạc chỗ', 'Một dòng', 'Không đọc được mã', 'Không'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.2', '1.3']);
    const restored = r.issues.filter((i) => i.code === 'criterion.dot_restored').map((i) => i.message);
    expect(restored).toEqual([expect.stringContaining('before 1.2')]);
    expect(r.issues.some((i) => i.code === 'row.no_criterion' && i.row === 4)).toBe(true);
  });
});

describe('a scanned code that breaks the order of the codes around it', () => {
  const rows = (third: string): Row[] => [
    ['TT', 'Tiêu chí', 'Mục tiêu cần đạt', 'Nội dung', 'Dự kiến kinh phí'],
    ['1', '1.2', 'Hội đồng họp định kỳ', 'Kiện toàn hội đồng', 'Không'],
    ['2', '1.3', 'Tổ sinh hoạt đều', 'Sinh hoạt chuyên môn', 'Không'],
    ['3', third, 'Kế hoạch được công khai', 'Công khai kế hoạch', 'Không'],
    ['4', '1.5', 'Tài chính minh bạch', 'Công khai tài chính', 'Không'],
    ['5', '2.1', 'Đủ giáo viên', 'Tuyển dụng', 'Không'],
  ];
  it('is the one code that fits when it differs from it in one digit ("1.1" between 1.3 and 1.5 is 1.4), with an issue', () => {
    const r = extractDocument(layout(PLAN_TITLE, rows('1.1')));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.2', '1.3', '1.4', '1.5', '2.1']);
    expect(r.issues.filter((i) => i.code === 'criterion.out_of_order').map((i) => i.row)).toEqual([3]);
    expect(r.items[2].confidence).toBeLessThanOrEqual(0.6);
  });
  it('is kept but doubted when no single code fits, and left alone in a text layer', () => {
    const r = extractDocument(layout(PLAN_TITLE, rows('3.2')));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.2', '1.3', '3.2', '1.5', '2.1']);
    expect(r.issues.filter((i) => i.code === 'criterion.out_of_order').map((i) => i.row)).toEqual([3]);
    expect(r.items[2].confidence).toBeLessThanOrEqual(0.6);
    const docx = extractDocument(layout(PLAN_TITLE, rows('1.1'), 'docx'));
    expect(docx.items.map((i) => i.criterion)).toEqual(['1.2', '1.3', '1.1', '1.5', '2.1']);
    expect(docx.issues.map((i) => i.code)).not.toContain('criterion.out_of_order');
  });
  it('across a change of standard, is the one code a digit misread or added explains ("3.11" between 2.2 and 3.2 is 3.1), never one of two', () => {
    const across = (third: string): Row[] => [
      ['TT', 'Tiêu chí', 'Mục tiêu cần đạt', 'Nội dung', 'Dự kiến kinh phí'],
      ['1', '2.1', 'Đủ giáo viên', 'Tuyển dụng', 'Không'],
      ['2', '2.2', 'Giáo viên giỏi', 'Hội giảng', 'Không'],
      ['3', third, 'Đủ phòng học', 'Xây phòng học', '5.000.000'],
      ['4', '3.2', 'Bếp một chiều', 'Cải tạo bếp', 'Không'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, across('3.11')));
    expect(r.items.map((i) => i.criterion)).toEqual(['2.1', '2.2', '3.1', '3.2']);
    expect(r.items[2].standard).toBe(3);
    expect(r.items[2].confidence).toBeLessThanOrEqual(0.6);
    expect(r.issues.find((i) => i.code === 'criterion.out_of_order')?.message).toContain('taken as 3.1');
    // "3.3" is 2.3 or 3.1, one digit off either way: kept as read, doubted.
    const two = extractDocument(layout(PLAN_TITLE, across('3.3')));
    expect(two.items.map((i) => i.criterion)).toEqual(['2.1', '2.2', '3.3', '3.2']);
    expect(two.issues.filter((i) => i.code === 'criterion.out_of_order').map((i) => i.row)).toEqual([3]);
  });
});

describe('a criterion cell naming two criteria', () => {
  it('is one item that says so (a rule between two scanned rows was lost)', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu chí', 'Mục tiêu cần đạt', 'Nội dung', 'Dự kiến kinh phí'],
      ['1', 'Tiêu chí 3.2: Phòng học', 'Phòng học đủ', 'Sửa chữa', 'Không'],
      ['2', 'Tiêu chí 33: Khối hành chính Tiêu chí 3.4 Khu vệ sinh', 'Khối phòng đáp ứng yêu cầu Nhà vệ sinh đủ', 'Lập dự toán Sửa chữa', 'Không'],
      ['3', 'Tiêu chí 3.5: Thiết bị', 'Thiết bị đủ', 'Mua sắm', 'Không'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.items).toHaveLength(3);
    expect(r.issues.filter((i) => i.code === 'item.merged_rows').map((i) => i.row)).toEqual([2]);
    expect(r.items[1].confidence).toBeLessThanOrEqual(0.6);
  });
});

describe('a typed field whose header sits over an empty column', () => {
  it('gives way to the column whose cells hold it (a scan\'s "(1)" read as "đ)" over an empty TT column)', () => {
    const rows: Row[] = [
      ['đ)', '(2)', '(3)', '(4)', '(5)', '(6)'],
      ['', 'Tiêu chí 1.2', 'Bảo đảm an ninh trật tự', 'Nhân viên bảo vệ', 'Từ 10/2023 đến 4/2024', '450.000.000đ'],
      ['', 'Tiêu chí 1.3', 'Thư viện đạt chuẩn', 'Nhân viên thư viện', 'Năm học 2023-2024', '200.000.000 đồng'],
      ['', 'Tiêu chí 1.6', 'Hồ sơ đầy đủ', 'Tổ trưởng chuyên môn', 'Năm 2024', 'Không'],
      ['', 'Tiêu chí 1.9', 'Công khai tài chính', 'Kế toán', 'Tháng 12/2023', 'Ngân sách nhà nước 25.000.000 đồng'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect((r.items as PlanItem[]).map((i) => i.budgetVnd)).toEqual([450_000_000, 200_000_000, 0, 25_000_000]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'budgetText')).toBe(true);
  });
});

describe('a plan of three columns', () => {
  it('is read: a number, the criterion and the measures are enough for a plan', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu chuẩn, tiêu chí', 'Biện pháp thực hiện'],
      [{ text: 'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên', colSpan: 3 }],
      ['1', 'Tiêu chí / 2.2', 'Giáo dục kỹ năng sống'],
      ['2', 'Tiêu chí / 4.1', 'Hoạt động trải nghiệm văn hóa'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.kind).toBe('plan');
    expect((r.items as PlanItem[]).map((i) => [i.criterion, i.solution])).toEqual([
      ['2.2', 'Giáo dục kỹ năng sống'],
      ['4.1', 'Hoạt động trải nghiệm văn hóa'],
    ]);
  });
});

describe('a 2026 task table whose header row says nothing', () => {
  const focus: Row[] = [
    ['TT', 'Tiêu chuẩn', 'Tiêu chí', 'Đánh giá hiện trạng', 'Điểm hạn chế', 'Nguyên nhân của hạn chế'],
    ['1', '2', '2.1', 'Đạt Mức 2', 'Còn giáo viên chưa đạt chuẩn', 'Giáo viên lớn tuổi'],
  ];
  const task = (n: number) => [
    String(n),
    `Bồi dưỡng nghiệp vụ nhân viên (Tiêu chí 2.${n})`,
    'Nhân viên hoàn thành tốt nhiệm vụ được giao',
    'Tạo điều kiện cho nhân viên tham gia học tập',
    'Số buổi sinh hoạt chuyên môn',
    `Từ 1/2029 đến ${n + 3}/2029`,
    'CBQL và Tổ trưởng CM',
    '70.000.000 đồng',
    'Sổ theo dõi',
  ];
  function plan(header: Row | null): Layout {
    const base = layout(PLAN_TITLE, focus, 'docx');
    const tasks = layout(PLAN_TITLE, [...(header ? [header] : []), task(1), task(2), task(3)], 'docx').pages[0].blocks[1];
    base.pages[0].blocks.push({ ...tasks, index: 1 } as never);
    (base.pages[0].blocks[0] as { lines: string[] }).lines.push('Căn cứ Thông tư số 57/2026/TT-BGDĐT');
    return base;
  }

  it.each([
    ['a blank header row (DOCX)', Array.from({ length: 9 }, () => '')],
    ['no header row at all (a PDF drops the blank one)', null],
  ])('reads its columns in the form\'s order, saying so: %s', (_, header) => {
    const r = extractDocument(plan(header as Row | null));
    expect(r.items.map((i) => ['timelineEnd' in i ? i.timelineEnd : null, 'owner' in i ? i.owner : null])).toEqual([
      ['2029-04', 'CBQL và Tổ trưởng CM'],
      ['2029-05', 'CBQL và Tổ trưởng CM'],
      ['2029-06', 'CBQL và Tổ trưởng CM'],
    ]);
    expect(r.issues.some((i) => i.code === 'column.by_form_order')).toBe(true);
    expect(r.items.every((i) => i.confidence < 0.9)).toBe(true);
  });
});

describe('a blank-header report of one row whose result columns are mostly empty', () => {
  it('is a report: the empty columns beside a cued result make the triple, and the cue places it', () => {
    const rows: Row[] = [
      ['', '', '', '', '', ''],
      ['I', { text: 'Tiêu chuẩn 1', colSpan: 5 }],
      ['', '1.6. Quản lý hành chính, tài chính và tài sản', 'Giữ nguyên nội dung kế hoạch', '', '', 'Các nội dung đang thực hiện đúng tiến độ'],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('report');
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ criterion: '1.6', adjusted: 'Giữ nguyên nội dung kế hoạch', inProgress: 'Các nội dung đang thực hiện đúng tiến độ', done: null, notDone: null });
  });

  it('leaves a one-row plan with empty columns a plan: no result words, no report', () => {
    const rows: Row[] = [
      ['', '', '', '', '', ''],
      ['1.6', 'Quản lý tài chính đúng quy định', 'Xây dựng quy chế chi tiêu nội bộ', 'Hiệu trưởng, Kế toán', '', ''],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.kind).toBe('plan');
    expect(r.items[0]).toMatchObject({ criterion: '1.6', solution: 'Xây dựng quy chế chi tiêu nội bộ', owner: 'Hiệu trưởng, Kế toán' });
  });
});

describe('an owner column a scan read with marks changed', () => {
  it('gets the roles\' marks back on a scan, and only on a scan', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu chí', 'Giải pháp', 'Người thực hiện', 'Thời gian'],
      ['1', '1.1', 'Xây dựng kế hoạch chiến lược', 'Tổ trướng CM, Tống phụ trách Đội', 'Năm học 2024-2025'],
      ['2', '1.2', 'Kiện toàn hội đồng trường', 'Tố chuyên môn', 'Tháng 9/2024'],
    ];
    const scan = extractDocument(layout(PLAN_TITLE, rows));
    expect(scan.items.map((i) => ('owners' in i ? i.owners : null))).toEqual([['Tổ trưởng CM', 'Tổng phụ trách Đội'], ['Tổ chuyên môn']]);
    const docx = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(docx.items.map((i) => ('owner' in i ? i.owner : null))).toEqual(['Tổ trướng CM, Tống phụ trách Đội', 'Tố chuyên môn']);
  });
});

describe('a numbered-header plan whose criterion column stands right of its text columns', () => {
  it('takes the target and solution from the text left of the codes when none is right of them', () => {
    const rows: Row[] = [
      NUMBERS(6),
      ['1/2026-9/2026', 'Ứng dụng công nghệ thông tin trong quản lý', '25.000.000 đồng', 'Sử dụng phần mềm quản lý trường học', '1.4', 'Hiệu trưởng, Kế toán'],
      ['Quý 2/2026', 'Bảo đảm an ninh trật tự, an toàn trường học', 'Không', 'Xây dựng phương án phòng cháy chữa cháy', '1.5', 'Phó hiệu trưởng, Tổ văn phòng'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.items.map((i) => [i.criterion, 'target' in i ? i.target : null, 'solution' in i ? i.solution : null])).toEqual([
      ['1.4', 'Ứng dụng công nghệ thông tin trong quản lý', 'Sử dụng phần mềm quản lý trường học'],
      ['1.5', 'Bảo đảm an ninh trật tự, an toàn trường học', 'Xây dựng phương án phòng cháy chữa cháy'],
    ]);
  });
});

describe('a blank-header report whose last column holds remarks and whose one plan column adjusts it', () => {
  const rows: Row[] = [
    ['', '', '', '', '', '', ''],
    ['1', 'Tiêu chí 1.1', 'Nhà trường đã xây dựng phương án phòng cháy chữa cháy', 'Các nội dung đang thực hiện đúng tiến độ', 'không', 'không', ''],
    ['2', 'Tiêu chí 1.2', 'Điều chỉnh thời gian: chi bộ chỉ đạo Công đoàn xây dựng kế hoạch', '', 'Chưa triển khai vì chưa có hướng dẫn', '', ''],
    ['3', 'Tiêu chí 2.1', '', '', '', 'Hoàn thành đúng tiến độ, đạt chất lượng', 'Đã có kế hoạch chi tiết'],
    ['4', 'Tiêu chí 2.2', 'Tổ chức các buổi sinh hoạt dưới cờ theo chủ đề', '', 'Chưa thực hiện do thiếu nhân lực', '', 'Tiếp tục duy trì'],
    ['5', 'Tiêu chí 5.4', 'Giữ nguyên nội dung kế hoạch', '', 'Chưa triển khai vì chưa có hướng dẫn', '', ''],
  ];

  it('reads the last column as the note and the plan column as adjusted (two cells keep or change the plan), each said to be read from its cells', () => {
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('report');
    const byCode = new Map(r.items.map((i) => [i.criterion, i as unknown as Record<string, unknown>]));
    expect(byCode.get('2.1')?.note).toBe('Đã có kế hoạch chi tiết');
    expect(byCode.get('2.2')?.note).toBe('Tiếp tục duy trì');
    expect(byCode.get('2.2')?.extra).toEqual({});
    expect(byCode.get('1.2')?.adjusted).toBe('Điều chỉnh thời gian: chi bộ chỉ đạo Công đoàn xây dựng kế hoạch');
    expect(byCode.get('1.2')?.planned).toBeNull();
    expect(r.issues.filter((i) => i.code === 'column.by_content').map((i) => i.field)).toEqual(expect.arrayContaining(['note', 'adjusted']));
  });

  it('keeps a named last column that is no note under extra, and a plan column with one adjusting cell as planned', () => {
    const named = rows.map((row, k) => (k === 0 ? [...row.slice(0, 6), 'Minh họa'] : row));
    const once = named.map((row, k) => (k === 5 ? [...row.slice(0, 2), 'Tổ chức hội giảng cấp trường', ...row.slice(3)] : row));
    const r = extractDocument(layout(REPORT_TITLE, once, 'docx'));
    const item = r.items.find((i) => i.criterion === '2.2') as unknown as Record<string, unknown>;
    expect(item.note).toBeNull();
    expect(item.extra).toEqual({ 'Minh họa': 'Tiếp tục duy trì' });
    expect(item.planned).toBe('Tổ chức các buổi sinh hoạt dưới cờ theo chủ đề');
  });
});

describe('a blank-header report whose planned cells open with "Tiếp tục …"', () => {
  it('reads them as planned: the results are the columns filled one per row, not the "Tiếp tục" column beside two of them', () => {
    const rows: Row[] = [
      ['', '', '', '', '', '', '', '', ''],
      [{ text: 'Tiêu chuẩn 3', colSpan: 9 }],
      ['1', 'Tiêu chí 3.5', 'Mức 1', 'Tiếp tục lập dự toán xây dựng thêm phòng học', '', '', '', 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', ''],
      [{ text: 'Tiêu chuẩn 4', colSpan: 9 }],
      ['2', 'Tiêu chí 4.1', 'Mức 2', 'Tiếp tục phối hợp với Ban đại diện cha mẹ học sinh', 'Giữ nguyên nội dung kế hoạch', 'Hoàn thành đúng tiến độ, đạt chất lượng', '', '', ''],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => i as unknown as Record<string, unknown>)).toMatchObject([
      { criterion: '3.5', planned: 'Tiếp tục lập dự toán xây dựng thêm phòng học', inProgress: null, notDone: 'Chưa triển khai vì chưa có hướng dẫn của cấp trên' },
      { criterion: '4.1', planned: 'Tiếp tục phối hợp với Ban đại diện cha mẹ học sinh', adjusted: 'Giữ nguyên nội dung kế hoạch', done: 'Hoàn thành đúng tiến độ, đạt chất lượng', inProgress: null },
    ]);
  });
});

describe('a numbered-header report with a remark column before its results', () => {
  it('reads the column filled in one row of three as the note, not as what was planned', () => {
    const rows: Row[] = [
      NUMBERS(5),
      [{ text: 'Tiêu chuẩn 1', colSpan: 5 }],
      ['1.2. Hội đồng trường và các hội đồng khác', 'Ưu tiên thực hiện', 'Đang triển khai, chậm tiến độ do thời tiết', 'Không', 'Không'],
      ['1.6. Quản lý hành chính, tài chính và tài sản', '', '', '', 'Đã công khai tài chính theo đúng kế hoạch'],
      [{ text: 'Tiêu chuẩn 2', colSpan: 5 }],
      ['2.1. Đối với hiệu trưởng, phó hiệu trưởng', '', '', 'Chưa tham mưu bổ sung nhân viên do chưa được cấp kinh phí', ''],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    const first = r.items[0] as unknown as Record<string, unknown>;
    expect(r.items).toHaveLength(3);
    expect(first).toMatchObject({ criterion: '1.2', planned: null, note: 'Ưu tiên thực hiện', inProgress: 'Đang triển khai, chậm tiến độ do thời tiết' });
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'note')).toBe(true);
  });
});

describe('a blank-header report with a remark column after its results', () => {
  it('reads the column none of whose cells says a result as the note, not as "done" moved there by the cues beside it', () => {
    // No "done" column: an adjusted plan, work under way ("Đang …"), not done ("Chưa …"), and
    // a remark in two rows of six. The remark says no result; only its neighbours' words, read
    // as a permutation of the three, would make it "done", after "not done".
    const blank = ['', '', '', '', ''];
    const rows: Row[] = [
      blank,
      [{ text: 'Tiêu chuẩn 1', colSpan: 5 }],
      ['Tiêu chí / 1.5', 'Giữ nguyên nội dung kế hoạch', '', 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', 'Ưu tiên thực hiện'],
      ['Tiêu chí / 1.8', 'Nhà trường đã rà soát, bổ sung hồ sơ của tổ chuyên môn', 'Đang triển khai, chậm tiến độ do thời tiết', '', ''],
      ['Tiêu chí / 1.9', 'Giữ nguyên nội dung kế hoạch', 'Không', 'Chưa thực hiện do thiếu nhân lực', ''],
      [{ text: 'Tiêu chuẩn 3', colSpan: 5 }],
      ['Tiêu chí / 3.2', 'Giữ nguyên nội dung kế hoạch', '', 'Chưa mua sắm bàn ghế, tủ hồ sơ do chưa được cấp kinh phí', ''],
      [{ text: 'Tiêu chuẩn 5', colSpan: 5 }],
      ['Tiêu chí / 5.2', '', 'Đang hoạt động trải nghiệm, chậm do thời tiết', 'Chưa tổ chức do chưa được cấp kinh phí', ''],
      ['Tiêu chí / 5.4', 'Nhà trường đã xây dựng thực đơn phù hợp', 'Các nội dung đang thực hiện đúng tiến độ', 'Chưa chăm sóc trẻ suy dinh dưỡng do chưa được cấp kinh phí', 'Ưu tiên thực hiện'],
    ];
    for (const format of ['docx', 'scan'] as const) {
      const r = extractDocument(layout(REPORT_TITLE, rows, format));
      expect(r.kind).toBe('report');
      const items = r.items.map((i) => i as unknown as Record<string, unknown>);
      expect(items.map((i) => i.criterion)).toEqual(['1.5', '1.8', '1.9', '3.2', '5.2', '5.4']);
      expect(items[0], format).toMatchObject({ notDone: 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', done: null, note: 'Ưu tiên thực hiện' });
      expect(items[5], format).toMatchObject({ inProgress: 'Các nội dung đang thực hiện đúng tiến độ', done: null, note: 'Ưu tiên thực hiện' });
    }
  });
});

describe('a blank-header report of one row whose scanned code has a speck after its label', () => {
  it('reads "Tiêu / chí . / 5.2:" as the code that opens the cell, so the table is a report', () => {
    const rows: Row[] = [
      ['', '', '', '', '', ''],
      ['5', { text: 'TIÊU CHUẨN 5: HOẠT ĐỘNG VÀ KẾT QUẢ NUÔI DƯỠNG', colSpan: 5 }],
      ['1', 'Tiêu / chí . / 5.2: / Tổ / chức / hoạt / động', 'Tiếp tục xây dựng thực đơn phù hợp; / phối hợp với cha mẹ trẻ', 'Hoàn thành đúng tiến độ, đạt chất / lượng', 'không', 'không'],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'scan'));
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => (i as unknown as Record<string, unknown>).criterion)).toEqual(['5.2']);
  });
});

describe('a school level that only the words of the text give', () => {
  it('is a guess, said as such (document.level_guessed), and not said when the school\'s name gives it', () => {
    const rows: Row[] = [
      ['TT', 'Tiêu chí', 'Giải pháp', 'Người thực hiện', 'Thời gian'],
      ['1', 'Tiêu chí 1.1', 'Xây dựng kế hoạch phát triển nhà trường', 'Hiệu trưởng', 'Tháng 9/2025'],
    ];
    const guessed = layout(PLAN_TITLE, rows, 'docx');
    const paragraph = guessed.pages[0].blocks[0] as { lines: string[] };
    // No level in the name, no circular: only a cited text's "mầm non" names one.
    paragraph.lines = ['TRƯỜNG PTDTBT HOA BAN', PLAN_TITLE, 'Năm học 2025 - 2026', 'Căn cứ hướng dẫn kiểm định cơ sở giáo dục mầm non;'];
    const r = extractDocument(guessed);
    expect(r.document.schoolLevel).toBe('preschool');
    expect(r.issues.find((i) => i.code === 'document.level_guessed')?.message).toMatch(/preschool.*1 mention/);
    const named = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(named.document.schoolLevel).toBe('primary');
    expect(named.issues.map((i) => i.code)).not.toContain('document.level_guessed');
  });
});

describe('a page of a plan continued with no header, its first column the merged standards', () => {
  it('reads that column as the standard, not as remarks: a standard name carried over the page is no note', () => {
    const rows: Row[] = [
      ['ĐÌNH VÀ XÃ HỘI', 'Tiêu chí 4.2', 'Tham mưu với cấp ủy, chính quyền địa phương trong công tác phổ cập giáo dục', 'Tổ văn phòng, GVCN', 'Năm 2024', '300.000.000 đồng'],
      ['TIÊU CHUẨN 5: HOẠT ĐỘNG GIÁO DỤC VÀ KẾT QUẢ GIÁO DỤC', 'Tiêu chí 5.3', 'Xây dựng thực đơn phù hợp; phối hợp với cha mẹ trẻ chăm sóc trẻ', 'GVCN, HT', 'Quý I/2024', '45 triệu đồng'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.items.map((i) => [i.criterion, (i as PlanItem).note])).toEqual([
      ['4.2', null],
      ['5.3', null],
    ]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'standard')).toBe(true);
  });
});

describe('a numbered-header report with two result columns beside its plan', () => {
  it('reads the column filled in every row ("Tiếp tục …") as planned, the two filled in turn as the results their words say', () => {
    const rows: Row[] = [
      NUMBERS(4),
      [{ text: 'Tiêu chuẩn 1', colSpan: 4 }],
      ['1.1', 'Tiếp tục xây dựng quy chế chi tiêu nội bộ; công khai tài chính', '', 'Chưa công khai tài chính do chưa được cấp kinh phí'],
      ['1.4', 'Tiếp tục rà soát, bổ sung hồ sơ của tổ chuyên môn', 'Đã hoàn thiện hồ sơ các tổ theo đúng kế hoạch', ''],
      [{ text: 'Tiêu chuẩn 5', colSpan: 4 }],
      ['5.2', 'Tiếp tục xây dựng kế hoạch giáo dục nhà trường', '', 'Chưa thực hiện do thiếu nhân lực'],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.items.map((i) => i as unknown as Record<string, unknown>)).toMatchObject([
      { criterion: '1.1', planned: 'Tiếp tục xây dựng quy chế chi tiêu nội bộ; công khai tài chính', inProgress: null, notDone: 'Chưa công khai tài chính do chưa được cấp kinh phí' },
      { criterion: '1.4', done: 'Đã hoàn thiện hồ sơ các tổ theo đúng kế hoạch', inProgress: null },
      { criterion: '5.2', planned: 'Tiếp tục xây dựng kế hoạch giáo dục nhà trường', notDone: 'Chưa thực hiện do thiếu nhân lực' },
    ]);
  });
});

describe('a numbered-header plan whose TT column is empty beside its items', () => {
  it('still reads the one column of remarks left as the note', () => {
    const rows: Row[] = [
      NUMBERS(6),
      ['1', { text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 5 }],
      ['', 'Tiêu chí 1.3', 'Xây dựng quy chế chi tiêu nội bộ; công khai tài chính theo quy định', 'Tổ văn phòng', 'Đã có kế hoạch chi tiết', 'Hồ sơ tổ chuyên môn đầy đủ, khoa học'],
      ['', 'Tiêu chí 1.4', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng', 'Nhân viên thiết bị', '', 'Quản lý tài chính đúng quy định'],
      ['', 'Tiêu chí 1.9', 'Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động', 'Ban giám hiệu', 'Theo lộ trình', 'Hội đồng trường hoạt động đúng quy chế'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(r.items.map((i) => (i as PlanItem).note)).toEqual(['Đã có kế hoạch chi tiết', null, 'Theo lộ trình']);
  });
});

describe('a numbered-header plan with no target column, its last column short remarks', () => {
  const row = (n: string, code: string, note: string) => [n, `Tiêu chí ${code}`, 'Tham mưu với chính quyền địa phương đầu tư cải tạo sân trường, bổ sung cây xanh và đồ chơi ngoài trời', 'UBND xã, NV', 'Quý III/2021', '5.000.000 đồng', note];

  it('reads the remarks as the note, not as the target: a target says in a sentence what is to be achieved', () => {
    for (const rows of [[row('1', '3.4', 'Tiếp tục duy trì')], [row('1', '1.3', 'Theo lộ trình'), row('2', '2.2', 'Tiếp tục duy trì'), row('3', '2.3', ''), row('4', '4.1', 'Theo lộ trình')]]) {
      const r = extractDocument(layout(PLAN_TITLE, [NUMBERS(7), ...rows], 'docx'));
      const items = r.items as PlanItem[];
      expect(items.map((i) => [i.target, i.note])).toEqual(rows.map((x) => [null, x[6] || null]));
      expect(items.every((i) => i.solution?.startsWith('Tham mưu'))).toBe(true);
    }
  });

  it('still reads a column of sentences there as the target', () => {
    const rows = [NUMBERS(7), row('1', '3.4', 'Khuôn viên xanh, sạch, đẹp; sân chơi an toàn cho trẻ'), row('2', '3.5', 'Thiết bị dạy học đủ theo danh mục tối thiểu')];
    const items = extractDocument(layout(PLAN_TITLE, rows, 'docx')).items as PlanItem[];
    expect(items.map((i) => i.target)).toEqual(['Khuôn viên xanh, sạch, đẹp; sân chơi an toàn cho trẻ', 'Thiết bị dạy học đủ theo danh mục tối thiểu']);
  });
});

describe('a numbered-header plan whose one column left asks for help in one row', () => {
  it('reads it as the support column, not the remarks', () => {
    const row = (level: string, code: string, target: string, support: string) => [level, `Tiêu chí ${code}`, target, support, 'Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động và lịch họp định kỳ', 'Phó hiệu trưởng', 'Năm học 2024-2025', '5.000.000 đồng'];
    const rows: Row[] = [
      NUMBERS(8),
      [{ text: 'TIÊU CHUẨN 1: TỔ CHỨC VÀ QUẢN LÝ NHÀ TRƯỜNG', colSpan: 8 }],
      row('Mức 2', '1.5', 'Ứng dụng công nghệ thông tin trong quản lý nhà trường', 'Sự hỗ trợ của Phòng GD&ĐT'),
      row('Mức 1', '1.6', 'Hội đồng trường hoạt động đúng quy chế, họp định kỳ', ''),
      row('Mức 1', '1.8', 'Hồ sơ tổ chuyên môn đầy đủ, khoa học', 'Không'),
    ];
    const items = extractDocument(layout(PLAN_TITLE, rows, 'docx')).items as PlanItem[];
    expect(items.map((i) => [i.support, i.note])).toEqual([
      ['Sự hỗ trợ của Phòng GD&ĐT', null],
      [null, null],
      ['Không', null],
    ]);
  });
});

describe('a blank-header report with no column of what was done, its last column remarks', () => {
  it('reads the remarks as the note, though one opens "Đã có …": no "done" column is made up', () => {
    const row = (code: string, adjusted: string, inProgress: string, notDone: string, note: string) => [`Tiêu chí ${code}`, 'Nhà trường sẽ kiện toàn Hội đồng trường; xây dựng quy chế hoạt động', adjusted, inProgress, notDone, note];
    const rows: Row[] = [
      ['', '', '', '', '', ''],
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 6 }],
      row('1.1', 'Nhà trường đã xây dựng phương án phòng cháy chữa cháy', '', 'Chưa thực hiện do thiếu nhân lực', ''),
      row('1.6', '', 'không', 'Chưa thực hiện do thiếu nhân lực', 'Theo lộ trình'),
      row('1.8', '', 'Đang triển khai, chậm tiến độ do thời tiết', '', 'Đã có kế hoạch chi tiết'),
      row('1.10', 'Nhà trường đã sử dụng phần mềm quản lý trường học', 'Đang triển khai, chậm tiến độ do thời tiết', 'Chưa ứng dụng phần mềm quản lý do chưa được cấp kinh phí', ''),
      [{ text: 'Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học', colSpan: 6 }],
      row('3.1', 'Nhà trường đã xây dựng kế hoạch, lộ trình sửa chữa', 'Đang nâng cấp nhà vệ sinh, chậm do thiếu kinh phí', '', 'Theo lộ trình'),
      row('3.2', '', 'Các nội dung đang thực hiện đúng tiến độ', 'không', ''),
      row('3.3', 'Giữ nguyên nội dung kế hoạch', 'Các nội dung đang thực hiện đúng tiến độ', 'Chưa mua sắm bàn ghế, tủ hồ sơ do chưa được cấp kinh phí', ''),
      row('3.4', 'Điều chỉnh thời gian: tham mưu với chính quyền địa phương', 'Các nội dung đang thực hiện đúng tiến độ', '', ''),
      row('3.5', 'Giữ nguyên nội dung kế hoạch', 'Đang nâng cấp nhà vệ sinh, chậm do thiếu kinh phí', 'Không', 'Tiếp tục duy trì'),
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('report');
    const items = r.items as unknown as Record<string, unknown>[];
    expect(items.map((i) => i.done)).toEqual(items.map(() => null));
    expect(items.map((i) => i.note)).toEqual([null, 'Theo lộ trình', 'Đã có kế hoạch chi tiết', null, 'Theo lộ trình', null, null, null, 'Tiếp tục duy trì']);
    expect(items[1]).toMatchObject({ notDone: 'Chưa thực hiện do thiếu nhân lực' });
  });
});

describe('a table continued after a page break that left a merged cell\'s last words between its pieces', () => {
  it('joins the pieces: "giáo dục" under the first is no text between two tables', () => {
    const header = ['Tiêu chuẩn', 'Tiêu chí', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí'];
    const table = (index: number, rows: string[][]): Layout['pages'][0]['blocks'][0] => ({
      type: 'table', index, rows: rows.length, cols: 6,
      cells: rows.flatMap((texts, row) => texts.map((text, col) => ({ row, col, rowSpan: 1, colSpan: 1, lines: text ? [text] : [], page: index + 1 }))),
    });
    const l: Layout = {
      source: { format: 'pdf', reader: 'pdfjs', paginated: true },
      pages: [
        { number: 1, blocks: [
          { type: 'paragraph', lines: ['TRƯỜNG THCS HOA MAI', PLAN_TITLE, 'Năm học 2023 - 2024'] },
          table(0, [header, ['Tiêu chuẩn 5: Hoạt động', '5.1', 'Tổ chức câu lạc bộ tin học', 'GVCN', 'Năm 2024', '20.000.000 đồng']]),
          { type: 'paragraph', lines: ['giáo dục'] },
        ] },
        { number: 2, blocks: [table(1, [['và kết quả giáo dục', '5.2', 'Tổ chức các hoạt động ngoại khóa', 'nhân viên', 'Từ tháng 11/2023 đến tháng 4/2024', '1,5 tỷ'], ['', '5.3', 'Tổ chức các chủ đề STEM', 'PHT', 'Năm 2024', '']])] },
      ],
      issues: [],
    } as unknown as Layout;
    const items = extractDocument(l).items as PlanItem[];
    expect(items.map((i) => [i.criterion, i.budgetVnd, i.note])).toEqual([
      ['5.1', 20_000_000, null],
      ['5.2', 1_500_000_000, null],
      ['5.3', null, null],
    ]);
  });
});

describe('a document whose title and table disagree on its kind', () => {
  // Shuffled numbered columns: the cells alone show no result triple, and read as a plan.
  const shuffled: Row[] = [
    NUMBERS(6),
    [{ text: 'TIÊU CHUẨN 1', colSpan: 6 }],
    ['', 'Tiếp tục rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng', '', 'Tiêu chí 1.2', 'Đang triển khai, chậm tiến độ do thời tiết', 'Ưu tiên thực hiện'],
    ['', 'Nhà trường sẽ kiện toàn Hội đồng trường; xây dựng quy chế hoạt động', 'Hội đồng trường hoạt động đúng quy chế, họp định kỳ', 'Tiêu chí 1.5', '', ''],
    ['Chưa thực hiện do thiếu nhân lực', 'Nhà trường sẽ rà soát, bổ sung hồ sơ của tổ chuyên môn', 'Không', 'Tiêu chí 1.6', 'Không', 'Ưu tiên thực hiện'],
  ];

  it('follows a report\'s title when the columns hold no people, periods or money: a report, its results found on both sides of the codes', () => {
    const r = extractDocument(layout(REPORT_TITLE, shuffled, 'docx'));
    expect(r.kind).toBe('report');
    expect(r.issues.map((i) => i.code)).not.toContain('document.kind_conflict');
    expect(r.items.map((i) => i.criterion)).toEqual(['1.2', '1.5', '1.6']);
    expect(r.items[0]).toMatchObject({ planned: 'Tiếp tục rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng', inProgress: 'Đang triển khai, chậm tiến độ do thời tiết', note: 'Ưu tiên thực hiện' });
    expect(r.items[2]).toMatchObject({ notDone: 'Chưa thực hiện do thiếu nhân lực' });
    // Without the title the same table is a plan: the title decided.
    expect(extractDocument(layout('', shuffled, 'docx')).kind).toBe('plan');
  });

  it('says so and caps its items when the columns hold a plan\'s people and periods under a report\'s title', () => {
    const rows: Row[] = [
      NUMBERS(5),
      [{ text: 'TIÊU CHUẨN 1', colSpan: 5 }],
      ['Tiêu chí 1.2', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng', 'Hiệu trưởng, Tổ trưởng chuyên môn', 'Tháng 9/2025', 'Ưu tiên thực hiện'],
      ['Tiêu chí 1.5', 'Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động', 'Phó hiệu trưởng', 'Học kỳ I năm học 2025-2026', ''],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('plan');
    expect(r.issues.map((i) => i.code)).toContain('document.kind_conflict');
    expect(r.items.length).toBe(2);
    for (const item of r.items) expect(item.confidence).toBeLessThanOrEqual(0.6);
    const plain = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    expect(plain.issues.map((i) => i.code)).not.toContain('document.kind_conflict');
  });
});

describe('a row cut by a page break inside its criterion label', () => {
  const header = ['STT', 'Tiêu chuẩn, tiêu chí', 'Mục tiêu cần đạt', 'Nội dung', 'Người thực hiện', 'Thời gian', 'Dự kiến kinh phí', 'Ghi chú'];
  const rowsCut = (upper: string, lower: string): Row[] => [
    header,
    ['3', { text: 'Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học', colSpan: 7 }],
    ['', upper, 'Thư viện đạt / chuẩn, có góc', 'Bổ sung đầu sách, báo, tạp chí', 'Ban / đại / diện', 'Từ 1/2026 - 8/2026', '', 'Ưu'],
    ['', lower, 'đọc sách thân / thiện', '', 'CMHS, / Phó HT', '', '', 'tiên'],
    ['', 'Tiêu chí 3.3', 'Thiết bị dạy học đủ theo danh mục', 'Rà soát, mua sắm bổ sung thiết bị', 'Phó HT', 'Quý II/2026', '45.000.000 đồng', ''],
  ];

  it('joins the two pieces into one item, whichever word the break fell in', () => {
    for (const [upper, lower] of [['Tiêu', 'chí 3.2'], ['Tiê / u', 'chí / 3.2'], ['Tiêu chí', '3.2']]) {
      for (const format of ['docx', 'scan'] as const) {
        const r = extractDocument(layout(PLAN_TITLE, rowsCut(upper, lower), format));
        expect(r.items.map((i) => i.criterion), `${upper} | ${lower}`).toEqual(['3.2', '3.3']);
        const item = r.items[0] as PlanItem;
        expect(item.target).toBe('Thư viện đạt chuẩn, có góc đọc sách thân thiện');
        expect(item.owners).toEqual(['Ban đại diện CMHS', 'Phó HT']);
        expect(item.note).toBe('Ưu tiên');
        expect(r.issues.map((i) => i.code)).not.toContain('row.no_criterion');
      }
    }
  });

  it('joins the rest of a criterion name that goes on at the top of the next page, in lower case', () => {
    const rows: Row[] = [
      ['Tiêu chuẩn, tiêu chí', 'ND kế hoạch xây dựng đầu năm', 'Công việc đã hoàn thành', 'Đang thực hiện, chậm so với kế hoạch', 'Chưa triển khai (lý do)'],
      ['Tiêu chí 5.3: Thực hiện các hoạt động', 'Tiếp tục xây dựng thực đơn phù hợp', 'Không', 'Không', 'Chưa chăm sóc trẻ suy dinh dưỡng'],
      ['Tiêu chí 5.4: Công tác phổ', 'Tiếp tục tổ chức câu lạc bộ tin học; hướng dẫn', '', 'Các nội dung đang thực hiện', ''],
      ['cập giáo dục tiểu học', 'học sinh khai thác học liệu số an toàn', '', 'đúng tiến độ', ''],
      ['Tiêu chí 5.5: Kết quả giáo dục', 'Phụ đạo học sinh chưa hoàn thành', 'Đã hoàn thành', '', ''],
    ];
    const doc = layout(REPORT_TITLE, rows, 'docx');
    const table = doc.pages[0].blocks[1] as unknown as { cells: Cell[] };
    for (const cell of table.cells) if (cell.row >= 3) cell.page = 2;
    const r = extractDocument(doc);
    expect(r.items.map((i) => i.criterion)).toEqual(['5.3', '5.4', '5.5']);
    const item = r.items[1] as unknown as Record<string, unknown>;
    expect(item.criterionName).toBe('Công tác phổ cập giáo dục tiểu học');
    expect(item.planned).toBe('Tiếp tục tổ chức câu lạc bộ tin học; hướng dẫn học sinh khai thác học liệu số an toàn');
    expect(item.inProgress).toBe('Các nội dung đang thực hiện đúng tiến độ');
    expect(r.issues.map((i) => i.code)).not.toContain('row.no_criterion');
    // On the same page, a row with words but no code in the criterion cell is still reported, not joined.
    for (const cell of table.cells) cell.page = 1;
    expect(extractDocument(doc).issues.map((i) => i.code)).toContain('row.no_criterion');
  });

  it('joins the pieces of a row beside a standard cell merged down its criteria (the break inside the merge)', () => {
    const head = ['Tiêu chuẩn', 'ND kế hoạch xây dựng đầu năm', 'Tiêu chuẩn, tiêu chí', 'Chưa triển khai (lý do)', 'Ghi chú'];
    const rows: Row[] = [
      head,
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', rowSpan: 3 }, 'Tiếp tục đa dạng các hình thức công khai', 'Tiêu chí / 1.1', '', ''],
      ['Tiếp tục sử dụng phần mềm quản lý', 'Tiêu chí / 1.2', 'Chưa triển khai vì chưa có hướng dẫn', ''],
      ['Nhà trường sẽ kiện toàn Hội đồng trường;', 'Tiêu', 'Chưa thực hiện do thiếu nhân', ''],
      head,
      ['', 'quy chế hoạt động và lịch họp định kỳ', 'chí / 1.3', 'lực', ''],
      [{ text: 'Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội', rowSpan: 1 }, 'Tiếp tục tham mưu với cấp ủy', 'Tiêu chí / 4.1', '', ''],
    ];
    for (const format of ['docx', 'scan'] as const) {
      const r = extractDocument(layout(REPORT_TITLE, rows, format));
      expect(r.items.map((i) => i.criterion), format).toEqual(['1.1', '1.2', '1.3', '4.1']);
      expect((r.items[2] as unknown as Record<string, unknown>).planned).toBe('Nhà trường sẽ kiện toàn Hội đồng trường; quy chế hoạt động và lịch họp định kỳ');
    }
  });

  it('does not join a piece that is no label with the code below it', () => {
    const r = extractDocument(layout(PLAN_TITLE, rowsCut('Hồ sơ 12', 'Tiêu chí 3.2'), 'docx'));
    expect(r.items.map((i) => i.criterion)).toEqual(['3.2', '3.3']);
    expect((r.items[0] as PlanItem).target).toBe('đọc sách thân thiện');
  });
});

describe('a numbered-header plan with a column of outside help', () => {
  const rows: Row[] = [
    NUMBERS(7),
    [{ text: 'Tiêu chuẩn 1', colSpan: 7 }],
    ['Tiêu chí 1.4', 'Mức 2', 'Tổ chuyên môn hoạt động hiệu quả, có kế hoạch rõ ràng', 'Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học hằng tháng', 'Tháng 9/2025 - 5/2026', '15.000.000 đồng', 'Phối hợp với Ban đại diện CMHS'],
    ['Tiêu chí 1.5', 'Mức 2', 'Lớp học đủ sĩ số theo quy định', 'Rà soát, sắp xếp lại các lớp học đầu năm học', 'Tháng 8/2025', 'Không', 'Sự hỗ trợ của Phòng GD&ĐT'],
    ['Tiêu chí 1.6', 'Mức 3', 'Hồ sơ tài chính công khai, minh bạch', 'Cập nhật hồ sơ, công khai tài chính theo quý', 'Năm học 2025 - 2026', 'Không', 'Không'],
    ['Tiêu chí 1.8', 'Mức 2', 'Phòng học bộ môn đủ thiết bị', 'Mua sắm, bổ sung thiết bị dạy học theo danh mục', 'Quý II/2026', '120.000.000 đồng', 'Tài liệu, trang thiết bị'],
  ];

  it('reads that column as support, not as the remarks or the solution', () => {
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    const items = r.items as PlanItem[];
    expect(items.map((i) => i.support)).toEqual(['Phối hợp với Ban đại diện CMHS', 'Sự hỗ trợ của Phòng GD&ĐT', 'Không', 'Tài liệu, trang thiết bị']);
    expect(items.map((i) => i.note)).toEqual([null, null, null, null]);
    expect(items[0].solution).toBe('Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học hằng tháng');
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'support')).toBe(true);
    // Without the solution column, the help is still not taken for the solution.
    const noSolution = rows.map((row, k) => (k < 2 ? (k === 0 ? NUMBERS(6) : [{ text: 'Tiêu chuẩn 1', colSpan: 6 }]) : [...row.slice(0, 3), ...row.slice(4)]));
    const r2 = extractDocument(layout(PLAN_TITLE, noSolution, 'docx'));
    expect((r2.items as PlanItem[]).map((i) => [i.solution, i.support])).toEqual([
      [null, 'Phối hợp với Ban đại diện CMHS'],
      [null, 'Sự hỗ trợ của Phòng GD&ĐT'],
      [null, 'Không'],
      [null, 'Tài liệu, trang thiết bị'],
    ]);
  });

  it('keeps a last column of remarks that mention help once as the note', () => {
    const remarks = rows.map((row, k) => (k < 2 ? row : [...row.slice(0, 6), ['Ưu tiên thực hiện', 'Cần hỗ trợ', 'Theo lộ trình', 'Tiếp tục duy trì'][k - 2]]));
    const items = extractDocument(layout(PLAN_TITLE, remarks, 'docx')).items as PlanItem[];
    expect(items.map((i) => i.note)).toEqual(['Ưu tiên thực hiện', 'Cần hỗ trợ', 'Theo lộ trình', 'Tiếp tục duy trì']);
    expect(items.map((i) => i.support)).toEqual([null, null, null, null]);
  });
});

describe('a numbered-header plan of few columns and one of long solutions before short targets', () => {
  it('reads a budget column of one amount and sources raised ("Huy động xã hội hóa") as the budget', () => {
    const rows: Row[] = [
      NUMBERS(3),
      [{ text: 'Tiêu chuẩn 2', colSpan: 3 }],
      ['Tiêu chí 2.3 (Mức 1)', 'Hỗ trợ giáo viên học nâng chuẩn', '25.000.000 đồng'],
      ['Tiêu chí 3.1 (Mức 2)', 'Nâng cấp nhà vệ sinh', 'Huy động xã hội hóa'],
      ['Tiêu chí 4.2 (Mức 1)', 'Tham mưu chính quyền địa phương', 'Ngân sách nhà nước'],
    ];
    const items = extractDocument(layout(PLAN_TITLE, rows, 'docx')).items as PlanItem[];
    expect(items.map((i) => [i.solution, i.budgetVnd, i.fundingSource])).toEqual([
      ['Hỗ trợ giáo viên học nâng chuẩn', 25_000_000, null],
      ['Nâng cấp nhà vệ sinh', null, 'Huy động xã hội hóa'],
      ['Tham mưu chính quyền địa phương', null, 'Ngân sách nhà nước'],
    ]);
  });

  it('takes the column of sentences for the solution and the column of phrases for the target, whatever their order', () => {
    const solutions = [
      '- Chi bộ chỉ đạo Công đoàn, Chi đoàn xây dựng kế hoạch hoạt động gắn với nhiệm vụ năm học - Tuyên truyền trên trang thông tin điện tử của trường',
      'Tham gia các lớp bồi dưỡng nghiệp vụ quản lý; tự học, tự bồi dưỡng nâng cao năng lực lãnh đạo. Lưu trữ hồ sơ minh chứng đầy đủ.',
      '- Các tổ chuyên môn rà soát hồ sơ theo quy định và bổ sung những hồ sơ còn thiếu trong năm học',
      'Ứng dụng phần mềm quản lý trường học, hồ sơ điện tử; bồi dưỡng kỹ năng tin học cho cán bộ quản lý trong toàn trường',
    ];
    const targets = ['Các tổ chức đoàn thể phát huy vai trò trong nhà trường', 'Cán bộ quản lý đạt chuẩn hiệu trưởng ở mức khá trở lên', 'Hồ sơ đầy đủ, khoa học', 'Ứng dụng công nghệ thông tin trong quản lý nhà trường'];
    const rows: Row[] = [
      ['', '', '', ''],
      [{ text: 'Tiêu chuẩn 1', colSpan: 4 }],
      ...solutions.map((sol, k): Row => [`Tiêu chí 1.${k + 3}`, sol, 'Hiệu trưởng, Phó hiệu trưởng', targets[k]]),
    ];
    const items = extractDocument(layout(PLAN_TITLE, rows, 'docx')).items as PlanItem[];
    expect(items.map((i) => i.solution)).toEqual(solutions);
    expect(items.map((i) => i.target)).toEqual(targets);
  });
});

describe('a numbered-header plan with its remarks in the middle', () => {
  it('reads the one column left when every other is placed as the note', () => {
    const rows: Row[] = [
      NUMBERS(8),
      [{ text: 'Tiêu chuẩn 1', colSpan: 8 }],
      ['1', 'Tiêu chí 1.3', 'Đã có kế hoạch chi tiết', 'Sử dụng phần mềm quản lý trường học', 'Năm học 2024 - 2025', '21.750.000', 'Ứng dụng công nghệ thông tin trong quản lý', 'Kế toán, PHT'],
      ['2', 'Tiêu chí 1.8', 'Tiếp tục duy trì', 'Tổ chức sinh hoạt chuyên môn hằng tháng', 'Tháng 9/2024 - 5/2025', 'Không', 'Tổ chuyên môn hoạt động hiệu quả', 'Tổ trưởng chuyên môn'],
      ['3', 'Tiêu chí 1.9', 'Theo lộ trình', 'Công khai tài chính theo quý', 'Quý II/2025', '5.000.000 đồng', 'Hồ sơ tài chính công khai, minh bạch', 'Hiệu trưởng'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows, 'docx'));
    const items = r.items as PlanItem[];
    expect(items.map((i) => i.note)).toEqual(['Đã có kế hoạch chi tiết', 'Tiếp tục duy trì', 'Theo lộ trình']);
    expect(items.map((i) => i.extra)).toEqual([{}, {}, {}]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'note')).toBe(true);
  });
});

describe('a report whose last header a scan garbled ("Gh / 1 / chu" for "Ghi chú")', () => {
  const rows: Row[] = [
    ['Tiêu chí', 'ND kế hoạch xây dựng đầu năm', 'ND kế hoạch đã được điều chỉnh', 'Đã hoàn thành', 'Đang triển khai, chậm so với kế hoạch (lý do)', 'Chưa triển khai (lý do)', 'Gh / 1 / chu'],
    [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 7 }],
    ['1.1', 'Nhà trường sẽ xây dựng kế hoạch hoạt động', 'Giữ nguyên nội dung kế hoạch', '', 'Các nội dung đang thực hiện đúng tiến độ', '', ''],
    ['1.3', 'Tiếp tục kiện toàn Hội đồng trường', '', '', '', 'Chưa triển khai vì chưa có hướng dẫn', 'Đã có kế hoạch chi tiết'],
    ['1.5', 'Tiếp tục chi bộ chỉ đạo Công đoàn', '', 'Hoàn thành đúng tiến độ', '', '', 'Theo lộ trình'],
  ];

  it('reads the last column as the note, its header leaning there', () => {
    const r = extractDocument(layout(REPORT_TITLE, rows, 'scan'));
    expect(r.items.map((i) => (i as unknown as Record<string, unknown>).note)).toEqual([null, 'Đã có kế hoạch chi tiết', 'Theo lộ trình']);
    // A last header that leans elsewhere keeps its column out of the note.
    const other = rows.map((row, k) => (k === 0 ? [...row.slice(0, 6), 'Minh chứng'] : row));
    expect(extractDocument(layout(REPORT_TITLE, other, 'scan')).items.map((i) => (i as unknown as Record<string, unknown>).note)).toEqual([null, null, null]);
  });
});

describe('a one-row report whose header says nothing', () => {
  it('finds the results beside the empty columns, not in a plan column that "Tiếp tục …"', () => {
    const rows: Row[] = [
      ['', '', '', '', '', '', ''],
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 7 }],
      ['1', 'Tiêu chí 1.9', 'Tiếp tục đa dạng các hình thức công khai phương hướng, chiến lược', 'Giữ nguyên nội dung kế hoạch', '', '', 'Chưa thực hiện do thiếu nhân lực'],
    ];
    const item = extractDocument(layout(REPORT_TITLE, rows, 'docx')).items[0] as unknown as Record<string, unknown>;
    expect(item).toMatchObject({
      planned: 'Tiếp tục đa dạng các hình thức công khai phương hướng, chiến lược',
      adjusted: 'Giữ nguyên nội dung kế hoạch',
      done: null,
      inProgress: null,
      notDone: 'Chưa thực hiện do thiếu nhân lực',
    });
  });

  it('does not take a "Không" for a result: the one result said is placed by its words', () => {
    const rows: Row[] = [
      NUMBERS(9),
      ['1', 'Tiêu chuẩn 5', 'Tiêu chí 5.3', 'Tiếp tục tổ chức các hoạt động trải nghiệm', 'Nhà trường đã tổ chức các hoạt động trải nghiệm', 'Không', 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', 'Không', 'Cần hỗ trợ'],
    ];
    const item = extractDocument(layout(REPORT_TITLE, rows, 'docx')).items[0] as unknown as Record<string, unknown>;
    expect(item.notDone).toBe('Chưa triển khai vì chưa có hướng dẫn của cấp trên');
    expect([item.done, item.inProgress]).toEqual(['Không', 'Không']);
  });
});

describe('headerless tables whose columns stand in another order than the form', () => {
  it('reads a report whose plan columns come after its results by their words ("Nhà trường sẽ …", "Điều chỉnh …")', () => {
    const rows: Row[] = [
      ['', '', '', '', '', ''],
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 6 }],
      ['1', 'Tiêu chí 1.1', 'Đã xây dựng quy chế chi tiêu nội bộ', '', 'Nhà trường sẽ xây dựng quy chế chi tiêu nội bộ', 'Giữ nguyên nội dung kế hoạch'],
      ['2', 'Tiêu chí 1.2', '', 'Đang triển khai, chậm tiến độ do thời tiết', 'Nhà trường sẽ xây dựng phương án phòng cháy chữa cháy', 'Điều chỉnh thời gian: xây dựng phương án phòng cháy'],
      ['3', 'Tiêu chí 1.3', 'Đã sử dụng phần mềm quản lý trường học', '', 'Tiếp tục sử dụng phần mềm quản lý trường học', 'Nhà trường đã sử dụng phần mềm quản lý'],
      ['4', 'Tiêu chí 1.4', '', 'Đang triển khai các hình thức công khai', 'Nhà trường sẽ đa dạng các hình thức công khai', 'Điều chỉnh thời gian: đa dạng các hình thức công khai'],
    ];
    const items = extractDocument(layout(REPORT_TITLE, rows, 'docx')).items as unknown as Record<string, unknown>[];
    expect(items.map((i) => [i.done, i.inProgress, i.notDone])).toEqual([
      ['Đã xây dựng quy chế chi tiêu nội bộ', null, null],
      [null, 'Đang triển khai, chậm tiến độ do thời tiết', null],
      ['Đã sử dụng phần mềm quản lý trường học', null, null],
      [null, 'Đang triển khai các hình thức công khai', null],
    ]);
    expect(items.map((i) => i.planned)).toEqual(rows.slice(2).map((r) => r[4]));
    expect(items.map((i) => i.adjusted)).toEqual(rows.slice(2).map((r) => r[5]));
  });

  it('does not take a report\'s plan column for a result it lacks ("Nhà trường sẽ …" beside "Chưa …" and "Hoàn thành …")', () => {
    const rows: Row[] = [
      NUMBERS(5),
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 5 }],
      ['1', 'Tiêu chí 1.4', 'Nhà trường sẽ kiện toàn Hội đồng trường; xây dựng quy chế hoạt động', 'Chưa thực hiện do thiếu nhân lực', ''],
      ['2', 'Tiêu chí 1.7', 'Nhà trường sẽ sử dụng phần mềm quản lý trường học', '', 'Hoàn thành đúng tiến độ, đạt chất lượng'],
      ['3', 'Tiêu chí 1.8', 'Nhà trường sẽ tổ chức hội giảng cấp trường', 'Chưa triển khai vì chưa có hướng dẫn', ''],
    ];
    const items = extractDocument(layout(REPORT_TITLE, rows, 'docx')).items as unknown as Record<string, unknown>[];
    expect(items.map((i) => i.planned)).toEqual(rows.slice(2).map((r) => r[2]));
    expect(items.map((i) => [i.inProgress, i.notDone, i.done])).toEqual([
      [null, 'Chưa thực hiện do thiếu nhân lực', null],
      [null, null, 'Hoàn thành đúng tiến độ, đạt chất lượng'],
      [null, 'Chưa triển khai vì chưa có hướng dẫn', null],
    ]);
  });

  it('finds a plan\'s target left of the criterion column when only the solution stands right of it', () => {
    const rows: Row[] = [
      NUMBERS(6),
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 6 }],
      ['1', 'Năm học 2025 - 2026', 'Hội đồng trường hoạt động đúng quy chế, họp định kỳ', 'Hiệu trưởng', 'Tiêu chí 1.2', 'Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động'],
      ['2', 'Quý II/2026', 'Hồ sơ tổ chuyên môn, tổ văn phòng đầy đủ, khoa học', 'Phó hiệu trưởng, Tổ văn phòng', 'Tiêu chí 1.5', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng'],
    ];
    const items = extractDocument(layout(PLAN_TITLE, rows, 'docx')).items as PlanItem[];
    expect(items.map((i) => [i.target, i.solution])).toEqual([
      ['Hội đồng trường hoạt động đúng quy chế, họp định kỳ', 'Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động'],
      ['Hồ sơ tổ chuyên môn, tổ văn phòng đầy đủ, khoa học', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng'],
    ]);
  });
});

describe('a blank-header plan whose last column asks for help', () => {
  // "Cần hỗ trợ" says help is wanted: a remark. A support column names the help ("Được đầu tư vốn").
  const blank = ['', '', '', '', '', '', ''];
  const TARGETS = ['Nâng cao chất lượng sinh hoạt chuyên môn', 'Tỷ lệ trẻ suy dinh dưỡng giảm so với đầu năm', 'Thiết bị dạy học đủ theo danh mục tối thiểu'];
  const row = (n: number, code: string, last: string) => [String(n), `Tiêu chí ${code}`, TARGETS[n - 1], 'Tổ chức sinh hoạt chuyên môn theo nghiên cứu bài học', 'Từ tháng 9/2021 đến tháng 1/2022', 'Hai triệu đồng', last];
  it('reads "Cần hỗ trợ", "Cần hỗ trợ", "Đã có kế hoạch chi tiết" as the note', () => {
    const r = extractDocument(layout(PLAN_TITLE, [blank, row(1, '1.5', 'Cần hỗ trợ'), row(2, '2.4', 'Cần hỗ trợ'), row(3, '5.1', 'Đã có kế hoạch chi tiết')], 'docx'));
    expect(r.items.map((i) => [(i as PlanItem).note, (i as PlanItem).support])).toEqual([
      ['Cần hỗ trợ', null],
      ['Cần hỗ trợ', null],
      ['Đã có kế hoạch chi tiết', null],
    ]);
  });
  it('still reads a column naming the help as support', () => {
    const r = extractDocument(layout(PLAN_TITLE, [blank, row(1, '1.5', 'Được đầu tư vốn'), row(2, '2.4', 'Sự hỗ trợ của Phòng GD&ĐT'), row(3, '5.1', 'Tài liệu, trang thiết bị')], 'docx'));
    expect(r.items.map((i) => (i as PlanItem).support)).toEqual(['Được đầu tư vốn', 'Sự hỗ trợ của Phòng GD&ĐT', 'Tài liệu, trang thiết bị']);
  });
});

describe('a numbered-header plan with its standards merged down a column of bare numbers', () => {
  // TT 1…6 in the first column, the standard's number merged down its rows in the second; the
  // scan read one TT with a speck ("4.1" for "4"). The TT column numbers every row: it is the rowNo.
  it('takes the row numbers from the column that numbers every row, not from the standards', () => {
    const rows: Row[] = [
      NUMBERS(6),
      ['1', { text: '1', rowSpan: 3 }, 'Tiêu chí 1.1: Phương hướng', 'Ứng dụng công nghệ thông tin', 'Hằng tháng', '350.000.000 đồng'],
      ['2', 'Tiêu chí 1.3: Tổ chức Đảng', 'Quản lý tài chính, tài sản đúng quy định', 'Năm 2024', '18.000.000'],
      ['3', 'Tiêu chí 1.4: Hiệu trưởng', 'Các tổ chức đoàn thể phát huy vai trò', 'năm học 2024-2025', 'Không'],
      ['4.1', { text: '2', rowSpan: 3 }, 'Tiêu chí 2.1: Đối với hiệu trưởng', 'Giáo viên tham gia hội thi giáo viên dạy giỏi', 'Từ 1/2025 - 5/2025', ''],
      ['5', 'Tiêu chí 2.2: Đối với giáo viên', 'Cán bộ quản lý đạt chuẩn hiệu trưởng', 'Quý II/2025', '5.000.000'],
      ['6', 'Tiêu chí 2.3: Đối với nhân viên', 'Đủ nhân viên kế toán, y tế, văn thư', 'Năm 2025', 'Không'],
    ];
    const r = extractDocument(layout(PLAN_TITLE, rows));
    expect(r.items.map((i) => [i.criterion, i.rowNo])).toEqual([
      ['1.1', '1'],
      ['1.3', '2'],
      ['1.4', '3'],
      ['2.1', null],
      ['2.2', '5'],
      ['2.3', '6'],
    ]);
  });
});

describe('a report whose plan column stands left of the codes under a header no list has', () => {
  it('reads the column of "Nhà trường sẽ …" as planned, wherever it stands', () => {
    const head = ['Những công việc đã triển khai xong', 'Việc định làm đầu năm', 'Việc chưa làm', 'TT', 'ND kế hoạch đã được điều chỉnh', 'TC, tiêu chí', 'Đang triển khai, chậm so với kế hoạch (lý do)'];
    const rows = [
      ['Đã hoàn thành đúng kế hoạch', 'Nhà trường sẽ rà soát, bổ sung hồ sơ của tổ chuyên môn', '', '1', 'Giữ nguyên nội dung kế hoạch', 'Tiêu chí 1.1', ''],
      ['', 'Nhà trường sẽ kiện toàn Hội đồng trường', 'Chưa thực hiện do thiếu kinh phí', '2', 'Giữ nguyên nội dung kế hoạch', 'Tiêu chí 1.4', ''],
      ['', 'Tiếp tục tham gia các lớp bồi dưỡng nghiệp vụ quản lý', '', '3', 'Điều chỉnh thời gian', 'Tiêu chí 2.1', 'Đang thực hiện, chậm do thiếu kinh phí'],
    ];
    const r = extractDocument(layout(REPORT_TITLE, [head, ...rows], 'docx'));
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => (i as unknown as Record<string, unknown>).planned)).toEqual(rows.map((row) => row[1]));
  });
});

describe('a numbered-header report whose not-done column says only "không"', () => {
  it('reads the three columns that take turns as the results, not the one column of "Đang …" beside two of "không" and nothing', () => {
    // Standard, criterion, level, planned, done, in progress, not done, note: the column of
    // "Đang …" alone, filled in two rows beside "không" and an empty note, would also fill one
    // column per row; read so, "Đã hoàn thiện …" would become the adjusted plan.
    const rows: Row[] = [
      NUMBERS(8),
      [{ text: 'Tiêu chuẩn 1', rowSpan: 2 }, 'Tiêu chí 1.2 / Hội đồng trường', 'Mức 2', 'Nhà trường sẽ rà soát, bổ sung hồ sơ của tổ chuyên môn', 'Đã hoàn thiện hồ sơ các tổ theo đúng kế hoạch', '', 'không', ''],
      ['Tiêu chí 1.5 / Tổ chuyên môn', 'Mức 2', 'Tiếp tục chi bộ chỉ đạo Công đoàn xây dựng kế hoạch hoạt động', '', 'Đang triển khai, chậm tiến độ do thời tiết', '', ''],
      [{ text: 'Tiêu chuẩn 2', rowSpan: 2 }, 'Tiêu chí 2.2 / Đối với giáo viên', 'Mức 1', 'Tiếp tục tham gia các lớp bồi dưỡng nghiệp vụ quản lý', 'Hoàn thành đúng tiến độ, đạt chất lượng', '', '', ''],
      ['Tiêu chí 2.4 / Đối với học sinh', 'Mức 2', 'Nhà trường sẽ tạo điều kiện cho giáo viên học nâng chuẩn', 'Giáo viên đạt chuẩn trình độ đào tạo theo quy định: đạt', 'Đang hỗ trợ giáo viên học nâng chuẩn, chậm do thiếu kinh phí', 'không', ''],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('report');
    const items = r.items.map((i) => i as unknown as Record<string, unknown>);
    expect(items.map((i) => i.criterion)).toEqual(['1.2', '1.5', '2.2', '2.4']);
    expect(items[0]).toMatchObject({ adjusted: null, done: 'Đã hoàn thiện hồ sơ các tổ theo đúng kế hoạch', notDone: 'không' });
    expect(items[1]).toMatchObject({ done: null, inProgress: 'Đang triển khai, chậm tiến độ do thời tiết', notDone: null });
    expect(items[3]).toMatchObject({ done: 'Giáo viên đạt chuẩn trình độ đào tạo theo quy định: đạt', inProgress: 'Đang hỗ trợ giáo viên học nâng chuẩn, chậm do thiếu kinh phí' });
  });
});

describe('a blank-header report whose adjusted plan stands after a result column', () => {
  it('reads the column whose cells keep or change the plan as the adjusted plan, not as a note', () => {
    // Criterion, planned, not done, adjusted, note, done, in progress: the one plan column before
    // the first result is the plan as written; the adjusted one comes after "Chưa …".
    const rows: Row[] = [
      ['', '', '', '', '', '', ''],
      [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 7 }],
      ['Tiêu chí 1.1 (Mức 3)', 'Nhà trường sẽ chỉ đạo Công đoàn xây dựng kế hoạch hoạt động', 'Chưa thực hiện do thiếu nhân lực', 'Giữ nguyên nội dung kế hoạch', '', '', ''],
      ['Tiêu chí 1.7 (Mức 2)', 'Nhà trường sẽ sử dụng phần mềm quản lý trường học', '', 'Nhà trường đã sử dụng phần mềm quản lý trường học', '', 'Hoàn thành đúng tiến độ, đạt chất lượng', ''],
      [{ text: 'Tiêu chuẩn 5: Hoạt động và kết quả giáo dục', colSpan: 7 }],
      ['Tiêu chí 5.1 (Mức 3)', 'Nhà trường sẽ xây dựng thực đơn phù hợp', '', 'Nhà trường đã xây dựng thực đơn phù hợp', '', 'Hoàn thành đúng tiến độ, đạt chất lượng', ''],
    ];
    const r = extractDocument(layout(REPORT_TITLE, rows, 'docx'));
    expect(r.kind).toBe('report');
    const items = r.items.map((i) => i as unknown as Record<string, unknown>);
    expect(items.map((i) => [i.criterion, i.planned, i.adjusted, i.note])).toEqual([
      ['1.1', rows[2][1], 'Giữ nguyên nội dung kế hoạch', null],
      ['1.7', rows[3][1], rows[3][3], null],
      ['5.1', rows[5][1], rows[5][3], null],
    ]);
    expect(items.map((i) => [i.done, i.notDone])).toEqual([
      [null, 'Chưa thực hiện do thiếu nhân lực'],
      ['Hoàn thành đúng tiến độ, đạt chất lượng', null],
      ['Hoàn thành đúng tiến độ, đạt chất lượng', null],
    ]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'adjusted')).toBe(true);
  });
});
