/**
 * From a layout's tables to the logical tables of the document: each data table mapped, and the
 * pieces of one table (split by Word into several tables after a page break, or left in pieces by
 * a reader) joined back, in reading order.
 */
import { blocksOf, tableGrid, type GridSlot, type Layout, type Table } from '../layout/layout.js';
import { budgetUnitFromHeader } from '../normalize/index.js';
import { isNumberingTexts } from './column-content.js';
import { distinctTexts, headerSignature, mapTable, repeatsHeader, squash, type MappedTable, type TitledKind } from './tables.js';

export interface Piece {
  table: Table;
  grid: (GridSlot | null)[][];
  /** Rows at the top of this piece that are header, not content. */
  skip: number;
}

export interface LogicalTable extends Omit<MappedTable, 'pieces'> {
  pieces: Piece[];
}

export interface BodyRow {
  table: number;
  row: number;
  page: number | null;
  slots: (GridSlot | null)[];
}

/**
 * Map every table and join continuation pieces: a table with the same profile, column count and
 * header as the previous one continues it (its header rows dropped); a table with no header, the
 * same column count and nothing but blank space before it continues the previous one too.
 */
export function collectTables(layout: Layout, titled: TitledKind = null): LogicalTable[] {
  const out: LogicalTable[] = [];
  let last: LogicalTable | null = null;
  let textSinceLast = false;
  for (const block of blocksOf(layout)) {
    if (block.type === 'paragraph') {
      if (block.lines.some((l) => l.trim()) && !isCellOverflow(block.lines)) textSinceLast = true;
      continue;
    }
    const grid = tableGrid(block);
    const mapped = mapTable(block, titled);
    if (
      mapped &&
      last &&
      mapped.profile === last.profile &&
      mapped.cols === last.cols &&
      headerSignature(mapped.headers) === headerSignature(last.headers)
    ) {
      last.pieces.push({ table: block, grid, skip: mapped.headerRows });
    } else if (mapped && last && mapped.cols === last.cols && mapped.headerRows > last.pieces[0].skip && repeatsHeaderRows(grid, last.pieces[0])) {
      // The previous table's header repeated on the next page, and below it a row the header finder
      // also took for header (a continuation row whose words read like one: "hoạt động và lịch họp…").
      last.pieces.push({ table: block, grid, skip: last.pieces[0].skip });
    } else if ((!mapped || !mapped.headerByWords) && last && !textSinceLast && block.cols === last.cols) {
      // No header of its own right after a table of as many columns: the next page's part of it.
      last.pieces.push({ table: block, grid, skip: mapped?.headerRows ?? 0 });
    } else if (mapped) {
      last = { ...mapped, pieces: [{ table: block, grid, skip: mapped.headerRows }] };
      out.push(last);
    } else {
      last = null;
    }
    textSinceLast = false;
  }
  return out;
}

/** Whether the top rows of `grid` repeat the header rows of a table's first piece, row for row. */
function repeatsHeaderRows(grid: (GridSlot | null)[][], first: Piece): boolean {
  const rowKey = (row: (GridSlot | null)[] | undefined) => (row ? squash(distinctTexts(row).join('|')) : '');
  if (first.skip === 0 || grid.length <= first.skip) return false;
  for (let r = 0; r < first.skip; r++) if (rowKey(grid[r]) !== rowKey(first.grid[r]) || !rowKey(grid[r])) return false;
  return true;
}

/**
 * A few words left between two pieces of a table by a page break: the end of a merged cell's text
 * that ran below the last rule of the page ("giáo dục", "TRƯỜNG, GIA"). No heading, caption or
 * sentence: at most four words, no list number in front, no stop or colon at the end.
 */
function isCellOverflow(lines: readonly string[]): boolean {
  const text = lines.join(' ').trim();
  return text.length <= 30 && text.split(/\s+/).length <= 4 && !/^(?:[IVX]+|\d+|[a-z])[.)]/iu.test(text) && !/[.:;!?]$/u.test(text);
}

const bodyRowsOf = new WeakMap<LogicalTable, readonly BodyRow[]>();

/**
 * The content rows of a logical table: header rows, numbering rows and repeated headers left out.
 * Found once per table: the items, the total check and the task table's passes all walk them.
 */
export function bodyRows(t: LogicalTable): readonly BodyRow[] {
  let rows = bodyRowsOf.get(t);
  if (!rows) {
    rows = [...findBodyRows(t)];
    bodyRowsOf.set(t, rows);
  }
  return rows;
}

function* findBodyRows(t: LogicalTable): Generator<BodyRow> {
  for (const piece of t.pieces) {
    for (let r = piece.skip; r < piece.grid.length; r++) {
      const slots = piece.grid[r];
      const texts = distinctTexts(slots);
      if (isNumberingTexts(texts) || repeatsHeader(texts, t.headers)) continue;
      const first = slots.find((s) => s && s.cell.page != null);
      yield { table: piece.table.index, row: r, page: first?.cell.page ?? null, slots };
    }
  }
}

const budgetUnits = new WeakMap<LogicalTable, { unit: number | undefined }>();

/** The unit the budget column's header states ("Kinh phí (triệu đồng)"), if any: read once per table, not per item. */
export function budgetHeaderUnit(t: LogicalTable): number | undefined {
  let known = budgetUnits.get(t);
  if (!known) {
    const col = t.columns.budgetText;
    const header = col === undefined ? null : (t.headers[col]?.texts.join(' ') ?? null);
    known = { unit: header ? budgetUnitFromHeader(header) : undefined };
    budgetUnits.set(t, known);
  }
  return known.unit;
}

const decimalCommas = new WeakMap<LogicalTable, boolean>();

/**
 * Whether the budget column writes decimals with a comma in some row ("2,5", "12,5"): where it
 * does, a scan's comma-less "35" under "(triệu đồng)" may be a "3,5" whose comma the image lost,
 * a tenfold error no second reading sees. Read once per table.
 */
export function budgetColumnHasDecimals(t: LogicalTable): boolean {
  let known = decimalCommas.get(t);
  if (known === undefined) {
    const col = t.columns.budgetText;
    known =
      col !== undefined &&
      bodyRows(t).some((row) => {
        const slot = row.slots[col];
        return slot?.origin === true && /(?<![\d.,])\d{1,3},\d{1,2}(?![\d.,])/.test(slot.cell.lines.join(' '));
      });
    decimalCommas.set(t, known);
  }
  return known;
}
