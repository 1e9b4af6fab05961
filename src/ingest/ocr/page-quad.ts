/**
 * Phone photos of a page: the sheet lies on a desk, seen at an angle, so it is a bright
 * quadrilateral on a darker surround. The quad is found on a small copy of the photo and warped
 * flat (a projective transform, solved from its four corners) to an A4-shaped page at a scanner's
 * resolution; shadow and uneven light are then divided out like any scan's background.
 *
 * A scan or a photo cropped to the page has no dark surround and is left as it is.
 */
import sharp from 'sharp';
import { checkLimit } from '../limits.js';
import { decodeGray, flattenBackground, otsuThreshold, rawGray, sourceSize, type GrayImage, type ImageSource } from './raster.js';

export interface Point {
  x: number;
  y: number;
}

/** Corners of the page, clockwise from the top-left, in the image's pixels. */
export type Quad = [Point, Point, Point, Point];

/** The analysis copy's longer side: enough to place corners within ~0.2 % of the photo. */
export const QUAD_SIDE = 600;

/** The flattened page's resolution: a photo's page is warped to A4 at 200–300 dpi. */
const A4_LONG_INCHES = 11.69;
const MIN_DPI = 200;
const MAX_DPI = 300;

/**
 * A photo of a page on a desk, flattened: the page warped to a rectangle and its background
 * divided out, with the resolution it now has; null when the picture shows no such page (then
 * it is read as a scan).
 */
export async function flatPagePhoto(src: Extract<ImageSource, { kind: 'encoded' }>, maxPixels: number): Promise<{ image: GrayImage; dpi: number } | null> {
  // The limit first, from the header: sharp's own would fail as an unnamed error.
  const { width, height } = await sourceSize(src);
  checkLimit('pixels per page', width * height, maxPixels);
  const { data, info } = await sharp(src.bytes, { page: src.page ?? 0, limitInputPixels: maxPixels })
    .autoOrient()
    .greyscale()
    .resize(QUAD_SIDE, QUAD_SIDE, { fit: 'inside' })
    .blur(1)
    .raw()
    .toBuffer({ resolveWithObject: true });
  const small = rawGray(data, info);
  const quad = findPageQuad(small);
  if (!quad) return null;
  const full = await decodeGray(src, maxPixels, { flatten: false });
  const k = full.width / small.width;
  const corners = quad.map((p) => ({ x: p.x * k, y: p.y * k })) as Quad;
  const side = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  let w = (side(corners[0], corners[1]) + side(corners[3], corners[2])) / 2;
  let h = (side(corners[0], corners[3]) + side(corners[1], corners[2])) / 2;
  // Perspective foreshortens the side pointing away from the camera; the sheet is A4 (√2) when
  // the photo says roughly that, and is given its true shape back.
  const ratio = Math.max(w, h) / Math.min(w, h);
  if (Math.abs(ratio / Math.SQRT2 - 1) < 0.12) {
    if (w > h) h = w / Math.SQRT2;
    else w = h / Math.SQRT2;
  }
  const long = Math.min(MAX_DPI, Math.max(MIN_DPI, Math.max(w, h) / A4_LONG_INCHES)) * A4_LONG_INCHES;
  const scale = long / Math.max(w, h);
  const page = warpQuad(full, corners, Math.round(w * scale), Math.round(h * scale));
  return { image: await flattenBackground(page), dpi: long / A4_LONG_INCHES };
}

/** Grey levels a shadow darkens the paper by from one pixel to the next, at most (on the small copy). */
const SHADOW_STEP = 4;

/**
 * The page's corners on a small grey copy of a photo, or null when the picture shows no page on a
 * darker surround (a scan, a cropped photo, a photo of a page filling the frame).
 */
