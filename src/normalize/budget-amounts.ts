/**
 * Finds the amounts in a budget cell: each a phrase of numbers, number words and scale words,
 * optionally closed by a currency word ("350 triệu đồng", "Ba trăm triệu đồng", "18.000.000 đ").
 * A number with neither unit nor currency counts only when it looks like money, so years ("năm
 * 2024"), head counts ("02 giáo viên"), percentages and dates ("9/2024") in free text are not read.
 */
import { evaluatePhrase, type PhraseElement } from './amount-phrase.js';
import type { BudgetToken, NumToken } from './budget-tokens.js';
import { namesFundingSource } from './funding-sources.js';
import {
  AMOUNT_FILLERS,
  DOTTED_ABBREVIATIONS,
  isCurrencyWord,
  scaleOf,
  SCALE_CURRENCY_WORDS,
} from './money-units.js';
import { canStartAmount, numberWordOf } from './number-words.js';
import { stripAccents } from './text.js';

/** One amount in a cell and where it stands. */
export interface FoundAmount {
  /** In đồng, maybe fractional or huge: the caller rounds and bounds the total. */
  readonly value: number;
  readonly start: number;
  readonly end: number;
  /** Inside ( ) or [ ]: a restatement ("(Mười tám triệu đồng chẵn)") or a breakdown. */
  readonly inBrackets: boolean;
  /** Where the outermost bracket around it opens, or null. */
  readonly bracket: number | null;
  /** Written (partly) in number words: "Mười tám triệu đồng". */
  readonly inWords: boolean;
  /** A bare number (no scale or currency of its own): its value as written, before the header's unit. */
  readonly bare: { readonly number: number; readonly grouped: boolean; readonly commaGroup: boolean } | null;
  /** Digits joined over a space inside a group ("250,00 0,000"). */
  readonly split: boolean;
  /** The upper bound of a range ("10-15 triệu", "từ 10 đến 15 triệu"); `low` is the lower. */
  readonly range: { readonly low: number } | null;
  /** A minus sign stuck to it ("-5.000.000"). */
  readonly negative: boolean;
  /**
   * Words that start mid-number: the word before is a number word that cannot open one ("Bồn
   * mươi lăm triệu", a scan's "Bốn": read from "lăm", 5 triệu for 45), or a bare "trăm" follows
   * a word ("Hal trăm …"). Set on phrases in words only.
   */
  readonly truncated?: boolean;
}

/** Words after which a bare number is a date, a rank or a count, not money ("năm 2024", "lớp 5"). */
const NOT_MONEY_AFTER: readonly string[] = [
  'nam', 'thang', 'ngay', 'quy', 'tuan', 'ky', 'dot', 'lop', 'khoi', 'tiet', 'muc', 'chi', 'so', 'doan', 'tu',
];

/** What stands between the two ends of a range: "10-15 triệu", "10 ~ 15 triệu", "10 đến 15 triệu". */
const RANGE_MARKS: readonly string[] = ['-', '–', '—', '~'];
const RANGE_WORDS: readonly string[] = ['đến', 'tới', 'den', 'toi'];
const MINUS_SIGNS: readonly string[] = ['-', '−', '–'];

interface Phrase {
  elements: PhraseElement[];
  /** Token index after the phrase, its currency and filler. */
  next: number;
  hasScale: boolean;
  hasCurrency: boolean;
}

interface Context {
  text: string;
  tokens: readonly BudgetToken[];
  depth: readonly number[];
  opener: readonly (number | null)[];
  pureNumber: boolean;
  multiplier: number;
}

