/**
 * Reading order of a page's blocks by recursive XY-cut.
 *
 * At each step the blocks are cut at the widest empty band: a horizontal band splits them into
 * top, then bottom; a vertical band into left, then right, but only when the two sides sit side
 * by side (they overlap in height, like a letterhead's two halves or a signature block), never
 * for a date on the right above a line on the left. Cutting at the widest band first keeps a
 * letterhead together until it is cut into its halves, instead of slicing it line by line across
 * both halves, and cuts the title under it away first.
 */
import type { Box } from '../../layout/layout.js';

/** The items in reading order. `tol`: how much two items may overlap and still be cut apart. */
export function readingOrder<T extends { box?: Box }>(items: readonly T[], tol = 0.5): T[] {
  const boxed = items.filter((i): i is T & { box: Box } => i.box != null);
  return cut(boxed, tol);
}

function cut<T extends { box: Box }>(items: T[], tol: number): T[] {
  if (items.length <= 1) return items;
  const columns = bands(items, 'x', tol);
  const rows = bands(items, 'y', tol);
  const v = widestGap(columns, 'x');
  const h = widestGap(rows, 'y');
  if (v && sideBySide(columns) && (!h || v.gap >= h.gap)) return columns.flatMap((c) => cut(c, tol));
  if (h) return [...cut(rows.slice(0, h.at).flat(), tol), ...cut(rows.slice(h.at).flat(), tol)];
  if (v) return columns.flatMap((c) => cut(c, tol));
  // Overlapping blocks: plain top-to-bottom, left-to-right.
  return [...items].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

/** The widest gap between consecutive bands: its width and the index of the band after it. */
function widestGap<T extends { box: Box }>(groups: T[][], axis: 'x' | 'y'): { gap: number; at: number } | null {
  let best: { gap: number; at: number } | null = null;
  for (let i = 1; i < groups.length; i++) {
    const start = Math.min(...groups[i].map((t) => (axis === 'x' ? t.box.x0 : t.box.y0)));
    const end = Math.max(...groups[i - 1].map((t) => (axis === 'x' ? t.box.x1 : t.box.y1)));
    if (!best || start - end > best.gap) best = { gap: start - end, at: i };
  }
  return best;
}

/** Neighbouring columns overlap vertically by at least 30 % of the shorter one: they sit side by side. */
function sideBySide<T extends { box: Box }>(columns: T[][]): boolean {
  const spans = columns.map((c) => [Math.min(...c.map((t) => t.box.y0)), Math.max(...c.map((t) => t.box.y1))]);
  for (let i = 1; i < spans.length; i++) {
    const [a0, a1] = spans[i - 1];
    const [b0, b1] = spans[i];
    const overlap = Math.min(a1, b1) - Math.max(a0, b0);
    if (overlap < 0.3 * Math.min(a1 - a0, b1 - b0)) return false;
  }
  return true;
}

/** Split items into runs separated by an empty band along `axis`, in order along it. */
function bands<T extends { box: Box }>(items: T[], axis: 'x' | 'y', tol: number): T[][] {
  const lo = (t: T) => (axis === 'y' ? t.box.y0 : t.box.x0);
  const hi = (t: T) => (axis === 'y' ? t.box.y1 : t.box.x1);
  const sorted = [...items].sort((a, b) => lo(a) - lo(b));
  const out: T[][] = [];
  let reach = -Infinity;
  for (const t of sorted) {
    if (out.length && lo(t) < reach - tol) out[out.length - 1].push(t);
    else out.push([t]);
    reach = Math.max(reach, hi(t));
  }
  return out;
}
