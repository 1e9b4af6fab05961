/**
 * The place and date line under the letterhead ("Thanh Yên, ngày 10 tháng 3 năm 2021") and the
 * school year in a title ("NĂM HỌC 2020 – 2021", "giai đoạn 2024-2029").
 */
import { foldText, stripAccents, stripAccentsIndexed } from './text.js';

// "tháng" and "năm" with one letter free: OCR reads a scanned "tháng" as "thúng" or "thàng", and
// between "ngày 25" and "11 … 2025" nothing else fits.
// A scan's speck after the month is read through ("tháng 10:năm 2019").
const DATE = /(?<![a-z])ngay\s*(\d{1,2})\s*(?:th[a-z]ng\s*(\d{1,2})\s*[,:;.]?\s*n[a-z]m\s*(\d{4})|([/.-])\s*(\d{1,2})\s*\4\s*(\d{4}))(?!\d)/;

// The national motto is often on the same line as the place when a letterhead is flattened.
const MOTTO = /^.*hạnh phúc\s*/iu;

/**
 * "Thanh Yên, ngày 10 tháng 3 năm 2021" → { place: 'Thanh Yên', date: '2021-03-10' }; also
 * "ngày 10/3/2021". The place is the run of capitalised words just before ", ngày" ("…" or
 * nothing → null). Null when there is no full, real date.
 */
export function parsePlaceDate(text: string | null | undefined): { place: string | null; date: string } | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const { text: plain, source } = stripAccentsIndexed(cell);
  const m = plain.match(DATE);
  if (m == null) return null;
  const day = Number(m[1]);
  const monthNo = Number(m[2] ?? m[5]);
  const year = Number(m[3] ?? m[6]);
  if (!isRealDate(year, monthNo, day)) return null;
  const date = `${year}-${String(monthNo).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { place: placeBefore(cell.slice(0, source[m.index ?? 0])), date };
}

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < 1900 || year > 2100 || month < 1 || month > 12 || day < 1) return false;
  const days = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return day <= days[month - 1];
}

/**
 * The place of a place and date line whose date is not whole ("Pom Lót, ngày 22 tháng 09 năm in":
 * a scan garbled the year): the capitalised words before ", ngày <day>". Null without that.
 */
export function parsePlaceOnly(text: string | null | undefined): string | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const { text: plain, source } = stripAccentsIndexed(cell);
  const m = /,\s*ngay\s*\d/.exec(plain);
  return m ? placeBefore(cell.slice(0, source[m.index])) : null;
}

/** The trailing run of capitalised words ("Thanh Yên", "TP. Hồ Chí Minh", "Quận 3"). */
function placeBefore(head: string): string | null {
  // A scan's speck stuck to a word (".Noong Hẹt", "Mường )Ảng") is no part of it.
  const words = head
    .replace(MOTTO, '')
    .replace(/[\s,;:.…]+$/u, '')
    .split(' ')
    .map((w) => w.replace(/^[.,;:)(|'"`]+(?=\p{Lu})/u, ''));
  const run: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i];
    if (/^\p{Lu}[\p{L}\p{M}.]*$/u.test(w) || (/^\d{1,2}$/.test(w) && run.length === 0)) run.unshift(w);
    else break;
  }
  while (run.length > 0 && /^\d/.test(run[0])) run.shift();
  return run.length > 0 ? run.join(' ') : null;
}

const SCHOOL_YEAR = /(?<![a-z])(nam hoc|nh|giai doan)\s*:?\s*(\d{4})\s*[-–—]\s*(\d{4}|\d{2})(?!\d)/;
const BARE_YEARS = /(?<!\d)(\d{4})\s*[-–—]\s*(\d{4})(?!\d)/;

/**
 * The period a title names: "Năm học 2020 – 2021" → "2020-2021", "giai đoạn 2024-2029" and
 * "Năm học 2024 – 2029" → "2024-2029" (up to ten years, as for "giai đoạn" in timelines); without
 * those words, two consecutive years ("2024-2025"). Null when none.
 */
export function parseSchoolYear(text: string | null | undefined): string | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const plain = stripAccents(cell);
  const m = plain.match(SCHOOL_YEAR);
  if (m != null) {
    const first = Number(m[2]);
    const second = m[3].length === 2 ? Math.floor(first / 100) * 100 + Number(m[3]) : Number(m[3]);
    // A title may call a five-year plan a "năm học" ("Năm học 2024 – 2029", kh-2024-mn-tayuc): take
    // the period as written, unless it is too long to be one plan ("năm học 2013-2024").
    const fits = second > first && second - first <= 10;
    return fits && first >= 1900 && second <= 2100 ? `${first}-${second}` : null;
  }
  const bare = plain.match(BARE_YEARS);
  if (bare != null && Number(bare[2]) === Number(bare[1]) + 1 && Number(bare[1]) >= 1900 && Number(bare[2]) <= 2100) {
    return `${bare[1]}-${bare[2]}`;
  }
  return null;
}
