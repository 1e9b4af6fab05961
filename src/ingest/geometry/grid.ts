/**
 * Ruled tables: a grid from horizontal and vertical rules, merged cells from missing inner rules,
 * words placed in cells by their box centre.
 */
import type { Box, Cell, Table } from '../../layout/layout.js';
import type { PositionedWord } from './types.js';
import type { HRule, VRule } from './lines.js';
import type { Tolerances } from './tolerances.js';
import { clusterValues, dropSlivers } from './lines.js';
import { centreX, centreY, containsPoint, roundBox } from './boxes.js';
import { groupLines, meanConfidence, type TextLine } from './text-lines.js';
import { itemKey } from './item-key.js';
import { atRightEdge, mendBrokenWords } from './mend.js';

export interface GridCell {
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
  box: Box;
}

/** A ruled table's geometry: boundaries, cells, and which cell covers each slot. */
export interface RuledGrid {
  box: Box;
  /** Column boundaries, left to right (cols + 1 values). */
  xs: number[];
  /** Row boundaries, top to bottom (rows + 1 values). */
  ys: number[];
  cells: GridCell[];
  /** slots[r][c] = index into `cells`. */
  slots: number[][];
}

/**
 * Every ruled table on a page.
 *
 * Rules that touch (within `snap`) form connected groups; a group with at least two horizontal
 * rules and one vertical rule, spanning at least two cells, is a table. Row boundaries are the
 * horizontal rules' positions plus the vertical rules' extremes, column boundaries the vertical
 * rules' positions plus the horizontal rules' extremes (so a table drawn without outer side
 * borders still gets its first and last column). A table drawn with column rules and at most one
 * horizontal rule (under the header, or none) is one too when it has at least three column rules
 * (two of them inner): its rows come from its text ({@link splitUnruledRows}). A lone underline, a
 * framed paragraph (one cell) or a page border is not a table.
 */
