/**
 * Finding the tables that matter and what their columns mean: by the header's words first, and
 * by what the cells hold where the words say too little (a blank header, "(1) (2) …", wordings no
 * table lists). Never by position or column count alone. A table of the layout becomes a
 * {@link MappedTable}: its profile (plan, report, tasks, …), its header rows, and field → column.
 */
import { tableGrid, type GridSlot, type Table } from '../layout/layout.js';
import { cellStandardHeading, foldedCellText } from './cell-text.js';
import { dotLostCode } from './criterion-code.js';
import { bareStandard, headingStandard, isHeadingRow, isNumberingTexts, kindOf, openingCode, opensWithCode, readColumnContents, type ColumnContent } from './column-content.js';
import {
  FIELD_THRESHOLD,
  headerText,
  mapByHeader,
  mapColumns,
  findResultColumns,
  satisfies,
  type ColumnHeader,
  type ColumnMapping,
  type FieldSource,
} from './column-mapping.js';
import type { ExtractionIssue } from './contract.js';
import { withinEdits } from './header-match.js';
import { MATCHER, PLAN, PROFILES, REPORT, TASKS, type TableProfile } from './profiles.js';

export { FIELD_THRESHOLD, type ColumnHeader, type FieldSource };

export interface MappedTable {
  profile: TableProfile;
  /** The layout tables this one was assembled from (a table split by page breaks or by Word). */
  pieces: Table[];
  /** Rows at the top of the first piece that are not content: titles, header, numbering "(1) (2) …". */
  headerRows: number;
  headers: ColumnHeader[];
  columns: Record<string, number>;
  /** How sure the mapping is, per field (0–1). */
  scores: Record<string, number>;
  /** How each field's column was decided: by the header's words, by the cells, or both agreeing. */
  how: Record<string, FieldSource>;
  /** Columns no field claimed: their text goes to `extra`, under the header (or "(cột N)"). */
  extra: { col: number; header: string }[];
  cols: number;
  /** Whether the header was recognised by its words (false: the table was recognised by its cells). */
  headerByWords: boolean;
  /** What a person should check about the mapping: columns read by content, disagreements, unmapped headers. */
  issues: ExtractionIssue[];
  /** Highest confidence of the table's items, when the mapping itself is a guess (the form's column order). */
  confidenceCap?: number;
}

/** The text of one grid slot as folded text. */
export function slotText(slot: GridSlot | null): string | null {
  return slot ? foldedCellText(slot.cell) : null;
}

const NUMBERING = /^\(?\s*\d{1,2}\s*\)?$/;

/** A row of "(1)", "(2)", … (or "1 2 3 …" counting up) under a header: column numbering, not content. */
export function isNumberingRow(row: (GridSlot | null)[]): boolean {
  return isNumberingTexts(distinctTexts(row));
}

/** The texts of a row's cells, each merged cell once. */
export function distinctTexts(row: (GridSlot | null)[]): string[] {
  const seen = new Set<unknown>();
  const out: string[] = [];
  for (const slot of row) {
    if (!slot || seen.has(slot.cell)) continue;
    seen.add(slot.cell);
    const text = slotText(slot);
    if (text) out.push(text);
  }
  return out;
}

/** "Tiêu chuẩn 1: …", "Tiêu chí 2.3": content that names a standard or criterion is never a header. */
const NAMES_A_CRITERION = /ti[eê]u\s*chu[aẩ]n\s*(\d|[IVX]+\b)|ti[eê]u\s*ch[ií]\s*\d|^\s*\d{1,2}\s*\.\s*\d{1,2}\s*$/iu;

/** How strongly a cell's text reads as a column header of any table khcl knows. */
function headerLikeness(text: string): number {
  return text.length < 200 ? (MATCHER.bestAnywhere(text)?.score ?? 0) : 0;
}

/** A row reads as a header when most of its cells are header wordings (or the source says so). */
function isHeaderRow(row: (GridSlot | null)[]): boolean {
  const cells = row.filter((s): s is GridSlot => s != null);
  if (cells.length > 0 && cells.every((s) => s.cell.header)) return true;
  const texts = distinctTexts(row);
  // A bare number ("1", "15") is a TT cell of a content row, a code ("1.2 (Mức 3)") its criterion
  // cell; headers hold neither, however header-like the row's other cells read.
  if (texts.length < 2 || texts.some((t) => NAMES_A_CRITERION.test(t) || /^\d+$/.test(t) || opensWithCode(t))) return false;
  const hits = texts.filter((t) => headerLikeness(t) >= 0.75).length;
  return hits >= 2 && hits / texts.length >= 0.5;
}

