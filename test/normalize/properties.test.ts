import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findCircular,
  parseBudget,
  parseCriterion,
  parseLevel,
  parsePlaceDate,
  parseSchoolYear,
  parseStandardHeading,
  parseStatus,
  parseTimeline,
  schoolLevelFromName,
  splitOwners,
  budgetUnitFromHeader,
} from '../../src/normalize/index.js';

const MONEY_WORDS = [
  'một', 'mốt', 'hai', 'ba', 'bốn', 'tư', 'năm', 'lăm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mươi', 'trăm',
  'linh', 'lẻ', 'rưỡi', 'không', 'chục', 'nghìn', 'ngàn', 'triệu', 'tr', 'tỷ', 'tỉ', 'đồng', 'đ', 'VNĐ', 'trđ',
  'chẵn', 'Ngân sách', 'XHH', 'Tổng', 'trong đó', 'năm học', 'Quý', 'Từ', 'đến', 'tháng', 'Học kỳ', 'II',
  '250.000.000', '1,5', '2,500', '0', '000', '.000', '9/2024', '2024', '2023- 2024', '100%',
  '(', ')', '.', ',', ';', '/', '-', '+', ':', '\n', ' ',
];

/** Cells built from the words budgets and timelines are written in, with digits and noise between. */
const cellLike = fc
  .array(
    fc.oneof(
      { weight: 4, arbitrary: fc.constantFrom(...MONEY_WORDS) },
      { weight: 2, arbitrary: fc.nat({ max: 10_000_000 }).map(String) },
      { weight: 1, arbitrary: fc.string({ maxLength: 4 }) },
    ),
    { maxLength: 24 },
  )
  .chain((parts) => fc.constantFrom(parts.join(' '), parts.join('')));

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), cellLike);
const multiplier = fc.option(fc.oneof(fc.constantFrom(1, 1_000, 1_000_000, 1_000_000_000), fc.double()), { nil: undefined });
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

describe('parseBudget on any text', () => {
  it('never throws and gives a null or a non-negative whole number of đồng within 10^15', () => {
    fc.assert(
      fc.property(anyText, multiplier, (text, unit) => {
        const { amount, fundingSource } = parseBudget(text, { unitMultiplier: unit });
        expect(amount === null || (Number.isSafeInteger(amount) && amount >= 0 && amount <= 1e15)).toBe(true);
        expect(fundingSource === null || (typeof fundingSource === 'string' && fundingSource.trim() !== '')).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any whole number written with dot separators and "đồng" as itself (under 1 000 đồng: none, with a warning)', () => {
    fc.assert(
      fc.property(fc.nat({ max: 999_999_999_999 }), (n) => {
        const dotted = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
        const reading = parseBudget(`${dotted} đồng`);
        if (n === 0 || n >= 1000) expect(reading).toEqual({ amount: n, fundingSource: null });
        else expect(reading).toMatchObject({ amount: null, warning: { code: 'budget.ambiguous' } });
      }),
    );
  });

  it('reads "N triệu đồng" for any N as N million', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), (n) => {
        expect(parseBudget(`${n} triệu đồng`).amount).toBe(n * 1_000_000);
      }),
    );
  });

  it('reads amounts spelled out in Vietnamese words as their value', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), (billions, millions) => {
        const text = millions === 0 ? `${spell(billions)} tỷ đồng` : `${spell(billions)} tỷ ${spell(millions)} triệu đồng`;
        expect(parseBudget(text).amount).toBe(billions * 1e9 + millions * 1e6);
      }),
    );
  });
});

describe('parseTimeline on any text', () => {
  it('never throws and gives valid months with the start not after the end', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const { start, end, warning } = parseTimeline(text);
        for (const m of [start, end]) expect(m === null || MONTH.test(m)).toBe(true);
        if (start !== null && end !== null) expect(start <= end).toBe(true);
        if (warning) expect(start === null && end === null).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads any school year "Năm học Y-(Y+1)" as September to May', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2099 }), (y) => {
        expect(parseTimeline(`Năm học ${y}-${y + 1}`)).toEqual({ start: `${y}-09`, end: `${y + 1}-05` });
      }),
    );
  });
});

describe('the other normalizers on any text', () => {
  it('never throw, and keep their results in range', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const criterion = parseCriterion(text);
        if (criterion) expect(criterion.code).toMatch(/^[1-5]\.\d{1,2}$/);
        const level = parseLevel(text);
        expect(level === null || (level >= 1 && level <= 4)).toBe(true);
        const heading = parseStandardHeading(text);
        if (heading) expect(heading.standard >= 1 && heading.standard <= 5).toBe(true);
        const owners = splitOwners(text);
        expect(new Set(owners).size).toBe(owners.length);
        for (const o of owners) expect(o === o.trim() && o !== '' && o === o.normalize('NFC')).toBe(true);
        parseStatus(text);
        findCircular(text);
        schoolLevelFromName(text);
        budgetUnitFromHeader(text);
        const placeDate = parsePlaceDate(text);
        if (placeDate) expect(placeDate.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const year = parseSchoolYear(text);
        if (year) expect(year).toMatch(/^\d{4}-\d{4}$/);
      }),
      { numRuns: 2000 },
    );
  });
});

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 1–999 the way the amount-in-words line of a plan writes it ("một trăm linh năm", "hai mươi mốt"). */
function spell(n: number): string {
  const [h, t, u] = [Math.floor(n / 100), Math.floor(n / 10) % 10, n % 10];
  const words: string[] = [];
  if (h > 0) words.push(DIGITS[h], 'trăm');
  if (t === 0 && u > 0 && h > 0) words.push('linh');
  if (t === 1) words.push('mười');
  if (t > 1) words.push(DIGITS[t], 'mươi');
  if (u > 0) words.push(u === 1 && t > 1 ? 'mốt' : u === 5 && t > 0 ? 'lăm' : u === 4 && t > 1 ? 'tư' : DIGITS[u]);
  return words.join(' ');
}
