/**
 * Tables across page breaks. A plan table usually runs over several pages; word processors repeat
 * its header rows on each page and may split a row in two at the break. Most PDF tools return one
 * table per page; khcl returns the table the author made.
 */
import { tableGrid, type Cell, type Page, type Table } from '../../layout/layout.js';
import { foldKey } from './fold.js';
import { itemKey, keysDiffer } from './item-key.js';
import { dropRunningText } from './furniture.js';
import { joinsBrokenWord } from '../../normalize/broken-words.js';
import { oneCharApart, oneCharLess } from '../../normalize/text.js';

/**
 * Drop page furniture ({@link dropRunningText}), then merge every table that continues the
 * previous page's table, and number all tables 0, 1, … in reading order.
 *
 * A table continues the previous page's when it is the first block of its page, the previous
 * page's last block is a table, both have the same number of columns and their column boundaries
 * agree within 2.5 % of the page width (loose enough for OCR skew and scale between pages). Then:
 *
 * - header rows repeated at the top of the continuation (the first 1–3 rows equal to the first
 *   table's first rows, accent-, case- and space-insensitive) are dropped, and the first table's
 *   rows are marked `header`;
 * - a row cut by the break (the continuation's first row has nothing in the key columns, the
 *   leading columns that are filled in most body rows, e.g. TT or "Tiêu chí") is joined into the
 *   previous page's last row, cell by cell: lines appended (the cell's `continuedAt` set to the
 *   continuation's page), a vertically merged cell extended — unless the row starts an item of its
 *   own ({@link startsOwnRow}: its own row number or criterion code where the previous row has
 *   one), which stays a row, a vertically merged cell above it (the standard) extended over it;
 * - the other rows are appended; every cell keeps its own page; `pages` lists every page.
 *
 * The input is not changed.
 */
export function stitchTables(pages: readonly Page[]): Page[] {
  const out = structuredClone(dropRunningText(pages));
  let open: { table: Table; piece: Table; width?: number } | null = null;
  for (const page of out) {
    const first = page.blocks[0];
    let carried = false;
    if (open && first?.type === 'table' && continues(open.piece, first, open.width, page.width)) {
      append(open.table, first);
      page.blocks.shift();
      carried = true;
      open.piece = first;
      open.width = page.width;
    }
    const last = page.blocks[page.blocks.length - 1];
    if (last?.type === 'table') open = { table: last, piece: last, width: page.width };
    else if (!(carried && page.blocks.length === 0)) open = null;
  }
  let index = 0;
  for (const page of out) for (const b of page.blocks) if (b.type === 'table') b.index = index++;
  return out;
}

/** Same column count and column boundaries within 2.5 % of the page width (when both are known). */
function continues(prev: Table, next: Table, prevWidth?: number, nextWidth?: number): boolean {
  if (prev.cols !== next.cols || next.rows === 0) return false;
  if (prevWidth && nextWidth && Math.abs(prevWidth - nextWidth) > 0.05 * Math.max(prevWidth, nextWidth)) return false;
  const a = boundaries(prev);
  const b = boundaries(next);
  const width = nextWidth ?? prevWidth ?? Math.max(prev.box?.x1 ?? 0, next.box?.x1 ?? 0);
  let compared = 0;
  for (let k = 0; k <= prev.cols; k++) {
    if (a[k] == null || b[k] == null) continue;
    if (Math.abs(a[k]! - b[k]!) > 0.025 * width) return false;
    compared++;
  }
  // Without geometry on either side (boxes absent) the column count alone decides.
  return compared > 0 || a.every((x) => x == null) || b.every((x) => x == null);
}

/** Column boundary positions (cols + 1) seen on the cells' boxes; null where none shows it. */
function boundaries(t: Table): (number | null)[] {
  const sums = new Array<number>(t.cols + 1).fill(0);
  const counts = new Array<number>(t.cols + 1).fill(0);
  for (const c of t.cells) {
    if (!c.box) continue;
    sums[c.col] += c.box.x0;
    counts[c.col]++;
    sums[c.col + c.colSpan] += c.box.x1;
    counts[c.col + c.colSpan]++;
  }
  return sums.map((s, k) => (counts[k] ? s / counts[k] : null));
}

