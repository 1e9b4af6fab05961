/**
 * Page furniture: running headers, running footers and page numbers. They sit in the page margins
 * and interrupt content that runs across pages (a table continuing on the next page), so they are
 * dropped before tables are stitched.
 */
import type { Block, Page, Paragraph } from '../../layout/layout.js';
import { foldKeyNoDigits } from './fold.js';

/**
 * Top and bottom bands, as fractions of the page height, where furniture may sit: 10 % is 84 pt
 * on A4, deeper than any header or footer margin, and shallower than where body text starts.
 */
const EDGE = 0.1;

/** A lone page number: "3", "- 3 -", "(3)", "Trang 3", "Trang 3/12", "3 / 12", "Page 3 of 12". */
const PAGE_NUMBER = /^(?:trang|page)?\s*[-–—(]?\s*\d{1,4}\s*[-–—)]?\s*(?:(?:\/|trên|of)\s*\d{1,4})?$/iu;

/**
 * The pages without their furniture (new page objects; the input is not changed).
 *
 * - A paragraph of one or two lines in the top or bottom 10 % of the page whose text (digits
 *   ignored, accent- and space-insensitive) recurs at about the same height (within 2 % of the
 *   page height) on at least half the pages, and on two or more, is a running header or footer.
 * - The topmost or bottommost block, in those bands, reading as a lone page number is one.
 *
 * Positions are fractions of the page height, so OCR pages of any resolution work alike.
 */
export function dropRunningText(pages: readonly Page[]): Page[] {
  const heights = pages.map(pageHeight);
  const keyed = pages.map((p, i) =>
    p.blocks.map((b) => (b.type === 'paragraph' && b.box ? edgeKey(b, heights[i]) : null)),
  );
  const need = Math.max(2, Math.ceil(pages.length / 2));
  const running: { text: string; y: number }[] = [];
  const seen = new Map<string, { page: number; y: number }[]>();
  keyed.forEach((keys, i) => {
    for (const k of keys) {
      if (!k) continue;
      const list = seen.get(k.text) ?? [];
      list.push({ page: i, y: k.y });
      seen.set(k.text, list);
    }
  });
  for (const [text, list] of seen) {
    // Pages on which the text sits at about the height of one of its occurrences.
    for (const anchor of list) {
      const pagesHere = new Set(list.filter((o) => Math.abs(o.y - anchor.y) <= 0.02).map((o) => o.page));
      if (pagesHere.size >= need) {
        running.push({ text, y: anchor.y });
        break;
      }
    }
  }
  return pages.map((p, i) => {
    const blocks = p.blocks.filter((b, j) => {
      const k = keyed[i][j];
      if (k && running.some((r) => r.text === k.text && Math.abs(r.y - k.y) <= 0.02)) return false;
      return !(b.type === 'paragraph' && isPageNumber(b, j, p.blocks, heights[i]));
    });
    return { ...p, blocks };
  });
}

/** The paragraph's folded text and relative height, when it lies in an edge band. */
function edgeKey(p: Paragraph, height: number): { text: string; y: number } | null {
  const box = p.box!;
  const y = box.y0 / height;
  if (p.lines.length > 2) return null;
  if (box.y1 > height * EDGE && box.y0 < height * (1 - EDGE)) return null;
  const text = foldKeyNoDigits(p.lines.join(' '));
  return text ? { text, y } : null;
}

function isPageNumber(p: Paragraph, index: number, blocks: readonly Block[], height: number): boolean {
  if (!p.box || p.lines.length !== 1 || !PAGE_NUMBER.test(p.lines[0].trim())) return false;
  const top = p.box.y1 <= height * EDGE && blocks.every((b, j) => j === index || !b.box || b.box.y0 >= p.box!.y0);
  const bottom = p.box.y0 >= height * (1 - EDGE) && blocks.every((b, j) => j === index || !b.box || b.box.y1 <= p.box!.y1);
  return top || bottom;
}

/** The page height, or (for a reader that does not give it) the lowest box edge. */
function pageHeight(p: Page): number {
  if (p.height) return p.height;
  return Math.max(1, ...p.blocks.map((b) => b.box?.y1 ?? 0));
}
