/**
 * The queue on Redis through BullMQ: `khcl-ingest` (file reading, OCR-heavy) and `khcl-extract`.
 * Jobs survive a crashed worker: its lock expires after `lockMs` and another worker takes the job
 * over. Retries back off exponentially; a permanent failure is thrown as BullMQ's
 * UnrecoverableError so it is not retried.
 */
import { Queue, UnrecoverableError, Worker, type ConnectionOptions, type Job } from 'bullmq';
import { KhclError } from '../src/errors.js';
import { jobIdOf, QUEUE_NAMES, type Payloads, type QueueName } from './payloads.js';
import { PermanentJobError, type Handlers, type JobQueue, type QueueDepth, type RetryPolicy, type WorkerHandle } from './queue.js';

/** Where and how the BullMQ queues run. */
export interface BullOptions extends RetryPolicy {
  url: string;
  /** Key prefix: separates installations and test runs sharing one Redis. */
  prefix: string;
  /** How long a silent worker keeps its job before the job is handed to another. */
  lockMs: number;
}

/** The {@link JobQueue} on Redis: both queues, producers and workers. Open it with {@link BullQueue.connect}. */
export class BullQueue implements JobQueue {
  readonly backend = 'bullmq' as const;
  private readonly connection: ConnectionOptions;
  private readonly queues: Record<QueueName, Queue>;

  constructor(private readonly opts: BullOptions) {
    // BullMQ requires maxRetriesPerRequest: null for its blocking connections.
    this.connection = { url: opts.url, maxRetriesPerRequest: null };
    this.queues = Object.fromEntries(
      QUEUE_NAMES.map((name) => [name, new Queue(name, { connection: this.connection, prefix: opts.prefix })]),
    ) as Record<QueueName, Queue>;
    for (const q of Object.values(this.queues)) q.on('error', () => {}); // surfaced by the next call instead
  }

  /**
   * Connect, failing fast with `queue.unavailable` when Redis does not answer: BullMQ itself
   * would wait for Redis forever, which is right for a worker but not for `khcl import`.
   */
  static async connect(opts: BullOptions): Promise<BullQueue> {
    const { Redis } = await import('ioredis');
    const probe = new Redis(opts.url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => {});
    try {
      await probe.connect();
      await probe.ping();
    } catch (e) {
      throw new KhclError('queue.unavailable', `the queue (Redis at ${redact(opts.url)}) is not reachable`, { cause: e });
    } finally {
      probe.disconnect();
    }
    return new BullQueue(opts);
  }

  async add<N extends QueueName>(name: N, payload: Payloads[N]): Promise<void> {
    const queue = this.queues[name];
    const jobId = jobIdOf(name, payload);
    try {
      // A finished job with this id would swallow the new one: BullMQ keeps ids of kept jobs.
      // Whether the work is still needed was decided before queueing (the store knows), so a
      // finished job is cleared; a waiting or running one is left alone (no double processing).
      const existing = await queue.getJob(jobId);
      if (existing) {
        const state = await existing.getState();
        if (state !== 'completed' && state !== 'failed') return;
        await existing.remove().catch(() => {});
      }
      await queue.add(name, payload, {
        jobId,
        attempts: this.opts.attempts,
        backoff: { type: 'exponential', delay: this.opts.backoffMs },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 5000 },
      });
    } catch (e) {
      throw unavailable(e);
    }
  }

  work(handlers: Handlers, options: { concurrency: number }): WorkerHandle {
    const workers = QUEUE_NAMES.map((name) => {
      const worker = new Worker(name, (job: Job) => this.process(handlers[name], job), {
        connection: this.connection,
        prefix: this.opts.prefix,
        concurrency: Math.max(1, options.concurrency),
        lockDuration: this.opts.lockMs,
        stalledInterval: Math.max(1000, Math.floor(this.opts.lockMs / 2)),
        // A job whose worker died is handed on; only a job that kills workers repeatedly fails.
        maxStalledCount: 3,
      });
      worker.on('error', (err) => process.stderr.write(`khcl worker (${name}): ${err.message}\n`));
      return worker;
    });
    return { close: async () => void (await Promise.all(workers.map((w) => w.close()))) };
  }

  private async process(handler: Handlers[QueueName], job: Job): Promise<void> {
    try {
      await handler(job.data, { attempt: job.attemptsMade + 1, maxAttempts: job.opts.attempts ?? 1 });
    } catch (e) {
      if (e instanceof PermanentJobError) throw new UnrecoverableError(e.message);
      throw e;
    }
  }

  async depths(): Promise<Record<QueueName, QueueDepth>> {
    const out = {} as Record<QueueName, QueueDepth>;
    try {
      for (const name of QUEUE_NAMES) {
        const c = await this.queues[name].getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
        out[name] = { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
      }
    } catch (e) {
      throw unavailable(e);
    }
    return out;
  }

  async idle(options: { pollMs?: number } = {}): Promise<void> {
    for (;;) {
      const d = await this.depths();
      if (QUEUE_NAMES.every((n) => d[n].waiting + d[n].active + d[n].delayed === 0)) return;
      await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
  }

  /** Remove every key of both queues (tests, and resetting an installation). */
  async obliterate(): Promise<void> {
    for (const q of Object.values(this.queues)) await q.obliterate({ force: true });
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.queues).map((q) => q.close()));
  }
}

/** The URL without its password, for messages. */
function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}

function unavailable(e: unknown): unknown {
  if (e instanceof KhclError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|Connection is closed|connect/i.test(message)) {
    return new KhclError('queue.unavailable', `the queue is not reachable (${message})`, { cause: e });
  }
  return e;
}
