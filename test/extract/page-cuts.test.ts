/**
 * Tables cut by page breaks, and headers that name the same field twice, as held-out generated
 * documents showed them: a Word table written as one table per page with the header repeated and
 * the cut row continued below it; a row the break cut inside a word; "TC" beside "Tiêu chí".
 * Plain Layout data: no reader.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem, type ReportItem } from '../../src/extract/index.js';
import type { Block, Cell, Layout } from '../../src/layout/layout.js';

const REPORT_HEADER = ['STT', 'Tiêu chí', 'ND kế hoạch xây dựng đầu năm', 'ND kế hoạch đã được điều chỉnh', 'Những công việc đã triển khai xong', 'Đang triển khai, chậm so với kế hoạch (lý do)', 'Chưa triển khai (lý do)', 'Ghi chú'];

function table(index: number, rows: string[][], page = 1): Block {
  const cells: Cell[] = rows.flatMap((texts, row) => texts.map((t, col) => ({ row, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page })));
  return { type: 'table', index, rows: rows.length, cols: rows[0].length, cells };
}

function docx(blocks: Block[], title = 'BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG'): Layout {
  return {
    source: { format: 'docx', reader: 'mammoth', paginated: false },
    pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: [title, 'Năm học 2023 - 2024'] }, ...blocks] }],
    issues: [],
  };
}

describe('a Word table written one table per page, the header repeated', () => {
  // Each piece's first row carries on the last row of the piece before; its words ("hoạt động",
  // "quy chế") read like header words, yet it is the rest of the cut row.
  const pieces = [
    [REPORT_HEADER, ['1', '1.1', 'Xây dựng chiến lược', 'Giữ nguyên', 'Đã xây dựng xong', '', '', ''], ['2', '1.10', 'Tiếp tục kiện toàn Hội đồng trường; xây dựng quy chế', 'Điều chỉnh thời gian: kiện toàn Hội đồng trường; xây dựng quy', 'Hội đồng trường hoạt động đúng', '', '', '']],
    [REPORT_HEADER, ['', '', 'hoạt động và lịch họp định kỳ của Hội đồng', 'chế hoạt động và lịch họp định kỳ của Hội đồng', 'quy chế, họp định kỳ: đạt', '', '', ''], ['3', '3.4', 'Nhà trường sẽ bổ sung đầu sách, báo, tạp chí;', 'Giữ nguyên nội', '', 'Đang triển khai, chậm tiến', 'Chưa thực hiện do', 'Tiếp tục duy trì']],
    [REPORT_HEADER, ['', '', 'xây dựng thư viện xanh, thư viện lớp học', 'dung kế hoạch', '', 'độ do thời tiết', 'thiếu nhân lực', ''], ['4', '5.1', 'Tổ chức các hoạt động trải nghiệm', 'Giữ nguyên', 'Đã tổ chức', '', '', '']],
  ];

  it('joins the pieces into one table and each continued row into its item', () => {
    const r = extractDocument(docx(pieces.map((rows, i) => table(i, rows))));
    const items = r.items as ReportItem[];
    expect(items.map((i) => i.criterion)).toEqual(['1.1', '1.10', '3.4', '5.1']);
    expect(items[1]).toMatchObject({
      planned: 'Tiếp tục kiện toàn Hội đồng trường; xây dựng quy chế hoạt động và lịch họp định kỳ của Hội đồng',
      adjusted: 'Điều chỉnh thời gian: kiện toàn Hội đồng trường; xây dựng quy chế hoạt động và lịch họp định kỳ của Hội đồng',
      done: 'Hội đồng trường hoạt động đúng quy chế, họp định kỳ: đạt',
    });
    expect(items[2]).toMatchObject({ adjusted: 'Giữ nguyên nội dung kế hoạch', inProgress: 'Đang triển khai, chậm tiến độ do thời tiết', notDone: 'Chưa thực hiện do thiếu nhân lực' });
    expect(r.issues.filter((i) => i.code === 'row.no_criterion')).toEqual([]);
  });

  it('still takes a real second header row (a parent over its children) on a table of its own', () => {
    const twoRow = table(0, [
      ['TT', 'Tiêu chí', 'Nội dung kế hoạch cải tiến chất lượng', '', 'Kết quả thực hiện', '', ''],
      ['', '', 'Xây dựng đầu năm', 'Điều chỉnh', 'Đã hoàn thành', 'Đang thực hiện', 'Chưa thực hiện'],
      ['1', '1.1', 'Xây dựng chiến lược', 'Giữ nguyên', 'Đã xây dựng xong', '', ''],
    ]);
    const r = extractDocument(docx([twoRow]));
    expect(r.items as ReportItem[]).toMatchObject([{ criterion: '1.1', planned: 'Xây dựng chiến lược', adjusted: 'Giữ nguyên', done: 'Đã xây dựng xong' }]);
  });
});

describe('a row a page break cut inside a word', () => {
  const HEADER = ['STT', 'Tiêu chí', 'Giải pháp', 'Kết quả cần đạt', 'Người thực hiện', 'Thời gian', 'Kinh phí'];
  const layout = (criterion: [string, string], solution: [string, string]): Layout => {
    const page1 = table(0, [HEADER, ['1', '1.6. Quản lý hành chính', 'Rà soát hồ sơ', 'Hồ sơ đầy đủ', 'Hiệu trưởng', 'Năm học 2023-2024', 'Không'], ['2', criterion[0], solution[0], 'Đạt mức 2', 'Phó hiệu trưởng', 'Năm học 2023-2024', 'Không']], 1);
    const page2 = table(1, [['', criterion[1], solution[1], '', '', '', ''], ['3', '2.1. Đối với hiệu trưởng', 'Bồi dưỡng', 'Đạt chuẩn', 'Hiệu trưởng', 'Năm học 2023-2024', 'Không']], 2);
    return {
      source: { format: 'pdf', reader: 'pdfjs', paginated: true },
      pages: [
        { number: 1, blocks: [{ type: 'paragraph', lines: ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2023 - 2024'] }, page1] },
        { number: 2, blocks: [page2] },
      ],
      issues: [],
    };
  };

  it('joins the two pieces of the word, and keeps the space between two whole words', () => {
    const r = extractDocument(layout(['1.8. Quả', 'n lý các hoạt động giáo dục'], ['Sử dụng hồ sơ điện', 'tử; bồi dưỡng tin học']));
    const items = r.items as PlanItem[];
    expect(items.map((i) => i.criterion)).toEqual(['1.6', '1.8', '2.1']);
    expect(items[1]).toMatchObject({ criterionName: 'Quản lý các hoạt động giáo dục', solution: 'Sử dụng hồ sơ điện tử; bồi dưỡng tin học' });
  });
});

describe('"TC" beside "Tiêu chí" in the header', () => {
  it('reads the criterion from the column that holds the codes, the standard from the other', () => {
    const cells: Cell[] = [];
    const push = (row: number, col: number, text: string, rowSpan = 1) => cells.push({ row, col, rowSpan, colSpan: 1, lines: text ? [text] : [] });
    ['TC', 'Tiêu chí', 'Giải pháp thực hiện', 'Mục tiêu cần đạt', 'TG thực hiện'].forEach((h, col) => push(0, col, h));
    push(1, 0, 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', 2);
    push(3, 0, 'Tiêu chuẩn 3: Cơ sở vật chất', 1);
    const body = [
      ['Tiêu chí 1.2', 'Xây dựng phương án phòng cháy', 'Bảo đảm an ninh', 'Năm 2021'],
      ['Tiêu chí 1.5', 'Xây dựng quy chế chi tiêu nội bộ', 'Quản lý tài chính đúng quy định', 'Tháng 3/2022'],
      ['Tiêu chí 3.2', 'Bổ sung đầu sách', 'Thư viện đạt chuẩn', 'Năm học 2021-2022'],
    ];
    body.forEach((texts, k) => texts.forEach((t, i) => push(k + 1, i + 1, t)));
    const r = extractDocument(docx([{ type: 'table', index: 0, rows: 4, cols: 5, cells }], 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC'));
    const items = r.items as PlanItem[];
    expect(items.map((i) => [i.criterion, i.standard, i.solution])).toEqual([
      ['1.2', 1, 'Xây dựng phương án phòng cháy'],
      ['1.5', 1, 'Xây dựng quy chế chi tiêu nội bộ'],
      ['3.2', 3, 'Bổ sung đầu sách'],
    ]);
    expect(r.issues.map((i) => i.code)).toContain('column.by_content');
  });
});

describe('a scanned row whose amount came from the next page', () => {
  // The stitcher joined the next page's first row to the row above (its number lost by the scan,
  // or a real cut): the amount may be another row's, so the item says so and is trusted less.
  const head = ['TT', 'Tiêu chí', 'Giải pháp', 'Người thực hiện', 'Kinh phí'];
  function scanned(budgetContinued: boolean): Layout {
    const rows = [head, ['1', 'Tiêu chí 1.1', 'Bồi dưỡng giáo viên', 'Hiệu trưởng', ''], ['2', 'Tiêu chí 1.2', 'Rà soát hồ sơ', 'TTCM', '']];
    const cells: Cell[] = rows.flatMap((texts, row) => texts.map((t, col) => ({ row, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1, confidence: 0.95 })));
    const budget = cells.find((c) => c.row === 2 && c.col === 4)!;
    budget.lines = ['Xã hội hóa 18 triệu đồng'];
    if (budgetContinued) budget.continuedAt = 2;
    return {
      source: { format: 'scan', reader: 'tesseract.js', paginated: true },
      pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2023 - 2024'] }, { type: 'table', index: 0, rows: rows.length, cols: head.length, cells }] }],
      issues: [],
    };
  }

  it('raises item.continuation_doubtful on the budget and lowers the confidence below 0.9', () => {
    const r = extractDocument(scanned(true));
    const item = (r.items as PlanItem[]).find((i) => i.criterion === '1.2')!;
    expect(item.budgetVnd).toBe(18_000_000);
    expect(item.confidence).toBeLessThan(0.9);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'item.continuation_doubtful', field: 'budgetText', row: item.provenance.row }));
  });

  it('says nothing when the amount was on the row’s own page', () => {
    const r = extractDocument(scanned(false));
    expect(r.issues.filter((i) => i.code === 'item.continuation_doubtful')).toEqual([]);
  });
});
