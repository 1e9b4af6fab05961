/**
 * Readings of a layout cell that several rules make: each made once per cell.
 */
import type { Cell } from '../layout/layout.js';
import { canonicalVietnamese, joinLines } from '../normalize/text.js';
import { parseStandardHeading } from '../normalize/criterion.js';
import { anyWordOf, CELL_WORDS } from './wordings.js';

/**
 * `read` with its answer kept per cell. Every rule reads the same cells again (header finding,
 * column contents, body rows, items, dropped codes; a merged cell once per row it spans): folding
 * was the largest share of extraction time in the profile. Keyed by the cell object, which the
 * extractor never changes; a layout's cells and their readings go together.
 */
function perCell<T extends object | string | null>(read: (cell: Cell) => T): (cell: Cell) => T {
  const kept = new WeakMap<Cell, T>();
  return (cell) => {
    let value = kept.get(cell);
    if (value === undefined) {
      value = read(cell);
      kept.set(cell, value);
    }
    return value;
  };
}

/**
 * The cell's lines joined and folded ({@link joinLines}); null when it holds no text. A scan's
 * cell (it has a confidence) gets its semicolons back ({@link semicolonsBetweenActions}).
 */
export const foldedCellText = perCell((cell) => {
  const text = joinLines(cell.lines);
  return text != null && cell.confidence !== undefined ? semicolonsBetweenActions(text) : text;
});

/** An action word opening a clause: what the steps of a solution start with ("Xây dựng …", "kiểm tra …"). */
const ACTION_LED = anyWordOf(CELL_WORDS.action, '^(?:[-+•]\\s*)?');
/** Words that announce what follows a colon ("gồm:", "như sau:", "cụ thể:"): that colon is one. */
const ANNOUNCING = /(?:gồm|sau|là|cụ thể|sau đây|dưới đây|như)$/u;

/**
 * A colon between two steps of a solution, both led by an action ("Xây dựng kế hoạch …: chỉ
 * đạo các tổ …"), is the semicolon tesseract read as a colon (the comma of ";" lost in the
 * image): a colon there would announce, and steps do not. A colon after a label ("Thời gian
 * thực hiện: năm học …"), an announcing word ("gồm:") or before a word that is no action stays.
 */
export function semicolonsBetweenActions(text: string): string {
  if (!text.includes(':')) return text;
  let out = '';
  let segmentStart = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === ':' && i > 0 && /\p{L}/u.test(text[i - 1]) && text[i + 1] === ' ') {
      const before = canonicalVietnamese(text.slice(segmentStart, i).trim());
      const after = canonicalVietnamese(text.slice(i + 2, i + 40));
      if (/^\p{Ll}/u.test(text.slice(i + 2)) && ACTION_LED.test(before) && !ANNOUNCING.test(before) && ACTION_LED.test(after)) {
        out += ';';
        segmentStart = i + 1;
        continue;
      }
    }
    if (/[.;:!?]/.test(ch) || (ch === '-' && text[i - 1] === ' ' && text[i + 1] === ' ')) segmentStart = i + 1;
    out += ch;
  }
  return out;
}

/** The standard heading the cell holds ("Tiêu chuẩn 2: …"), if any ({@link parseStandardHeading}). */
export const cellStandardHeading = perCell((cell) => parseStandardHeading(cell.lines.join(' ')));
