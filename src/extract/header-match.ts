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

/** Whether a lower-case word carries any mark (its accent-free form differs). */
const hasMarks = (w: string, bare: string) => w !== bare;

function wordScore(header: string, headerBare: string, syn: string, synBare: string): number {
  if (header === syn) return 1;
  if (headerBare === synBare) {
    // Typed without accents ("Muc tieu"): the same word. Accented differently ("mục"/"mức"): most
    // likely another word, unless a tone mark strayed ("qủa"), so it counts, but weakly.
    return hasMarks(header, headerBare) && hasMarks(syn, synBare) ? 0.6 : 0.85;
  }
  if (synBare.length >= 4 && headerBare.length >= 4 && withinOneEdit(headerBare, synBare)) return 0.7;
  return 0;
}

/**
 * 0–1: how much of the synonym the header says, in order, less a little for every header word the
 * synonym does not account for (so the longest fitting synonym wins), and less for header words
 * before it: a Vietnamese header names its subject first ("Mức tiêu chí cần đạt" is a level,
 * "Nguyên nhân của hạn chế" a cause), so a synonym found further in speaks for a modifier.
 */
export function matchScore(header: Phrase, synonym: Phrase): number {
  if (synonym.words.length === 0 || header.words.length === 0) return 0;
  let total = 0;
  let from = 0;
  let matched = 0;
  let start = -1;
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
    if (i === 0) {
      // The synonym's first word carries its meaning ("Mức …", "Kinh phí …"): it must be there.
      if (best < 0.7) return 0;
      start = at;
    }
    if (at >= 0) {
      total += best;
      matched++;
      from = at + 1;
    }
  }
  const coverage = total / synonym.words.length;
  // Long headers explain themselves ("(nêu rõ lý do chậm tiến độ)"): the penalty is capped, so it
  // only breaks ties between synonyms, never hides a full match.
  const unexplained = header.words.length - matched;
  const late = 1 - 0.1 * Math.min(3, start);
  return Math.max(0, coverage * late - Math.min(0.15, 0.02 * unexplained));
}

/** The best score of a header against any of a field's synonyms. */
export function bestScore(header: Phrase, synonyms: readonly Phrase[]): number {
  let best = 0;
  for (const s of synonyms) best = Math.max(best, matchScore(header, s));
  return best;
}

/** Shortest word tried as several run together, and the longest piece (a Vietnamese syllable is at most 7 letters). */
const RUN_ON_MIN = 6;
const PIECE_MAX = 7;

/** Words that carry no meaning of their own in a header ("Kết quả cần đạt (so với hiện trạng)"). */
const STOP_WORDS = new Set([
  'và', 'các', 'của', 'cho', 'với', 'so', 'để', 'theo', 'được', 'những', 'nếu', 'có', 'rõ', 'nêu', 'trong', 'từ',
  'hoặc', 'về', 'là', 'khác', 'đúng', 'này', 'đó', 'gồm', 'bao',
]);
/**
 * The weights of the reading by words, chosen on the held-apart halves of the wordings table
 * (test/extract/header-matcher.test.ts), each tried at two to four values: the chosen set maps
 * nearly the most held-apart wordings with the fewest to a wrong field (so that figure flatters a
 * little; the held-out wordings of test/extract/heldout-wordings.ts are the independent check).
 */
const WEIGHTS = {
  /** A word no wording knows weighs this much against a field: long headers explain themselves. */
  unknown: 0.35,
  /** A meaning read from words is never as sure as a listed wording matched whole. */
  wordsFactor: 0.9,
  /** How fast a word's weight falls with its place in a header or wording (the head comes first). */
  decay: 1,
  /** What a word learnt from another table's field of the same name is worth. */
  borrowed: 0.5,
} as const;

/** Weight of the content word at place `i` (0 = the head). */
const placeWeight = (i: number) => 1 / (1 + WEIGHTS.decay * i);

