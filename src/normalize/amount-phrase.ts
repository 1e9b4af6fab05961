/**
 * The value of one amount phrase: digits, number words and scale words in the order written
 * ("2 tỷ 500 triệu", "hai mươi lăm triệu", "1,5 tỷ", "một trăm năm mươi nghìn", "1 tỷ 2").
 */
import type { NumberWord } from './number-words.js';

/** One word of an amount phrase, in the order written. */
export type PhraseElement =
  /** A number in digits; `digits` counts its integer digits ("25" → 2). */
  | { readonly kind: 'num'; readonly value: number; readonly digits: number }
  | { readonly kind: 'word'; readonly word: NumberWord }
  | { readonly kind: 'scale'; readonly value: number };

interface Group {
  hundreds: number;
  tens: number;
  pending: number | null;
  /** Integer digits of a group given in digits; null for a group in words. */
  digits: number | null;
  /** "trăm" was said: the group fills three places even when its hundreds are "không". */
  hundredSaid: boolean;
  linked: boolean;
  any: boolean;
}

const emptyGroup = (): Group => ({ hundreds: 0, tens: 0, pending: null, digits: null, hundredSaid: false, linked: false, any: false });

const groupValue = (g: Group): number => g.hundreds + g.tens + (g.pending ?? 0);

/**
 * How many places a short trailing group fills below the scale before it ("2" → 1, "25" → 2,
 * "250" → 3; "không trăm hai mươi mốt" → 3, so "một nghìn không trăm hai mươi mốt" is 1 021).
 */
function places(g: Group): number {
  if (g.digits != null) return g.digits;
  if (g.hundredSaid) return 3;
  const v = groupValue(g);
  return v < 10 ? 1 : v < 100 ? 2 : 3;
}

/**
 * Evaluates a phrase. Scales combine the usual way ("hai tỷ năm trăm triệu" = 2 500 000 000,
 * "một nghìn tỷ" = 10^12). A short group after the last scale with no scale of its own is the
 * spoken shorthand for the next places down: "1 tỷ 2" = 1 200 000 000, "5 triệu 25" = 5 250 000,
 * "hai triệu ba trăm" = 2 300 000; after "linh"/"lẻ" it is taken literally. May return a
 * fraction ("2,5" alone); the caller rounds.
 */
export function evaluatePhrase(elements: readonly PhraseElement[]): number {
  let total = 0;
  let topScale = 1;
  let lastScale = 0;
  let lastKind: 'scale' | 'hundred' | 'other' = 'other';
  let group = emptyGroup();
  for (const el of elements) {
    if (el.kind === 'num') {
      group.pending = el.value;
      group.digits = el.digits;
      group.any = true;
      lastKind = 'other';
      continue;
    }
    if (el.kind === 'scale') {
      const g = group.any ? groupValue(group) : total === 0 ? 1 : 0;
      if (el.value > topScale) {
        total = (total + g) * el.value;
        topScale = el.value;
      } else {
        total += g * el.value;
      }
      lastScale = el.value;
      group = emptyGroup();
      lastKind = 'scale';
      continue;
    }
    const { role, value } = el.word;
    if (role === 'digit') group.pending = value;
    else if (role === 'ten') group.tens = 10;
    else if (role === 'tens') {
      group.tens = (group.pending ?? 1) * 10;
      group.pending = null;
    } else if (role === 'hundred') {
      group.hundreds = (group.pending ?? 1) * 100;
      group.pending = null;
      group.hundredSaid = true;
    } else if (role === 'link') group.linked = true;
    else if (role === 'half') {
      if (lastKind === 'scale') total += lastScale / 2;
      else if (lastKind === 'hundred') group.tens = 50;
    }
    if (role !== 'half') group.any = true;
    lastKind = role === 'hundred' ? 'hundred' : 'other';
  }
  if (group.any) {
    const g = groupValue(group);
    const shorthand = lastScale >= 1000 && !group.linked && places(group) <= 3;
    total += shorthand ? (g * lastScale) / 10 ** places(group) : g;
  }
  return total;
}
