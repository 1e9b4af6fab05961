/**
 * Budget cells: the generator first decides the amount in đồng (or that there is none), then
 * writes it the way schools do — digits, units, words, "Không", a source only, two sources
 * summed, an amount restated in brackets, a bare number under a unit in the header. The gold is
 * the decided amount, never a reading of the written text.
 */
import type { Rng } from './random.js';

export const SKIP = '__skip__';
export type Skip = typeof SKIP;

/** The unit a budget column's header states, which applies to bare numbers in its cells. */
export type HeaderUnit = 'none' | 'trieu' | 'dong' | 'vnd';

export type BudgetForm =
  | 'digits-dong'
  | 'digits-d'
  | 'digits-bare'
  | 'digits-vnd'
  | 'unit-decimal'
  | 'unit-compound'
  | 'unit-simple'
  | 'words'
  | 'restated'
  | 'two-sources'
  | 'amount-source'
  | 'none'
  | 'source-only'
  | 'empty'
  | 'header-unit-number';

export interface BudgetCell {
  /** The cell's lines as written; [] for an empty cell. */
  lines: string[];
  /** The amount decided, in đồng; null when the cell states none. */
  vnd: number | null;
  /** The source the cell names; SKIP where the contract does not say what the field holds. */
  fundingSource: string | null | Skip;
  form: BudgetForm;
}

/** "250000000" → "250.000.000". */
export function dotted(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];

/** 1–999 in words: "hai trăm năm mươi", "mười lăm", "một trăm linh năm", "hai mươi mốt". */
export function hundredsInWords(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 999) throw new Error(`not 1–999: ${n}`);
  const h = Math.floor(n / 100);
  const rest = n % 100;
  const t = Math.floor(rest / 10);
  const u = rest % 10;
  const parts: string[] = [];
  if (h) parts.push(`${DIGITS[h]} trăm`);
  if (t === 0 && u) parts.push(h ? `linh ${DIGITS[u]}` : DIGITS[u]);
  else if (t === 1) parts.push(u ? `mười ${u === 5 ? 'lăm' : DIGITS[u]}` : 'mười');
  else if (t > 1) parts.push(`${DIGITS[t]} mươi${u === 0 ? '' : ` ${u === 1 ? 'mốt' : u === 5 ? 'lăm' : DIGITS[u]}`}`);
  return parts.join(' ');
}

/**
 * An amount in words, or null when its groups would need "không trăm" (spelt differently by
 * different schools, so not a form the gold can promise): "Ba trăm triệu đồng".
 */
