/**
 * A worker process: take jobs until SIGTERM (or SIGINT), then finish the jobs in hand and stop.
 * With BullMQ it serves both queues until told to stop. With the in-process queue there is no
 * one to send it jobs, so it resumes what the store says is unfinished (an import that crashed)
 * and exits when that is done.
 */
import type { Config } from '../src/config.js';
import { unfinishedDocuments } from '../src/store/index.js';
import { jobHandlers } from './jobs.js';
import { openRuntime, type Runtime } from './runtime.js';

export interface WorkerRunOptions {
  concurrency?: number;
  /** Resolves when the worker should stop; defaults to the first SIGTERM or SIGINT. */
  stop?: Promise<unknown>;
  log?: (line: string) => void;
}

/** Run workers on the runtime's queue until stopped; resolves after the last job has finished. */
export async function runWorker(rt: Runtime, options: WorkerRunOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const concurrency = options.concurrency ?? rt.config.worker.concurrency;
  const handle = rt.queue.work(jobHandlers(rt.pipeline, rt.queue, rt.store.db), { concurrency });
  const stop = options.stop ?? stopSignal();

  if (rt.queue.backend === 'memory') {
    const left = await unfinishedDocuments(rt.store.db);
    log(`khcl worker: no REDIS_URL; resuming ${left.length} unfinished document(s) in this process`);
    for (const d of left) await rt.queue.add('khcl-ingest', { documentId: d.id, sha256: d.sha256, fileName: d.fileNames[0] });
    await Promise.race([rt.queue.idle(), stop]);
  } else {
    log(`khcl worker ${process.pid}: serving khcl-ingest and khcl-extract (concurrency ${concurrency}, prefix ${rt.config.queuePrefix})`);
    await stop;
    log(`khcl worker ${process.pid}: stopping after the jobs in hand`);
  }
  await handle.close();
}

/** The first SIGTERM or SIGINT; a second one is left to Node's default (exit at once). */
function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(sig);
    };
    process.once('SIGTERM', on);
    process.once('SIGINT', on);
  });
}

/** A whole worker process from a configuration: open, serve until stopped, close. */
export async function workerProcess(config: Config, options: WorkerRunOptions = {}): Promise<void> {
  const rt = await openRuntime(config);
  try {
    await runWorker(rt, options);
  } finally {
    await rt.close();
  }
}
