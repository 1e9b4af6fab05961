/**
 * What a scanner or a phone does to a page, seeded: the resolution, a tilt of up to ±2°, blur,
 * grain and speckles, uneven lighting, JPEG compression, now and then a page fed in sideways or
 * upside down; and for phone photos a perspective skew, a soft shadow, a colour cast and a margin
 * of desk around the page. Pixel work is plain loops over raw buffers (seeded, so reproducible);
 * rotation, blur and JPEG are sharp's.
 */
import sharp from 'sharp';
import type { Rng } from './random.js';
import type { PageRaster } from './raster.js';

export interface ScanDegradation {
  dpi: number;
  tiltDeg: number;
  blurSigma: number;
  /** Amplitude of per-pixel grain, grey levels. */
  grain: number;
  /** Dark specks per megapixel. */
  speckles: number;
  /** Darkening from one side of the page to the other (0 = even). */
  lighting: number;
  lightingAngleDeg: number;
  jpegQuality: number;
  /** Clockwise quarter turn the page was scanned at (0 upright, 90 sideways, 180 upside down). */
  rotation: 0 | 90 | 180 | 270;
}

export interface PhotoDegradation {
  width: number;
  height: number;
  /** Share of the frame's shorter side the page takes. */
  fill: number;
  rotateDeg: number;
  /** Largest corner displacement of the perspective, as a share of the page's width. */
  skew: number;
  shadow: number;
  shadowAngleDeg: number;
  blurSigma: number;
  jpegQuality: number;
  desk: [number, number, number];
}

/** A scanner's settings for one document (dpi) and one page (the rest). */
export function randomScanDegradation(rng: Rng, dpi: number): ScanDegradation {
  const r = rng.next();
  return {
    dpi,
    tiltDeg: Math.round(rng.float(-2, 2) * 100) / 100,
    blurSigma: rng.chance(0.5) ? Math.round(rng.float(0.3, 1.1) * 100) / 100 : 0,
    grain: rng.chance(0.6) ? rng.int(4, 18) : 0,
    speckles: rng.chance(0.5) ? rng.int(20, 300) : 0,
    lighting: rng.chance(0.5) ? Math.round(rng.float(0.05, 0.3) * 100) / 100 : 0,
    lightingAngleDeg: rng.int(0, 359),
    jpegQuality: rng.int(40, 85),
    rotation: r < 0.03 ? 90 : r < 0.05 ? 180 : r < 0.06 ? 270 : 0,
  };
}

export function randomPhotoDegradation(rng: Rng, landscape: boolean): PhotoDegradation {
  const long = rng.pick([3000, 3264, 4000]);
  const short = Math.round((long * 3) / 4);
  const desks: [number, number, number][] = [
    [148, 108, 70],
    [120, 120, 126],
    [62, 56, 50],
    [196, 190, 178],
    [90, 70, 52],
  ];
  return {
    width: landscape ? long : short,
    height: landscape ? short : long,
    fill: Math.round(rng.float(0.8, 0.92) * 100) / 100,
    rotateDeg: Math.round(rng.float(-4, 4) * 10) / 10,
    skew: Math.round(rng.float(0.015, 0.05) * 1000) / 1000,
    shadow: Math.round(rng.float(0.15, 0.45) * 100) / 100,
    shadowAngleDeg: rng.int(0, 359),
    blurSigma: Math.round(rng.float(0.4, 1.2) * 100) / 100,
    jpegQuality: rng.int(60, 88),
    desk: rng.pick(desks),
  };
}

/** A scanned page: grey JPEG bytes and its size in pixels. */
export async function scanPage(raster: PageRaster, d: ScanDegradation, rng: Rng): Promise<{ jpeg: Uint8Array; width: number; height: number }> {
  const { width: w, height: h, rgba } = raster;
  const grey = new Uint8Array(w * h);
  const paper = 244 + rng.int(0, 11);
  const angle = (d.lightingAngleDeg * Math.PI) / 180;
  const cx = Math.cos(angle);
  const cy = Math.sin(angle);
  const span = Math.abs(cx) * w + Math.abs(cy) * h;
  const offset = Math.min(0, cx * w) + Math.min(0, cy * h);
  for (let y = 0, i = 0; y < h; y++) {
    for (let x = 0; x < w; x++, i++) {
      const lum = (rgba[i * 4] * 299 + rgba[i * 4 + 1] * 587 + rgba[i * 4 + 2] * 114) / 1000;
      const t = (cx * x + cy * y - offset) / span;
      let v = (lum * paper) / 255;
      if (d.lighting) v *= 1 - d.lighting * t;
      if (d.grain) v += (rng.next() - 0.5) * 2 * d.grain;
      grey[i] = v < 0 ? 0 : v > 255 ? 255 : v;
    }
  }
  const specks = Math.round((d.speckles * w * h) / 1e6);
  for (let k = 0; k < specks; k++) {
    const x = rng.int(1, w - 2);
    const y = rng.int(1, h - 2);
    const v = rng.int(0, 90);
    grey[y * w + x] = v;
    if (rng.chance(0.4)) grey[y * w + x + 1] = v;
    if (rng.chance(0.4)) grey[(y + 1) * w + x] = v;
  }
  let img = sharp(grey, { raw: { width: w, height: h, channels: 1 } });
  if (d.tiltDeg) {
    // Rotate, then cut the page back to its size around the centre (a scanner's bed does not grow).
    const rotated = await img.rotate(d.tiltDeg, { background: { r: paper, g: paper, b: paper } }).raw().toBuffer({ resolveWithObject: true });
    const { width: rw, height: rh, channels } = rotated.info;
    img = sharp(rotated.data, { raw: { width: rw, height: rh, channels } }).extract({
      left: Math.floor((rw - w) / 2),
      top: Math.floor((rh - h) / 2),
      width: w,
      height: h,
    });
  }
  if (d.blurSigma >= 0.3) img = img.blur(d.blurSigma);
  if (d.rotation) {
    // Through raw pixels with the size and channels sharp reports: the tilt's background colour
    // makes the image three-channel, and read back as one channel it became three ghost copies.
    const flat = await img.raw().toBuffer({ resolveWithObject: true });
    const { width, height, channels } = flat.info;
    img = sharp(flat.data, { raw: { width, height, channels } }).rotate(d.rotation);
  }
  const out = await img.toColourspace('b-w').jpeg({ quality: d.jpegQuality }).toBuffer({ resolveWithObject: true });
  return { jpeg: new Uint8Array(out.data), width: out.info.width, height: out.info.height };
}

