/**
 * Words that name where money comes from, the one table of funding sources. A budget cell that
 * names only a source ("Từ nguồn ngân sách", "XHH") has no amount but is not unreadable.
 * Matching ignores accents and case and needs whole words ("NS" matches "NS: 30 triệu", not "NSX").
 */
import { escapeRegExp, phraseMarksRestorer, stripAccents } from './text.js';

/** Source words as authors write them; compared without accents. */
export const SOURCE_WORDS: readonly string[] = [
  'ngân sách',
  'NSNN',
  'NS',
  'xã hội hóa',
  'XHH',
  'tài trợ',
  'vận động',
  'huy động',
  'đóng góp',
  'ủng hộ',
  'hỗ trợ',
  // "Từ nguồn kinh phí hoạt động của nhà trường": "nguồn" and "kinh phí" name a source on their own.
  'nguồn',
  'kinh phí',
  'vốn',
  'chi thường xuyên',
  'học phí',
  'tự chủ',
  'doanh nghiệp',
  'công đoàn',
  // The parents' board, written out or as one of its many abbreviations ("Ban ĐDCMHS").
  'ban đại diện',
  'ĐDCMHS',
  'BĐDCMHS',
  'BĐD',
  'ĐDCM',
  'CMHS',
  'PHHS',
  'cha mẹ học sinh',
  'cha mẹ trẻ',
  'phụ huynh',
  // "Nhân lực của nhà trường": the school's own staff, the resource a 2026-form task relies on.
  'nhân lực',
];

const SOURCE_PATTERN = new RegExp(
  `(?<![a-z0-9])(?:${[...SOURCE_WORDS]
    .map((w) => stripAccents(w))
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![a-z0-9])`,
);

/** Whether the text names a source of money. */
export function namesFundingSource(text: string): boolean {
  return SOURCE_PATTERN.test(stripAccents(text));
}

const restoreSourceMarks = phraseMarksRestorer(SOURCE_WORDS.map((w) => w.toLowerCase()));

/** Scale words after an amount as a scan's budget cell writes them (money-units.ts reads more spellings). */
const SCALES = 'triệu|tr|tỷ|tỉ|nghìn|ngàn';
/** Currency words of more than one letter. */
const CURRENCIES = 'đồng|VNĐ|VND';

/** An amount's unit, then a colon and a capital: the ";" between two sources a scan read as ":". */
const UNIT_THEN_COLON = new RegExp(`(\\d\\s*(?:${SCALES})?\\s*(?:đồng|đ))\\s*:\\s+(?=\\p{Lu})`, 'gu');

/**
 * A scanned budget cell with what the image changed put back: the marks of a source's words
 * ("Chỉ thường xuyên" → "Chi thường xuyên", "Ngân sạch" → "Ngân sách": sources of two words or
 * more), the ";" between two sources read as ":" ("120 triệu đồng: Ngân sách xã"), a speck read
 * as a stop before a unit ("20. triệu") or before the amount, and the space lost before a unit of
 * more than one letter ("3tỷ200 triệu" → "3 tỷ 200 triệu"), and "đồng" after an amount whose mark
 * or stroke the scan lost ("dồng", "đông"). Only for text read from images.
 */
export function tidyScannedBudget(text: string): string {
  return restoreSourceMarks(text)
    .replace(UNIT_THEN_COLON, '$1; ')
    .replace(SPECK_BEFORE_UNIT, '$1 ')
    .replace(/^[.,;:]+(?=\d)/u, '')
    .replace(DIGIT_THEN_UNIT, '$1 ')
    .replace(/(tỷ|tỉ)(?=\d)/gu, '$1 ')
    .replace(DONG_MISREAD, 'đồng')
    .replace(TY_MISREAD, 'tỷ')
    // "NS:20 triệu": the space a scan lost after a source's colon.
    .replace(/(?<=\p{L}):(?=\d)/gu, ': ')
    .replace(SPECK_AFTER_AMOUNT, '$1');
}

/** "tỷ" after an amount with its mark misread: "2,5 ty đồng", "4,5 tÿ". */
const TY_MISREAD = /(?<=\d\s*)t[yÿýỳỹ](?![\p{L}])/gu;
/**
 * A speck read as a stop or colon closing the cell after an amount or its unit: "15.000.000.",
 * "750.000.000 VNĐ.", "10 triệu đồng:". A budget cell states an amount, not a sentence; a source
 * written as one ("Từ nguồn kinh phí của nhà trường.") keeps its stop.
 */
const SPECK_AFTER_AMOUNT = new RegExp(`(\\d(?:\\s*(?:${SCALES})(?![\\p{L}]))?(?:\\s*(?:${CURRENCIES}|đ)(?![\\p{L}]))?)\\s*[.:;,]+\\s*$`, 'u');

const UNITS = `(?:${SCALES}|${CURRENCIES}|đ)(?![\\p{L}])`;
/** A speck read as a stop after an amount, before its unit: "20. triệu đồng", "600.000.000. đồng". */
const SPECK_BEFORE_UNIT = new RegExp(`(\\d)\\s*[.;,:]\\s+(?=${UNITS})`, 'gu');
/** The space a scan lost between an amount and a unit of more than one letter: "3tỷ200 triệu", "70tr". */
const DIGIT_THEN_UNIT = new RegExp(`(\\d)(?=(?:${SCALES}|${CURRENCIES})(?![\\p{L}]))`, 'gu');
/** "đồng" after an amount with its mark or stroke lost: "3 tỷ dồng", "50.000 đông". */
const DONG_MISREAD = new RegExp(`(?<=\\d\\s*(?:(?:${SCALES})\\s*)?)(?:d[ồôo]|đ[ôo])ng(?![\\p{L}])`, 'gu');
