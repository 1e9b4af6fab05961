/**
 * Document metadata from the letterhead and the title: number (Số), place and date, school year,
 * school, school level, the circular cited, and whether the title says plan or report.
 *
 * A Vietnamese administrative document opens with two columns: the agency and school on the
 * left ("UBND HUYỆN …" / "TRƯỜNG …" / "Số 216/KH-…"), the national motto and "Place, ngày … tháng
 * … năm …" on the right; then the title ("KẾ HOẠCH" / "BÁO CÁO", the subject, "Năm học …").
 */
import {
  dropDoubledCapitals,
  findCircular,
  parsePlaceDate,
  parsePlaceOnly,
  parseSchoolYear,
  schoolLevelFromCircular,
  schoolLevelFromName,
} from '../normalize/index.js';
import { escapeRegExp, foldText, inCaseOf, oneCharLess, SIZE_ONLY_LETTERS, stripAccents } from '../normalize/text.js';
import type { DocumentMeta, Kind, SchoolLevel } from './contract.js';

export interface MetadataInput {
  /** Lines before the first data table, in reading order (paragraphs and letterhead cells). */
  front: string[];
  /** Every line of the document. */
  all: string[];
}

// "Số", or "SỐ" in a letterhead set in capitals (and as OCR often cases the Ố of a lower-case line).
const NUMBER = /(?:^|\s)[Ss][ốỐôÔ]\s*(?:[:.]\s*)?(\d+[\p{L}\d]*\s*\/\s*[\p{L}\d&.]+(?:\s*[-–]\s*[\p{L}\d&.]+)*)/u;