export function findPageQuad(img: GrayImage): Quad | null {
  const { width, height, data } = img;
  const t = otsuThreshold(img);
  // The surround: most of the outer ring is darker than paper.
  const ring = Math.max(2, Math.round(0.02 * Math.min(width, height)));
  let dark = 0;
  let border = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= ring && x < width - ring && y >= ring && y < height - ring) continue;
      border++;
      if (data[y * width + x] <= t) dark++;
    }
  }
  if (dark < 0.5 * border) return null;
  // A shadow across the sheet can take part of it below the threshold: the fill also goes on into
  // pixels darker than it when they are above the desk's brightness and the step from their
  // neighbour is gentle (a shadow's gradient, not the page's edge or a stroke of ink).
  const ringValues: number[] = [];
  for (let x = 0; x < width; x += 2) ringValues.push(data[x], data[(height - 1) * width + x]);
  for (let y = 0; y < height; y += 2) ringValues.push(data[y * width], data[y * width + width - 1]);
  ringValues.sort((a, b) => a - b);
  const desk = ringValues[ringValues.length >> 1];
  const floor = desk + 0.35 * (t - desk);
  const joins = (from: number, to: number) => data[to] > t || (data[to] > floor && data[from] - data[to] <= SHADOW_STEP);
  // The page: the bright region holding the middle of the picture (flood fill, 4-connected).
  const seed = brightNear(img, t);
  if (seed < 0) return null;
  const inPage = new Uint8Array(width * height);
  const stack = [seed];
  inPage[seed] = 1;
  let count = 0;
  const corners = { tl: seed, tr: seed, br: seed, bl: seed };
  const sum = (i: number) => (i % width) + Math.floor(i / width);
  const diff = (i: number) => (i % width) - Math.floor(i / width);
  while (stack.length) {
    const i = stack.pop()!;
    count++;
    if (sum(i) < sum(corners.tl)) corners.tl = i;
    if (sum(i) > sum(corners.br)) corners.br = i;
    if (diff(i) > diff(corners.tr)) corners.tr = i;
    if (diff(i) < diff(corners.bl)) corners.bl = i;
    const x = i % width;
    for (const j of [i - width, i + width, x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1]) {
      if (j < 0 || j >= inPage.length || inPage[j] || !joins(i, j)) continue;
      inPage[j] = 1;
      stack.push(j);
    }
  }
  const at = (i: number): Point => ({ x: (i % width) + 0.5, y: Math.floor(i / width) + 0.5 });
  // The fill's extreme points are the corners when the fill kept to the sheet; a bright patch of
  // desk beside it, or a shadowed corner left out, moves them. Straight edges fitted to where the
  // desk steps up to paper are the better corners whenever all four sides are found.
  const quad: Quad = edgeQuad(img) ?? [at(corners.tl), at(corners.tr), at(corners.br), at(corners.bl)];
  // A page, not a bright patch: a good share of the picture, and not much more than its quad
  // (text and table lines inside are holes in the fill, so the fill is below the quad's area).
  const area = quadArea(quad);
  if (area < 0.25 * width * height || count < 0.5 * area) return null;
  const side = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
  if (Math.min(side(quad[0], quad[1]), side(quad[3], quad[2])) < 0.3 * Math.min(width, height)) return null;
  return quad;
}

/** Grey levels the desk must step up by, over a few pixels, to be the sheet's edge (on the small copy). */
const EDGE_RISE = 18;
/** A fitted side must run through this share of the lines scanned across it. */
const SIDE_SUPPORT = 0.3;

/** A side of the sheet as a line: x = a·y + b for the left and right sides, y = a·x + b for the top and bottom. */
interface SideLine {
  a: number;
  b: number;
}

/**
 * The sheet's corners from its four edges: along lines scanned in from each side of the picture,
 * the first place the desk steps up sharply to something brighter that goes on; a straight line
 * through most of those places (RANSAC: stray steps on a patterned desk, or a table's rule where
 * the edge is faint, are outvoted); the corners where the lines meet. Null when a side has no such
 * line or the corners make no plausible page.
 */