/** Solve the 8 unknowns of the homography taking points `from[i]` to `to[i]` (four pairs). */
function homography(from: [number, number][], to: [number, number][]): number[] {
  const a: number[][] = [];
  for (let i = 0; i < 4; i++) {
    const [x, y] = from[i];
    const [u, v] = to[i];
    a.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    a.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
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

/** A phone photo of the page: colour JPEG bytes. */
export async function photographPage(raster: PageRaster, d: PhotoDegradation, rng: Rng): Promise<Uint8Array> {
  const { width: pw, height: ph, rgba } = raster;
  const W = d.width;
  const H = d.height;
  // Where the page's corners land: fitted, rotated, then each corner pushed a little (perspective).
  const scale = Math.min((W * d.fill) / pw, (H * d.fill) / ph);
  const cx = W / 2 + rng.float(-0.03, 0.03) * W;
  const cy = H / 2 + rng.float(-0.03, 0.03) * H;
  const rot = (d.rotateDeg * Math.PI) / 180;
  const corners: [number, number][] = [
    [0, 0],
    [pw, 0],
    [pw, ph],
    [0, ph],
  ];
  const quad = corners.map(([x, y]): [number, number] => {
    const dx = (x - pw / 2) * scale;
    const dy = (y - ph / 2) * scale;
    const jitter = d.skew * pw * scale;
    return [cx + dx * Math.cos(rot) - dy * Math.sin(rot) + rng.float(-jitter, jitter), cy + dx * Math.sin(rot) + dy * Math.cos(rot) + rng.float(-jitter, jitter)];
  });
  const [a, b, c, e, f, g, h0, i0] = homography(quad, corners);
  const out = new Uint8Array(W * H * 3);
  const sa = (d.shadowAngleDeg * Math.PI) / 180;
  const sx = Math.cos(sa) / W;
  const sy = Math.sin(sa) / H;
  const edge = rng.float(0.15, 0.45);
  const [dr, dg, db] = d.desk;
  const clamp = (v: number) => (v < 0 ? 0 : v > 255 ? 255 : v);
  for (let y = 0, o = 0; y < H; y++) {
    const ry = y / H - 0.5;
    for (let x = 0; x < W; x++, o += 3) {
      const den = h0 * x + i0 * y + 1;
      const u = (a * x + b * y + c) / den;
      const v = (e * x + f * y + g) / den;
      let r: number;
      let gr: number;
      let bl: number;
      if (u >= 0 && v >= 0 && u < pw - 1 && v < ph - 1) {
        // Bilinear sample of the page, with a warm cast (indoor light).
        const x0 = u | 0;
        const y0 = v | 0;
        const fx = u - x0;
        const fy = v - y0;
        const p = (y0 * pw + x0) * 4;
        const q = p + pw * 4;
        const w00 = (1 - fx) * (1 - fy);
        const w01 = fx * (1 - fy);
        const w10 = (1 - fx) * fy;
        const w11 = fx * fy;
        r = rgba[p] * w00 + rgba[p + 4] * w01 + rgba[q] * w10 + rgba[q + 4] * w11;
        gr = (rgba[p + 1] * w00 + rgba[p + 5] * w01 + rgba[q + 1] * w10 + rgba[q + 5] * w11) * 0.975;
        bl = (rgba[p + 2] * w00 + rgba[p + 6] * w01 + rgba[q + 2] * w10 + rgba[q + 6] * w11) * 0.92;
      } else {
        const wave = 1 + 0.06 * Math.sin(x / 97 + y / 211) + 0.04 * Math.sin(y / 53);
        const n = ((x * 7919 + y * 104729) % 17) - 8;
        r = dr * wave + n;
        gr = dg * wave + n;
        bl = db * wave + n;
      }
      // A soft shadow across one side (a hand or the phone), and darker corners (vignetting).
      const t = ((x - W / 2) * sx + ry * sy * H + 0.5 - edge) / 0.06;
      const rx = x / W - 0.5;
      const light = (1 - d.shadow / (1 + Math.exp(t))) * (1 - 0.35 * (rx * rx + ry * ry));
      out[o] = clamp(r * light);
      out[o + 1] = clamp(gr * light);
      out[o + 2] = clamp(bl * light);
    }
  }
  const jpeg = await sharp(out, { raw: { width: W, height: H, channels: 3 } }).blur(d.blurSigma).jpeg({ quality: d.jpegQuality }).toBuffer();
  return new Uint8Array(jpeg);
}
