/**
 * What tesseract does to Vietnamese words that the words themselves show, fixed without choosing
 * a single letter the engine did not read:
 *
 * - a speck read as a stop inside a sentence ("Ban. đại diện", "chủ đề. STEM" is left alone): a
 *   word of letters ending in one stop, followed on its line, or first on the next line of its
 *   cell or paragraph ({@link dropStrayStops}), by a word in lower case;
 * - the case of a marked capital (the model reads "Ổ" for "ổ" more than any other letter): "bỘ",
 *   "thựC" inside a lower-case word, "HỘi" after its capital, and "TỔ chuyên môn", a short word all in capitals with a
 *   marked vowel, not an abbreviation, before a lower-case word;
 * - spaces the engine lost between syllables ("HọckỳI", "nămhọc", "Từtháng"): a word that is no
 *   syllable but splits one way only into the fewest syllables of the hunspell list, and is
 *   marked (a tone, a vowel mark, "đ"), since an unmarked run ("thuong", "Noong") is a misread
 *   syllable or a name, not two;
 * - a space one or two letters off ("quyề nđịa" → "quyền địa"): two neighbours, neither a
 *   syllable, that both are once the letters move across;
 * - an em dash, which these documents do not use, for the en dash the model reads as one;
 * - a hook read over the "i" of "chi" where only "chi" makes a phrase: "Chi đoàn", "Chi bộ",
 *   "chi thường xuyên", "chi tiêu nội bộ", "chi tiết" (a branch of the Youth Union or the Party,
 *   recurrent and internal spending, "in detail"); "chỉ đoàn", "chỉ tiết" are no phrases, while
 *   "chỉ đạo", "chỉ tiêu" are left alone ({@link CHI_BEFORE});
 * - a final "g" read as a lone digit after its word ("trưởn 5"), given back where the word alone
 *   is no syllable and takes it to be one ({@link finalGBack}).
 *
 * Measured on the generated scan corpus before keeping (npm run eval -- --corpus).
 */
import { isSyllableStart, isVietnameseSyllable } from '../../normalize/syllables.js';

/** A word of one OCR line, left to right, with the share of its box each piece takes if split. */
export interface LineWord {
  text: string;
}

/** The longest syllable ("nghiêng", "khuyếch") in letters. */
const MAX_SYLLABLE = 7;
/**
 * A tone, a vowel mark or "đ": an unmarked run is a misread syllable ("thuong") or a name that is
 * no Vietnamese syllable ("Noong Hẹt"), not two syllables.
 */
const MARKED = /[^\p{ASCII}]/u;

/**
 * The words of one line with the fixes above: each input word gives one or more texts (a split
 * gives several), in order.
 */
export function fixLineWords(words: readonly LineWord[]): string[][] {
  const texts = chiBefore(moveBoundaries(words.map((w) => w.text)));
  return texts.map((word, i) => {
    const next = texts[i + 1];
    const lowerNext = next != null && /^\p{Ll}/u.test(next);
    let text = word.replace(/—/g, '–');
    if (lowerNext && /^\p{L}{2,}\.$/u.test(text)) text = text.slice(0, -1);
    text = fixCase(text, lowerNext);
    return splitSyllables(text);
  });
}

/** Words after which "chỉ" can only be "chi" (the hook a speck): the phrases of {@link fixLineWords}. */
const CHI_BEFORE: readonly string[][] = [['đoàn'], ['bộ'], ['thường', 'xuyên'], ['tiêu', 'nội', 'bộ'], ['tiết']];

/** "Chỉ đoàn" → "Chi đoàn", case kept; see {@link CHI_BEFORE}. */
function chiBefore(texts: string[]): string[] {
  const bare = (t: string | undefined) => t?.toLowerCase().replace(/[^\p{L}]+$/u, '');
  return texts.map((t, i) =>
    /^[Cc]hỉ$/.test(t) && CHI_BEFORE.some((after) => after.every((w, k) => bare(texts[i + 1 + k]) === w)) ? t.replace('ỉ', 'i') : t,
  );
}

