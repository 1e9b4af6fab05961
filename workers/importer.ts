/**
 * Bulk import: every file under the given paths is recognised, stored by hash and registered, then
 * queued. Progress (done / failed) is read from the store, which knows it whichever process did
 * the work.
 *
 * Every name found is one line of the result ({@link ImportedFile}): stored, failed (with the
 * reason), skipped (its content is a document stored before, or the same as another name of this
 * import: `sameAs`), or passed over (by its name not a document: src/pipeline/zip.ts). The counts
 * are counts of those lines, so they add up to `found`. A document that failed in an earlier
 * import is processed again (`retried`): the readers or the rules may have improved since.
 */
import type { ErrorCode } from '../src/errors.js';
import { collectSources } from '../src/pipeline/sources.js';
import { binderDocumentsOf, countByStatus, failedAmong, statusesOf, type BinderDocument, type DocumentStatus } from '../src/store/index.js';
import { jobHandlers } from './jobs.js';
import type { Runtime } from './runtime.js';

export interface ImportProgress {
  /** Files found so far (archive entries count one by one). */
  found: number;
  /** Handed to the queue (one per document: names with the same content are queued once). */
  queued: number;
  /** Names whose document is stored by this import. */
  done: number;
  /** Refused on arrival or failed in processing. */
  failed: number;
  /** Stored before this import, or the same content as another name of it. */
  skipped: number;
  /** Not documents by their name (notes, gold JSON, lock files): not read. */
  passedOver: number;
  /** Collection finished: `found` is the total. */
  collected: boolean;
}

/** What became of one name. */
export type FileStatus = 'stored' | 'failed' | 'skipped' | 'passed-over' | 'queued' | 'unfinished';

export interface ImportedFile {
  name: string;
  status: FileStatus;
  documentId?: number;
  /** skipped: the name of this import with the same content (absent: stored before this import). */
  sameAs?: string;
  /** This document had failed in an earlier import, and this one tried it again. */
  retried?: { code: string; reason: string };
  code?: ErrorCode | string;
  reason?: string;
  /** stored: a file that holds several documents (a binder) gives one entry per document, with its page range. */
  documents?: BinderDocument[];
}

export interface ImportFailure {
  name: string;
  code: ErrorCode | string;
  reason: string;
}

export interface ImportResult extends ImportProgress {
  /** One line per name found, in the order found. */
  files: ImportedFile[];
  /** The failed lines, for printing. */
  failures: ImportFailure[];
  /** Documents that had failed before and were tried again. */
  retried: number;
  /** True when the import returned before the queued files were processed (BullMQ without --wait). */
  pending: boolean;
  /** Names neither stored nor failed when waiting gave up (0 unless jobs were lost). */
  unfinished: number;
  /** Documents the stored files hold: more than `done` when some files are binders of several. */
  documents: number;
}

export interface ImportOptions {
  /** Wait for queued files to be processed (always, with the in-process queue). */
  wait?: boolean;
  /** In-process worker concurrency. */
  concurrency?: number;
  onProgress?: (p: ImportProgress) => void;
  pollMs?: number;
}

/** Import files, directories and ZIP archives. */
export async function importPaths(rt: Runtime, paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const p: ImportProgress = { found: 0, queued: 0, done: 0, failed: 0, skipped: 0, passedOver: 0, collected: false };
  const files: ImportedFile[] = [];
  /** Document id → the line of the name that queued it (later names with its content point there). */
  const queuedBy = new Map<number, number>();
  let arrivalFailures = 0;
  const report = () => options.onProgress?.({ ...p });

  const inProcess = rt.queue.backend === 'memory';
  const worker = inProcess
    ? rt.queue.work(jobHandlers(rt.pipeline, rt.queue, rt.store.db), { concurrency: options.concurrency ?? rt.config.worker.concurrency })
    : undefined;
  const wait = inProcess || (options.wait ?? false);
  const queuedIds = () => [...queuedBy.keys()];

  // Progress is polled from the store while files are still being collected and queued.
  let polling = true;
  let pollError: unknown;
  const refresh = async () => {
    const counts = await countAmong(rt, queuedIds());
    p.done = counts.stored;
    p.failed = arrivalFailures + counts.failed;
    report();
    return counts.stored + counts.failed;
  };
  const poller = (async () => {
    while (polling && wait && !pollError) {
      await sleep(options.pollMs ?? 500);
      if (polling) await refresh().catch((e: unknown) => (pollError = e));
    }
  })();

  const refuse = (name: string, code: string, reason: string) => {
    arrivalFailures++;
    p.failed++;
    files.push({ name, status: 'failed', code, reason });
  };

  try {
    for await (const source of collectSources(paths, rt.config.limits)) {
      p.found++;
      if ('passedOver' in source) {
        p.passedOver++;
        files.push({ name: source.name, status: 'passed-over', reason: source.passedOver });
      } else if ('error' in source) {
        refuse(source.name, source.error.code, source.error.message);
      } else {
        const a = await rt.pipeline.admit(source.bytes, { fileName: source.name });
        if (a.action === 'refused') refuse(source.name, a.code, a.reason);
        else {
          const id = a.document.id;
          const first = queuedBy.get(id);
          if (first !== undefined) {
            // The same content as a name of this import (queued, or stored by now).
            p.skipped++;
            files.push({ name: source.name, status: 'skipped', documentId: id, sameAs: files[first].name });
          } else if (a.action === 'duplicate') {
            p.skipped++;
            files.push({ name: source.name, status: 'skipped', documentId: id });
          } else {
            await rt.queue.add('khcl-ingest', { documentId: id, sha256: a.document.sha256, fileName: source.name });
            queuedBy.set(id, files.length);
            files.push({ name: source.name, status: 'queued', documentId: id, ...(a.retried ? { retried: a.retried } : {}) });
            p.queued++;
          }
        }
      }
      report();
    }
    p.collected = true;
    if (wait) await untilProcessed(rt, () => refresh(), queuedBy.size, options.pollMs ?? 500);
  } finally {
    polling = false;
    await poller;
    await worker?.close();
  }
  if (pollError) throw pollError;

  if (wait) await settle(rt, files, queuedBy);
  const count = (s: FileStatus) => files.filter((f) => f.status === s).length;
  const result: ImportResult = {
    found: files.length,
    queued: queuedBy.size,
    done: count('stored'),
    failed: count('failed'),
    skipped: count('skipped'),
    passedOver: count('passed-over'),
    collected: true,
    files,
    failures: files.filter((f) => f.status === 'failed').map((f) => ({ name: f.name, code: f.code ?? 'internal', reason: f.reason ?? '' })),
    retried: files.filter((f) => f.retried).length,
    pending: !wait && queuedBy.size > 0,
    unfinished: count('unfinished'),
    documents: files.reduce((n, f) => n + (f.status !== 'stored' ? 0 : (f.documents?.length ?? 1)), 0),
  };
  options.onProgress?.(result);
  return result;
}

