/**
 * Ruling lines of a straightened page image: long horizontal and vertical runs of ink. The
 * table builder rebuilds tables from ruling segments for text PDFs and scans alike, so this
 * module's job is to produce the segments a PDF would have drawn, in pixels, and no more.
 *
 * A run-length scan rather than morphology: each row of the ink mask (dilated by one pixel up
 * and down, to absorb the residual tilt deskewing leaves) is scanned for runs of ink with small
 * gaps (scanner dropout), long runs in consecutive rows are grouped, and a group thin enough to
 * be a stroke becomes a segment. Vertical lines are the same scan on the transposed mask.
 */
import type { InkMask } from './raster.js';

/** A segment in pixels plus the rectangle of ink it covers (to erase it before OCR). */
export interface PixelRuling {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Bounding box of the ink that made the line, inclusive-exclusive. */
  ink: { x0: number; y0: number; x1: number; y1: number };
}

/** What the ruling finder needs to know about the image. */
export interface RulingOptions {
  /** Image resolution, to turn the physical minimums below into pixels. */
  dpi: number;
}

interface Group {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  lastRow: number;
  /** Best fraction of the run covered by ink in one undilated row. */
  fill: number;
}

/** Horizontal and vertical ruling lines of a deskewed page's ink mask, in pixels. */
export function findRulings(mask: InkMask, { dpi }: RulingOptions): { horizontal: PixelRuling[]; vertical: PixelRuling[] } {
  const px = (inches: number) => Math.max(1, Math.round(inches * dpi));
  // A stroke of a 14-pt letter is at most ~0.05 in thick; a table rule is under 0.03 in even
  // when printed heavy. With the 1-px dilation on both sides, 0.05 in separates the two.
  const maxThick = px(0.05) + 2;
  const gap = Math.max(2, px(0.01));
  // Runs this long may step a pixel sideways along their length (see scan); segments this long
  // beside a longer one are its steps (see absorbShadows).
  const drifting = px(1);
  const horizontal = absorbShadows(mergeCollinear(scan(mask, px(0.2), gap, maxThick, drifting), px(0.05), 2), maxThick, drifting);
  const transposed = transpose(mask);
  const tol = px(0.04);
  // A vertical rule that stops on a horizontal one stops there (a T-junction): the ink past the
  // white after it is a letter's stem in the cell below ("chuẩn" under a column boundary), not the
  // rule resumed after a dropout, so the gap is not bridged.
  const endsOnRule = (y: number, x: number) => horizontal.some((h) => Math.abs(h.y0 - y) <= tol && x >= h.x0 - tol && x <= h.x1 + tol);
  const bridgeable = (a: PixelRuling, b: PixelRuling) => !endsOnRule(a.x1, a.y0) && !endsOnRule(b.x0, b.y0);
  const vertical = absorbShadows(mergeCollinear(scan(transposed, px(0.1), gap, maxThick, drifting), px(0.05), 2, bridgeable), maxThick, drifting).map(flip);
  // Letter stems are short vertical runs too; a real rule in a table either is long or runs
  // from one horizontal rule to another.
  const long = px(0.6);
  const spur = px(0.18);
  // A rule running on past the last rule it crosses, by less than a text line, has picked up
  // a letter's stem sitting against the rule (the "H" of a cell's first word, the "N" of a heading
  // under a column boundary): cut it back before judging it, or a short rule from one horizontal
  // rule to the next overshoots the second and is taken for a stem itself.
  const trimmed = vertical.map((v) => trimSpurs(v, horizontal, spur, tol)).filter((v) => v.y1 - v.y0 >= px(0.1));
  const keptVertical = keepRules(trimmed, horizontal, long, tol, Math.max(3, px(0.02)));
  // Likewise the bars of bold capitals (T, Đ) are short solid horizontal runs; a short rule
  // closes a narrow cell, so it meets a vertical rule at both ends.
  const across = keptVertical.map(flip);
  const keptHorizontal = keepRules(horizontal.map(flip), across, long, tol, Math.max(3, px(0.02))).map(flip);
  // Cut back again against the rules kept, or a stem would split a merged cell and be erased.
  const vOut = keptVertical.map((v) => trimSpurs(v, keptHorizontal, spur, tol));
  const hOut = keptHorizontal.map((h) => flip(trimSpurs(flip(h), across, spur, tol)));
  return { horizontal: hOut, vertical: vOut };
}

