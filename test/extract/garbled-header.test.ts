/**
 * A scanned report whose criterion header the OCR garbled ("lêˆ u chí cần cải tế n") and whose
 * criterion column carries noise rows (a row cut by a page break, a stray note): the table is
 * still found by its column of codes, and that column is read as the criterion, saying so.
 * Plain Layout data: no reader, no OCR.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem } from '../../src/extract/index.js';
import type { Cell, Layout } from '../../src/layout/layout.js';

/** A scanned page: the title lines, then one table of plain cells (`head` and `rows`) read with `confidence`. */
function scannedTable(title: string[], head: string[], rows: string[][], confidence: number): Layout {
  const cells: Cell[] = [];
  [head, ...rows].forEach((texts, row) => texts.forEach((t, col) => cells.push({ row, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1, confidence })));
  return {
    source: { format: 'scan', reader: 'tesseract.js', paginated: true },
    pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: title }, { type: 'table', index: 0, rows: rows.length + 1, cols: head.length, cells }] }],
    issues: [],
  } as unknown as Layout;
}

const HEADER = ['TT', 'lêˆ u chí cần cải tế n', 'Xây dựng đầu năm', 'Điều chỉnh', 'Đã hoàn thành', 'Đang thực hiện (lý do)', 'Chưa thực hiện (lý do)'];
const ROWS = [
  ['1', 'Tiêu chí 1.2', 'Kiện toàn tổ chuyên môn', '', 'Đã kiện toàn tổ chuyên môn', '', ''],
  ['2', 'Tiêu', 'Bồi dưỡng giáo viên', '', '', 'Đang bồi dưỡng (thiếu kinh phí)', ''],
  ['3', 'Tiêu chí 2.2', 'Tổ chức hội thi giáo viên giỏi', 'Chuyển sang học kỳ II', '', '', 'Chưa tổ chức (trùng lịch)'],
  ['', 'ghi nhận thêm', '', '', '', '', ''],
];

function layout(): Layout {
  const cells: Cell[] = [];
  [HEADER, ...ROWS].forEach((texts, row) =>
    texts.forEach((t, col) => cells.push({ row, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1, confidence: 0.9 })),
  );
  return {
    source: { format: 'scan', reader: 'tesseract.js', paginated: true },
    pages: [
      {
        number: 1,
        blocks: [
          { type: 'paragraph', lines: ['BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2023 - 2024'] },
          { type: 'table', index: 0, rows: ROWS.length + 1, cols: HEADER.length, cells },
        ],
      },
    ],
    issues: [],
  } as unknown as Layout;
}

describe('a criterion column whose header the scan garbled', () => {
  it('is found by its codes, and the rows with a code are items', () => {
    const r = extractDocument(layout());
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => i.criterion)).toEqual(['1.2', '2.2']);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'criterion')).toBe(true);
  });
});

describe('a table the extractor could not read', () => {
  it('gives item.dropped naming its page and the codes it holds that are in no item', () => {
    const base = layout();
    const fragment: Cell[] = [
      ['Tiêu chí 1.3', 'chiến lược phát triển'],
      ['| tài sản đúng quy', 'Tiêu chí 2.2'],
      ['Tiêu chí 4.1: Ban đại diện', 'công khai'],
    ].flatMap((texts, row) => texts.map((t, col) => ({ row, col, rowSpan: 1, colSpan: 1, lines: [t], page: 2 })));
    base.pages.push({ number: 2, blocks: [{ type: 'table', index: 1, rows: 3, cols: 2, cells: fragment }] } as unknown as Layout['pages'][number]);
    const r = extractDocument(base);
    expect(r.items.map((i) => i.criterion)).toEqual(['1.2', '2.2']);
    const dropped = r.issues.filter((i) => i.code === 'item.dropped');
    expect(dropped).toHaveLength(1);
    expect(dropped[0]).toMatchObject({ table: 1, severity: 'warning' });
    // 2.2 is an item already: only the codes no item has are named.
    expect(dropped[0].message).toContain('page 2');
    expect(dropped[0].message).toContain('codes 1.3, 4.1');
  });
});

describe('a budget column whose header the scan glued and misread', () => {
  // "KP dự kiến (triệu đồng)" as tesseract left it from a narrow column: the words before the
  // unit are no wording, but the unit in brackets heads only a column of amounts.
  const head = ['TT', 'TC, tiêu chí', 'Nội dung công việc/giải pháp', 'TG thực hiện', 'KPdưựkiên (triệu đông)'];
  const rows = [
    ['1', 'Tiêu chí 1.4', 'Xây dựng phương án phòng cháy chữa cháy', 'Tháng 10/2022', '7,5'],
    ['2', 'Tiêu chí 1.6', 'Sử dụng phần mềm quản lý trường học', '1/2023-5/2023', '120'],
  ];
  const plan = () => scannedTable(['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2022 - 2023'], head, rows, 0.9);

  it('is read as the budget, in the unit its header states', () => {
    const r = extractDocument(plan());
    expect(r.kind).toBe('plan');
    expect(r.items.map((i) => [i.criterion, 'budgetVnd' in i ? i.budgetVnd : undefined])).toEqual([
      ['1.4', 7_500_000],
      ['1.6', 120_000_000],
    ]);
  });
});

