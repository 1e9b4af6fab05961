/**
 * Skew detection and correction. Scanned pages sit a degree or two off square; the table
 * builder expects ruling lines that are horizontal and vertical, and tesseract's line finder
 * degrades with tilt, so every page is measured and straightened before anything else.
 *
 * The angle comes from projection profiles: ink projected onto a line tilted by θ gives sharp
 * peaks (text lines, rulings) when θ matches the skew, a smeared profile otherwise. The score is
 * the sum of squared differences of adjacent bins, which rewards sharp edges of text rows and is
 * insensitive to the total amount of ink (speckle noise adds a flat floor that cancels out).
 */
import sharp from 'sharp';
import { median } from '../geometry/boxes.js';
import { inkMask, rawGray, shrink, type GrayImage, type InkMask } from './raster.js';

/** Search range and resolution of the skew search. */
export interface SkewOptions {
  /** Largest |angle| searched, degrees. Default 5: beyond that a page is mis-fed, not skewed. */
  maxAngle?: number;
  /** Resolution of the answer, degrees. Default 0.05 (≈ 2 px over a 200-dpi A4 width). */
  precision?: number;
}

/** Side of the shrunken analysis image: enough for 0.05° over the width, cheap to project. */
export const ANALYSIS_SIDE = 1600;

/**
 * The page's skew in degrees, clockwise positive (sharp's `rotate` convention): the content
 * looks rotated clockwise by this angle, so `rotate(-angle)` straightens it. 0 for a blank page.
 */
export async function detectSkew(img: GrayImage, options: SkewOptions = {}): Promise<number> {
  const small = await shrink(img, ANALYSIS_SIDE);
  return skewOfMask(inkMask(small), options);
}

/** {@link detectSkew} on an ink mask directly (the pure part, for tests and reuse). */
export function skewOfMask(mask: InkMask, options: SkewOptions = {}): number {
  const maxAngle = options.maxAngle ?? 5;
  const precision = options.precision ?? 0.05;
  const { xs, ys } = inkPoints(mask);
  if (xs.length < 50) return 0;
  // Coarse to fine: 0.25° over the range, then narrowing around the best angle, so about 50
  // projections are computed instead of 200. A text row's peak is narrow on a wide page (at
  // 0.25° off, a 1600-px row smears over 7 px), so a coarser first step can fall between peaks
  // and see no direction at all on a page of small text in narrow cells. The coarse pass needs
  // no more than a quarter of a full page's points to tell the steps apart.
  const coarse = xs.length > 40_000 ? everyNth(xs, ys, 4) : { xs, ys };
  const first = 0.25;
  let best = 0;
  let step = first;
  let lo = -maxAngle;
  let hi = maxAngle;
  for (;;) {
    let bestScore = -1;
    const points = step === first ? coarse : { xs, ys };
    const scores: number[] = [];
    for (let a = lo; a <= hi + 1e-9; a += step) {
      const s = profileScore(points.xs, points.ys, mask.width, mask.height, a);
      scores.push(s);
      if (s > bestScore) {
        bestScore = s;
        best = a;
      }
    }
    // Scattered points give bins of Poisson counts, whose adjacent differences square to about
    // 2 × the points in all, at every angle; rows of text give many times that at one angle
    // only. A page of speckle has no direction: keep 0 rather than a random angle. Measured
    // against the median angle too, since subsampling lowers a real peak towards the floor.
    if (step === first && bestScore < 4 * points.xs.length && bestScore < 3 * median(scores, 0)) return 0;
    if (step <= precision + 1e-9) break;
    lo = Math.max(-maxAngle, best - step);
    hi = Math.min(maxAngle, best + step);
    step = Math.max(precision, step / 5);
  }
  return Number((Math.round(best / precision) * precision).toFixed(3)) || 0;
}

export function inkPoints(mask: InkMask): { xs: Int32Array; ys: Int32Array } {
  let n = 0;
  for (let i = 0; i < mask.data.length; i++) n += mask.data[i];
  // Subsample very inky pages: the profile's shape survives, the cost stays bounded.
  const stride = Math.max(1, Math.floor(n / 200_000));
  const xs = new Int32Array(Math.ceil(n / stride));
  const ys = new Int32Array(xs.length);
  let k = 0;
  let seen = 0;
  for (let y = 0; y < mask.height; y++) {
    const row = y * mask.width;
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[row + x] && seen++ % stride === 0 && k < xs.length) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
    }
  }
  return { xs: xs.subarray(0, k), ys: ys.subarray(0, k) };
}

function everyNth(xs: Int32Array, ys: Int32Array, n: number): { xs: Int32Array; ys: Int32Array } {
  const k = Math.ceil(xs.length / n);
  const out = { xs: new Int32Array(k), ys: new Int32Array(k) };
  for (let i = 0, j = 0; i < xs.length; i += n, j++) {
    out.xs[j] = xs[i];
    out.ys[j] = ys[i];
  }
  return out;
}

export function profileScore(xs: Int32Array, ys: Int32Array, width: number, height: number, deg: number): number {
  const t = (deg * Math.PI) / 180;
  const sin = Math.sin(t);
  const cos = Math.cos(t);
  const offset = Math.ceil(Math.abs(width * sin)) + 1;
  const bins = new Int32Array(height + 2 * offset + 2);
  // Content rotated clockwise by θ puts a text row on y·cosθ − x·sinθ = const. The offset keeps
  // every bin positive, so `| 0` after adding ½ rounds (cheaper than Math.round).
  const shift = offset + 0.5;
  for (let i = 0; i < xs.length; i++) bins[(ys[i] * cos - xs[i] * sin + shift) | 0]++;
  let score = 0;
  for (let i = 1; i < bins.length; i++) {
    const d = bins[i] - bins[i - 1];
    score += d * d;
  }
  return score;
}

/**
 * The image rotated by −angle around its centre, on a white background, cropped back to its
 * own size, so pixel coordinates keep meaning the same page positions (the corners that rotate
 * out are margin). sharp interpolates in grey, which keeps strokes smoother than rotating a
 * binarised page.
 */
export async function rotateGray(img: GrayImage, angle: number): Promise<GrayImage> {
  if (Math.abs(angle) < 0.01) return img;
  // The rotated canvas is larger (libvips rounds its size as here); its centre is the page again.
  // At worst the estimate is a pixel off, which shifts the page by a pixel and stays inside.
  const rad = (Math.abs(angle) * Math.PI) / 180;
  const rw = Math.round(img.width * Math.cos(rad) + img.height * Math.sin(rad));
  const rh = Math.round(img.width * Math.sin(rad) + img.height * Math.cos(rad));
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .rotate(-angle, { background: { r: 255, g: 255, b: 255 } })
    .extract({
      left: Math.max(0, Math.floor((rw - img.width) / 2)),
      top: Math.max(0, Math.floor((rh - img.height) / 2)),
      width: img.width,
      height: img.height,
    })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const out = rawGray(data, info).data;
  return { width: img.width, height: img.height, data: out };
}
