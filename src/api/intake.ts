/**
 * Uploaded bytes into the store, the way `khcl import` takes a file (workers/importer.ts): a ZIP is
 * opened with the same guards (src/pipeline/zip.ts), each file is admitted by the pipeline (hash,
 * blob, register, sniff) and queued for the workers' `khcl-ingest`. Nothing here reads or extracts
 * a document: the pipeline and the queue do.
 */
import type { Limits } from '../config.js';
import type { Pipeline } from '../pipeline/index.js';
import { isArchive, newBudget, zipEntries, type Source } from '../pipeline/zip.js';
import type { JobQueue } from '../../workers/queue.js';

/** What became of one uploaded file (or one file inside an uploaded archive). */
export type UploadOutcome =
  | { name: string; status: 'queued'; documentId: number; sha256: string }
  | { name: string; status: 'duplicate'; documentId: number; sha256: string; documentStatus: string }
  | { name: string; status: 'failed'; documentId: number | null; code: string; reason: string };

/** What intake needs: the pipeline to admit, the queue to hand documents to, the archive limits. */
export interface IntakeDeps {
  pipeline: Pipeline;
  queue: JobQueue;
  limits: Limits;
}

/**
 * A client's file name as a store name: the last path segment only (a browser may send
 * "C:\\fakepath\\x.docx"), no control characters, at most 200 characters.
 */
export function uploadName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').normalize('NFC').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

async function* sourcesOf(bytes: Uint8Array, name: string, limits: Limits): AsyncGenerator<Source> {
  if (isArchive(bytes)) yield* zipEntries({ bytes }, name, limits, newBudget(limits));
  else yield { name, bytes };
}

/** Admit and queue one upload; one outcome per document it holds. */
export async function intake(deps: IntakeDeps, bytes: Uint8Array, rawName: string | undefined): Promise<UploadOutcome[]> {
  const out: UploadOutcome[] = [];
  for await (const source of sourcesOf(bytes, uploadName(rawName), deps.limits)) {
    if ('error' in source) {
      out.push({ name: source.name, status: 'failed', documentId: null, code: source.error.code, reason: source.error.message });
      continue;
    }
    const a = await deps.pipeline.admit(source.bytes, { fileName: source.name });
    const { id, sha256, status } = a.document;
    if (a.action === 'duplicate') out.push({ name: source.name, status: 'duplicate', documentId: id, sha256, documentStatus: status });
    else if (a.action === 'failed') out.push({ name: source.name, status: 'failed', documentId: id, code: a.code, reason: a.reason });
    else {
      await deps.queue.add('khcl-ingest', { documentId: id, sha256, fileName: source.name });
      out.push({ name: source.name, status: 'queued', documentId: id, sha256 });
    }
  }
  return out;
}
