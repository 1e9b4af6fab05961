/**
 * PDF pages → pixels: pdfjs (the copy pdf-parse ships, opened the one way khcl opens PDFs)
 * painting on @napi-rs/canvas (pdf-parse's own dependency, resolved from pdf-parse like pdfjs),
 * at a chosen resolution. No poppler, no ghostscript: CI has neither.
 */
import { createRequire } from 'node:module';
import { openPdf } from '../ingest/pdfjs.js';

interface CanvasModule {
  createCanvas(width: number, height: number): {
    width: number;
    height: number;
    getContext(kind: '2d'): {
      fillStyle: string;
      fillRect(x: number, y: number, w: number, h: number): void;
      getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
    };
  };
}

let canvasModule: CanvasModule | undefined;
function canvas(): CanvasModule {
  if (!canvasModule) {
    const fromHere = createRequire(import.meta.url);
    canvasModule = createRequire(fromHere.resolve('pdf-parse'))('@napi-rs/canvas') as CanvasModule;
  }
  return canvasModule;
}

/** A page's pixels: RGBA, row by row. */
export interface PageRaster {
  width: number;
  height: number;
  /** The page's size in points. */
  widthPt: number;
  heightPt: number;
  rgba: Uint8Array;
}

/** How many pages a PDF has. */
export async function pageCount(pdf: Uint8Array): Promise<number> {
  const { task } = await openPdf(pdf);
  const doc = await task.promise;
  try {
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

/** Render every page (1-based `pages`, default all) at `dpi(page)` and hand each to `each`, one at a time. */
export async function rasterPages(pdf: Uint8Array, dpi: (page: number) => number, each: (page: number, raster: PageRaster) => Promise<void>): Promise<number> {
  const { task } = await openPdf(pdf);
  const doc = await task.promise;
  try {
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const viewport = page.getViewport({ scale: dpi(n) / 72 });
      const c = canvas().createCanvas(Math.round(viewport.width), Math.round(viewport.height));
      const ctx = c.getContext('2d');
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, c.width, c.height);
      await page.render({ canvasContext: ctx as never, viewport, canvas: c as never }).promise;
      const rgba = new Uint8Array(ctx.getImageData(0, 0, c.width, c.height).data.buffer);
      page.cleanup();
      await each(n, { width: c.width, height: c.height, widthPt: base.width, heightPt: base.height, rgba });
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}
