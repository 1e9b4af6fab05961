/**
 * A document spec: everything a generated plan or report says and how it is laid out, decided
 * from one seed. Renderers draw it (HTML → PDF, DOCX), goldOf reads the gold straight off it.
 * Values are decided first (a criterion, an amount, a span of months) and then written in one of
 * the ways schools write them; the written cells and the decided values both live here.
 */
import { criteriaOf, type RegistrySchoolLevel } from '../criteria/registry.js';
import type { Form, Kind, SchoolLevel, TaskStatus } from '../extract/contract.js';
import {
  agencyOf,
  ASSESSORS,
  CAUSES,
  CURRENT_STATES,
  EVIDENCE,
  FOLLOW_UPS,
  INDICATORS,
  LIMITATIONS,
  makeSchool,
  MONITORING_ADJUST,
  MONITORING_CONTENT,
  MONITORING_RESULT,
  MONITORING_WHEN,
  NOTES,
  ORGANISATION,
  OWNER_PARTS,
  PURPOSES,
  reportTexts,
  SIGNERS,
  SUPPORT,
  THEMES,
  type School,
  type Theme,
} from './content.js';
import { randomBudget, randomResource, type BudgetCell, type HeaderUnit } from './money.js';
import { Rng } from './random.js';
import { randomTimeline, type TimelineCell } from './timeline.js';
import { PARENTS, poolOf, UNIT_HEADERS, type Field, type TableKind, type WordingClass } from './wordings.js';

export const SPEC_VERSION = 1;

export interface HeaderText {
  text: string;
  cls: WordingClass;
}

export interface ColumnSpec {
  field: Field;
  /** The header cell (the child, under a parent in a two-row header). */
  header: HeaderText;
  /** Relative width. */
  width: number;
}

/** A parent cell of a two-row header, over columns `from`…`to` (indices, inclusive). */
export interface ParentSpec extends HeaderText {
  from: number;
  to: number;
}

/** One item row: the cells as written, and the values decided before writing them. */
export interface RowSpec {
  standard: number | null;
  criterion: string | null;
  criterionName: string | null;
  level: number | null;
  rowNo: string | null;
  /** Lines of each column's cell, by field; a field without a column is absent. */
  cells: Partial<Record<Field, string[]>>;
  budget?: BudgetCell;
  timeline?: TimelineCell;
  owners?: string[];
  status?: TaskStatus | null;
}

export type StandardStyle = 'heading-rows' | 'merged-column' | 'absent';
export type LevelStyle = 'column' | 'tt-column' | 'after-code' | 'absent';
export type CriterionStyle = 'label' | 'bare' | 'named' | 'spaced' | 'two-line' | 'named-dot';

export interface MainTableSpec {
  table: TableKind;
  columns: ColumnSpec[];
  parents: ParentSpec[];
  wordingMode: WordingClass;
  headerUnit: HeaderUnit;
  standardStyle: StandardStyle;
  /** Text of each standard's heading row or merged cell, by standard number. */
  standardTexts: Record<number, string>;
  /** TT of the standard heading rows ("1", "I"), when they carry one. */
  standardRowNos: Record<number, string> | null;
  levelStyle: LevelStyle;
  criterionStyle: CriterionStyle;
  /** A full-width row such as "MỨC 1, 2, 3" above the first standard. */
  levelGroupRow: string | null;
  /** The 2026 form's "(1) (2) …" row under the header. */
  numberingRow: boolean;
  rows: RowSpec[];
}

export interface FocusRowSpec {
  rowNo: string;
  standard: number;
  /** As written: the number or the standard's name. */
  standardText: string;
  criterion: string;
  currentState: string;
  limitation: string;
  cause: string;
}

export interface MonitoringRowSpec {
  when: string;
  content: string;
  result: string | null;
  adjustment: string | null;
  assessor: string;
}

export type BodyBlock = { type: 'heading'; text: string } | { type: 'para'; text: string } | { type: 'table'; ref: 'main' | 'focus' | 'monitoring' };

export interface LetterheadSpec {
  agency: string;
  /** The school as printed, in capitals, on one or two lines. */
  schoolLines: string[];
  numberLine: string | null;
  placeDateLine: string;
}

export interface LayoutSpec {
  orientation: 'portrait' | 'landscape';
  font: 'Liberation Serif' | 'DejaVu Serif';
  fontPt: number;
  tablePt: number;
  /** Fixed column widths, some narrower than their longest word (words break inside). */
  narrow: boolean;
  /** Header rows repeated on every page (thead / Word's "repeat header row"). */
  repeatHeader: boolean;
  /** Rows kept whole across page breaks (otherwise a page break may cut a row in two). */
  rowsAvoidBreak: boolean;
  marginMm: number;
  /** DOCX only: the table written as this many tables (Word documents converted from PDF). */
  docxPieces: number;
  /** DOCX only: at a cut between pieces, a row continued in the next piece. */
  docxContinuation: boolean;
}

export interface DocSpec {
  version: number;
  id: string;
  seed: number;
  kind: Kind;
  form: Form;
  /** A one-page document (photographed by phone). */
  compact: boolean;
  meta: {
    school: School;
    letterhead: LetterheadSpec | null;
    number: string | null;
    place: string | null;
    issuedOn: string | null;
    schoolYear: string;
    circular: string | null;
    schoolLevel: SchoolLevel;
    /** Whether the gold can name the school (letterhead plus a mention in the body). */
    schoolNamed: boolean;
    title: string[];
    signer: string;
  };
  body: BodyBlock[];
  table: MainTableSpec;
  focus: FocusRowSpec[] | null;
  monitoring: MonitoringRowSpec[] | null;
  layout: LayoutSpec;
  /** Every wording class any header cell of the document used. */
  wordingClasses: WordingClass[];
}