function readHeaders(grid: (GridSlot | null)[][], from: number, to: number, cols: number): ColumnHeader[] {
  const headers: ColumnHeader[] = [];
  const titleRows = new Set<number>();
  for (let r = from; r < to; r++) if (isTitleRow(grid[r])) titleRows.add(r);
  // A row numbering the columns says nothing of them, its numbers a scan garbled included ("đ)" for
  // "(1)" is no unit of money).
  const numberingRows = new Set<number>();
  for (let r = from; r < to; r++) if (isNumberingRow(grid[r])) numberingRows.add(r);
  for (let c = 0; c < cols; c++) {
    const texts: string[] = [];
    for (let r = from; r < to; r++) {
      if (titleRows.has(r) || numberingRows.has(r)) continue;
      const text = slotText(grid[r]?.[c] ?? null);
      if (text && !NUMBERING.test(text) && !texts.includes(text)) texts.push(text);
    }
    headers.push({ col: c, texts, leaf: texts.at(-1) ?? null });
  }
  return headers;
}

/** A row that is one cell across the table: a title ("KẾ HOẠCH CẢI TIẾN …") above the header. */
function isTitleRow(row: (GridSlot | null)[]): boolean {
  const cells = new Set(row.filter((s): s is GridSlot => s != null).map((s) => s.cell));
  return cells.size === 1 && [...cells][0].colSpan === row.length;
}

/**
 * Past at most two title rows at the top of the table, and past header rows left empty (a
 * header whose cells were never filled in, above its "(1) (2) …" row): both say nothing of the
 * columns.
 */
function afterTitles(grid: (GridSlot | null)[][]): number {
  let start = 0;
  let titles = 0;
  while (start < grid.length - 1) {
    if (distinctTexts(grid[start]).length === 0 && start < 3) start++;
    else if (titles < 2 && isTitleRow(grid[start]) && !isHeaderRow(grid[start])) {
      titles++;
      start++;
    } else break;
  }
  return start;
}

/**
 * Where the header sits by its words: after at most two title rows, up to four rows that read as
 * headers, then a numbering row. Returns the first header row and the first row after the header.
 */
function findHeader(grid: (GridSlot | null)[][]): { start: number; end: number } {
  const start = afterTitles(grid);
  let end = start;
  // A row one cell across below the header is a heading ("MỨC 1, MỨC 2, MỨC 3", which a scan may
  // cut in two where a word is lost), however much its words sound like a header's.
  while (end < Math.min(start + 4, grid.length) && isHeaderRow(grid[end]) && !(end > start && isHeadingRow(grid[end]))) end++;
  if (end === start) return { start: 0, end: 0 };
  // A header cell spanning rows below the header rows pulls them in (two-row report headers).
  for (const slot of grid[end - 1]) {
    if (slot && slot.cell.row + slot.cell.rowSpan > end) end = Math.min(grid.length, slot.cell.row + slot.cell.rowSpan);
  }
  if (end < grid.length && isNumberingRow(grid[end])) end++;
  return { start, end };
}

const MAY_HOLD_CODE = /\d\s*[.,]?\s*\d/;
/** Rows read when looking for the criterion column: a plan shows its codes from the first rows. */
const CODE_SCAN_ROWS = 60;

/** The column most of whose cells are criterion codes ("1.1", "Tiêu chí 2.3"), and how many. */
function codeColumn(grid: (GridSlot | null)[][], from: number, cols: number): { col: number; count: number } | null {
  const counts = new Array<number>(cols).fill(0);
  // Under a heading "TIÊU CHUẨN 1" a bare "14" is the code 1.4 whose dot a scan lost.
  let standard: number | null = null;
  for (let r = from; r < Math.min(grid.length, from + CODE_SCAN_ROWS); r++) {
    const row = grid[r];
    if (isHeadingRow(row)) {
      standard = headingStandard(row, cols) ?? standard;
      continue;
    }
    for (let c = 0; c < cols; c++) {
      const slot = row[c];
      // Every code has two numbers ("1.1", "Tiêu chí 34"): most cells are passed over unread. A
      // narrow column may break the code over lines ("Tiêu" / "chí 1." / "4"): its first lines are read together.
      if (!slot?.origin || slot.cell.colSpan !== 1 || !MAY_HOLD_CODE.test(slot.cell.lines.slice(0, 4).join(' '))) continue;
      const text = slotText(slot);
      if (text && (opensWithCode(text) || dotLostCode(text, standard))) counts[c]++;
    }
  }
  const best = counts.reduce((b, n, c) => (n > counts[b] ? c : b), 0);
  return counts[best] > 0 ? { col: best, count: counts[best] } : null;
}

