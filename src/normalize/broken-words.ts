/**
 * Words and numbers a narrow column broke across two lines: a PDF producer (or the page an OCR
 * engine reads) breaks a word wider than its column wherever the column ends ("Mứ" / "c 2",
 * "Gh" / "i chú", "đồng/nă" / "m", "250,00" / "0,000 đồng"). These rules say, from the text alone,
 * whether the end of one line and the start of the next are one word; the table builder asks only
 * when the first line ends at its cell's right edge, the one place such a break happens.
 */
import { OWNER_ABBREVIATION_FORMS } from './owner-roles.js';
import { isSyllableStart, isVietnameseSyllable, syllableKey } from './syllables.js';
import { continuesNumber, SIZE_ONLY_LETTERS, stripAccents } from './text.js';

const TRAILING_LETTERS = /[\p{L}\p{M}]+$/u;
const LEADING_LETTERS = /^[\p{L}\p{M}]+/u;

/**
 * Whether `before` (a line) and `after` (the next line) meet inside one word, so they join
 * without a space. Letters: the two pieces join into one Vietnamese syllable and are not both
 * syllables already ("Mứ" + "c" → "Mức", "hoạ" + "ch" → "hoạch"), or the second is a lower-case
 * vowel-led piece that is no word of its own here ({@link cutBeforeVowel}: "giá" + "o" → "giáo";
 * "bảo đảm" + "an toàn" keeps its space); capitals that join into
 * a known abbreviation ("T" + "T", "TTC" + "M"). Digits: see
 * {@link continuesNumber}, a year cut after its first digits ("2024-20" + "25"), a criterion code
 * cut at its dot ({@link continuesCode}). Anything else (names, abbreviations) keeps its space.
 */
export function joinsBrokenWord(before: string, after: string): boolean {
  const end = before.trimEnd();
  const start = after.trimStart();
  // "GD&Đ" / "T": capitals around an ampersand ("GD&ĐT") cut after it.
  if (/&\p{Lu}{1,2}$/u.test(end) && /^\p{Lu}{1,2}(?!\p{L})/u.test(start)) return true;
  const left = TRAILING_LETTERS.exec(end)?.[0];
  const right = LEADING_LETTERS.exec(start)?.[0];
  if (left != null && right != null) {
    // A compound the documents abbreviate is one word; of two halves that are abbreviations too,
    // only short ones ("CM" / "HS" → "CMHS", "GV" / "CN" → "GVCN") were cut by the edge: "BĐD" /
    // "CMHS" is how authors write it, a space between.
    if (isAbbreviation(left + right)) return !(isAbbreviation(left) && isAbbreviation(right)) || (left.length <= 2 && right.length <= 2);
    if (!isVietnameseSyllable(left + right)) return false;
    if (!(isVietnameseSyllable(left) && isVietnameseSyllable(right))) return true;
    return cutBeforeVowel(right);
  }
  return (
    continuesNumber(end, start, '.,') ||
    completesYear(end, start) ||
    continuesCode(end, start) ||
    continuesDigits(end, start) ||
    // Punctuation that never follows a space ("Chi đoàn" / ", Tổ"), and "GD&" / "ĐT".
    /^[,;:.)!?…]/u.test(start) ||
    /\p{L}&$/u.test(end) ||
    (/\p{L}$/u.test(end) && /^&\p{L}/u.test(start))
  );
}

/**
 * A line of digits alone that a very narrow column cut: a row number ("1" / "0" → "10") or a
 * year ("202" / "1" → "2021"). The first line is nothing but one to three digits, the second
 * starts with the rest (not a grouped number), and the join is at most three digits or a year.
 */
function continuesDigits(before: string, after: string): boolean {
  if (!/^\d{1,3}$/.test(before)) return false;
  const rest = /^(\d{1,3})(?![\d.,])/.exec(after)?.[1];
  if (rest == null) return false;
  const joined = before + rest;
  return joined.length <= 3 || (joined.length === 4 && /^(?:19|20)/.test(joined));
}

