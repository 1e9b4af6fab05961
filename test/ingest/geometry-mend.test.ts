/**
 * Words a narrow column broke, mended where the grid builds a cell's lines (text PDFs and OCR
 * alike), and runs a PDF reader merged across a cell rule cut back at the rule: hand-built
 * positioned pages, exact and with OCR-like wobble.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableGrid, type Table } from '../../src/layout/layout.js';
import { buildPage } from '../../src/ingest/geometry/page.js';
import type { PositionedPage, PositionedWord, RulingSegment } from '../../src/ingest/geometry/types.js';

/** A word at (x, y): 0.5 em per character wide, 1.15 em tall (10 pt text). */
const word = (text: string, x: number, y: number, size = 10): PositionedWord => ({
  text,
  box: { x0: x, y0: y, x1: x + [...text].length * 0.5 * size, y1: y + 1.15 * size },
});

function grid(xs: number[], ys: number[]): RulingSegment[] {
  return [
    ...ys.map((y) => ({ x0: xs[0], y0: y, x1: xs.at(-1)!, y1: y })),
    ...xs.map((x) => ({ x0: x, y0: ys[0], x1: x, y1: ys.at(-1)! })),
  ];
}

const lines = (words: PositionedWord[], segments: RulingSegment[]): string[][] => {
  const page: PositionedPage = { number: 1, width: 595, height: 842, words, segments };
  const table = buildPage(page).blocks.find((b): b is Table => b.type === 'table')!;
  return tableGrid(table)[0].map((s) => s!.cell.lines);
};

// Columns: a narrow level column (40–62: 22 pt, three characters after 3 pt margins), then a wide one.
const XS = [40, 62, 200];
const YS = [100, 150];

describe('a narrow column', () => {
  it('mends a word whose first piece ran into the right edge', () => {
    // "Mứ" ends at 43 + 10 = 53; with "c" the word would be 58 > 59 - one margin: the column broke it.
    const cells = lines([word('Mứ', 43, 103), word('c 2', 43, 115), word('Ghi chú thêm', 65, 103)], grid(XS, YS));
    expect(cells).toEqual([['Mức 2'], ['Ghi chú thêm']]);
  });

  it('keeps the space when the line stopped short of the edge (a wrap, not a break)', () => {
    const wide = [40, 90, 200];
    expect(lines([word('Mứ', 43, 103), word('c 2', 43, 115), word('x', 93, 103)], grid(wide, YS))).toEqual([['Mứ', 'c 2'], ['x']]);
  });

  it('keeps the space between two words that are syllables of their own', () => {
    expect(lines([word('Mức', 43, 103), word('2', 43, 115), word('x', 65, 103)], grid([40, 60, 200], YS))).toEqual([['Mức', '2'], ['x']]);
  });

  it('joins a number the column cut, with either separator', () => {
    const budget = [40, 80, 200];
    expect(lines([word('250,00', 43, 103), word('0,000', 43, 115), word('đồng', 43, 127), word('x', 83, 103)], grid(budget, YS))[0]).toEqual([
      '250,000,000',
      'đồng',
    ]);
  });

  it('mends the same words under OCR wobble', () => {
    const jitter = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(fc.array(jitter, { minLength: 8, maxLength: 8 }), (j) => {
        const w = (text: string, x: number, y: number, k: number) => {
          const b = word(text, x + j[k], y + j[k + 1]);
          return { ...b, confidence: 0.9 };
        };
        const cells = lines([w('Mứ', 43, 103, 0), w('c 2', 43, 115, 2), w('Ghi chú', 65, 103, 4)], grid(XS, YS));
        expect(cells[0]).toEqual(['Mức 2']);
      }),
      { numRuns: 50 },
    );
  });
});

describe('a run merged across a cell rule', () => {
  it('is cut at the space nearest the rule, each piece in its own cell', () => {
    // One item "Tiêu chí Mứ" from 43 to 98 crossing the rule at 80; "c" below in the second column.
    const merged: PositionedWord = { text: 'Tiêu chí Mứ', box: { x0: 43, y0: 103, x1: 98.5, y1: 114.5 } };
    const cells = lines([merged, word('c', 83, 115)], grid([40, 80, 100], YS));
    expect(cells).toEqual([['Tiêu chí'], ['Mức']]);
  });

  it('is cut where the characters\' own widths put the rule (spaces and stops are narrow)', () => {
    // As Chromium printed a narrow plan: "Tiêu chí 1. 1" and "Mức 3" one item, the rule at 174.4;
    // with every character as wide as the next, the cut fell before the last "1".
    const merged: PositionedWord = { text: 'Tiêu chí 1. 1 Mức 3', box: { x0: 95.6, y0: 103, x1: 216.2, y1: 114.5 } };
    expect(lines([merged], grid([91.9, 174.4, 237.4], YS))).toEqual([['Tiêu chí 1. 1'], ['Mức 3']]);
  });

  it('is left whole inside a merged cell (no rule between the columns on that row)', () => {
    const segments = [
      ...[100, 150].map((y) => ({ x0: 40, y0: y, x1: 200, y1: y })),
      { x0: 40, y0: 100, x1: 40, y1: 150 },
      { x0: 200, y0: 100, x1: 200, y1: 150 },
      // The inner rule only on a second row.
      { x0: 120, y0: 150, x1: 120, y1: 200 },
      { x0: 40, y0: 200, x1: 200, y1: 200 },
      { x0: 40, y0: 150, x1: 40, y1: 200 },
      { x0: 200, y0: 150, x1: 200, y1: 200 },
    ];
    const page: PositionedPage = { number: 1, width: 595, height: 842, words: [word('Tiêu chuẩn 1: Tổ chức', 43, 103), word('a', 43, 160), word('b', 123, 160)], segments };
    const table = buildPage(page).blocks.find((b): b is Table => b.type === 'table')!;
    expect(tableGrid(table)[0][0]!.cell.lines).toEqual(['Tiêu chuẩn 1: Tổ chức']);
  });
});