/** A vertical segment's ends cut back to the outermost horizontal rules it crosses, when close. */
function trimSpurs(v: PixelRuling, horizontal: PixelRuling[], spur: number, tol: number): PixelRuling {
  const ys = horizontal
    .filter((h) => v.x0 >= h.x0 - tol && v.x0 <= h.x1 + tol && h.y0 >= v.y0 - tol && h.y0 <= v.y1 + tol)
    .map((h) => h.y0);
  if (ys.length === 0) return v;
  const out = { ...v, ink: { ...v.ink } };
  const top = Math.min(...ys);
  const bottom = Math.max(...ys);
  if (top - v.y0 > 0 && top - v.y0 < spur) {
    out.y0 = top;
    out.ink.y0 = Math.floor(top);
  }
  if (v.y1 - bottom > 0 && v.y1 - bottom < spur) {
    out.y1 = bottom;
    out.ink.y1 = Math.ceil(bottom) + 1;
  }
  return out;
}

/**
 * Vertical candidates that are rules: long ones, and short ones running from one horizontal
 * rule to another. A short one must also either run into both rules' bands (end within `meet`
 * of their centre lines) or line up with another candidate (a column boundary recurs row after
 * row); a letter stem filling a tight row stops a few pixels short and stands alone.
 */
function keepRules(vertical: PixelRuling[], horizontal: PixelRuling[], long: number, tol: number, meet: number): PixelRuling[] {
  const spans = (v: PixelRuling, t: number) => touches(v.x0, v.y0, horizontal, t) && touches(v.x0, v.y1, horizontal, t);
  const candidates = vertical.filter((v) => v.y1 - v.y0 >= long || spans(v, tol));
  const kept = candidates.filter(
    (v) => v.y1 - v.y0 >= long || spans(v, meet) || candidates.some((o) => o !== v && Math.abs(o.x0 - v.x0) <= meet),
  );
  return [...kept, ...openBottom(vertical, kept, horizontal, tol, meet)];
}

/**
 * The rules of a row a page break cut: the table goes on over the page, so the row has no rule
 * under it and its column rules run from the last horizontal rule down into nothing, too short to
 * be kept as rules on their own. Such segments are kept when they stand on that last rule, in
 * line with column rules kept above, and end with another rule (the row's bottom, where the
 * table's sides end too), so a letter's stem under a table is not taken for one.
 */
function openBottom(vertical: PixelRuling[], kept: PixelRuling[], horizontal: PixelRuling[], tol: number, meet: number): PixelRuling[] {
  const open = vertical.filter(
    (v) =>
      !kept.includes(v) &&
      touches(v.x0, v.y0, horizontal, tol) &&
      !horizontal.some((h) => h.y0 > v.y0 + tol && v.x0 >= h.x0 - tol && v.x0 <= h.x1 + tol) &&
      kept.some((k) => Math.abs(k.x0 - v.x0) <= meet && k.y1 <= v.y0 + tol),
  );
  return open.filter((v) => [...open, ...kept].some((o) => o !== v && Math.abs(o.y1 - v.y1) <= 2 * tol));
}

/** Whether some segment lying along x (in `lines`, as horizontal) passes within tol of (x, y). */
function touches(x: number, y: number, lines: PixelRuling[], tol: number): boolean {
  return lines.some((h) => Math.abs(h.y0 - y) <= tol && x >= h.x0 - tol && x <= h.x1 + tol);
}

