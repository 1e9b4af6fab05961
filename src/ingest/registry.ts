/**
 * The routing table: detected media kind → the one reader for it. A new format is a reader file
 * and one line here; nothing downstream changes. Readers load lazily, so reading a DOCX never
 * loads the PDF or OCR engines.
 */
import { KhclError, toKhclError } from '../errors.js';
import type { Layout } from '../layout/layout.js';
import { detectMedia, type MediaKind } from './detect.js';
// Loaded with the routing table, not with the PDF reader: see native-push.ts.
import './native-push.js';

export interface IngestOptions {
  /** Name used in error messages; never used to decide the format. */
  fileName?: string;
}

type Reader = (bytes: Uint8Array, options: IngestOptions) => Promise<Layout>;

const READERS: Partial<Record<MediaKind, () => Promise<Reader>>> = {
  docx: async () => (await import('./docx.js')).ingestDocx,
  pdf: async () => readPdf,
  doc: async () => (await import('./doc.js')).ingestDoc,
  image: async () => (await loadScan()).ingestImage,
};

let scanLoaded = false;

/** The OCR reader, loaded on first need (it starts a tesseract worker pool). */
async function loadScan() {
  scanLoaded = true;
  return import('./scan.js');
}

/** Stop what readers keep running (the OCR worker pool), so a finished process can exit at once. */
export async function releaseReaders(): Promise<void> {
  if (scanLoaded) await (await import('./scan.js')).shutdownOcr();
}

/** A PDF: its text layer, OCR for the pages without one (every page of a scanned PDF). */
async function readPdf(bytes: Uint8Array, options: IngestOptions): Promise<Layout> {
  const { ingestPdf, PAGE_WITHOUT_TEXT } = await import('./pdf.js');
  const layout = await ingestPdf(bytes, options).catch((e: unknown) => {
    if (e instanceof KhclError && e.code === 'scan.no_text') return null;
    throw e;
  });
  if (!layout) return (await loadScan()).ingestScan(bytes, options);
  const missing = layout.issues.filter((i) => i.code === PAGE_WITHOUT_TEXT && i.page).map((i) => i.page!);
  if (missing.length === 0) return layout;
  const issues = layout.issues.filter((i) => i.code !== PAGE_WITHOUT_TEXT);
  return (await loadScan()).withOcrPages({ ...layout, issues }, bytes, missing, options);
}

/** Any supported file's bytes → Layout. Errors are KhclErrors naming the file. */
export async function ingest(bytes: Uint8Array, options: IngestOptions = {}): Promise<Layout> {
  try {
    const { kind } = detectMedia(bytes);
    if (kind === 'zip') throw new KhclError('file.unsupported', 'a ZIP archive, not a document (import it to unpack it)');
    const load = READERS[kind];
    if (!load) throw new KhclError('file.unsupported', `${kind.toUpperCase()} files are not supported yet`);
    const read = await load();
    return await read(bytes, options);
  } catch (e) {
    throw toKhclError(e, options.fileName);
  }
}