export interface SpecOptions {
  id?: string;
  kind?: Kind;
  form?: Form;
  compact?: boolean;
  /** Relative weights of the document's header wording mode. */
  wordingMix?: Partial<Record<WordingClass, number>>;
  /** Number of item rows, inclusive bounds. */
  items?: [number, number];
}

export const DEFAULT_WORDING_MIX: Record<WordingClass, number> = { contract: 40, variant: 34, unlisted: 12, blank: 6, numbered: 8 };

const CIRCULAR_OF: Record<SchoolLevel, string> = {
  preschool: '19/2018',
  primary: '17/2018',
  'lower-secondary': '18/2018',
  'upper-secondary': '18/2018',
  'multi-level': '18/2018',
};
const LEVEL_WORDS: Record<SchoolLevel, string> = {
  preschool: 'trường mầm non',
  primary: 'trường tiểu học',
  'lower-secondary': 'trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học',
  'upper-secondary': 'trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học',
  'multi-level': 'trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học',
};

/** The school charter of each level: another circular a plan may cite before the criteria's. */
const CHARTERS: Record<SchoolLevel, string> = {
  preschool: 'Căn cứ Thông tư số 52/2020/TT-BGDĐT ngày 31/12/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ trường mầm non;',
  primary: 'Căn cứ Thông tư số 28/2020/TT-BGDĐT ngày 04/9/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ Trường Tiểu học;',
  'lower-secondary': 'Căn cứ Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học;',
  'upper-secondary': 'Căn cứ Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học;',
  'multi-level': 'Căn cứ Thông tư số 32/2020/TT-BGDĐT ngày 15/9/2020 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Điều lệ trường trung học cơ sở, trường trung học phổ thông và trường phổ thông có nhiều cấp học;',
};

const pad = (n: number) => String(n).padStart(2, '0');

/** A document spec from a seed: same seed and options, same spec. */
export function randomDocSpec(seed: number, options: SpecOptions = {}): DocSpec {
  const rng = new Rng(seed);
  const compact = options.compact ?? false;
  const form: Form = options.form ?? (compact ? 'criterion-rows' : rng.chance(0.2) ? 'task-rows' : 'criterion-rows');
  const kind: Kind = options.kind ?? (rng.chance(form === 'task-rows' ? 0.25 : 0.3) ? 'report' : 'plan');
  const schoolLevel = rng.weighted<SchoolLevel>({ preschool: 35, primary: 30, 'lower-secondary': 20, 'upper-secondary': 7, 'multi-level': 8 });
  const school = makeSchool(rng.pick.bind(rng), rng.chance.bind(rng), rng.int.bind(rng), schoolLevel);
  const year = form === 'task-rows' ? rng.int(2026, 2028) : rng.int(2019, 2025);
  const multiYear = kind === 'plan' && form === 'criterion-rows' && !compact && rng.chance(0.1);
  const lastYear = multiYear ? year + 4 : year;
  const schoolYear = `${year}-${lastYear + 1}`;
  const circular = form === 'task-rows' ? '57/2026' : CIRCULAR_OF[schoolLevel];
  const citesCircular = form === 'task-rows' || compact || rng.chance(0.92);
  // Without a letterhead the gold has no school: the level must then come from the circular,
  // which names it unambiguously only for preschools (19/2018) and primary schools (17/2018).
  const levelFromCircular = citesCircular && (circular === '19/2018' || circular === '17/2018');
  const hasLetterhead = compact || !levelFromCircular || rng.chance(0.88);

  const layout = randomLayout(rng, compact);
  const docTitle = title(rng, kind, form, year, lastYear, multiYear);
  let letterhead: LetterheadSpec | null = null;
  let number: string | null = null;
  let place: string | null = null;
  let issuedOn: string | null = null;
  if (hasLetterhead) {
    const n = rng.int(1, 250);
    number = `${rng.chance(0.2) ? pad(n) : n}/${kind === 'plan' ? 'KH' : 'BC'}-${school.abbr}`;
    const [no, code] = number.split('/');
    const [type, abbr] = code.split('-');
    const numberLine = rng.pick([`Số: ${number}`, `Số ${number}`, `Số: ${no} /${code}`, `Số:${number}`, `Số ${no}/${type} - ${abbr}`]);
    place = school.place;
    const date = kind === 'plan' ? { y: year, m: rng.int(8, 11) } : rng.chance(0.7) ? { y: year + 1, m: rng.int(5, 6) } : { y: year + 1, m: 1 };
    const d = rng.int(1, 28);
    issuedOn = `${date.y}-${pad(date.m)}-${pad(d)}`;
    const padded = rng.chance(0.3);
    const placeDateLine = `${place}, ngày ${padded ? pad(d) : d} tháng ${padded ? pad(date.m) : date.m} năm ${date.y}`;
    const upper = school.name.toUpperCase();
    // Bold capitals at the letterhead's size: a name wider than its half of the page goes on two lines.
    const fits = upper.length * Math.min(layout.fontPt, 13) * 0.68 * MM_PER_PT < textWidthMm(layout) / 2 - 4;
    // Split after the school's type ("TRƯỜNG PTDTBT TIỂU HỌC" / "XÃ POM LÓT"), never inside it.
    const schoolLines = fits && !(upper.length > 26 && rng.chance(0.3)) ? [upper] : [school.prefix.toUpperCase(), upper.slice(school.prefix.length + 1)];
    letterhead = { agency: agencyOf(rng.pick.bind(rng), school, year), schoolLines, numberLine, placeDateLine };
  }

  const table =
    form === 'task-rows' ? taskTable(rng, kind, schoolLevel, year, layout, options) : criterionTable(rng, kind, circular, schoolLevel, year, lastYear, compact, layout, options);
  if (!compact && table.rows.length >= 8 && rng.chance(0.2)) {
    layout.docxPieces = rng.int(2, 3);
    layout.docxContinuation = table.standardStyle !== 'merged-column' && rng.chance(0.6);
  }
  const focus = form === 'task-rows' ? focusRows(rng, table, circular, schoolLevel) : null;
  const monitoring = form === 'task-rows' ? monitoringRows(rng, kind) : null;
  const body = bodyOf(rng, { kind, form, compact, school, hasLetterhead, citesCircular, circular, schoolLevel, year, number, issuedOn });

  const classes = new Set<WordingClass>([...table.columns.map((c) => c.header.cls), ...table.parents.map((p) => p.cls)]);
  return {
    version: SPEC_VERSION,
    id: options.id ?? `doc-${seed}`,
    seed,
    kind,
    form,
    compact,
    meta: {
      school,
      letterhead,
      number,
      place,
      issuedOn,
      schoolYear,
      circular: citesCircular ? circular : null,
      schoolLevel,
      schoolNamed: hasLetterhead,
      title: docTitle,
      signer: rng.pick(SIGNERS),
    },
    body,
    table,
    focus,
    monitoring,
    layout,
    wordingClasses: [...classes].sort(),
  };
}