/** Horizontal runs of ink ≥ minLen (gaps ≤ gap bridged), grouped over consecutive rows. */
function scan(mask: InkMask, minLen: number, gap: number, maxThick: number, drifting: number): PixelRuling[] {
  const { width, height, data } = mask;
  const out: PixelRuling[] = [];
  let active: Group[] = [];
  const words = Math.ceil(width / 4);
  const row = new Uint8Array(words * 4);
  // Four pixels at a time over the blank stretches, which are most of a page.
  const row32 = new Uint32Array(row.buffer);
  // Rows y - 1, y and y + 1 copied into aligned buffers, so the dilation ORs four pixels at a time.
  const buffer = () => {
    const bytes = new Uint8Array(words * 4);
    return { bytes, quads: new Uint32Array(bytes.buffer) };
  };
  let above = buffer();
  let here = buffer();
  let below = buffer();
  if (height > 0) here.bytes.set(data.subarray(0, width));
  for (let y = 0; y < height; y++) {
    // Row y or a neighbour has ink: a 1-px vertical dilation.
    const base = y * width;
    if (y + 1 < height) below.bytes.set(data.subarray(base + width, base + 2 * width));
    else below.bytes.fill(0);
    const [a, h, b] = [above.quads, here.quads, below.quads];
    for (let i = 0; i < words; i++) row32[i] = a[i] | h[i] | b[i];
    [above, here, below] = [here, below, above];
    const next: Group[] = [];
    let x = 0;
    while (x < width) {
      if (!row[x]) {
        x++;
        while ((x & 3) === 0 && x < width && row32[x >> 2] === 0) x += 4;
        continue;
      }
      const start = x;
      let end = x + 1; // exclusive end of ink
      let holes = 0;
      x++;
      while (x < width && (row[x] || holes < gap)) {
        if (row[x]) {
          end = x + 1;
          holes = 0;
        } else holes++;
        x++;
      }
      if (end - start >= minLen) {
        // A rule the deskew left a few hundredths of a degree off steps from one row to the next
        // along a page's length, and no single row holds it: a run that long (no letters make
        // one) counts its ink in this row or the one before.
        let ink = 0;
        const before = y > 0 && end - start >= drifting ? base - width : base;
        for (let i = start; i < end; i++) ink += data[base + i] | data[before + i];
        const fill = ink / (end - start);
        const g = active.find((a) => overlap(a, start, end) >= 0.5 * Math.max(a.x1 - a.x0, end - start));
        const same = next.find((a) => overlap(a, start, end) > 0);
        if (g) {
          g.x0 = Math.min(g.x0, start);
          g.x1 = Math.max(g.x1, end);
          g.y1 = y + 1;
          g.lastRow = y;
          g.fill = Math.max(g.fill, fill);
          next.push(g);
          active = active.filter((a) => a !== g);
        } else if (!same) {
          next.push({ x0: start, x1: end, y0: y, y1: y + 1, lastRow: y, fill });
        }
      }
      x = end;
    }
    for (const g of active) close(g);
    active = next;
  }
  for (const g of active) close(g);
  return out;

  function close(g: Group) {
    if (g.y1 - g.y0 > maxThick) return; // a block of text or a filled area, not a rule
    // A rule is solid in at least one pair of rows; the baselines of serif text, bridged by the
    // gap tolerance, are long and thin too but have holes between letters.
    if (g.fill < 0.85) return;
    const y = (g.y0 + g.y1 - 1) / 2;
    // The band includes the one-row dilation each side; erasing it too is harmless.
    out.push({ x0: g.x0, y0: y, x1: g.x1, y1: y, ink: { x0: g.x0, y0: g.y0, x1: g.x1, y1: g.y1 } });
  }
}

/**
 * A rule the deskew left slightly off steps sideways along its length, and the rows past the
 * step make a second, shorter segment beside the first: one rule, not two. A segment of at least
 * `minLength` lying along a longer one, within a stroke's thickness of it and inside its extent,
 * is folded into it (its ink joins the longer one's, to be erased with it). Shorter ones (a
 * letter's stem against a rule) are left for the rule tests after this.
 */
