/**
 * Numbers read twice. A budget or a date misread by one character is a wrong value that looks
 * right ("5.000.000" losing its "5", "2,5" its comma), so every doubtful number in a table cell
 * is read again on its own: the word's box widened to the neighbouring words (a digit the page
 * pass dropped sits right beside it), as one line (PSM 7), with only digits and separators
 * allowed. When the two readings differ, the cell says so ({@link Cell.reread}) and its
 * confidence drops; the extractor turns that into an issue on the row. The second reading
 * replaces the first only when the first is not a well-formed number and the second is.
 *
 * A sure reading is read again too when its box is too wide for its digits ("35" as wide as
 * "3,5": {@link widerThanDigits}), three times larger, where a comma a few pixels wide shows. A
 * separator found then replaces the reading; none found, the cell is marked all the same
 * (`separatorLost`), and the extractor doubts the amount.
 */
import type { Cell, Page } from '../../layout/layout.js';
import type { PositionedWord } from '../geometry/types.js';
import { centreIn, pad, pixelRect, type CellPassInput } from './cell-pass.js';
import { recognize } from './engine.js';
import { stripAccents } from '../../normalize/text.js';
import { crop, enlarge, shrink, toPgm } from './raster.js';
import { wordsOf } from './words.js';
import { numeralOf } from './numeral-pass.js';

/** What tesseract may read in the second pass: digits and the separators of amounts and dates. */
const DIGITS_ONLY = Object.freeze({ tessedit_char_whitelist: '0123456789.,/-:()' });
/** Number words read with less confidence than this are read again. */
const DOUBTFUL = 0.9;
/** A cell whose readings disagree is trusted no more than this. */
export const DISAGREEMENT_CONFIDENCE = 0.5;
const PAD = 10;

/** One number read twice, differently. */
export interface Disagreement {
  /** The word as the page pass read it (its box locates the cell). */
  word: PositionedWord;
  /** The second, digits-only reading. */
  again: string;
  /** Whether the second reading replaced the first in the text. */
  replaced: boolean;
  /** What the cell read before, when that is more than the word (a code read again whole). */
  read?: string;
  /** Both readings bare digits in a box wide enough for a separator too ({@link widerThanDigits}). */
  separatorLost?: boolean;
}


/** The numeric core of a word: without brackets, currency marks and trailing punctuation. */
function core(text: string): string {
  return text.replace(/^[^\d]+/u, '').replace(/[^\d]+$/u, '');
}

/**
 * A number as amounts and dates are written: "2.500.000", "2,5", "15", "9/2024", "2024-2025",
 * "20/11/2024". Not "000.000" (a leading digit lost) or "1.200.00" (a digit lost in a group).
 */
export function wellFormedNumber(text: string): boolean {
  const t = core(text);
  return (
    /^[1-9]\d{0,2}(?:([.,])\d{3})(?:\1\d{3})*(?:(?!\1)[.,]\d{1,2})?$/.test(t) ||
    /^(?:0|[1-9]\d{0,4})(?:[.,]\d{1,2})?$/.test(t) ||
    /^\d{1,2}\/\d{1,2}(?:\/\d{2,4})?$/.test(t) ||
    /^\d{1,2}\/\d{4}$/.test(t) ||
    /^\d{4}\s*[-–]\s*\d{4}$/.test(t)
  );
}

/**
 * "III/2022", "1II/2027": a quarter's numeral and its year, the numeral pass's to read
 * (numeral-pass.ts); read as digits, its letters would be lost ("/2027"). "11/2027" is a month.
 */
export function forNumeralPass(text: string): boolean {
  return /[IVXl|H]/.test(text) && numeralOf(text) != null;
}

/** Digits and separators of a reading, for comparing two readings of one number. */
function digitsOf(text: string): string {
  return core(text.replace(/[^\d.,/\-:]/g, ''));
}

