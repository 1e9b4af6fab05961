/**
 * timelineStart / timelineEnd from a timeline cell (extraction contract): months 'YYYY-MM'.
 * Wording it cannot read gives nulls and a warning, never a guess.
 */
import { foldText, stripAccents } from './text.js';
import { TIMELINE_FORMS, type FormReading, type MonthSpan, type YearHint } from './timeline-forms.js';
import { normalizeWarning, type NormalizeWarning } from './warning.js';

/** The months a timeline cell names. */
export interface TimelineReading {
  /** 'YYYY-MM', or null. */
  start: string | null;
  /** 'YYYY-MM', or null (also for an open end: "và các năm học tiếp theo"). */
  end: string | null;
  warning?: NormalizeWarning;
}

interface Found {
  readonly start: number;
  readonly end: number;
  readonly reading: FormReading;
  readonly hint: YearHint;
}

/** Words that leave the end open: "và các năm học tiếp theo", "trở đi", "lâu dài". */
const OPEN_END = /(?<![a-z])(?:tiep theo|tro di|tro ve sau|ve sau|lau dai|cac nam sau|cac nam (?:hoc )?tiep)(?![a-z])/;
/** Between two periods, these make them one range: "Từ A đến B", "A - B", "… Thời gian hoàn thành: đến hết B". */
const RANGE_LINK = /(?<![a-z])(?:den|toi|hoan thanh)(?![a-z])|[-–—~]/;
/** Before the first period, "Từ"/"Kể từ"/"Bắt đầu" with no end named leaves the end open. */
const FROM = /(?<![a-z])(?:tu|bat dau)(?![a-z])/;
/** Before a lone period, "Đến (hết)" names only the end. */
const UNTIL = /(?<![a-z])(?:den|truoc)(?![a-z])/;

/**
 * Reads a timeline cell: "Năm học 2020-2021" → 2020-09…2021-05, "Quý 1/2024" → 2024-01…2024-03,
 * "Từ 8/2023 Đến 5/2024", "Học kỳ I năm học 2025-2026" → 2025-09…2026-01, "Năm 2024" → the year;
 * an open end ("Từ năm học 2023-2024") gives a null end. Never throws.
 */
export function parseTimeline(text: string | null | undefined): TimelineReading {
  const cell = foldText(text);
  if (cell == null) return { start: null, end: null };
  const plain = tidyYears(stripAccents(cell));
  const found = resolveYears(findPeriods(plain));
  const unreadable = (): TimelineReading => ({
    start: null,
    end: null,
    warning: normalizeWarning('timeline.unparsed', `no period with a year in "${cell}"`),
  });
  const invalid = (why: string): TimelineReading => ({
    start: null,
    end: null,
    warning: normalizeWarning('timeline.invalid', `${why} in "${cell}"`),
  });
  if (found.length === 0) return unreadable();
  if (found.some((f) => f.reading.kind === 'invalid')) return invalid('an impossible period');
  const spans = found.map((f) => f.span);
  if (spans.some((s) => s == null)) return unreadable();
  const known = spans as MonthSpan[];
  let ranged = false;
  for (let i = 1; i < found.length; i++) {
    if (!RANGE_LINK.test(plain.slice(found[i - 1].end, found[i].start))) continue;
    ranged = true;
    if (known[i - 1].start > known[i].end) return invalid('the end comes before the start');
  }
  let start: string | null = known.map((s) => s.start).reduce((a, b) => (b < a ? b : a));
  let end: string | null = known.map((s) => s.end).reduce((a, b) => (b > a ? b : a));
  const before = plain.slice(0, found[0].start);
  if (OPEN_END.test(plain) || (FROM.test(before) && !ranged)) end = null;
  else if (found.length === 1 && UNTIL.test(before) && !FROM.test(before)) start = null;
  // A year after a slash with no month before it ("/2023-3/2023"): a digit was lost, and the
  // period read from the rest may be wrong. "Học kỳ năm học 2020 - 2021": the semester's numeral
  // lost. Nulls and a warning, as for any period the parser cannot read: never a guess.
  if (MONTH_LOST.test(plain)) return { start: null, end: null, warning: normalizeWarning('timeline.ambiguous', `a month is missing before a year in "${cell}"`) };
  if (YEAR_CUT.test(plain)) return { start: null, end: null, warning: normalizeWarning('timeline.ambiguous', `a year with a digit missing in "${cell}"`) };
  if (SEMESTER_LOST.test(plain)) return { start: null, end: null, warning: normalizeWarning('timeline.ambiguous', `a semester without its number in "${cell}"`) };
  return { start, end };
}

