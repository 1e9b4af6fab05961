/**
 * Ruling segments → clean horizontal and vertical rules: classify, drop diagonals, merge
 * collinear pieces (a border drawn cell by cell, or an OCR line broken by a gap), snap.
 */
import type { RulingSegment } from './types.js';

/** A horizontal rule at `y` from `x0` to `x1`. */
export interface HRule {
  y: number;
  x0: number;
  x1: number;
}

/** A vertical rule at `x` from `y0` to `y1`. */
export interface VRule {
  x: number;
  y0: number;
  y1: number;
}

/**
 * Split segments into horizontal and vertical rules and merge each set.
 *
 * A segment is horizontal when its vertical extent is at most `snap` and smaller than its length
 * (OCR lines are a few pixels thick and may be slightly skewed); likewise vertical. Rules shorter
 * than `minLength` after merging (glyph-sized strokes, a lone dot) are dropped; merging first
 * keeps dashed and dotted borders, whose pieces are short but close.
 */
export function toRules(
  segments: readonly RulingSegment[],
  snap: number,
  minLength = snap,
): { h: HRule[]; v: VRule[] } {
  const h: Span[] = [];
  const v: Span[] = [];
  for (const s of segments) {
    const dx = Math.abs(s.x1 - s.x0);
    const dy = Math.abs(s.y1 - s.y0);
    if (dy <= snap && dx > dy) h.push({ pos: (s.y0 + s.y1) / 2, a: Math.min(s.x0, s.x1), b: Math.max(s.x0, s.x1) });
    else if (dx <= snap && dy > dx) v.push({ pos: (s.x0 + s.x1) / 2, a: Math.min(s.y0, s.y1), b: Math.max(s.y0, s.y1) });
  }
  const long = (r: Span) => r.b - r.a >= minLength;
  return {
    h: mergeCollinear(h, snap).filter(long).map((r) => ({ y: r.pos, x0: r.a, x1: r.b })),
    v: mergeCollinear(v, snap).filter(long).map((r) => ({ x: r.pos, y0: r.a, y1: r.b })),
  };
}

interface Span {
  pos: number;
  a: number;
  b: number;
}

/**
 * Merge rules that lie on the same line (positions within `tol`) and overlap or touch (gap up to
 * `tol`). The merged position is the length-weighted mean, so a double border collapses to its
 * middle and a slightly skewed OCR line to its average.
 */
export function mergeCollinear(spans: readonly Span[], tol: number): Span[] {
  const sorted = [...spans].sort((p, q) => p.pos - q.pos || p.a - q.a);
  // Group by position first (transitively, so a wobbly OCR line stays one group) ...
  const groups: Span[][] = [];
  for (const s of sorted) {
    const last = groups[groups.length - 1];
    if (last && s.pos - last[last.length - 1].pos <= tol) last.push(s);
    else groups.push([s]);
  }
  // ... then merge overlapping extents inside each group.
  const out: Span[] = [];
  for (const group of groups) {
    group.sort((p, q) => p.a - q.a);
    let cur: { a: number; b: number; wsum: number; psum: number } | null = null;
    for (const s of group) {
      const len = Math.max(s.b - s.a, 1e-3);
      if (cur && s.a <= cur.b + tol) {
        cur.b = Math.max(cur.b, s.b);
        cur.wsum += len;
        cur.psum += s.pos * len;
      } else {
        if (cur) out.push({ pos: cur.psum / cur.wsum, a: cur.a, b: cur.b });
        cur = { a: s.a, b: s.b, wsum: len, psum: s.pos * len };
      }
    }
    if (cur) out.push({ pos: cur.psum / cur.wsum, a: cur.a, b: cur.b });
  }
  return out;
}

/**
 * Cluster numbers that lie within `tol` of their neighbour; returns each cluster's mean, ascending.
 * Used for the x positions of column boundaries and the y positions of row boundaries.
 */
export function clusterValues(values: readonly number[], tol: number): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const out: number[] = [];
  let group: number[] = [];
  for (const v of sorted) {
    if (group.length && v - group[group.length - 1] > tol) {
      out.push(group.reduce((s, x) => s + x, 0) / group.length);
      group = [];
    }
    group.push(v);
  }
  if (group.length) out.push(group.reduce((s, x) => s + x, 0) / group.length);
  return out;
}

/**
 * Drop boundaries closer than `min` to the previous kept one (keeping the outermost ones), so a
 * double rule or a hairline gap does not make an empty sliver row or column.
 */
export function dropSlivers(bounds: readonly number[], min: number): number[] {
  if (bounds.length <= 2) return [...bounds];
  const out = [bounds[0]];
  for (let i = 1; i < bounds.length; i++) {
    const b = bounds[i];
    if (b - out[out.length - 1] >= min) out.push(b);
    else if (i === bounds.length - 1) {
      // Keep the outer edge exact: it replaces the inner boundary it is too close to.
      if (out.length > 1) out[out.length - 1] = b;
      else out.push(b);
    }
  }
  return out;
}
