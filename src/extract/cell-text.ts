/**
 * Readings of a layout cell that several rules make: each made once per cell.
 */
import type { Cell } from '../layout/layout.js';
import { joinLines } from '../normalize/text.js';
import { parseStandardHeading } from '../normalize/criterion.js';

/**
 * `read` with its answer kept per cell. Every rule reads the same cells again (header finding,
 * column contents, body rows, items, dropped codes; a merged cell once per row it spans): folding
 * was the largest share of extraction time in the profile. Keyed by the cell object, which the
 * extractor never changes; a layout's cells and their readings go together.
 */
function perCell<T extends object | string | null>(read: (cell: Cell) => T): (cell: Cell) => T {
  const kept = new WeakMap<Cell, T>();
  return (cell) => {
    let value = kept.get(cell);
    if (value === undefined) {
      value = read(cell);
      kept.set(cell, value);
    }
    return value;
  };
}

/** The cell's lines joined and folded ({@link joinLines}); null when it holds no text. */
export const foldedCellText = perCell((cell) => joinLines(cell.lines));

/** The standard heading the cell holds ("Tiêu chuẩn 2: …"), if any ({@link parseStandardHeading}). */
export const cellStandardHeading = perCell((cell) => parseStandardHeading(cell.lines.join(' ')));