/**
 * A column of bare standard numbers ("2", "3") or standard headings ("Tiêu chuẩn 1"), often
 * merged down its criteria, left of the
 * criterion column, under a header that does not name it (numbered, blank, or lost by a scan):
 * every filled cell a number 1–5 that never goes down, and the standard of every code read beside
 * it, at least once. A scan that lost a code's dot ("33") then has the standard to restore it.
 */
export function standardColumnByContent(grid: (GridSlot | null)[][], from: number, codeCol: number): number | null {
  for (let col = codeCol - 1; col >= 0; col--) {
    let last = 0;
    let agree = 0;
    let fits = true;
    for (let r = from; r < Math.min(grid.length, from + CODE_SCAN_ROWS) && fits; r++) {
      const row = grid[r];
      const slot = row[col];
      if (isHeadingRow(row) || isNumberingRow(row) || !slot || slot.cell.colSpan !== 1) continue;
      if (!slot.cell.lines.join('').trim()) continue;
      // A bare number ("3", "III"), or the standard's heading merged down its rows ("Tiêu chuẩn 1").
      const standard = bareStandard(slot) ?? cellStandardHeading(slot.cell)?.standard ?? null;
      if (standard == null || standard < last) {
        fits = false;
        break;
      }
      last = standard;
      const codeText = slotText(row[codeCol]);
      const code = codeText ? openingCode(codeText) : null;
      if (code && code.standard !== standard) fits = false;
      else if (code) agree++;
    }
    if (fits && agree > 0) return col;
  }
  return null;
}

/**
 * The header of a table recognised by its cells: the rows above its first content row (a row
 * with a criterion code, or a heading), when each is blank, a numbering row, or a row of labels
 * (its criterion-column cell holds words, not a code, or one of its cells reads as a header). A
 * piece that starts mid-item has none.
 */
function headerByContent(grid: (GridSlot | null)[][], codeCol: number): { start: number; end: number } {
  const start = afterTitles(grid);
  // A standard heading passed over as a title ("Tiêu chuẩn 1: …" across a table with no header)
  // is the body's first row, and vouches for a dot-lost code below it ("11").
  let headed: number | null = null;
  let firstHeading: number | null = null;
  for (let r = 0; r < start; r++) {
    const standard = headingStandard(grid[r], grid[r].length);
    if (standard != null) firstHeading ??= r;
    headed = standard ?? headed;
  }
  const noHeader = { start: firstHeading ?? start, end: firstHeading ?? start };
  let end = start;
  while (end < Math.min(start + 4, grid.length)) {
    const row = grid[end];
    const label = slotText(row[codeCol]);
    if (isHeadingRow(row) || (label && (opensWithCode(label) || dotLostCode(label, standardBeside(row, codeCol) ?? headed)))) break;
    const texts = distinctTexts(row);
    const labels =
      texts.every((t) => t.length < 200) &&
      ((label != null && texts.length * 2 >= row.length) || texts.some((t) => headerLikeness(t) >= FIELD_THRESHOLD));
    if (texts.length > 0 && !isNumberingRow(row) && !labels) return noHeader;
    end++;
  }
  return end < grid.length && end > start ? { start, end } : noHeader;
}

/** The standard a cell of the row names ("Tiêu chuẩn 1: …" merged down its rows, or a bare "1"), left of the codes. */
function standardBeside(row: (GridSlot | null)[], codeCol: number): number | null {
  for (let col = 0; col < codeCol; col++) {
    const slot = row[col];
    if (!slot) continue;
    const standard = cellStandardHeading(slot.cell)?.standard ?? bareStandard(slot);
    if (standard != null) return standard;
  }
  return null;
}

/**
 * A plan or report table by its cells: criterion codes in one column and at least two columns of
 * text (or people, periods, amounts) beside it. A results matrix (ticks "x" under "Mức 1/2/3") is
 * not one.
 */
function isCriterionTable(contents: ColumnContent[], code: { col: number; count: number }): boolean {
  const codes = contents[code.col];
  // Codes a scan lost the dot of ("11" under "Tiêu chuẩn 1") count once the cells are read.
  if (Math.max(code.count, Math.round(codes.code * codes.filled)) < 2 && codes.rows > 3) return false;
  if (codes.code < 0.5) return false;
  const kinds = contents.filter((c) => c.col !== code.col).map(kindOf);
  if (kinds.filter((k) => k === 'ticks').length >= 2) return false;
  return kinds.filter((k) => k === 'text' || k === 'owner' || k === 'time' || k === 'money').length >= 2;
}

