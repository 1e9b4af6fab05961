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
}

/** Words after which a bare number is a date, a rank or a count, not money ("năm 2024", "lớp 5"). */
const NOT_MONEY_AFTER: readonly string[] = [
  'nam', 'thang', 'ngay', 'quy', 'tuan', 'ky', 'dot', 'lop', 'khoi', 'tiet', 'muc', 'chi', 'so', 'doan', 'tu',
];

interface Phrase {
  elements: PhraseElement[];
  /** Token index after the phrase, its currency and filler. */
  next: number;
  hasScale: boolean;
  hasCurrency: boolean;
}

/** The amounts of a folded cell, in order. `multiplier` applies to bare numbers (the header's unit). */
export function findAmounts(text: string, tokens: readonly BudgetToken[], multiplier: number): FoundAmount[] {
  const depth = bracketDepths(tokens);
  const pureNumber = tokens.every((t) => t.kind !== 'word');
  const amounts: FoundAmount[] = [];
  let i = 0;
  while (i < tokens.length) {
    const phrase = readPhrase(text, tokens, i);
    if (phrase == null) {
      i++;
      continue;
    }
    const first = tokens[i];
    const last = tokens[phrase.next - 1];
    const inBrackets = depth[i] > 0;
    if (phrase.hasScale || phrase.hasCurrency) {
      amounts.push({ value: evaluatePhrase(phrase.elements), start: first.start, end: last.end, inBrackets });
    } else if (first.kind === 'num' && bareIsMoney(text, tokens, i, pureNumber, multiplier)) {
      const value = multiplier > 1 && first.decimalValue != null ? first.decimalValue : first.value;
      amounts.push({ value: value * multiplier, start: first.start, end: first.end, inBrackets });
    }
    i = Math.max(phrase.next, i + 1);
  }
  return amounts;
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
function bareIsMoney(text: string, tokens: readonly BudgetToken[], i: number, pureNumber: boolean, multiplier: number): boolean {
  const t = tokens[i] as NumToken;
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  const isMark = (x: BudgetToken | undefined, m: string): boolean => x?.kind === 'mark' && x.text === m;
  if (isMark(before, '/') || isMark(after, '%') || (isMark(after, '/') && tokens[i + 2]?.kind === 'num')) return false;
  if (t.grouped && t.digits >= 4) return true;
  if (pureNumber) return true;
  // "Ngân sách: 15" under a "(triệu đồng)" header: the header gives the unit, and the number
  // closes a segment that names a source. Without a header unit such a number is not money.
  if (multiplier <= 1) return false;
  const closes = after == null || (after.kind === 'mark' && /^[;.,)+]$/.test(after.text));
  if (!closes || t.fractional) return false;
  const segment = text.slice(Math.max(text.lastIndexOf(';', t.start), text.lastIndexOf('+', t.start)) + 1, t.start);
  const lastWord = stripAccents(segment).match(/([a-z]+)[\s:]*$/)?.[1];
  return namesFundingSource(segment) && (lastWord == null || !NOT_MONEY_AFTER.includes(lastWord));
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

function bracketDepths(tokens: readonly BudgetToken[]): number[] {
  let depth = 0;
  return tokens.map((t) => {
    const here = depth;
    if (t.kind === 'mark' && (t.text === '(' || t.text === '[')) depth++;
    if (t.kind === 'mark' && (t.text === ')' || t.text === ']')) depth = Math.max(0, depth - 1);
    return t.kind === 'mark' && (t.text === ')' || t.text === ']') ? depth : here;
  });
}
