/**
 * A spec in every format the corpus offers: DOCX, a text PDF (Chromium), a scan of that PDF
 * (image-only PDF, one grey JPEG per page, like the fixtures' .scan.pdf) and a phone photo of a
 * page (JPEG). Degradations are drawn from the spec's seed, so a seed gives the same files.
 * Binders: several specs in one PDF and its scan, with each document's page range in the gold.
 */
import { PDFDocument } from 'pdf-lib';
import { docxBlocks, documentBlocks } from './blocks.js';
import { PdfPrinter } from './browser.js';
import { photographPage, randomPhotoDegradation, randomScanDegradation, scanPage, type PhotoDegradation, type ScanDegradation } from './degrade.js';
import { documentDocx } from './docx.js';
import { goldOf, type Gold } from './gold.js';
import { documentHtml } from './html.js';
import { Rng, mixSeed } from './random.js';
import { rasterPages } from './raster.js';
import type { DocSpec } from './spec.js';

export type CorpusFormat = 'docx' | 'doc' | 'pdf' | 'scan' | 'photo';
export const CORPUS_FORMATS: readonly CorpusFormat[] = ['docx', 'doc', 'pdf', 'scan', 'photo'];
/** The file name of each format: `<id>.<suffix>`. */
export const FORMAT_SUFFIX: Record<CorpusFormat, string> = { docx: 'docx', doc: 'doc', pdf: 'pdf', scan: 'scan.pdf', photo: 'photo.jpg' };

export interface ScanPageRecord extends ScanDegradation {
  page: number;
}

export interface RenderedDocument {
  docx?: Uint8Array;
  pdf?: Uint8Array;
  pdfPages?: number;
  scan?: { bytes: Uint8Array; pages: ScanPageRecord[] };
  photo?: { bytes: Uint8Array; page: number; degradation: PhotoDegradation };
  /** Why a requested format was not made (a photo of a document longer than one page). */
  skipped?: Partial<Record<CorpusFormat, string>>;
}

/** Shared between documents of a run: one Chromium. */
export interface RenderContext {
  printer?: PdfPrinter;
}

async function withPrinter<T>(ctx: RenderContext, use: (p: PdfPrinter) => Promise<T>): Promise<T> {
  if (ctx.printer) return use(ctx.printer);
  const printer = await PdfPrinter.launch();
  try {
    return await use(printer);
  } finally {
    await printer.close();
  }
}

/** The text PDF of a spec. */
export async function renderPdf(spec: DocSpec, ctx: RenderContext = {}): Promise<Uint8Array> {
  return withPrinter(ctx, (p) => p.print(documentHtml(documentBlocks(spec), spec.layout)));
}

/** An image-only PDF of a PDF's pages, each degraded as a scanner would; `seed` draws the degradations. */
export async function scanPdf(pdf: Uint8Array, seed: number): Promise<{ bytes: Uint8Array; pages: ScanPageRecord[] }> {
  const rng = new Rng(mixSeed(seed, 'scan'));
  const dpi = rng.int(150, 300);
  const out = await PDFDocument.create();
  const pages: ScanPageRecord[] = [];
  await rasterPages(pdf, () => dpi, async (page, raster) => {
    const d = randomScanDegradation(rng, dpi);
    const { jpeg, width, height } = await scanPage(raster, d, rng.fork(page));
    const image = await out.embedJpg(jpeg);
    const p = out.addPage([(width * 72) / dpi, (height * 72) / dpi]);
    p.drawImage(image, { x: 0, y: 0, width: p.getWidth(), height: p.getHeight() });
    pages.push({ page, ...d });
  });
  return { bytes: await out.save(), pages };
}

/** A phone photo of one page of a PDF. */
export async function photographPdf(pdf: Uint8Array, page: number, seed: number): Promise<{ bytes: Uint8Array; page: number; degradation: PhotoDegradation }> {
  const rng = new Rng(mixSeed(seed, 'photo'));
  let result: { bytes: Uint8Array; page: number; degradation: PhotoDegradation } | undefined;
  await rasterPages(pdf, () => 200, async (n, raster) => {
    if (n !== page) return;
    const degradation = randomPhotoDegradation(rng, raster.widthPt > raster.heightPt);
    result = { bytes: await photographPage(raster, degradation, rng.fork('pixels')), page, degradation };
  });
  if (!result) throw new Error(`the PDF has no page ${page}`);
  return result;
}

/** Render a spec in the formats asked for. A photo is made only of a one-page document (its gold is the whole document). */
export async function renderDocument(spec: DocSpec, formats: readonly CorpusFormat[], ctx: RenderContext = {}): Promise<RenderedDocument> {
  const out: RenderedDocument = {};
  // A legacy .doc is the DOCX saved by LibreOffice (see build.ts): the DOCX is rendered for it too.
  if (formats.includes('docx') || formats.includes('doc')) out.docx = await documentDocx(docxBlocks(spec), spec.layout);
  const needsPdf = formats.some((f) => f !== 'docx' && f !== 'doc');
  if (!needsPdf) return out;
  const pdf = await renderPdf(spec, ctx);
  const pages = (await PDFDocument.load(pdf)).getPageCount();
  if (formats.includes('pdf')) out.pdf = pdf;
  out.pdfPages = pages;
  if (formats.includes('scan')) out.scan = await scanPdf(pdf, spec.seed);
  if (formats.includes('photo')) {
    if (pages === 1) out.photo = await photographPdf(pdf, 1, spec.seed);
    else out.skipped = { photo: `${pages} pages: a photo is made of one-page documents only` };
  }
  return out;
}

export interface BinderGold extends Gold {
  /** The document's pages in the binder, 1-based, both included. */
  pages: [number, number];
}

export interface RenderedBinder {
  pdf: Uint8Array;
  scan?: { bytes: Uint8Array; pages: ScanPageRecord[] };
  gold: BinderGold[];
  pageCount: number;
}

/**
 * Several documents in ONE PDF (and, with `scan`, its scan), in the order given, with a blank
 * page between documents when `blankSeparators` is set: what a school archive scanned a binder
 * at a time looks like. The gold is one expected document per spec with its page range.
 */
export async function renderBinder(
  specs: readonly DocSpec[],
  options: { blankSeparators?: boolean; scan?: boolean; seed?: number } = {},
  ctx: RenderContext = {},
): Promise<RenderedBinder> {
  const binder = await PDFDocument.create();
  const gold: BinderGold[] = [];
  await withPrinter(ctx, async (printer) => {
    for (const [i, spec] of specs.entries()) {
      if (i > 0 && options.blankSeparators) binder.addPage([595.28, 841.89]); // an A4 sheet left blank
      const source = await PDFDocument.load(await renderPdf(spec, { printer }));
      const first = binder.getPageCount() + 1;
      for (const page of await binder.copyPages(source, source.getPageIndices())) binder.addPage(page);
      gold.push({ ...goldOf(spec), pages: [first, binder.getPageCount()] });
    }
  });
  const pdf = await binder.save();
  const result: RenderedBinder = { pdf, gold, pageCount: binder.getPageCount() };
  if (options.scan) result.scan = await scanPdf(pdf, options.seed ?? specs[0]?.seed ?? 0);
  return result;
}