function edgeQuad(img: GrayImage): Quad | null {
  const { width, height, data } = img;
  const px = (x: number, y: number) => data[y * width + x];
  const mean = (get: (k: number) => number, from: number, to: number) => {
    let sum = 0;
    for (let k = from; k <= to; k++) sum += get(k);
    return sum / (to - from + 1);
  };
  /** Along one scanline (get(k), k = 0 … n-1 from the picture's edge in), the first step up to paper. */
  const firstRise = (get: (k: number) => number, n: number): number | null => {
    for (let k = 3; k < n - 9; k++) {
      const before = mean(get, k - 3, k - 1);
      const after = mean(get, k + 1, k + 3);
      // A step that holds (paper goes on), not a thin bright line on the desk.
      if (after - before >= EDGE_RISE && mean(get, k + 1, k + 8) >= before + 0.8 * EDGE_RISE) return k;
    }
    return null;
  };
  const side = (along: number, across: number, point: (t: number) => number | null): SideLine | null => {
    const pts: [number, number][] = [];
    for (let t = Math.round(0.08 * along); t < 0.92 * along; t += 2) {
      const k = point(t);
      if (k != null) pts.push([t, k]);
    }
    const scanned = Math.round((0.84 * along) / 2);
    const line = fitLine(pts, 1.5);
    if (!line || line.inliers < SIDE_SUPPORT * scanned) return null;
    // The edge must lie in the outer part of the picture, not through its middle.
    const mid = line.a * (along / 2) + line.b;
    return mid >= 0 && mid < 0.45 * across ? line : null;
  };
  const half = (n: number) => Math.floor(0.6 * n);
  const left = side(height, width, (y) => firstRise((k) => px(k, y), half(width)));
  const right = side(height, width, (y) => firstRise((k) => px(width - 1 - k, y), half(width)));
  const top = side(width, height, (x) => firstRise((k) => px(x, k), half(height)));
  const bottom = side(width, height, (x) => firstRise((k) => px(x, height - 1 - k), half(height)));
  if (!left || !right || !top || !bottom) return null;
  // Right and bottom were measured from the far side: turn them into picture coordinates.
  const R = { a: -right.a, b: width - 1 - right.b };
  const B = { a: -bottom.a, b: height - 1 - bottom.b };
  const meet = (v: SideLine, h: SideLine): Point | null => {
    // x = v.a·y + v.b and y = h.a·x + h.b.
    const d = 1 - v.a * h.a;
    if (Math.abs(d) < 1e-6) return null;
    const x = (v.a * h.b + v.b) / d;
    return { x: x + 0.5, y: h.a * x + h.b + 0.5 };
  };
  const corners = [meet(left, top), meet(R, top), meet(R, B), meet(left, B)];
  if (corners.some((p) => !p || p.x < -0.05 * width || p.x > 1.05 * width || p.y < -0.05 * height || p.y > 1.05 * height)) return null;
  const quad = corners as Quad;
  return quadArea(quad) >= 0.25 * width * height ? quad : null;
}

/**
 * The line k = a·t + b through most of the points (t, k), within `tolerance`: RANSAC over pairs
 * (deterministic: every pair of a spread sample), then least squares on the inliers.
 */
function fitLine(pts: readonly [number, number][], tolerance: number): (SideLine & { inliers: number }) | null {
  if (pts.length < 8) return null;
  const step = Math.max(1, Math.floor(pts.length / 24));
  const sample = pts.filter((_, i) => i % step === 0);
  let best: SideLine | null = null;
  let bestCount = 0;
  for (let i = 0; i < sample.length; i++) {
    for (let j = i + 1; j < sample.length; j++) {
      const [t1, k1] = sample[i];
      const [t2, k2] = sample[j];
      if (t2 - t1 < 0.2 * (pts[pts.length - 1][0] - pts[0][0])) continue;
      const a = (k2 - k1) / (t2 - t1);
      if (Math.abs(a) > 0.4) continue;
      const b = k1 - a * t1;
      let count = 0;
      for (const [t, k] of pts) if (Math.abs(a * t + b - k) <= tolerance) count++;
      if (count > bestCount) {
        bestCount = count;
        best = { a, b };
      }
    }
  }
  if (!best) return null;
  const inliers = pts.filter(([t, k]) => Math.abs(best!.a * t + best!.b - k) <= tolerance);
  const n = inliers.length;
  const st = inliers.reduce((s, [t]) => s + t, 0);
  const sk = inliers.reduce((s, [, k]) => s + k, 0);
  const stt = inliers.reduce((s, [t]) => s + t * t, 0);
  const stk = inliers.reduce((s, [t, k]) => s + t * k, 0);
  const d = n * stt - st * st;
  if (d === 0) return { ...best, inliers: n };
  const a = (n * stk - st * sk) / d;
  return { a, b: (sk - a * st) / n, inliers: n };
}

