/**
 * Scans → Layout: image-only PDFs, PDF pages without a text layer, and JPEG/PNG/TIFF images.
 *
 * Each page image is turned upright and to square pixels, straightened, its ruling lines found
 * and erased, OCR'd with tesseract.js (Vietnamese, LSTM, local data only) on a shared worker
 * pool, and rebuilt by the same table builder as text PDFs ({@link buildPage}), so a scanned
 * table and a digital one come out alike; tables are then stitched across pages.
 *
 * Call {@link shutdownOcr} when done to end the OCR workers (they also end after 30 s idle).
 */
import sharp from 'sharp';
import { KhclError } from '../errors.js';
import type { Layout, LayoutIssue, Page } from '../layout/layout.js';
import { stitchTables } from './geometry/stitch.js';
import { ocrPoolSize } from './ocr/engine.js';
import { resolveLimits, checkLimit, type OcrLimits } from './limits.js';
import { ocrPageImage, type OcrPage, type PageImageInput } from './ocr/page-ocr.js';
import { flatPagePhoto } from './ocr/page-quad.js';
import { forEachPdfPageImage, type PdfPageImage } from './ocr/pdf-images.js';
import { decodeGray, sourceSize, type DecodeOptions, type ImageSource } from './ocr/raster.js';

export { shutdownOcr } from './ocr/engine.js';
export { DEFAULT_OCR_LIMITS, type OcrLimits } from './limits.js';

/** The reader's options: the file's name for messages, and any limit to override. */
export interface ScanOptions extends Partial<OcrLimits> {
  /** Name used in error messages; never used to decide the format. */
  fileName?: string;
}

/** Below this resolution text is too small for tesseract's models: such pages are upscaled. */
const MIN_DPI = 150;
const TARGET_DPI = 200;

/** Read an image-only PDF by OCR. */
export async function ingestScan(bytes: Uint8Array, options: ScanOptions = {}): Promise<Layout> {
  const { pages, issues } = await ocrPdf(bytes, undefined, resolveLimits(options));
  return { source: { format: 'scan', reader: 'tesseract.js', paginated: true }, pages: stitchTables(pages), issues };
}

/**
 * OCR some pages of a PDF (1-based numbers), e.g. the pages of a mixed PDF that have no text
 * layer. The pages come back built but not stitched: stitch them with the text pages.
 */
export async function ocrPdfPages(bytes: Uint8Array, pageNumbers: readonly number[], options: ScanOptions = {}): Promise<Page[]> {
  return (await ocrPdf(bytes, pageNumbers, resolveLimits(options))).pages;
}

/**
 * A text-PDF layout with some pages (those without a text layer) replaced by their OCR, and
 * tables stitched again across the now complete page sequence. The source keeps its format and
 * names both readers.
 */
export async function withOcrPages(
  layout: Layout,
  bytes: Uint8Array,
  pageNumbers: readonly number[],
  options: ScanOptions = {},
): Promise<Layout> {
  if (pageNumbers.length === 0) return layout;
  const ocr = await ocrPdf(bytes, pageNumbers, resolveLimits(options));
  const byNumber = new Map(ocr.pages.map((p) => [p.number, p]));
  return {
    source: { ...layout.source, reader: `${layout.source.reader}+tesseract.js` },
    pages: stitchTables(layout.pages.map((p) => byNumber.get(p.number) ?? p)),
    issues: [...layout.issues, ...ocr.issues],
  };
}

/** Read a JPEG, PNG or TIFF (every page of a multi-page TIFF) by OCR. */
export async function ingestImage(bytes: Uint8Array, options: ScanOptions = {}): Promise<Layout> {
  const limits = resolveLimits(options);
  let count: number;
  try {
    count = (await sharp(bytes, { limitInputPixels: false }).metadata()).pages ?? 1;
  } catch (cause) {
    throw new KhclError('file.corrupt', 'not a readable image', { cause, file: options.fileName });
  }
  checkLimit('pages per document', count, limits.maxPages);
  const run = new PagePipeline(limits);
  for (let i = 0; i < count; i++) {
    const source = { kind: 'encoded' as const, bytes, page: i };
    await run.add(async () => {
      // A phone photo of a page on a desk: the page found, warped flat, at a scanner's resolution.
      const photo = await flatPagePhoto(source, limits.maxPixels);
      if (photo) {
        const ptPerPx = 72 / photo.dpi;
        const { image } = photo;
        return { number: i + 1, width: image.width * ptPerPx, height: image.height * ptPerPx, image, originX: 0, originY: 0, ptPerPx };
      }
      const { width, height, density, orientation } = await sharp(bytes, { page: i, limitInputPixels: false }).metadata();
      const [w, h] = orientation && orientation >= 5 ? [height!, width!] : [width!, height!];
      // Phone photos say 72 dpi whatever they show: trust only a scanner-like density, else
      // assume the picture is of an A4 page (the long side 11.7 in).
      const dpi = density && density >= 100 && density <= 1200 ? density : Math.min(600, Math.max(72, Math.max(w, h) / 11.69));
      return pageInput(i + 1, source, { width: w, height: h }, { x0: 0, y0: 0, x1: (w * 72) / dpi, y1: (h * 72) / dpi }, {}, limits);
    });
  }
  const { pages, issues } = await run.done();
  return { source: { format: 'image', reader: 'tesseract.js', paginated: true }, pages: stitchTables(pages), issues };
}