/** Read the doubtful numbers of the page's table cells again; the words with any replaced. */
export async function rereadNumbers(input: CellPassInput): Promise<{ words: PositionedWord[]; disagreements: Disagreement[]; reread: number }> {
  const cells = input.page.blocks.flatMap((b) => (b.type === 'table' ? b.cells.filter((c) => c.box) : []));
  const targets: { word: PositionedWord; rect: { x0: number; y0: number; x1: number; y1: number }; wide: boolean }[] = [];
  const digitWidth = typicalDigitWidth(input.words);
  const insides = cells.map((c) => input.words.filter((w) => centreIn(w, c.box!)));
  const digitHeight = typicalDigitHeight(insides.flat());
  for (const [k, cell] of cells.entries()) {
    const box = cell.box!;
    const inside = insides[k];
    for (const w of inside) {
      if (!/\d/.test(w.text) || forNumeralPass(w.text)) continue;
      const wide = widerThanDigits(w, digitWidth) || deeperThanDigits(w, digitHeight);
      if ((w.confidence ?? 1) >= DOUBTFUL && wellFormedNumber(w.text) && !wide) continue;
      targets.push({ word: w, rect: widened(w, inside, box), wide });
    }
  }
  if (targets.length === 0) return { words: input.words, disagreements: [], reread: 0 };
  const readings = await Promise.all(
    targets.map(async ({ rect, wide }) => {
      const px = pixelRect(rect, input.frame, input.image);
      const factor = wide ? WIDE_ENLARGE : 1;
      const cropped = crop(input.image, px.x0, px.y0, px.x1, px.y1);
      const img = pad(factor === 1 ? cropped : await enlarge(cropped, factor), PAD * factor);
      const result = await recognize(toPgm(img), {
        psm: '7',
        dpi: input.dpi * factor,
        limitMs: input.limitMs,
        pageStarted: input.pageStarted,
        extra: DIGITS_ONLY,
      });
      return wordsOf(result.tsv, { ...input.frame, offsetX: px.x0 - PAD, offsetY: px.y0 - PAD })
        .map((w) => w.text)
        .join('');
    }),
  );
  const disagreements: Disagreement[] = [];
  const replace = new Map<PositionedWord, PositionedWord>();
  targets.forEach(({ word, wide }, i) => {
    const again = readings[i];
    const first = digitsOf(word.text);
    if (wide && again && digitsOf(again) === first) {
      // Read the same twice, no separator either time, and still too wide: say so, keep it.
      disagreements.push({ word, again, replaced: false, separatorLost: true });
      return;
    }
    if (!again || digitsOf(again) === first) return;
    // A number as wide as one with a separator, read again with the separator: the second reading
    // has the width on its side ("3,5" under "(triệu đồng)" read "35" first).
    const separatorFound = wide && /^\d+$/.test(first) && digitsOf(again).replace(/[.,]/g, '') === first && /[.,]/.test(digitsOf(again));
    const replaced = (!wellFormedNumber(word.text) || separatorFound) && wellFormedNumber(again);
    if (replaced) {
      // Keep what surrounds the number in the word ("(", "đ"), swap the number itself.
      const c = core(word.text);
      replace.set(word, { ...word, text: word.text.replace(c, core(again)), confidence: DISAGREEMENT_CONFIDENCE });
    }
    disagreements.push({ word, again, replaced });
  });
  const words = replace.size ? input.words.map((w) => replace.get(w) ?? w) : input.words;
  return { words, disagreements, reread: targets.length };
}

/**
 * Room a run of digits may take beyond its digits, in typical digit widths, before a separator
 * is suspected: a comma or a dot with its spacing takes about half a digit.
 */
const SEPARATOR_ROOM = 0.4;
/**
 * A number too wide for its digits is read again this many times larger: at the page's size the
 * second reading misses the comma as the first did (a few pixels at 150–200 dpi); three times
 * larger it finds it.
 */
const WIDE_ENLARGE = 3;

/**
 * The page's typical width of one digit (points): the median over its words of two or more digits
 * and nothing else. Null with fewer than five such words: too few to know the type.
 */
export function typicalDigitWidth(words: readonly PositionedWord[]): number | null {
  const widths = words.filter((w) => /^\d{2,}$/.test(w.text)).map((w) => (w.box.x1 - w.box.x0) / w.text.length);
  if (widths.length < 5) return null;
  widths.sort((a, b) => a - b);
  return widths[Math.floor(widths.length / 2)];
}

/**
 * The typical height of a run of digits in the table's cells (points): the median over its words
 * of two or more digits and nothing else. Null with fewer than three such words.
 */
export function typicalDigitHeight(words: readonly PositionedWord[]): number | null {
  const heights = words.filter((w) => /^\d{2,}$/.test(w.text)).map((w) => w.box.y1 - w.box.y0);
  if (heights.length < 3) return null;
  heights.sort((a, b) => a - b);
  return heights[Math.floor(heights.length / 2)];
}

/**
 * A run of digits ("25") whose box reaches further down than the table's digits: digits have no
 * descender, so it holds a mark that has, a comma the page pass read as nothing ("2,5"). A phone
 * photo's warp blurs widths; the comma's tail still shows.
 */
