/**
 * Every distance the table builder compares against, derived from the page itself.
 *
 * A text PDF is exact to a hundredth of a point; an OCR page is not (word boxes wobble by a few
 * pixels, image-detected lines are a few pixels thick and slightly skewed). So no tolerance is a
 * fixed tiny value: each is a fraction of the page's typical text height ("em", the median word
 * box height) or of the page size, whichever is larger.
 */
import type { PositionedPage } from './types.js';
import { boxHeight, median } from './boxes.js';

export interface Tolerances {
  /** Median word box height on the page (≈ 1.1 × font size for PDF text), clamped to 4–40 pt. */
  em: number;
  /**
   * Two ruling lines closer than this are one line, and a line ending this close to another
   * still touches it: max(0.3 em, 0.25 % of the page's longer side). ≈ 4 pt for 12 pt text.
   */
  snap: number;
  /** Rows thinner than this (0.4 em) hold no text line: their boundary is a double rule. */
  minRowHeight: number;
  /** Columns narrower than this (0.6 em) likewise. */
  minColWidth: number;
  /** A filled rectangle at most this thick (max(0.25 em, 3 pt)) is a drawn rule, not shading. */
  thinRule: number;
}

/** Tolerances for one page, from its words' heights and its size. */
export function tolerancesFor(page: Pick<PositionedPage, 'width' | 'height' | 'words'>): Tolerances {
  const heights = page.words.filter((w) => w.text.trim() !== '').map((w) => boxHeight(w.box));
  // Without words (a page of lines only) assume 12 pt text on this page size.
  const em = Math.min(40, Math.max(4, median(heights, Math.max(page.width, page.height) * 0.016)));
  const longer = Math.max(page.width, page.height);
  return {
    em,
    snap: Math.max(0.3 * em, 0.0025 * longer),
    minRowHeight: 0.4 * em,
    minColWidth: 0.6 * em,
    thinRule: Math.max(0.25 * em, 3),
  };
}
