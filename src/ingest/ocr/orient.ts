/**
 * Which way up a page is. A page scanned sideways or upside down (fed the wrong way, or a phone
 * held in landscape) is read by tesseract as noise, so the page is turned before anything else.
 *
 * Both decisions are geometry of the ink, no OCR (tesseract's own orientation detector needs the
 * legacy engine and its `osd` model, a second worker for one bit of information):
 *
 * - **sideways**: a letter's nearest neighbour is the next letter of its line, beside it on an
 *   upright page, above or below it on a page turned by 90°.
 * - **upside down**: in a line of Latin-script text more ink sits above the x-height band than
 *   below it (ascenders b d h k l t, capitals, and in Vietnamese the tone and vowel marks), against
 *   descenders g p q y and the dot below. Turned by 180°, the proportion flips. Measured per text
 *   line, in vertical strips so a table's columns with their own baselines do not smear together.
 */
import type { InkMask } from './raster.js';

/** Clockwise quarter turns that make the page upright, and how clear the evidence was. */
export interface Orientation {
  quarterTurns: 0 | 1 | 2 | 3;
  /** Ink above the x-height over ink below it, upright (after the turn); 1 when unknown. */
  upRatio: number;
}

/** Letters whose nearest neighbours are above or below this much more often than beside: sideways. */
const SIDEWAYS_MARGIN = 1.3;
/** Above/below ink ratios past this (or its inverse) decide up from down; between, leave it. */
const FLIP_RATIO = 1.3;

/** The orientation of a page from its ink mask (any resolution; ~100–200 dpi is plenty). */
export function detectOrientation(inked: InkMask, dpi: number): Orientation {
  const mask = withoutLongRuns(inked, Math.max(8, Math.round(0.25 * dpi)));
  const sideways = neighbourDirections(mask, dpi) > SIDEWAYS_MARGIN;
  const up = upRatio(sideways ? turnMask(mask) : mask);
  let turns = sideways ? 1 : 0;
  let ratio = up;
  if (up < 1 / FLIP_RATIO) {
    turns += 2;
    ratio = 1 / up;
  } else if (sideways && up < FLIP_RATIO) {
    // Sideways but unsure which way: a page is more often turned clockwise on the glass (its top
    // to the right) than the other way; without evidence take the common case.
    ratio = 1;
  }
  return { quarterTurns: (turns % 4) as Orientation['quarterTurns'], upRatio: ratio };
}

/**
 * Letters of a line sit side by side, a line's height away from the next line's: each letter's
 * nearest neighbouring letter lies beside it on an upright page and above or below it on a page
 * turned sideways. Returns (neighbours above/below) / (neighbours beside), over letter-sized
 * connected components (marks and dots, smaller than half the median letter, are left out: a
 * tone mark's nearest neighbour is its letter, straight below).
 */
export function neighbourDirections(mask: InkMask, dpi: number): number {
  const comps = components(mask, Math.round(0.3 * dpi));
  if (comps.length < 50) return 1;
  const sizes = comps.map((c) => Math.max(c.w, c.h)).sort((a, b) => a - b);
  const median = sizes[sizes.length >> 1];
  const letters = comps.filter((c) => Math.max(c.w, c.h) >= 0.5 * median);
  const cell = Math.max(4, Math.round(0.12 * dpi));
  const grid = new Map<number, number[]>();
  const key = (gx: number, gy: number) => gy * 65536 + gx;
  letters.forEach((c, i) => {
    const k = key(Math.floor(c.x / cell), Math.floor(c.y / cell));
    const list = grid.get(k);
    if (list) list.push(i);
    else grid.set(k, [i]);
  });
  let beside = 0;
  let above = 0;
  letters.forEach((c, i) => {
    const gx = Math.floor(c.x / cell);
    const gy = Math.floor(c.y / cell);
    let best = Infinity;
    let dx = 0;
    let dy = 0;
    for (let y = gy - 1; y <= gy + 1; y++) {
      for (let x = gx - 1; x <= gx + 1; x++) {
        for (const j of grid.get(key(x, y)) ?? []) {
          if (j === i) continue;
          const o = letters[j];
          const d = (o.x - c.x) ** 2 + (o.y - c.y) ** 2;
          if (d < best) {
            best = d;
            dx = Math.abs(o.x - c.x);
            dy = Math.abs(o.y - c.y);
          }
        }
      }
    }
    if (best === Infinity) return;
    if (dx > dy) beside++;
    else above++;
  });
  return (above + 1) / (beside + 1);
}

