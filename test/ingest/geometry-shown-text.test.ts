/**
 * The text a page's operator list shows, read into runs of text with page boxes, on hand-built
 * operator lists in pdfjs's shape (what `page.getOperatorList()` gives the text-PDF reader).
 */
import { describe, expect, it } from 'vitest';
import { wordsShown, type ShownFont, type TextOpCodes } from '../../src/ingest/geometry/shown-text.js';

// pdfjs's codes for these operators (any distinct numbers would do).
const OPS: TextOpCodes = {
  save: 10, restore: 11, transform: 12, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75, beginText: 31,
  setFont: 37, setTextMatrix: 42, moveText: 40, setLeadingMoveText: 41, nextLine: 43, setLeading: 36,
  setCharSpacing: 33, setWordSpacing: 34, setHScale: 35, setTextRise: 39, showText: 44,
};
// PDF user space (origin bottom-left) → top-left page points on an 842 pt tall page.
const VIEWPORT = [1, 0, 0, -1, 0, 842];
const FONTS: Record<string, ShownFont> = {
  g_d0_f1: { fontMatrix: [0.001, 0, 0, 0.001, 0, 0], ascent: 0.8, descent: -0.2, bold: false },
  g_d0_f2: { fontMatrix: [0.001, 0, 0, 0.001, 0, 0], ascent: 0.8, descent: -0.2, bold: true },
};
const fontOf = (name: string) => FONTS[name] ?? null;

/** Glyphs of `text`, each 500 units (half an em) wide; numbers are TJ adjustments. */
type Glyph = number | { unicode: string; width: number; isSpace: boolean };
const glyphs = (...parts: (string | number)[]): Glyph[] =>
  parts.flatMap((p): Glyph[] => (typeof p === 'number' ? [p] : [...p].map((c) => ({ unicode: c, width: 500, isSpace: c === ' ' }))));

/** A text object: font, matrix, and one showText per piece of `shows`. */
function textOps(font: string, size: number, matrix: number[], ...shows: (string | number)[][]) {
  const fnArray = [OPS.beginText, OPS.setFont, OPS.setTextMatrix, ...shows.map(() => OPS.showText)];
  const argsArray: unknown[] = [null, [font, size], [Float32Array.from(matrix)], ...shows.map((s) => [glyphs(...s)])];
  return { fnArray, argsArray };
}

const round = (b: { x0: number; y0: number; x1: number; y1: number }) => Object.fromEntries(Object.entries(b).map(([k, v]) => [k, Math.round(v * 100) / 100]));

describe('text read from the operator list', () => {
  it('gives a run per line of text, spaces kept inside, its box from the font size, ascent and descent', () => {
    const words = wordsShown(textOps('g_d0_f1', 10, [1, 0, 0, 1, 100, 700], ['Tiêu chí 1.1']), OPS, VIEWPORT, fontOf)!;
    expect(words.map((w) => w.text)).toEqual(['Tiêu chí 1.1']);
    // 12 glyphs of 5 pt from x = 100; baseline at 842 − 700 = 142; 8 pt above it, 2 below.
    expect(round(words[0].box)).toEqual({ x0: 100, y0: 134, x1: 160, y1: 144 });
    expect(words[0].bold).toBeUndefined();
  });

  it('ends a run at a wide gap, puts a space at a word-sized one, and reads the bold font', () => {
    // −300 thousandths of the em: a space; −2000: two ems, a gap between columns.
    const words = wordsShown(textOps('g_d0_f2', 10, [1, 0, 0, 1, 100, 700], ['Kế', -300, 'hoạch', -2000, 'Ghi chú']), OPS, VIEWPORT, fontOf)!;
    expect(words.map((w) => [w.text, w.bold])).toEqual([
      ['Kế hoạch', true],
      ['Ghi chú', true],
    ]);
    expect(Math.round(words[1].box.x0)).toBe(100 + 7 * 5 + 3 + 20);
  });

  it('keeps a glyph a subset font gives code 32 (pdfjs marks it a space for word spacing) when it shows a letter', () => {
    const ops = textOps('g_d0_f1', 10, [1, 0, 0, 1, 0, 700], []);
    ops.argsArray[3] = [[{ unicode: 'T', width: 500 }, { unicode: 'i', width: 250, isSpace: true }, { unicode: 'ê', width: 500 }, { unicode: 'u', width: 500 }]];
    expect(wordsShown(ops, OPS, VIEWPORT, fontOf)!.map((w) => w.text)).toEqual(['Tiêu']);
  });

  it('follows the pen: text matrix, line moves, leading, the CTM through save and restore, and a form matrix', () => {
    const ops = {
      fnArray: [OPS.save, OPS.transform, OPS.beginText, OPS.setFont, OPS.setTextMatrix, OPS.showText, OPS.setLeading, OPS.nextLine, OPS.showText, OPS.moveText, OPS.showText, OPS.restore, OPS.paintFormXObjectBegin, OPS.beginText, OPS.setFont, OPS.showText, OPS.paintFormXObjectEnd],
      argsArray: [
        null,
        [2, 0, 0, 2, 0, 0],
        null,
        ['g_d0_f1', 10],
        [Float32Array.from([1, 0, 0, 1, 50, 300])],
        [glyphs('A')],
        [20],
        null,
        [glyphs('B')],
        [10, 0],
        [glyphs('C')],
        null,
        [Float32Array.from([1, 0, 0, 1, 400, 100]), null],
        null,
        ['g_d0_f1', 10],
        [glyphs('D')],
        null,
      ],
    };
    const words = wordsShown(ops, OPS, VIEWPORT, fontOf)!;
    // Doubled by the CTM: A at (100, 842 − 600); B a leading (20 → 40 pt) lower; C 10 (→ 20 pt)
    // right of B's line start. D after the restore, in a form moved to (400, 100), not doubled.
    expect(words.map((w) => [w.text, Math.round(w.box.x0), Math.round(w.box.y1)])).toEqual([
      ['A', 100, 246],
      ['B', 100, 286],
      ['C', 120, 286],
      ['D', 400, 744],
    ]);
  });

  it('gives up on a vertical font or a font it cannot see, so the reader takes pdfjs\'s text content', () => {
    const vertical = { g_d0_f1: { ...FONTS.g_d0_f1, vertical: true } };
    expect(wordsShown(textOps('g_d0_f1', 10, [1, 0, 0, 1, 0, 0], ['文字']), OPS, VIEWPORT, (n) => vertical[n as 'g_d0_f1'] ?? null)).toBeNull();
    expect(wordsShown(textOps('g_d0_f9', 10, [1, 0, 0, 1, 0, 0], ['chữ']), OPS, VIEWPORT, fontOf)).toBeNull();
  });

  it('spells out ligatures and drops zero-width marks, composing accents (NFC)', () => {
    const ops = textOps('g_d0_f1', 10, [1, 0, 0, 1, 0, 700], []);
    ops.argsArray[3] = [[{ unicode: 'ﬁ', width: 500 }, { unicode: '\u200b', width: 0 }, { unicode: 'e', width: 500 }, { unicode: '\u0302', width: 0 }, { unicode: 'n', width: 500 }]];
    expect(wordsShown(ops, OPS, VIEWPORT, fontOf)!.map((w) => w.text)).toEqual(['fiên']);
  });
});
