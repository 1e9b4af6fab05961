import { describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { MemoryQueue } from '../../workers/memory-queue.js';
import { PermanentJobError, type Handlers } from '../../workers/queue.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');
const ingestJob = (n: number) => ({ documentId: n, sha256: sha(n) });

function handlers(ingest: Handlers['khcl-ingest']): Handlers {
  return { 'khcl-ingest': ingest, 'khcl-extract': async () => {} };
}

describe('in-process queue', () => {
  it('runs each job id once while it is pending, however often it is added', async () => {
    const q = new MemoryQueue({ attempts: 1, backoffMs: 1 });
    const seen: number[] = [];
    for (const n of [1, 2, 1, 1, 3, 2]) await q.add('khcl-ingest', ingestJob(n));
    q.work(handlers(async (p) => void seen.push((p as { documentId: number }).documentId)), { concurrency: 1 });
    await q.idle();
    expect(seen).toEqual([1, 2, 3]);
  });

  it('never runs more jobs at once than its concurrency', async () => {
    const q = new MemoryQueue({ attempts: 1, backoffMs: 1 });
    let running = 0;
    let peak = 0;
    q.work(
      handlers(async () => {
        peak = Math.max(peak, ++running);
        await new Promise((r) => setTimeout(r, 5));
        running--;
      }),
      { concurrency: 3 },
    );
    for (let n = 1; n <= 20; n++) await q.add('khcl-ingest', ingestJob(n));
    await q.idle();
    expect(peak).toBe(3);
  });

  it('retries a failing job with growing delays, up to the attempt limit', async () => {
    const q = new MemoryQueue({ attempts: 4, backoffMs: 10 });
    const at: { attempt: number; t: number }[] = [];
    const t0 = Date.now();
    q.work(
      handlers(async (_p, ctx) => {
        at.push({ attempt: ctx.attempt, t: Date.now() - t0 });
        expect(ctx.maxAttempts).toBe(4);
        throw new KhclError('ocr.failed');
      }),
      { concurrency: 1 },
    );
    await q.add('khcl-ingest', ingestJob(1));
    await q.idle();
    expect(at.map((a) => a.attempt)).toEqual([1, 2, 3, 4]);
    // 10, 20, 40 ms between attempts (timers may run late, never early)
    expect(at[3].t - at[2].t).toBeGreaterThanOrEqual(38);
    expect((await q.depths())['khcl-ingest']).toEqual({ waiting: 0, active: 0, delayed: 0, failed: 1 });
  });

  it('does not retry a permanent failure', async () => {
    const q = new MemoryQueue({ attempts: 5, backoffMs: 1 });
    let calls = 0;
    q.work(
      handlers(async () => {
        calls++;
        throw new PermanentJobError(new KhclError('file.corrupt'));
      }),
      { concurrency: 1 },
    );
    await q.add('khcl-ingest', ingestJob(1));
    await q.idle();
    expect(calls).toBe(1);
  });

  it('keeps queued jobs for the next worker when a worker stops', async () => {
    const q = new MemoryQueue({ attempts: 1, backoffMs: 1 });
    await q.add('khcl-ingest', ingestJob(1));
    const seen: unknown[] = [];
    const w = q.work(handlers(async (p) => void seen.push(p)), { concurrency: 1 });
    await q.idle();
    await w.close();
    await q.add('khcl-ingest', ingestJob(2));
    expect(seen).toHaveLength(1);
    q.work(handlers(async (p) => void seen.push(p)), { concurrency: 1 });
    await q.idle();
    expect(seen).toHaveLength(2);
  });
});
