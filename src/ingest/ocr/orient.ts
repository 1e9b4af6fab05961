/**
 * Which way up a page is. A page scanned sideways or upside down (fed the wrong way, or a phone
 * held in landscape) is read by tesseract as noise, so the page is turned before anything else.
 *
 * Both decisions are geometry of the ink, no OCR (tesseract's own orientation detector needs the
 * legacy engine and its `osd` model, a second worker for one bit of information):
 *
 * - **sideways**: text lines make the ink's projection onto the vertical axis sharply peaked (one
 *   peak per line); on a page turned by 90° the sharp profile is the horizontal one.
 * - **upside down**: in a line of Latin-script text more ink sits above the x-height band than
 *   below it (ascenders b d h k l t, capitals, and in Vietnamese the tone and vowel marks), against
 *   descenders g p q y and the dot below. Turned by 180°, the proportion flips. Measured per text
 *   line, in vertical strips so a table's columns with their own baselines do not smear together.
 */
import { inkPoints, profileScore } from './deskew.js';
import type { InkMask } from './raster.js';

/** Clockwise quarter turns that make the page upright, and how clear the evidence was. */
export interface Orientation {
  quarterTurns: 0 | 1 | 2 | 3;
  /** Ink above the x-height over ink below it, upright (after the turn); 1 when unknown. */
  upRatio: number;
}

/** A page whose vertical profile is this much sharper than its horizontal one is upright (or 180°). */
const SIDEWAYS_MARGIN = 1.5;
/** Above/below ink ratios past this (or its inverse) decide up from down; between, leave it. */
const FLIP_RATIO = 1.3;

/** The orientation of a page from its ink mask (any resolution; ~100–200 dpi is plenty). */
export function detectOrientation(inked: InkMask, dpi: number): Orientation {
  const mask = withoutLongRuns(inked, Math.max(8, Math.round(0.25 * dpi)));
  const { xs, ys } = inkPoints(mask);
  const rows = sharpest(xs, ys, mask.width, mask.height);
  const cols = sharpest(ys, xs, mask.height, mask.width);
  const sideways = cols > SIDEWAYS_MARGIN * rows;
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

/**
 * How sharply the ink projects onto the vertical axis at its best tilt within ±4° (a tilted
 * page smears its profile at 0°): {@link profileScore}, the deskew measure.
 */
function sharpest(xs: Int32Array, ys: Int32Array, width: number, height: number): number {
  let best = 0;
  for (let a = -4; a <= 4; a += 0.5) best = Math.max(best, profileScore(xs, ys, width, height, a));
  return best;
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
      for (let i = a; i < c0; i++) above += profile[i];
      for (let i = c1 + 1; i < b; i++) below += profile[i];
    }
  }
  if (above + below < 200) return 1;
  return (above + 1) / (below + 1);
}