/** A header read for meaning: abbreviations expanded, synonyms folded, and its terms. */
export interface ReadHeader extends Phrase {
  /** Distinct content words and adjacent pairs ("kinh", "phí", "kinh phí"): term → the place of its first word among the content words (0: the head). */
  terms: Map<string, number>;
}

/** What the matcher needs beside the wordings: see ./wordings.json. */
export interface MatcherLexicon {
  abbreviations: Record<string, string>;
  synonyms: string[][];
  meanings: Record<string, string[]>;
}

interface ProfileIndex {
  fields: string[];
  wordings: Map<string, ReadHeader[]>;
  /** term → field → how strongly the field's wordings (or meaning words) use it (1: as their head). */
  terms: Map<string, Map<string, number>>;
  /** The same by the term without accents: a header typed without them still reads. */
  bare: Map<string, Map<string, number>>;
}

/** How well a header speaks for one field. */
export interface FieldScore {
  field: string;
  score: number;
}

/**
 * Maps a column header to the fields of a table profile by what it means. Two readings, the
 * better kept: (1) a listed wording matched in order ({@link matchScore}) after abbreviations
 * ("ND", "KP", "TG", …) are expanded and synonyms ("đang triển khai" = "đang thực hiện") folded;
 * (2) the header's words and word pairs, each voting for the fields whose wordings or meaning
 * words use it, by how much it points at one field (a TF-IDF in spirit, over a table this small)
 * and by its place (the head word of a Vietnamese header comes first): "Dự toán kinh phí", "Phụ
 * trách", "KQ cần đạt" read without being listed. Built from data, so a test can build one from
 * half the wordings and check it on the other half.
 */
export class HeaderMatcher {
  private readonly abbreviations: Map<string, string[]>;
  private readonly synonyms: { bare: string[]; canonical: string[] }[];
  private readonly profiles = new Map<string, ProfileIndex>();
  private readonly known = new Set<string>();
  private readonly knownBare = new Set<string>();
  /** Set once every wording is read: run-on words are split by the words the wordings know. */
  private ready = false;
  private readonly readMemo = new Map<string, ReadHeader>();
  private readonly scoreMemo = new Map<string, FieldScore[]>();

  constructor(profiles: Record<string, Record<string, readonly string[]>>, lexicon: MatcherLexicon) {
    this.abbreviations = new Map(Object.entries(lexicon.abbreviations).map(([k, v]) => [k.toLowerCase(), words(v)]));
    this.synonyms = lexicon.synonyms
      .flatMap((group) => {
        const canonical = words(group[0]);
        return group.map((variant) => ({ bare: words(variant).map(stripAccents), canonical }));
      })
      .sort((a, b) => b.bare.length - a.bare.length);
    for (const [name, fields] of Object.entries(profiles)) {
      const index: ProfileIndex = { fields: Object.keys(fields), wordings: new Map(), terms: new Map(), bare: new Map() };
      const claim = (read: ReadHeader, field: string) => {
        for (const [term, place] of read.terms) {
          const strength = placeWeight(place);
          for (const map of [index.terms, index.bare]) {
            const key = map === index.bare ? stripAccents(term) : term;
            const byField = map.get(key) ?? new Map<string, number>();
            byField.set(field, Math.max(byField.get(field) ?? 0, strength));
            map.set(key, byField);
          }
          this.known.add(term);
          if (!term.includes(' ')) this.knownBare.add(stripAccents(term));
        }
      };
      for (const [field, texts] of Object.entries(fields)) {
        const read = texts.map((t) => this.read(t));
        index.wordings.set(field, read);
        for (const r of read) claim(r, field);
        for (const meaning of lexicon.meanings[field] ?? []) claim(this.read(meaning), field);
      }
      this.profiles.set(name, index);
    }
    // A field of the same name means the same in every table ("Phụ trách" names the owner of a
    // task and of a plan row alike): each profile also learns its fields' words from the others.
    const shared = [...this.profiles.values()];
    for (const index of shared) {
      for (const other of shared) {
        if (other === index) continue;
        for (const key of ['terms', 'bare'] as const) {
          for (const [term, byField] of other[key]) {
            for (const [field, strength] of byField) {
              if (!index.fields.includes(field)) continue;
              const mine = index[key].get(term) ?? new Map<string, number>();
              const borrowed = WEIGHTS.borrowed * strength;
              if ((mine.get(field) ?? 0) < borrowed) mine.set(field, borrowed);
              index[key].set(term, mine);
            }
          }
        }
      }
    }
    // Words the synonyms fold away ("biện pháp" → "giải pháp") are words of a header all the same.
    for (const w of [...STOP_WORDS, ...lexicon.synonyms.flat().flatMap(words), ...Object.values(lexicon.abbreviations).flatMap(words)]) this.knownBare.add(stripAccents(w));
    this.readMemo.clear();
    this.ready = true;
  }

