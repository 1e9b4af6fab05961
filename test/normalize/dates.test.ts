import { describe, expect, it } from 'vitest';
import { parsePlaceDate, parsePlaceOnly, parseSchoolYear } from '../../src/normalize/index.js';

describe('parsePlaceDate reads the place and date line', () => {
  it.each([
    { text: 'Thanh Yên, ngày 10 tháng 3 năm 2021', place: 'Thanh Yên', date: '2021-03-10' },
    { text: 'Hệ Muông, ngày 18 tháng 9 năm 2023', place: 'Hệ Muông', date: '2023-09-18' },
    // OCR of a scanned date line: one letter of "tháng" misread.
    { text: 'Pom Lót, ngày 25 thúng 11 năm 2025', place: 'Pom Lót', date: '2025-11-25' },
    { text: 'Noong Hẹt, ngày 1 tháng 10:năm 2019', place: 'Noong Hẹt', date: '2019-10-01' },
    { text: 'TPHCM, ngày 31 tháng 08 năm 2024', place: 'TPHCM', date: '2024-08-31' },
    { text: '…, ngày  31  tháng 08 năm 2024', place: null, date: '2024-08-31' },
    { text: 'ngày 10/3/2021', place: null, date: '2021-03-10' },
    { text: 'Đông Sơn, ngày 18/9/2026', place: 'Đông Sơn', date: '2026-09-18' },
    { text: 'Quận 3, ngày 5 tháng 9 năm 2024', place: 'Quận 3', date: '2024-09-05' },
    { text: 'TP. Hồ Chí Minh, ngày 5 tháng 9 năm 2024', place: 'TP. Hồ Chí Minh', date: '2024-09-05' },
    { text: 'Độc lập - Tự do - Hạnh phúc Đông Sơn, ngày 18 tháng 9 năm 2026', place: 'Đông Sơn', date: '2026-09-18' },
    { text: 'ĐỘC LẬP - TỰ DO - HẠNH PHÚC Thanh Yên, ngày 10 tháng 3 năm 2021', place: 'Thanh Yên', date: '2021-03-10' },
    { text: 'Ngày 29 tháng 2 năm 2024', place: null, date: '2024-02-29' },
  ])('reads $text as $place on $date', ({ text, place, date }) => {
    expect(parsePlaceDate(text)).toEqual({ place, date });
  });

  it.each([null, '', 'Thanh Yên', 'Thanh Yên, ngày … tháng 3 năm 2021', 'ngày 31 tháng 2 năm 2024', 'ngày 10 tháng 13 năm 2021'])(
    'reads %j as no date',
    (text) => {
      expect(parsePlaceDate(text)).toBeNull();
    },
  );
});

describe('a place a scan specked, or whose date it garbled', () => {
  it('keeps the place\'s words past a speck stuck to one', () => {
    expect(parsePlaceDate('.Noong Hẹt, ngày 15 tháng 11 năm 2020')).toEqual({ place: 'Noong Hẹt', date: '2020-11-15' });
    expect(parsePlaceDate('Mường )Ảng, ngày 2 tháng 11 năm 2020')?.place).toBe('Mường Ảng');
  });
  it('reads the place before ", ngày <day>" when the date is no whole date, and nothing without one', () => {
    expect(parsePlaceDate('Pom Lót, ngày 22 tháng 09 năm in')).toBeNull();
    expect(parsePlaceOnly('Pom Lót, ngày 22 tháng 09 năm in')).toBe('Pom Lót');
    expect(parsePlaceOnly('Độc lập - Tự do - Hạnh phúc')).toBeNull();
    expect(parsePlaceOnly('họp vào ngày thứ hai')).toBeNull();
  });
});

describe('parseSchoolYear reads the period a title names', () => {
  it.each([
    { text: 'Năm học 2020 – 2021', year: '2020-2021' },
    { text: 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2023-2024', year: '2023-2024' },
    { text: 'giai đoạn 2024-2029', year: '2024-2029' },
    { text: 'Năm học 2024 – 2029', year: '2024-2029' },
    { text: 'năm học 2024 - 2025', year: '2024-2025' },
    { text: 'năm học 2023-24', year: '2023-2024' },
    { text: 'Kế hoạch cải tiến chất lượng 2026-2027', year: '2026-2027' },
  ])('reads $text as $year', ({ text, year }) => {
    expect(parseSchoolYear(text)).toBe(year);
  });

  it.each([null, '', 'KẾ HOẠCH', 'năm học 2013-2024', 'Năm 2024', '2020-2030'])('reads %j as no school year', (text) => {
    expect(parseSchoolYear(text)).toBeNull();
  });
});