/** Whether a header's words read as the criterion column's, whatever table they are in. */
function headerNamesCriterion(header: ColumnHeader | undefined): boolean {
  const text = header ? headerText(header) : null;
  const like = text ? MATCHER.bestAnywhere(text) : null;
  return like?.field === 'criterion' && like.score >= FIELD_THRESHOLD;
}

/** A column of people, periods or money: what a plan has and a report does not. */
function plansTyped(contents: ColumnContent[]): boolean {
  return contents.some((c) => ['owner', 'time', 'money'].includes(kindOf(c)));
}

/** A report by its cells: no owner, period or money column, and a done / in-progress / not-done triple. */
function looksLikeReport(contents: ColumnContent[], codeCol: number): boolean {
  if (plansTyped(contents)) return false;
  const kinds = contents.map(kindOf);
  const right = contents.filter((c) => c.col > codeCol && (kinds[c.col] === 'text' || kinds[c.col] === 'empty'));
  return findResultColumns(right.filter((c) => kinds[c.col] === 'text'), right) != null;
}

/** The profile the header's words fit best, if any fits. */
function profileByHeader(headers: ColumnHeader[]) {
  let best: (ReturnType<typeof mapByHeader> & { profile: TableProfile }) | null = null;
  for (const profile of PROFILES) {
    const m = mapByHeader(profile, headers);
    if (!satisfies(profile, m.columns)) continue;
    const count = Object.keys(m.columns).length;
    const bestCount = best ? Object.keys(best.columns).length : -1;
    if (!best || count > bestCount || (count === bestCount && m.total > best.total)) best = { ...m, profile };
  }
  return best;
}

const mappedTables = new WeakMap<Table, MappedTable | null>();

/**
 * Read one layout table's header and cells and find the profile that fits, if any. Once per
 * table: cutting a binder into documents asks about tables that extraction then maps again.
 */
export function mapTable(table: Table, titled: TitledKind = null): MappedTable | null {
  if (titled) return readTableMapping(table, titled);
  let mapped = mappedTables.get(table);
  if (mapped === undefined) {
    mapped = readTableMapping(table);
    mappedTables.set(table, mapped);
  }
  return mapped;
}

/** The kind the document's title names ("BÁO CÁO …"), for tables whose header says nothing. */
export type TitledKind = 'plan' | 'report' | null;

function readTableMapping(table: Table, titled: TitledKind = null): MappedTable | null {
  const grid = tableGrid(table);
  const byWords = findHeader(grid);
  let region = byWords;
  let headers = byWords.end > 0 ? readHeaders(grid, byWords.start, byWords.end, table.cols) : null;
  const fromWords = headers ? profileByHeader(headers) : null;
  // Tables other than the plan, report and task tables are read by their header alone.
  if (fromWords && ![PLAN, REPORT, TASKS].includes(fromWords.profile)) {
    return finish(table, fromWords.profile, region.end, headers!, fromWords, true);
  }
  // The criterion column: the header's, else the column of codes.
  const headerCode = fromWords?.columns.criterion;
  const code = headerCode !== undefined ? { col: headerCode, count: Infinity } : codeColumn(grid, byWords.end, table.cols);
  // A header of column numbers only (found by its cells, or marked as a header because it repeats on every page).
  if (!fromWords && (!headers || headers.every((h) => h.texts.length === 0))) {
    const numbered = byFormOrder(table, grid);
    if (numbered && (!code || !isCriterionTable(readColumnContents(grid, numbered.headerRows, table.cols), code))) return numbered;
  }
  if (!headers) {
    if (!code) return null;
    region = headerByContent(grid, code.col);
    headers = readHeaders(grid, region.start, region.end, table.cols);
  }
  const standardCol = code && fromWords?.columns.standard === undefined ? standardColumnByContent(grid, region.end, code.col) : null;
  const contents = readColumnContents(grid, region.end, table.cols, standardCol);
  let profile = fromWords?.profile ?? null;
  // A header read as the 2026 task table while one column holds criterion codes row after row is a
  // 2018 plan or report whose criterion header was not read ("Ti" / "êu" / "chí" in a narrow
  // column): tasks name criteria inside their text, never as a column of codes.
  // So is one whose codes column is headed like the criterion ("Tiêu ch 1": the scan lost the
  // "í"), however few rows this piece of the table shows.
  if (profile === TASKS && code && (code.count >= 2 || headerNamesCriterion(headers[code.col])) && isCriterionTable(contents, code)) profile = null;
  if (!profile) {
    if (!code || !isCriterionTable(contents, code)) return null;
    // A header that names no field leaves the kind to the cells; when they show neither a
    // plan's people, periods and money nor a report's results for sure, the title decides.
    profile = looksLikeReport(contents, code.col) || (titled === 'report' && !plansTyped(contents)) ? REPORT : PLAN;
  }
  const mapping = mapColumns({ profile, headers, contents, codeCol: code?.col ?? null, standardCol, table: table.index });
  const guessed = profile === TASKS ? completeByFormOrder(mapping, headers, table) : [];
  if (!satisfies(profile, mapping.columns)) return null;
  const mapped = finish(table, profile, region.end, headers, mapping, byWords.end > 0 && fromWords != null, contents);
  // A guessed column of money or time could give a wrong amount or period: its items stay below 0.9.
  return guessed.some((f) => f === 'budgetText' || f === 'timeline') ? { ...mapped, confidenceCap: FORM_ORDER_SCORE } : mapped;
}