/** The amounts of a folded cell, in order. `multiplier` applies to bare numbers (the header's unit). */
export function findAmounts(text: string, tokens: readonly BudgetToken[], multiplier: number): FoundAmount[] {
  const { depth, opener } = brackets(tokens);
  // Words in brackets restate or explain: "25 (Hai mươi lăm triệu đồng)" is a number alone.
  const pureNumber = tokens.every((t, k) => t.kind !== 'word' || depth[k] > 0);
  const ctx: Context = { text, tokens, depth, opener, pureNumber, multiplier };
  const amounts: FoundAmount[] = [];
  let i = 0;
  while (i < tokens.length) {
    const phrase = readPhrase(text, tokens, i);
    if (phrase == null) {
      i++;
      continue;
    }
    const amount = amountAt(ctx, i, phrase);
    const range = rangeFrom(ctx, i, phrase, amount);
    if (range != null) {
      amounts.push(range.amount);
      i = range.next;
      continue;
    }
    if (amount != null) amounts.push({ ...amount, negative: minusBefore(ctx, i) });
    i = Math.max(amount?.bare != null ? i + 1 : phrase.next, i + 1);
  }
  return amounts;
}

/** The amount a phrase at token `i` states, or null when it is no money. */
function amountAt(ctx: Context, i: number, phrase: Phrase): FoundAmount | null {
  const { tokens, multiplier } = ctx;
  const first = tokens[i];
  const common = {
    start: first.start,
    inBrackets: ctx.depth[i] > 0,
    bracket: ctx.opener[i],
    split: tokens.slice(i, phrase.next).some((t) => t.kind === 'num' && t.split),
    range: null,
    negative: false,
  };
  if (phrase.hasScale || phrase.hasCurrency) {
    const before = tokens[i - 1];
    // Mid-number: after a number word that could not open it ("mươi"), or a bare "trăm" right
    // after a word ("Hal trăm năm mươi": the "Hai" misread).
    const truncated =
      first.kind === 'word' &&
      before?.kind === 'word' &&
      adjacent(ctx.text, before, first) &&
      (numberWordOf(before.canon) != null || numberWordOf(first.canon)?.role === 'hundred');
    return {
      ...common,
      value: evaluatePhrase(phrase.elements),
      end: tokens[phrase.next - 1].end,
      inWords: phrase.elements.some((e) => e.kind === 'word'),
      bare: null,
      ...(truncated ? { truncated } : {}),
    };
  }
  if (first.kind !== 'num' || !bareIsMoney(ctx, i)) return null;
  const number = multiplier > 1 && first.decimalValue != null ? first.decimalValue : first.value;
  return {
    ...common,
    value: number * multiplier,
    end: first.end,
    inWords: false,
    bare: { number, grouped: first.grouped, commaGroup: first.decimalValue != null },
    split: first.split,
  };
}

/**
 * A range that starts with the phrase at `i`: a connector, then an amount with a unit. The first
 * end may be an amount of its own ("10 triệu - 15 triệu") or a bare number that takes the second's
 * scale ("10-15 triệu"); it must be below the second, else these are two amounts (a list).
 */
function rangeFrom(ctx: Context, i: number, phrase: Phrase, amount: FoundAmount | null): { amount: FoundAmount; next: number } | null {
  const { text, tokens } = ctx;
  const j = amount?.bare != null ? i + 1 : phrase.next;
  const connector = tokens[j];
  const secondAt = j + 1;
  if (connector == null || tokens[secondAt] == null || !adjacent(text, tokens[j - 1], connector) || !adjacent(text, connector, tokens[secondAt])) return null;
  const isConnector =
    (connector.kind === 'mark' && RANGE_MARKS.includes(connector.text)) || (connector.kind === 'word' && RANGE_WORDS.includes(connector.canon));
  if (!isConnector) return null;
  const secondPhrase = readPhrase(text, tokens, secondAt);
  if (secondPhrase == null) return null;
  const second = amountAt(ctx, secondAt, secondPhrase);
  // Two bare numbers make a range only as bare money both ("10-15" under "(triệu đồng)").
  if (second == null || (second.bare != null && amount?.bare == null)) return null;
  let low = amount?.value ?? null;
  // "từ 10 đến 15 triệu": "từ" opens the range here, not a date.
  const opensRange = connector.kind === 'word' && stripAccents(text.slice(0, tokens[i].start)).trimEnd().endsWith('tu');
  if (low == null && phrase.elements.length === 1 && phrase.elements[0].kind === 'num' && (opensRange || !afterNotMoneyWord(ctx, i))) {
    // "10-15 triệu": the first number is in the second's scale.
    const [lead, scale] = secondPhrase.elements;
    const t = tokens[i] as NumToken;
    if (lead?.kind === 'num' && scale?.kind === 'scale') low = (t.decimalValue ?? t.value) * scale.value;
  }
  if (low == null || !(low < second.value)) return null;
  return {
    amount: { ...second, start: tokens[i].start, inBrackets: ctx.depth[i] > 0, bracket: ctx.opener[i], range: { low }, negative: minusBefore(ctx, i) },
    next: secondPhrase.next,
  };
}