function randomLayout(rng: Rng, compact: boolean): LayoutSpec {
  const fontPt = compact ? rng.int(11, 12) : rng.int(11, 14);
  return {
    orientation: rng.chance(compact ? 0.6 : 0.55) ? 'landscape' : 'portrait',
    font: rng.chance(0.6) ? 'Liberation Serif' : 'DejaVu Serif',
    fontPt,
    tablePt: Math.max(10, fontPt - rng.int(0, 2)),
    narrow: rng.chance(0.3),
    repeatHeader: rng.chance(0.45),
    rowsAvoidBreak: rng.chance(0.5),
    marginMm: rng.int(12, 22),
    docxPieces: 1,
    docxContinuation: false,
  };
}

function title(rng: Rng, kind: Kind, form: Form, year: number, lastYear: number, multiYear: boolean): string[] {
  const yearsText = rng.pick([`${year} – ${lastYear + 1}`, `${year}-${lastYear + 1}`, `${year} - ${lastYear + 1}`]);
  const period = multiYear ? `GIAI ĐOẠN ${yearsText}` : rng.chance(0.5) ? `Năm học ${yearsText}` : `NĂM HỌC ${yearsText}`;
  if (kind === 'plan') {
    if (form === 'task-rows' && rng.chance(0.5)) return ['KẾ HOẠCH', `Cải tiến chất lượng giáo dục năm học ${year}-${year + 1}`];
    return ['KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', period];
  }
  return rng.chance(0.5)
    ? ['BÁO CÁO', `KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC ${period.toUpperCase()}`]
    : ['BÁO CÁO', 'KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', period];
}

interface BodyInput {
  kind: Kind;
  form: Form;
  compact: boolean;
  school: School;
  hasLetterhead: boolean;
  citesCircular: boolean;
  circular: string;
  schoolLevel: SchoolLevel;
  year: number;
  number: string | null;
  issuedOn: string | null;
}

function citation(circular: string, level: SchoolLevel): string {
  if (circular === '57/2026') {
    return 'Căn cứ Thông tư số 57/2026/TT-BGDĐT ngày 07/7/2026 của Bộ trưởng Bộ Giáo dục và Đào tạo quy định về bảo đảm chất lượng giáo dục đối với cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông, cơ sở giáo dục thường xuyên;';
  }
  return `Căn cứ Thông tư số ${circular}/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định chất lượng giáo dục và công nhận đạt chuẩn quốc gia đối với ${LEVEL_WORDS[level]};`;
}