/** Merge `next` (the continuation) into `table`, in place. */
function append(table: Table, next: Table): void {
  const headerRows = repeatedHeaderRows(table, next);
  for (const c of table.cells) if (c.row < headerRows) c.header = true;
  let body = next.cells
    .filter((c) => c.row + c.rowSpan > headerRows)
    .map((c) => (c.row >= headerRows ? { ...c, row: c.row - headerRows } : { ...c, rowSpan: c.row + c.rowSpan - headerRows, row: 0 }));
  const bodyRows = next.rows - headerRows;
  let base = table.rows;
  const headers = Math.max(headerRows, guessHeaderRows(table));
  if (bodyRows > 0 && isCutRow(table, body, headers)) {
    const grid = tableGrid(table);
    if (startsOwnRow(grid[table.rows - 1], body.filter((x) => x.row === 0))) {
      body = extendMergedAbove(grid[table.rows - 1], table.rows, body);
    } else {
      for (const c of body.filter((x) => x.row === 0)) {
        const target = grid[table.rows - 1]?.[c.col]?.cell;
        if (!target) continue;
        if (c.lines.some((l) => l.trim() !== '') && target.continuedAt == null && c.page != null) target.continuedAt = c.page;
        appendLines(target, c);
        if (c.rowSpan > 1) target.rowSpan += c.rowSpan - 1;
      }
      body = body.filter((c) => c.row > 0);
      base = table.rows - 1;
    }
  }
  for (const c of body) table.cells.push({ ...c, row: base + c.row });
  table.rows = base + bodyRows;
  table.pages = [...new Set([...(table.pages ?? []), ...(next.pages ?? [])])].sort((x, y) => x - y);
}

/**
 * The continuation's first row, though empty in a key column, begins an item of its own: in some
 * column both it and the previous page's last row start with an item key — a criterion code
 * ("Tiêu chí 1.3", "1.3."), a standard heading, or a bare row number ("3") — and the two keys
 * differ ({@link keysDiffer}: "54" above "5.5." is 5.4, its dot lost by a scan); or a cell of it
 * opens in capitals under one that ended naming its criterion ("… (TC 1.4)"). A row the break
 * cut carries no key of its own: its cells go on mid-sentence.
 */
export function startsOwnRow(lastRow: readonly ({ cell: Cell; origin: boolean } | null)[], firstRow: readonly Cell[]): boolean {
  for (const c of firstRow) {
    const prev = lastRow[c.col]?.cell;
    if (!prev || prev.col !== c.col) continue;
    // A task that names its criterion last ("Kiện toàn Hội đồng trường (TC 1.4)") is whole: a
    // next-page cell opening in capitals under it starts a task of its own, though the scan lost
    // its number (a cut cell goes on in lower case). The extractor decides what a row with no
    // number is; joined here, two tasks would be one.
    const ended = prev.lines.filter((l) => l.trim() !== '').at(-1);
    const opens = c.lines.find((l) => l.trim() !== '');
    if (prev.colSpan === c.colSpan && ended && opens && NAMED_LAST.test(ended) && /^\p{Lu}/u.test(opens.trim())) return true;
    const next = itemKey(c.lines);
    if (!next) continue;
    const before = itemKey(prev.lines);
    if (before && keysDiffer(before, next)) return true;
  }
  return false;
}

/** A cell's last line closing with the criterion it names: "… (TC 1.4)", "… (Tiêu chí 2.2)." */
const NAMED_LAST = /\(\s*(?:ti[eê]u\s*ch[ií]|tc)?\s*[1-5]\s*[.,]\s*\d{1,2}\s*\)\s*[.;]?\s*$/iu;

/**
 * A row that starts on the next page under a vertically merged cell (the standard column) that the
 * break cut: where the new row is empty and the previous page's last row sits inside a merged cell,
 * the merged cell is extended over the new row and the empty piece dropped.
 */
function extendMergedAbove(lastRow: readonly ({ cell: Cell; origin: boolean } | null)[], rows: number, body: Cell[]): Cell[] {
  return body.filter((c) => {
    if (c.row !== 0 || c.lines.some((l) => l.trim() !== '')) return true;
    const above = lastRow[c.col]?.cell;
    if (!above || above.rowSpan < 2 || above.col !== c.col || above.colSpan !== c.colSpan || above.row + above.rowSpan !== rows) return true;
    above.rowSpan += c.rowSpan;
    return false;
  });
}

/** How many leading rows of `next` repeat the first rows of `table` (0–3). */
function repeatedHeaderRows(table: Table, next: Table): number {
  const a = tableGrid(table);
  const b = tableGrid(next);
  for (let k = Math.min(3, table.rows - 1, next.rows); k >= 1; k--) {
    let same = true;
    for (let r = 0; r < k && same; r++) {
      const [x, y] = [a[r].map(slotText), b[r].map(slotText)];
      // Column numbers ("(1)", "(2)", …) as a scan reads them twice ("(1", "G)", one lost):
      // both rows number the columns, whatever each reading dropped.
      same = sameHeaderRow(x, y) || (columnNumbers(x) && columnNumbers(y));
    }
    if (same) return k;
  }
  return 0;
}

/** A row of column numbers (folded: "1", "g"): at least three, half the filled cells or more, the rest a few characters. */
function columnNumbers(texts: string[]): boolean {
  const filled = texts.filter((t) => t !== '');
  const numbers = filled.filter((t) => /^\(?\s*\d{1,2}\s*\)?$/.test(t));
  return numbers.length >= 3 && numbers.length * 2 >= filled.length && filled.every((t) => t.length <= 4);
}

/**
 * Whether a continuation's row repeats a header row: every cell the same, or, as a scan reads a
 * repeat ("(1)" as "(G1)", "Mục tiêu" as "Mục tiêụ"), most cells the same and the rest a
 * character apart or too short to tell (a column number).
 */
