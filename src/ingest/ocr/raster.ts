/**
 * Grey page rasters: decoding any page image into one 8-bit channel with sharp, and the few
 * pixel operations the OCR steps share (threshold, ink masks). Everything downstream works on a
 * plain `GrayImage` rather than sharp pipelines, so deskew and line finding are testable with
 * arrays built in a test.
 */
import sharp from 'sharp';
import { KhclError } from '../../errors.js';
import { checkLimit } from '../limits.js';

/** One 8-bit grey channel, row-major, 0 = black. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One bit per pixel stored as a byte: 1 = ink. Same layout as GrayImage. */
export interface InkMask {
  width: number;
  height: number;
  data: Uint8Array;
}

/** An encoded image (JPEG, PNG, TIFF…) or raw pixels, as it came out of the file. */
export type ImageSource =
  /** `orient: false` ignores EXIF orientation (a JPEG inside a PDF: viewers ignore it too). */
  | { kind: 'encoded'; bytes: Uint8Array; page?: number; orient?: boolean }
  | { kind: 'raw'; data: Uint8Array; width: number; height: number; channels: 1 | 2 | 3 | 4 };

/** Pixel size of the source without decoding it (header only), so the pixel limit runs first. */
export async function sourceSize(src: ImageSource): Promise<{ width: number; height: number }> {
  if (src.kind === 'raw') return { width: src.width, height: src.height };
  try {
    const meta = await sharp(src.bytes, { page: src.page ?? 0, limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) throw new Error('no image size in the header');
    return { width: meta.width, height: meta.height };
  } catch (cause) {
    throw new KhclError('file.corrupt', `unreadable page image (${message(cause)})`, { cause });
  }
}

/** How to turn and scale a decoded image before analysis. */
export interface DecodeOptions {
  /** Clockwise quarter turns (applied after the mirror). */
  quarterTurns?: 0 | 1 | 2 | 3;
  /** Mirror top to bottom. */
  mirror?: boolean;
  /** Final size in pixels (after turning); defaults to the turned size. */
  width?: number;
  height?: number;
  /** Divide out the paper's background (default true); false gives the grey as decoded. */
  flatten?: boolean;
}

/**
 * Decode to grey with the paper flattened to white (see {@link flattenBackground}), so one
 * threshold rule works for clean scans, grey photocopies and unevenly lit phone photos alike.
 * EXIF orientation is applied: phone photos are often stored sideways with a rotate tag.
 * Both the source and the requested size are checked against `maxPixels` before decoding.
 */
export async function decodeGray(src: ImageSource, maxPixels: number, options: DecodeOptions = {}): Promise<GrayImage> {
  const { width, height } = await sourceSize(src);
  checkLimit('pixels per page', width * height, maxPixels);
  if (options.width && options.height) checkLimit('pixels per page', options.width * options.height, maxPixels);
  try {
    let pipeline =
      src.kind === 'raw'
        ? sharp(src.data, { raw: { width: src.width, height: src.height, channels: src.channels } })
        : sharp(src.bytes, { page: src.page ?? 0, limitInputPixels: maxPixels });
    if (src.kind === 'encoded' && src.orient !== false) pipeline = pipeline.autoOrient();
    if (options.mirror) pipeline = pipeline.flip();
    if (options.quarterTurns) pipeline = pipeline.rotate(90 * options.quarterTurns);
    if (options.width && options.height) pipeline = pipeline.resize(options.width, options.height, { fit: 'fill' });
    const { data, info } = await pipeline
      .flatten({ background: '#ffffff' })
      .greyscale()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const gray = rawGray(data, info);
    return options.flatten === false ? gray : await flattenBackground(gray);
  } catch (cause) {
    if (cause instanceof KhclError) throw cause;
    throw new KhclError('file.corrupt', `unreadable page image (${message(cause)})`, { cause });
  }
}

/**
 * Divide out the paper: the background is estimated as a median over blocks of ~8×8 pixels
 * (text strokes are thinner than a block, so the median is paper), smoothed and scaled back up,
 * and every pixel becomes pixel / background. Paper turns white everywhere, ink keeps its
 * contrast. A global stretch (sharp's `normalise`) would instead stretch a near-blank page's
 * grain into black speckle, since its darkest percent is paper.
 */
export async function flattenBackground(img: GrayImage): Promise<GrayImage> {
  const bw = Math.max(1, Math.round(img.width / 8));
  const bh = Math.max(1, Math.round(img.height / 8));
  // A 7-block median; tiny images (icons, test patterns) get what window fits.
  const window = Math.min(7, Math.min(bw, bh) - (Math.min(bw, bh) % 2 === 0 ? 1 : 0));
  let shrunk = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } }).resize(bw, bh, { kernel: 'linear' });
  if (window >= 3) shrunk = shrunk.median(window);
  const small = await shrunk
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (small.info.channels !== 1) return img;
  return divideByBackground(img, rawGray(small.data, small.info));
}

