/**
 * Properties of layout → extraction over random tables: whatever the cells say, extraction either
 * returns a contract-valid result or throws the one typed "no table" error, and its output is
 * bounded by its input.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { ExtractionSchema, extractDocument } from '../../src/extract/index.js';
import { matchScore, phrase } from '../../src/extract/header-match.js';
import type { Cell, Layout } from '../../src/layout/layout.js';

const HEADERS = ['TT', 'Tiêu chuẩn, tiêu chí', 'Tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Dự kiến kinh phí', 'Ghi chú', 'Mức', 'Nội dung cải tiến', 'Chỉ số kết quả', 'Nguồn lực', 'Mức độ thực hiện', 'Đã hoàn thành', 'Chưa triển khai (lý do)', 'Điểm hạn chế', 'Thời điểm', 'xyz', ''];
const TEXTS = ['Tiêu chí 1.1', 'Tiêu chuẩn 2: Cán bộ', '3.4', 'Mức 2', '250.000.000 đồng', 'Năm học 2024-2025', 'Hoàn thành', '', '1', '(1)', 'Không', 'Hiệu trưởng, giáo viên', 'Từ 9/2024 đến 5/2025', 'Tiêu chí 9. 9: tên'];

const cellText = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 30 }));

/** A table of random shape: a header row from the known wordings (or noise), body rows of random cells, some merged. */
const table = fc.integer({ min: 1, max: 10 }).chain((cols) =>
  fc.record({
    header: fc.array(fc.oneof(fc.constantFrom(...HEADERS), fc.string({ maxLength: 20 })), { minLength: cols, maxLength: cols }),
    body: fc.array(fc.array(cellText, { minLength: cols, maxLength: cols }), { maxLength: 12 }),
    spanRow: fc.option(fc.nat(12)),
  }),
);

function toLayout(tables: { header: string[]; body: string[][]; spanRow: number | null }[]): Layout {
  return {
    source: { format: 'docx', reader: 'test', paginated: false },
    issues: [],
    pages: [
      {
        number: 1,
        blocks: tables.map((t, index) => {
          const cols = t.header.length;
          const cells: Cell[] = t.header.map((text, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, lines: [text] }));
          t.body.forEach((row, r) => {
            if (t.spanRow === r) cells.push({ row: r + 1, col: 0, rowSpan: 1, colSpan: cols, lines: [row[0]] });
            else row.forEach((text, col) => cells.push({ row: r + 1, col, rowSpan: 1, colSpan: 1, lines: text.split('\n') }));
          });
          return { type: 'table' as const, index, rows: t.body.length + 1, cols, cells };
        }),
      },
    ],
  };
}

describe('extraction over random tables', () => {
  it('returns a contract-valid extraction or the typed no-table error, never anything else', () => {
    fc.assert(
      fc.property(fc.array(table, { minLength: 1, maxLength: 4 }), (tables) => {
        const layout = toLayout(tables);
        let result;
        try {
          result = extractDocument(layout);
        } catch (e) {
          expect(e).toBeInstanceOf(KhclError);
          expect((e as KhclError).code).toBe('extract.no_table');
          return;
        }
        expect(() => ExtractionSchema.parse(result)).not.toThrow();
        // A table that follows another of as many columns may be its continuation (a page or a
        // Word split without a repeated header): its first row is then data, not a header.
        const bodyRows = tables.reduce((n, t, i) => n + t.body.length + (i > 0 ? 1 : 0), 0);
        expect(result.items.length).toBeLessThanOrEqual(bodyRows);
        expect(result.focusIssues.length + result.monitoring.length).toBeLessThanOrEqual(bodyRows);
      }),
      { numRuns: 400 },
    );
  });

  it('scores any header against any synonym between 0 and 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), fc.string({ maxLength: 40 }), (header, synonym) => {
        const s = matchScore(phrase(header), phrase(synonym));
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
      }),
    );
  });
});