function bodyOf(rng: Rng, x: BodyInput): BodyBlock[] {
  const own = x.hasLetterhead ? x.school.name : 'Trường';
  const cite: BodyBlock[] = [];
  if (x.citesCircular) {
    // Some plans cite the school charter first; the criteria's circular is still the one to find.
    if (!x.compact && rng.chance(0.1)) cite.push({ type: 'para', text: CHARTERS[x.schoolLevel] });
    cite.push({ type: 'para', text: citation(x.circular, x.schoolLevel) });
  }
  const selfAssessment: BodyBlock = { type: 'para', text: `Căn cứ Báo cáo tự đánh giá của ${own}, nhà trường xây dựng ${x.kind === 'plan' ? 'kế hoạch' : 'báo cáo'} như sau:` };
  if (x.compact) return [...cite, selfAssessment, { type: 'table', ref: 'main' }];
  const blocks: BodyBlock[] = [];
  if (x.kind === 'report') {
    if (x.number && rng.chance(0.6)) {
      const planNo = x.number.replace('/BC-', '/KH-').replace(/^\d+/, String(rng.int(1, 99)));
      blocks.push({ type: 'para', text: `Căn cứ Kế hoạch số ${planNo} của ${own} về cải tiến chất lượng giáo dục;` });
    }
    blocks.push(...cite, selfAssessment);
    blocks.push({ type: 'heading', text: 'I. KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG' }, { type: 'table', ref: 'main' });
    if (x.form === 'task-rows') blocks.push({ type: 'heading', text: 'II. THEO DÕI VÀ ĐÁNH GIÁ' }, { type: 'table', ref: 'monitoring' });
    blocks.push({ type: 'heading', text: `${x.form === 'task-rows' ? 'III' : 'II'}. ĐỀ XUẤT, KIẾN NGHỊ` }, { type: 'para', text: rng.pick(ORGANISATION) });
    return blocks;
  }
  if (x.form === 'task-rows') {
    blocks.push({ type: 'heading', text: 'I. CĂN CỨ XÂY DỰNG KẾ HOẠCH' }, ...cite, selfAssessment);
    blocks.push({ type: 'heading', text: 'II. MỤC ĐÍCH, YÊU CẦU' }, { type: 'para', text: rng.pick(PURPOSES) });
    blocks.push({ type: 'heading', text: 'III. TÓM TẮT CÁC VẤN ĐỀ TRỌNG TÂM CẦN CẢI TIẾN' }, { type: 'table', ref: 'focus' });
    blocks.push({ type: 'heading', text: 'IV. KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG' }, { type: 'table', ref: 'main' });
    blocks.push({ type: 'heading', text: 'V. THEO DÕI VÀ ĐÁNH GIÁ THỰC HIỆN' }, { type: 'table', ref: 'monitoring' });
    blocks.push({ type: 'heading', text: 'VI. TỔ CHỨC THỰC HIỆN' }, { type: 'para', text: rng.pick(ORGANISATION) });
    return blocks;
  }
  blocks.push({ type: 'heading', text: 'I. MỤC ĐÍCH, YÊU CẦU' });
  for (const p of rng.sample(PURPOSES, rng.int(1, 3))) blocks.push({ type: 'para', text: p });
  blocks.push({ type: 'heading', text: 'II. CĂN CỨ XÂY DỰNG KẾ HOẠCH' }, selfAssessment, ...cite);
  blocks.push({ type: 'heading', text: 'III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC' }, { type: 'table', ref: 'main' });
  blocks.push({ type: 'heading', text: 'IV. TỔ CHỨC THỰC HIỆN' });
  for (const p of rng.sample(ORGANISATION, rng.int(1, 2))) blocks.push({ type: 'para', text: p });
  return blocks;
}

/* ------------------------------------------------------------------------------------------ */
/* Headers                                                                                     */

function wordingMode(rng: Rng, options: SpecOptions): WordingClass {
  return rng.weighted({ ...DEFAULT_WORDING_MIX, ...(options.wordingMix ?? {}) });
}

/** Header wordings for `fields` in the document's wording mode (blank and numbered: no words). */
function headers(rng: Rng, table: TableKind, fields: Field[], mode: WordingClass, unlistedFields: Set<Field>): HeaderText[] {
  return fields.map((field, i) => {
    if (mode === 'blank') return { text: '', cls: 'blank' };
    if (mode === 'numbered') return { text: `(${i + 1})`, cls: 'numbered' };
    let cls: 'contract' | 'variant' | 'unlisted' = mode === 'variant' ? (rng.chance(0.55) ? 'variant' : 'contract') : mode === 'unlisted' ? (rng.chance(0.35) ? 'variant' : 'contract') : 'contract';
    if (unlistedFields.has(field)) cls = 'unlisted';
    let pool = poolOf(table, field, cls);
    if (pool.length === 0) {
      cls = 'contract';
      pool = poolOf(table, field, cls);
    }
    return { text: rng.pick(pool), cls };
  });
}

/** Fields whose header is held out, in an `unlisted` document: one to three content columns. */
function unlistedFieldsOf(rng: Rng, fields: Field[], mode: WordingClass, content: Field[]): Set<Field> {
  if (mode !== 'unlisted') return new Set();
  const candidates = fields.filter((f) => content.includes(f));
  return new Set(rng.sample(candidates, rng.int(1, Math.min(3, candidates.length))));
}

const BASE_WIDTH: Partial<Record<Field, number>> = {
  rowNo: 4, standard: 11, criterion: 11, level: 7, target: 18, solution: 24, owner: 13, timeline: 11, budgetText: 11, support: 10, note: 7,
  planned: 20, adjusted: 18, done: 16, inProgress: 16, notDone: 14, content: 14, indicator: 11, evidence: 12, statusText: 8,
};
/** Columns a narrow layout squeezes below their longest word. */
const SQUEEZABLE: Field[] = ['level', 'budgetText', 'owner', 'timeline', 'note', 'support', 'statusText', 'criterion', 'target'];
const MM_PER_PT = 0.3528;

/** Width of the page's text block, mm. */
function textWidthMm(layout: LayoutSpec): number {
  return (layout.orientation === 'portrait' ? 210 : 297) - 2 * layout.marginMm - 5;
}

/** Rough width of a word in a serif face, mm: capitals ~0.7 em, small letters and digits ~0.5 em, punctuation ~0.3 em. */
function wordMm(word: string, pt: number, bold = false): number {
  let em = 0;
  for (const ch of word) em += /\p{Lu}/u.test(ch) ? 0.7 : /[\p{Ll}\d]/u.test(ch) ? 0.5 : 0.3;
  return em * pt * MM_PER_PT * (bold ? 1.08 : 1);
}

/**
 * Column widths, mm. In a narrow layout one to three columns get 60–90% of their longest word's
 * width, so those words break inside ("Mứ c", "250.000.00 0"), as in tables squeezed into portrait.
 */
