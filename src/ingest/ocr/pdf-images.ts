/**
 * The page images of an image-only PDF. A scanner writes one image per page, painted over the
 * whole page; OCR needs that image at its own resolution, not a re-rendering. pdfjs (the copy
 * pdf-parse ships, a runtime dependency; pdf-lib is only a dev dependency) walks each page's
 * operator list and hands over the decoded pixels of every painted image, whatever its filter
 * (DCT, Flate, CCITT, JBIG2, JPX), with no canvas involved. The largest image on the page wins,
 * and its placement matrix says where it sits and which way up it is.
 *
 * Pages that are exactly one full-page JPEG skip pdfjs's decoding (see pdf-jpeg.ts).
 *
 * Rendering a page that is vector drawing rather than an image would need a canvas package, so
 * such a page yields no image (the caller reports it).
 */
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { KhclError } from '../../errors.js';
import { openPdf, type PdfjsModule } from '../pdfjs.js';
import { applyMatrix, IDENTITY, multiply, type Matrix } from '../geometry/paths.js';
import { checkLimit } from '../limits.js';
import { storedPageJpegs } from './pdf-jpeg.js';
import { message, type ImageSource } from './raster.js';


/** A page's image, and where it lands on the page (points, top-left origin). */
export interface PdfPageImage {
  page: number;
  /** Page size in points, as displayed (after /Rotate). */
  width: number;
  height: number;
  /** null: the page paints no image (blank, or vector-only). */
  image: null | {
    source: ImageSource;
    /** Placement of the image on the page, points. */
    box: { x0: number; y0: number; x1: number; y1: number };
    /** Clockwise quarter turns and mirror that make the pixels upright on the page. */
    quarterTurns: 0 | 1 | 2 | 3;
    mirror: boolean;
  };
}

/** The limits checked before any page image is decoded. */
export interface PdfImageOptions {
  maxPixels: number;
  maxPages: number;
}

/**
 * Open the PDF, check the page count, and call `each` on every requested page's image in page
 * order (one page's pixels in memory at a time). `pages` undefined means all pages.
 * `storedJpegs: false` turns the fast path off (tests compare the two).
 */
export async function forEachPdfPageImage(
  bytes: Uint8Array,
  pages: readonly number[] | undefined,
  limits: PdfImageOptions,
  each: (img: PdfPageImage) => Promise<void>,
  options: { storedJpegs?: boolean } = {},
): Promise<number> {
  // Image dictionaries are never inside object streams (streams cannot be), so their sizes are
  // readable from the raw bytes: an oversized image fails before pdfjs decodes it.
  for (const { width, height } of imageSizes(bytes)) checkLimit('pixels per page', width * height, limits.maxPixels);
  const stored = options.storedJpegs === false ? null : await storedPageJpegs(bytes);
  if (stored) {
    checkLimit('pages per document', stored.pageCount, limits.maxPages);
    const wanted = pages ?? Array.from({ length: stored.pageCount }, (_, i) => i + 1);
    if (wanted.every((n) => stored.pages.has(n))) {
      for (const n of wanted) await each(stored.pages.get(n)!);
      return stored.pageCount;
    }
  }
  const { pdfjs, task } = await openPdf(bytes, { maxImageSize: limits.maxPixels });
  try {
    const doc = await task.promise.catch((cause: unknown) => {
      const name = (cause as { name?: string } | null)?.name;
      if (name === 'PasswordException') throw new KhclError('file.encrypted', 'the PDF is password-protected', { cause });
      throw new KhclError('file.corrupt', `not a readable PDF (${message(cause)})`, { cause });
    });
    checkLimit('pages per document', doc.numPages, limits.maxPages);
    const wanted = pages ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const n of wanted) {
      if (n < 1 || n > doc.numPages) throw new KhclError('internal', `page ${n} is not in the document (1–${doc.numPages})`);
      const fast = stored?.pages.get(n);
      if (fast) {
        await each(fast);
        continue;
      }
      const page = await doc.getPage(n);
      try {
        await each(await pageImage(pdfjs, page, n));
      } finally {
        page.cleanup();
      }
    }
    return doc.numPages;
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

async function pageImage(pdfjs: PdfjsModule, page: Pdfjs.PDFPageProxy, n: number): Promise<PdfPageImage> {
  const viewport = page.getViewport({ scale: 1 });
  const out: PdfPageImage = { page: n, width: viewport.width, height: viewport.height, image: null };
  const ops = await page.getOperatorList();
  const { OPS } = pdfjs;
  let ctm: Matrix = IDENTITY;
  const stack: Matrix[] = [];
  let best: { name: string; m: Matrix; area: number; inline?: unknown } | null = null;
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save || fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const m = fn === OPS.paintFormXObjectBegin ? (args?.[0] as number[] | null) : null;
      if (m && m.length === 6) ctm = multiply(ctm, Array.from(m));
    } else if (fn === OPS.restore || fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform && args) ctm = multiply(ctm, args as number[]);
    else if (fn === OPS.paintImageXObject || fn === OPS.paintInlineImageXObject) {
      // An image fills the unit square of the current matrix.
      const m = multiply(viewport.transform, ctm);
      const area = Math.abs(m[0] * m[3] - m[1] * m[2]);
      if (!best || area > best.area) {
        best = fn === OPS.paintImageXObject ? { name: String(args?.[0]), m, area } : { name: '', m, area, inline: args?.[0] };
      }
    }
  }
  if (!best) return out;
  const obj = (best.inline ?? (await objectOf(page, best.name))) as DecodedImage | null;
  const source = obj ? toSource(pdfjs, obj) : null;
  if (!source) return out;
  // Image space: pixel row 0 is at the unit square's top (y = 1).
  const origin = applyMatrix(best.m, 0, 1);
  const uEnd = applyMatrix(best.m, 1, 1);
  const vEnd = applyMatrix(best.m, 0, 0);
  const corners = [origin, uEnd, vEnd, applyMatrix(best.m, 1, 0)];
  const box = {
    x0: Math.min(...corners.map((p) => p[0])),
    y0: Math.min(...corners.map((p) => p[1])),
    x1: Math.max(...corners.map((p) => p[0])),
    y1: Math.max(...corners.map((p) => p[1])),
  };
  const u = [uEnd[0] - origin[0], uEnd[1] - origin[1]];
  const v = [vEnd[0] - origin[0], vEnd[1] - origin[1]];
  // Which way the pixel rows run on the page: a quarter-turn count from the u axis, and a
  // mirror when u × v turns the wrong way (a flipped placement matrix).
  const quarterTurns = (((Math.round(Math.atan2(u[1], u[0]) / (Math.PI / 2)) % 4) + 4) % 4) as 0 | 1 | 2 | 3;
  const mirror = u[0] * v[1] - u[1] * v[0] < 0;
  out.image = { source, box, quarterTurns, mirror };
  return out;
}

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

