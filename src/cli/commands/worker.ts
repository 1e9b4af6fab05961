/**
 * `khcl worker [--concurrency N]`: serve the khcl-ingest and khcl-extract queues until SIGTERM,
 * then finish the jobs in hand and exit. Without REDIS_URL, resumes unfinished documents and exits.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { workerProcess } from '../../../workers/run-worker.js';

/** Register `khcl worker`. */
export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('process queued documents (BullMQ on REDIS_URL) until SIGTERM')
    .option('--concurrency <n>', 'jobs run at once per queue (default KHCL_WORKER_CONCURRENCY or 2)', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
      return n;
    })
    .action(async (opts: { concurrency?: number }) => {
      await workerProcess(loadConfig(), { concurrency: opts.concurrency });
    });
}