function widthsOf(rng: Rng, fields: Field[], layout: LayoutSpec, rows: RowSpec[], headerWords: string[] = []): number[] {
  const total = textWidthMm(layout);
  const base = fields.map((f) => (BASE_WIDTH[f] ?? 10) * rng.float(0.75, 1.3));
  const squeezed = new Map<number, number>();
  if (layout.narrow) {
    const candidates = fields.map((f, i) => i).filter((i) => SQUEEZABLE.includes(fields[i]));
    for (const i of rng.sample(candidates, rng.int(1, 3))) {
      const longest = Math.max(0, ...rows.flatMap((r) => (r.cells[fields[i]] ?? []).flatMap((l) => l.split(/\s+/)).map((w) => wordMm(w, layout.tablePt))));
      if (longest < 6) continue;
      squeezed.set(i, Math.max(5, longest * rng.float(0.6, 0.9) + 2.1));
    }
  }
  const rest = total - [...squeezed.values()].reduce((a, b) => a + b, 0);
  const restBase = base.reduce((a, b, i) => a + (squeezed.has(i) ? 0 : b), 0);
  // The other columns hold their longest word (only the squeezed ones break words).
  const longestWord = (lines: string[], bold: boolean) => Math.max(0, ...lines.flatMap((l) => l.split(/\s+/)).map((w) => wordMm(w, layout.tablePt, bold)));
  const minimum = (i: number) => 3 + Math.max(longestWord([headerWords[i] ?? ''], true), longestWord(rows.flatMap((r) => r.cells[fields[i]] ?? []), false));
  return base.map((b, i) => Math.round((squeezed.get(i) ?? (layout.narrow ? Math.max(minimum(i), (b / restBase) * rest) : (b / restBase) * rest)) * 10) / 10);
}

/* ------------------------------------------------------------------------------------------ */
/* 2018 form                                                                                   */

const PLAN_CONTENT: Field[] = ['target', 'solution', 'owner', 'timeline', 'budgetText', 'support', 'note'];
const REPORT_CONTENT: Field[] = ['planned', 'adjusted', 'done', 'inProgress', 'notDone', 'note'];

function itemCount(rng: Rng, options: SpecOptions, compact: boolean, available: number): number {
  const [lo, hi] = options.items ?? (compact ? [2, 3] : rng.weighted({ few: 25, some: 45, many: 20, all: 10 }) === 'few' ? [1, 5] : rng.chance(0.6) ? [6, 12] : rng.chance(0.7) ? [13, 20] : [21, 40]);
  return Math.max(1, Math.min(available, rng.int(lo, hi)));
}

