/**
 * Numbers read twice. A budget or a date misread by one character is a wrong value that looks
 * right ("5.000.000" losing its "5", "2,5" its comma), so every doubtful number in a table cell
 * is read again on its own: the word's box widened to the neighbouring words (a digit the page
 * pass dropped sits right beside it), as one line (PSM 7), with only digits and separators
 * allowed. When the two readings differ, the cell says so ({@link Cell.reread}) and its
 * confidence drops; the extractor turns that into an issue on the row. The second reading
 * replaces the first only when the first is not a well-formed number and the second is.
 */
import type { Page } from '../../layout/layout.js';
import type { PositionedWord } from '../geometry/types.js';
import { centreIn, pad, pixelRect, type CellPassInput } from './cell-pass.js';
import { recognize } from './engine.js';
import { crop, toPgm } from './raster.js';
import { wordsOf } from './words.js';

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

/** Digits and separators of a reading, for comparing two readings of one number. */
function digitsOf(text: string): string {
  return core(text.replace(/[^\d.,/\-:]/g, ''));
}

/** Read the doubtful numbers of the page's table cells again; the words with any replaced. */
export async function rereadNumbers(input: CellPassInput): Promise<{ words: PositionedWord[]; disagreements: Disagreement[]; reread: number }> {
  const cells = input.page.blocks.flatMap((b) => (b.type === 'table' ? b.cells.filter((c) => c.box) : []));
  const targets: { word: PositionedWord; rect: { x0: number; y0: number; x1: number; y1: number } }[] = [];
  for (const cell of cells) {
    const box = cell.box!;
    const inside = input.words.filter((w) => centreIn(w, box));
    for (const w of inside) {
      if (!/\d/.test(w.text)) continue;
      if ((w.confidence ?? 1) >= DOUBTFUL && wellFormedNumber(w.text)) continue;
      targets.push({ word: w, rect: widened(w, inside, box) });
    }
  }
  if (targets.length === 0) return { words: input.words, disagreements: [], reread: 0 };
  const readings = await Promise.all(
    targets.map(async ({ rect }) => {
      const px = pixelRect(rect, input.frame, input.image);
      const img = pad(crop(input.image, px.x0, px.y0, px.x1, px.y1), PAD);
      const result = await recognize(toPgm(img), {
        psm: '7',
        dpi: input.dpi,
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
  targets.forEach(({ word }, i) => {
    const again = readings[i];
    const first = digitsOf(word.text);
    if (!again || digitsOf(again) === first) return;
    const replaced = !wellFormedNumber(word.text) && wellFormedNumber(again);
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
      (cell.reread ??= []).push({ read: d.word.text, again: d.again, ...(d.replaced ? { replaced: true } : {}) });
      cell.confidence = Math.min(cell.confidence ?? 1, DISAGREEMENT_CONFIDENCE);
    }
  }
}