/** A bright pixel at or near the middle of the picture; −1 when the middle is all dark. */
function brightNear(img: GrayImage, t: number): number {
  const cx = Math.floor(img.width / 2);
  const cy = Math.floor(img.height / 2);
  const reach = Math.floor(0.2 * Math.min(img.width, img.height));
  for (let r = 0; r <= reach; r++) {
    for (let dy = -r; dy <= r; dy++) {
      for (let dx = -r; dx <= r; dx++) {
        const i = (cy + dy) * img.width + cx + dx;
        if (img.data[i] > t) return i;
      }
    }
  }
  return -1;
}

function quadArea(q: Quad): number {
  let a = 0;
  for (let i = 0; i < 4; i++) a += q[i].x * q[(i + 1) % 4].y - q[(i + 1) % 4].x * q[i].y;
  return Math.abs(a) / 2;
}

/**
 * The quad of `img` warped to an upright `width` × `height` rectangle (bilinear sampling; outside
 * the photo is white).
 */
export function warpQuad(img: GrayImage, quad: Quad, width: number, height: number): GrayImage {
  const h = homography(
    [
      { x: 0, y: 0 },
      { x: width, y: 0 },
      { x: width, y: height },
      { x: 0, y: height },
    ],
    quad,
  );
  const out = new Uint8Array(width * height);
  const { data, width: sw, height: sh } = img;
  for (let y = 0; y < height; y++) {
    const v = y + 0.5;
    // Row-wise incremental evaluation of the projective map.
    let nx = h[0] * 0.5 + h[1] * v + h[2];
    let ny = h[3] * 0.5 + h[4] * v + h[5];
    let d = h[6] * 0.5 + h[7] * v + 1;
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const sx = nx / d - 0.5;
      const sy = ny / d - 0.5;
      nx += h[0];
      ny += h[3];
      d += h[6];
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= sw || y0 + 1 >= sh) {
        out[row + x] = 255;
        continue;
      }
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * sw + x0;
      const top = data[i] + (data[i + 1] - data[i]) * fx;
      const bottom = data[i + sw] + (data[i + sw + 1] - data[i + sw]) * fx;
      out[row + x] = top + (bottom - top) * fy + 0.5;
    }
  }
  return { width, height, data: out };
}

/**
 * The projective map taking each `from` point to its `to` point, as the 8 coefficients of
 * x' = (h0 x + h1 y + h2) / (h6 x + h7 y + 1), y' = (h3 x + h4 y + h5) / (h6 x + h7 y + 1).
 */
export function homography(from: readonly Point[], to: readonly Point[]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const { x, y } = from[i];
    const { x: u, y: v } = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8 × 9 augmented matrix.
  for (let c = 0; c < 8; c++) {
    let p = c;
    for (let r = c + 1; r < 8; r++) if (Math.abs(a[r][c]) > Math.abs(a[p][c])) p = r;
    [a[c], a[p]] = [a[p], a[c]];
    for (let r = 0; r < 8; r++) {
      if (r === c) continue;
      const f = a[r][c] / a[c][c];
      for (let k = c; k < 9; k++) a[r][k] -= f * a[c][k];
    }
  }
  return a.map((row, i) => row[8] / row[i]);
}