/**
 * Every pixel divided by the background, read from the block grid with bilinear weights (block
 * centres as sample points), so no full-size background image is ever allocated.
 */
function divideByBackground(img: GrayImage, bg: GrayImage): GrayImage {
  const lut = divisionTable();
  const out = new Uint8Array(img.data.length);
  const { width, height } = img;
  const sx = bg.width / width;
  const sy = bg.height / height;
  // Per column: the two grid columns and the weight of the right one, in 1/256ths.
  const left = new Int32Array(width);
  const right = new Int32Array(width);
  const wx = new Int32Array(width);
  for (let x = 0; x < width; x++) {
    const g = Math.min(bg.width - 1, Math.max(0, (x + 0.5) * sx - 0.5));
    left[x] = Math.floor(g);
    right[x] = Math.min(bg.width - 1, left[x] + 1);
    wx[x] = Math.round((g - left[x]) * 256);
  }
  // Each grid row interpolated across the page once (not once per pixel row it covers).
  const across = Array.from({ length: bg.height }, (_, gy) => {
    const line = new Int32Array(width);
    const base = gy * bg.width;
    for (let x = 0; x < width; x++) line[x] = bg.data[base + left[x]] * (256 - wx[x]) + bg.data[base + right[x]] * wx[x];
    return line;
  });
  const data = img.data;
  for (let y = 0; y < height; y++) {
    const g = Math.min(bg.height - 1, Math.max(0, (y + 0.5) * sy - 0.5));
    const upper = across[Math.floor(g)];
    const lower = across[Math.min(bg.height - 1, Math.floor(g) + 1)];
    const wy = Math.round((g - Math.floor(g)) * 256);
    const row = y * width;
    for (let x = 0; x < width; x++) {
      const b = (upper[x] * (256 - wy) + lower[x] * wy + 32768) >> 16;
      out[row + x] = lut[(b << 8) | data[row + x]];
    }
  }
  return { width, height, data: out };
}

let division: Uint8Array | undefined;

/** grey × 255 / background for every (background, grey) pair, looked up instead of divided. */
function divisionTable(): Uint8Array {
  if (division) return division;
  division = new Uint8Array(65536);
  for (let b = 0; b < 256; b++) {
    for (let g = 0; g < 256; g++) {
      // A background darker than 64 is a black border or a photo's dark surround, not paper:
      // leave it as it is.
      division[(b << 8) | g] = b < 64 ? g : Math.min(255, Math.round((g * 255) / b));
    }
  }
  return division;
}

