/**
 * Tesseract's result → positioned words in page points. The table builder and paragraph
 * grouping work on words with boxes, whatever made them, so OCR output is reduced to exactly
 * that: text, box, confidence.
 */
import type Tesseract from 'tesseract.js';
import type { PositionedWord } from '../geometry/types.js';

/** Where an OCR'd image sits on the page: its offset in page pixels and the pixel density. */
export interface PixelFrame {
  /** Left and top of the OCR'd image within the full page image, pixels. */
  offsetX: number;
  offsetY: number;
  dpi: number;
}

/**
 * Words of a tesseract page in page points (top-left origin), confidence scaled to 0–1.
 * Dropped: empty words, and low-confidence words with no letter or digit — what speckle,
 * stamps' edges and leftover bits of rules come out as (`|`, `~`, `‘`).
 */
export function wordsOf(page: Tesseract.Page, frame: PixelFrame): PositionedWord[] {
  const k = 72 / frame.dpi;
  const out: PositionedWord[] = [];
  for (const block of page.blocks ?? []) {
    for (const para of block.paragraphs) {
      for (const line of para.lines) {
        for (const w of line.words) {
          const text = w.text.normalize('NFC').trim();
          if (!text) continue;
          const confidence = clamp01(w.confidence / 100);
          if (!/[\p{L}\p{N}]/u.test(text) && confidence < 0.6) continue;
          out.push({
            text,
            confidence,
            box: {
              x0: (w.bbox.x0 + frame.offsetX) * k,
              y0: (w.bbox.y0 + frame.offsetY) * k,
              x1: (w.bbox.x1 + frame.offsetX) * k,
              y1: (w.bbox.y1 + frame.offsetY) * k,
            },
          });
        }
      }
    }
  }
  return out;
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
