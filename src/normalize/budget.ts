/**
 * budgetVnd and fundingSource from a budget cell (extraction contract, "budgetVnd"): the amount
 * in whole đồng, never negative, null when the cell states none.
 */
import { findAmounts, type FoundAmount } from './budget-amounts.js';
import { checkAmount, unreadableDigits } from './budget-checks.js';
import { tokenizeBudget, type BudgetToken } from './budget-tokens.js';
import { namesFundingSource } from './funding-sources.js';
import { SCALE_CURRENCY_WORDS, isCurrencyWord, scaleOf } from './money-units.js';
import { foldText, stripAccents } from './text.js';
import { normalizeWarning, type NormalizeWarning } from './warning.js';

/** What a budget cell states: an amount, a source of money, both or neither. */
export interface BudgetReading {
  /** Whole đồng; 0 for "Không"; null when the cell states no amount. */
  amount: number | null;
  /** The source of money the cell names ("Từ nguồn ngân sách", "Ngân sách; XHH"), or null. */
  fundingSource: string | null;
  warning?: NormalizeWarning;
}

/** No school plan budgets a quadrillion đồng: beyond this the reading is a mistake, not money. */
const MAX_AMOUNT = 1e15;

/** "Không" and its longer forms: nothing is needed, the amount is 0 (compared without accents). */
const ZERO_PHRASES: readonly string[] = [
  'khong', 'khong co', 'khong can', 'khong co kinh phi', 'khong can kinh phi', 'khong phat sinh',
  'khong phat sinh kinh phi', 'khong su dung kinh phi', 'khong ton kinh phi', 'khong dong',
];

/**
 * Reads a budget cell. `unitMultiplier`: the unit stated in the column header applies to bare
 * numbers (1_000_000 for "(triệu đồng)"); default 1 (đồng). Amounts are summed ("Ngân sách:
 * 30.000.000 đồng; XHH: 20.000.000 đồng" → 50 000 000); an amount restated in brackets counts once.
 * Never throws; text it cannot read gives a null amount and a 'budget.unparsed' warning.
 */
export function parseBudget(text: string | null | undefined, options?: { unitMultiplier?: number }): BudgetReading {
  const cell = foldText(text);
  if (cell == null || !/[\p{L}\p{N}]/u.test(cell)) return { amount: null, fundingSource: null };
  const m = options?.unitMultiplier;
  const multiplier = typeof m === 'number' && Number.isFinite(m) && m > 0 && m <= MAX_AMOUNT ? m : 1;
  const tokens = tokenizeBudget(cell);
  const amounts = findAmounts(cell, tokens, multiplier);
  const unreadable = unreadableDigits(tokens);
  if (amounts.length === 0 && unreadable == null) {
    if (ZERO_PHRASES.includes(stripAccents(cell).replace(/[^a-z0-9 ]/g, '').trim())) return { amount: 0, fundingSource: null };
    if (namesFundingSource(cell)) return { amount: null, fundingSource: cell };
    return {
      amount: null,
      fundingSource: null,
      warning: normalizeWarning('budget.unparsed', `no amount or source of money in "${cell}"`),
    };
  }
  const { total, counted } = totalOf(cell, amounts);
  const fundingSource = sourcesBeside(cell, amounts);
  if (!Number.isFinite(total) || Math.round(total) > MAX_AMOUNT) {
    return {
      amount: null,
      fundingSource,
      warning: normalizeWarning('budget.out_of_range', `amount beyond 10^15 đồng in "${cell}"`),
    };
  }
  const checked = checkAmount({ cell, amounts, counted, total, multiplier, unreadable });
  return { amount: checked.amount, fundingSource, ...(checked.warning ? { warning: checked.warning } : {}) };
}

/**
 * The cell's total and the amounts it counts. Bracketed amounts restate or break down the one
 * before them, so they count only when nothing stands outside brackets. After "trong đó" (of
 * which) comes a breakdown; a "tổng" (total) line that equals the rest replaces them.
 */
function totalOf(cell: string, found: readonly FoundAmount[]): { total: number; counted: FoundAmount[] } {
  const outside = found.filter((a) => !a.inBrackets);
  let amounts = outside.length > 0 ? outside : [...found];
  const plain = stripAccents(cell);
  const ofWhich = plain.search(/(?<![a-z])trong do(?![a-z])/);
  if (ofWhich >= 0 && amounts.some((a) => a.start < ofWhich)) amounts = amounts.filter((a) => a.start < ofWhich);
  const sum = amounts.reduce((s, a) => s + a.value, 0);
  if (amounts.length >= 3 && /(?<![a-z])tong(?![a-z])/.test(plain)) {
    const whole = amounts.find((a) => Math.abs(a.value * 2 - sum) < 0.5);
    if (whole != null) return { total: whole.value, counted: [whole] };
  }
  return { total: sum, counted: amounts };
}

