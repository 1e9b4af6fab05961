/**
 * The readers' resource limits (pages for every PDF; pixels and OCR time for scans). A scan is the one input whose cost is not bounded by its file
 * size (a 2 MB JPEG can decode to 200 megapixels, a 500-page fax is small on disk), so every
 * expensive step checks a limit first and fails with `limit.exceeded`, never by running out of
 * memory or time.
 */
import { KhclError } from '../errors.js';

/** The limits one OCR run checks; see {@link DEFAULT_OCR_LIMITS}. */
export interface OcrLimits {
  /** Pixels per page image, checked before decoding. Default 50 megapixels. */
  maxPixels: number;
  /** Pages per document, checked before any page is decoded. Default 500. */
  maxPages: number;
  /** Wall time of the OCR of one page, milliseconds. Default 120 s. */
  pageTimeoutMs: number;
}

/** 50 megapixels a page, 500 pages a document, 120 s of OCR a page. */
export const DEFAULT_OCR_LIMITS: Readonly<OcrLimits> = Object.freeze({
  maxPixels: 50_000_000,
  maxPages: 500,
  pageTimeoutMs: 120_000,
});

/** Defaults overridden by whichever limits the caller set. */
export function resolveLimits(partial: Partial<OcrLimits> = {}): OcrLimits {
  const out = { ...DEFAULT_OCR_LIMITS };
  for (const key of Object.keys(out) as (keyof OcrLimits)[]) {
    const v = partial[key];
    if (v !== undefined) {
      if (!(v > 0)) throw new KhclError('config.invalid', `${key} must be a positive number, got ${v}`);
      out[key] = v;
    }
  }
  return out;
}

/** Throws `limit.exceeded` naming the limit, the value and the maximum when value > max. */
export function checkLimit(which: string, value: number, max: number, unit = ''): void {
  if (value > max) throw limitExceeded(which, value, max, unit);
}

/** The `limit.exceeded` error: `<which limit>: <value> > <max>`, numbers kept in details. */
export function limitExceeded(which: string, value: number, max: number, unit = ''): KhclError {
  return new KhclError('limit.exceeded', `${which}: ${fmt(value)}${unit} > ${fmt(max)}${unit}`, {
    details: { limit: which, value, max },
  });
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(n < 1 ? 3 : 1)));
}