function criterionTable(
  rng: Rng,
  kind: Kind,
  circular: string,
  level: SchoolLevel,
  year: number,
  lastYear: number,
  compact: boolean,
  layout: LayoutSpec,
  options: SpecOptions,
): MainTableSpec {
  const registry = criteriaOf(circular, level as RegistrySchoolLevel)!;
  const standardStyle = rng.weighted<StandardStyle>({ 'heading-rows': 50, 'merged-column': 25, absent: 25 });
  // A merged standard cell spans 1–5 rows: at most five criteria per standard in that style.
  const pool = standardStyle === 'merged-column' ? registry.criteria.filter((c) => Number(c.code.split('.')[1]) <= 5) : registry.criteria;
  const count = itemCount(rng, options, compact, pool.length);
  const chosen = rng.sample(pool, count);
  const levelStyle = rng.weighted<LevelStyle>(kind === 'plan' ? { column: 25, 'tt-column': 10, 'after-code': 10, absent: 55 } : { column: 8, 'after-code': 4, absent: 88 });
  let criterionStyle = rng.weighted<CriterionStyle>({ label: 45, bare: 15, named: 18, spaced: 8, 'two-line': 8, 'named-dot': 6 });
  if (levelStyle === 'after-code' && (criterionStyle === 'named' || criterionStyle === 'named-dot')) criterionStyle = 'label';
  const mode = wordingMode(rng, options);

  // Columns.
  const content = kind === 'plan' ? planFields(rng, compact) : reportFields(rng);
  const rowNoWanted = levelStyle === 'tt-column' || rng.chance(0.65);
  let fields: Field[] = [...content];
  if (levelStyle === 'column') fields.unshift('level');
  if (rng.chance(kind === 'plan' ? 0.35 : 0.15)) fields = rng.shuffle(fields);
  fields.unshift('criterion');
  if (standardStyle === 'merged-column') fields.unshift('standard');
  if (rowNoWanted) fields.unshift('rowNo');
  if (!compact && rng.chance(0.08)) {
    // Now and then a table is shuffled wholesale (TT last, criterion in the middle).
    const fixed = fields.filter((f) => f === 'standard');
    fields = [...fixed, ...rng.shuffle(fields.filter((f) => f !== 'standard'))];
  }
  const table: TableKind = kind === 'plan' ? 'plan' : 'report';
  const budgetShown = fields.includes('budgetText');
  const headerUnit: HeaderUnit =
    budgetShown && mode !== 'blank' && mode !== 'numbered' ? rng.weighted<HeaderUnit>({ none: 80, trieu: 12, dong: 5, vnd: 3 }) : 'none';
  const unlistedFields = unlistedFieldsOf(rng, fields, mode, kind === 'plan' ? PLAN_CONTENT : REPORT_CONTENT);
  const heads = headers(rng, table, fields, mode, unlistedFields);
  if (headerUnit !== 'none') {
    const i = fields.indexOf('budgetText');
    const cls = heads[i].cls === 'unlisted' ? 'unlisted' : heads[i].cls === 'variant' ? 'variant' : 'contract';
    heads[i] = { text: rng.pick(UNIT_HEADERS[headerUnit][cls]), cls };
  }
  const parents = kind === 'report' ? reportParents(rng, fields, heads, mode) : planParents(rng, fields, mode);

  // Standards.
  const upper = rng.chance(0.2);
  const textStyle = rng.weighted({ full: 65, short: 25, number: standardStyle === 'merged-column' ? 10 : 0 });
  const standardTexts: Record<number, string> = {};
  for (const s of registry.standards) {
    const text = textStyle === 'full' ? `Tiêu chuẩn ${s.no}: ${s.name}` : textStyle === 'short' ? `Tiêu chuẩn ${s.no}` : String(s.no);
    standardTexts[s.no] = upper ? text.toUpperCase() : text;
  }
  const rowNoStyle = !rowNoWanted || levelStyle === 'tt-column' ? 'none' : standardStyle === 'heading-rows' && rng.chance(0.4) ? 'standard' : 'criterion';
  const standardRowNos: Record<number, string> | null =
    standardStyle === 'heading-rows' && fields[0] === 'rowNo' && (rowNoStyle === 'standard' || rng.chance(0.3))
      ? Object.fromEntries(registry.standards.map((s, i) => [s.no, rng.chance(0.7) ? String(i + 1) : ['I', 'II', 'III', 'IV', 'V'][i]]))
      : null;

  // Rows.
  const ownerStyle = ownerJoiner(rng);
  const rows: RowSpec[] = chosen.map((c, i) => {
    const standard = c.standard;
    const theme = rng.pick(THEMES[standard]);
    const lvl = levelStyle === 'absent' ? null : rng.weighted({ 1: 35, 2: 40, 3: 20, 4: 5 });
    const levelNumber = lvl == null ? null : Number(lvl);
    const cells: Partial<Record<Field, string[]>> = {};
    let criterionName: string | null = null;
    const code = c.code;
    const spaced = code.replace('.', '. ');
    switch (criterionStyle) {
      case 'label':
        cells.criterion = [`Tiêu chí ${code}`];
        break;
      case 'bare':
        cells.criterion = [code];
        break;
      case 'spaced':
        cells.criterion = [`Tiêu chí ${spaced}`];
        break;
      case 'two-line':
        cells.criterion = ['Tiêu chí', code];
        break;
      case 'named':
        criterionName = c.name;
        cells.criterion = rng.chance(0.5) ? [`Tiêu chí ${code}: ${c.name}`] : [`Tiêu chí ${code}:`, c.name];
        break;
      case 'named-dot':
        criterionName = c.name;
        cells.criterion = [`${code}. ${c.name}`];
        break;
    }
    if (levelStyle === 'after-code') cells.criterion = [`${cells.criterion!.join(' ')} (Mức ${levelNumber})`];
    const levelText = levelNumber == null ? null : rng.pick([`Mức ${levelNumber}`, `Mức ${levelNumber}`, `Giữ vững mức ${levelNumber}`, `Giữ vững Mức ${levelNumber}`]);
    if (levelStyle === 'column') cells.level = levelText!.startsWith('Giữ') && rng.chance(0.4) ? ['Giữ vững', levelText!.slice(9)] : [levelText!];
    let rowNo: string | null = null;
    if (levelStyle === 'tt-column') cells.rowNo = [`Mức ${levelNumber}`];
    else if (rowNoStyle === 'criterion') {
      rowNo = String(i + 1);
      cells.rowNo = [rowNo];
    } else if (fields.includes('rowNo')) cells.rowNo = [];
    if (fields.includes('standard')) cells.standard = [standardTexts[standard]];

    const row: RowSpec = { standard, criterion: code, criterionName, level: levelNumber, rowNo, cells };
    if (kind === 'plan') fillPlanCells(rng, row, fields, theme, { year, lastYear, compact, headerUnit, ownerStyle });
    else fillReportCells(rng, row, fields, theme);
    return row;
  });
  const widths = widthsOf(rng, fields, layout, rows, heads.map((h) => h.text));
  const columns = fields.map((field, i) => ({ field, header: heads[i], width: widths[i] }));

  return {
    table,
    columns,
    parents,
    wordingMode: mode,
    headerUnit,
    standardStyle,
    standardTexts,
    standardRowNos,
    levelStyle,
    criterionStyle,
    levelGroupRow: !compact && rng.chance(0.15) ? rng.pick(['MỨC 1, 2, 3', 'Mức 1, 2, 3', 'MỨC 1, MỨC 2, MỨC 3']) : null,
    numberingRow: false,
    rows,
  };
}

function planFields(rng: Rng, compact: boolean): Field[] {
  const fields: Field[] = [];
  const hasTarget = rng.chance(0.85);
  if (hasTarget) fields.push('target');
  if (!hasTarget || rng.chance(0.93)) fields.push('solution');
  if (rng.chance(0.9)) fields.push('owner');
  if (rng.chance(0.9)) fields.push('timeline');
  if (rng.chance(0.78)) fields.push('budgetText');
  if (!compact && rng.chance(0.35)) fields.push('support');
  if (!compact && rng.chance(0.35)) fields.push('note');
  return fields;
}

function reportFields(rng: Rng): Field[] {
  const fields: Field[] = [];
  if (rng.chance(0.9)) fields.push('planned');
  if (rng.chance(0.7)) fields.push('adjusted');
  const results: Field[] = rng.chance(0.85) ? ['done', 'inProgress', 'notDone'] : rng.sample(['done', 'inProgress', 'notDone'], 2);
  fields.push(...(rng.chance(0.25) ? rng.shuffle(results) : results));
  if (rng.chance(0.45)) fields.push('note');
  return fields;
}