/**
 * The decoded image behind an operator's name. An image used on several pages is cached
 * document-wide under a `g_` name in `commonObjs`; `has()` is no guide, being false until the
 * data arrives, and asking the wrong store waits forever.
 */
function objectOf(page: Pdfjs.PDFPageProxy, name: string): Promise<unknown> {
  const store = name.startsWith('g_') ? page.commonObjs : page.objs;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new KhclError('file.corrupt', `image ${name} of the PDF could not be decoded`)), 60_000);
    timer.unref();
    store.get(name, (data: unknown) => {
      clearTimeout(timer);
      resolve(data);
    });
  });
}

/** pdfjs's decoded image → raw pixels sharp can read. 1-bit images are unpacked to grey. */
function toSource(pdfjs: PdfjsModule, img: DecodedImage): ImageSource | null {
  const { width, height, kind, data } = img;
  if (!data || !width || !height) return null;
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (kind === pdfjs.ImageKind.RGBA_32BPP) return { kind: 'raw', data: bytes, width, height, channels: 4 };
  if (kind === pdfjs.ImageKind.RGB_24BPP) return { kind: 'raw', data: bytes, width, height, channels: 3 };
  if (kind === pdfjs.ImageKind.GRAYSCALE_1BPP) {
    // Rows padded to whole bytes, most significant bit first, 1 = white.
    const stride = Math.ceil(width / 8);
    const grey = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) grey[y * width + x] = bytes[y * stride + (x >> 3)] & (128 >> (x & 7)) ? 255 : 0;
    }
    return { kind: 'raw', data: grey, width, height, channels: 1 };
  }
  return null;
}

/** Width × height of every image XObject dictionary in the file's bytes. */
export function imageSizes(bytes: Uint8Array): { width: number; height: number }[] {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const out: { width: number; height: number }[] = [];
  const re = /\/Subtype\s*\/Image\b/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    // The dictionary around the match: back to its "obj", forward to "stream" (bounded).
    const start = Math.max(text.lastIndexOf(' obj', m.index), m.index - 4096);
    const end = text.indexOf('stream', m.index);
    if (end < 0 || end - m.index > 4096) continue;
    const dict = text.slice(start, end);
    const w = /\/Width\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict);
    const h = /\/Height\s+(\d+)\b(?!\s+\d+\s+R)/.exec(dict);
    if (w && h) out.push({ width: Number(w[1]), height: Number(h[1]) });
  }
  return out;
}
