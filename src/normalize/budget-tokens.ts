/**
 * Cuts a budget cell into numbers, words and punctuation, with their places in the cell.
 * The number rules live here: "." (or "," or a space) between groups of three is a thousands
 * separator ("250.000.000", "250,000,000", "250 000 000"); a comma before other digits is a
 * decimal comma ("1,5 tỷ"); a number a line break split ("250.000.00 0", "250,00 0,000") is
 * joined back, and says so (`split`). Digits that fit no reading ("1.20.000") are marks.
 */
import { canonicalVietnamese } from './text.js';

/** A number as written in digits. */
export interface NumToken {
  readonly kind: 'num';
  readonly start: number;
  readonly end: number;
  /** The value read with "," and "." as the cell most likely means them. */
  readonly value: number;
  /** "2,500" alone is 2500, but before a unit ("2,500 tỷ") the comma is decimal: 2.5. */
  readonly decimalValue: number | null;
  /** Integer digits, for the spoken shorthand "1 tỷ 2". */
  readonly digits: number;
  /** Written with thousands separators: looks like money even without a unit. */
  readonly grouped: boolean;
  readonly fractional: boolean;
  /**
   * Joined over a space that fell inside a group of digits ("250.000.00 0", "250,00 0,000"): the
   * only reading that makes one number, but the digits are not as a person types them.
   */
  readonly split: boolean;
}

/** A run of letters: a unit, a number word, a source word or other text. */
export interface WordToken {
  readonly kind: 'word';
  readonly start: number;
  readonly end: number;
  /** canonicalVietnamese of the word: lower case, NFC, one tone-mark placement. */
  readonly canon: string;
}

/** Punctuation, or digits that fit no number reading. */
export interface MarkToken {
  readonly kind: 'mark';
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A piece of a budget cell, with its place (`start`/`end` in the folded cell). */
export type BudgetToken = NumToken | WordToken | MarkToken;

// A run of digits that may continue over ".", "," or one space: split or joined by readRun.
const TOKEN = /(\d+(?:(?:[.,] ?| [.,]? ?)\d+)*)|([\p{L}\p{M}]+)|(\S)/gu;

/** Tokens of a folded cell (single spaces, NFC). */
export function tokenizeBudget(text: string): BudgetToken[] {
  const tokens: BudgetToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = m.index ?? 0;
    if (m[1] != null) tokens.push(...readRun(m[1], start));
    else if (m[2] != null) tokens.push({ kind: 'word', start, end: start + m[2].length, canon: canonicalVietnamese(m[2]) });
    else tokens.push({ kind: 'mark', start, end: start + m[0].length, text: m[0] });
  }
  return tokens;
}

/**
 * A separator a scan lost, a space left in its place ("80.000 000"): the groups of three still say
 * one number, the space read as the separator beside it (split: a guess, said so).
 */
const LOST_SEPARATOR = (['.', ','] as const).map((sep) => ({ sep, pattern: new RegExp(`^\\d{1,3}(?:\\${sep}\\d{3})*(?: \\d{3})+(?:\\${sep}\\d{3})*$`) }));

/** Splits a digit run into the numbers it holds; pieces that are no number become marks ("10.3.2021"). */
function readRun(run: string, offset: number): BudgetToken[] {
  const out: BudgetToken[] = [];
  // ", " is a list separator ("Tiêu chí 1, 2"), never inside one number.
  for (const piece of pieces(run, /, /g, offset)) {
    const spaced = piece.text.includes(' ');
    // A stop or comma before the space of a split group ("300.000.00. 0đ") is a speck of the
    // break: the groups say one number without it.
    const speckBeforeSpace = spaced && /[.,] /.test(piece.text) && /^\d{1,3}(?:([.,])\d{3})+$/.test(piece.text.replace(/[.,] /g, ''));
    const compact = speckBeforeSpace ? piece.text.replace(/[.,] /g, '') : piece.text.replace(/ /g, '');
    const lostSeparator = LOST_SEPARATOR.find(({ sep, pattern }) => piece.text.includes(sep) && pattern.test(piece.text))?.sep;
    const joinable =
      speckBeforeSpace ||
      /^\d{1,3}(?: \d{3})+$/.test(piece.text) ||
      lostSeparator != null ||
      (spaced && /^\d{1,3}(?:\.\d{3})+(?:,\d+)?$/.test(compact)) ||
      (spaced && /^\d{1,3}(?:,\d{3}){2,}$/.test(compact));
    const parts = joinable || !spaced ? [piece] : pieces(piece.text, / /g, piece.start);
    for (const part of parts) {
      const text = lostSeparator ? piece.text.replace(/ /g, lostSeparator) : joinable ? compact : part.text;
      const num = readNumber(text, part.start, part.start + part.text.length);
      if (num == null) out.push({ kind: 'mark', start: part.start, end: part.start + part.text.length, text: part.text });
      else out.push(joinable ? { ...num, grouped: true, split: speckBeforeSpace || (/\d \d/.test(piece.text) && !/^\d{1,3}(?: \d{3})+$/.test(piece.text)) } : num);
    }
  }
  return out;
}

function pieces(text: string, separator: RegExp, offset: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let last = 0;
  for (const m of text.matchAll(separator)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at), start: offset + last });
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last), start: offset + last });
  return out;
}

/** One number without spaces; null when the separators fit no reading ("1.2.3", "10.3.2021"). */
function readNumber(text: string, start: number, end: number): NumToken | null {
  const make = (intPart: string, fraction: string, grouped: boolean, decimalValue: number | null = null): NumToken => ({
    kind: 'num',
    start,
    end,
    value: Number(intPart) + (fraction ? Number(`0.${fraction}`) : 0),
    decimalValue,
    digits: intPart.replace(/^0+(?=\d)/, '').length,
    grouped,
    fractional: fraction !== '' && Number(fraction) !== 0,
    split: false,
  });
  let m: RegExpMatchArray | null;
  if (/^\d+$/.test(text)) return make(text, '', false);
  // A grouping that starts "00" is the tail of a number cut off ("250 000.000" read apart).
  if (/^0\d{1,2}[.,]\d{3}/.test(text)) return null;
  if ((m = text.match(/^(\d{1,3}(?:\.\d{3})+)(?:,(\d+))?$/))) return make(m[1].replace(/\./g, ''), m[2] ?? '', true);
  if ((m = text.match(/^(\d{1,3}(?:,\d{3}){2,})(?:\.(\d+))?$/))) return make(m[1].replace(/,/g, ''), m[2] ?? '', true);
  if ((m = text.match(/^(\d{1,3}),(\d{3})$/))) {
    return make(m[1] + m[2], '', true, Number(m[1]) + Number(`0.${m[2]}`));
  }
  // Three digits after one separator, four or more before it ("1250.000"): a thousands separator
  // dropped from the left, or a decimal; no reading is safe.
  if (/^\d{4,}[.,]\d{3}$/.test(text)) return null;
  // Any other single separator is a decimal point: "1,5", "2,25", and "1.5" (a dot before other
  // than three digits cannot be a thousands separator).
  if ((m = text.match(/^(\d+)[.,](\d+)$/))) return make(m[1], m[2], false);
  return null;
}