describe('a scan\'s bare amount where a decimal comma may have been lost', () => {
  const head = ['TT', 'Tiêu chí', 'Giải pháp', 'Kinh phí (triệu đồng)'];
  function plan(budgets: string[], scan = true): Layout {
    const rows = budgets.map((b, i) => [String(i + 1), `Tiêu chí 1.${i + 1}`, 'Bồi dưỡng chuyên môn cho giáo viên', b]);
    const cells: Cell[] = [];
    [head, ...rows].forEach((texts, row) =>
      texts.forEach((t, col) => cells.push({ row, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1, ...(scan ? { confidence: 0.95 } : {}) })),
    );
    return {
      source: scan ? { format: 'scan', reader: 'tesseract.js', paginated: true } : { format: 'docx', reader: 'mammoth', paginated: false },
      pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2022 - 2023'] }, { type: 'table', index: 0, rows: rows.length + 1, cols: 4, cells }] }],
      issues: [],
    } as unknown as Layout;
  }
  const doubtful = (r: ReturnType<typeof extractDocument>) =>
    r.items.filter((i) => i.confidence <= 0.8 && r.issues.some((x) => x.code === 'budget.comma_doubtful' && x.row === i.provenance.row)).map((i) => i.criterion);

  it('lowers the confidence of "35" in a column that writes "2,5", and says why', () => {
    const r = extractDocument(plan(['2,5', '35', '7,5']));
    expect(r.items.map((i) => ('budgetVnd' in i ? i.budgetVnd : null))).toEqual([2_500_000, 35_000_000, 7_500_000]);
    expect(doubtful(r)).toEqual(['1.2']);
  });

  it('leaves alone a column of whole numbers, and a text layer', () => {
    expect(doubtful(extractDocument(plan(['15', '35', '120'])))).toEqual([]);
    expect(doubtful(extractDocument(plan(['2,5', '35', '7,5'], false)))).toEqual([]);
  });

  it('doubts "15 tỷ" on a scan wherever it stands, and "25 triệu" where the column writes decimals', () => {
    const r = extractDocument(plan(['15 tỷ', '25 triệu', '3 tỷ 750 triệu', '120 triệu đồng']));
    expect(r.items.map((i) => ('budgetVnd' in i ? i.budgetVnd : null))).toEqual([15_000_000_000, 25_000_000, 3_750_000_000, 120_000_000]);
    expect(doubtful(r)).toEqual(['1.1']);
    expect(doubtful(extractDocument(plan(['15 tỷ', '25 triệu đồng', '2,5 triệu'])))).toEqual(['1.1', '1.2']);
    expect(doubtful(extractDocument(plan(['15 tỷ', '25 triệu', '2,5 triệu'], false)))).toEqual([]);
  });

  it('doubts "35 ty đồng" too: the scan lost the mark of "tỷ" as well as the comma of "3,5"', () => {
    const r = extractDocument(plan(['35 ty đồng', '12 triệu']));
    expect(r.items.map((i) => ('budgetVnd' in i ? i.budgetVnd : null))).toEqual([35_000_000_000, 12_000_000]);
    expect(doubtful(r)).toEqual(['1.1']);
  });
});

describe('a criterion column whose header a scan left as the standard’s', () => {
  it('is read as the criterion when its cells are criterion codes', () => {
    const head = ['TT', 'Tiêu chuẩn, tiêu ch 1', 'ND KH xây dựng đầu năm', 'KH điều chỉnh', 'Còn đang làm (nguyên nhân)', 'Chưa triển khai', 'Đã làm xong'];
    const rows = [
      ['1', '1.4', 'Nhà trường sẽ xây dựng phương án phòng cháy', '', 'Các nội dung đang thực hiện đúng tiến độ', '', ''],
      ['2', '1.5', 'Nhà trường sẽ xây dựng kế hoạch', '', '', 'Chưa triển khai vì chưa có hướng dẫn', ''],
      ['3', '3.4', 'Tham mưu cải tạo sân trường', '', '', '', 'Hoàn thành đúng tiến độ'],
    ];
    const r = extractDocument(scannedTable(['BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2020 - 2021'], head, rows, 0.9));
    expect(r.kind).toBe('report');
    expect(r.items.map((i) => [i.criterion, i.standard])).toEqual([['1.4', 1], ['1.5', 1], ['3.4', 3]]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'criterion')).toBe(true);
  });
});

describe('a criterion header a scan read as another field ("TG, tiêu chí" for "TC, tiêu chí")', () => {
  it('is the criterion column when its cells are the codes, and the time is read from the column whose cells hold it', () => {
    const head = ['STT', 'TG, tiêu chí', 'Điểm yếu cần khắc phục / kết quả cần đạt', 'Các giải pháp', 'TG hoàn thành', 'Dự kiến kinh phí (triệu đồng)'];
    const rows = [
      ['1', 'Tiêu chí 1.2', 'Ứng dụng công nghệ thông tin trong quản lý', 'Sử dụng phần mềm quản lý trường học', 'Từ năm học 2025 – 2026', '50'],
      ['2', 'Tiêu chí 1.4', 'Hồ sơ tổ chuyên môn đầy đủ, khoa học', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn', 'Năm học 2025-2026', '20'],
      ['3', 'Tiêu chí 3.2', 'Thiết bị dạy học đủ theo danh mục tối thiểu', 'Mua sắm bổ sung thiết bị dạy học', 'Học kỳ II năm học 2025-2026', '120'],
    ];
    const r = extractDocument(scannedTable(['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2025 - 2026'], head, rows, 0.95));
    expect(r.items.map((i) => [i.criterion, (i as PlanItem).timelineStart, (i as PlanItem).budgetVnd])).toEqual([
      ['1.2', '2025-09', 50_000_000],
      ['1.4', '2025-09', 20_000_000],
      ['3.2', '2026-01', 120_000_000],
    ]);
    expect(r.issues.some((i) => i.code === 'column.by_content' && i.field === 'criterion')).toBe(true);
  });
});