export function amountInWords(vnd: number): string | null {
  const groups: [number, string][] = [
    [Math.floor(vnd / 1e9), 'tỷ'],
    [Math.floor(vnd / 1e6) % 1000, 'triệu'],
    [Math.floor(vnd / 1e3) % 1000, 'nghìn'],
  ];
  if (vnd % 1000 !== 0 || vnd <= 0) return null;
  const parts: string[] = [];
  let leading = true;
  for (const [value, unit] of groups) {
    if (value === 0) continue;
    if (value >= 1000) return null;
    if (!leading && value < 100) return null;
    parts.push(`${hundredsInWords(value)} ${unit}`);
    leading = false;
  }
  const text = `${parts.join(' ')} đồng`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Round amounts as plans state them, in triệu. */
const MILLIONS = [1, 2, 3, 5, 6, 8, 10, 12, 15, 18, 20, 24, 25, 30, 35, 40, 45, 50, 60, 70, 80, 100, 120, 150, 180, 200, 250, 300, 350, 400, 450, 500, 600, 750, 800, 900];
const BILLIONS_TENTHS = [10, 12, 15, 20, 25, 30, 35]; // 1,0 … 3,5 tỷ
const SOURCES_ONLY = ['Từ nguồn ngân sách', 'XHH', 'Xã hội hóa', 'Ngân sách nhà nước', 'Từ nguồn kinh phí hoạt động của nhà trường', 'Từ Ban ĐDCMHS', 'Nguồn chi thường xuyên', 'Huy động xã hội hóa'];
const SOURCE_NAMES = ['Ngân sách', 'NS', 'XHH', 'Xã hội hóa', 'Ngân sách nhà nước', 'Chi thường xuyên', 'Ngân sách xã'];

function decideAmount(rng: Rng): number {
  const r = rng.next();
  if (r < 0.75) return rng.pick(MILLIONS) * 1e6;
  if (r < 0.85) return rng.pick(BILLIONS_TENTHS) * 1e8;
  // Odd amounts: 12.500.000, 7.350.000.
  return rng.int(2, 60) * 1e6 + rng.pick([250, 350, 500, 750]) * 1e3;
}

/** "1,5 tỷ", "350 triệu", "2,5 triệu": an amount written with one unit word, if it can be. */
function withUnit(vnd: number): { number: string; unit: string } | null {
  if (vnd >= 1e9 && vnd % 1e8 === 0) return { number: String(vnd / 1e9).replace('.', ','), unit: 'tỷ' };
  if (vnd >= 1e6 && vnd % 1e5 === 0 && vnd < 1e9) return { number: String(vnd / 1e6).replace('.', ','), unit: 'triệu' };
  return null;
}

/** "2 tỷ 500 triệu", when the amount has both parts. */
function compound(vnd: number): string | null {
  const b = Math.floor(vnd / 1e9);
  const m = (vnd % 1e9) / 1e6;
  if (b === 0 || m === 0 || !Number.isInteger(m)) return null;
  return `${b} tỷ ${m} triệu`;
}

function breakLine(rng: Rng, text: string): string[] {
  // A narrow budget column often has the unit on its own line.
  const m = /^(.*\d)\s+(\S.*)$/.exec(text);
  return m && rng.chance(0.25) ? [m[1], m[2]] : [text];
}

/** A budget cell of a 2018-form plan under a header with the given unit. */
export function randomBudget(rng: Rng, headerUnit: HeaderUnit, weights: Partial<Record<BudgetForm, number>> = DEFAULT_FORMS): BudgetCell {
  if (headerUnit === 'trieu') return underMillionsHeader(rng);
  if (headerUnit === 'dong' || headerUnit === 'vnd') return underDongHeader(rng);
  const form = rng.weighted(weights);
  const vnd = decideAmount(rng);
  const cell = (lines: string[], amount: number | null, fundingSource: string | null | Skip = null): BudgetCell => ({ lines, vnd: amount, fundingSource, form });
  switch (form) {
    case 'digits-dong':
      return cell(breakLine(rng, `${dotted(vnd)} đồng`), vnd);
    case 'digits-d':
      return cell([`${dotted(vnd)}${rng.pick(['đ', ' đ'])}`], vnd);
    case 'digits-bare':
      return cell([dotted(Math.max(vnd, 1e6))], Math.max(vnd, 1e6));
    case 'digits-vnd':
      return cell([`${dotted(vnd)} ${rng.pick(['VNĐ', 'VND'])}`], vnd);
    case 'unit-decimal':
    case 'unit-simple': {
      // A decimal comma needs an amount that has one: 1,5 tỷ, 2,5 triệu.
      const amount = form === 'unit-decimal' ? (rng.chance(0.5) ? rng.pick([12, 15, 25, 35, 45]) * 1e8 : rng.pick([15, 25, 35, 75, 125]) * 1e5) : vnd;
      const u = withUnit(amount);
      if (!u) return cell([`${dotted(amount)} đồng`], amount);
      const short = u.unit === 'triệu' && form === 'unit-simple' && rng.chance(0.15);
      return cell(breakLine(rng, `${u.number} ${short ? 'tr' : u.unit}${!short && rng.chance(0.6) ? ' đồng' : ''}`), amount);
    }
    case 'unit-compound': {
      const amount = rng.int(1, 3) * 1e9 + rng.pick([100, 200, 250, 500, 750]) * 1e6;
      return cell([`${compound(amount)}${rng.chance(0.5) ? ' đồng' : ''}`], amount);
    }
    case 'words': {
      const words = amountInWords(vnd);
      return words ? cell([words], vnd) : cell([`${dotted(vnd)} đồng`], vnd);
    }
    case 'restated': {
      const words = amountInWords(vnd);
      if (!words) return cell([`${dotted(vnd)} đồng`], vnd);
      const bracket = rng.pick([`(${words} chẵn)`, `(${words})`, `(Bằng chữ: ${words.charAt(0).toLowerCase()}${words.slice(1)})`]);
      return cell(rng.chance(0.5) ? [`${dotted(vnd)} đồng`, bracket] : [`${dotted(vnd)} đồng ${bracket}`], vnd);
    }
    case 'two-sources': {
      const a = rng.pick(MILLIONS.slice(4, 30)) * 1e6;
      const b = rng.pick(MILLIONS.slice(2, 20)) * 1e6;
      const [s1, s2] = rng.sample(SOURCE_NAMES, 2);
      const write = (n: number) => (rng.chance(0.5) ? `${dotted(n)} đồng` : `${n / 1e6} triệu đồng`);
      const first = `${s1}: ${write(a)}`;
      const second = `${s2}: ${write(b)}`;
      return cell(rng.chance(0.5) ? [`${first};`, second] : [`${first}; ${second}`], a + b, SKIP);
    }
    case 'amount-source': {
      const text = rng.chance(0.5) ? `${dotted(vnd)} đồng (nguồn ${rng.pick(['XHH', 'ngân sách', 'chi thường xuyên'])})` : `${rng.pick(SOURCE_NAMES)} ${dotted(vnd)} đồng`;
      return cell([text], vnd, SKIP);
    }
    case 'none':
      return cell([rng.pick(['Không', 'Không', 'không'])], 0);
    case 'source-only': {
      const text = rng.pick(SOURCES_ONLY);
      return cell([text], null, text);
    }
    case 'empty':
    case 'header-unit-number':
      return cell([], null);
  }
}

export const DEFAULT_FORMS: Partial<Record<BudgetForm, number>> = {
  'digits-dong': 20,
  'digits-d': 6,
  'digits-bare': 5,
  'digits-vnd': 3,
  'unit-decimal': 6,
  'unit-compound': 3,
  'unit-simple': 8,
  words: 4,
  restated: 4,
  'two-sources': 5,
  'amount-source': 4,
  none: 14,
  'source-only': 8,
  empty: 10,
};

/** Under "Kinh phí (triệu đồng)": bare numbers of triệu ("15", "2,5"), or none. */
function underMillionsHeader(rng: Rng): BudgetCell {
  const r = rng.next();
  if (r < 0.15) return { lines: ['Không'], vnd: 0, fundingSource: null, form: 'none' };
  if (r < 0.25) return { lines: [], vnd: null, fundingSource: null, form: 'empty' };
  const tenths = rng.chance(0.3) ? rng.pick([5, 15, 25, 35, 75, 125]) : rng.pick(MILLIONS.slice(0, 30)) * 10;
  const text = tenths % 10 === 0 ? String(tenths / 10) : String(tenths / 10).replace('.', ',');
  return { lines: [text], vnd: tenths * 1e5, fundingSource: null, form: 'header-unit-number' };
}

/** Under "Kinh phí (đồng)" / "(VNĐ)": bare dotted numbers of đồng, or none. */
function underDongHeader(rng: Rng): BudgetCell {
  const r = rng.next();
  if (r < 0.15) return { lines: ['Không'], vnd: 0, fundingSource: null, form: 'none' };
  if (r < 0.25) return { lines: [], vnd: null, fundingSource: null, form: 'empty' };
  const vnd = decideAmount(rng);
  return { lines: [dotted(vnd)], vnd, fundingSource: null, form: 'header-unit-number' };
}

/** "Nguồn lực bảo đảm" of a 2026-form task: resources in words, often with an amount. */
export function randomResource(rng: Rng): BudgetCell {
  const r = rng.next();
  if (r < 0.3) {
    const text = rng.pick(['Nhân lực của nhà trường', 'Xã hội hóa', 'Ngân sách nhà nước', 'Nhân lực, cơ sở vật chất hiện có']);
    return { lines: [text], vnd: null, fundingSource: text, form: 'source-only' };
  }
  if (r < 0.7) {
    const vnd = rng.pick(MILLIONS.slice(0, 28)) * 1e6;
    const source = rng.pick(['Ngân sách nhà nước', 'Chi thường xuyên', 'Ngân sách xã', 'Xã hội hóa']);
    const amount = rng.chance(0.5) ? `${dotted(vnd)} đồng` : `${vnd / 1e6} triệu đồng`;
    return { lines: [rng.chance(0.5) ? `${source}: ${amount}` : `${source} ${amount}`], vnd, fundingSource: SKIP, form: 'amount-source' };
  }
  if (r < 0.85) return randomBudget(rng, 'none', { 'two-sources': 1 });
  return { lines: [], vnd: null, fundingSource: null, form: 'empty' };
}
