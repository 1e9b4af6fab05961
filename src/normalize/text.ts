/**
 * Text folding shared by every rule. Vietnamese arrives in NFC and NFD, with tone marks placed on
 * different vowels ("hoà" / "hòa"), non-breaking spaces and stray control characters.
 */

/** NFC, every run of white space folded to one space, trimmed; empty → null. */
export function foldText(value: string | null | undefined): string | null {
  if (value == null) return null;
  const folded = value
    .normalize('NFC')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, '')
    // Every run of white space becomes one space; a lone plain space is left alone, so text that is
    // folded already (most calls: rules fold the cell texts they are given) is not rebuilt.
    .replace(/\s{2,}|[^\S ]/g, ' ')
    .trim();
  return folded === '' ? null : folded;
}

/**
 * A cell's lines as one text: joined with single spaces and folded, except where a line break
 * cut a number inside a thousands group ("250.000.00" / "0 đồng" is "250.000.000 đồng") or fell
 * after a hyphen: those breaks are layout, not spaces the author typed.
 */
export function joinLines(lines: readonly string[]): string | null {
  let out = '';
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    // Word processors wrap after a hyphen ("2020-" / "2021"); Vietnamese never hyphenates words,
    // so a hyphen stuck to the end of a line is the author's "2020-2021", not a space.
    if (out && (continuesNumber(out, line, '.') || /[\p{L}\p{N}][-–]$/u.test(out))) out += line;
    else out += (out ? ' ' : '') + line;
  }
  return foldText(out);
}

const TRAILING_NUMBER = /\d[\d.,]*$/;
const LEADING_NUMBER = /^[\d.,]*\d/;
/** Whole groups of three after the first, and maybe a last group still open. */
const GROUPING_SO_FAR: Record<string, RegExp> = {
  '.': /^\d{1,3}(?:\.\d{3})+(?:\.\d{0,2})?$/,
  ',': /^\d{1,3}(?:,\d{3})+(?:,\d{0,2})?$/,
};

/**
 * Whether the digits ending `before` and those starting `after` are one number cut in two: joined
 * they are a thousands grouping with one separator (taken from `separators`), at least one whole
 * group, and at most a last group still open for the next line ("250,00" + "0,000" →
 * "250,000,000"; "250.000.00" + "0"; "1.200." + "000.00"), while the two pieces are not both whole
 * numbers of their own ("1" + "2.000" stays apart; "25" + "0.000.000" joins, since no number
 * starts with a "0." group).
 */
export function continuesNumber(before: string, after: string, separators: string): boolean {
  const tail = TRAILING_NUMBER.exec(before)?.[0];
  const head = LEADING_NUMBER.exec(after)?.[0];
  if (tail == null || head == null) return false;
  const joined = tail + head;
  const sep = /[.,]/.exec(joined)?.[0];
  if (sep == null || !separators.includes(sep)) return false;
  if (!GROUPING_SO_FAR[sep].test(joined)) return false;
  return !(wholeNumber(tail) && wholeNumber(head));
}

/** A number that stands on its own: plain digits, or a thousands grouping, without a leading zero. */
function wholeNumber(text: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(text) || /^[1-9]\d{0,2}(?:(?:\.\d{3})+|(?:,\d{3})+)$/.test(text);
}

/**
 * Lower case without diacritics ("Tiêu chí" → "tieu chi", "Đ" → "d"): for matching wording the
 * author may have typed without accents or with tone marks in other places.
 */
export function stripAccents(value: string): string {
  // Character by character through a memo: this runs over whole documents for every rule that
  // matches wording, and normalising the whole string each time dominated extraction time. Short
  // strings (words, labels, headers) recur in document after document and are memoised too; long
  // lines are a document's own: across an archive they are rarely seen twice, and re-extracting
  // 10,000 documents took as long or longer with them memoised (npm run bench:store).
  let out = STRIPPED.get(value);
  if (out !== undefined) return out;
  out = '';
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    out += code < 128 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : value[i]) : foldChar(value[i]);
  }
  if (value.length <= STRIPPED_LONGEST) {
    // Bounded: a worker reads documents by the thousand, each with its own lines.
    if (STRIPPED.size >= STRIPPED_MAX) STRIPPED.clear();
    STRIPPED.set(value, out);
  }
  return out;
}

const STRIPPED = new Map<string, string>();
const STRIPPED_MAX = 20_000;
const STRIPPED_LONGEST = 40;

const FOLDED = new Map<string, string>();