/** OCR the pages of a PDF (all when `pageNumbers` is undefined): built pages and their issues. */
async function ocrPdf(
  bytes: Uint8Array,
  pageNumbers: readonly number[] | undefined,
  limits: OcrLimits,
): Promise<{ pages: Page[]; issues: LayoutIssue[] }> {
  const run = new PagePipeline(limits);
  const skipped: LayoutIssue[] = [];
  await forEachPdfPageImage(bytes, pageNumbers, limits, async (p: PdfPageImage) => {
    if (!p.image) {
      skipped.push({
        code: 'scan.page_without_image',
        severity: 'warning',
        message: `page ${p.page} has neither a text layer nor a scanned image to read`,
        page: p.page,
      });
      return run.add(async () => ({ empty: { number: p.page, width: p.width, height: p.height, blocks: [] } }));
    }
    const { source, box, quarterTurns, mirror } = p.image;
    const size = await sourceSize(source);
    const upright = quarterTurns % 2 ? { width: size.height, height: size.width } : size;
    await run.add(async () => pageInput(p.page, source, upright, box, { quarterTurns, mirror }, limits, { width: p.width, height: p.height }));
  });
  const out = await run.done();
  return { pages: out.pages, issues: [...skipped, ...out.issues].sort((a, b) => (a.page ?? 0) - (b.page ?? 0)) };
}

type PageJob = () => Promise<PageImageInput | { empty: Page }>;
type PageResult = Pick<OcrPage, 'page' | 'issues'>;

/**
 * Decode the image upright with square pixels at ≥ 150 dpi, placed on the page box. Non-square
 * pixels (fax-style 200×100 dpi) and low resolutions are resampled here, once.
 */
async function pageInput(
  number: number,
  source: ImageSource,
  upright: { width: number; height: number },
  box: { x0: number; y0: number; x1: number; y1: number },
  turn: DecodeOptions,
  limits: OcrLimits,
  pageSize?: { width: number; height: number },
): Promise<PageImageInput> {
  const ptPerPxX = (box.x1 - box.x0) / upright.width;
  const ptPerPxY = (box.y1 - box.y0) / upright.height;
  let ptPerPx = ptPerPxX;
  let width = upright.width;
  let height = Math.abs(ptPerPxY - ptPerPxX) > 0.02 * ptPerPxX ? Math.round((box.y1 - box.y0) / ptPerPxX) : upright.height;
  const dpi = 72 / ptPerPx;
  if (dpi < MIN_DPI) {
    const k = Math.min(TARGET_DPI / dpi, Math.sqrt(limits.maxPixels / (width * height)));
    if (k > 1.05) {
      width = Math.round(width * k);
      height = Math.round(height * k);
      ptPerPx = (box.x1 - box.x0) / width;
    }
  }
  const resize = width !== upright.width || height !== upright.height ? { width, height } : {};
  const image = await decodeGray(source, limits.maxPixels, { ...turn, ...resize });
  return {
    number,
    width: pageSize?.width ?? box.x1,
    height: pageSize?.height ?? box.y1,
    image,
    originX: box.x0,
    originY: box.y0,
    ptPerPx,
  };
}

/**
 * Pages in flight: decoding and preparing the next page overlaps the OCR of the previous ones,
 * with at most one page per OCR worker plus one waiting, so memory stays a few pages' worth.
 */
class PagePipeline {
  private inFlight: Promise<PageResult>[] = [];
  private results: PageResult[] = [];

  constructor(private readonly limits: OcrLimits) {}

  async add(job: PageJob): Promise<void> {
    const task = job().then(
      (input): Promise<PageResult> =>
        'empty' in input ? Promise.resolve({ page: input.empty, issues: [] }) : ocrPageImage(input, this.limits.pageTimeoutMs),
    );
    task.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
    this.inFlight.push(task);
    if (this.inFlight.length > ocrPoolSize()) this.results.push(await this.inFlight.shift()!);
  }

  async done(): Promise<{ pages: Page[]; issues: LayoutIssue[] }> {
    this.results.push(...(await Promise.all(this.inFlight)));
    this.inFlight = [];
    const sorted = this.results.sort((a, b) => a.page.number - b.page.number);
    return { pages: sorted.map((r) => r.page), issues: sorted.flatMap((r) => r.issues) };
  }
}
