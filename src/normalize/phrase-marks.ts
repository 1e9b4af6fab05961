/**
 * Marks a scan put on the wrong letter of a known phrase: "quần trị" for "quản trị", "phố thông"
 * for "phổ thông", "Đám bao" for "Đảm bảo". Tesseract's commonest error in Vietnamese is a tone
 * or vowel mark, and each wrong reading is still a syllable, so a syllable list cannot see it; the
 * words around it can. A word that makes no known pair with either neighbour takes the marks of
 * the one word with its letters that makes a known pair with both. Nothing else
 * changes: no letter is added, dropped or swapped for another, and a word with a neighbour it is
 * known beside is read right. The phrases are data (criteria names, the contract's wordings).
 */
import { inCaseOf, stripAccents } from './text.js';

const WORD = /[\p{L}\p{N}&]+/gu;

/** A text's words, lower case, for building the pairs. */
function wordsOf(text: string): string[] {
  return (text.normalize('NFC').toLowerCase().match(WORD) ?? []) as string[];
}

/** A mender for the words of `phrases`; the function returned runs per text. */
export function phraseMarker(phrases: readonly string[]): (text: string) => string {
  const known = new Set<string>();
  const spellings = new Map<string, Set<string>>();
  for (const phrase of phrases) {
    const ws = wordsOf(phrase);
    for (let i = 0; i + 1 < ws.length; i++) known.add(`${ws[i]} ${ws[i + 1]}`);
    for (const w of ws) spellings.set(stripAccents(w), (spellings.get(stripAccents(w)) ?? new Set()).add(w));
  }
  const pair = (a: string, b: string) => known.has(`${a} ${b}`);
  const used = (w: string) => spellings.get(stripAccents(w))?.has(w) ?? false;
  return (input) => {
    const text = input.normalize('NFC');
    const matches = [...text.matchAll(WORD)];
    if (matches.length < 2) return input;
    const words = matches.map((m) => m[0].toLowerCase());
    // Neighbours only across a space: "quần trị", not "quần, trị".
    const spaced = (k: number) => text.slice(matches[k].index! + matches[k][0].length, matches[k + 1].index) === ' ';
    const out = matches.map((m) => m[0]);
    for (let i = 0; i < words.length; i++) {
      const left = i > 0 && spaced(i - 1) ? words[i - 1] : null;
      const right = i + 1 < words.length && spaced(i) ? words[i + 1] : null;
      // Both sides vouch. At the text's first or last word the one side does, for a word the
      // phrases never use ("Quần lý" → "Quản lý"): "Sơ kết" opening a text is no "Số kết quả".
      if (left === null || right === null) {
        const atEdge = left === null ? i === 0 : i === words.length - 1;
        if ((left ?? right) === null || !atEdge || used(words[i])) continue;
      }
      if ((left !== null && pair(left, words[i])) || (right !== null && pair(words[i], right))) continue;
      const fits = [...(spellings.get(stripAccents(words[i])) ?? [])].filter(
        (c) => c !== words[i] && (left === null || pair(left, c)) && (right === null || pair(c, right)),
      );
      if (fits.length !== 1) continue;
      words[i] = fits[0];
      out[i] = inCaseOf(fits[0], out[i]);
    }
    let result = '';
    let at = 0;
    matches.forEach((m, k) => {
      result += text.slice(at, m.index) + out[k];
      at = m.index! + m[0].length;
    });
    return result + text.slice(at);
  };
}
