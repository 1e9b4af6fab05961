import { describe, expect, it } from 'vitest';
import { parseTimeline, tidyScannedTimeline } from '../../src/normalize/index.js';

const LONG = 'Thời gian thực hiện: năm học 2024-2025 Thời gian hoàn thành: đến hết năm học 2028-2029';

describe('parseTimeline reads the periods the extraction contract names', () => {
  it.each([
    { text: 'Năm học 2020-2021', start: '2020-09', end: '2021-05' },
    { text: 'Năm học 2020 – 2021', start: '2020-09', end: '2021-05' },
    { text: 'năm học 2023- 2024', start: '2023-09', end: '2024-05' },
    { text: 'NĂM HỌC 2023-2024', start: '2023-09', end: '2024-05' },
    { text: 'NH 2023-2024', start: '2023-09', end: '2024-05' },
    // As scans leave them: a stop beside the dash, the dash lost after "năm học".
    { text: 'Năm học 2024. - 2025', start: '2024-09', end: '2025-05' },
    { text: 'năm học 2024-. 2025', start: '2024-09', end: '2025-05' },
    { text: 'năm học 2027 2028', start: '2027-09', end: '2028-05' },
    // The dash read as "=" or beside one, or as a colon between consecutive years.
    { text: 'Học kỳ II năm học 2025 –=2026', start: '2026-01', end: '2026-05' },
    { text: 'năm học 2025 –=2026', start: '2025-09', end: '2026-05' },
    { text: 'Từ 3/2020 = 8/2020', start: '2020-03', end: '2020-08' },
    { text: 'Năm học 2021: 2022', start: '2021-09', end: '2022-05' },
    // A tilde beside the dash, the dash between two months lost, the
    // open end's last word garbled ("tiếp teg").
    { text: 'Năm học 2019~– 2020', start: '2019-09', end: '2020-05' },
    { text: 'Năm học 2019~– 2020 và các năm học tiếp theo', start: '2019-09', end: null },
    { text: 'Từ 11/2023 3/2024', start: '2023-11', end: '2024-03' },
    { text: '12/2024 1/2025', start: '2024-12', end: '2025-01' },
    { text: 'Năm học 2022-2023 và các năm học tiếp teg', start: '2022-09', end: null },
    { text: 'Năm học 2023-24', start: '2023-09', end: '2024-05' },
    { text: 'Quý 1/2024', start: '2024-01', end: '2024-03' },
    { text: 'Quý I/2027', start: '2027-01', end: '2027-03' },
    { text: 'quý II năm 2024', start: '2024-04', end: '2024-06' },
    { text: 'Quý IV/2025', start: '2025-10', end: '2025-12' },
    { text: 'Năm 2024', start: '2024-01', end: '2024-12' },
    { text: 'Học kỳ I năm học 2025-2026', start: '2025-09', end: '2026-01' },
    { text: 'Học kỳ II năm học 2025-2026', start: '2026-01', end: '2026-05' },
    { text: 'HK1 năm học 2025-2026', start: '2025-09', end: '2026-01' },
    { text: 'HKII 2025-2026', start: '2026-01', end: '2026-05' },
    { text: 'Học kì 2, năm học 2025-2026', start: '2026-01', end: '2026-05' },
    { text: 'Từ 8/2023 Đến 5/2024', start: '2023-08', end: '2024-05' },
    { text: 'Từ tháng 9/2024 đến tháng 5/2025', start: '2024-09', end: '2025-05' },
    { text: 'Từ thántg 9/2024 đến thántg 5/2025', start: '2024-09', end: '2025-05' },
    { text: 'Từ 10/2026 - 4/2027', start: '2026-10', end: '2027-04' },
    { text: '9/2024-5/2025', start: '2024-09', end: '2025-05' },
    { text: 'Tháng 9/2024 - tháng 5/2025', start: '2024-09', end: '2025-05' },
    { text: 'tháng 9/2024', start: '2024-09', end: '2024-09' },
    { text: 'Tháng 9 năm 2024', start: '2024-09', end: '2024-09' },
    { text: 'Tháng 9-12/2024', start: '2024-09', end: '2024-12' },
    { text: '15/9/2024', start: '2024-09', end: '2024-09' },
    { text: 'Từ 15/9/2024 đến 20/5/2025', start: '2024-09', end: '2025-05' },
    { text: 'Từ 2025 đến 2028', start: '2025-01', end: '2028-12' },
    { text: 'Năm 2024-2025', start: '2024-09', end: '2025-05' },
    { text: 'Giai đoạn 2024-2029', start: '2024-09', end: '2029-05' },
    { text: LONG, start: '2024-09', end: '2029-05' },
    { text: 'Quý 1 và quý 2/2024', start: '2024-01', end: '2024-06' },
    { text: 'Học kỳ I và học kỳ II năm học 2025-2026', start: '2025-09', end: '2026-05' },
    { text: 'Tháng 9/2024 - tháng 5/2025', start: '2024-09', end: '2025-05' },
    { text: 'Từ tháng 9 đến tháng 12/2024', start: '2024-09', end: '2024-12' },
    { text: 'Từ tháng 9 đến tháng 5/2025', start: '2024-09', end: '2025-05' },
    { text: 'Từ quý 4 đến quý 1/2025', start: '2024-10', end: '2025-03' },
    { text: 'Từ ngày 5/9/2024 đến ngày 31/5/2025', start: '2024-09', end: '2025-05' },
  ])('reads $text as $start … $end', ({ text, start, end }) => {
    expect(parseTimeline(text)).toEqual({ start, end });
  });
});