/** Two-row report headers: "Nội dung kế hoạch…" over planned/adjusted, "Kết quả thực hiện" over the results. */
function reportParents(rng: Rng, fields: Field[], heads: HeaderText[], mode: WordingClass): ParentSpec[] {
  if (mode === 'blank' || mode === 'numbered' || !rng.chance(0.7)) return [];
  const parents: ParentSpec[] = [];
  const span = (group: Field[]) => {
    const at = group.map((f) => fields.indexOf(f)).filter((i) => i >= 0).sort((a, b) => a - b);
    return at.length >= 2 && at[at.length - 1] - at[0] === at.length - 1 ? { from: at[0], to: at[at.length - 1] } : null;
  };
  const groups = [
    { range: span(['planned', 'adjusted']), def: PARENTS.plan },
    { range: span(['done', 'inProgress', 'notDone']), def: PARENTS.results },
  ];
  for (const { range, def } of groups) {
    if (!range) continue;
    const cls: 'contract' | 'variant' = mode === 'contract' ? 'contract' : rng.chance(0.6) ? 'variant' : 'contract';
    parents.push({ text: rng.pick(def[cls]), cls, from: range.from, to: range.to });
    // Under a parent, schools shorten the children: the parent carries the meaning.
    if (mode !== 'contract' && rng.chance(0.6)) {
      for (let i = range.from; i <= range.to; i++) {
        if (heads[i].cls === 'unlisted') continue;
        const children = (def.children as Record<string, readonly string[]>)[fields[i]];
        if (children) heads[i] = { text: rng.pick(children), cls: 'variant' };
      }
    }
  }
  return parents;
}

/** Two-row plan headers: "Tổ chức thực hiện" over owner + timeline when they stand side by side. */
function planParents(rng: Rng, fields: Field[], mode: WordingClass): ParentSpec[] {
  if (mode === 'blank' || mode === 'numbered' || !rng.chance(0.12)) return [];
  const o = fields.indexOf('owner');
  const t = fields.indexOf('timeline');
  if (o < 0 || t < 0 || Math.abs(o - t) !== 1) return [];
  return [{ text: PARENTS.organisation.contract[0], cls: mode === 'contract' ? 'contract' : 'variant', from: Math.min(o, t), to: Math.max(o, t) }];
}

type OwnerJoiner = 'comma' | 'semicolon' | 'and' | 'lines';
function ownerJoiner(rng: Rng): OwnerJoiner {
  return rng.weighted<OwnerJoiner>({ comma: 60, semicolon: 10, and: 15, lines: 15 });
}

/** An owner cell: parts chosen, then joined the way the document joins them. */
function ownerCell(rng: Rng, joiner: OwnerJoiner, compact: boolean): { lines: string[]; parts: string[] } {
  const parts = rng.sample(rng.shuffle(OWNER_PARTS), rng.int(1, compact ? 2 : 4));
  if (parts.length === 1) return { lines: [parts[0]], parts };
  switch (joiner) {
    case 'comma':
      return { lines: [parts.join(', ')], parts };
    case 'semicolon':
      return { lines: [parts.join('; ')], parts };
    case 'and':
      return { lines: [`${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}`], parts };
    case 'lines':
      return { lines: parts.map((p, i) => (i < parts.length - 1 ? `${p},` : p)), parts };
  }
}

interface PlanContext {
  year: number;
  lastYear: number;
  compact: boolean;
  headerUnit: HeaderUnit;
  ownerStyle: OwnerJoiner;
}

function solutionLines(rng: Rng, theme: Theme, compact: boolean): string[] {
  if (compact) return [theme.short];
  const r = rng.next();
  if (r < 0.55) return [theme.solution];
  if (r < 0.8) return [`- ${theme.solution}`, `- ${rng.pick(FOLLOW_UPS)}`];
  return [`${theme.solution}.`, `${rng.pick(FOLLOW_UPS)}.`];
}

function fillPlanCells(rng: Rng, row: RowSpec, fields: Field[], theme: Theme, x: PlanContext): void {
  for (const field of fields) {
    switch (field) {
      case 'target':
        row.cells.target = x.compact ? [theme.target.split(',')[0]] : [theme.target];
        break;
      case 'solution':
        row.cells.solution = solutionLines(rng, theme, x.compact);
        break;
      case 'owner': {
        const owner = ownerCell(rng, x.ownerStyle, x.compact);
        row.cells.owner = owner.lines;
        row.owners = owner.parts;
        break;
      }
      case 'timeline': {
        const t = randomTimeline(rng, x.year, x.lastYear);
        row.cells.timeline = t.lines;
        row.timeline = t;
        break;
      }
      case 'budgetText': {
        const b = randomBudget(rng, x.headerUnit);
        row.cells.budgetText = b.lines;
        row.budget = b;
        break;
      }
      case 'support':
        row.cells.support = rng.chance(0.6) ? [rng.pick(SUPPORT)] : [];
        break;
      case 'note':
        row.cells.note = rng.chance(0.3) ? [rng.pick(NOTES)] : [];
        break;
    }
  }
}

function fillReportCells(rng: Rng, row: RowSpec, fields: Field[], theme: Theme): void {
  const texts = reportTexts(theme);
  const results = fields.filter((f) => f === 'done' || f === 'inProgress' || f === 'notDone');
  // Mostly one of the three is filled per row; sometimes two; the others empty or "Không".
  const filled = new Set(rng.sample(rng.shuffle(results), rng.chance(0.15) ? 2 : 1));
  const emptyWord = rng.chance(0.3) ? rng.pick(['Không', 'không']) : null;
  for (const field of fields) {
    if (field === 'planned') row.cells.planned = [rng.pick(texts.planned)];
    else if (field === 'adjusted') row.cells.adjusted = rng.chance(0.8) ? [rng.pick(texts.adjusted)] : [];
    else if (field === 'done' || field === 'inProgress' || field === 'notDone') {
      row.cells[field] = filled.has(field) ? [rng.pick(texts[field])] : emptyWord ? [emptyWord] : [];
    } else if (field === 'note') row.cells.note = rng.chance(0.25) ? [rng.pick(NOTES)] : [];
  }
}