/**
 * A task table with the form's 9 or 10 columns whose header the words mapped only in part
 * ("Đích đến", "MC dự kiến" no wording lists): when every column the header did map sits at its
 * place in the form's order, the columns left over take the form's field for their place, with
 * `column.by_form_order` naming them. Returns the fields so placed.
 */
function completeByFormOrder(mapping: ColumnMapping, headers: ColumnHeader[], table: Table): string[] {
  const cols = table.cols;
  if (cols !== FORM_2026_TASK_COLUMNS.length && cols !== FORM_2026_TASK_COLUMNS.length - 1) return [];
  const order: readonly string[] = FORM_2026_TASK_COLUMNS;
  const entries = Object.entries(mapping.columns);
  if (entries.length < 4 || entries.some(([f, c]) => order.indexOf(f) !== c)) return [];
  const taken = new Set(Object.values(mapping.columns));
  const guessed: string[] = [];
  for (let c = 0; c < cols; c++) {
    const field = order[c];
    if (taken.has(c) || field in mapping.columns || headerText(headers[c]) == null) continue;
    mapping.columns[field] = c;
    mapping.scores[field] = FORM_ORDER_SCORE;
    mapping.how[field] = 'header';
    guessed.push(field);
  }
  if (guessed.length) {
    mapping.issues.push({
      code: 'column.by_form_order',
      severity: 'warning',
      message: `column${guessed.length > 1 ? 's' : ''} ${guessed.map((f) => `${mapping.columns[f] + 1} "${headerText(headers[mapping.columns[f]])}"`).join(', ')} read as ${guessed.join(', ')} by the 2026 form's column order, the header's other columns being in that order: check them`,
      table: table.index,
    });
  }
  return guessed;
}

/**
 * The 2026 form's task table (Circular 57/2026, Phụ lục V) in its column order: TT, content,
 * target, solution, indicator, timeline, owner, resources, evidence, and in a report the status.
 */
export const FORM_2026_TASK_COLUMNS = ['rowNo', 'content', 'target', 'solution', 'indicator', 'timeline', 'owner', 'budgetText', 'evidence', 'statusText'] as const;
/** Confidence of a field read by the form's column order alone: the header says nothing but "(N)". */
export const FORM_ORDER_SCORE = 0.84;

/**
 * A task table whose header is only the form's column numbers "(1) (2) … (9|10)": nothing to read
 * a field from but the form's order. Taken only when the table has the form's 9 (plan) or 10
 * (report) columns and its cells agree where they can be typed (periods in the timeline column or
 * people in the owner column, and no criterion-code column), with `column.by_form_order` so a
 * person checks it.
 */
