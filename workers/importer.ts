/**
 * Bulk import: every file under the given paths is stored by hash and registered, then queued.
 * Files already stored are skipped, so importing the same archive twice adds nothing. Progress
 * (done / failed) is read from the store, which knows it whichever process did the work.
 */
import type { ErrorCode } from '../src/errors.js';
import { collectSources } from '../src/pipeline/sources.js';
import { countByStatus, failedAmong, type DocumentStatus } from '../src/store/index.js';
import { jobHandlers } from './jobs.js';
import type { Runtime } from './runtime.js';

export interface ImportProgress {
  /** Files found so far (archive entries count one by one). */
  found: number;
  /** Handed to the queue. */
  queued: number;
  /** Queued files now stored. */
  done: number;
  /** Refused on arrival or failed in processing. */
  failed: number;
  /** Already stored (or failed for good) before this import. */
  skipped: number;
  /** Collection finished: `found` is the total. */
  collected: boolean;
}

export interface ImportFailure {
  name: string;
  code: ErrorCode | string;
  reason: string;
}

export interface ImportResult extends ImportProgress {
  failures: ImportFailure[];
  /** True when the import returned before the queued files were processed (BullMQ without --wait). */
  pending: boolean;
  /** Queued files neither stored nor failed when waiting gave up (0 unless jobs were lost). */
  unfinished: number;
}

export interface ImportOptions {
  /** Wait for queued files to be processed (always, with the in-process queue). */
  wait?: boolean;
  /** Process files that failed for good in an earlier import again. */
  retryFailed?: boolean;
  /** In-process worker concurrency. */
  concurrency?: number;
  onProgress?: (p: ImportProgress) => void;
  pollMs?: number;
}

/** Import files, directories and ZIP archives. */
export async function importPaths(rt: Runtime, paths: string[], options: ImportOptions = {}): Promise<ImportResult> {
  const p: ImportProgress = { found: 0, queued: 0, done: 0, failed: 0, skipped: 0, collected: false };
  const failures: ImportFailure[] = [];
  const queuedIds: number[] = [];
  const names = new Map<number, string>();
  let arrivalFailures = 0;
  const report = () => options.onProgress?.({ ...p });

  const inProcess = rt.queue.backend === 'memory';
  const worker = inProcess
    ? rt.queue.work(jobHandlers(rt.pipeline, rt.queue, rt.store.db), { concurrency: options.concurrency ?? rt.config.worker.concurrency })
    : undefined;
  const wait = inProcess || (options.wait ?? false);

  // Progress is polled from the store while files are still being collected and queued.
  let polling = true;
  let pollError: unknown;
  const refresh = async () => {
    const counts = await countAmong(rt, queuedIds);
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

  try {
    for await (const source of collectSources(paths, rt.config.limits)) {
      p.found++;
      if ('error' in source) {
        arrivalFailures++;
        p.failed++;
        failures.push({ name: source.name, code: source.error.code, reason: source.error.message });
        continue;
      }
      const a = await rt.pipeline.admit(source.bytes, { fileName: source.name, retryFailed: options.retryFailed });
      if (a.action === 'duplicate') p.skipped++;
      else if (a.action === 'failed') {
        arrivalFailures++;
        p.failed++;
        failures.push({ name: source.name, code: a.code, reason: a.reason });
      } else {
        await rt.queue.add('khcl-ingest', { documentId: a.document.id, sha256: a.document.sha256, fileName: source.name });
        queuedIds.push(a.document.id);
        names.set(a.document.id, source.name);
        p.queued++;
      }
      report();
    }
    p.collected = true;
    if (wait) await untilProcessed(rt, () => refresh(), queuedIds.length, options.pollMs ?? 500);
  } finally {
    polling = false;
    await poller;
    await worker?.close();
  }
  if (pollError) throw pollError;

  if (wait) failures.push(...(await processingFailures(rt, queuedIds, names)));
  report();
  const unfinished = wait ? p.queued - p.done - (p.failed - arrivalFailures) : 0;
  return { ...p, failures, pending: !wait && queuedIds.length > 0, unfinished };
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

async function processingFailures(rt: Runtime, ids: number[], names: Map<number, string>): Promise<ImportFailure[]> {
  const out: ImportFailure[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    for (const d of await failedAmong(rt.store.db, ids.slice(i, i + CHUNK))) {
      out.push({ name: names.get(d.id) ?? d.fileNames[0] ?? d.sha256, code: d.errorCode ?? 'internal', reason: d.error ?? '' });
    }
  }
  return out;
}
