/**
 * One file, no store: read → ingest → extract. What `khcl extract` and the eval run.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { KhclError, toKhclError } from '../errors.js';
import { describeRange, extractDocument, extractDocuments, type Extraction, type Segment } from '../extract/index.js';
import { ingest, releaseReaders } from '../ingest/registry.js';

export { releaseReaders };
import type { Layout } from '../layout/layout.js';

export interface FileExtraction extends Extraction {
  source: { file: string; sha256: string; format: Layout['source']['format']; reader: string };
}

/** Read a file from disk; a missing path or a directory is a KhclError naming it. */
export async function readDocumentFile(path: string): Promise<Uint8Array> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new KhclError('file.unsupported', 'not a file', { file: path });
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new KhclError('file.not_found', 'no such file', { file: path });
    throw toKhclError(e, path);
  }
}

/** Ingest and extract bytes; errors name the file. */
export async function extractBytes(bytes: Uint8Array, file: string): Promise<FileExtraction> {
  const layout = await ingest(bytes, { fileName: file });
  try {
    const extraction = extractDocument(layout);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { source: { file, sha256, format: layout.source.format, reader: layout.source.reader }, ...extraction };
  } catch (e) {
    throw toKhclError(e, file);
  }
}

export async function extractFile(path: string): Promise<FileExtraction> {
  return extractBytes(await readDocumentFile(path), path);
}

/**
 * Ingest and extract every document of the bytes (a binder of plans and reports gives several,
 * each with its `segment` and page range); errors name the file.
 */
export async function extractBytesDocuments(bytes: Uint8Array, file: string): Promise<FileExtraction[]> {
  const layout = await ingest(bytes, { fileName: file });
  try {
    const extractions = extractDocuments(layout);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return extractions.map((extraction) => ({ source: { file, sha256, format: layout.source.format, reader: layout.source.reader }, ...extraction }));
  } catch (e) {
    throw toKhclError(e, file);
  }
}

export async function extractFileDocuments(path: string): Promise<FileExtraction[]> {
  return extractBytesDocuments(await readDocumentFile(path), path);
}

/**
 * What a person is told about a file that holds several documents:
 * "binder.pdf → 3 documents (pages 1–4, 5–6, 7–9)"; null for a file of one document.
 */
export function describeDocuments(file: string, segments: readonly (Segment | null | undefined)[]): string | null {
  const known = segments.filter((s): s is Segment => s != null);
  if (known.length <= 1) return null;
  const ranges = known.map((s) => describeRange(s).replace(/^(pages?|blocks) /, ''));
  const unit = known.every((s) => s.pages) ? 'pages' : 'blocks';
  return `${file} → ${known.length} documents (${unit} ${ranges.join(', ')})`;
}
