/**
 * The routing table: detected media kind → the one reader for it. A new format is a reader file
 * and one line here; nothing downstream changes. Readers load lazily, so reading a DOCX never
 * loads the PDF or OCR engines.
 */
import { KhclError, toKhclError } from '../errors.js';
import type { Layout } from '../layout/layout.js';
import { detectMedia, type MediaKind } from './detect.js';

export interface IngestOptions {
  /** Name used in error messages; never used to decide the format. */
  fileName?: string;
}

type Reader = (bytes: Uint8Array, options: IngestOptions) => Promise<Layout>;

const READERS: Partial<Record<MediaKind, () => Promise<Reader>>> = {
  docx: async () => (await import('./docx.js')).ingestDocx,
  pdf: async () => (await import('./pdf.js')).ingestPdf,
  doc: async () => (await import('./doc.js')).ingestDoc,
};

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
