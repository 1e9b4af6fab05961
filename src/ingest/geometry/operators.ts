/**
 * A PDF page's drawing operators → ruling segments and image coverage.
 *
 * Takes an operator list in pdfjs's shape (`fnArray` / `argsArray`, with the `OPS` code table
 * passed in) but imports nothing from pdfjs, so it is tested with hand-built lists. It follows
 * the graphics state that matters for where a line lands: save/restore, `cm`, form XObject
 * matrices; and the colour, because a white rule is invisible and often drawn to hide a border.
 */
import type { RulingSegment } from './types.js';
import { applyMatrix, IDENTITY, multiply, segmentsFromPath, type Matrix, type Subpath } from './paths.js';

/** The operator codes this walker reads (pdfjs's `OPS` satisfies it). */
export interface OpCodes {
  save: number;
  restore: number;
  transform: number;
  constructPath: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  setStrokeRGBColor: number;
  setFillRGBColor: number;
  stroke: number;
  closeStroke: number;
  fill: number;
  eoFill: number;
  fillStroke: number;
  eoFillStroke: number;
  closeFillStroke: number;
  closeEOFillStroke: number;
  paintImageXObject: number;
  paintInlineImageXObject: number;
  paintImageMaskXObject: number;
}

export interface OperatorList {
  fnArray: ArrayLike<number>;
  argsArray: ArrayLike<unknown>;
}

/** pdfjs's path encoding inside `constructPath` (its `DrawOPS`). */
const MOVE = 0;
const LINE = 1;
const CURVE = 2;
const CLOSE = 3;

export interface DrawnPage {
  segments: RulingSegment[];
  /** Fraction (0–1) of the page area covered by the largest painted image. */
  imageCover: number;
}

/**
 * Walk an operator list. `viewport` maps PDF user space to the page's top-left-origin points
 * (pdfjs's `viewport.transform` at scale 1, which also applies the page's /Rotate).
 */
export function readDrawing(
  ops: OperatorList,
  OPS: OpCodes,
  viewport: readonly number[],
  page: { width: number; height: number },
  thinRule: number,
): DrawnPage {
  const strokeOps = new Set([OPS.stroke, OPS.closeStroke, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
  const fillOps = new Set([OPS.fill, OPS.eoFill]);
  const imageOps = new Set([OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageMaskXObject]);
  let state = { ctm: IDENTITY as Matrix, stroke: '#000000', fill: '#000000' };
  const stack: (typeof state)[] = [];
  const segments: RulingSegment[] = [];
  let imageCover = 0;
  const area = Math.max(1, page.width * page.height);
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push({ ...state });
    else if (fn === OPS.restore) state = stack.pop() ?? state;
    else if (fn === OPS.transform && args) state = { ...state, ctm: multiply(state.ctm, args as number[]) };
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...state });
      const m = args?.[0] as ArrayLike<number> | null | undefined;
      if (m && m.length === 6) state = { ...state, ctm: multiply(state.ctm, Array.from(m)) };
    } else if (fn === OPS.paintFormXObjectEnd) state = stack.pop() ?? state;
    else if (fn === OPS.setStrokeRGBColor) state = { ...state, stroke: String(args?.[0] ?? '#000000') };
    else if (fn === OPS.setFillRGBColor) state = { ...state, fill: String(args?.[0] ?? '#000000') };
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const stroked = strokeOps.has(paint) && !isWhite(state.stroke);
      const filled = fillOps.has(paint) && !isWhite(state.fill);
      if (!stroked && !filled) continue; // endPath (a clip), or an invisible white rule
      const data = (args[1] as (ArrayLike<number> | null)[] | undefined)?.[0];
      if (!data) continue;
      const m = multiply(viewport, state.ctm);
      const subpaths = decodePath(data, m);
      segments.push(...segmentsFromPath(subpaths, stroked ? 'stroke' : 'fill', { thinRule }));
    } else if (imageOps.has(fn)) {
      // An image is painted into the unit square of the current matrix.
      const m = multiply(viewport, state.ctm);
      const pts = [applyMatrix(m, 0, 0), applyMatrix(m, 1, 0), applyMatrix(m, 0, 1), applyMatrix(m, 1, 1)];
      const w = Math.min(page.width, Math.max(...pts.map((p) => p[0]))) - Math.max(0, Math.min(...pts.map((p) => p[0])));
      const h = Math.min(page.height, Math.max(...pts.map((p) => p[1]))) - Math.max(0, Math.min(...pts.map((p) => p[1])));
      if (w > 0 && h > 0) imageCover = Math.max(imageCover, (w * h) / area);
    }
  }
  return { segments, imageCover };
}

function isWhite(hex: string): boolean {
  return /^#?f{6}$/i.test(hex);
}

/** pdfjs's flat path buffer → subpaths in page space. */
export function decodePath(data: ArrayLike<number>, m: readonly number[]): Subpath[] {
  const out: Subpath[] = [];
  let cur: Subpath | null = null;
  let start: [number, number] = [0, 0];
  let k = 0;
  while (k < data.length) {
    const op = data[k++];
    if (op === MOVE) {
      start = applyMatrix(m, data[k], data[k + 1]);
      k += 2;
      cur = { points: [start], closed: false };
      out.push(cur);
    } else if (op === LINE) {
      const p = applyMatrix(m, data[k], data[k + 1]);
      k += 2;
      if (!cur) out.push((cur = { points: [start], closed: false }));
      cur.points.push(p);
    } else if (op === CURVE) {
      const p = applyMatrix(m, data[k + 4], data[k + 5]);
      k += 6;
      if (!cur) out.push((cur = { points: [start], closed: false }));
      cur.curves ??= new Set();
      cur.curves.add(cur.points.length);
      cur.points.push(p);
    } else if (op === CLOSE) {
      if (cur) cur.closed = true;
      cur = null; // a following lineTo starts again from the subpath's start point
    } else {
      break; // unknown encoding: stop rather than misread coordinates
    }
  }
  return out;
}