  /** The header with abbreviations expanded and synonyms folded, and its terms. Memoised. */
  read(text: string): ReadHeader {
    let r = this.readMemo.get(text);
    if (r) return r;
    const expanded: string[] = [];
    for (const w of words(text)) expanded.push(...(this.abbreviations.get(w) ?? this.split(w)?.flatMap((p) => this.abbreviations.get(p) ?? [p]) ?? [w]));
    const bare = expanded.map(stripAccents);
    const out: string[] = [];
    for (let i = 0; i < expanded.length; ) {
      const syn = this.synonyms.find((s) => s.bare.every((b, k) => bare[i + k] === b));
      if (syn) {
        out.push(...syn.canonical);
        i += syn.bare.length;
      } else {
        out.push(expanded[i]);
        i++;
      }
    }
    const content = (w: string | undefined) => w !== undefined && !STOP_WORDS.has(w) && !/^\d+$/.test(w);
    const terms = new Map<string, number>();
    let place = 0;
    out.forEach((w, i) => {
      if (!content(w)) return;
      if (!terms.has(w)) terms.set(w, place);
      const pair = `${w} ${out[i + 1]}`;
      if (content(out[i + 1]) && !terms.has(pair)) terms.set(pair, place);
      place++;
    });
    r = { text, words: out, bare: out.map(stripAccents), terms };
    if (this.readMemo.size > 20_000) this.readMemo.clear();
    this.readMemo.set(text, r);
    return r;
  }

  /**
   * A word a scan ran together from several ("Biệnphápthựchiện", "Kếtquả", "KPthực"): its pieces, when the
   * whole is no word the wordings know and it splits into words they do (by the fewest pieces, each
   * of two letters or more, accents compared or not). Otherwise null: the word is kept as read.
   */
  private split(word: string): string[] | null {
    if (!this.ready || word.length < RUN_ON_MIN || /\d/.test(word) || this.known.has(word) || this.knownBare.has(stripAccents(word))) return null;
    // An abbreviation is a piece too: "KPthực hiện" is "KP" and "thực".
    const isWord = (piece: string) => this.knownBare.has(stripAccents(piece)) || this.abbreviations.has(piece);
    // best[i]: the fewest pieces covering word[0, i), and where its last piece starts.
    const best: ({ count: number; from: number } | null)[] = [{ count: 0, from: 0 }];
    for (let i = 1; i <= word.length; i++) {
      best[i] = null;
      for (let j = Math.max(0, i - PIECE_MAX); j <= i - 2; j++) {
        if (!best[j] || !isWord(word.slice(j, i))) continue;
        if (!best[i] || best[j]!.count + 1 < best[i]!.count) best[i] = { count: best[j]!.count + 1, from: j };
      }
    }
    if (!best[word.length] || best[word.length]!.count < 2) return null;
    const pieces: string[] = [];
    for (let i = word.length; i > 0; i = best[i]!.from) pieces.unshift(word.slice(best[i]!.from, i));
    return pieces;
  }

