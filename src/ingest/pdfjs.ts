/**
 * The one way khcl opens a PDF with pdfjs: the text reader and the OCR reader both use it.
 * The pdfjs-dist is pdf-parse's own (the version it was built and tested against), resolved from
 * pdf-parse's location rather than whatever happens to be hoisted, and loaded once.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';

export type PdfjsModule = typeof Pdfjs;

let pdfjsPromise: Promise<PdfjsModule> | undefined;
let pdfjsRoot: string | undefined;

export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= (async () => {
    const fromHere = createRequire(import.meta.url);
    const fromPdfParse = createRequire(fromHere.resolve('pdf-parse'));
    const entry = fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjsRoot = join(dirname(entry), '..', '..');
    return (await import(pathToFileURL(entry).href)) as PdfjsModule;
  })();
  return pdfjsPromise;
}

/**
 * Start loading a document: quiet, no eval, no system fonts or network, character maps from the
 * local pdfjs-dist. `extra` adds options (e.g. `maxImageSize`).
 */
export async function openPdf(bytes: Uint8Array, extra: Record<string, unknown> = {}) {
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // A copy: pdfjs transfers (detaches) the buffer it is given, and the caller keeps its bytes.
    data: new Uint8Array(bytes),
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    cMapUrl: `${join(pdfjsRoot!, 'cmaps')}/`,
    cMapPacked: true,
    ...extra,
  });
  return { pdfjs, task };
}
