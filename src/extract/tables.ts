/**
 * Finding the tables that matter and what their columns mean, by header wording alone: never by
 * position, column order or column count. A table of the layout becomes a {@link MappedTable}:
 * its profile (plan, report, tasks, …), its header rows, and field → column.
 */
import { tableGrid, type GridSlot, type Table } from '../layout/layout.js';
import { foldText, joinLines } from '../normalize/text.js';
import { bestScore, phrase, withinEdits, type Phrase } from './header-match.js';
import { PROFILES, type TableProfile } from './profiles.js';

/** A header word run must match a synonym at least this well to name a field. */
export const FIELD_THRESHOLD = 0.6;

export interface ColumnHeader {
  col: number;
  /** Every header cell text above the column, top to bottom, deduplicated. */
  texts: string[];
  /** The most specific (bottom-most) header text. */
  leaf: string | null;
}

export interface MappedTable {
  profile: TableProfile;
  /** The layout tables this one was assembled from (a table split by page breaks or by Word). */
  pieces: Table[];
  /** Rows at the top of the first piece that are not content: titles, header, numbering "(1) (2) …". */
  headerRows: number;
  headers: ColumnHeader[];
  columns: Record<string, number>;
  /** How sure the header mapping is, per field (0–1). */
  scores: Record<string, number>;
  /** Columns with a header that no field claimed: their text goes to `extra`. */
  extra: { col: number; header: string }[];
  cols: number;
}

/** The text of one grid slot as folded text. */
export function slotText(slot: GridSlot | null): string | null {
  return slot ? joinLines(slot.cell.lines) : null;
}

const NUMBERING = /^\(?\s*\d{1,2}\s*\)?$/;

/** A row of "(1)", "(2)", … (or "1 2 3 …" counting up) under a header: column numbering, not content. */
export function isNumberingRow(row: (GridSlot | null)[]): boolean {
  const texts = distinctTexts(row);
  if (texts.length < 3 || !texts.every((t) => NUMBERING.test(t))) return false;
  if (texts.some((t) => t.includes('('))) return true;
  const numbers = texts.map((t) => Number(t));
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
}