function foldChar(c: string): string {
  let folded = FOLDED.get(c);
  if (folded === undefined) {
    folded = c.normalize('NFD').replace(/\p{M}+/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
    FOLDED.set(c, folded);
  }
  return folded;
}

/**
 * Canonical tone-mark placement for comparing ("hoà" and "hòa" are the same word): lower case,
 * NFC, and the old-style marks on "oa", "oe", "uy" moved to the second vowel.
 */
export function canonicalVietnamese(value: string): string {
  const nfd = value.normalize('NFD').toLowerCase();
  // A tone mark (not a vowel-shape mark) placed on the first vowel of oa/oe/uy moves to the second.
  const moved = nfd.replace(/([ou])([\u0300\u0301\u0303\u0309\u0323])([aey])(?![\p{L}])/gu, '$1$3$2');
  return moved.normalize('NFC');
}

/** Words of a text for matching: accents kept, lower case, punctuation dropped. */
export function words(value: string): string[] {
  return (value.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

/**
 * {@link stripAccents} that also says where each character came from: `source[i]` is the index
 * in `value` of the character that produced `text[i]` (plus one end entry, `value.length`). Rules
 * match on the accent-free text and then cut the original, accents kept, at the same places.
 */
export function stripAccentsIndexed(value: string): { text: string; source: number[] } {
  let text = '';
  const source: number[] = [];
  let index = 0;
  for (const char of value) {
    const folded = stripAccents(char);
    for (let k = 0; k < folded.length; k++) source.push(index);
    text += folded;
    index += char.length;
  }
  source.push(value.length);
  return { text, source };
}

/** `s` as a literal inside a regular expression. */
export function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Known phrases with the marks a scan changed put back: "Tổ trướng CM" → "Tổ trưởng CM", "Tống
 * phụ trách" → "Tổng phụ trách". A run of words whose letters, without marks, are a phrase's
 * (`phrases`: lower case, with marks, at least two words, so a single word's look-alikes are
 * never touched) takes the phrase's marks, keeping each word's capitals. Only for text read from
 * images, and only where the caller knows the phrases belong (an owner column's roles). The
 * phrases are prepared once: the function returned is what runs per cell.
 */
export function phraseMarksRestorer(phrases: readonly string[]): (text: string) => string {
  const byBare = phrases
    .map((p) => p.split(' '))
    .filter((p) => p.length >= 2)
    .sort((a, b) => b.length - a.length)
    .map((p) => ({ words: p, bare: p.map(stripAccents) }));
  return (text) => restoreKnownPhrases(text, byBare);
}

function restoreKnownPhrases(text: string, byBare: readonly { words: string[]; bare: string[] }[]): string {
  const words = [...text.matchAll(/\p{L}+/gu)].map((m) => ({ text: m[0], start: m.index!, bare: stripAccents(m[0]) }));
  const replace = new Map<number, string>();
  for (let i = 0; i < words.length; i++) {
    const hit = byBare.find((p) => p.bare.every((b, k) => words[i + k]?.bare === b && (k === 0 || adjacentWords(text, words[i + k - 1], words[i + k]))));
    if (!hit) continue;
    hit.words.forEach((w, k) => {
      const original = words[i + k].text;
      if (original.toLowerCase() === w) return;
      const cased = original === original.toUpperCase() && original.length > 1 ? w.toUpperCase() : /^\p{Lu}/u.test(original) ? w.charAt(0).toUpperCase() + w.slice(1) : w;
      replace.set(words[i + k].start, cased);
    });
    i += hit.words.length - 1;
  }
  if (replace.size === 0) return text;
  let out = '';
  let at = 0;
  for (const w of words) {
    const r = replace.get(w.start);
    if (r == null) continue;
    out += text.slice(at, w.start) + r;
    at = w.start + w.text.length;
  }
  return out + text.slice(at);
}

/** Two words of a phrase: only spaces between them. */
function adjacentWords(text: string, a: { start: number; text: string }, b: { start: number }): boolean {
  return /^\s+$/.test(text.slice(a.start + a.text.length, b.start));
}

/**
 * `marked`'s letters in the case of `read`, letter by letter ("Ảng" read as "ANG" → "ẢNG"): marks
 * from one spelling, case from another. `read` as it is when the two differ in length.
 */
export function inCaseOf(marked: string, read: string): string {
  const m = [...marked];
  const r = [...read];
  if (m.length !== r.length) return read;
  return m.map((ch, i) => (r[i] !== r[i].toLowerCase() ? ch.toUpperCase() : ch.toLowerCase())).join('');
}

/** Small letters shaped like their capitals, told apart by size alone: a scan reads one for the other. */
export const SIZE_ONLY_LETTERS = 'cosvwxz';

/** Whether two strings of one length differ in exactly one character ("1.4" and "1.1"): one digit misread. */
export function oneCharApart(a: string, b: string): boolean {
  return a.length === b.length && [...a].filter((ch, k) => ch !== b[k]).length === 1;
}

/** Whether `shorter` is `longer` with one character left out ("11" → "1", "20324" → "2024"): a digit a scan added or lost. */
export function oneCharLess(longer: string, shorter: string): boolean {
  if (longer.length !== shorter.length + 1) return false;
  for (let k = 0; k < longer.length; k++) if (longer.slice(0, k) + longer.slice(k + 1) === shorter) return true;
  return false;
}