export function deeperThanDigits(w: PositionedWord, digitHeight: number | null): boolean {
  if (digitHeight == null || !/^\d{2,6}$/.test(w.text) || /^(?:19|20)\d\d$/.test(w.text)) return false;
  return w.box.y1 - w.box.y0 > DESCENDER_ROOM * digitHeight;
}

/** How much taller than the table's digits a run of digits may be before a comma's tail is suspected. */
const DESCENDER_ROOM = 1.12;

/**
 * A run of digits ("35") whose box is as wide as the digits with a separator between them
 * ("3,5"): the page pass may have read the comma as nothing. Digits of one type are equally wide
 * (tabular figures), so the box's width says how many characters it holds.
 */
export function widerThanDigits(w: PositionedWord, digitWidth: number | null): boolean {
  // A year ("2020") is never a shortened amount: not worth a second reading.
  if (digitWidth == null || !/^\d{2,6}$/.test(w.text) || /^(?:19|20)\d\d$/.test(w.text)) return false;
  return w.box.x1 - w.box.x0 > (w.text.length + SEPARATOR_ROOM) * digitWidth;
}

/**
 * The word's box widened to its neighbours on the line (or the cell's edges), so a digit the page
 * pass dropped beside it is read this time, and a little taller.
 */
function widened(w: PositionedWord, inCell: readonly PositionedWord[], cell: { x0: number; y0: number; x1: number; y1: number }) {
  const h = w.box.y1 - w.box.y0;
  const sameLine = inCell.filter((o) => o !== w && Math.min(o.box.y1, w.box.y1) - Math.max(o.box.y0, w.box.y0) > 0.3 * h);
  const left = Math.max(cell.x0 + 0.1 * h, ...sameLine.filter((o) => o.box.x1 <= w.box.x0 + 0.2 * h).map((o) => o.box.x1 + 0.1 * h));
  const right = Math.min(cell.x1 - 0.1 * h, ...sameLine.filter((o) => o.box.x0 >= w.box.x1 - 0.2 * h).map((o) => o.box.x0 - 0.1 * h));
  return {
    x0: Math.min(left, w.box.x0),
    x1: Math.max(right, w.box.x1),
    y0: Math.max(cell.y0 + 0.05 * h, w.box.y0 - 0.3 * h),
    y1: Math.min(cell.y1 - 0.05 * h, w.box.y1 + 0.3 * h),
  };
}

/**
 * Mark the built page's cells that hold a disagreement: the two readings on the cell, its
 * confidence lowered.
 */
export function markDisagreements(page: Page, disagreements: readonly Disagreement[]): void {
  for (const d of disagreements) {
    for (const b of page.blocks) {
      if (b.type !== 'table') continue;
      const cell = b.cells.find((c) => c.box && centreIn(d.word, c.box));
      if (!cell) continue;
      (cell.reread ??= []).push({ read: d.read ?? d.word.text, again: d.again, ...(d.replaced ? { replaced: true } : {}), ...(d.separatorLost ? { separatorLost: true } : {}) });
      cell.confidence = Math.min(cell.confidence ?? 1, DISAGREEMENT_CONFIDENCE);
    }
  }
}

/** A code as a narrow column holds it, lines joined: "1.3", "1. 3", "10.2". */
const CODE = /^(\d{1,2})\s*\.\s*(\d{1,2})\.?$/;
/** What tesseract may read in a code cell the second time. */
const CODE_CHARS = Object.freeze({ tessedit_char_whitelist: '0123456789.' });
/** A column is one of codes when this share of its short cells (and at least 2) reads as one. */
const CODE_COLUMN_SHARE = 0.5;
/** Cells longer than this (letters and digits) are text, not a damaged code. */
const CODE_MAX_CHARS = 5;
/**
 * A code cell is read at these scales: tesseract reads a lone "2." at one size and not at the
 * next (big type on a 300-dpi scan is the hard case), so a code counts only when two sizes agree.
 */
const CODE_SCALES = [1, 0.8, 0.65, 0.5];
/** No reading below this resolution: the digits would be a few pixels high. */
const CODE_MIN_DPI = 120;

/**
 * A column of codes ("1.1", "1.2", …) so narrow that each breaks over two lines ("1." / "3") is
 * where the page pass reads "l / 3", "1; / 9", "ồ. / 4" or just "1": each such cell is read again
 * as a block of digits and dots, at several sizes. A code two readings agree on replaces the
 * cell's words, and the cell says so ({@link Cell.reread}, confidence lowered), so the row
 * carries an issue.
 */
