/**
 * A second, per-cell OCR pass over the cells the whole-page pass got wrong.
 *
 * Sparse-text mode reads running text in cells well but drops what stands alone: a lone "1" in
 * a TT column, the "2" of "Mức 2" on its own line, the "1." before a name; and a short header
 * can come out as a low-confidence guess. Those cells are few, so each is cropped (the table
 * builder has already said where it is) and read again as a block of its own: a cell with ink
 * that none of its words covers, or whose text is short and doubtful. The better reading wins.
 */
import type { Cell, Page } from '../../layout/layout.js';
import type { PositionedWord } from '../geometry/types.js';
import { oneCharApart, oneCharLess, stripAccents } from '../../normalize/text.js';
import { recognize } from './engine.js';
import { crop, toPgm, type GrayImage } from './raster.js';
import { wordsOf, type PixelFrame } from './words.js';

/** Cells whose words are this unsure (and short) are read again. */
const DOUBTFUL = 0.75;
const SHORT = 12;
/**
 * A pixel darker than this is ink. In a cell the page pass read nothing in, not half-way (128):
 * a small digit alone in a blurred scan ("5" in a TT column) has grey strokes, a third of them
 * darker than 128 and most darker than this, while an empty cell of the straightened page stays
 * near white (≥ 240). Beside words already read, blur's grey fringes would pass for unread ink,
 * and a cell of good text would be read again for nothing (and maybe worse): half-way there.
 */
const INK_LEVEL = { empty: 160, read: 128 };
/** White margin around a cell crop: tesseract misses glyphs that touch the image edge. */
const PAD = 12;

/** A built page, the words it was built from, and the image they were read from. */
export interface CellPassInput {
  page: Page;
  words: PositionedWord[];
  /** The whole straightened page image with rules erased, and how its pixels map to points. */
  image: GrayImage;
  frame: PixelFrame;
  dpi: number;
  /** When the page's OCR began (performance.now()) and its time limit: the cells share it. */
  pageStarted: number;
  limitMs: number;
}

/**
 * The page's words with the doubtful cells re-read; the same array when nothing changed.
 * Returns how many cells were re-read.
 */
export async function rereadCells(input: CellPassInput): Promise<{ words: PositionedWord[]; reread: number }> {
  const targets = input.page.blocks.flatMap((b) => (b.type === 'table' ? b.cells.filter((c) => needsReread(c, input)) : []));
  if (targets.length === 0) return { words: input.words, reread: 0 };
  // All cells queued at once: the pool runs them on every worker.
  const readings = await Promise.all(
    targets.map(async (cell) => {
      const rect = pixelRect(cell.box!, input.frame, input.image);
      const img = pad(crop(input.image, rect.x0, rect.y0, rect.x1, rect.y1));
      // PSM 6: one uniform block, the shape of a cell's content; no column finding to go wrong.
      const result = await recognize(toPgm(img), { psm: '6', dpi: input.dpi, limitMs: input.limitMs, pageStarted: input.pageStarted });
      return wordsOf(result.tsv, { ...input.frame, offsetX: rect.x0 - PAD, offsetY: rect.y0 - PAD });
    }),
  );
  let words = input.words;
  targets.forEach((cell, i) => {
    const fresh = readings[i];
    const inside = (w: PositionedWord) => centreIn(w, cell.box!);
    const old = words.filter(inside);
    if (fresh.length > 0 && score(fresh) > score(old) && keepsWords(old, fresh)) {
      words = [...words.filter((w) => !inside(w)), ...fresh];
    }
  });
  return { words, reread: targets.length };
}

function needsReread(cell: Cell, input: CellPassInput): boolean {
  if (!cell.box) return false;
  const text = cell.lines.join(' ');
  if (text.length > 0 && text.length <= SHORT && (cell.confidence ?? 1) < DOUBTFUL) return true;
  return unreadInk(cell, input);
}

/**
 * Dark pixels inside the cell (away from its borders, where rule remnants lie) that no word the
 * page pass found covers: text it skipped, such as the "2" on its own line under "Mức" or the
 * "1." before a name.
 */