export function findGrids(h: readonly HRule[], v: readonly VRule[], tol: Tolerances): RuledGrid[] {
  const { snap } = tol;
  const parent = Array.from({ length: h.length + v.length }, (_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  h.forEach((hr, i) => {
    v.forEach((vr, j) => {
      if (vr.x >= hr.x0 - snap && vr.x <= hr.x1 + snap && hr.y >= vr.y0 - snap && hr.y <= vr.y1 + snap) {
        parent[find(i)] = find(h.length + j);
      }
    });
  });
  const groups = new Map<number, { h: HRule[]; v: VRule[] }>();
  h.forEach((r, i) => group(groups, find(i)).h.push(r));
  v.forEach((r, j) => group(groups, find(h.length + j)).v.push(r));
  const grids: RuledGrid[] = [];
  for (const g of joinSideBySide([...groups.values()], snap)) {
    if (!(g.h.length >= 2 && g.v.length >= 1) && !(g.v.length >= 3 && g.h.length <= 1)) continue;
    const grid = buildGrid(g.h, g.v, tol);
    if (grid && grid.cells.length >= 2) grids.push(grid);
  }
  return grids.sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

/**
 * Two groups of rules side by side with the same top and bottom (within `snap`) and a gap between
 * them narrower than a column can be wide are one table whose column between them is a merged cell
 * the page break cut (a standard merged down its column): no rule crosses that column on this page,
 * so nothing connects the two halves. Joined, the column becomes one cell down the page.
 */
function joinSideBySide(groups: { h: HRule[]; v: VRule[] }[], snap: number): { h: HRule[]; v: VRule[] }[] {
  const extent = (g: { h: HRule[]; v: VRule[] }) => ({
    x0: Math.min(...g.v.map((r) => r.x), ...g.h.map((r) => r.x0)),
    x1: Math.max(...g.v.map((r) => r.x), ...g.h.map((r) => r.x1)),
    y0: Math.min(...g.v.map((r) => r.y0), ...g.h.map((r) => r.y)),
    y1: Math.max(...g.v.map((r) => r.y1), ...g.h.map((r) => r.y)),
  });
  const out = groups.filter((g) => g.v.length > 0).sort((a, b) => extent(a).x0 - extent(b).x0);
  const rest = groups.filter((g) => g.v.length === 0);
  for (let i = 0; i + 1 < out.length; ) {
    const a = extent(out[i]);
    const j = out.findIndex((g, k) => {
      if (k <= i) return false;
      const b = extent(g);
      const gap = b.x0 - a.x1;
      return gap > 0 && gap < 0.5 * (a.y1 - a.y0) && gap < 0.3 * (b.x1 - a.x0) && Math.abs(a.y0 - b.y0) <= snap && Math.abs(a.y1 - b.y1) <= snap;
    });
    if (j < 0) {
      i++;
      continue;
    }
    out[i] = { h: [...out[i].h, ...out[j].h], v: [...out[i].v, ...out[j].v] };
    out.splice(j, 1);
  }
  return [...out, ...rest];
}

function group(map: Map<number, { h: HRule[]; v: VRule[] }>, key: number) {
  let g = map.get(key);
  if (!g) map.set(key, (g = { h: [], v: [] }));
  return g;
}

function buildGrid(h: HRule[], v: VRule[], tol: Tolerances): RuledGrid | null {
  const left = Math.min(...h.map((r) => r.x0), ...v.map((r) => r.x));
  const right = Math.max(...h.map((r) => r.x1), ...v.map((r) => r.x));
  const top = Math.min(...v.map((r) => r.y0), ...h.map((r) => r.y));
  const bottom = Math.max(...v.map((r) => r.y1), ...h.map((r) => r.y));
  const ys = dropSlivers(clusterValues([top, bottom, ...h.map((r) => r.y)], tol.snap), tol.minRowHeight);
  const match = Math.max(tol.snap, tol.minColWidth);
  const vRules = v.map((r) => ({ pos: r.x, a: r.y0, b: r.y1 }));
  const xs = withoutStrayBoundaries(dropSlivers(clusterValues([left, right, ...v.map((r) => r.x)], tol.snap), tol.minColWidth), ys, vRules, match);
  const rows = ys.length - 1;
  const cols = xs.length - 1;
  if (rows < 1 || cols < 1) return null;
  // cover[k][r]: length of row r's height that a vertical rule at boundary k actually covers.
  const vCover = coverage(xs, ys, vRules, match);
  const hCover = coverage(ys, xs, h.map((r) => ({ pos: r.y, a: r.x0, b: r.x1 })), match);
  const vEdge = (k: number, r: number) => k === 0 || k === cols || vCover[k][r] >= 0.5 * (ys[r + 1] - ys[r]);
  const hEdge = (k: number, c: number) => k === 0 || k === rows || hCover[k][c] >= 0.5 * (xs[c + 1] - xs[c]);

  const slots = Array.from({ length: rows }, () => new Array<number>(cols).fill(-1));
  const cells: GridCell[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (slots[r][c] !== -1) continue;
      // Greedy from the top-left slot: widen while the inner vertical rule is missing, then grow
      // down while the horizontal rule under every spanned column is missing.
      let cs = 1;
      while (c + cs < cols && !vEdge(c + cs, r) && slots[r][c + cs] === -1) cs++;
      let rs = 1;
      while (r + rs < rows && spanOpen(r + rs, c, cs, hEdge, slots)) rs++;
      for (let dr = 0; dr < rs; dr++) for (let dc = 0; dc < cs; dc++) slots[r + dr][c + dc] = cells.length;
      cells.push({ row: r, col: c, rowSpan: rs, colSpan: cs, box: { x0: xs[c], y0: ys[r], x1: xs[c + cs], y1: ys[r + rs] } });
    }
  }
  return { box: { x0: xs[0], y0: ys[0], x1: xs[cols], y1: ys[rows] }, xs, ys, cells, slots };
}

/**
 * Inner column boundaries drawn only in rows that no other inner boundary crosses (a table of
 * four rows or more): the stems of a heading's letters lined up down the page ("Tiêu chuẩn 3",
 * "Tiêu chuẩn 4" start at the same x), not a column, since every row that has columns runs across
 * it. Kept, it cuts the headings ("Tiêu chu" | "ẩn 3") and turns every cell of its column into a
 * two-column span, so the page's piece no longer lines up with the table it continues.
 */
function withoutStrayBoundaries(xs: number[], ys: number[], rules: { pos: number; a: number; b: number }[], match: number): number[] {
  const rows = ys.length - 1;
  if (rows < 4 || xs.length < 4) return xs;
  const cover = coverage(xs, ys, rules, match);
  const inner = xs.map((_, k) => k).slice(1, -1);
  const rowIndexes = Array.from({ length: rows }, (_, r) => r);
  const drawn = (k: number, r: number) => cover[k][r] >= 0.5 * (ys[r + 1] - ys[r]);
  const columned = (r: number, except: number) => inner.some((k) => k !== except && drawn(k, r));
  const stray = new Set(
    inner.filter((k) => {
      const own = rowIndexes.filter((r) => drawn(k, r));
      const others = rowIndexes.filter((r) => columned(r, k));
      return own.length > 0 && others.length > own.length && own.every((r) => !columned(r, k));
    }),
  );
  return stray.size ? xs.filter((_, k) => !stray.has(k)) : xs;
}

function spanOpen(
  r: number,
  c: number,
  cs: number,
  hEdge: (k: number, c: number) => boolean,
  slots: number[][],
): boolean {
  for (let dc = 0; dc < cs; dc++) if (hEdge(r, c + dc) || slots[r][c + dc] !== -1) return false;
  return true;
}

/** For each boundary, how much of each perpendicular interval is drawn. */
function coverage(
  bounds: number[],
  cross: number[],
  rules: { pos: number; a: number; b: number }[],
  match: number,
): number[][] {
  const out = bounds.map(() => new Array<number>(cross.length - 1).fill(0));
  for (const rule of rules) {
    const k = nearest(bounds, rule.pos);
    if (Math.abs(bounds[k] - rule.pos) > match) continue;
    for (let i = 0; i < cross.length - 1; i++) {
      out[k][i] += Math.max(0, Math.min(rule.b, cross[i + 1]) - Math.max(rule.a, cross[i]));
    }
  }
  return out;
}

function nearest(sorted: number[], v: number): number {
  let best = 0;
  for (let i = 1; i < sorted.length; i++) if (Math.abs(sorted[i] - v) < Math.abs(sorted[best] - v)) best = i;
  return best;
}

/** Index of the slot interval holding `v` in ascending boundaries (clamped to the ends). */
function slotIndex(bounds: number[], v: number): number {
  let i = 0;
  while (i < bounds.length - 2 && v >= bounds[i + 1]) i++;
  return i;
}

/**
 * A grid drawn without row rules (column rules only, or one rule under the header) holds several
 * rows in one band. Split such bands at the text: consecutive lines (words sharing a baseline
 * across the band) further apart than the band's closest line pitch by more than a quarter em are
 * in different rows (cell padding top and bottom separates rows; lines inside a cell sit one
 * line pitch apart). Only grids of at most three bands (title, header, body) are read this way, so
 * a table ruled row by row is never split; a band with a merged cell crossing it is left alone.
 */
export function splitUnruledRows(grid: RuledGrid, words: readonly PositionedWord[], tol: Tolerances): RuledGrid {
  const rows = grid.ys.length - 1;
  if (rows > 3) return grid;
  const cuts: number[][] = [];
  for (let r = 0; r < rows; r++) {
    cuts.push([]);
    const crossing = grid.cells.some((c) => c.rowSpan > 1 && c.row <= r && r < c.row + c.rowSpan);
    if (crossing) continue;
    const inBand = words.filter((w) => centreY(w.box) > grid.ys[r] && centreY(w.box) < grid.ys[r + 1] && inGrid(grid, w, tol.snap));
    const lines = groupLines(inBand).sort((a, b) => a.box.y0 - b.box.y0);
    if (lines.length < 2 || !holdsSeveralItems(grid, inBand)) continue;
    const pitches = lines.slice(1).map((l, i) => l.box.y0 - lines[i].box.y0);
    const closest = Math.min(...pitches);
    pitches.forEach((p, i) => {
      if (p > closest + 0.25 * tol.em) cuts[r].push((lines[i].box.y1 + lines[i + 1].box.y0) / 2);
    });
  }
  if (cuts.every((c) => c.length === 0)) return grid;
  // New row index of each old row's first sub-row.
  const first: number[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    first.push(n);
    n += cuts[r].length + 1;
  }
  const ys = grid.ys.flatMap((y, r) => (r < rows ? [y, ...cuts[r]] : [y]));
  const cells: GridCell[] = [];
  for (const c of grid.cells) {
    if (c.rowSpan > 1 || cuts[c.row].length === 0) {
      const top = first[c.row];
      const bottom = first[c.row + c.rowSpan - 1] + cuts[c.row + c.rowSpan - 1].length + 1;
      cells.push({ ...c, row: top, rowSpan: bottom - top, box: { ...c.box, y0: ys[top], y1: ys[bottom] } });
      continue;
    }
    for (let k = 0; k <= cuts[c.row].length; k++) {
      const row = first[c.row] + k;
      cells.push({ ...c, row, rowSpan: 1, box: { ...c.box, y0: ys[row], y1: ys[row + 1] } });
    }
  }
  const slots = Array.from({ length: n }, () => new Array<number>(grid.xs.length - 1).fill(-1));
  cells.forEach((c, i) => {
    for (let r = c.row; r < c.row + c.rowSpan; r++) for (let k = c.col; k < c.col + c.colSpan; k++) slots[r][k] = i;
  });
  return { ...grid, ys, cells, slots };
}

/**
 * Whether some column of a band opens two or more items of one kind (row numbers, criterion
 * codes, standards on lines of their own): several rows drawn without rules between them, not
 * one row whose cells hold paragraphs. Of one kind, and numbers counting up by one: in one ruled
 * row, a narrow column's broken words can read as a number ("3.3." / "Khối" / "phòn" / "5", the
 * "5" a misread "g"), beside its code, and a code broken over lines as two ("3." / "6").
 */
function holdsSeveralItems(grid: RuledGrid, words: readonly PositionedWord[]): boolean {
  for (let c = 0; c < grid.xs.length - 1; c++) {
    const lines = groupLines(words.filter((w) => slotIndex(grid.xs, centreX(w.box)) === c));
    const keys = lines.map((l) => itemKey([l.text])).filter((k) => k != null);
    if (keys.length < 2 || !keys.every((k) => k.kind === keys[0].kind)) continue;
    // Row numbers count up by one ("3." / "6" are a code "3.6" a narrow column broke, in one row).
    if (keys[0].kind === 'number' && !keys.every((k, i) => i === 0 || Number(k.value) === Number(keys[i - 1].value) + 1)) continue;
    return true;
  }
  return false;
}

/** Whether a word belongs to the grid: its box centre lies inside the grid (within `snap`). */
export function inGrid(grid: RuledGrid, word: PositionedWord, snap: number): boolean {
  return containsPoint(grid.box, centreX(word.box), centreY(word.box), snap);
}

/**
 * The grid as a layout table: each word goes to the cell holding its box centre, a cell's lines
 * are its words grouped by baseline, top to bottom, each line's words left to right, with the
 * words a narrow column broke mended ({@link mendBrokenWords}).
 */
export function gridToTable(grid: RuledGrid, words: readonly PositionedWord[], page: number): Table {
  const buckets: PositionedWord[][] = grid.cells.map(() => []);
  for (const w of words.flatMap((word) => splitAtCellEdges(grid, word))) {
    const r = slotIndex(grid.ys, centreY(w.box));
    const c = slotIndex(grid.xs, centreX(w.box));
    buckets[grid.slots[r][c]].push(w);
  }
  const cells: Cell[] = grid.cells.map((gc, i) => {
    const lines = groupLines(buckets[i]).filter((l) => !isBorderSliver(l, gc.box));
    const confidence = meanConfidence(lines);
    return {
      row: gc.row,
      col: gc.col,
      rowSpan: gc.rowSpan,
      colSpan: gc.colSpan,
      lines: mendBrokenWords(lines, gc.box),
      page,
      box: roundBox(gc.box),
      ...(atRightEdge(lines, gc.box).at(-1) ? { runsToEdge: true } : {}),
      ...(confidence != null ? { confidence } : {}),
    };
  });
  return {
    type: 'table',
    index: 0,
    rows: grid.ys.length - 1,
    cols: grid.xs.length - 1,
    cells,
    pages: [page],
    box: roundBox(grid.box),
  };
}

/**
 * A line that is only a sliver of the cell's right border read as a letter ("I", "l", "!"): on a
 * tilted scan the crop of a cell keeps a strip of its border, which the engine reads so. It stands
 * alone in the right half of the cell; a Roman "I" a narrow column wrapped ("Học kỳ" / "I")
 * starts its line at the left.
 */
function isBorderSliver(line: TextLine, cell: Box): boolean {
  return line.confidence !== undefined && /^[Il!|]$/.test(line.text.trim()) && line.box.x0 > (cell.x0 + cell.x1) / 2;
}

/**
 * A text run that crosses from one cell into the next, cut at the space nearest the rule between
 * them. pdfjs merges runs on one baseline that are less than 0.6 em apart into one item, spaces
 * added; narrow cells with small margins put the end of one cell's line that close to the start of
 * the next cell's ("Tiêu chí" | "Mứ" → one item "Tiêu chí Mứ"). Character places are estimated
 * from the run's width and each character's usual width in a serif font ({@link charWidth}): spaces
 * and dots are half a digit, so "Tiêu chí 1. 1 Mức 3" is cut after its last "1", not before it.
 * A run inside a merged cell is left whole.
 */
function splitAtCellEdges(grid: RuledGrid, word: PositionedWord): PositionedWord[] {
  const { x0, x1 } = word.box;
  if (!word.text.includes(' ')) return [word];
  const r = slotIndex(grid.ys, centreY(word.box));
  const edge = grid.xs.findIndex(
    (x, k) => k > 0 && k < grid.xs.length - 1 && x > x0 && x < x1 && grid.slots[r][k - 1] !== grid.slots[r][k],
  );
  if (edge < 0) return [word];
  const chars = [...word.text];
  // Left edge of character i (fractional i: within it), from widths relative to a digit's.
  const starts = [0];
  for (const c of chars) starts.push(starts.at(-1)! + charWidth(c));
  const total = starts.at(-1)!;
  const at = (i: number) => {
    const k = Math.min(chars.length, Math.floor(i));
    const within = k < chars.length ? (i - k) * (starts[k + 1] - starts[k]) : 0;
    return x0 + ((x1 - x0) * (starts[k] + within)) / total;
  };
  let cut = -1;
  chars.forEach((c, i) => {
    if (c === ' ' && (cut < 0 || Math.abs(at(i + 0.5) - grid.xs[edge]) < Math.abs(at(cut + 0.5) - grid.xs[edge]))) cut = i;
  });
  const left = chars.slice(0, cut).join('').trimEnd();
  const right = chars.slice(cut + 1).join('').trimStart();
  if (left === '' || right === '') return [word];
  return [
    { ...word, text: left, box: { ...word.box, x1: at(cut) } },
    ...splitAtCellEdges(grid, { ...word, text: right, box: { ...word.box, x0: at(cut + 1) } }),
  ];
}

/**
 * A character's width relative to a digit's, as serif text fonts (Times/Liberation Serif, DejaVu
 * Serif) draw them within a few per cent: spaces, stops and i/l half a digit, t/f/r two thirds,
 * m/w and M/W one and a half, other capitals a fifth wider.
 */
function charWidth(c: string): number {
  const base = c.normalize('NFD')[0] ?? c;
  if (/[\s.,:;'!|()[\]ijlI]/.test(base)) return 0.5;
  if (/[tfr\-/]/.test(base)) return 0.65;
  if (/[mwMW%]/.test(base)) return 1.5;
  if (/[A-ZĐ]/.test(base)) return 1.2;
  return 1;
}