  /** Every field of the profile the header speaks for (score > 0), best first. Memoised. */
  scores(profile: string, text: string): FieldScore[] {
    const key = `${profile}\u0000${text}`;
    let out = this.scoreMemo.get(key);
    if (out) return out;
    const index = this.profiles.get(profile);
    out = index ? this.score(index, this.read(text)) : [];
    if (this.scoreMemo.size > 50_000) this.scoreMemo.clear();
    this.scoreMemo.set(key, out);
    return out;
  }

  /** The field, in any profile, that the header speaks for best. */
  bestAnywhere(text: string): (FieldScore & { profile: string }) | null {
    let best: (FieldScore & { profile: string }) | null = null;
    for (const profile of this.profiles.keys()) {
      const top = this.scores(profile, text)[0];
      if (top && (!best || top.score > best.score)) best = { ...top, profile };
    }
    return best;
  }

  private score(index: ProfileIndex, header: ReadHeader): FieldScore[] {
    const byWording = new Map<string, number>();
    for (const [field, wordings] of index.wordings) {
      let best = 0;
      for (const w of wordings) best = Math.max(best, matchScore(header, w));
      if (best > 0) byWording.set(field, best);
    }
    // Each term votes for the fields that use it, by how much it points at one field (a word
    // several fields share says little) and by its place: the head of a header comes first, but a
    // generic head ("Nội dung …") leaves the place to the words that say what the column is.
    const lookup = (term: string) => {
      const exact = index.terms.get(term);
      if (exact) return { fields: exact, factor: 1 };
      const bare = index.bare.get(stripAccents(term));
      return bare ? { fields: bare, factor: 0.85 } : null;
    };
    const votes: { term: string; place: number; pair: boolean; found: ReturnType<typeof lookup>; informative: number }[] = [];
    for (const [term, place] of header.terms) {
      const found = lookup(term);
      let informative = 0;
      if (found) {
        let sum = 0;
        let top = 0;
        for (const v of found.fields.values()) {
          sum += v;
          top = Math.max(top, v);
        }
        informative = top / sum;
      }
      votes.push({ term, place, pair: term.includes(' '), found, informative });
    }
    // A known pair says more than its two words apart ("tiêu chí" is a criterion, "tiêu" is not).
    const covered = new Set<string>();
    for (const v of votes) if (v.pair && (v.found || this.known.has(v.term))) for (const w of v.term.split(' ')) covered.add(w);
    // Places taken by informative words: a term's rank is how many such places come before it.
    const informativeAt = new Set(votes.filter((v) => v.informative >= 0.6).map((v) => v.place));
    const rank = (place: number) => [...informativeAt].filter((p) => p < place).length;
    const byWords = new Map<string, number>();
    let total = 0;
    for (const v of votes) {
      if (!v.pair && covered.has(v.term)) continue;
      const weight = (v.pair ? 2 : 1) * placeWeight(rank(v.place));
      if (v.found) {
        // A word the wordings use only far from their head (a modifier) votes weakly.
        let sum = 0;
        let top = 0;
        for (const x of v.found.fields.values()) {
          sum += x;
          top = Math.max(top, x);
        }
        const strength = top;
        total += weight * (strength * v.informative + (1 - strength) * WEIGHTS.unknown);
        for (const [f, x] of v.found.fields) byWords.set(f, (byWords.get(f) ?? 0) + (weight * strength * v.informative * v.found.factor * x) / sum);
      } else if (this.known.has(v.term)) {
        total += weight;
      } else if (!v.pair) {
        total += weight * WEIGHTS.unknown;
      }
    }
    const out: FieldScore[] = [];
    for (const field of index.fields) {
      const fromWords = total > 0 ? (byWords.get(field) ?? 0) / total : 0;
      const score = Math.max(byWording.get(field) ?? 0, WEIGHTS.wordsFactor * fromWords);
      if (score > 0) out.push({ field, score: Math.round(score * 1000) / 1000 });
    }
    return out.sort((a, b) => b.score - a.score);
  }
}