/**
 * Each queued name as its document ended: stored, failed with the reason, or unfinished (a job
 * lost). A name with the same content as one of them ends the same way when that one did not
 * store it (as a skip it would hide that its content is not in the store).
 */
async function settle(rt: Runtime, files: ImportedFile[], queuedBy: Map<number, number>): Promise<void> {
  const ids = [...queuedBy.keys()];
  const status = new Map<number, DocumentStatus>();
  const failure = new Map<number, { code: string; reason: string }>();
  const binders = new Map<number, BinderDocument[]>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = ids.slice(i, i + CHUNK);
    for (const [id, s] of await statusesOf(rt.store.db, part)) status.set(id, s);
    for (const d of await failedAmong(rt.store.db, part)) failure.set(d.id, { code: d.errorCode ?? 'internal', reason: d.error ?? '' });
    for (const [id, docs] of await binderDocumentsOf(rt.store.db, part)) binders.set(id, docs);
  }
  for (const f of files) {
    if (f.documentId === undefined || !(f.status === 'queued' || f.sameAs)) continue;
    const s = status.get(f.documentId);
    const ended: FileStatus = s === 'stored' ? 'stored' : s === 'failed' ? 'failed' : 'unfinished';
    if (f.sameAs) {
      if (ended === 'stored') continue;
      f.status = ended;
      f.code = failure.get(f.documentId)?.code;
      f.reason = `the same content as ${f.sameAs}${ended === 'failed' ? `, which failed: ${failure.get(f.documentId)?.reason ?? ''}` : ', not processed yet'}`;
      continue;
    }
    f.status = ended;
    if (ended === 'failed') Object.assign(f, failure.get(f.documentId));
    if (ended === 'stored' && binders.has(f.documentId)) f.documents = binders.get(f.documentId);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Wait until every queued document is stored or failed. Stops early, rather than hang, when the
 * queue has been empty for a while yet documents are unfinished (a job lost to a crash loop).
 */
async function untilProcessed(rt: Runtime, finished: () => Promise<number>, total: number, pollMs: number): Promise<void> {
  if (rt.queue.backend === 'memory') {
    await rt.queue.idle();
    await finished();
    return;
  }
  let emptyPolls = 0;
  while ((await finished()) < total) {
    const depths = Object.values(await rt.queue.depths());
    emptyPolls = depths.every((d) => d.waiting + d.active + d.delayed === 0) ? emptyPolls + 1 : 0;
    if (emptyPolls >= 10) return;
    await sleep(pollMs);
  }
}

const CHUNK = 5_000; // ids per query: far below PostgreSQL's bind-parameter limit

async function countAmong(rt: Runtime, ids: number[]): Promise<Record<DocumentStatus, number>> {
  const total: Record<DocumentStatus, number> = { queued: 0, ingesting: 0, extracting: 0, stored: 0, failed: 0 };
  for (let i = 0; i < ids.length; i += CHUNK) {
    const part = await countByStatus(rt.store.db, ids.slice(i, i + CHUNK));
    for (const k of Object.keys(total) as DocumentStatus[]) total[k] += part[k];
  }
  return total;
}