/** "Số 76/KH - THHM" → "76/KH-THHM". */
export function readNumber(lines: string[]): string | null {
  for (const [i, read] of lines.entries()) {
    // A narrow letterhead column wraps the code after its dash ("Số: 147/BC-" / "THCSBM").
    const line = /[-–]\s*$/.test(read) && /^[\p{Lu}\d&.]+$/u.test(lines[i + 1]?.trim() ?? '') ? `${read.trimEnd()}${lines[i + 1].trim()}` : read;
    // OCR sprinkles quote marks into codes ("85/KH-“THCSĐS"); no document number contains one.
    // OCR reads the slash of a bold "15/KH" as I, l or |, or adds one ("15IKH-MNHB", "15/IKH"):
    // between the number and the kind of document (KH, BC) only a slash stands.
    // It also drops that slash ("33BC-MNTX"), or reads it as a fraction slash ("133⁄KH"); and
    // "Số" loses its acute ("Sô: 7/BC-TH3TX").
    const cleaned = line
      .normalize('NFC')
      .replace(/[“”"'‘’`]/g, '')
      .replace(/[⁄∕／]/gu, '/')
      // "233⁄/BC": the slash read twice, once as a fraction slash.
      .replace(/\/{2,}/g, '/')
      .replace(/([Ss][ốỐôÔ]\s*[:.]?\s*\d+)\s*(?:[Il|]\s*\/?|\/\s*[Il|])?\s*(?=KH|BC)/u, '$1/');
    const m = NUMBER.exec(cleaned);
    if (m) return m[1].replace(/\s*([/\-–])\s*/g, (_, sep: string) => (sep === '–' ? '-' : sep)).replace(/\.$/, '');
  }
  return null;
}

/** The title's kind: "KẾ HOẠCH …" → plan, "BÁO CÁO …" → report; null when no title is found. */
export function titleKind(lines: string[]): Kind | null {
  for (const line of lines) {
    const bare = stripAccents(line).replace(/\s+/g, ' ').trim();
    if (/^ke hoach\b/.test(bare) && line === line.toUpperCase()) return 'plan';
    if (/^bao cao\b/.test(bare) && line === line.toUpperCase()) return 'report';
  }
  for (const line of lines) {
    const bare = stripAccents(line).replace(/\s+/g, ' ').trim();
    if (/^ke hoach cai tien\b/.test(bare)) return 'plan';
    if (/^bao cao (ket qua|thuc hien)\b/.test(bare)) return 'report';
  }
  return null;
}

/**
 * "NĂM HỌC 20324 - 2025": a speck read as one more digit in a year. Two years a school year
 * apart are what such a line holds, so the five-digit one is taken as the year that one digit
 * less gives, when that is the other year minus (or plus) one; else the line is left as read.
 */
export function withoutSpeckDigit(line: string): string {
  return line.replace(/(\d{4,5})(\s*[-–]\s*)(\d{4,5})/g, (all, a: string, gap: string, b: string) => {
    if (a.length + b.length !== 9) return all;
    const five = a.length === 5 ? a : b;
    const other = Number(a.length === 5 ? b : a);
    const wanted = String(a.length === 5 ? other - 1 : other + 1);
    if (!oneCharLess(five, wanted)) return all;
    return a.length === 5 ? `${wanted}${gap}${b}` : `${a}${gap}${wanted}`;
  });
}

/**
 * "NĂM HỌC 2021 2022": the dash between a school year's two years lost in a scan. After "năm học"
 * two years one apart can only be that school year.
 */
export function withLostDash(line: string): string {
  return line.replace(/(n[aăâ]m\s+h[oọ]c\s+)(\d{4})\s+(\d{4})(?!\d)/giu, (all, lead: string, a: string, b: string) =>
    Number(b) === Number(a) + 1 ? `${lead}${a}-${b}` : all,
  );
}

function schoolYearOf(front: string[]): string | null {
  const title = front.findIndex((l) => /^(ke hoach|bao cao)\b/.test(stripAccents(l).trim()));
  if (title >= 0) {
    const lines = front.slice(title, title + 5);
    for (const [i, line] of lines.entries()) {
      // A title wrapped inside its school year ("… NĂM HỌC 2025 -" / "2026") reads across the break.
      const year =
        parseSchoolYear(line) ??
        (i + 1 < lines.length ? parseSchoolYear(`${line} ${lines[i + 1]}`) : null) ??
        parseSchoolYear(withoutSpeckDigit(line)) ??
        parseSchoolYear(withLostDash(line));
      if (year) return year;
    }
  }
  for (const line of front) {
    const year = parseSchoolYear(line);
    if (year) return year;
  }
  return null;
}

// "TRƯƠNG", "TRUÒNG": the mark of "TRƯỜNG" a scan misread.
const SCHOOL_START = /^tr[uưứừ][oờơớóòỏ]ng(?:\s|$)/iu;
// The number line ("Số: 108/KH-…") also ends the name; "SỐ 2 XÃ …" goes on with it (readNumber).
const SKIP_AFTER = /^(c[ộo]ng h[òo]a|độc lập|doc lap|-+$|k[ếe] ho[ạa]ch\b|b[áa]o c[áa]o\b)/iu;
/** A school name wraps over at most three letterhead lines. */
const MAX_SCHOOL_LINES = 3;

/**
 * The school's name as the letterhead prints it (usually in capitals), lines joined: a name in
 * capitals goes on over the following lines in capitals (a narrow letterhead column wraps a long
 * name over two or three lines), up to the number line, the motto, a title or a line in lower case.
 */
function letterheadSchool(front: string[]): string | null {
  for (let i = 0; i < Math.min(front.length, 20); i++) {
    // A speck or quote a scan put before the name ('"TRƯỜNG THPT') is no part of it.
    let line = foldText(front[i]?.replace(/^[\s"'“”‘’`.,:;]+/u, ''));
    if (!line || !SCHOOL_START.test(line)) continue;
    // A letterhead line in capitals ending in a stop ("TRƯỜNG PTDTBT TIỂU HỌC." over "SƠN CA"):
    // a speck, not the end of a sentence.
    if (inCapitals(line)) line = line.replace(/\s*[.;,]+$/u, '');
    // A letterhead names the school with a capital; "trường và địa phương." is a body sentence
    // wrapped at "trường" (a document with no letterhead), not a school.
    if (line.length > 90 || /^\p{Ll}/u.test(line) || /[.;,]$/.test(line)) continue;
    let name = line;
    for (let k = i + 1; k < i + MAX_SCHOOL_LINES && inCapitals(name); k++) {
      const next = foldText(front[k])?.replace(/\s*[.;,]+$/u, '');
      if (!next || !inCapitals(next) || SKIP_AFTER.test(next) || readNumber([next]) || next.length >= 60 || !/\p{L}/u.test(next)) break;
      name = `${name} ${next}`;
    }
    // "TRƯỜNG" on a line of its own names the school with the capitals under it ("THPT XÃ POM
    // LÓT"), or names none.
    if (!/\s/.test(name)) continue;
    return name;
  }
  return null;
}

/** Small letters shaped like their capitals (a scan reads "CƠ SỞ" as "Cơ sơ"). */
const CAPITAL_LOOK_ALIKES = new RegExp(`[${SIZE_ONLY_LETTERS}ơóòỏõọớờởỡợôốồổỗộ]`, 'u');

/** Whether a line is in capitals, counting the small letters a scan may have read for them. */
function inCapitals(line: string): boolean {
  // A word the scan garbled into digits and signs ("F1u+ø" for "PTDTBT") says nothing of the case.
  const words = line.split(/\s+/).filter((w) => !/[^\p{L}&.,:;-]/u.test(w));
  return words.every((w) => [...w].every((ch) => ch === ch.toUpperCase() || CAPITAL_LOOK_ALIKES.test(ch)));
}

/**
 * The school's name as the body writes it ("… của Trường mầm non số 2 xã Thanh Yên"), found by
 * the letterhead's words, so its casing is the author's own; else the letterhead in sentence case.
 */
function schoolName(front: string[], all: string[]): string | null {
  const head = letterheadSchool(front);
  if (!head) return null;
  const headWords = head.split(' ');
  const letterheadWords = new Set(front.slice(0, 20).flatMap((l) => stripAccents(l.toLowerCase()).split(/[^a-z0-9]+/)));
  const text = all.join('\n').normalize('NFC');
  const lower = text.toLowerCase();
  if (lower.length === text.length) {
    // The letterhead's own lines are no mention of it, even where a garbled word is in lower case.
    const mentions = wordRuns(lower, headWords.map((w) => w.toLowerCase()), LETTER)
      .map(([a, b]) => text.slice(a, nameEnd(text, a, b, letterheadWords)).replace(/\s+/g, ' '))
      .filter((m) => !inCapitals(m) && m !== head);
    // "Trường …" with a capital is the author naming the school; "trường …" mid-sentence is looser.
    const named = mentions.find((m) => m.startsWith('T')) ?? mentions[0];
    if (named) return capitalise(named);
  }
  // Accent-insensitive: bodies are often typed with a different tone mark than the letterhead.
  const bare = stripAccents(text);
  if (bare.length === text.length) {
    for (const [a, b] of wordRuns(bare, headWords.map(stripAccents), ASCII_LETTER)) {
      const original = text.slice(a, nameEnd(text, a, b, letterheadWords));
      if (!inCapitals(original) && original.replace(/\s+/g, ' ') !== head) return capitalise(original.replace(/\s+/g, ' '));
    }
  }
  // A letterhead misread by OCR ("TRƯỜNG FLU1LIBL TIỂU HỌC …"): a body mention that differs in one word.
  const fuzzy = nearMention(text, headWords);
  if (fuzzy) return fuzzy;
  return sentenceCase(head);
}

const LETTER = /\p{L}/u;

/**
 * Capitalised words going on after a mention, on its line or the next ("… Tiểu học Sao" + " Mai,"),
 * after the commune or ward they name, if written ("… Tiểu học" + " xã Quài Tở").
 */
const NAME_GOES_ON = /^(?:\s+(?:xã|phường|thị trấn))?(?:\s+\p{Lu}\p{Ll}*(?![\p{L}\p{N}]))+/u;
const PLACE_KIND = /^(?:xã|phường|thị|trấn)$/u;
/** At most this many words are added to a mention: a school's name ("Chu Văn An", "Phan Đình Giót"), not a sentence. */
const MAX_NAME_WORDS_ADDED = 3;

/**
 * Where the school's name ends in the body after a mention of the letterhead's words ending at
 * `end`: a letterhead a scan cut ("TRƯỜNG … TIỂU HỌC SAO", its "MAI" read into the other
 * column) leaves the mention short of the name the body goes on to write, capitalised, before a
 * comma or a lower-case word.
 */
function nameEnd(text: string, start: number, end: number, head: ReadonlySet<string>): number {
  // The letterhead's own lines in capitals go on with the place and date, no part of the name.
  if (inCapitals(text.slice(start, end))) return end;
  const m = NAME_GOES_ON.exec(text.slice(end, end + 40));
  if (!m) return end;
  const words = m[0].trim().split(/\s+/).filter((w) => !PLACE_KIND.test(w));
  if (words.length > MAX_NAME_WORDS_ADDED) return end;
  // Only words the letterhead holds too (read elsewhere in it), and none of the title's words.
  const belongs = words.every((w) => {
    const bare = stripAccents(w.toLowerCase());
    return head.has(bare) && !TITLE_WORDS.has(bare);
  });
  return belongs ? end + m[0].length : end;
}

/** Words of a title or date line that may follow a school's name without belonging to it. */
const TITLE_WORDS = new Set(['nam', 'hoc', 'ke', 'hoach', 'bao', 'cao', 'so', 'ngay', 'thang', 'cai', 'tien', 'chat', 'luong', 'giao', 'duc']);
const ASCII_LETTER = /[a-z]/;

/**
 * Where `words` stand in `haystack` one after another, separated by white space only, as whole
 * words (no `letter` before, no letter or digit after): [start, end) pairs. `haystack` and
 * `words` are folded alike by the caller (lower case, or without accents). The pattern opens with
 * the first word's letters, so the engine skips to them; a case-insensitive Unicode pattern
 * behind a look-behind, as this was, tried every position of the body and was the extractor's
 * slowest step.
 */
function wordRuns(haystack: string, words: string[], letter: RegExp): [number, number][] {
  const pattern = new RegExp(words.map(escapeRegExp).join('\\s+'), 'g');
  const out: [number, number][] = [];
  for (const m of haystack.matchAll(pattern)) {
    const start = m.index!;
    const end = start + m[0].length;
    const before = haystack[start - 1] ?? '';
    const after = haystack[end] ?? '';
    if (letter.test(before) || letter.test(after) || /\d/.test(after)) continue;
    out.push([start, end]);
  }
  return out;
}

/** "Trường …" mentions with the letterhead's word count and at most one word different from it. */
function nearMention(text: string, headWords: string[]): string | null {
  if (headWords.length < 3) return null;
  const mention = new RegExp(`[Tt]rường(?:\\s+[^\\s,.;:()]+){${headWords.length - 1}}`, 'gu');
  const wanted = headWords.map(stripAccents);
  const found: { name: string; rank: number }[] = [];
  for (const m of text.matchAll(mention)) {
    const got = m[0].split(/\s+/);
    const differing = got.filter((w, i) => stripAccents(w) !== wanted[i]);
    if (differing.length <= 1 && !inCapitals(m[0]) && m[0].replace(/\s+/g, ' ') !== headWords.join(' ')) {
      // A word the scan cut in the body ("Phan Đình Gi ót" under "PHAN ĐÌNH GIÓT") is the
      // letterhead's whole word, in the body's case.
      const name = got.map((w, i) => (stripAccents(w) !== wanted[i] && wanted[i].startsWith(stripAccents(w)) ? capitalise(headWords[i].toLowerCase()) : w)).join(' ');
      // "Trường …" with a capital first, then a differing word of letters (the body's "PTDTBT",
      // not another scan's "1151").
      found.push({ name: capitalise(name), rank: (m[0].startsWith('T') ? 0 : 2) + (differing.every((w) => /^\p{L}+$/u.test(w)) ? 0 : 1) });
    }
  }
  return found.sort((a, b) => a.rank - b.rank)[0]?.name ?? null;
}

const KEEP_UPPER = new Set(['THCS', 'THPT', 'PTDTBT', 'PTDTNT', 'PTCS', 'TH', 'MN', 'MG', 'GDTX', 'TP', 'TX']);
const LOWER_WORDS = new Set(['mầm', 'non', 'tiểu', 'học', 'trung', 'cơ', 'sở', 'phổ', 'thông', 'mẫu', 'giáo', 'xã', 'huyện', 'phường', 'thị', 'trấn', 'quận', 'số', 'và', 'liên', 'cấp', 'dân', 'tộc', 'bán', 'trú', 'nội', 'tư', 'thục']);

function sentenceCase(upper: string): string {
  const out = upper.split(' ').map((w, i) => {
    if (i === 0) return 'Trường';
    if (KEEP_UPPER.has(w) || /\d/.test(w)) return w;
    const lower = w.toLowerCase();
    if (LOWER_WORDS.has(lower)) return lower;
    return lower.charAt(0).toUpperCase() + lower.slice(1);
  });
  return out.join(' ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const LEVEL_WORDS: [SchoolLevel, RegExp][] = [
  ['preschool', /\b(mam non|mau giao|nha tre)\b/g],
  ['primary', /\btieu hoc\b/g],
  ['lower-secondary', /\b(thcs|trung hoc co so)\b/g],
  ['upper-secondary', /\b(thpt|trung hoc pho thong)\b/g],
];

/** The level most named in the text, and how often: a last resort when neither the school nor the circular says. */
function levelByVote(all: string[]): { level: SchoolLevel; mentions: number } | null {
  const bare = stripAccents(all.join(' '));
  let best: SchoolLevel | null = null;
  let bestCount = 0;
  for (const [level, re] of LEVEL_WORDS) {
    const count = bare.match(re)?.length ?? 0;
    if (count > bestCount) {
      best = level;
      bestCount = count;
    }
  }
  return best ? { level: best, mentions: bestCount } : null;
}

/** Letters with their marks: how many of a word's letters carry a tone or a vowel mark. */
function marks(word: string): number {
  let n = 0;
  for (const ch of word) if (stripAccents(ch) !== ch.toLowerCase()) n++;
  return n;
}

/**
 * A name whose marks a scan lost in one place and kept in another: "xã Mường Ang" in the body
 * where the letterhead, in capitals, reads "XÃ MƯỜNG ẢNG". Each pair of adjacent words takes the
 * marks of the document's most marked reading of the same two words (the same letters unmarked);
 * the case stays as read. Marks are only ever added where the document shows them, never guessed
 * (of two readings as marked, "Tóa" and "TỎA", neither is preferred: either may be the misread).
 */
function marksFromDocument(name: string | null, all: readonly string[], bareLines: () => string[]): string | null {
  if (!name) return name;
  const words = name.split(' ');
  if (words.length < 2) return name;
  const weight = (a: string, b: string) => marks(a) + marks(b);
  const wanted = words.slice(1).map((w, i) => ` ${stripAccents(words[i])} ${stripAccents(w)} `);
  const bare = bareLines();
  const pairs = new Map<string, string[]>();
  all.forEach((line, k) => {
    // Word by word only on the lines that hold one of the name's pairs, marks aside.
    if (!wanted.some((w) => bare[k].includes(w))) return;
    const ws = line.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    for (let i = 0; i + 1 < ws.length; i++) {
      const key = `${stripAccents(ws[i])} ${stripAccents(ws[i + 1])}`;
      const seen = pairs.get(key);
      if (!seen || weight(ws[i], ws[i + 1]) > weight(seen[0], seen[1])) pairs.set(key, [ws[i], ws[i + 1]]);
    }
  });
  const out = [...words];
  for (let i = 0; i + 1 < out.length; i++) {
    const best = pairs.get(`${stripAccents(out[i])} ${stripAccents(out[i + 1])}`);
    if (!best || weight(best[0], best[1]) <= weight(out[i], out[i + 1])) continue;
    [out[i], out[i + 1]] = [inCaseOf(best[0], out[i]), inCaseOf(best[1], out[i + 1])];
  }
  return out.join(' ');
}

/** The kinds of school a name states, as written: a scan's "Mâm non", "Tiếu học" have their letters. */
const SCHOOL_KINDS = ['Mầm non', 'Mẫu giáo', 'Nhà trẻ', 'Tiểu học', 'Trung học cơ sở', 'Trung học phổ thông', 'Phổ thông dân tộc bán trú', 'Phổ thông dân tộc nội trú'];

/** A school name whose words of its kind a scan misread by a mark ("Trường Mâm non") takes their spelling. */
function schoolKindSpelled(name: string | null): string | null {
  if (!name) return name;
  const words = name.split(' ');
  for (const kind of SCHOOL_KINDS) {
    const parts = kind.split(' ');
    for (let i = 0; i + parts.length <= words.length; i++) {
      const window = words.slice(i, i + parts.length);
      if (window.join(' ') === kind || stripAccents(window.join(' ')) !== stripAccents(kind)) continue;
      parts.forEach((p, k) => (words[i + k] = inCaseOf(p, window[k])));
    }
  }
  return words.join(' ');
}

/** A place's word set in capitals with a mark inside a place in lower case ("Quài TỞ"): a scan's case, "Tở". */
function placeCase(place: string | null): string | null {
  if (!place || place === place.toUpperCase()) return place;
  return place
    .split(' ')
    .map((w) => (w.length >= 2 && w === w.toUpperCase() && /[^\p{ASCII}]/u.test(w.slice(1)) ? w[0] + w.slice(1).toLowerCase() : w))
    .join(' ');
}

/** Everything of the document block of the contract except `form`. */
export function readMetadata(input: MetadataInput): Omit<DocumentMeta, 'form'> & {
  titleKind: Kind | null;
  /** Mentions of the level in the text, when neither the school's name nor the circular says it (a guess); else null. */
  levelVotes: number | null;
} {
  // Number, place and date belong to the letterhead: above the title, never a "Căn cứ … số …" below it.
  const title = input.front.findIndex((l) => /^(ke hoach|bao cao)\b/.test(stripAccents(l).trim()));
  const letterhead = title >= 0 ? input.front.slice(0, title) : input.front.slice(0, 12);
  const dated = letterhead.map((l) => (/ng[àa]y/iu.test(l) ? parsePlaceDate(l) : null)).find((x) => x) ?? null;
  // A date the scan garbled ("năm in") leaves the place before it.
  const undated = dated ? null : (letterhead.map(parsePlaceOnly).find((place) => place != null) ?? null);
  const placeDate = dated ?? (undated ? { place: undated, date: null } : null);
  // Every line folded once (no marks, letters and digits between single spaces), for both names.
  let bare: string[] | undefined;
  const bareLines = () => (bare ??= input.all.map((l) => ` ${stripAccents(l).replace(/[^a-z0-9]+/g, ' ')} `));
  // A name ends in a word: a stop after it is a speck or the sentence's ("… Ánh Dương."); a stop
  // between two of its words is a speck too ("TIỂU. HỌC"), and would hide the level it names.
  const school =
    schoolKindSpelled(marksFromDocument(schoolName(input.front, input.all), input.all, bareLines))
      ?.replace(/\s*[.,;:]+$/u, '')
      .replace(/(?<=\p{L})\.(?=\s+\p{L})/gu, '') ?? null;
  const circular = findCircular(input.all.join('\n'));
  const named = schoolLevelFromName(school) ?? schoolLevelFromName(letterheadSchool(input.front)) ?? schoolLevelFromCircular(circular);
  // Only the words of the text say the level: a guess (a cited circular names levels too).
  const voted = named ? null : levelByVote(input.all);
  const schoolLevel = named ?? voted?.level ?? null;
  return {
    circular,
    number: readNumber(letterhead),
    place: placeCase(marksFromDocument(placeDate?.place == null ? null : dropDoubledCapitals(placeDate.place), input.all, bareLines)),
    issuedOn: placeDate?.date ?? null,
    schoolYear: schoolYearOf(input.front),
    school,
    schoolLevel,
    titleKind: titleKind(input.front),
    levelVotes: voted?.mentions ?? null,
  };
}