/* ------------------------------------------------------------------------------------------ */
/* 2026 form                                                                                   */

const TASK_FIELDS: Field[] = ['rowNo', 'content', 'target', 'solution', 'indicator', 'timeline', 'owner', 'budgetText', 'evidence', 'statusText'];
const TASK_CONTENT: Field[] = ['content', 'target', 'solution', 'indicator', 'timeline', 'owner', 'budgetText', 'evidence', 'statusText'];
/** 2026 standards → the 2018 themes that fit them. */
const THEMES_2026: Record<number, number[]> = { 1: [1], 2: [2], 3: [5], 4: [3, 4] };
const STATUS_TEXTS: [string, TaskStatus][] = [
  ['Hoàn thành', 'done'],
  ['Đang thực hiện', 'in-progress'],
  ['Chưa hoàn thành', 'not-done'],
  ['Chưa thực hiện', 'not-done'],
];

function taskTable(rng: Rng, kind: Kind, level: SchoolLevel, year: number, layout: LayoutSpec, options: SpecOptions): MainTableSpec {
  const registry = criteriaOf('57/2026', level as RegistrySchoolLevel)!;
  const count = Math.max(2, Math.min(12, options.items ? rng.int(...options.items) : rng.int(2, 9)));
  const mode = wordingMode(rng, options);
  const fields = kind === 'plan' && rng.chance(0.2) ? TASK_FIELDS.filter((f) => f !== 'statusText') : [...TASK_FIELDS];
  const heads = headers(rng, 'tasks', fields, mode, unlistedFieldsOf(rng, fields, mode, TASK_CONTENT));
  const coded = rng.sample(registry.criteria, Math.min(count, rng.int(Math.max(1, count - 2), count)));
  const ownerStyle = ownerJoiner(rng);
  const rows: RowSpec[] = [];
  const order = rng.shuffle([...coded.map((c) => c as { code: string; standard: number } | null), ...Array<null>(count - coded.length).fill(null)]);
  order.forEach((c, i) => {
    const standard = c?.standard ?? rng.int(1, 4);
    const theme = rng.pick(THEMES[rng.pick(THEMES_2026[standard])]);
    const mention = c ? rng.pick([` (Tiêu chí ${c.code})`, ` (TC ${c.code})`, ` (${c.code})`]) : '';
    const cells: Partial<Record<Field, string[]>> = { rowNo: [String(i + 1)], content: [`${theme.short}${mention}`], target: [theme.target], solution: [theme.solution] };
    cells.indicator = [rng.pick(INDICATORS)];
    const timeline = randomTimeline(rng, year, year, { 'school-year': 25, semester: 20, quarter: 15, 'month-range': 35, month: 5 });
    cells.timeline = timeline.lines;
    const owner = ownerCell(rng, ownerStyle, false);
    cells.owner = owner.lines;
    const budget = randomResource(rng);
    cells.budgetText = budget.lines;
    cells.evidence = [rng.pick(EVIDENCE)];
    let status: TaskStatus | null = null;
    if (fields.includes('statusText')) {
      if (kind === 'report' || rng.chance(0.1)) {
        const [text, s] = rng.pick(STATUS_TEXTS);
        cells.statusText = [text];
        status = s;
      } else cells.statusText = [];
    }
    rows.push({ standard: c?.standard ?? null, criterion: c?.code ?? null, criterionName: null, level: null, rowNo: String(i + 1), cells, budget, timeline, owners: owner.parts, status });
  });
  const widths = widthsOf(rng, fields, layout, rows, heads.map((h) => h.text));
  return {
    table: 'tasks',
    columns: fields.map((field, i) => ({ field, header: heads[i], width: widths[i] })),
    parents: [],
    wordingMode: mode,
    headerUnit: 'none',
    standardStyle: 'absent',
    standardTexts: {},
    standardRowNos: null,
    levelStyle: 'absent',
    criterionStyle: 'label',
    levelGroupRow: null,
    numberingRow: rng.chance(0.7),
    rows,
  };
}

function focusRows(rng: Rng, table: MainTableSpec, circular: string, level: SchoolLevel): FocusRowSpec[] {
  const registry = criteriaOf(circular, level as RegistrySchoolLevel)!;
  const byName = rng.chance(0.3);
  const coded = table.rows.filter((r) => r.criterion).sort((a, b) => a.criterion!.localeCompare(b.criterion!, 'en', { numeric: true }));
  return coded.map((r, i) => ({
    rowNo: String(i + 1),
    standard: r.standard!,
    standardText: byName ? registry.standards.find((s) => s.no === r.standard)!.name : String(r.standard),
    criterion: r.criterion!,
    currentState: rng.pick(CURRENT_STATES),
    limitation: rng.pick(LIMITATIONS),
    cause: rng.pick(CAUSES),
  }));
}

function monitoringRows(rng: Rng, kind: Kind): MonitoringRowSpec[] {
  const whens = rng.chance(0.5) ? ['Cuối học kỳ I', 'Cuối năm học'] : [...MONITORING_WHEN];
  return whens.map((when, i) => ({
    when,
    content: MONITORING_CONTENT[i % MONITORING_CONTENT.length],
    result: kind === 'report' ? rng.pick(MONITORING_RESULT) : null,
    adjustment: kind === 'report' ? rng.pick(MONITORING_ADJUST) : null,
    assessor: rng.pick(ASSESSORS),
  }));
}
