/**
 * A layout cell's text as the rules read it: its lines joined and folded ({@link joinLines}).
 */
import type { Cell } from '../layout/layout.js';
import { joinLines } from '../normalize/text.js';

// Every rule reads the same cells again (header finding, column contents, body rows, items,
// dropped codes): folding each cell once per layout instead of at every read halved extraction
// time. Keyed by the cell object, which the extractor never changes; a layout's cells go with it.
const folded = new WeakMap<Cell, string | null>();

/** The cell's lines joined and folded; null when it holds no text. */
export function foldedCellText(cell: Cell): string | null {
  let text = folded.get(cell);
  if (text === undefined) {
    text = joinLines(cell.lines);
    folded.set(cell, text);
  }
  return text;
}