export async function rereadCodes(input: CellPassInput): Promise<{ words: PositionedWord[]; disagreements: Disagreement[]; reread: number }> {
  const labelled = input.page.blocks.flatMap((b) => (b.type === 'table' ? damagedLabelCells(b.cells) : []));
  const targets = input.page.blocks.flatMap((b) => (b.type === 'table' ? damagedCodeCells(b.cells) : []));
  const labels = await rereadAtSizes(input, labelled, { codeOf: labelCodeOf, text: (code) => `Tiêu chí ${code}` });
  const codes = await rereadAtSizes({ ...input, words: labels.words }, targets, { extra: CODE_CHARS, codeOf, text: (code) => code });
  return { words: codes.words, disagreements: [...labels.disagreements, ...codes.disagreements], reread: labelled.length + targets.length };
}

/** How a cell is read again: tesseract's extra parameters, the code a reading gives, the text that replaces the cell's words. */
interface CodeReading {
  extra?: Readonly<Record<string, string>>;
  codeOf: (words: readonly PositionedWord[]) => string | null;
  text: (code: string) => string;
}

/**
 * Each cell read again on its own at {@link CODE_SCALES} (PSM 6); a code two readings agree on
 * replaces the cell's words, and is returned as a disagreement so the cell says so.
 */
async function rereadAtSizes(input: CellPassInput, cells: readonly Cell[], how: CodeReading): Promise<{ words: PositionedWord[]; disagreements: Disagreement[] }> {
  if (cells.length === 0) return { words: input.words, disagreements: [] };
  const scales = CODE_SCALES.filter((f) => f === 1 || input.dpi * f >= CODE_MIN_DPI);
  const readings = await Promise.all(
    cells.map(async (cell) => {
      const px = pixelRect(cell.box!, input.frame, input.image);
      const image = crop(input.image, px.x0, px.y0, px.x1, px.y1);
      const codes = await Promise.all(
        scales.map(async (f) => {
          const img = f === 1 ? image : await shrink(image, Math.round(Math.max(image.width, image.height) * f));
          const options = { psm: '6' as const, dpi: Math.round(input.dpi * f), limitMs: input.limitMs, pageStarted: input.pageStarted, extra: how.extra };
          const result = await recognize(toPgm(pad(img, PAD)), options);
          return how.codeOf(wordsOf(result.tsv, { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 }));
        }),
      );
      return agreed(codes);
    }),
  );
  let words = input.words;
  const disagreements: Disagreement[] = [];
  cells.forEach((cell, i) => {
    const code = readings[i];
    if (!code) return;
    const inside = (w: PositionedWord) => centreIn(w, cell.box!);
    const old = words.filter(inside);
    const box = old.length ? old[0].box : insetBox(cell.box!);
    const word: PositionedWord = { ...(old[0] ?? {}), text: how.text(code), box, confidence: DISAGREEMENT_CONFIDENCE };
    words = [...words.filter((w) => !inside(w)), word];
    disagreements.push({ word, again: code, replaced: true, read: cell.lines.join(' ') });
  });
  return { words, disagreements };
}

/** A criterion label with its whole code, as a short label cell holds it: "Tiêu chí 3.4", "Tiêu / chí 1.10". */
const LABEL_CODE = /^ti\S{0,3}\s*ch\S{0,2}\s*(\d{1,2})\s*[.,]\s*(\d{1,2})\s*[.:]?$/;
/** The label with part of its code gone: "Tiêu chí 3", "Tiêu chí", "Tiêu chí 3." */
const LABEL_CUT = /^ti\S{0,3}\s*ch\S{0,2}\s*(?:\d{1,2}\s*[.,]?)?$/;
/** The label cut just after its standard's dot ("Tiêu chí 1."): the dot says a number followed. */
const LABEL_DOT_CUT = /^ti\S{0,3}\s*ch\S{0,2}\s*\d{1,2}\s*[.,]$/;
/** Label cells longer than this hold a name too ("Tiêu chí 3.4: Khu vệ sinh…"): not read again. */
const LABEL_MAX_CHARS = 16;

const labelText = (c: Cell) => stripAccents(c.lines.join(' ')).toLowerCase().trim();