function distinctTexts(row: (GridSlot | null)[]): string[] {
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

const ALL_SYNONYMS: Phrase[] = PROFILES.flatMap((p) => Object.values(p.fields).flat());

/** "Tiêu chuẩn 1: …", "Tiêu chí 2.3": content that names a standard or criterion is never a header. */
const NAMES_A_CRITERION = /ti[eê]u\s*chu[aẩ]n\s*(\d|[IVX]+\b)|ti[eê]u\s*ch[ií]\s*\d|^\s*\d{1,2}\s*\.\s*\d{1,2}\s*$/iu;

/** A row reads as a header when most of its cells are header wordings (or the source says so). */
function isHeaderRow(row: (GridSlot | null)[]): boolean {
  const cells = row.filter((s): s is GridSlot => s != null);
  if (cells.length > 0 && cells.every((s) => s.cell.header)) return true;
  const texts = distinctTexts(row);
  // A bare number ("1", "15") is a TT cell of a content row; headers do not hold one.
  if (texts.length < 2 || texts.some((t) => NAMES_A_CRITERION.test(t) || /^\d+$/.test(t))) return false;
  const hits = texts.filter((t) => t.length < 200 && bestScore(phrase(t), ALL_SYNONYMS) >= 0.75).length;
  return hits >= 2 && hits / texts.length >= 0.5;
}

function readHeaders(grid: (GridSlot | null)[][], from: number, to: number, cols: number): ColumnHeader[] {
  const headers: ColumnHeader[] = [];
  for (let c = 0; c < cols; c++) {
    const texts: string[] = [];
    for (let r = from; r < to; r++) {
      const text = slotText(grid[r]?.[c] ?? null);
      if (text && !NUMBERING.test(text) && !texts.includes(text)) texts.push(text);
    }
    headers.push({ col: c, texts, leaf: texts.at(-1) ?? null });
  }
  return headers;
}

/** Score every field of a profile against every column, then assign greedily, best pair first. */
function mapColumns(profile: TableProfile, headers: ColumnHeader[]) {
  const pairs: { field: string; col: number; score: number }[] = [];
  for (const h of headers) {
    if (!h.leaf) continue;
    const leaf = phrase(h.leaf);
    const parents = h.texts.slice(0, -1).map(phrase);
    for (const [field, synonyms] of Object.entries(profile.fields)) {
      let score = bestScore(leaf, synonyms);
      // A parent header ("Kết quả thực hiện" over three columns) speaks for its children only weakly.
      for (const parent of parents) score = Math.max(score, 0.9 * bestScore(parent, synonyms));
      if (score >= FIELD_THRESHOLD) pairs.push({ field, col: h.col, score });
    }
  }
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const columns: Record<string, number> = {};
  const scores: Record<string, number> = {};
  const taken = new Set<number>();
  for (const { field, col, score } of pairs) {
    if (field in columns || taken.has(col)) continue;
    columns[field] = col;
    scores[field] = score;
    taken.add(col);
  }
  const satisfied = profile.required.every((group) => group.some((f) => f in columns));
  const requiredCount = profile.required.length;
  const valid = satisfied && Object.keys(columns).length >= requiredCount + profile.minFields;
  const total = Object.values(scores).reduce((a, b) => a + b, 0);
  return { columns, scores, valid, total };
}

/** A row that is one cell across the table: a title ("KẾ HOẠCH CẢI TIẾN …") above the header. */
function isTitleRow(row: (GridSlot | null)[]): boolean {
  const cells = new Set(row.filter((s): s is GridSlot => s != null).map((s) => s.cell));
  return cells.size === 1 && [...cells][0].colSpan === row.length;
}

/**
 * Where the header sits: after at most two title rows, up to four rows that read as headers,
 * then a numbering row. Returns the first header row and the first row after the header.
 */
function findHeader(grid: (GridSlot | null)[][]): { start: number; end: number } {
  let start = 0;
  while (start < 2 && start < grid.length - 1 && isTitleRow(grid[start]) && !isHeaderRow(grid[start])) start++;
  let end = start;
  while (end < Math.min(start + 4, grid.length) && isHeaderRow(grid[end])) end++;
  if (end === start) return { start: 0, end: 0 };
  // A header cell spanning rows below the header rows pulls them in (two-row report headers).
  for (const slot of grid[end - 1]) {
    if (slot && slot.cell.row + slot.cell.rowSpan > end) end = Math.min(grid.length, slot.cell.row + slot.cell.rowSpan);
  }
  if (end < grid.length && isNumberingRow(grid[end])) end++;
  return { start, end };
}

/** Read one layout table's header and find the profile that fits it best, if any. */
export function mapTable(table: Table): MappedTable | null {
  const grid = tableGrid(table);
  const { start, end: headerRows } = findHeader(grid);
  if (headerRows === 0) return null;
  const headers = readHeaders(grid, start, headerRows, table.cols);
  let best: (ReturnType<typeof mapColumns> & { profile: TableProfile }) | null = null;
  for (const profile of PROFILES) {
    const m = mapColumns(profile, headers);
    if (!m.valid) continue;
    const count = Object.keys(m.columns).length;
    const bestCount = best ? Object.keys(best.columns).length : -1;
    if (!best || count > bestCount || (count === bestCount && m.total > best.total)) best = { ...m, profile };
  }
  if (!best) return null;
  const claimed = new Set(Object.values(best.columns));
  const extra = headers
    .filter((h) => !claimed.has(h.col) && h.leaf)
    .map((h) => ({ col: h.col, header: foldText(h.texts.join(' ')) ?? '' }));
  return {
    profile: best.profile,
    pieces: [table],
    headerRows,
    headers,
    columns: best.columns,
    scores: best.scores,
    extra,
    cols: table.cols,
  };
}

/** A table's column headers, folded, for telling a repeated header from a different table. */
export function headerSignature(headers: ColumnHeader[]): string {
  return headers.map((h) => h.texts.join('/').toLowerCase().replace(/\s+/g, '')).join('|');
}

const squash = (t: string) => t.toLowerCase().replace(/\s+/g, '');
const knownHeaders = new WeakMap<ColumnHeader[], string[]>();

/** Whether a body row repeats the table's header (Word and PDFs repeat it after a page break). */
export function repeatsHeader(row: (GridSlot | null)[], headers: ColumnHeader[]): boolean {
  const texts = distinctTexts(row);
  if (texts.length < 2) return false;
  let known = knownHeaders.get(headers);
  if (!known) {
    known = headers.flatMap((h) => h.texts).map(squash);
    knownHeaders.set(headers, known);
  }
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