const MONTH_LOST = /(?<![\divx]\s*)\/\s*\d{4}/;
/** A month over a year of three digits ("11/202. 3-3/2024"): a digit lost, the rest of the cell not to be trusted. */
const YEAR_CUT = /(?<![\d/])\d{1,2}\s*\/\s*\d{3}(?![\d/])/;
const SEMESTER_LOST = /(?<![a-z])(?:hoc ky|hoc ki|hk)\s+(?:nam\b|\d{4})/;

/** Every period the cell names, left to right, without overlaps (the earlier form wins a tie). */
function findPeriods(plain: string): Found[] {
  const all: (Found & { rank: number })[] = [];
  TIMELINE_FORMS.forEach((form, rank) => {
    for (const m of plain.matchAll(form.pattern)) {
      const start = m.index ?? 0;
      all.push({ start, end: start + m[0].length, reading: form.read(m), hint: form.hint(m), rank });
    }
  });
  all.sort((a, b) => a.start - b.start || a.rank - b.rank || b.end - a.end);
  const kept: Found[] = [];
  for (const f of all) if (kept.length === 0 || f.start >= kept[kept.length - 1].end) kept.push(f);
  return kept;
}

/**
 * A semester, quarter or month without its own year takes the nearest one named beside it ("Quý 1
 * và quý 2/2024", "Từ tháng 9 đến tháng 12/2024"). Borrowed from a later period that it would
 * then follow, it is the year before: "Từ tháng 9 đến tháng 5/2025" starts in 2024-09.
 */
function resolveYears(found: Found[]): (Found & { span: MonthSpan | null })[] {
  return found.map((f, i) => {
    if (f.reading.kind === 'span') return { ...f, span: f.reading.span };
    if (f.reading.kind === 'invalid') return { ...f, span: null };
    const resolve = f.reading.resolve;
    for (const o of [...found.slice(i + 1), ...found.slice(0, i).reverse()]) {
      const span = resolve(o.hint);
      if (span == null) continue;
      const later = o.start > f.start && o.reading.kind === 'span' ? o.reading.span : null;
      if (later != null && span.start > later.end && o.hint.year != null) {
        return { ...f, span: resolve({ ...o.hint, year: o.hint.year - 1 }) };
      }
      return { ...f, span };
    }
    return { ...f, span: null };
  });
}

/**
 * A school year as scans and hurried typing leave it: a stop beside its dash ("2024. - 2025",
 * "2024-. 2025"), the dash lost after "năm học" ("năm học 2027 2028", consecutive years), the
 * dash read as "=" or beside one ("2025 –=2026", "3/2020 = 8/2020": no timeline means equals) or
 * as a colon between consecutive years ("2021: 2022"), a tilde beside it ("2019~– 2020"); two
 * months side by side with the dash between them lost ("Từ 11/2023 3/2024"). Not a quarter whose
 * slash was lost: "Quý 12025" was "Quý II/2025" as often as "Quý I/2025".
 */
function tidyYears(plain: string): string {
  return plain
    .replace(/(?<=\d)\s*[-–—]?\s*[=~]+\s*[-–—]?\s*(?=\d)/g, ' - ')
    .replace(/(?<![\d/])(\d{1,2}\/\d{4})\s+(?=\d{1,2}\/\d{4}(?!\d))/g, '$1 - ')
    .replace(/(\d{4})\s*[:;]\s*(\d{4})(?!\d)/g, (all, a: string, b: string) => (Number(b) === Number(a) + 1 ? `${a}-${b}` : all))
    .replace(/(\d{4})\s*\.\s*(?=[-–—])/g, '$1 ')
    .replace(/([-–—])\s*\.\s*(?=\d{4})/g, '$1 ')
    .replace(/(?<![a-z])(nam hoc|nh)(\s*:?\s*)(\d{4})\s+(\d{4})(?!\d)/g, (all, words: string, gap: string, a: string, b: string) =>
      Number(b) === Number(a) + 1 ? `${words}${gap}${a}-${b}` : all,
    );
}

