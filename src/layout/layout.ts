/**
 * The one document model every reader produces and the extractor reads.
 *
 * A document is pages of blocks; a block is a paragraph or a table. A table is a flat list of
 * cells with half-open positions and spans (as in docling): the 2-D grid is derived by
 * {@link tableGrid}, never stored, so a reader cannot produce a grid that disagrees with its cells.
 * Positions are in PDF points from the page's top-left corner; readers that do not know them
 * (DOCX, DOC) leave them out.
 */
import { z } from 'zod';

export const BoxSchema = z.object({
  x0: z.number(),
  y0: z.number(),
  x1: z.number(),
  y1: z.number(),
});
export type Box = z.infer<typeof BoxSchema>;

export const CellSchema = z.object({
  row: z.number().int().nonnegative(),
  col: z.number().int().nonnegative(),
  rowSpan: z.number().int().positive().default(1),
  colSpan: z.number().int().positive().default(1),
  /** The cell's text, one entry per line as laid out (paragraphs and line breaks inside the cell). */
  lines: z.array(z.string()),
  /** Marked as a header by the source (a DOCX repeated header row, a `<th>`). */
  header: z.boolean().optional(),
  /** Page (1-based) of the cell's first line, where the source has pages. */
  page: z.number().int().positive().optional(),
  box: BoxSchema.optional(),
  /**
   * Page (1-based) where lines continued from the next page were appended: the cell's row was cut
   * by a page break and its tail joined back (see stitchTables).
   */
  continuedAt: z.number().int().positive().optional(),
  /**
   * Paginated sources: the cell's last line runs into its right edge, so a word there may go on
   * in the first line of the row's tail on the next page ("thườ" / "ng"; see stitchTables).
   */
  runsToEdge: z.boolean().optional(),
  /** 0–1; set by OCR, absent means the text came from a text layer. */
  confidence: z.number().min(0).max(1).optional(),
  /**
   * OCR only: numbers in the cell read a second time (digits only) that came out differently:
   * the first reading, the second, and whether the second replaced the first in `lines`.
   * `separatorLost`: both readings agree on bare digits ("35"), but the number's box is as wide
   * as the digits with a comma or dot between them ("3,5"): the separator may be lost.
   */
  reread: z.array(z.object({ read: z.string(), again: z.string(), replaced: z.boolean().optional(), separatorLost: z.boolean().optional() })).optional(),
});
export type Cell = z.infer<typeof CellSchema>;

export const TableSchema = z.object({
  type: z.literal('table'),
  /** Index of the table in document order, unique within the layout. */
  index: z.number().int().nonnegative(),
  rows: z.number().int().nonnegative(),
  cols: z.number().int().nonnegative(),
  cells: z.array(CellSchema),
  /** Pages the table covers, first to last. */
  pages: z.array(z.number().int().positive()).optional(),
  box: BoxSchema.optional(),
});
export type Table = z.infer<typeof TableSchema>;

export const ParagraphSchema = z.object({
  type: z.literal('paragraph'),
  lines: z.array(z.string()),
  page: z.number().int().positive().optional(),
  box: BoxSchema.optional(),
  confidence: z.number().min(0).max(1).optional(),
  /** Emphasis the source marked (bold title lines, italic date lines); used only as a hint. */
  bold: z.boolean().optional(),
});
export type Paragraph = z.infer<typeof ParagraphSchema>;

export const BlockSchema = z.discriminatedUnion('type', [ParagraphSchema, TableSchema]);
export type Block = z.infer<typeof BlockSchema>;

export const PageSchema = z.object({
  number: z.number().int().positive(),
  width: z.number().positive().optional(),
  height: z.number().positive().optional(),
  blocks: z.array(BlockSchema),
});
export type Page = z.infer<typeof PageSchema>;

export const LayoutIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  page: z.number().int().positive().optional(),
});
export type LayoutIssue = z.infer<typeof LayoutIssueSchema>;

export const LayoutSchema = z.object({
  /** Which reader made it and from what, e.g. `{ format: 'docx', reader: 'mammoth' }`. */
  source: z.object({
    format: z.enum(['docx', 'doc', 'pdf', 'scan', 'image']),
    reader: z.string(),
    /** False where the source has no real pages (DOCX): everything sits on page 1. */
    paginated: z.boolean(),
  }),
  pages: z.array(PageSchema),
  issues: z.array(LayoutIssueSchema).default([]),
});
export type Layout = z.infer<typeof LayoutSchema>;

/** One grid slot: the cell covering it, and whether this slot is the cell's own top-left corner. */
export interface GridSlot {
  cell: Cell;
  origin: boolean;
}

/**
 * The table as a rows × cols grid of slots. A merged cell fills every slot it spans, so a
 * vertically merged standard column reads the same on every row it covers.
 */
export function tableGrid(table: Table): (GridSlot | null)[][] {
  const grid: (GridSlot | null)[][] = Array.from({ length: table.rows }, () =>
    Array.from({ length: table.cols }, () => null),
  );
  for (const cell of table.cells) {
    for (let r = cell.row; r < Math.min(cell.row + cell.rowSpan, table.rows); r++) {
      for (let c = cell.col; c < Math.min(cell.col + cell.colSpan, table.cols); c++) {
        grid[r][c] = { cell, origin: r === cell.row && c === cell.col };
      }
    }
  }
  return grid;
}

/** The text of a cell, lines joined by a newline. */
export function cellText(cell: Cell): string {
  return cell.lines.join('\n');
}

/** Every block of the layout in reading order, with the page it sits on. */
export function* blocksOf(layout: Layout): Generator<Block> {
  for (const page of layout.pages) yield* page.blocks;
}

/** Every table of the layout in reading order. */
export function tablesOf(layout: Layout): Table[] {
  return [...blocksOf(layout)].filter((b): b is Table => b.type === 'table');
}