/**
 * The cells of a column of labelled codes ("Tiêu chí 1.3" row after row) whose code the page
 * pass read only in part: "Tiêu chí 3" where the scan lost ".4". Such a row has no code and would
 * be skipped; read again whole, at several sizes, it may give it back. A label cut just after its
 * dot ("Tiêu chí 1.") needs no column around it: the only row of the table on its page has none.
 */
export function damagedLabelCells(cells: readonly Cell[]): Cell[] {
  const byColumn = new Map<number, Cell[]>();
  for (const c of cells) if (c.colSpan === 1 && c.box && labelText(c).length <= LABEL_MAX_CHARS) byColumn.set(c.col, [...(byColumn.get(c.col) ?? []), c]);
  const damaged: Cell[] = [];
  for (const column of byColumn.values()) {
    const whole = column.filter((c) => LABEL_CODE.test(labelText(c))).length;
    const cut = column.filter((c) => LABEL_CUT.test(labelText(c)));
    damaged.push(...(whole >= 2 ? cut : cut.filter((c) => LABEL_DOT_CUT.test(labelText(c)))));
  }
  return damaged;
}

/** The labelled code a reading of a cell gives ("Tiêu chí 3.4" → "3.4"), or null. */
function labelCodeOf(words: readonly PositionedWord[]): string | null {
  const m = LABEL_CODE.exec(stripAccents(words.map((w) => w.text).join(' ')).toLowerCase().trim());
  return m ? `${Number(m[1])}.${Number(m[2])}` : null;
}

/** The code a reading of a cell gives: "1.3", "1. 3", or "1" over "3" (the dot lost at the line's end). */
export function codeOf(words: readonly PositionedWord[]): string | null {
  const m = CODE.exec(words.map((w) => w.text).join(' '));
  if (m) return `${Number(m[1])}.${Number(m[2])}`;
  if (words.length !== 2) return null;
  const [a, b] = words;
  const below = b.box.y0 >= (a.box.y0 + a.box.y1) / 2;
  const standard = /^(\d{1,2})\.?$/.exec(a.text);
  const criterion = /^(\d{1,2})$/.exec(b.text);
  return below && standard && criterion ? `${Number(standard[1])}.${Number(criterion[1])}` : null;
}

/** The code at least two readings give, the most given; null when none is given twice. */
export function agreed(codes: readonly (string | null)[]): string | null {
  const votes = new Map<string, number>();
  for (const c of codes) if (c) votes.set(c, (votes.get(c) ?? 0) + 1);
  const [best] = [...votes].sort((x, y) => y[1] - x[1]);
  return best && best[1] >= 2 ? best[0] : null;
}

function insetBox(b: { x0: number; y0: number; x1: number; y1: number }) {
  const h = Math.min(12, (b.y1 - b.y0) / 2);
  return { x0: b.x0 + 2, y0: b.y0 + 2, x1: b.x1 - 2, y1: b.y0 + 2 + h };
}

/**
 * The cells that may hold a damaged code: in a column of codes, those that read as none but are
 * short; anywhere, those shaped like a code broken at a narrow column's edge, two characters at
 * most over a number of one or two digits ("l" / "3", "ồ." / "4"): a page that continues such a
 * column may hold no code the page pass read right.
 */
export function damagedCodeCells(cells: readonly Cell[]): Cell[] {
  const byColumn = new Map<number, Cell[]>();
  for (const c of cells) if (c.colSpan === 1 && c.box) byColumn.set(c.col, [...(byColumn.get(c.col) ?? []), c]);
  const damaged = new Set<Cell>();
  for (const column of byColumn.values()) {
    // The short cells: a header or a heading row over the codes is text, whatever the codes.
    const short = column.filter((c) => {
      const core = c.lines.join('').replace(/[^\p{L}\p{N}]/gu, '');
      return core.length > 0 && core.length <= CODE_MAX_CHARS;
    });
    const codes = short.filter((c) => CODE.test(c.lines.join(' ').trim()));
    const codeColumn = codes.length >= 2 && codes.length >= CODE_COLUMN_SHARE * short.length;
    for (const c of short) {
      if (CODE.test(c.lines.join(' ').trim())) continue;
      if (codeColumn || brokenCodeShape(c.lines)) damaged.add(c);
    }
  }
  return [...damaged];
}

function brokenCodeShape(lines: readonly string[]): boolean {
  if (lines.length !== 2) return false;
  const first = lines[0].replace(/\s/g, '');
  return first.length >= 1 && first.length <= 2 && /^\d{1,2}\.?$/.test(lines[1].trim());
}