/**
 * A criterion code a narrow column cut ("Tiêu chí 1." + "1", "1" + ".4", "(2." + "3)"): the first
 * piece is the line's only word or follows a code's label ("Tiêu chí", "TC", "("), the second
 * starts with the rest of the code and nothing more of a number, and the join is a code that can
 * exist (standard 1–5, criterion 1–20). Anything else keeps its break.
 */
function continuesCode(before: string, after: string): boolean {
  // "Tiêu chí 1.1" / "0": a two-digit criterion cut after its first digit; the second line is that
  // digit alone (or with the code's closing dot or colon), so no other reading is left.
  const whole = /(?:^|(?:ti[eê]u\s*ch[ií]|tc)\s*|\()([1-5])\s*\.\s*([12])$/iu.exec(before);
  if (whole) {
    const digit = /^(\d)\s*[.:)]?$/.exec(after)?.[1];
    return digit != null && Number(whole[2] + digit) <= 20;
  }
  const first = /(?:^|(?:ti[eê]u\s*ch[ií]|tc)\s*|\()(\d{1,2})\s*(\.?)$/iu.exec(before);
  if (!first) return false;
  const second = (first[2] ? /^(\d{1,2})(?![\d,]|\.\d)/ : /^\.\s*(\d{1,2})(?![\d,]|\.\d)/).exec(after);
  if (!second) return false;
  const standard = Number(first[1]);
  const criterion = Number(second[1]);
  return standard >= 1 && standard <= 5 && criterion >= 1 && criterion <= 20;
}

/**
 * Vowel-led syllables that stand as words of their own in these documents ("ăn bán trú",
 * "an toàn", "ứng dụng", "ưu tiên"): after a line that ends one syllable they keep their space.
 */
const STANDALONE_VOWEL_WORDS: ReadonlySet<string> = new Set(
  ['ý', 'an', 'anh', 'ai', 'ăn', 'ấy', 'âm', 'ấm', 'em', 'ích', 'in', 'ít', 'ông', 'ổn', 'ở', 'ơn', 'uống', 'ủy', 'ủng', 'ưu', 'ứng', 'ước', 'ảnh', 'áo', 'yêu', 'yếu', 'ảo', 'ưa', 'ao'].map(syllableKey),
);

/**
 * Two syllables that also make one ("giá" / "o" → "giáo", "Hộ" / "i" → "Hội", "du" / "y" →
 * "duy", "tho" / "át" → "thoát"): the line was cut inside the word when the second piece is lower
 * case, has no initial consonant and is not a vowel-led word these documents use on its own; a
 * break at a space before "ăn", "an toàn", "ứng dụng" keeps its space ("nhân viên" + "y tế" never
 * makes a syllable).
 */
function cutBeforeVowel(right: string): boolean {
  if (right !== right.toLowerCase()) return false; // a name ("Hoàng Thị" / "An")
  const key = syllableKey(right);
  return /^[aăâeêioôơuưy]/u.test(key) && !STANDALONE_VOWEL_WORDS.has(key);
}

/** Capitals these documents abbreviate with: the row number's "TT"/"STT", "CMHS" (cha mẹ học sinh) and the owners' roles. */
const ABBREVIATIONS: ReadonlySet<string> = new Set(['TT', 'STT', 'CMHS', ...[...OWNER_ABBREVIATION_FORMS].filter((f) => /^\p{Lu}+$/u.test(f))]);

function isAbbreviation(letters: string): boolean {
  return ABBREVIATIONS.has(letters);
}

/**
 * A year the column cut: "2024-20" + "25", "9/20" + "24". The first piece ends with a year begun
 * after "-" or "/" (fewer than four digits), the second starts with the digits that make it four
 * and no more.
 */
function completesYear(before: string, after: string): boolean {
  const begun = /(?:(?:^|[^\d])\d{1,4}|\b[IV]{1,3}|[Qq]u[ýy]\s*\d)\s*[-–/](\d{1,3})$/u.exec(before)?.[1];
  const rest = /^(\d+)(?![\d.,])/.exec(after)?.[1];
  return begun != null && rest != null && begun.length + rest.length === 4 && /^(?:19|20)/.test(begun + rest);
}

/**
 * A cell's lines (top to bottom) with the words a narrow column broke mended: a line that runs to
 * the cell's right edge (`atEdge[i]`, from the geometry) joins the next without a space when the
 * two meet inside a word ({@link joinsBrokenWord}). A syllable cut in three or more ("Th" / "ườ" /
 * "ng") joins when each middle line is letters alone, runs to the edge too, and begins a syllable
 * that the last piece completes.
 */
export function mendBrokenLines(lines: readonly string[], atEdge: readonly boolean[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    let text = lines[i];
    let k = i;
    while (atEdge[k] && k + 1 < lines.length) {
      const n = continuation(text, lines, atEdge, k + 1);
      if (n === 0) break;
      for (let m = 1; m <= n; m++) text += lines[k + m].trim();
      k += n;
    }
    out.push(text);
    i = k + 1;
  }
  return out;
}

/** How many lines from `from` on continue the word `text` ends with (0: none). */
function continuation(text: string, lines: readonly string[], atEdge: readonly boolean[], from: number): number {
  if (joinsBrokenWord(text, lines[from])) return 1;
  let word = TRAILING_LETTERS.exec(text.trimEnd())?.[0];
  if (word == null) return 0;
  for (let k = from; k + 1 < lines.length && atEdge[k]; k++) {
    const middle = lines[k].trim();
    if (!/^[\p{L}\p{M}]+$/u.test(middle)) return 0;
    word += middle;
    if (!isSyllableStart(word)) return 0;
    const right = LEADING_LETTERS.exec(lines[k + 1].trimStart())?.[0];
    if (right != null && isVietnameseSyllable(word + right)) return k + 2 - from;
  }
  return 0;
}

/**
 * A space an OCR engine read one letter off ("chính quyề nđịa phương", "Đượ cđầu tư"): two
 * neighbouring words that are neither of them Vietnamese syllables, and become two when the
 * letter next to the space crosses it, are mended so. Words that are syllables already, or
 * would not both become ones, are left as read: the syllable list chooses between the two
 * readings the space allows, it invents nothing.
 */
export function mendShiftedSpaces(text: string): string {
  if (!text.includes(' ')) return text;
  const tokens = text.split(/( )/);
  const letters = /^[\p{L}\p{M}]+$/u;
  for (let i = 0; i + 2 < tokens.length; i += 2) {
    const a = tokens[i];
    const b = tokens[i + 2];
    if (!letters.test(a) || !letters.test(b) || a.length < 2 || b.length < 2 || isVietnameseSyllable(a) || isVietnameseSyllable(b)) continue;
    const [aFirst, bFirst] = [[...a], [...b]];
    const forward = [a + bFirst[0], bFirst.slice(1).join('')];
    const back = [aFirst.slice(0, -1).join(''), aFirst.at(-1) + b];
    const fits = [forward, back].filter(([x, y]) => isVietnameseSyllable(x) && isVietnameseSyllable(y));
    if (fits.length !== 1) continue;
    [tokens[i], tokens[i + 2]] = fits[0];
  }
  return tokens.join('');
}

/**
 * A letter whose capital differs from it only in size (c, o, s, v, w, x, z) read as the capital
 * at the end of a lower-case word ("ĐượC", "ThựC"): the small letter it is.
 */
export function mendCaseLookAlikes(text: string): string {
  const mended = text.replace(CAPITAL_ENDING_WORD, (c) => c.toLowerCase());
  // So is a word of that one letter between two words in small letters ("hiệu trưởng Ở mức"):
  // a name's capital comes with capitals after it ("xã Ô Lâm").
  return LONE_LETTER_HINT.test(mended) ? mended.normalize('NFD').replace(LONE_CAPITAL_WORD, (c) => c.toLowerCase()).normalize('NFC') : mended;
}

const LONE_LETTER_HINT = new RegExp(`[${SIZE_ONLY_LETTERS.toUpperCase()}ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ]`, 'u');
const LONE_CAPITAL_WORD = new RegExp(`(?<=\\p{Ll}\\p{M}* )[${SIZE_ONLY_LETTERS.toUpperCase()}]\\p{M}*(?= \\p{Ll})`, 'gu');

const CAPITAL_ENDING_WORD = new RegExp(`(?<=[\\p{L}][\\p{Ll}\\p{M}]+)[${SIZE_ONLY_LETTERS.toUpperCase()}](?![\\p{L}\\p{N}])`, 'gu');

/**
 * A letter a scan read twice, the second time as a capital with other marks ("Mường ẢẲng",
 * "TỏỎa Tình"): a capital inside a word in lower case, after the same letter, is dropped. Words
 * in capitals ("LƯU") and pairs no capital is part of ("lưu", "Noong") are left alone.
 */
export function dropDoubledCapitals(text: string): string {
  return text.replace(/(\p{L})(\p{Lu})(?=\p{Ll})/gu, (pair, first: string, second: string) =>
    stripAccents(first).toLowerCase() === stripAccents(second).toLowerCase() ? first : pair,
  );
}

/** The vowel marks a scan loses from a letter (in NFD, each a combining mark after it), and "đ". */
const SHAPE_MARKS: Record<string, string[]> = { a: ['\u0306', '\u0302'], e: ['\u0302'], o: ['\u0302', '\u031B'], u: ['\u031B'] };
const HAS_SHAPE = /[\u0302\u0306\u031B]/u;

/**
 * A word that is no Vietnamese syllable, but is one with the vowel mark a scan lost from its
 * capital put back ("Uu tiên" → "Ưu tiên", "Dội" stays: a syllable already): the one such
 * syllable, when there is exactly one. The syllable list chooses; words it cannot settle, and the
 * small letters of names it does not hold ("Hẹt"), are left as read.
 */
export function mendLostVowelMarks(text: string): string {
  return text.replace(/[\p{L}\p{M}]{2,7}/gu, (word) => {
    // A capitalised word ("Uu"), not one in capitals ("TRUONG"): its first letter is the capital.
    // Or a word in small letters ("tien"): no name, so any of its letters may have lost its mark.
    const capitalised = /^\p{Lu}[\p{Ll}\p{M}]+$/u.test(word.normalize('NFC'));
    if (isVietnameseSyllable(word) || !(capitalised || /^[\p{Ll}\p{M}]+$/u.test(word))) return word;
    const letters = word.normalize('NFD').match(/\p{L}\p{M}*/gu) ?? [];
    const found = new Set<string>();
    letters.forEach((letter, i) => {
      // A capital's marks are the small ones a scan loses ("Ư" read "U"); a small letter's change
      // inside a name the list does not hold ("Hẹt") would be a guess.
      if (HAS_SHAPE.test(letter) || (capitalised && (i > 0 || letter[0] === letter[0].toLowerCase()))) return;
      const base = letter[0];
      const lower = base.toLowerCase();
      const options = lower === 'd' ? [base === 'd' ? 'đ' : 'Đ'] : (SHAPE_MARKS[lower] ?? []).map((m) => base + m + letter.slice(1));
      for (const option of options) {
        const candidate = [...letters.slice(0, i), option, ...letters.slice(i + 1)].join('').normalize('NFC');
        if (isVietnameseSyllable(candidate)) found.add(candidate);
      }
    });
    return found.size === 1 ? [...found][0] : word;
  });
}

/** A speck standing alone between words ("Giữ ~ vững", "Đã có . kế hoạch"): marks no text uses alone. */
export function dropLoneSpecks(text: string): string {
  // A stop or comma standing alone ("Đã có . kế hoạch", "bài học STEM .") is one too: typed text
  // puts its stops against the word before.
  return text.replace(/(?<=^|\s)[~`^¬|_¦]+(?:\s+|$)/gu, '').replace(/\s+[.,](?=\s|$)/gu, '').trim();
}
