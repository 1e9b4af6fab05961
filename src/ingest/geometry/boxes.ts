/**
 * Small box arithmetic shared by the table builder. Boxes are page points, top-left origin
 * (y grows downwards), as in the Layout model.
 */
import type { Box } from '../../layout/layout.js';

export function boxWidth(b: Box): number {
  return b.x1 - b.x0;
}

export function boxHeight(b: Box): number {
  return b.y1 - b.y0;
}

export function centreX(b: Box): number {
  return (b.x0 + b.x1) / 2;
}

export function centreY(b: Box): number {
  return (b.y0 + b.y1) / 2;
}

/** The smallest box holding every box given; undefined for none. */
export function unionBoxes(boxes: readonly Box[]): Box | undefined {
  if (boxes.length === 0) return undefined;
  let { x0, y0, x1, y1 } = boxes[0];
  for (const b of boxes) {
    if (b.x0 < x0) x0 = b.x0;
    if (b.y0 < y0) y0 = b.y0;
    if (b.x1 > x1) x1 = b.x1;
    if (b.y1 > y1) y1 = b.y1;
  }
  return { x0, y0, x1, y1 };
}

/** Length of the overlap of the two boxes' x ranges (0 when apart). */
export function overlapX(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0));
}

/** Length of the overlap of the two boxes' y ranges (0 when apart). */
export function overlapY(a: Box, b: Box): number {
  return Math.max(0, Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0));
}

/** Whether the point lies inside the box grown by `tol` on every side. */
export function containsPoint(b: Box, x: number, y: number, tol = 0): boolean {
  return x >= b.x0 - tol && x <= b.x1 + tol && y >= b.y0 - tol && y <= b.y1 + tol;
}

/** Rounded copy, so layouts serialise without float noise (0.01 pt is far below any tolerance). */
export function roundBox(b: Box): Box {
  const r = (v: number) => Math.round(v * 100) / 100;
  return { x0: r(b.x0), y0: r(b.y0), x1: r(b.x1), y1: r(b.y1) };
}

/** Median of a list of numbers; `fallback` for an empty list. */
export function median(values: readonly number[], fallback: number): number {
  if (values.length === 0) return fallback;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
