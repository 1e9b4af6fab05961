/**
 * A scan's colon between two steps of a solution is the semicolon the image lost the comma of;
 * colons that announce or label stay (src/extract/cell-text.ts).
 */
import { describe, expect, it } from 'vitest';
import { foldedCellText, semicolonsBetweenActions } from '../../src/extract/cell-text.js';
import type { Cell } from '../../src/layout/layout.js';

describe('semicolons between actions', () => {
  it.each([
    ['Rà soát, bổ sung hồ sơ của tổ chuyên môn: kiểm tra định kỳ mỗi học kỳ', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn; kiểm tra định kỳ mỗi học kỳ'],
    ['- Kiện toàn Hội đồng trường: xây dựng quy chế hoạt động', '- Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động'],
    // "họp" (meet) leads a step like any action word.
    ['Xây dựng kế hoạch hoạt động: họp định kỳ mỗi học kỳ', 'Xây dựng kế hoạch hoạt động; họp định kỳ mỗi học kỳ'],
  ])('reads %j as %j', (read, fixed) => {
    expect(semicolonsBetweenActions(read)).toBe(fixed);
  });

  it.each([
    'Thời gian thực hiện: năm học 2024-2025 Thời gian hoàn thành: đến hết năm học 2027-2028', // labels
    'Tổ chức các hoạt động gồm: xây dựng kế hoạch, tham quan', // an announcing word
    'Nhà trường thực hiện: xây dựng kế hoạch', // no step before
    'Xây dựng kế hoạch hoạt động: định kỳ mỗi tháng', // no action after
    'Ngân sách: 30.000.000 đồng',
  ])('leaves %j alone', (text) => {
    expect(semicolonsBetweenActions(text)).toBe(text);
  });

  it('is applied to a scan’s cells only: a text layer says what the author typed', () => {
    const cell = (confidence?: number): Cell => ({ row: 0, col: 0, rowSpan: 1, colSpan: 1, lines: ['Xây dựng kế hoạch giáo dục nhà trường:', 'chỉ đạo các tổ chuyên môn'], ...(confidence ? { confidence } : {}) });
    expect(foldedCellText(cell(0.9))).toBe('Xây dựng kế hoạch giáo dục nhà trường; chỉ đạo các tổ chuyên môn');
    expect(foldedCellText(cell())).toBe('Xây dựng kế hoạch giáo dục nhà trường: chỉ đạo các tổ chuyên môn');
  });
});