describe('parseTimeline reads the semester a scan left as strokes', () => {
  // Two semesters only: two strokes ("11", "Il", "I!", "H", "IH") are the second, one the first.
  it.each([
    { text: 'Học kỳ H năm học 2019-2020', start: '2020-01', end: '2020-05' },
    { text: 'Học kỳ I! năm học 2022-2023', start: '2023-01', end: '2023-05' },
    { text: 'Học kỳ IH nam học 2020 – 2021', start: '2021-01', end: '2021-05' },
    { text: 'Học kỳ 11 năm học 2023-2024', start: '2024-01', end: '2024-05' },
    { text: 'Học kỳ l năm học 2020-2021', start: '2020-09', end: '2021-01' },
  ])('reads $text as $start … $end', ({ text, start, end }) => {
    expect(parseTimeline(text)).toEqual({ start, end });
  });
});

describe('parseTimeline leaves an open end or start null, without a warning', () => {
  it.each([
    { text: 'Năm học 2020-2021 và các năm học tiếp theo', start: '2020-09', end: null },
    { text: 'Từ năm học 2023-2024', start: '2023-09', end: null },
    { text: 'Từ năm học 2023- 2024', start: '2023-09', end: null },
    { text: 'Từ tháng 9/2024', start: '2024-09', end: null },
    { text: 'Từ năm 2024 trở đi', start: '2024-01', end: null },
    { text: 'Đến hết năm học 2028-2029', start: null, end: '2029-05' },
  ])('reads $text as $start … $end', ({ text, start, end }) => {
    expect(parseTimeline(text)).toEqual({ start, end });
  });
});

describe('parseTimeline gives nulls and a warning rather than a guess', () => {
  it.each(['Cả năm', 'Thường xuyên', 'Hằng tháng', 'Học kỳ I', 'Quý 2', 'tháng 9', 'Tuần 3'])(
    'warns that "%s" is unparsed',
    (text) => {
      const reading = parseTimeline(text);
      expect(reading).toMatchObject({ start: null, end: null });
      expect(reading.warning?.code).toBe('timeline.unparsed');
    },
  );

  it.each(['Từ năm học 2013- 2024', 'Năm học 2024-2026', 'Từ 5/2025 đến 9/2024', 'tháng 13/2024', 'Quý 5/2024', '32/9/2024', 'Quý 11/2023'])(
    'warns that "%s" names an impossible period',
    (text) => {
      const reading = parseTimeline(text);
      expect(reading).toMatchObject({ start: null, end: null });
      expect(reading.warning?.code).toBe('timeline.invalid');
    },
  );

  it.each([null, undefined, '', '  \n '])('reads the empty cell %j as nulls without a warning', (text) => {
    expect(parseTimeline(text)).toEqual({ start: null, end: null });
  });
});

describe('parseTimeline says so when a scan lost what the period turns on', () => {
  it.each(['/2023-3/2023', 'Học kỳ năm học 2020 - 2021', 'Từ 11/202. 3-3/2024'])('%s: nulls and timeline.ambiguous, never a guess', (text) => {
    const r = parseTimeline(text);
    expect(r).toMatchObject({ start: null, end: null });
    expect(r.warning?.code).toBe('timeline.ambiguous');
  });
  it.each(['Quý I/2027', 'Quý IV/2025', 'Từ 3/2023 đến 5/2023', 'Học kỳ II năm học 2020 - 2021'])('no warning for %s', (text) => {
    expect(parseTimeline(text).warning).toBeUndefined();
  });
});

