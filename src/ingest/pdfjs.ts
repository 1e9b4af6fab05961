/**
 * The one way khcl opens a PDF with pdfjs: the text reader and the OCR reader both use it.
 * The pdfjs-dist is pdf-parse's own (the version it was built and tested against), resolved from
 * pdf-parse's location rather than whatever happens to be hoisted, and loaded once.
 */
import { createRequire, register } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { NATIVE_PUSH } from './native-push.js';

export type PdfjsModule = typeof Pdfjs;

let pdfjsPromise: Promise<PdfjsModule> | undefined;
let pdfjsRoot: string | undefined;

export function loadPdfjs(): Promise<PdfjsModule> {
  pdfjsPromise ??= withoutSourceMaps(async () => {
    const fromHere = createRequire(import.meta.url);
    const fromPdfParse = createRequire(fromHere.resolve('pdf-parse'));
    const entry = fromPdfParse.resolve('pdfjs-dist/legacy/build/pdf.mjs');
    pdfjsRoot = join(dirname(entry), '..', '..');
    loadAsNodeWould(dirname(entry));
    const pdfjs = (await import(pathToFileURL(entry).href)) as PdfjsModule;
    // In Node pdfjs runs its "worker" in this thread, importing it on first use unless
    // globalThis.pdfjsWorker already holds it: import it here, inside the same window.
    const g = globalThis as { pdfjsWorker?: unknown };
    g.pdfjsWorker ??= await import(pathToFileURL(join(dirname(entry), 'pdf.worker.mjs')).href);
    // The legacy build's core-js replaces Array.prototype.push, for every array in the process, when
    // V8 is older than 12.2 (Node 20) over an edge case no code here meets (a 2^32 length, a frozen
    // length): the polyfill made every push three times slower, a tenth of a PDF's reading time and
    // more of the extraction after it. The engine's own push does what pdfjs needs.
    Object.defineProperty(Array.prototype, 'push', NATIVE_PUSH);
    return pdfjs;
  });
  return pdfjsPromise;
}

/**
 * Have Node load pdfjs's files itself. tsx (khcl runs without a build step) passes every ES module
 * through its loader, which rewrites pdfjs's dynamic imports and keeps the rewritten 3 MB, with an
 * inline source map, in two threads: some 300 MB of memory for a library that needs no
 * transform at all. A hook registered later runs first, so this one answers for pdfjs's folder
 * and hands every other file on unchanged. Where no other loader is registered (vitest, plain
 * Node) it changes nothing.
 */
function loadAsNodeWould(folder: string): void {
  register(pathToFileURL(join(import.meta.dirname, 'pdfjs-load-hook.mjs')), {
    data: { folder: `${pathToFileURL(folder).href}/` },
  });
}

/**
 * Run `load` with Node's source maps off. tsx (which runs khcl without a build step) turns them
 * on and gives every module it loads an inline map; Node keeps a module's map when source maps
 * are on as it loads, and parses it the first time a stack trace passes through the module.
 * pdfjs's two files carry 9 MB of map that parse into ~200 MB of heap held for the life of the
 * process (every scanned PDF makes such a stack trace), for stack traces into pdfjs that nobody
 * reads. Only modules loaded meanwhile lose their maps; khcl's own keep theirs.
 */
async function withoutSourceMaps<T>(load: () => Promise<T>): Promise<T> {
  const enabled = process.sourceMapsEnabled;
  process.setSourceMapsEnabled(false);
  try {
    return await load();
  } finally {
    process.setSourceMapsEnabled(enabled);
  }
}

/**
 * Options for reading text and rules only, never drawing: fonts are not turned into glyph paths.
 * In Node pdfjs defaults to `disableFontFace`, which has it compile and post an outline for
 * every glyph shown (for a canvas to draw them without font loading), a fifth of a text PDF's
 * reading time for outlines nobody draws. With font faces on it hands each font to the document's
 * font loader instead; this document keeps none. Not for rendering pages (src/corpus/raster.ts).
 */
export const TEXT_ONLY: Record<string, unknown> = {
  disableFontFace: false,
  ownerDocument: {
    createElement: () => ({ sheet: { cssRules: [], insertRule: () => 0 }, remove: () => undefined }),
    documentElement: { getElementsByTagName: () => [{ append: () => undefined }] },
  },
};

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
