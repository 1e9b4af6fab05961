/**
 * Timeline cells: the generator decides the months first, then writes them in one of the forms
 * the contract lists (a school year runs September to May, its first semester September to
 * January, its second January to May). The gold is the decided months.
 */
import type { Rng } from './random.js';

export type TimelineForm =
  | 'school-year'
  | 'school-year-open'
  | 'from-school-year'
  | 'quarter'
  | 'year'
  | 'semester'
  | 'month-range'
  | 'month'
  | 'perform-complete'
  | 'unreadable'
  | 'empty';

export interface TimelineCell {
  lines: string[];
  start: string | null;
  end: string | null;
  form: TimelineForm;
}

const ym = (y: number, m: number) => `${y}-${String(m).padStart(2, '0')}`;
const ROMAN = ['I', 'II', 'III', 'IV'];

export const DEFAULT_TIMELINE_FORMS: Partial<Record<TimelineForm, number>> = {
  'school-year': 22,
  'school-year-open': 8,
  'from-school-year': 4,
  quarter: 10,
  year: 8,
  semester: 10,
  'month-range': 22,
  month: 5,
  'perform-complete': 4,
  unreadable: 2,
  empty: 5,
};

/** "2020-2021", "2020 – 2021", "2020 - 2021". */
function years(rng: Rng, y: number): string {
  return rng.pick([`${y}-${y + 1}`, `${y} – ${y + 1}`, `${y} - ${y + 1}`, `${y}-${y + 1}`]);
}

/**
 * A timeline within the school year starting in September of `y` (or, for a multi-year plan,
 * up to `lastYear`).
 */
export function randomTimeline(rng: Rng, y: number, lastYear: number = y, weights = DEFAULT_TIMELINE_FORMS): TimelineCell {
  const form = rng.weighted(weights);
  const cell = (lines: string[], start: string | null, end: string | null): TimelineCell => ({ lines, start, end, form });
  switch (form) {
    case 'school-year': {
      const s = rng.int(y, lastYear);
      return cell([`${rng.pick(['Năm học', 'Năm học', 'năm học'])} ${years(rng, s)}`], ym(s, 9), ym(s + 1, 5));
    }
    case 'school-year-open': {
      const lines = rng.chance(0.5) ? [`Năm học ${years(rng, y)} và các năm học tiếp theo`] : [`Năm học ${years(rng, y)}`, 'và các năm học tiếp theo'];
      return cell(lines, ym(y, 9), null);
    }
    case 'from-school-year':
      return cell([`Từ năm học ${years(rng, y)}`], ym(y, 9), null);
    case 'quarter': {
      const year = rng.int(y, y + 1);
      const q = year === y ? rng.int(3, 4) : rng.int(1, 2);
      const written = rng.chance(0.5) ? String(q) : ROMAN[q - 1];
      return cell([`Quý ${written}/${year}`], ym(year, q * 3 - 2), ym(year, q * 3));
    }
    case 'year': {
      const year = rng.int(y, lastYear + 1);
      return cell([`Năm ${year}`], ym(year, 1), ym(year, 12));
    }
    case 'semester': {
      const second = rng.chance(0.5);
      const s = rng.int(y, lastYear);
      const hk = `Học kỳ ${second ? 'II' : 'I'}`;
      const lines = rng.chance(0.7) ? [`${hk} năm học ${years(rng, s)}`] : [hk, `năm học ${years(rng, s)}`];
      return second ? cell(lines, ym(s + 1, 1), ym(s + 1, 5)) : cell(lines, ym(s, 9), ym(s + 1, 1));
    }
    case 'month-range': {
      // Start between September and the next March, end one to eight months later.
      const startIndex = rng.int(0, 6);
      const sy = startIndex <= 3 ? y : y + 1;
      const sm = startIndex <= 3 ? 9 + startIndex : startIndex - 3;
      const endAbs = sy * 12 + (sm - 1) + rng.int(1, 8);
      const ey = Math.floor(endAbs / 12);
      const em = (endAbs % 12) + 1;
      const style = rng.int(0, 4);
      const lines =
        style === 0
          ? [`Từ ${sm}/${sy} Đến ${em}/${ey}`]
          : style === 1
            ? [`Từ tháng ${sm}/${sy} đến tháng ${em}/${ey}`]
            : style === 2
              ? [`${sm}/${sy}-${em}/${ey}`]
              : style === 3
                ? [`Từ ${sm}/${sy} - ${em}/${ey}`]
                : ['Từ tháng', `${sm}/${sy} đến`, `tháng ${em}/${ey}`];
      return cell(lines, ym(sy, sm), ym(ey, em));
    }
    case 'month': {
      const m = rng.int(1, 12);
      const year = m >= 9 ? y : y + 1;
      return cell([`Tháng ${m}/${year}`], ym(year, m), ym(year, m));
    }
    case 'perform-complete': {
      const end = Math.max(lastYear, y + rng.int(1, 4));
      return cell([`Thời gian thực hiện: năm học ${y}-${y + 1}`, `Thời gian hoàn thành: đến hết năm học ${end}-${end + 1}`], ym(y, 9), ym(end + 1, 5));
    }
    case 'unreadable':
      // The contract: wording the parser cannot read gives nulls (and a warning), never a guess.
      return cell([rng.pick(['Thường xuyên', 'Hằng tháng', 'Liên tục'])], null, null);
    case 'empty':
      return cell([], null, null);
  }
}
