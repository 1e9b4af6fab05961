/**
 * An upright grey page image → what OCR and the table builder need: the page straightened, its
 * ruling lines as segments in page points, and the image tesseract will read (rules erased,
 * margins cropped), or the verdict that the page is blank.
 */
import type { RulingSegment } from '../geometry/types.js';
import { ANALYSIS_SIDE, rotateGray, skewOfMask } from './deskew.js';
import { detectOrientation } from './orient.js';
import { crop, inkMask, shrink, toPgm, turnGray, type GrayImage, type InkMask } from './raster.js';
import { eraseRulings, findRulings } from './rulings.js';
import { toPoints, type PixelFrame } from './words.js';

/** A page ready for OCR: turned upright, straightened, its rules found and erased, cropped. */
export interface PreparedPage {
  /** Clockwise quarter turns applied to stand the page up (0 for a page the right way up). */
  quarterTurns: number;
  /** How clearly the ink said which way is up (see {@link detectOrientation}); 1 when it did not. */
  upRatio: number;
  /** Size of the upright image, pixels (the input's, swapped after an odd number of turns). */
  width: number;
  height: number;
  /** Skew found and removed, degrees clockwise. */
  skew: number;
  /** Rules of the straightened page, points. */
  segments: RulingSegment[];
  /** Maps the OCR image's pixels to page points. */
  frame: PixelFrame;
  /** The whole straightened page with its rules erased, and its own frame (for cell crops). */
  erased: GrayImage;
  pageFrame: PixelFrame;
  dpi: number;
  /** The image to OCR (binary PGM), or null when the page holds no ink besides rules. */
  ocrImage: Buffer | null;
}

/**
 * Turn upright, straighten, find rules, erase them, crop to the ink. `origin` and `ptPerPx`
 * place the (uncropped, upright) image on the page.
 */
export async function preparePage(
  img: GrayImage,
  place: { originX: number; originY: number; ptPerPx: number },
  extraTurns: 0 | 2 = 0,
): Promise<PreparedPage> {
  const dpi = 72 / place.ptPerPx;
  let small = await shrink(img, ANALYSIS_SIDE);
  let smallMask = inkMask(small);
  const found = detectOrientation(smallMask, (dpi * small.width) / img.width);
  const quarterTurns = ((found.quarterTurns + extraTurns) % 4) as 0 | 1 | 2 | 3;
  if (quarterTurns) {
    img = await turnGray(img, quarterTurns);
    small = await shrink(img, ANALYSIS_SIDE);
    smallMask = inkMask(small);
  }
  const skew = skewOfMask(smallMask);
  const straight = await rotateGray(img, skew);
  const size = { quarterTurns, upRatio: found.upRatio, width: img.width, height: img.height };
  // A turned image is a new page: it fills it, from the top-left corner.
  if (quarterTurns) place = { originX: 0, originY: 0, ptPerPx: place.ptPerPx };
  const mask = inkMask(straight);
  const { horizontal, vertical } = findRulings(mask, { dpi });
  const rules = [...horizontal, ...vertical];
  const frame0: PixelFrame = { ...place, offsetX: 0, offsetY: 0 };
  const segments = rules.map((r) => {
    const [x0, y0] = toPoints(frame0, r.x0, r.y0);
    const [x1, y1] = toPoints(frame0, r.x1, r.y1);
    return { x0, y0, x1, y1 };
  });
  const erased = eraseRulings(straight, rules, 2);
  if (solidInk(erased, 180) < 100 * (dpi / 200) ** 2) {
    return { ...size, skew, segments, frame: frame0, erased, pageFrame: frame0, dpi, ocrImage: null };
  }
  const box = inkBox(mask, Math.round(0.15 * dpi));
  const cropped = box ? crop(erased, box.x0, box.y0, box.x1, box.y1) : erased;
  const frame: PixelFrame = { ...place, offsetX: box?.x0 ?? 0, offsetY: box?.y0 ?? 0 };
  return { ...size, skew, segments, frame, erased, pageFrame: frame0, dpi, ocrImage: toPgm(cropped) };
}

/**
 * Ink pixels (grey ≤ `threshold`) whose right and lower neighbours are ink too: letters have
 * plenty, the isolated specks of a blank scanned sheet have almost none.
 */
function solidInk(img: GrayImage, threshold: number): number {
  const { width, height, data } = img;
  let n = 0;
  for (let y = 0; y + 1 < height; y++) {
    const row = y * width;
    for (let x = 0; x + 1 < width; x++) {
      if (data[row + x] <= threshold && data[row + x + 1] <= threshold && data[row + width + x] <= threshold) n++;
    }
  }
  return n;
}

/**
 * The rectangle holding the page's ink, padded; null when cropping would save little. Rows and
 * columns with a single ink pixel (speckle) do not count.
 */
function inkBox(mask: InkMask, pad: number): { x0: number; y0: number; x1: number; y1: number } | null {
  const { width, height, data } = mask;
  const rows = new Uint32Array(height);
  const cols = new Uint32Array(width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x]) {
        rows[y]++;
        cols[x]++;
      }
    }
  }
  const first = (a: Uint32Array) => a.findIndex((v) => v > 1);
  const last = (a: Uint32Array) => a.length - 1 - [...a].reverse().findIndex((v) => v > 1);
  const y0 = first(rows);
  const x0 = first(cols);
  if (y0 < 0 || x0 < 0) return null;
  const box = {
    x0: Math.max(0, x0 - pad),
    y0: Math.max(0, y0 - pad),
    x1: Math.min(width, last(cols) + 1 + pad),
    y1: Math.min(height, last(rows) + 1 + pad),
  };
  const kept = ((box.x1 - box.x0) * (box.y1 - box.y0)) / (width * height);
  return kept < 0.9 ? box : null;
}
