/**
 * Never a silent wrong amount: the checks a budget reading passes before it is given. A reading
 * that may differ from what the document means comes back with a warning (and, when no reading is
 * safe, as null): digits that are no thousands grouping, a fraction of a đồng, under 1 000 đồng,
 * a range, a minus sign, a bare number the header's unit makes absurd, and digits that disagree
 * with the same amount restated in words in brackets.
 */
import type { FoundAmount } from './budget-amounts.js';
import type { BudgetToken } from './budget-tokens.js';
import { isCurrencyWord, scaleOf } from './money-units.js';
import { stripAccents } from './text.js';
import { normalizeWarning, type NormalizeWarning, type NormalizeWarningCode } from './warning.js';

/** Less than this is no budget for anything a plan lists: the unit is missing or the digits misread. */
const SMALLEST_AMOUNT = 1_000;
/** One plan item above 100 tỷ đồng: a header unit that makes a bare number this big misreads it. */
const LARGEST_UNDER_HEADER_UNIT = 1e11;
/** A bare number that big is a whole amount in đồng written in full ("25.000.000"). */
const FULL_DONG_AMOUNT = 1_000_000;

/** "10.3.2021", "1.9.24": a day, a month and a year. */
const DATE = /^(?:0?[1-9]|[12]\d|3[01])[.,](?:0?[1-9]|1[0-2])[.,](?:\d{4}|\d{2})$/;

/**
 * The first run of digits in the cell that fits no number reading ("1.20.000", "1.200.00",
 * "1250.000") where money stands: four digits or more, before a unit, or alone in the cell. Dates
 * ("10.3.2021") are not money.
 */
export function unreadableDigits(tokens: readonly BudgetToken[]): string | null {
  const pureNumber = tokens.every((t) => t.kind !== 'word');
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind !== 'mark' || !/^\d+(?:[.,]\d+)+$/.test(t.text) || DATE.test(t.text)) continue;
    const next = tokens[k + 1];
    const unitAfter = next?.kind === 'word' && (isCurrencyWord(next.canon) || scaleOf(next.canon) != null);
    if (pureNumber || unitAfter || t.text.replace(/\D/g, '').length >= 4) return t.text;
  }
  return null;
}

export interface AmountToCheck {
  cell: string;
  /** Every amount found, in order. */
  amounts: readonly FoundAmount[];
  /** The amounts the total counts. */
  counted: readonly FoundAmount[];
  total: number;
  /** The header's unit (1 when it states none). */
  multiplier: number;
  /** Digits that fit no reading, from {@link unreadableDigits}. */
  unreadable: string | null;
}

/** The amount to give (whole đồng or null) and the warning that goes with it. */
export function checkAmount(a: AmountToCheck): { amount: number | null; warning?: NormalizeWarning } {
  const warn = (code: NormalizeWarningCode, why: string) => normalizeWarning(code, `${why} in "${a.cell}"`);
  const { counted, total } = a;
  if (a.unreadable != null) {
    // The same amount in words, with nothing else counted, is the reading; else there is none.
    const why = `"${a.unreadable}" is no thousands grouping`;
    if (counted.length > 0 && counted.every((x) => x.inWords)) {
      return { amount: Math.round(total), warning: warn('budget.ambiguous', `${why}; the amount in words is given`) };
    }
    return { amount: null, warning: warn('budget.ambiguous', `${why}; no amount is given`) };
  }
  if (counted.some((x) => !isWhole(x.value)) && total < SMALLEST_AMOUNT) {
    return { amount: null, warning: warn('budget.ambiguous', 'a fraction of a đồng, with no unit') };
  }
  if (total > 0 && total < SMALLEST_AMOUNT) {
    return { amount: null, warning: warn('budget.ambiguous', `${round(total)} đồng is no budget: the unit is missing or the digits misread`) };
  }
  const tooBig = counted.filter((x) => x.bare != null && a.multiplier > 1 && x.value > LARGEST_UNDER_HEADER_UNIT);
  if (tooBig.length > 0) {
    if (tooBig.every((x) => x.bare!.grouped && x.bare!.number >= FULL_DONG_AMOUNT)) {
      const inDong = counted.reduce((s, x) => s + (tooBig.includes(x) ? x.bare!.number : x.value), 0);
      return { amount: Math.round(inDong), warning: warn('budget.unit_mismatch', "written in đồng in full under a header that gives a larger unit; read as đồng") };
    }
    return { amount: null, warning: warn('budget.unit_mismatch', 'the header unit makes the number absurd') };
  }
  if (counted.some((x) => x.truncated)) {
    // Half a number is a wrong number: none, and say why.
    return { amount: null, warning: warn('budget.ambiguous', 'the amount in words opens with a word that is no number (a misread "Bốn", "Hai"…); only its end could be read') };
  }
  const amount = Math.round(total);
  const mismatch = wordsMismatch(a);
  const doubt =
    mismatch ??
    bracketMismatch(a) ??
    (counted.some((x) => !isWhole(x.value)) ? warn('budget.ambiguous', `a fraction of a đồng, rounded to ${amount}`) : null) ??
    (counted.some((x) => x.split) ? warn('budget.ambiguous', 'digits split by a space inside a group, read as one number') : null) ??
    (counted.some((x) => x.bare?.commaGroup && a.multiplier === 1)
      ? warn('budget.ambiguous', 'one comma group and no unit: a thousands separator or a decimal comma')
      : null) ??
    (counted.some((x) => x.range != null) ? warn('budget.range', 'a range; the upper bound is given') : null) ??
    (counted.some((x) => x.negative) ? warn('budget.negative', 'a minus sign before the amount; the amount is given without it') : null);
  return doubt ? { amount, warning: doubt } : { amount };
}