function unreadInk(cell: Cell, input: CellPassInput): boolean {
  const r = pixelRect(cell.box!, input.frame, input.image);
  const inset = Math.round(0.02 * input.dpi);
  const x0 = r.x0 + inset;
  const x1 = r.x1 - inset;
  const y0 = r.y0 + inset;
  const y1 = r.y1 - inset;
  if (x1 <= x0 || y1 <= y0) return false;
  const covered = new Uint8Array((x1 - x0) * (y1 - y0));
  const grow = Math.round(0.015 * input.dpi);
  let level = INK_LEVEL.empty;
  for (const w of input.words) {
    if (!centreIn(w, cell.box!)) continue;
    level = INK_LEVEL.read;
    const b = pixelRect(w.box, input.frame, input.image);
    for (let y = Math.max(y0, b.y0 - grow); y < Math.min(y1, b.y1 + grow); y++) {
      covered.fill(1, (y - y0) * (x1 - x0) + Math.max(0, b.x0 - grow - x0), (y - y0) * (x1 - x0) + Math.min(x1, b.x1 + grow) - x0);
    }
  }
  let n = 0;
  for (let y = y0; y < y1; y++) {
    const row = y * input.image.width;
    const crow = (y - y0) * (x1 - x0) - x0;
    for (let x = x0; x < x1; x++) if (input.image.data[row + x] < level && !covered[crow + x]) n++;
  }
  // A 1 of 10-pt type at 200 dpi is ~60 dark pixels; speckle is a few.
  return n >= 30 * (input.dpi / 200) ** 2;
}

/** A box in page points → page-image pixels, clamped to the image. */
export function pixelRect(box: NonNullable<Cell['box']>, frame: PixelFrame, img: GrayImage) {
  const px = (v: number, o: number) => (v - o) / frame.ptPerPx;
  return {
    x0: Math.max(0, Math.floor(px(box.x0, frame.originX))),
    y0: Math.max(0, Math.floor(px(box.y0, frame.originY))),
    x1: Math.min(img.width, Math.ceil(px(box.x1, frame.originX))),
    y1: Math.min(img.height, Math.ceil(px(box.y1, frame.originY))),
  };
}

/** The image with a white margin of `margin` pixels all round. */
export function pad(img: GrayImage, margin = PAD): GrayImage {
  const width = img.width + 2 * margin;
  const height = img.height + 2 * margin;
  const data = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < img.height; y++) data.set(img.data.subarray(y * img.width, (y + 1) * img.width), (y + margin) * width + margin);
  return { width, height, data };
}

/** Whether the word's box centre lies in the box. */
export function centreIn(w: PositionedWord, b: { x0: number; y0: number; x1: number; y1: number }): boolean {
  const x = (w.box.x0 + w.box.x1) / 2;
  const y = (w.box.y0 + w.box.y1) / 2;
  return x >= b.x0 && x <= b.x1 && y >= b.y0 && y <= b.y1;
}

/**
 * The second reading must keep what the first one read (allowing a few words read differently),
 * so a cell is only ever completed or corrected, not swapped for a different guess. A word is
 * kept when a fresh word begins with its letters and digits: the page pass's "1" is kept by the
 * cell's "1." or "1.3" (a code whose end it dropped), not lost to a stop or a completion. Marks
 * do not count: they are what a reading corrects ("vưng" kept by "vững", "mưc" by "mức"); nor
 * does one letter more, less or changed in a word of three letters or more ("mưức" kept by "mức"),
 * but in a number or a Roman numeral ("III/2027" → "II/2027") one character is the value.
 */
export function keepsWords(old: readonly PositionedWord[], fresh: readonly PositionedWord[]): boolean {
  if (old.length <= 1) return true;
  const core = (w: PositionedWord) => stripAccents(w.text.toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, '');
  const seen = fresh.map(core);
  const kept = old.filter((w) => {
    const c = core(w);
    return seen.some((f) => f.startsWith(c) || (c.length >= 3 && LETTERS_ONLY.test(c) && (oneCharApart(c, f) || oneCharLess(c, f) || oneCharLess(f, c))));
  });
  return kept.length >= 0.7 * old.length;
}

/** Letters, and not a Roman numeral. */
const LETTERS_ONLY = /^(?![ivxlcdm]+$)\p{L}+$/u;

/** Confidence-weighted amount of text: more text read with more certainty scores higher. */
function score(words: readonly PositionedWord[]): number {
  let s = 0;
  for (const w of words) s += (w.confidence ?? 0) * w.text.length;
  return s;
}
