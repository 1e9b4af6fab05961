/**
 * What a positioned page looks like before it becomes Layout blocks: words with boxes and the
 * ruling lines drawn on the page. The text-PDF reader and the OCR reader both produce this, and
 * both turn it into Layout pages with the same table builder, so a scanned table and a digital
 * one are rebuilt by the same rules.
 */
import type { Box } from '../../layout/layout.js';

/** A run of text on one line (a pdfjs text item, or an OCR word), in page points, top-left origin. */
export interface PositionedWord {
  text: string;
  box: Box;
  /** 0–1, OCR only. */
  confidence?: number;
  bold?: boolean;
}

/** A drawn horizontal or vertical line (or the edge of a thin filled rectangle), page points. */
export interface RulingSegment {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface PositionedPage {
  /** 1-based. */
  number: number;
  width: number;
  height: number;
  words: PositionedWord[];
  segments: RulingSegment[];
}