/** A minus sign stuck to the number at `i`, not a bullet ("- 5.000.000") nor a range's dash. */
function minusBefore(ctx: Context, i: number): boolean {
  const sign = ctx.tokens[i - 1];
  if (sign?.kind !== 'mark' || !MINUS_SIGNS.includes(sign.text) || sign.end !== ctx.tokens[i].start) return false;
  const before = ctx.text.slice(0, sign.start);
  return before === '' || /[\s:(]$/.test(before);
}

function afterNotMoneyWord(ctx: Context, i: number): boolean {
  const lastWord = stripAccents(ctx.text.slice(0, ctx.tokens[i].start)).match(/([a-z]+)[\s:]*$/)?.[1];
  return lastWord != null && NOT_MONEY_AFTER.includes(lastWord);
}

function readPhrase(text: string, tokens: readonly BudgetToken[], from: number): Phrase | null {
  const elements: PhraseElement[] = [];
  let lastScale = 0;
  let afterLastScale = from;
  let hasCurrency = false;
  let j = from;
  for (; j < tokens.length; j++) {
    const t = tokens[j];
    if (j > from && !adjacent(text, tokens[j - 1], t)) break;
    const prev = elements.at(-1);
    if (t.kind === 'num') {
      // A number opens a phrase, or follows a scale as the spoken shorthand ("1 tỷ 2").
      if (prev != null && (prev.kind !== 'scale' || t.digits > 3 || t.fractional)) break;
      // Before a scale a lone comma group is decimal: "2,500 tỷ" is 2.5 tỷ, not 2500 tỷ.
      const beforeScale = scaleOf(canonAt(tokens, j + 1) ?? '') != null;
      elements.push({ kind: 'num', value: beforeScale && t.decimalValue != null ? t.decimalValue : t.value, digits: t.digits });
      continue;
    }
    if (t.kind !== 'word') break;
    const scale = scaleOf(t.canon) ?? SCALE_CURRENCY_WORDS[t.canon];
    if (scale != null) {
      if (prev == null || (prev.kind === 'scale' && scale <= lastScale)) break;
      elements.push({ kind: 'scale', value: scale });
      lastScale = scale;
      j = skipAbbreviationDot(text, tokens, j);
      afterLastScale = j + 1;
      if (SCALE_CURRENCY_WORDS[t.canon] != null) {
        hasCurrency = true;
        j++;
        break;
      }
      continue;
    }
    const word = numberWordOf(t.canon);
    if (word == null) break;
    const fits =
      prev == null
        ? canStartAmount(word)
        : prev.kind !== 'num' || word.role === 'hundred';
    if (!fits) break;
    elements.push({ kind: 'word', word });
  }
  if (elements.length === 0) return null;
  // Shorthand after the last scale only when nothing but a currency or punctuation follows:
  // in "5 triệu năm 2024" the "năm" is the year's, not 5 500 000.
  if (lastScale > 0 && afterLastScale < j && !hasCurrency && !endsAmount(text, tokens, j)) {
    let lastScaleAt = elements.length - 1;
    while (elements[lastScaleAt].kind !== 'scale') lastScaleAt--;
    elements.splice(lastScaleAt + 1);
    j = afterLastScale;
  }
  if (!hasCurrency) {
    const t = tokens[j];
    if (t?.kind === 'word' && isCurrencyWord(t.canon) && adjacent(text, tokens[j - 1], t)) {
      hasCurrency = true;
      j = skipAbbreviationDot(text, tokens, j) + 1;
    }
  }
  const filler = tokens[j];
  if (filler?.kind === 'word' && AMOUNT_FILLERS.includes(filler.canon) && adjacent(text, tokens[j - 1], filler)) j++;
  return { elements, next: j, hasScale: lastScale > 0, hasCurrency };
}

/** Whether token `j` (after a phrase) leaves a trailing shorthand group standing alone. */
function endsAmount(text: string, tokens: readonly BudgetToken[], j: number): boolean {
  const t = tokens[j];
  if (t == null || !adjacent(text, tokens[j - 1], t)) return true;
  if (t.kind === 'word') return isCurrencyWord(t.canon);
  return t.kind === 'mark' && t.text !== '/' && t.text !== '%';
}

/** A number with no unit: money when written like money, alone in the cell, or right after a source. */
function bareIsMoney(ctx: Context, i: number): boolean {
  const { text, tokens, multiplier } = ctx;
  const t = tokens[i] as NumToken;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  const isMark = (x: BudgetToken | undefined, m: string): boolean => x?.kind === 'mark' && x.text === m;
  if (isMark(before, '/') || isMark(after, '%') || (isMark(after, '/') && tokens[i + 2]?.kind === 'num')) return false;
  if (t.grouped && t.digits >= 4) return true;
  if (ctx.pureNumber) return true;
  // "Ngân sách: 15" under a "(triệu đồng)" header: the header gives the unit, and the number
  // closes a segment that names a source. Without a header unit such a number is not money.
  if (multiplier <= 1) return false;
  const closes = after == null || (after.kind === 'mark' && /^[;.,)+([]$/.test(after.text));
  if (!closes || t.fractional) return false;
  const segment = text.slice(Math.max(text.lastIndexOf(';', t.start), text.lastIndexOf('+', t.start)) + 1, t.start);
  return namesFundingSource(segment) && !afterNotMoneyWord(ctx, i);
}

function canonAt(tokens: readonly BudgetToken[], k: number): string | null {
  const t = tokens[k];
  return t?.kind === 'word' ? t.canon : null;
}

function adjacent(text: string, a: BudgetToken, b: BudgetToken): boolean {
  const gap = text.slice(a.end, b.start);
  return gap === '' || gap === ' ';
}

/** "tr.đ", "đ.": the dot belongs to the abbreviation; returns the index of the last token used. */
function skipAbbreviationDot(text: string, tokens: readonly BudgetToken[], j: number): number {
  const t = tokens[j];
  const dot = tokens[j + 1];
  if (t.kind === 'word' && DOTTED_ABBREVIATIONS.includes(t.canon) && dot?.kind === 'mark' && dot.text === '.' && dot.start === t.end) {
    return j + 1;
  }
  return j;
}

/** For each token: how deep in brackets it stands, and where its outermost bracket opens. */
function brackets(tokens: readonly BudgetToken[]): { depth: number[]; opener: (number | null)[] } {
  let depth = 0;
  let open: number | null = null;
  const depths: number[] = [];
  const opener: (number | null)[] = [];
  for (const t of tokens) {
    const isOpen = t.kind === 'mark' && (t.text === '(' || t.text === '[');
    const isClose = t.kind === 'mark' && (t.text === ')' || t.text === ']');
    if (isOpen && depth === 0) open = t.start;
    if (isOpen) depth++;
    if (isClose) depth = Math.max(0, depth - 1);
    depths.push(isClose ? depth : isOpen ? depth - 1 : depth);
    opener.push(depth > 0 || isClose ? open : null);
    if (depth === 0) open = null;
  }
  return { depth: depths, opener };
}