/**
 * The amount in digits against its restatement in words in brackets ("18.000.000 đồng (Mười tám
 * triệu đồng)"): each bracket written in words must say the amount just before it, or the total.
 */
function wordsMismatch(a: AmountToCheck): NormalizeWarning | null {
  const off = disagreeingBrackets(a).find((b) => b.inside.some((x) => x.inWords));
  return off
    ? normalizeWarning('budget.words_mismatch', `${round(off.before.value)} đồng in digits but ${round(off.said)} đồng in words in "${a.cell}"; the digits are given`)
    : null;
}

/**
 * Digits in brackets that neither restate the amount before them nor add up to it ("40.000.000
 * đồng; Ngân sách xã: ( 25.000.000 đồng", a scan's speck opening a bracket; "50.000.000 đồng
 * (30.000.000 đồng)"): the amount outside is given, but which one the school meant is in doubt.
 * A breakdown said so ("trong đó", of which) is none.
 */
function bracketMismatch(a: AmountToCheck): NormalizeWarning | null {
  if (/(?<![a-z])trong do(?![a-z])/.test(stripAccents(a.cell))) return null;
  const off = disagreeingBrackets(a).find((b) => !b.inside.some((x) => x.inWords));
  return off
    ? normalizeWarning('budget.ambiguous', `${round(off.said)} đồng in brackets after ${round(off.before.value)} đồng is neither the same amount nor its parts in "${a.cell}"; the amount outside brackets is given`)
    : null;
}

/**
 * Each bracket's amounts, in the order the brackets open, whose sum is neither the amount outside
 * brackets just before it nor the total: what they say, and that amount.
 */
function disagreeingBrackets(a: AmountToCheck): { inside: FoundAmount[]; said: number; before: FoundAmount }[] {
  const groups = new Map<number, FoundAmount[]>();
  for (const x of a.amounts) if (x.bracket != null) groups.set(x.bracket, [...(groups.get(x.bracket) ?? []), x]);
  const out: { inside: FoundAmount[]; said: number; before: FoundAmount }[] = [];
  for (const [opens, inside] of groups) {
    const said = inside.reduce((s, x) => s + x.value, 0);
    const before = a.amounts.filter((x) => !x.inBrackets && x.end <= opens).at(-1);
    if (before != null && !near(said, before.value) && !near(said, a.total)) out.push({ inside, said, before });
  }
  return out;
}

function isWhole(v: number): boolean {
  return Math.abs(v - Math.round(v)) <= 1e-6 + 1e-12 * Math.abs(v);
}

function near(x: number, y: number): boolean {
  return Math.abs(x - y) < 0.5;
}

function round(v: number): string {
  return String(Math.round(v));
}