describe('parseTimeline reads every timeline cell of the fixtures', () => {
  it.each([
    { fixture: 'kh-2021-mn-thanhyen', text: 'Năm học 2020-2021 và các năm học tiếp theo', start: '2020-09', end: null },
    { fixture: 'kh-2021-mn-thanhyen', text: 'Năm học 2020-2021', start: '2020-09', end: '2021-05' },
    { fixture: 'kh-2023-th-hemuong', text: 'Quý 1/2024', start: '2024-01', end: '2024-03' },
    { fixture: 'kh-2023-th-hemuong', text: null, start: null, end: null },
    { fixture: 'kh-2023-th-hemuong', text: 'Năm 2024', start: '2024-01', end: '2024-12' },
    { fixture: 'kh-2023-th-hemuong', text: 'Từ 8/2023 Đến 5/2024', start: '2023-08', end: '2024-05' },
    { fixture: 'kh-2023-th-hemuong', text: 'Từ năm học 2023- 2024', start: '2023-09', end: null },
    { fixture: 'kh-2024-mn-7cot', text: 'Từ tháng 9/2024 đến tháng 5/2025', start: '2024-09', end: '2025-05' },
    { fixture: 'kh-2024-mn-7cot', text: 'Từ 2025 đến 2028', start: '2025-01', end: '2028-12' },
    { fixture: 'kh-2024-mn-7cot', text: 'Từ thántg 9/2024 đến tháng 5/2025', start: '2024-09', end: '2025-05' },
    { fixture: 'kh-2024-mn-tayuc', text: LONG, start: '2024-09', end: '2029-05' },
    { fixture: 'kh-2026-thcs-dongson', text: 'Từ tháng 9/2026 đến tháng 5/2027', start: '2026-09', end: '2027-05' },
    { fixture: 'kh-2026-thcs-dongson', text: 'Năm học 2026-2027', start: '2026-09', end: '2027-05' },
    { fixture: 'kh-2026-thcs-dongson', text: 'Học kỳ I năm học 2026-2027', start: '2026-09', end: '2027-01' },
    { fixture: 'kh-2026-thcs-dongson', text: 'Quý I/2027', start: '2027-01', end: '2027-03' },
    { fixture: 'kh-2026-thcs-dongson', text: 'Từ 10/2026 - 4/2027', start: '2026-10', end: '2027-04' },
  ])('$fixture: reads $text as $start … $end', ({ text, start, end }) => {
    expect(parseTimeline(text)).toEqual({ start, end });
  });

  it('kh-2023-th-hemuong: "Từ năm học 2013- 2024" (a typo, not scored) gives nulls and a warning', () => {
    const reading = parseTimeline('Từ năm học 2013- 2024');
    expect(reading).toMatchObject({ start: null, end: null });
    expect(reading.warning).toBeDefined();
  });
});

describe('tidyScannedTimeline puts back the Roman numeral a scan made impossible', () => {
  it.each([
    ['Quý 11/2020', 'Quý II/2020', '2020-04', '2020-06'],
    ['Quý 111/2020', 'Quý III/2020', '2020-07', '2020-09'],
    ['quý Il/2024', 'quý II/2024', '2024-04', '2024-06'],
    ['Quý 1V/2024', 'Quý IV/2024', '2024-10', '2024-12'],
    ['HK 11 năm học 2022-2023', 'HK II năm học 2022-2023', '2023-01', '2023-05'],
    ['Học kỳH năm học 2022-2023', 'Học kỳ II năm học 2022-2023', '2023-01', '2023-05'],
    ['Học kỳ Ĩ năm học 2026-2027', 'Học kỳ I năm học 2026-2027', '2026-09', '2027-01'],
  ])('%s → %s', (read, tidy, start, end) => {
    expect(tidyScannedTimeline(read)).toBe(tidy);
    expect(parseTimeline(tidyScannedTimeline(read))).toMatchObject({ start, end });
  });
  it.each([
    ['Năm học 2022-. 2023', 'Năm học 2022-2023'],
    ['Năm học 2022. - 2023', 'Năm học 2022 - 2023'],
    ['Năm học. 2024 – 2025', 'Năm học 2024 – 2025'],
    ["Từ tháng 11/2022. đến tháng ' 5/2023", 'Từ tháng 11/2022 đến tháng 5/2023'],
    ['9/2022-11/2022.', '9/2022-11/2022'],
    ['Quý. 4/2021', 'Quý 4/2021'],
    ['Từ 1/2025 Đốn 5/2025', 'Từ 1/2025 Đến 5/2025'],
    ['Từ tháng 1/2022 đền tháng 5/2022', 'Từ tháng 1/2022 đến tháng 5/2022'],
    ['Học kỳ I nam học 2027-2028', 'Học kỳ I năm học 2027-2028'],
    ['Học kỳ II năm... học 2019-2020', 'Học kỳ II năm học 2019-2020'],
    ['Học kỳ I năm học 2024 - 2025 ¿', 'Học kỳ I năm học 2024 - 2025'],
    ['1/2025-9/2025..', '1/2025-9/2025'],
    ['Học kỳ lInăm học 2024-2025', 'Học kỳ II năm học 2024-2025'],
    ['Tháng 1⁄2021', 'Tháng 1/2021'],
    ['Từ1 1/2027 - 7/2028', 'Từ 11/2027 - 7/2028'],
  ])('puts right what a scan did to a period (specks read as stops, a misread "đến", "năm"): %s → %s', (read, tidy) => {
    expect(tidyScannedTimeline(read)).toBe(tidy);
  });
  it.each(['Quý 1/2021', 'Quý 4/2022', 'Tháng 11/2020', 'Quý II/2028', 'Từ 11/2025 đến 12/2025', 'Từ 9.2024 đến 5.2025'])('leaves a possible period as read: %s', (text) => {
    expect(tidyScannedTimeline(text)).toBe(text);
  });
});
