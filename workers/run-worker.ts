/**
 * A worker process: take jobs until SIGTERM (or SIGINT), then finish the jobs in hand and stop.
 * With BullMQ it serves both queues until told to stop. With the in-process queue there is no
 * one to send it jobs, so it resumes what the store says is unfinished (an import that crashed)
 * and exits when that is done.
 */
import type { Config } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { releaseReaders } from '../src/pipeline/extract-file.js';
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

/**
 * The postgres driver can throw a lost-connection error outside any promise when the server
 * restarts (porsager/postgres#1154, #1208): the job in hand fails on its own and is retried by the
 * queue, so the process stays up instead of dying. Anything else uncaught still ends the process.
 */
function surviveDatabaseRestarts(log: (line: string) => void): () => void {
  const handler = (e: unknown) => {
    const code = (e as { code?: unknown } | null)?.code;
    if (typeof code === 'string' && /^(CONNECTION_(CLOSED|ENDED|DESTROYED)|ECONNREFUSED|ECONNRESET|EPIPE|57P01|57P03)$/.test(code)) {
      log(`khcl worker ${process.pid}: database connection lost (${code}); the jobs in hand will be retried`);
      return;
    }
    log(`khcl worker ${process.pid}: ${describeError(e)}`);
    process.exit(1);
  };
  process.on('uncaughtException', handler);
  return () => process.off('uncaughtException', handler);
}

/** A whole worker process from a configuration: open, serve until stopped, close. */
export async function workerProcess(config: Config, options: WorkerRunOptions = {}): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const release = surviveDatabaseRestarts(log);
  const rt = await openRuntime(config);
  try {
    await runWorker(rt, options);
  } finally {
    await rt.close();
    await releaseReaders();
    release();
  }
}