function byFormOrder(table: Table, grid: (GridSlot | null)[][]): MappedTable | null {
  const cols = table.cols;
  if (cols !== FORM_2026_TASK_COLUMNS.length && cols !== FORM_2026_TASK_COLUMNS.length - 1) return null;
  const start = afterTitles(grid);
  let end = start;
  while (end < Math.min(start + 3, grid.length) && isNumberingRow(grid[end])) end++;
  // The header: rows of column numbers, or a row left blank above the body (a form whose header
  // words the school deleted), which afterTitles has stepped over.
  // No header row at all (a PDF drops a blank one): the cells alone must show the form, periods
  // in its timeline column and people in its owner column both.
  const blankAbove = start > 0 && grid.slice(0, start).every((row) => distinctTexts(row).length === 0);
  const headerless = end === start && !blankAbove;
  if (end >= grid.length) return null;
  const contents = readColumnContents(grid, end, cols);
  const kinds = contents.map(kindOf);
  if (kinds.includes('code')) return null;
  if (kinds[5] !== 'time' && kinds[6] !== 'owner') return null;
  if (headerless && (kinds[5] !== 'time' || kinds[6] !== 'owner' || kinds[0] !== 'rowNo')) return null;
  const fields = FORM_2026_TASK_COLUMNS.slice(0, cols);
  const columns = Object.fromEntries(fields.map((f, c) => [f, c]));
  if (!satisfies(TASKS, columns)) return null;
  const headers = readHeaders(grid, start, end, cols);
  const mapping = {
    columns,
    scores: Object.fromEntries(fields.map((f) => [f, FORM_ORDER_SCORE])),
    how: Object.fromEntries(fields.map((f) => [f, 'header' as const])),
    issues: [
      {
        code: 'column.by_form_order',
        severity: 'warning' as const,
        message: `the task table's header holds no words (column numbers or nothing); its ${cols} columns are read in the order of the 2026 form (${fields.join(', ')}): check them`,
        table: table.index,
      },
    ],
  };
  return { ...finish(table, TASKS, end, headers, mapping, false, contents), confidenceCap: FORM_ORDER_SCORE };
}

function finish(
  table: Table,
  profile: TableProfile,
  headerRows: number,
  headers: ColumnHeader[],
  mapping: { columns: Record<string, number>; scores: Record<string, number>; how: Record<string, FieldSource>; issues: ExtractionIssue[] },
  headerByWords: boolean,
  contents?: ColumnContent[],
): MappedTable {
  const claimed = new Set(Object.values(mapping.columns));
  const extra: { col: number; header: string }[] = [];
  const issues = [...mapping.issues];
  for (const h of headers) {
    if (claimed.has(h.col)) continue;
    const text = headerText(h);
    if (text) {
      extra.push({ col: h.col, header: text });
      const like = MATCHER.bestAnywhere(text);
      if (like && like.score >= FIELD_THRESHOLD) {
        issues.push({
          code: 'column.unmapped',
          severity: 'warning',
          message: `column ${h.col + 1} "${text}" reads like ${like.field} but no field of the ${profile.name} table took it; its text is kept under extra`,
          table: table.index,
        });
      }
    } else if (contents?.[h.col] && contents[h.col].filled > contents[h.col].blankish) {
      // A column with no header but with text: kept, under its position, rather than dropped.
      extra.push({ col: h.col, header: `(cột ${h.col + 1})` });
    }
  }
  return {
    profile,
    pieces: [table],
    headerRows,
    headers,
    columns: mapping.columns,
    scores: mapping.scores,
    how: mapping.how,
    extra,
    cols: table.cols,
    headerByWords,
    issues,
  };
}

/** A table's column headers, folded, for telling a repeated header from a different table. */
export function headerSignature(headers: ColumnHeader[]): string {
  return headers.map((h) => squash(h.texts.join('/'))).join('|');
}

/** A header text folded for comparing repeats: lower case, no blanks. */
export const squash = (t: string) => t.toLowerCase().replace(/\s+/g, '');
const knownHeaders = new WeakMap<ColumnHeader[], string[]>();

/** Whether a body row (its {@link distinctTexts}) repeats the table's header (Word and PDFs repeat it after a page break). */
export function repeatsHeader(texts: string[], headers: ColumnHeader[]): boolean {
  if (texts.length < 2) return false;
  let known = knownHeaders.get(headers);
  if (!known) {
    known = headers.flatMap((h) => h.texts).map(squash);
    knownHeaders.set(headers, known);
  }
  if (known.length === 0) return false;
  // Near-equal, not equal: an OCRed repeat of the header differs by a letter or two.
  const same = texts.filter((t) => {
    const x = squash(t);
    return known.some((k) => k === x || similar(k, x));
  }).length;
  return same / texts.length >= 0.6;
}

function similar(x: string, y: string): boolean {
  const longest = Math.max(x.length, y.length);
  const allowed = Math.floor(longest * 0.15);
  return longest >= 6 && Math.abs(x.length - y.length) <= allowed && withinEdits(x, y, allowed);
}
