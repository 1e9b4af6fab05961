/**
 * Drawn paths → ruling segments. Independent of any PDF library: a reader walks its drawing
 * operators, maps path points to page space with {@link applyMatrix}, and hands the subpaths here.
 */
import type { RulingSegment } from './types.js';

/** A PDF affine matrix [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** `m1 × m2`: apply m2 first, then m1 (the order of PDF's `cm` on a CTM: multiply(ctm, cm)). */
export function multiply(m1: readonly number[], m2: readonly number[]): Matrix {
  return [
    m1[0] * m2[0] + m1[2] * m2[1],
    m1[1] * m2[0] + m1[3] * m2[1],
    m1[0] * m2[2] + m1[2] * m2[3],
    m1[1] * m2[2] + m1[3] * m2[3],
    m1[0] * m2[4] + m1[2] * m2[5] + m1[4],
    m1[1] * m2[4] + m1[3] * m2[5] + m1[5],
  ];
}

export function applyMatrix(m: readonly number[], x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/** One subpath in page space: its points in order, whether it was closed, and whether any piece was a curve. */
export interface Subpath {
  points: [number, number][];
  closed: boolean;
  /** Indices i where the piece from points[i-1] to points[i] was a curve (not a straight edge). */
  curves?: Set<number>;
}

/**
 * The ruling segments a painted path contributes.
 *
 * - Stroked: every straight, axis-parallel piece (within `skew` of horizontal or vertical) is a
 *   segment; a stroked rectangle gives its four edges.
 * - Filled: a rectangular subpath no thicker than `thinRule` is a rule drawn as a bar (Word draws
 *   cell borders this way) and gives its centre line. Wider fills are shading and give nothing:
 *   shading edges often stop short of, or overrun, the real borders.
 */
export function segmentsFromPath(
  subpaths: readonly Subpath[],
  mode: 'stroke' | 'fill',
  opts: { thinRule: number; skew?: number },
): RulingSegment[] {
  const skew = opts.skew ?? 0.5;
  const out: RulingSegment[] = [];
  for (const sp of subpaths) {
    const pts = sp.points;
    if (pts.length < 2) continue;
    if (mode === 'stroke') {
      const n = sp.closed ? pts.length + 1 : pts.length;
      for (let i = 1; i < n; i++) {
        if (sp.curves?.has(i)) continue;
        const [ax, ay] = pts[i - 1];
        const [bx, by] = pts[i % pts.length];
        const seg = axisSegment(ax, ay, bx, by, skew);
        if (seg) out.push(seg);
      }
      continue;
    }
    if (sp.curves && sp.curves.size > 0) continue;
    const rect = rectangleOf(pts, skew);
    if (!rect) continue;
    const w = rect.x1 - rect.x0;
    const h = rect.y1 - rect.y0;
    const thin = Math.min(w, h);
    const long = Math.max(w, h);
    if (thin > opts.thinRule || long < 2 * thin || long === 0) continue;
    if (w >= h) out.push({ x0: rect.x0, y0: (rect.y0 + rect.y1) / 2, x1: rect.x1, y1: (rect.y0 + rect.y1) / 2 });
    else out.push({ x0: (rect.x0 + rect.x1) / 2, y0: rect.y0, x1: (rect.x0 + rect.x1) / 2, y1: rect.y1 });
  }
  return out;
}

/** A straight piece as a normalised horizontal or vertical segment; null when diagonal or a dot. */
function axisSegment(ax: number, ay: number, bx: number, by: number, skew: number): RulingSegment | null {
  const dx = Math.abs(bx - ax);
  const dy = Math.abs(by - ay);
  if (dx < 1e-6 && dy < 1e-6) return null;
  if (dy <= skew && dx > dy) {
    const y = (ay + by) / 2;
    return { x0: Math.min(ax, bx), y0: y, x1: Math.max(ax, bx), y1: y };
  }
  if (dx <= skew && dy > dx) {
    const x = (ax + bx) / 2;
    return { x0: x, y0: Math.min(ay, by), x1: x, y1: Math.max(ay, by) };
  }
  return null;
}

/** The bounding rectangle of a subpath whose every edge is axis-parallel; null otherwise. */
function rectangleOf(pts: readonly [number, number][], skew: number): { x0: number; y0: number; x1: number; y1: number } | null {
  if (pts.length < 3 || pts.length > 6) return null;
  for (let i = 0; i < pts.length; i++) {
    const [ax, ay] = pts[i];
    const [bx, by] = pts[(i + 1) % pts.length];
    if (Math.abs(ax - bx) > skew && Math.abs(ay - by) > skew) return null;
  }
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}
