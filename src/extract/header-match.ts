/**
 * How well a column header matches a field's synonym. Headers arrive with line breaks inside
 * words' runs, typos ("Kết qủa"), missing or misplaced accents and extra words ("(so với hiện
 * trạng)", "(đồng)"), so matching is by words, each compared exactly, then without accents, then
 * within one edit. Accents still count: "Mức tiêu chí" (a level) and "Mục tiêu" (a target) differ
 * only by them.
 */
import { stripAccents, words } from '../normalize/text.js';

/**
 * Whether two strings are at most `k` edits apart, computing only the diagonal band of the edit
 * matrix (O(n·k)): called for every body row against the header, so the full matrix is too slow.
 */
export function withinEdits(a: string, b: string, k: number): boolean {
  if (Math.abs(a.length - b.length) > k) return false;
  let prev = new Array<number>(b.length + 1);
  let cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(b.length, i + k);
    cur.fill(k + 1);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = from; j <= to; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j - 1] + cost, (prev[j] ?? k + 1) + 1, cur[j - 1] + 1);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > k) return false;
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] <= k;
}

/** Pre-split synonym, so a table scan does not re-tokenise the synonym tables. */
export interface Phrase {
  text: string;
  words: string[];
  bare: string[];
}

const PHRASES = new Map<string, Phrase>();

/** A text split for matching; memoised, since the same header wordings recur in every document. */
export function phrase(text: string): Phrase {
  let p = PHRASES.get(text);
  if (!p) {
    const w = words(text);
    p = { text, words: w, bare: w.map(stripAccents) };
    if (PHRASES.size > 20_000) PHRASES.clear();
    PHRASES.set(text, p);
  }
  return p;
}

/** Whether two words are at most one insertion, deletion or substitution apart: O(n), no matrix. */
export function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

function wordScore(header: string, headerBare: string, syn: string, synBare: string): number {
  if (header === syn) return 1;
  if (headerBare === synBare) return 0.85;
  if (synBare.length >= 4 && headerBare.length >= 4 && withinOneEdit(headerBare, synBare)) return 0.7;
  return 0;
}

/**
 * 0–1: how much of the synonym the header says, in order, less a little for every header word the
 * synonym does not account for (so the longest fitting synonym wins).
 */
export function matchScore(header: Phrase, synonym: Phrase): number {
  if (synonym.words.length === 0 || header.words.length === 0) return 0;
  let total = 0;
  let from = 0;
  let matched = 0;
  for (let i = 0; i < synonym.words.length; i++) {
    let best = 0;
    let at = -1;
    for (let j = from; j < header.words.length; j++) {
      const s = wordScore(header.words[j], header.bare[j], synonym.words[i], synonym.bare[i]);
      if (s > best) {
        best = s;
        at = j;
        if (s === 1) break;
      }
    }
    if (at >= 0) {
      total += best;
      matched++;
      from = at + 1;
    } else if (i === 0) {
      // The synonym's first word carries its meaning ("Mức …", "Kinh phí …"): it must be there.
      return 0;
    }
  }
  const coverage = total / synonym.words.length;
  // Long headers explain themselves ("(nêu rõ lý do chậm tiến độ)"): the penalty is capped, so it
  // only breaks ties between synonyms, never hides a full match.
  const unexplained = header.words.length - matched;
  return Math.max(0, coverage - Math.min(0.15, 0.02 * unexplained));
}

/** The best score of a header against any of a field's synonyms. */
export function bestScore(header: Phrase, synonyms: readonly Phrase[]): number {
  let best = 0;
  for (const s of synonyms) best = Math.max(best, matchScore(header, s));
  return best;
}
