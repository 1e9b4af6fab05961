/**
 * The Roman numeral of a quarter or a semester read twice. "Quý III" read "Quý II", "Học kỳ II"
 * read "Học kỳ I" is a period three months or a term off that looks right: the strokes of a
 * numeral in a small font touch, and the page pass counts one too few. Each numeral in a
 * timeline-like cell ("Quý …", "Học kỳ …", "HK …") read with doubt is read again on its own, two and three times larger,
 * with only the numeral's letters, digits and "/" allowed. When the two readings differ, the
 * cell says so ({@link Cell.reread}) and its confidence drops; for a quarter, the larger readings
 * replace the first when they agree on a numeral it can have (I–IV).
 */
import type { PositionedWord } from '../geometry/types.js';
import { centreIn, pad, pixelRect, type CellPassInput } from './cell-pass.js';
import type { Disagreement } from './digit-pass.js';
import { recognize } from './engine.js';
import { crop, enlarge, toPgm } from './raster.js';
import { wordsOf } from './words.js';
import { stripAccents } from '../../normalize/text.js';

/** A numeral as the page pass reads it, maybe with its year: "II", "III/2024", "1V", "Il,". */
const NUMERAL_WORD = /^([IVX1l|H]{1,4})(\/\d{4})?[.,;]?$/;
/** The periods a numeral counts: quarters (I–IV) and semesters (I–II). */
const PERIOD = /(?:^|[^a-z])(quy|hoc ky|hoc ki|hk)(?:[^a-z]|$)/;
/** Sizes the numeral is read at again: a reading is used when both agree. */
const SIZES = [2, 3];
/** Numerals read with less confidence than this are read again. */
const DOUBTFUL = 0.9;
const PAD = 10;
const NUMERAL_CHARS = Object.freeze({ tessedit_char_whitelist: 'IVX/0123456789' });

/** The numeral of a reading, in proper letters ("1V" → "IV", "H" → "II"), or null. */
export function numeralOf(text: string): string | null {
  const m = NUMERAL_WORD.exec(text.trim());
  if (!m) return null;
  const n = m[1] === 'H' ? 'II' : m[1].replace(/[1l|]/g, 'I');
  return /^(?:I{1,3}|IV|V|VI{0,3}|IX|X)$/.test(n) ? n : null;
}

/** Read the numerals of the page's period cells again; the words with any replaced. */
export async function rereadNumerals(input: CellPassInput): Promise<{ words: PositionedWord[]; disagreements: Disagreement[]; reread: number }> {
  const targets: { word: PositionedWord; quarter: boolean }[] = [];
  for (const b of input.page.blocks) {
    if (b.type !== 'table') continue;
    for (const cell of b.cells) {
      if (!cell.box) continue;
      const period = PERIOD.exec(stripAccents(cell.lines.join(' ')).toLowerCase());
      if (!period) continue;
      for (const w of input.words) {
        if ((w.confidence ?? 1) < DOUBTFUL && centreIn(w, cell.box) && numeralOf(w.text)) targets.push({ word: w, quarter: period[1] === 'quy' });
      }
    }
  }
  if (targets.length === 0) return { words: input.words, disagreements: [], reread: 0 };
  const readings = await Promise.all(
    targets.map(async ({ word }) => {
      const h = word.box.y1 - word.box.y0;
      const rect = { x0: word.box.x0 - 0.3 * h, x1: word.box.x1 + 0.3 * h, y0: word.box.y0 - 0.3 * h, y1: word.box.y1 + 0.3 * h };
      const px = pixelRect(rect, input.frame, input.image);
      const image = crop(input.image, px.x0, px.y0, px.x1, px.y1);
      return Promise.all(
        SIZES.map(async (f) => {
          const img = pad(await enlarge(image, f), PAD * f);
          const result = await recognize(toPgm(img), { psm: '7', dpi: input.dpi * f, limitMs: input.limitMs, pageStarted: input.pageStarted, extra: NUMERAL_CHARS });
          return wordsOf(result.tsv, { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 }).map((w) => w.text).join('');
        }),
      );
    }),
  );
  const disagreements: Disagreement[] = [];
  const replace = new Map<PositionedWord, PositionedWord>();
  targets.forEach(({ word, quarter }, i) => {
    const first = numeralOf(word.text);
    const [big, bigger] = readings[i].map(numeralOf);
    const again = bigger ?? big;
    if (!again || (big ?? first) === first && (bigger ?? first) === first) return;
    // A quarter's numeral both larger readings agree on (I–IV) is used. A semester's is only
    // doubted: a lone "I" or "II" cropped on its own reads either way as often as not (measured
    // on a generated corpus: three quarters put right, three semesters made wrong).
    const replaced = quarter && big === bigger && ['I', 'II', 'III', 'IV'].includes(again);
    if (replaced) replace.set(word, { ...word, text: word.text.replace(NUMERAL_WORD.exec(word.text)![1], again), confidence: Math.min(word.confidence ?? 1, 0.5) });
    disagreements.push({ word, again: readings[i][SIZES.length - 1] || readings[i][0], replaced });
  });
  const words = replace.size ? input.words.map((w) => replace.get(w) ?? w) : input.words;
  return { words, disagreements, reread: targets.length };
}
