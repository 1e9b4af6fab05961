/**
 * Where a table's header ends: a body row whose cells read like header words (a level after the
 * code, "Điều chỉnh …", "Chưa triển khai …") is still a body row when it opens with a criterion
 * code. Plain Layout data: no reader.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type ReportItem } from '../../src/extract/index.js';
import type { Cell, Layout } from '../../src/layout/layout.js';

describe('a two-row report header above rows that open with "1.2 (Mức 3)"', () => {
  it('ends at its second row: every row is an item, the result columns in the header\'s order', () => {
    const cells: Cell[] = [];
    const push = (row: number, col: number, text: string, span: { rowSpan?: number; colSpan?: number } = {}) =>
      cells.push({ row, col, rowSpan: span.rowSpan ?? 1, colSpan: span.colSpan ?? 1, lines: text ? [text] : [] });
    push(0, 0, 'Tiêu chuẩn, tiêu chí', { rowSpan: 2 });
    push(0, 1, 'Nội dung kế hoạch cải tiến chất lượng', { colSpan: 2 });
    push(0, 3, 'Kết quả thực hiện', { colSpan: 3 });
    push(0, 6, 'Ghi chú', { rowSpan: 2 });
    ['ND kế hoạch xây dựng đầu năm', 'ND kế hoạch đã được điều chỉnh', 'Đang triển khai, chậm so với kế hoạch (lý do)', 'Những công việc đã triển khai xong', 'Chưa triển khai (lý do)'].forEach((h, i) => push(1, i + 1, h));
    const body = [
      ['1.2 (Mức 3)', 'Tiếp tục xây dựng phương án phòng cháy chữa cháy', 'Điều chỉnh thời gian: xây dựng phương án phòng cháy', 'không', 'không', 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', ''],
      ['2.1 (Mức 1)', 'Tiếp tục tạo điều kiện cho nhân viên học tập', 'Điều chỉnh thời gian: tạo điều kiện cho nhân viên', '', 'Đã bồi dưỡng nghiệp vụ nhân viên', '', ''],
      ['3.3 (Mức 2)', 'Tiếp tục cải tạo bếp ăn một chiều', '', 'Không', 'Hoàn thành đúng tiến độ, đạt chất lượng', 'Không', ''],
    ];
    body.forEach((texts, k) => texts.forEach((t, col) => push(k + 2, col, t)));
    const layout: Layout = {
      source: { format: 'docx', reader: 'mammoth', paginated: false },
      pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: ['BÁO CÁO', 'Kết quả thực hiện kế hoạch cải tiến chất lượng năm học 2023-2024'] }, { type: 'table', index: 0, rows: 5, cols: 7, cells }] }],
      issues: [],
    };
    const items = extractDocument(layout).items as ReportItem[];
    expect(items.map((i) => [i.criterion, i.level])).toEqual([
      ['1.2', 3],
      ['2.1', 1],
      ['3.3', 2],
    ]);
    expect(items[0]).toMatchObject({ planned: 'Tiếp tục xây dựng phương án phòng cháy chữa cháy', adjusted: 'Điều chỉnh thời gian: xây dựng phương án phòng cháy', notDone: 'Chưa triển khai vì chưa có hướng dẫn của cấp trên' });
    expect(items[1]).toMatchObject({ done: 'Đã bồi dưỡng nghiệp vụ nhân viên', inProgress: null });
    expect(items[2]).toMatchObject({ done: 'Hoàn thành đúng tiến độ, đạt chất lượng' });
  });
});

describe('a column of standard numbers merged down their criteria, under a blank header', () => {
  it('is the standard, not the TT: no item takes its number as a row number', () => {
    const cells: Cell[] = Array.from({ length: 6 }, (_, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, lines: [] }));
    const rows = [
      ['1', 'Tiêu chí 1.1', 'Tiếp tục xây dựng phương án phòng cháy', '', 'Các nội dung đang thực hiện đúng tiến độ', ''],
      [null, 'Tiêu chí 1.5', 'Nhà trường sẽ kiện toàn Hội đồng trường', '', 'Các nội dung đang thực hiện đúng tiến độ', ''],
      ['2', 'Tiêu chí 2.2', 'Tiếp tục tổ chức hội giảng cấp trường', 'Đã tổ chức hội giảng', '', ''],
      [null, 'Tiêu chí 2.3', 'Nhà trường sẽ tạo điều kiện cho giáo viên', '', 'Đang hỗ trợ giáo viên học nâng chuẩn', 'Chưa có kinh phí'],
    ];
    rows.forEach((texts, k) =>
      texts.forEach((t, col) => {
        if (t === null) return; // under the merged number above
        cells.push({ row: k + 1, col, rowSpan: col === 0 ? 2 : 1, colSpan: 1, lines: t ? [t] : [] });
      }),
    );
    const layout: Layout = {
      source: { format: 'docx', reader: 'mammoth', paginated: false },
      pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: ['BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG', 'Năm học 2023-2024'] }, { type: 'table', index: 0, rows: 5, cols: 6, cells }] }],
      issues: [],
    };
    const items = extractDocument(layout).items as ReportItem[];
    expect(items.map((i) => [i.criterion, i.standard, i.rowNo])).toEqual([
      ['1.1', 1, null],
      ['1.5', 1, null],
      ['2.2', 2, null],
      ['2.3', 2, null],
    ]);
  });
});
