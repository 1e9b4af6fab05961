/**
 * Reading order of a page's blocks by recursive XY-cut: split the blocks where a horizontal band
 * of the page is empty (top to bottom), else where a vertical band is empty (left to right), and
 * recurse. A letterhead's two halves overlap vertically but not horizontally, so they come out
 * left half first, each half top to bottom, before the title under them.
 */
import type { Box } from '../../layout/layout.js';

/** The items in reading order. `tol`: how much two items may overlap and still be cut apart. */
export function readingOrder<T extends { box?: Box }>(items: readonly T[], tol = 0.5): T[] {
  const boxed = items.filter((i): i is T & { box: Box } => i.box != null);
  return cut(boxed, tol, 0);
}

function cut<T extends { box: Box }>(items: T[], tol: number, depth: number): T[] {
  if (items.length <= 1 || depth > 50) return [...items].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  for (const axis of ['y', 'x'] as const) {
    const groups = bands(items, axis, tol);
    if (groups.length > 1) return groups.flatMap((g) => cut(g, tol, depth + 1));
  }
  // Neither cut works (overlapping blocks): plain top-to-bottom, left-to-right.
  return [...items].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
}

/** Split items into runs separated by an empty band along `axis`. */
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
