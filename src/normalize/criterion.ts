/**
 * Criterion codes, standard headings and levels as the plan tables write them ("Tiêu chí 2. 2",
 * "TC 3.2", "(1.4)", "TIÊU CHUẨN 2", "Tiêu chuẩn II", "Giữ vững mức 1", "mức II").
 */
import { ROMAN_PATTERN, romanOrDigitValue } from './roman.js';
import { foldText, stripAccents, stripAccentsIndexed } from './text.js';

/** Standards run 1–5 (4 in the 2026 circular); criteria within a standard up to 10. */
const MAX_STANDARD = 5;
const MAX_CRITERION = 20;

// Labelled anywhere in the cell ("Tiêu chí 3.1: …", "… (TC 3.2)"); unlabelled only as the whole
// start of the cell ("1.1", "1.1. Phương hướng") or in brackets ("(1.4)"), so an amount or a date
// in running text is not read as a code. A stop after the label ("Tiêu chí: 1.1", "Tiêu chí. 3.4",
// a scan's dot shifted left) is allowed.
// A scan's speck between the label's words ("Tiêu - chí 5.2", "Tiêu : chí 5.2") is read through.
// After the label, a scan's colon for the code's dot ("Tiêu chí 1: 2") is read as the dot when
// nothing but a stop follows the number ("Tiêu chí 1: 5 giáo viên" is a count).
const LABELLED = /(?<![a-z])(?:tieu ?[-–.,_~:;]? ?chi|tc)\s*[.,:]?\s*(?:so\s*)?(\d{1,2})\s*(?:\.|:(?=\s*\d{1,2}\s*(?:[.:)]|$)))\s*(\d{1,2})(?![\d])(?!\.\d)/;
const AT_START = /^\s*(\d{1,2})\s*\.\s*(\d{1,2})(?![\d])(?!\.\d)/;
const BRACKETED = /\(\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\)/;

/**
 * Finds a criterion code in a cell. `name` is the text after the code in the same cell (after a
 * ":", "-" or "." separator), or null when there is none.
 */
export function parseCriterion(text: string | null | undefined): { code: string; standard: number; name: string | null } | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const plain = stripAccents(cell);
  const m = plain.match(LABELLED) ?? plain.match(AT_START) ?? plain.match(BRACKETED);
  if (m == null) return null;
  const standard = Number(m[1]);
  const criterion = Number(m[2]);
  if (standard < 1 || standard > MAX_STANDARD || criterion < 1 || criterion > MAX_CRITERION) return null;
  // Where the code ends in the cell as written; mapped only for a match, as most cells hold none.
  const { source } = stripAccentsIndexed(cell);
  const after = cell.slice(source[(m.index ?? 0) + m[0].length]);
  const name = after.replace(/^[\s:.\-–—)]+/, '').trim();
  return { code: `${standard}.${criterion}`, standard, name: name === '' ? null : name };
}

const STANDARD_HEADING = new RegExp(
  // A scan's speck after "TIÊU" or "CHUẨN" ("TIÊU. CHUẨN 1", "TIÊU_ CHUẨN 2", "TIÊU CHUẨN. 5") is read through,
  // and so is a letter it read twice ("CHUẤẨN", "TTiêu").
  `^(?:(?:\\d{1,2}|${ROMAN_PATTERN})\\s*[.)]\\s*)?t?tieu[._,]? ?chuaa?n[._,]?\\s*(\\d{1,2}|${ROMAN_PATTERN})(?![a-z0-9])`,
);

/**
 * A standard heading row: "Tiêu chuẩn 1: Tổ chức và quản lý nhà trường" → { standard: 1, name },
 * "TIÊU CHUẨN 2", "Tiêu chuẩn II". Null for other text, for the column header "Tiêu chuẩn, tiêu
 * chí" and for a list of standards ("Tiêu chuẩn 4, 5", "Tiêu chuẩn 2 và 3").
 */
export function parseStandardHeading(text: string | null | undefined): { standard: number; name: string | null } | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const plain = stripAccents(cell);
  const m = plain.match(STANDARD_HEADING);
  if (m == null) return null;
  const standard = romanOrDigitValue(m[1]);
  if (standard == null || standard < 1 || standard > MAX_STANDARD) return null;
  const rest = plain.slice(m[0].length);
  if (/^\s*(?:[,;&+\-–]|va\b|den\b)\s*(?:\d|[ivx]+(?![a-z]))/.test(rest)) return null;
  const { source } = stripAccentsIndexed(cell);
  const name = cell.slice(source[m[0].length]).replace(/^[\s:.\-–—]+/, '').trim();
  return { standard, name: name === '' ? null : name };
}

const LEVEL_LIST = new RegExp(`muc\\s*(?:\\d|${ROMAN_PATTERN})\\s*(?:[,;&/+\\-–]|va)\\s*(?:\\d|${ROMAN_PATTERN})(?![a-z])`);
const LEVEL = new RegExp(
  // A scan's speck between "mức" and its number ("mức,1", "Mức!1") or after it ("Mức1l"), a space inside "Giữ" ("Gi ữ") and a
  // narrow column's break inside "Mức" ("M." / "ức 2") are read through.
  // A "1" read as "!" or "|" with nothing after it ("Giữ vững mức!") is the 1, and a speck after the
  // number ("Mức 1 '") is no text.
  `^(?:(?:gi ?u vung|duy tri|tiep tuc|phan dau|nang len|dat duoc|dat|len|o)[.,]?\\s+)*m[.,]? ?uc\\s*(?:[,.!]?\\s*(\\d|${ROMAN_PATTERN})|([!|]))(?:(?<=\\d)[l|!](?![a-z0-9]))?(?![a-z0-9])\\s*(?:\\(.*\\))?[\\s.;:'’\`]*$`,
);

/**
 * The same cell with its spaces gone, as a narrow column and a scan leave it ("Gi / ư / vứ / ng /
 * Mử / c2", "Mửứ c2"): the words of the level run together, a doubled vowel read into "mức".
 */
const LEVEL_RUN_TOGETHER = new RegExp(`^(?:giuvung|duytri|tieptuc|phandau|nanglen|datduoc|dat|len|o)*mu{1,2}c[,.!]?(\\d|${ROMAN_PATTERN})(?![a-z0-9])[.;:]*$`);

/**
 * "Giữ vững mức 2" whose middle words a scan garbled ("Giữ vừữn 5 Mức 2"): the first word of a
 * level's wording, at most three short pieces, then "mức" and its number closing the cell.
 */
const LEVEL_GARBLED_MIDDLE = new RegExp(`^(?:giu|duy|tiep|phan|nang|dat)(?:\\s+[a-z0-9.,!]{1,5}){1,3}\\s+muc\\s*(\\d|${ROMAN_PATTERN})[\\s.;:]*$`);

/**
 * The level stated in a cell: "Mức 2", "Giữ vững mức 1", "mức II", "Đạt mức 3" → 1–4. Null for a
 * list ("MỨC 1, 2, 3"), for a level not reached ("Chưa đạt mức 1") and for anything else.
 */
export function parseLevel(text: string | null | undefined): number | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const plain = stripAccents(cell);
  if (LEVEL_LIST.test(plain)) return null;
  const m = plain.match(LEVEL) ?? plain.replace(/\s+/g, '').match(LEVEL_RUN_TOGETHER) ?? plain.match(LEVEL_GARBLED_MIDDLE);
  const level = m == null ? null : m[2] ? 1 : romanOrDigitValue(m[1]);
  return level != null && level >= 1 && level <= 4 ? level : null;
}