/** Where one source's words end: ";", "+", ", ", brackets and "trong đó" (of which). */
const SEGMENT = /[;+()[\]]|,\s|(?<![\p{L}])trong đó(?![\p{L}])/giu;
/** Words that only lead into the amount after them: "Ngân sách năm nay là 5 triệu" names "Ngân sách năm nay". */
const AMOUNT_LEAD = /(?:\s+(?:là|khoảng|dự kiến|ước tính|trị giá|số tiền|tổng cộng|tổng))+\s*:?$/iu;
const EDGE = /^[\s:;,.\-–—/]+|[\s:;,.\-–—/]+$/gu;

/**
 * The words that name a source beside the amounts, one per segment ("Ngân sách: 30.000.000 đồng;
 * XHH: 20.000.000 đồng" → "Ngân sách; XHH"): the words before a segment's amount, else after it
 * ("5 triệu đồng từ nguồn XHH"), as written.
 */
function sourcesBeside(cell: string, amounts: readonly FoundAmount[]): string | null {
  const bounds = [0, ...[...cell.matchAll(SEGMENT)].flatMap((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length]), cell.length];
  const found: string[] = [];
  for (let k = 0; k < bounds.length; k += 2) {
    const [from, to] = [bounds[k], bounds[k + 1]];
    const inside = amounts.filter((a) => a.start >= from && a.end <= to);
    const cuts = [from, ...inside.flatMap((a) => [a.start, a.end]), to];
    for (let c = 0; c < cuts.length; c += 2) {
      const words = cell.slice(cuts[c], cuts[c + 1]).replace(EDGE, '').replace(AMOUNT_LEAD, '');
      if (words !== '' && namesFundingSource(words)) {
        if (!found.includes(words)) found.push(words);
        break;
      }
    }
  }
  return found.length > 0 ? found.join('; ') : null;
}

/**
 * Whether a header states a unit of money: a multiplier ({@link budgetUnitFromHeader}) or a
 * currency alone in brackets ("(đồng)", "(VNĐ)"). Only a column of amounts is headed so, however
 * the words before it read ("KP dự kiến" glued by a scan into "KPdưựkiên").
 */
export function headerStatesMoney(header: string): boolean {
  if (budgetUnitFromHeader(header) !== undefined) return true;
  const cell = foldText(header);
  if (cell == null) return false;
  const tokens = tokenizeBudget(cell);
  return tokens.some((t, i) => t.kind === 'word' && isCurrencyWord(t.canon) && bracketed(tokens, i));
}

/** The punctuation at `i`, or null when the token there is none. */
function markAt(tokens: readonly BudgetToken[], i: number): string | null {
  const t = tokens[i];
  return t?.kind === 'mark' ? t.text : null;
}

/** Whether the token at `i` stands alone in brackets: "(triệu)", "[đồng]". */
function bracketed(tokens: readonly BudgetToken[], i: number): boolean {
  return ['(', '['].includes(markAt(tokens, i - 1) ?? '') && [')', ']'].includes(markAt(tokens, i + 1) ?? '');
}

/**
 * The multiplier a budget column header states: "Kinh phí (triệu đồng)" → 1_000_000,
 * "(nghìn đồng)" → 1000, "(1.000đ)" → 1000; "(đồng)", "(VNĐ)" or no unit → undefined. A scale word
 * counts only beside a currency word or alone in brackets, so "Tỷ lệ" is no unit.
 */
export function budgetUnitFromHeader(header: string): number | undefined {
  const cell = foldText(header);
  if (cell == null) return undefined;
  const tokens = tokenizeBudget(cell);
  const currencyAt = (i: number): boolean => {
    const t = tokens[i];
    return t?.kind === 'word' && isCurrencyWord(t.canon);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind === 'word') {
      const fused = SCALE_CURRENCY_WORDS[t.canon];
      if (fused != null) return fused;
      const scale = scaleOf(t.canon);
      if (scale == null) continue;
      if (currencyAt(markAt(tokens, i + 1) === '.' ? i + 2 : i + 1) || bracketed(tokens, i)) return scale;
    } else if (t.kind === 'num' && !t.fractional && t.value >= 1000 && t.value <= MAX_AMOUNT && currencyAt(i + 1)) {
      return t.value;
    }
  }
  return undefined;
}
