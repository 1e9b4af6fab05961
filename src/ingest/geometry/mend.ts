/**
 * Words a narrow column broke, mended where a cell's lines are built. A producer breaks a word
 * inside only when the word is wider than the column, so the first piece runs to the cell's right
 * edge; that is the geometric half of the decision, and the text half (do the pieces join into one
 * syllable or one number?) is {@link mendBrokenLines}, a pure rule tested on plain text. Shared by
 * the text-PDF and OCR readers through the grid builder.
 */
import type { Box } from '../../layout/layout.js';
import { mendBrokenLines } from '../../normalize/broken-words.js';
import type { TextLine } from './text-lines.js';

/**
 * How far short of the cell's right edge a line may stop and still have run into it: the cell's
 * inner margin (read from how far its lines start from its left edge) plus most of one character
 * (a character that did not fit is at most about 0.9 line heights wide).
 */
const ONE_CHARACTER = 0.9;

/**
 * The texts of a cell's lines (top to bottom), a line that ran into the right edge joined to the
 * next without a space when the two meet inside a word ("Mứ" / "c 2" → "Mức 2").
 */
export function mendBrokenWords(lines: readonly TextLine[], cell: Box): string[] {
  const texts = lines.map((l) => l.text);
  if (lines.length < 2) return texts;
  return mendBrokenLines(texts, atRightEdge(lines, cell));
}

/** Per line, whether it runs into the cell's right edge. */
export function atRightEdge(lines: readonly TextLine[], cell: Box): boolean[] {
  if (lines.length === 0) return [];
  const margin = Math.max(0, Math.min(...lines.map((l) => l.box.x0 - cell.x0)));
  return lines.map((l) => cell.x1 - l.box.x1 <= margin + ONE_CHARACTER * l.height);
}
