/**
 * The queue abstraction: BullMQ on Redis when REDIS_URL is set (several worker processes, jobs
 * survive a crash), an in-process queue otherwise (one process, nothing to install). Both honour
 * the same contract: job ids deduplicate pending work, retryable failures are retried with
 * exponential backoff, a {@link PermanentJobError} is never retried.
 */
import type { KhclError } from '../src/errors.js';
import type { Payloads, QueueName } from './payloads.js';

/** What a handler knows about the attempt it is running. */
export interface JobContext {
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
}

/** Runs one job; throws to fail it (retried unless the error is a {@link PermanentJobError}). */
export type Handler = (payload: unknown, ctx: JobContext) => Promise<void>;
export type Handlers = Record<QueueName, Handler>;

/** A failure that retrying cannot fix; already recorded on the document when thrown. */
export class PermanentJobError extends Error {
  override name = 'PermanentJobError';
  constructor(readonly cause: KhclError) {
    super(`${cause.code}: ${cause.message}`);
  }
}

export interface QueueDepth {
  waiting: number;
  active: number;
  delayed: number;
  failed: number;
}

export interface RetryPolicy {
  attempts: number;
  /** First retry delay; doubles with each attempt. */
  backoffMs: number;
}

/** A running set of workers on a queue. */
export interface WorkerHandle {
  /** Take no more jobs, let the running ones finish, then resolve. */
  close(): Promise<void>;
}

export interface JobQueue {
  readonly backend: 'bullmq' | 'memory';
  /** Queue a job; a job with the same id still waiting or running makes this a no-op. */
  add<N extends QueueName>(queue: N, payload: Payloads[N]): Promise<void>;
  /** Start processing both queues in this process. */
  work(handlers: Handlers, options: { concurrency: number }): WorkerHandle;
  depths(): Promise<Record<QueueName, QueueDepth>>;
  /** Resolve once nothing is waiting, running or scheduled for retry. */
  idle(options?: { pollMs?: number }): Promise<void>;
  close(): Promise<void>;
}