/** Otsu's threshold over the grey histogram: the level best separating ink from paper. */
export function otsuThreshold(img: GrayImage): number {
  const hist = new Uint32Array(256);
  const data = img.data;
  for (let i = 0; i < data.length; i++) hist[data[i]]++;
  const total = img.data.length;
  let sumAll = 0;
  for (let t = 0; t < 256; t++) sumAll += t * hist[t];
  let sumB = 0;
  let wB = 0;
  let best = 0;
  let bestT = 127;
  for (let t = 0; t < 256; t++) {
    wB += hist[t];
    if (wB === 0) continue;
    const wF = total - wB;
    if (wF === 0) break;
    sumB += t * hist[t];
    const mB = sumB / wB;
    const mF = (sumAll - sumB) / wF;
    const between = wB * wF * (mB - mF) * (mB - mF);
    if (between > best) {
      best = between;
      bestT = t;
    }
  }
  return bestT;
}

/**
 * Ink where grey ≤ threshold. On a blank page Otsu splits paper grain from paper, so the
 * threshold is capped: on flattened paper (255) nothing paler than 215 counts as ink. The cap
 * stays high because a blurred photo's rules are pale grey, not black.
 */
export function inkMask(img: GrayImage, threshold = Math.min(otsuThreshold(img), 215)): InkMask {
  const out = new Uint8Array(img.data.length);
  const data = img.data;
  const ink = new Uint8Array(256);
  for (let g = 0; g <= Math.min(255, threshold); g++) ink[g] = 1;
  for (let i = 0; i < out.length; i++) out[i] = ink[data[i]];
  return { width: img.width, height: img.height, data: out };
}

/** A grey image shrunk (never enlarged) so its longer side is at most maxSide, for fast analysis. */
export async function shrink(img: GrayImage, maxSide: number): Promise<GrayImage> {
  const scale = Math.min(1, maxSide / Math.max(img.width, img.height));
  if (scale >= 1) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(Math.max(1, Math.round(img.width * scale)), Math.max(1, Math.round(img.height * scale)), { kernel: 'linear' })
    .greyscale() // else libvips hands back sRGB, three bytes a pixel
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rawGray(data, info);
}

/** A grey image enlarged `factor` times (small glyphs, such as a comma between digits, read better bigger). */
export async function enlarge(img: GrayImage, factor: number): Promise<GrayImage> {
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .resize(Math.round(img.width * factor), Math.round(img.height * factor), { kernel: 'cubic' })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rawGray(data, info);
}

/** A grey image turned by clockwise quarter turns. */
export async function turnGray(img: GrayImage, quarterTurns: number): Promise<GrayImage> {
  if (quarterTurns % 4 === 0) return img;
  const { data, info } = await sharp(img.data, { raw: { width: img.width, height: img.height, channels: 1 } })
    .rotate(90 * (quarterTurns % 4))
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return rawGray(data, info);
}

/** sharp's raw output as a GrayImage, insisting on one channel. */
export function rawGray(data: Buffer, info: { width: number; height: number; channels: number }): GrayImage {
  if (info.channels !== 1) throw new Error(`expected 1 channel, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/**
 * A grey image as a binary PGM (P5). Leptonica inside tesseract reads PNM directly, so handing
 * it a PGM costs a header instead of a PNG encode and decode of a 4-megapixel page.
 */
export function toPgm(img: GrayImage): Buffer {
  const header = Buffer.from(`P5\n${img.width} ${img.height}\n255\n`, 'latin1');
  return Buffer.concat([header, img.data]);
}

/** A rectangle of a grey image, copied. */
export function crop(img: GrayImage, x0: number, y0: number, x1: number, y1: number): GrayImage {
  const left = Math.max(0, Math.floor(x0));
  const top = Math.max(0, Math.floor(y0));
  const width = Math.max(1, Math.min(img.width, Math.ceil(x1)) - left);
  const height = Math.max(1, Math.min(img.height, Math.ceil(y1)) - top);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const from = (top + y) * img.width + left;
    out.set(img.data.subarray(from, from + width), y * width);
  }
  return { width, height, data: out };
}

/** The first line of an error's message, capped, for wrapping it in a KhclError. */
export function message(cause: unknown): string {
  return (cause instanceof Error ? cause.message : String(cause)).split('\n')[0].slice(0, 200);
}