function absorbShadows(segs: PixelRuling[], maxThick: number, minLength: number): PixelRuling[] {
  const byLength = [...segs].sort((a, b) => b.x1 - b.x0 - (a.x1 - a.x0));
  const out: PixelRuling[] = [];
  for (const s of byLength) {
    const host =
      s.x1 - s.x0 >= minLength ? out.find((o) => Math.abs(o.y0 - s.y0) <= maxThick && s.x0 >= o.x0 - maxThick && s.x1 <= o.x1 + maxThick) : undefined;
    if (!host) {
      out.push({ ...s, ink: { ...s.ink } });
      continue;
    }
    host.ink.x0 = Math.min(host.ink.x0, s.ink.x0);
    host.ink.x1 = Math.max(host.ink.x1, s.ink.x1);
    host.ink.y0 = Math.min(host.ink.y0, s.ink.y0);
    host.ink.y1 = Math.max(host.ink.y1, s.ink.y1);
  }
  return out.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
}

function overlap(g: Group, start: number, end: number): number {
  return Math.min(g.x1, end) - Math.max(g.x0, start);
}

/**
 * Segments on the same line (|Δy| ≤ dy) whose ends are within maxGap, joined; where `bridgeable`
 * is given, a gap between an earlier and a later segment is bridged only when it says so.
 */
function mergeCollinear(segs: PixelRuling[], maxGap: number, dy: number, bridgeable?: (a: PixelRuling, b: PixelRuling) => boolean): PixelRuling[] {
  const sorted = [...segs].sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0);
  const out: PixelRuling[] = [];
  for (const s of sorted) {
    const prev = out.find(
      (o) =>
        Math.abs(o.y0 - s.y0) <= dy &&
        s.x0 - o.x1 <= maxGap &&
        o.x0 - s.x1 <= maxGap &&
        // Overlapping or touching runs are one; only a gap is questioned.
        (!bridgeable || (s.x0 <= o.x1 + 1 && o.x0 <= s.x1 + 1) || (s.x0 > o.x1 ? bridgeable(o, s) : bridgeable(s, o))),
    );
    if (prev) {
      prev.x0 = Math.min(prev.x0, s.x0);
      prev.x1 = Math.max(prev.x1, s.x1);
      prev.ink.x0 = Math.min(prev.ink.x0, s.ink.x0);
      prev.ink.x1 = Math.max(prev.ink.x1, s.ink.x1);
      prev.ink.y0 = Math.min(prev.ink.y0, s.ink.y0);
      prev.ink.y1 = Math.max(prev.ink.y1, s.ink.y1);
    } else out.push({ ...s, ink: { ...s.ink } });
  }
  return out;
}

function transpose(mask: InkMask): InkMask {
  const { width, height, data } = mask;
  const out = new Uint8Array(data.length);
  // In 64-pixel tiles: a row-by-row transpose writes a column at a time and misses the cache.
  const T = 64;
  for (let y0 = 0; y0 < height; y0 += T) {
    const y1 = Math.min(height, y0 + T);
    for (let x0 = 0; x0 < width; x0 += T) {
      const x1 = Math.min(width, x0 + T);
      for (let y = y0; y < y1; y++) {
        const base = y * width;
        for (let x = x0; x < x1; x++) out[x * height + y] = data[base + x];
      }
    }
  }
  return { width: height, height: width, data: out };
}

function flip(s: PixelRuling): PixelRuling {
  return { x0: s.y0, y0: s.x0, x1: s.y1, y1: s.x1, ink: { x0: s.ink.y0, y0: s.ink.x0, x1: s.ink.y1, y1: s.ink.x1 } };
}

/**
 * A copy of the grey image with the rules' ink painted white. Tesseract reads a rule beside
 * text as `|`, `[` or `_`, and a rule under a word can merge two table rows into one text line.
 */
export function eraseRulings(
  img: { width: number; height: number; data: Uint8Array },
  rulings: PixelRuling[],
  pad = 1,
): { width: number; height: number; data: Uint8Array } {
  const data = new Uint8Array(img.data);
  for (const r of rulings) {
    const x0 = Math.max(0, r.ink.x0 - pad);
    const x1 = Math.min(img.width, r.ink.x1 + pad);
    const y0 = Math.max(0, r.ink.y0 - pad);
    const y1 = Math.min(img.height, r.ink.y1 + pad);
    for (let y = y0; y < y1; y++) data.fill(255, y * img.width + x0, y * img.width + x1);
  }
  return { width: img.width, height: img.height, data };
}
