/**
 * The in-process queue: the same contract as the BullMQ one, for a single process with no Redis.
 * Jobs live in memory, so a crash loses the queue but not the work: documents keep their status
 * in the store and `khcl worker` (or the next import) picks unfinished ones up again.
 */
import { jobIdOf, QUEUE_NAMES, type Payloads, type QueueName } from './payloads.js';
import { PermanentJobError, type Handlers, type JobQueue, type QueueDepth, type RetryPolicy, type WorkerHandle } from './queue.js';

interface Job {
  id: string;
  queue: QueueName;
  payload: unknown;
  attempt: number;
}

/** The {@link JobQueue} in this process's memory: concurrency-limited, retrying, deduplicating by job id. */
export class MemoryQueue implements JobQueue {
  readonly backend = 'memory' as const;
  private readonly waiting: Job[] = [];
  /** Ids of jobs waiting, running or scheduled for retry: the dedup set. */
  private readonly live = new Set<string>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly counts = Object.fromEntries(
    QUEUE_NAMES.map((q) => [q, { waiting: 0, active: 0, delayed: 0, failed: 0 }]),
  ) as Record<QueueName, QueueDepth>;
  private handlers: Handlers | undefined;
  private concurrency = 1;
  private running = 0;
  private closing = false;
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly retry: RetryPolicy) {}

  async add<N extends QueueName>(queue: N, payload: Payloads[N]): Promise<void> {
    const id = `${queue}/${jobIdOf(queue, payload)}`;
    if (this.closing || this.live.has(id)) return;
    this.live.add(id);
    this.waiting.push({ id, queue, payload, attempt: 1 });
    this.counts[queue].waiting++;
    this.pump();
  }

  work(handlers: Handlers, options: { concurrency: number }): WorkerHandle {
    this.handlers = handlers;
    this.concurrency = Math.max(1, options.concurrency);
    this.pump();
    return {
      // Stops this worker only: jobs still queued stay queued for the next `work()`.
      close: async () => {
        if (this.handlers === handlers) this.handlers = undefined;
        await this.drained();
      },
    };
  }

  async depths(): Promise<Record<QueueName, QueueDepth>> {
    return structuredClone(this.counts);
  }

  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stop taking jobs and drop scheduled retries; resolves when running jobs have finished. */
  async close(): Promise<void> {
    this.closing = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    await this.drained();
  }

  private async drained(): Promise<void> {
    while (this.running > 0) await new Promise((r) => setTimeout(r, 20));
  }

  private isIdle(): boolean {
    return this.running === 0 && this.waiting.length === 0 && this.timers.size === 0;
  }

  private pump(): void {
    while (this.handlers && !this.closing && this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.counts[job.queue].waiting--;
      this.counts[job.queue].active++;
      this.running++;
      void this.run(job);
    }
    if (this.isIdle()) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async run(job: Job): Promise<void> {
    const ctx = { attempt: job.attempt, maxAttempts: this.retry.attempts };
    let retryIn: number | undefined;
    try {
      await this.handlers![job.queue](job.payload, ctx);
    } catch (e) {
      if (!(e instanceof PermanentJobError) && job.attempt < this.retry.attempts) {
        retryIn = this.retry.backoffMs * 2 ** (job.attempt - 1);
      } else {
        this.counts[job.queue].failed++;
      }
    }
    this.counts[job.queue].active--;
    this.running--;
    if (retryIn === undefined || this.closing) {
      this.live.delete(job.id);
    } else {
      this.counts[job.queue].delayed++;
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        this.counts[job.queue].delayed--;
        this.counts[job.queue].waiting++;
        this.waiting.push({ ...job, attempt: job.attempt + 1 });
        this.pump();
      }, retryIn);
      this.timers.add(timer);
    }
    this.pump();
  }
}