function sameHeaderRow(first: string[], next: string[]): boolean {
  const filled = first.filter((t) => t !== '').length;
  if (filled === 0) return false;
  let equal = 0;
  for (let c = 0; c < first.length; c++) {
    const [x, y] = [first[c], next[c] ?? ''];
    if (x === y) {
      if (x !== '') equal++;
      continue;
    }
    const near = x !== '' && y !== '' && (oneCharApart(x, y) || oneCharLess(x, y) || oneCharLess(y, x) || (x.length <= 4 && y.length <= 4));
    if (!near) return false;
  }
  return equal === filled || (equal >= 2 && equal >= 0.6 * filled);
}

function slotText(slot: { cell: Cell } | null): string {
  return slot ? foldKey(slot.cell.lines.join(' ')) : '';
}

/** Header rows of a table never seen repeated: those already marked, else the first row. */
function guessHeaderRows(table: Table): number {
  let marked = 0;
  for (const c of table.cells) if (c.header) marked = Math.max(marked, c.row + c.rowSpan);
  return marked || 1;
}

/**
 * The continuation's first row is the tail of a row the page break cut: a key column is empty
 * in it while the previous page ends on a real (non-header, non-empty) row. Checking every key
 * column, not just the first, catches a break inside the key cell itself ("Mức" / "3", or
 * "Tiêu chí 3.2:" / "Phòng học" with the row number left behind), and a key cell cut mid-word
 * (its tail in lower case). A section row is cut only into one cell.
 */
function isCutRow(table: Table, body: Cell[], headerRows: number): boolean {
  if (table.rows <= headerRows) return false;
  const grid = tableGrid(table);
  const lastRow = grid[table.rows - 1];
  if (!lastRow.some((s) => s && s.cell.lines.some((l) => l.trim() !== ''))) return false;
  const firstRow = body.filter((c) => c.row === 0);
  if (firstRow.length === 0) return false;
  // A section row ("TIÊU CHUẨN 5" across the table) ends the page: a next-page row with text in
  // two columns or more is a row of its own, not the tail of that one cell.
  const section = lastRow.find((s) => s && s.cell.colSpan >= Math.max(2, table.cols - 1));
  if (section && firstRow.filter((c) => c.lines.some((l) => l.trim() !== '')).length >= 2) return false;
  const textAt = (col: number) =>
    firstRow.some((c) => c.col <= col && col < c.col + c.colSpan && c.lines.some((l) => l.trim() !== ''));
  const keys = keyColumns(grid.slice(headerRows), table.cols);
  if (keys.length === 0) return !textAt(0) && (table.cols < 2 || !textAt(1));
  // The break can cut the key cell itself, mid-word or mid-sentence: its tail opens in lower case
  // ("n viên" under "Tiêu chí 2.3: Đối với nhâ") where the cell above opened with the item's key.
  // Only a tail that keeps to the key column: one spread over several (a scan that found no rule
  // between them) may belong to any of them.
  const goesOn = (col: number) => {
    const cell = firstRow.find((c) => c.col === col && c.colSpan === 1);
    const tail = cell?.lines.find((l) => l.trim() !== '');
    const above = lastRow[col];
    return tail != null && /^\p{Ll}/u.test(tail.trim()) && above?.cell.col === col && itemKey(above.cell.lines) != null;
  };
  return keys.some((k) => !textAt(k) || goesOn(k));
}

/**
 * Key columns: among the first two columns, those with text in at least 80 % of the body rows
 * that are not section rows (a cell spanning all or all but one column: "MỨC 1, 2, 3",
 * "1 | Tiêu chuẩn 1: …"). Typically TT, or the criterion, or a level column.
 */
function keyColumns(rows: ReturnType<typeof tableGrid>, cols: number): number[] {
  const body = rows.filter((r) => !r.some((s) => s && s.cell.colSpan >= Math.max(2, cols - 1)));
  const keys: number[] = [];
  for (let c = 0; c < Math.min(2, cols); c++) {
    const filled = body.filter((r) => r[c] && r[c]!.cell.lines.some((l) => l.trim() !== '')).length;
    if (body.length > 0 && filled >= 0.8 * body.length) keys.push(c);
  }
  return keys;
}

/**
 * A cut row's tail appended to its cell: the first line of the tail joins the cell's last line
 * without a space when that line ran into the cell's right edge and the two meet inside a word
 * ("thườ" / "ng" → "thường"), as {@link mendBrokenWords} does within one page.
 */
function appendLines(target: Cell, next: Cell): void {
  const tail = next.lines;
  const last = target.lines.length - 1;
  const first = tail.findIndex((l) => l.trim() !== '');
  if (target.runsToEdge && last >= 0 && first === 0 && joinsBrokenWord(target.lines[last], tail[0])) {
    target.lines[last] += tail[0].trim();
    target.lines.push(...tail.slice(1));
  } else {
    target.lines.push(...tail);
  }
  if (next.runsToEdge) target.runsToEdge = true;
  else delete target.runsToEdge;
}