/**
 * Specks a scan reads as stops or quotes where a period's text has none: "2022-. 2023",
 * "2022. - 2023", "Năm học. 2024", "tháng. 1/2023", "Quý. 4/2021", "11/2022. đến tháng ' 5/2023", "Năm 2025.",
 * "năm... học", a "¿" closing the cell; and the space lost between a semester's numeral and
 * "năm" ("Học kỳ lInăm học").
 * A stop after a year or a word inside a period, or closing the cell, carries nothing.
 */
function withoutSpecks(text: string): string {
  return text
    // A fraction or division slash is the slash of a date ("1⁄2021").
    .replace(/[⁄∕]/gu, '/')
    // A month's first digit run into the word before it ("Từ1 1/2027"): back beside the second.
    .replace(/(?<=\p{L})(\d) +(\d)(?=\/\d{4})/gu, (all, a: string, b: string) => (Number(a + b) <= 12 ? ` ${a}${b}` : all))
    .replace(/(?<=\p{L}|\d)\.{2,}(?=\s)/gu, '')
    .replace(/\s*[¿¡?_~]+$/u, '')
    .replace(/(?<=(?:^|[^\p{L}])(?:học kỳ|học kì|hk)\s*)([1lI|]{1,3})(?=năm\b)/giu, '$1 ')
    .replace(/([-–])\s*[.,]\s*(?=\d)/g, '$1')
    .replace(/(\d)\s*[.,](?=\s+[-–]\s*\d)/g, '$1')
    .replace(/(?<=(?:^|\s)(?:tháng|học|năm|từ|đến|quý|kỳ|kì))\s*\.(?=\s+\d)/giu, '')
    .replace(/(\d)\.(?=\s+(?:đến|và|tới)\s)/gu, '$1')
    .replace(/\s+['‘’`]\s+(?=\d)/gu, ' ')
    .replace(/(\d)\s*\.+$/u, '$1')
    // "đến" and "năm học" with a mark misread, where a period's words stand: "Đốn 5/2025", "đền tháng", "nam học".
    .replace(/(?<=\d\s)([đĐdD])[eêềếệểễoôốồ]n(?=\s+(?:tháng\s+)?\d)/gu, (_m, d: string) => (d === 'Đ' || d === 'D' ? 'Đến' : 'đến'))
    .replace(/(?<![\p{L}])([nN])am(?=\s+học\s+\d)/gu, '$1ăm');
}

/** A quarter's or semester's Roman numeral as a scan reads it: "11", "111", "Il", "1V", "H" (II run together), "Ĩ". */
const SCANNED_ROMAN = /(?<=(?:^|[^\p{L}])(?:quý|học kỳ|học kì|hk)\s*)([1lI|]{2,3}|[1l|]V|H|Ĩ)(?=\s*[/,.\-–]|\s|$)/giu;

/**
 * A scanned timeline cell with the Roman numeral of its quarter or semester put back where the
 * image made it something no period has: "Quý 11/2020" → "Quý II/2020", "Quý 111" → "Quý III",
 * "Học kỳH" → "Học kỳ II", "Học kỳ Ĩ" → "Học kỳ I". A quarter 11 does not exist, so the reading
 * is not a guess between two possible ones; "Quý 1" (I or 1, the same quarter) is left as read.
 * Only for text read from images.
 */
export function tidyScannedTimeline(text: string): string {
  return withoutSpecks(text).replace(SCANNED_ROMAN, (_m, numeral: string, offset: number, whole: string) => {
    const roman = numeral === 'H' ? 'II' : numeral === 'Ĩ' ? 'I' : /v$/i.test(numeral) ? 'IV' : 'I'.repeat(numeral.length);
    return /\s$/.test(whole.slice(0, offset)) ? roman : ` ${roman}`;
  });
}
