/**
 * The ways a timeline cell names a period, the one table of timeline forms. Each form is a regex
 * over the accent-free, lower-case cell (stripAccents: "Học kỳ" → "hoc ky", "thántg" → "thantg")
 * and a reading of its match into months. A school year runs September to May; its first
 * semester September to January, its second January to May.
 */
import { romanOrDigitValue } from './roman.js';

/** A period in months ('YYYY-MM'), both ends inclusive. */
export interface MonthSpan {
  readonly start: string;
  readonly end: string;
}

/** What a form's match says about the period. */
export type FormReading =
  | { readonly kind: 'span'; readonly span: MonthSpan }
  /** Readable but impossible ("năm học 2013-2024", month 13). */
  | { readonly kind: 'invalid' }
  /** A semester or quarter with no year in its own words ("Học kỳ I"): may borrow a neighbour's. */
  | { readonly kind: 'needs-year'; readonly resolve: (year: YearHint) => MonthSpan | null };

/** Years a form can lend to a neighbour that lacks one. */
export interface YearHint {
  /** First calendar year of the school year it names, if any. */
  readonly schoolYear: number | null;
  /** The calendar year it names, if any. */
  readonly year: number | null;
}

/** One way of naming a period: its pattern, its reading, and the years it can lend. */
export interface TimelineForm {
  readonly name: string;
  readonly pattern: RegExp;
  readonly read: (m: RegExpMatchArray) => FormReading;
  readonly hint: (m: RegExpMatchArray) => YearHint;
}

const isYear = (y: number): boolean => Number.isInteger(y) && y >= 1900 && y <= 2100;
const isMonth = (m: number): boolean => Number.isInteger(m) && m >= 1 && m <= 12;

/** 'YYYY-MM', or null when the year or month is not a real one. */
function month(year: number, m: number): string | null {
  return isYear(year) && isMonth(m) ? `${year}-${String(m).padStart(2, '0')}` : null;
}

function span(start: string | null, end: string | null): FormReading {
  return start != null && end != null && start <= end ? { kind: 'span', span: { start, end } } : { kind: 'invalid' };
}

/** "2023-24" is the school year 2023-2024. */
function secondYear(first: number, text: string): number {
  return text.length === 2 ? Math.floor(first / 100) * 100 + Number(text) : Number(text);
}

const schoolYearSpan = (y: number): FormReading => span(month(y, 9), month(y + 1, 5));

function semesterSpan(semester: number, y: number): MonthSpan | null {
  const reading = semester === 1 ? span(month(y, 9), month(y + 1, 1)) : span(month(y + 1, 1), month(y + 1, 5));
  return reading.kind === 'span' ? reading.span : null;
}

function quarterSpan(quarter: number, y: number): MonthSpan | null {
  const reading = span(month(y, quarter * 3 - 2), month(y, quarter * 3));
  return reading.kind === 'span' ? reading.span : null;
}

const noHint: YearHint = { schoolYear: null, year: null };
const YEARS = '(\\d{4})\\s*[-–—/]\\s*(\\d{4}|\\d{2})(?!\\d)';
const NUM = '(?<![\\d/.-])';

