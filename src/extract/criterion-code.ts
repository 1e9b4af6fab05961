/**
 * A criterion code as the extractor accepts it: the normaliser reads any "N.M", but every
 * circular khcl knows has at most 5 standards and 20 criteria per standard, so "9.9" in a
 * criterion column is a typo or noise, not a criterion.
 */
import { parseCriterion } from '../normalize/index.js';

export type CriterionCode = NonNullable<ReturnType<typeof parseCriterion>>;

export function isPlausibleCode(code: { code: string; standard: number }): boolean {
  const minor = Number(code.code.split('.')[1]);
  return code.standard >= 1 && code.standard <= 5 && minor >= 1 && minor <= 20;
}

/**
 * "Tiêu chí 34" is "Tiêu chí 3.4" with its dot lost (OCR drops small dots): every criterion code
 * of every circular is N.M, so a labelled number without a dot can only be that. So is "Tiêu chí
 * 3 4": a narrow column put "Tiêu chí 3." and "4" on two lines and the scan lost the dot between.
 * So is "Tiêu chí. 11": the dot read left of where it was printed. So is "Tiêu chí 5:5" (the dot
 * read as a colon, nothing between it and the digits), and "Tiêu chí5'6" (as an apostrophe).
 */
const DOT_LOST = /^\s*(?:ti[eê]u\s*ch[ií]|TC)\s*[.,\-–]?\s*([1-5])(?: ?|[:;'’`])(\d{1,2})(?![\d.,])\s*[:.\-–]?\s*(.*)$/isu;

export function repairDotlessCode(text: string): CriterionCode | null {
  return codeFromMatch(DOT_LOST.exec(text.normalize('NFC').replace(ONES_AS_LETTERS, (_, label: string, a: string, b: string) => `${label}${one(a)}${one(b)}`)));
}

/**
 * "Tiêu chí LI" for "Tiêu chí 1.1": a thin "1" read as a letter (I, l, L, |) and the dot lost.
 * Two such strokes alone after the label, one at least a letter, can only be the digits 1 and 1.
 */
const ONES_AS_LETTERS = /^(\s*(?:[Tt][Ii][EeÊê][Uu]\s*[Cc][Hh][IiÍí]|TC)\s*)([1Il|L])([1Il|L])(?=\s*[:.]?\s*$|\s*[:.]?\s+\p{Lu})/u;
const one = (c: string) => (/\d/.test(c) ? c : '1');

/** Whether a criterion cell's code was read from strokes taken for letters ("Tiêu chí LI"). */
export function onesReadAsLetters(text: string | null): boolean {
  const m = text ? ONES_AS_LETTERS.exec(text.normalize('NFC')) : null;
  return m != null && /\D/.test(m[2] + m[3]);
}

/** The code a repair pattern read (standard, criterion, name after it), when it can exist. */
function codeFromMatch(m: RegExpExecArray | null): CriterionCode | null {
  if (!m) return null;
  const code = { code: `${Number(m[1])}.${Number(m[2])}`, standard: Number(m[1]), name: (m[3] ?? '').trim() || null };
  return isPlausibleCode(code) ? code : null;
}

/**
 * "Lê chí 1.9" is "Tiêu chí 1.9" whose first word the scan misread (or "Tiệ u chí", cut by a
 * narrow column): one or two short pieces, then "chí" and a code that can exist, its dot maybe
 * lost as well ("Têu chí 1 5"). Nothing looser:
 * a word other than "chí" before the code is text.
 */
const LABEL_MISREAD = /^\s*(?:\p{L}{1,5}\s+){1,2}ch[ií]\s*([1-5])(?:\s*[.,]\s*|\s?)(\d{1,2})(?![\d.,])\s*[:.\-–]?\s*(.*)$/isu;

export function repairMisreadLabel(text: string): CriterionCode | null {
  return codeFromMatch(LABEL_MISREAD.exec(text.normalize('NFC')));
}

/** parseCriterion, keeping only codes that can exist, and mending a code whose dot or label the scan garbled. */
export function readCriterionCode(text: string | null | undefined): CriterionCode | null {
  const code = parseCriterion(text);
  if (code) return isPlausibleCode(code) ? code : null;
  if (!text) return null;
  const undashed = text.replace(LABEL_DASH, '$1 ');
  if (undashed !== text) return readCriterionCode(undashed);
  return repairDotlessCode(text) ?? repairMisreadLabel(text);
}

/** "Tiêu chí - 4.2": a speck between the label and its code, read as a dash. */
const LABEL_DASH = /^(\s*ti[eê]u\s*ch[ií])\s*[-–]\s*(?=\d)/iu;

/**
 * A bare "31" in the criterion column under standard 3 is "3.1" with its dot lost: OCR drops
 * small dots, and a criterion column holds codes, not counts. Only when the digits start with the
 * row's standard, so the standard vouches for the reading ("1⁄4" too). A name may follow after a stop or a
 * colon ("11. Phương hướng …" under standard 1), never after a bare space ("15 giáo viên" is a count).
 */
export function dotLostCode(text: string | null, standard: number | null): CriterionCode | null {
  const code = text && standard != null ? codeFromMatch(DOT_LOST_UNDER.exec(text)) : null;
  return code && code.standard === standard ? code : null;
}

// The dot may also come out as a fraction slash ("1⁄4": tesseract's "¼" for a cramped "1.4") or a
// comma ("1,4"); a bracket may follow with the level ("52(Mức 2)").
const DOT_LOST_UNDER = /^\s*([1-5]) ?[⁄∕,]? ?(\d{1,2})(?:(?:\s*[.:]\s*|\s*(?=\())(.*?))?\s*$/su;

/** A criterion cell holding only a code whose dot a scan lost: "15", "31", "110" (1.10). */
const DOT_LOST_ALONE = /^\s*([1-5])(\d{1,2})\s*\.?\s*$/;

/** The code of a cell that holds nothing but a dot-lost code ("31" → 3.1), when it can exist; no neighbour vouches for it here. */
export function bareDotLostCode(text: string | null): CriterionCode | null {
  return text ? codeFromMatch(DOT_LOST_ALONE.exec(text)) : null;
}

/** A dot-lost code with the name after it: "33", "35 Thiết bị", "33. Khối phòng …". */
const DOT_LOST_BARE = /^\s*([1-5]) ?(\d{1,2})\s*[.:]?(?:\s+|$)(.*)$/su;

/**
 * "1.22 (Mức 2)" for "1.2 (Mức 2)": a scan read a bracket or a speck after the code as one more
 * digit, giving a code no circular has (no standard has twenty criteria). The code without that
 * digit is taken only when its neighbours vouch for it, the way a dot-lost code is.
 */
export function extraDigitBetween(text: string | null, previous: CriterionCode | null, next: CriterionCode | null): CriterionCode | null {
  const m = text ? EXTRA_DIGIT.exec(text) : null;
  if (!m || isPlausibleCode({ code: `${m[1]}.${m[2]}${m[3]}`, standard: Number(m[1]) })) return null;
  const code = { code: `${m[1]}.${m[2]}`, standard: Number(m[1]), name: m[4].trim() || null };
  return isPlausibleCode(code) && inOrder(code, previous, next) ? code : null;
}

const EXTRA_DIGIT = /^\s*(?:ti[eê]u\s*ch[ií]\s*)?([1-5])\s*\.\s*(\d)(\d)(?![\d.,])\s*[:.\-–]?\s*(.*)$/isu;

/**
 * "Tiêu chí D.5" between 5.4 and 5.6: the label says a code follows, and a scan read its standard
 * digit as a letter. The code is taken with the standard of a neighbour when exactly one
 * neighbour's standard makes it fit between them, the way a dot-lost code is vouched for.
 */
export function garbledStandardBetween(text: string | null, previous: CriterionCode | null, next: CriterionCode | null): CriterionCode | null {
  const m = text ? GARBLED_STANDARD.exec(text.normalize('NFC')) : null;
  if (!m) return null;
  const fits = [...new Set([previous?.standard, next?.standard])]
    .filter((s): s is number => s !== undefined)
    .map((standard) => ({ code: `${standard}.${Number(m[1])}`, standard, name: m[2].trim() || null }))
    .filter((code) => isPlausibleCode(code) && inOrder(code, previous, next));
  return fits.length === 1 ? fits[0] : null;
}

/**
 * A cell that opens with the label but whose code the scan could not read at all ("Tiêu chí J.t"):
 * the code that fits between the codes around it, when exactly one does (1.1 above 1.2 under its
 * heading, 1.4 between 1.3 and 1.5). The unreadable piece has no digit: a digit read is another
 * rule's to place; a word is the cell's text ("Tiêu chí Lớp học"), not a code.
 */
export function unreadCodeBetween(text: string | null, previous: CriterionCode | null, next: CriterionCode | null): CriterionCode | null {
  const m = text ? UNREAD_CODE.exec(text.normalize('NFC')) : null;
  // A word after the label ("Tiêu chí Lớp học") is text, not a code the scan garbled.
  if (!m || /^\p{L}{3,}$/u.test(m[1]) || (!previous && !next)) return null;
  const fits = [...new Set([previous?.standard, next?.standard])]
    .filter((s): s is number => s !== undefined)
    .flatMap((standard) => Array.from({ length: 20 }, (_, k) => ({ code: `${standard}.${k + 1}`, standard, name: m[2].trim() || null })))
    .filter((code) => inOrder(code, previous, next));
  return fits.length === 1 ? fits[0] : null;
}

const UNREAD_CODE = /^\s*ti[eê]u\s*ch[ií]\s*([^\s\d]{1,4})(?=[\s:]|$)\s*[:.\-–]?\s*([^\d]*)$/isu;

// The dot may be lost too ("Tiêu chí D3"): the letter still stands where the standard was.
const GARBLED_STANDARD = /^\s*ti[eê]u\s*ch[ií]\s*[^\d\s.,:]\s*[.,]?\s*(\d{1,2})(?![\d.,])\s*[:.\-–]?\s*(.*)$/isu;

/** Where a code stands in a plan's order: 1.1 < 1.10 < 2.1 ("1.10" is the tenth, not the first). */
export function codeOrder(c: CriterionCode): number {
  return c.standard * 100 + Number(c.code.split('.')[1]);
}

/** Whether a code fits between its neighbours (with one neighbour, of the same standard). */
export function inOrder(code: CriterionCode, previous: CriterionCode | null, next: CriterionCode | null): boolean {
  if (!previous && !next) return false;
  const afterPrevious = previous ? codeOrder(previous) < codeOrder(code) && (next !== null || previous.standard === code.standard) : true;
  const beforeNext = next ? codeOrder(code) < codeOrder(next) && (previous !== null || next.standard === code.standard) : true;
  return afterPrevious && beforeNext;
}

/**
 * A dot-lost code vouched for by its neighbours: plans list criteria in order, so "33" read
 * between 2.3 and 3.4 is 3.3. The code must fall strictly between them. At the top or the foot
 * of the column, where there is one neighbour, that one must be of the same standard ("11" above
 * 1.2 is 1.1).
 */
export function dotLostBetween(text: string | null, previous: CriterionCode | null, next: CriterionCode | null): CriterionCode | null {
  // With one neighbour the code must stand alone or end in a stop ("11", "11. Phương hướng"):
  // "15 giáo viên" at the foot of the column is a count.
  const pattern = previous && next ? DOT_LOST_BARE : DOT_LOST_UNDER;
  const code = text && (previous || next) ? codeFromMatch(pattern.exec(text)) : null;
  return code && inOrder(code, previous, next) ? code : null;
}