/** Connected components (8-connected) no larger than `maxSide`: centre and size. */
function components(mask: InkMask, maxSide: number): { x: number; y: number; w: number; h: number }[] {
  const { width, height, data } = mask;
  const seen = new Uint8Array(data.length);
  const out: { x: number; y: number; w: number; h: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < data.length; start++) {
    if (!data[start] || seen[start]) continue;
    seen[start] = 1;
    stack.push(start);
    let x0 = width;
    let y0 = height;
    let x1 = 0;
    let y1 = 0;
    while (stack.length) {
      const i = stack.pop()!;
      const x = i % width;
      const y = (i - x) / width;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let ny = Math.max(0, y - 1); ny <= Math.min(height - 1, y + 1); ny++) {
        for (let nx = Math.max(0, x - 1); nx <= Math.min(width - 1, x + 1); nx++) {
          const j = ny * width + nx;
          if (data[j] && !seen[j]) {
            seen[j] = 1;
            stack.push(j);
          }
        }
      }
    }
    const w = x1 - x0 + 1;
    const h = y1 - y0 + 1;
    if (w + h >= 4 && w <= maxSide && h <= maxSide) out.push({ x: (x0 + x1) / 2, y: (y0 + y1) / 2, w, h });
  }
  return out;
}

/**
 * The mask without its long straight runs of ink (table rules, underlines, a page edge), which
 * are as sharp sideways as upright: only letters are left to decide.
 */
export function withoutLongRuns(mask: InkMask, maxRun: number): InkMask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      if (!data[row + x]) {
        x++;
        continue;
      }
      const a = x;
      while (x < width && data[row + x]) x++;
      if (x - a > maxRun) out.fill(0, row + a, row + x);
    }
  }
  for (let x = 0; x < width; x++) {
    let y = 0;
    while (y < height) {
      if (!data[y * width + x]) {
        y++;
        continue;
      }
      const a = y;
      while (y < height && data[y * width + x]) y++;
      if (y - a > maxRun) for (let i = a; i < y; i++) out[i * width + x] = 0;
    }
  }
  return { width, height, data: out };
}

/** The mask turned a quarter clockwise (so a page lying on its left side stands up). */
export function turnMask(mask: InkMask): InkMask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data.length);
  // Clockwise: (x, y) → (height − 1 − y, x) in an image `height` wide.
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const nx = height - 1 - y;
    for (let x = 0; x < width; x++) out[x * height + nx] = data[row + x];
  }
  return { width: height, height: width, data: out };
}

/**
 * Ink above the x-height band over ink below it, summed over the text lines of 8 vertical strips.
 * A line is a run of rows with ink in the strip; its band is the rows holding at least half the
 * line's densest row.
 */
export function upRatio(mask: InkMask): number {
  const { width, height, data } = mask;
  const strips = 8;
  let above = 0;
  let below = 0;
  let lines = 0;
  const profile = new Uint32Array(height);
  for (let s = 0; s < strips; s++) {
    const x0 = Math.floor((s * width) / strips);
    const x1 = Math.floor(((s + 1) * width) / strips);
    const w = x1 - x0;
    profile.fill(0);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      let n = 0;
      for (let x = x0; x < x1; x++) n += data[row + x];
      // A rule across the strip is no text line.
      profile[y] = n > 0.6 * w ? 0 : n;
    }
    let y = 0;
    while (y < height) {
      if (profile[y] === 0) {
        y++;
        continue;
      }
      const a = y;
      while (y < height && profile[y] > 0) y++;
      const b = y; // exclusive
      if (b - a < 4) continue; // speckle, a dot
      let peak = 0;
      for (let i = a; i < b; i++) peak = Math.max(peak, profile[i]);
      if (peak < 3) continue;
      let c0 = a;
      while (profile[c0] < 0.5 * peak) c0++;
      let c1 = b - 1;
      while (profile[c1] < 0.5 * peak) c1--;
      lines++;
      for (let i = a; i < c0; i++) above += profile[i];
      for (let i = c1 + 1; i < b; i++) below += profile[i];
    }
  }
  // A line or two (a heading, a signature) is too little to tell up from down.
  if (above + below < 200 || lines < 12) return 1;
  return (above + 1) / (below + 1);
}