/** Forms in priority order: where two start at the same place, the earlier one wins. */
export const TIMELINE_FORMS: readonly TimelineForm[] = [
  {
    // A year has two semesters, so the strokes a scan leaves of "II" ("11", "Il", "I!", "H") can
    // only be the second ("IH" too), and one stroke ("l", "|") the first.
    name: 'semester', // "Học kỳ I năm học 2025-2026", "HK1", "học kì II"
    pattern: new RegExp(`(?<![a-z])(?:hoc k[yi]|hk)\\s*(ii|[il1|!]{2}|ih|hi|i|1|2|h|l|\\||!)(?![a-z0-9])(?:\\s*[,:-]?\\s*(?:cua\\s+)?(?:nam hoc|nh)?\\s*:?\\s*${YEARS})?`, 'g'),
    read: (m) => {
      const semester = m[1].length === 2 || m[1] === 'h' || m[1] === '2' ? 2 : 1;
      if (m[2] == null) return { kind: 'needs-year', resolve: (h) => (h.schoolYear == null ? null : semesterSpan(semester, h.schoolYear)) };
      const y = Number(m[2]);
      if (secondYear(y, m[3]) !== y + 1) return { kind: 'invalid' };
      const s = semesterSpan(semester, y);
      return s == null ? { kind: 'invalid' } : { kind: 'span', span: s };
    },
    hint: (m) => (m[2] == null ? noHint : { schoolYear: Number(m[2]), year: null }),
  },
  {
    name: 'school-year', // "Năm học 2020-2021", "NH 2023-2024", "năm học 2023- 2024", "giai đoạn 2024-2029"
    pattern: new RegExp(`(?<![a-z])(nam hoc|nh|giai doan)\\s*:?\\s*${YEARS}`, 'g'),
    read: (m) => {
      const y = Number(m[2]);
      const y2 = secondYear(y, m[3]);
      if (m[1] === 'giai doan') return y2 > y && y2 - y <= 10 ? span(month(y, 9), month(y2, 5)) : { kind: 'invalid' };
      return y2 === y + 1 ? schoolYearSpan(y) : { kind: 'invalid' };
    },
    hint: (m) => ({ schoolYear: Number(m[2]), year: null }),
  },
  {
    name: 'quarter', // "Quý 1/2024", "Quý I/2027", "quý II năm 2024"; "Quý 11/2023" (a scan's "III") is no quarter, not November
    pattern: new RegExp(`(?<![a-z])quy\\s*(iv|iii|ii|i|\\d{1,2})(?![a-z0-9])(?:\\s*[/.,-]?\\s*(?:nam\\s*)?(\\d{4})(?!\\d))?`, 'g'),
    read: (m) => {
      const quarter = romanOrDigitValue(m[1]) ?? 0;
      if (quarter < 1 || quarter > 4) return { kind: 'invalid' };
      if (m[2] == null) return { kind: 'needs-year', resolve: (h) => (h.year == null ? null : quarterSpan(quarter, h.year)) };
      const s = quarterSpan(quarter, Number(m[2]));
      return s == null ? { kind: 'invalid' } : { kind: 'span', span: s };
    },
    hint: (m) => ({ schoolYear: null, year: m[2] == null ? null : Number(m[2]) }),
  },
  {
    name: 'date', // "15/9/2024", "15.9.2024": the month it falls in
    pattern: new RegExp(`${NUM}(\\d{1,2})\\s*([/.-])\\s*(\\d{1,2})\\s*\\2\\s*(\\d{4})(?!\\d)`, 'g'),
    read: (m) => {
      const day = Number(m[1]);
      const at = month(Number(m[4]), Number(m[3]));
      return day >= 1 && day <= 31 ? span(at, at) : { kind: 'invalid' };
    },
    hint: (m) => ({ schoolYear: null, year: Number(m[4]) }),
  },
  {
    name: 'month-range', // "tháng 9-12/2024"
    pattern: new RegExp(`${NUM}(\\d{1,2})\\s*[-–]\\s*(\\d{1,2})\\s*/\\s*(\\d{4})(?!\\d)`, 'g'),
    read: (m) => span(month(Number(m[3]), Number(m[1])), month(Number(m[3]), Number(m[2]))),
    hint: (m) => ({ schoolYear: null, year: Number(m[3]) }),
  },
  {
    name: 'month', // "tháng 9/2024", "9/2024", "thántg 9/2024" (the digits carry it), "tháng 9 năm 2024"
    // A dash before the month is a range ("9/2024-5/2025"), not part of a number.
    pattern: new RegExp(`(?:(?<![a-z])thang\\s*(\\d{1,2})\\s*,?\\s*nam\\s*(\\d{4})|(?<![\\d/.])(\\d{1,2})\\s*[/.-]\\s*(\\d{4}))(?!\\d)`, 'g'),
    read: (m) => {
      const at = month(Number(m[2] ?? m[4]), Number(m[1] ?? m[3]));
      return span(at, at);
    },
    hint: (m) => ({ schoolYear: null, year: Number(m[2] ?? m[4]) }),
  },
  {
    name: 'month-no-year', // "Từ tháng 9 đến tháng 12/2024": the year comes from the neighbour
    pattern: /(?<![a-z])thang\s*(\d{1,2})(?!\d)(?!\s*[-–/.]\s*\d)/g,
    read: (m) => {
      const monthNo = Number(m[1]);
      if (monthNo < 1 || monthNo > 12) return { kind: 'invalid' };
      return {
        kind: 'needs-year',
        resolve: (h) => {
          const at = h.year == null ? null : month(h.year, monthNo);
          return at == null ? null : { start: at, end: at };
        },
      };
    },
    hint: () => noHint,
  },
  {
    name: 'year-range', // "2024-2025" alone reads as a school year; "2024-2026" as calendar years
    pattern: new RegExp(`${NUM}(\\d{4})\\s*[-–—]\\s*(\\d{4})(?!\\d)`, 'g'),
    read: (m) => {
      const y = Number(m[1]);
      const y2 = Number(m[2]);
      return y2 === y + 1 ? schoolYearSpan(y) : span(month(y, 1), month(y2, 12));
    },
    hint: (m) => ({ schoolYear: Number(m[2]) === Number(m[1]) + 1 ? Number(m[1]) : null, year: null }),
  },
  {
    name: 'year', // "Năm 2024", "Từ 2025 đến 2028"
    pattern: new RegExp(`${NUM}((?:19|20)\\d{2})(?![\\d/])`, 'g'),
    read: (m) => span(month(Number(m[1]), 1), month(Number(m[1]), 12)),
    hint: (m) => ({ schoolYear: null, year: Number(m[1]) }),
  },
];
