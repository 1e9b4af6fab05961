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
