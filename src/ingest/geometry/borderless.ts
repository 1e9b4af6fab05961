/**
 * Tables drawn without rules, recognised from text alignment only.
 *
 * Deliberately conservative: a false table scrambles prose, a missed one only leaves its rows as
 * paragraphs. A borderless table needs at least three "anchor" lines (lines that split into three
 * or more fragments) close together, sharing at least three column starts (left edges within
 * 0.5 line heights). A two-column letterhead or a signature block never qualifies.
 */
import type { Box, Cell, Table } from '../../layout/layout.js';
import { roundBox, unionBoxes } from './boxes.js';
import { clusterValues } from './lines.js';
import { meanConfidence, type TextLine } from './text-lines.js';

/** A text line of the page as its fragments, left to right. */
export type Row = TextLine[];

const MIN_ANCHORS = 3;
const MIN_COLUMNS = 3;

/**
 * Find borderless tables among the page's rows (top to bottom). Returns the tables and the rows
 * they consumed (by index), so the caller turns only the rest into paragraphs.
 */
export function findBorderlessTables(rows: readonly Row[], page: number): { tables: Table[]; used: Set<number> } {
  const tables: Table[] = [];
  const used = new Set<number>();
  for (const block of closeRuns(rows)) {
    const found = tableIn(rows, block, page);
    if (!found) continue;
    tables.push(found.table);
    for (const i of found.rows) used.add(i);
  }
  return { tables, used };
}

/** Runs of row indices whose vertical gaps are at most one line height. */
function closeRuns(rows: readonly Row[]): number[][] {
  const runs: number[][] = [];
  for (let i = 0; i < rows.length; i++) {
    const prev = runs[runs.length - 1];
    const last = prev ? rows[prev[prev.length - 1]] : undefined;
    if (last && rowBox(rows[i]).y0 - rowBox(last).y1 <= rowHeight(rows[i])) prev.push(i);
    else runs.push([i]);
  }
  return runs.filter((r) => r.length >= MIN_ANCHORS);
}

function tableIn(rows: readonly Row[], run: number[], page: number): { table: Table; rows: number[] } | null {
  const anchors = run.filter((i) => rows[i].length >= MIN_COLUMNS);
  if (anchors.length < MIN_ANCHORS) return null;
  const tol = 0.5 * Math.max(...anchors.map((i) => rowHeight(rows[i])));
  // Column starts: left edges that recur in at least half of the anchor lines (and in three).
  const starts = clusterValues(
    anchors.flatMap((i) => rows[i].map((f) => f.box.x0)),
    tol,
  ).filter((x) => countRowsWithStart(rows, anchors, x, tol) >= Math.max(MIN_ANCHORS, anchors.length / 2));
  if (starts.length < MIN_COLUMNS) return null;
  const sharing = anchors.filter((i) => starts.filter((x) => rows[i].some((f) => Math.abs(f.box.x0 - x) <= tol)).length >= MIN_COLUMNS);
  if (sharing.length < MIN_ANCHORS) return null;
  // The table runs from the first to the last sharing anchor, plus trailing lines that fit the columns.
  const first = run.indexOf(sharing[0]);
  let last = run.indexOf(sharing[sharing.length - 1]);
  while (last + 1 < run.length && fits(rows[run[last + 1]], starts, tol)) last++;
  const members = run.slice(first, last + 1);
  return { table: buildTable(rows, members, starts, tol, page), rows: members };
}

function countRowsWithStart(rows: readonly Row[], idx: number[], x: number, tol: number): number {
  return idx.filter((i) => rows[i].some((f) => Math.abs(f.box.x0 - x) <= tol)).length;
}

/** Every fragment of the row starts inside one column and does not cross into the next. */
function fits(row: Row, starts: number[], tol: number): boolean {
  return row.every((f) => {
    const k = columnOf(f, starts, tol);
    return k >= 0 && (k === starts.length - 1 || f.box.x1 <= starts[k + 1] + tol);
  });
}

function columnOf(f: TextLine, starts: number[], tol: number): number {
  let k = -1;
  for (let i = 0; i < starts.length; i++) if (f.box.x0 >= starts[i] - tol) k = i;
  return k;
}

function buildTable(rows: readonly Row[], members: number[], starts: number[], tol: number, page: number): Table {
  const cols = starts.length;
  // Table rows: an anchor line, or a line with text in the first column after a visible gap,
  // starts a row; any other line continues the row above (a wrapped cell).
  const tableRows: { frags: { col: number; span: number; f: TextLine }[]; box: Box }[] = [];
  for (const i of members) {
    const row = rows[i];
    const placed = row.map((f) => {
      const col = Math.max(0, columnOf(f, starts, tol));
      let span = 1;
      while (col + span < cols && f.box.x1 > starts[col + span] + tol) span++;
      return { col, span, f };
    });
    const prev = tableRows[tableRows.length - 1];
    const startsRow =
      !prev ||
      row.length >= MIN_COLUMNS ||
      (placed.some((p) => p.col === 0) && rowBox(row).y0 - prev.box.y1 > 0.5 * rowHeight(row));
    if (startsRow) tableRows.push({ frags: placed, box: rowBox(row) });
    else {
      prev.frags.push(...placed);
      prev.box = unionBoxes([prev.box, rowBox(row)])!;
    }
  }
  const right = Math.max(...members.flatMap((i) => rows[i].map((f) => f.box.x1)));
  const cells: Cell[] = [];
  tableRows.forEach((tr, r) => {
    const bottom = r + 1 < tableRows.length ? tableRows[r + 1].box.y0 : tr.box.y1;
    const taken = new Array<boolean>(cols).fill(false);
    const byCol = new Map<number, { span: number; lines: TextLine[] }>();
    for (const p of tr.frags.sort((a, b) => a.f.box.y0 - b.f.box.y0 || a.f.box.x0 - b.f.box.x0)) {
      const cell = byCol.get(p.col) ?? { span: 1, lines: [] };
      cell.span = Math.max(cell.span, p.span);
      cell.lines.push(p.f);
      byCol.set(p.col, cell);
    }
    for (let c = 0; c < cols; c++) {
      if (taken[c]) continue;
      const found = byCol.get(c);
      let span = found?.span ?? 1;
      // A spanning cell must not swallow a later column's own text.
      for (let k = c + 1; k < c + span; k++) if (byCol.has(k)) span = k - c;
      for (let k = c; k < c + span; k++) taken[k] = true;
      const x1 = c + span < cols ? starts[c + span] : right;
      const confidence = found ? meanConfidence(found.lines) : undefined;
      cells.push({
        row: r,
        col: c,
        rowSpan: 1,
        colSpan: span,
        lines: found ? found.lines.map((l) => l.text) : [],
        page,
        box: roundBox({ x0: starts[c], y0: tr.box.y0, x1, y1: Math.max(bottom, tr.box.y1) }),
        ...(confidence != null ? { confidence } : {}),
      });
    }
  });
  const box = unionBoxes(members.map((i) => rowBox(rows[i])))!;
  return { type: 'table', index: 0, rows: tableRows.length, cols, cells, pages: [page], box: roundBox(box) };
}

function rowBox(row: Row): Box {
  return unionBoxes(row.map((f) => f.box))!;
}

function rowHeight(row: Row): number {
  return Math.max(...row.map((f) => f.height));
}