/** "bỘ" → "bộ"; "HỘi" → "Hội"; "TỔ" (before a lower-case word) → "Tổ". */
function fixCase(text: string, lowerNext: boolean): string {
  const m = /^(\p{L}+)(\P{L}*)$/u.exec(text);
  if (!m) return text;
  const [, letters, tail] = m;
  const lower = letters.toLowerCase();
  if (/^\p{Ll}+\p{Lu}[\p{L}]*$/u.test(letters) && isVietnameseSyllable(lower)) return lower + tail;
  // "HỘi", "TỔng": a capital's marked vowel read as a capital inside a word that goes on in lower case.
  if (/^\p{Lu}{2,}\p{Ll}+$/u.test(letters) && isVietnameseSyllable(lower)) return letters[0] + lower.slice(1) + tail;
  if (
    lowerNext &&
    letters.length >= 2 &&
    letters.length <= 4 &&
    letters === letters.toUpperCase() &&
    /[^\p{ASCII}]/u.test(letters.replace(/Đ/g, '')) &&
    isVietnameseSyllable(lower)
  ) {
    return letters[0] + lower.slice(1) + tail;
  }
  return text;
}

/** A word that lost the spaces between its syllables, split; otherwise the word alone. */
function splitSyllables(text: string): string[] {
  const m = /^(\(?)(\p{L}+)(\P{L}*)$/u.exec(text);
  if (!m) return [text];
  const [, lead, letters, tail] = m;
  // A syllable's beginning ("Tiê") is the first piece of a word a narrow column broke: the table
  // builder joins it to the next line.
  if (letters.length < 3 || letters.length > MAX_SPLIT || !/\p{Ll}/u.test(letters) || !MARKED.test(letters)) return [text];
  if (isVietnameseSyllable(letters) || isSyllableStart(letters)) return [text];
  const pieces = onlySplit(letters);
  if (!pieces) return [text];
  return pieces.map((p, k) => (k === 0 ? lead : '') + p + (k === pieces.length - 1 ? tail : ''));
}

/** A Roman numeral in capitals ("Học kỳ II", "Quý IV"): a piece of its own, though no syllable. */
const ROMAN = /^[IVX]{1,4}$/;
/** Longer runs are not words that lost a space or two. */
const MAX_SPLIT = 24;

/**
 * The split of `letters` into the fewest syllables, when exactly one split has that many. Pieces
 * of one letter ("a", "ê", "y") fit almost anywhere, so none is allowed but a Roman numeral
 * ("HọckỳI" → "Học kỳ I").
 */
function onlySplit(letters: string): string[] | null {
  const splits: string[][] = [];
  const walk = (at: number, pieces: string[]) => {
    if (splits.length > 8) return;
    if (at === letters.length) {
      if (pieces.length >= 2) splits.push(pieces);
      return;
    }
    for (let end = Math.min(letters.length, at + MAX_SYLLABLE); end > at; end--) {
      const piece = letters.slice(at, end);
      if (ROMAN.test(piece) || (piece.length >= 2 && isVietnameseSyllable(piece))) walk(end, [...pieces, piece]);
    }
  };
  walk(0, []);
  if (splits.length === 0) return null;
  const fewest = Math.min(...splits.map((p) => p.length));
  let best = splits.filter((p) => p.length === fewest);
  // "Inăm": "I năm" (a term's numeral, as in "Học kỳ I năm học") before "In ăm".
  if (best.length > 1) best = best.filter((p) => p.some((piece) => ROMAN.test(piece)));
  return best.length === 1 ? best[0] : null;
}

/** Neighbouring words whose space the engine put a letter or two off, the space moved back. */
function moveBoundaries(texts: string[]): string[] {
  const out = [...texts];
  for (let i = 0; i + 1 < out.length; i++) {
    const a = /^\p{L}+$/u.exec(out[i])?.[0];
    const b = /^\p{L}+/u.exec(out[i + 1])?.[0];
    if (!a || !b || isVietnameseSyllable(a) || isVietnameseSyllable(b)) continue;
    const rest = out[i + 1].slice(b.length);
    const joined = a + b;
    const fits: number[] = [];
    for (let k = Math.max(1, a.length - 2); k <= Math.min(joined.length - 1, a.length + 2); k++) {
      if (k !== a.length && isVietnameseSyllable(joined.slice(0, k)) && isVietnameseSyllable(joined.slice(k))) fits.push(k);
    }
    if (fits.length !== 1) continue;
    out[i] = joined.slice(0, fits[0]);
    out[i + 1] = joined.slice(fits[0]) + rest;
  }
  return out;
}

/**
 * A block's lines (a cell's, a paragraph's) with the fixes a line alone cannot see: a "chỉ" that
 * ends one line before "tiêu nội bộ" (or another {@link CHI_BEFORE} phrase) on the next is "chi",
 * as within a line; a marked capital word ending a line before a lower-case one ("TỔ" / "trưởng")
 * takes the case of {@link fixCase}; and the stray stops of {@link dropStrayStops}.
 */
export function fixBlockLines(lines: readonly string[]): string[] {
  return finalGBack(dropStrayStops(caseAcrossLines(chiAcrossLines(lines))));
}

/**
 * A final "g" (with the comma after it) read as a digit apart ("Phó hiệu trươn 8 PHT", "Tổ trưởn
 * 5", in a narrow column each word on its own line): a word that is no syllable, followed by a
 * lone 5, 8 or 9, takes the "g" back when that makes it one ("trươn" → "trương"), and the comma
 * when a capital follows (the next name of a list). A syllable before a digit is left alone
 * ("Ngữ văn 8", "lần 5"): only a word the engine could not have meant changes.
 */
export function finalGBack(lines: readonly string[]): string[] {
  const words = lines.flatMap((line, at) => line.split(' ').map((text) => ({ text, at })));
  let changed = false;
  for (let i = 0; i + 1 < words.length; i++) {
    const [word, digit, next] = [words[i].text, words[i + 1].text, words[i + 2]?.text];
    if (!/^[589]$/.test(digit) || !/^\p{L}+$/u.test(word) || isVietnameseSyllable(word.toLowerCase()) || !isVietnameseSyllable(`${word}g`.toLowerCase())) continue;
    words[i].text = `${word}g${next != null && /^\p{Lu}/u.test(next) ? ',' : ''}`;
    words.splice(i + 1, 1);
    changed = true;
  }
  if (!changed) return [...lines];
  return lines.map((_, at) => words.filter((w) => w.at === at).map((w) => w.text).join(' ')).filter((line, at) => line !== '' || lines[at] === '');
}

/** "TỔ" ending one line before "trưởng chuyên môn" on the next: the case fix of a word before a lower-case word. */
function caseAcrossLines(lines: readonly string[]): string[] {
  return lines.map((line, i) => {
    const next = lines[i + 1]?.trimStart();
    if (!next || !/^\p{Ll}/u.test(next)) return line;
    const cut = line.lastIndexOf(' ') + 1;
    return line.slice(0, cut) + fixCase(line.slice(cut), true);
  });
}

function chiAcrossLines(lines: readonly string[]): string[] {
  const words = lines.map((line) => line.split(' '));
  const flat = words.flat();
  const fixed = chiBefore(flat);
  if (fixed.every((w, i) => w === flat[i])) return [...lines];
  let k = 0;
  return words.map((ws) => ws.map(() => fixed[k++]).join(' '));
}

/**
 * A block's lines (a cell's, a paragraph's) with the stop dropped from a line that ends in a word
 * and a stop when the next line goes on in lower case ("chưa hoàn." / "thành"): the sentence did
 * not end there, a speck at the line's end did (a list's "a) …" is no such word). The words' own
 * fix cannot see the next line.
 */
export function dropStrayStops(lines: readonly string[]): string[] {
  return lines.map((line, i) => (i + 1 < lines.length && /(?:^|\s)\p{L}{2,}\.$/u.test(line) && /^\p{Ll}\p{L}/u.test(lines[i + 1].trimStart()) ? line.slice(0, -1) : line));
}
