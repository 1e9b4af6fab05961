/**
 * Where an item came from, shown to a person checking it: its provenance (table, row, col of every
 * cell that fed a field) resolved against the stored Layout into the cells' texts, pages, boxes
 * and OCR confidences. No file is read again.
 */
import { and, eq } from 'drizzle-orm';
import { getLayout, items, type Db, type LayoutRow } from '../store/index.js';

type Layout = LayoutRow['layout'];
type LayoutCell = Extract<Layout['pages'][number]['blocks'][number], { type: 'table' }>['cells'][number];

/** One source cell of an item. */
export interface SourceCell {
  field: string;
  table: number;
  row: number;
  col: number;
  page: number | null;
  /** The cell's lines joined by a newline; null when the layout has no such cell. */
  text: string | null;
  rowSpan: number | null;
  colSpan: number | null;
  box: { x0: number; y0: number; x1: number; y1: number } | null;
  confidence: number | null;
}

/** An item's source: where its row is, and each cell it was read from. */
export interface ItemSource {
  documentId: number;
  ordinal: number;
  page: number | null;
  table: number;
  row: number;
  confidence: number;
  /** Whether the document's layout is stored (it is for every document extracted by khcl). */
  layoutStored: boolean;
  cells: SourceCell[];
}

/** Tables of a layout by their index (a table stitched across pages is one table). */
function tablesByIndex(layout: Layout): Map<number, { cells: LayoutCell[]; page: number }> {
  const out = new Map<number, { cells: LayoutCell[]; page: number }>();
  for (const page of layout.pages) {
    for (const block of page.blocks) {
      if (block.type === 'table' && !out.has(block.index)) out.set(block.index, { cells: block.cells, page: page.number });
    }
  }
  return out;
}

/** The cell covering (row, col): merged cells cover every slot they span. */
function cellAt(cells: LayoutCell[], row: number, col: number): LayoutCell | undefined {
  return cells.find((c) => row >= c.row && row < c.row + (c.rowSpan ?? 1) && col >= c.col && col < c.col + (c.colSpan ?? 1));
}

/** The source cells of one item, or undefined when there is no such item. */
export async function itemSource(db: Db, documentId: number, ordinal: number): Promise<ItemSource | undefined> {
  const [item] = await db
    .select({ provenance: items.provenance, confidence: items.confidence })
    .from(items)
    .where(and(eq(items.documentId, documentId), eq(items.ordinal, ordinal)));
  if (!item) return undefined;
  const layout = await getLayout(db, documentId);
  const tables = layout ? tablesByIndex(layout) : new Map();
  const p = item.provenance;
  const cells = p.cells.map((ref): SourceCell => {
    const cell = cellAt(tables.get(ref.table)?.cells ?? [], ref.row, ref.col);
    return {
      field: ref.field,
      table: ref.table,
      row: ref.row,
      col: ref.col,
      page: cell?.page ?? ref.page ?? null,
      text: cell ? cell.lines.join('\n') : null,
      rowSpan: cell?.rowSpan ?? null,
      colSpan: cell?.colSpan ?? null,
      box: cell?.box ?? null,
      confidence: cell?.confidence ?? null,
    };
  });
  return { documentId, ordinal, page: p.page, table: p.table, row: p.row, confidence: item.confidence, layoutStored: !!layout, cells };
}
