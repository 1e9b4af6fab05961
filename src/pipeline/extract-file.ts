/**
 * One file, no store: read → ingest → extract. What `khcl extract` and the eval run.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { KhclError, toKhclError } from '../errors.js';
import { extractDocument, extractDocuments, type Extraction } from '../extract/index.js';
export { describeDocuments } from '../extract/segment-text.js';
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
