/**
 * The BullMQ queue on a real Redis (fresh key prefix per test): ids deduplicate, retryable
 * errors retry with backoff, permanent ones become UnrecoverableError, and a job failing for good
 * records its code and reason on the document.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { KhclError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/registry.js';
import { getDocument } from '../../src/store/index.js';
import { BullQueue } from '../../workers/bullmq-queue.js';
import { jobHandlers } from '../../workers/jobs.js';
import { PermanentJobError, type Handlers } from '../../workers/queue.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';
import { openTestRuntime, type TestRuntime } from '../pipeline/support/runtime.js';
import { requireService, titled } from '../store/support/services.js';
import { freshPrefix, redisService } from './support/redis.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');

describe.skipIf(!redisService.run)(titled('BullMQ queue', redisService), () => {
  let url: string;
  const opened: BullQueue[] = [];
  beforeAll(() => {
    url = requireService(redisService);
  });
  afterEach(async () => {
    for (const q of opened.splice(0)) {
      await q.obliterate();
      await q.close();
    }
  });

  async function open(attempts = 3) {
    const q = await BullQueue.connect({ url, prefix: freshPrefix(), attempts, backoffMs: 20, lockMs: 5000 });
    opened.push(q);
    return q;
  }
  const handlers = (ingest: Handlers['khcl-ingest']): Handlers => ({ 'khcl-ingest': ingest, 'khcl-extract': async () => {} });

  it('fails fast with queue.unavailable when Redis does not answer', async () => {
    await expect(BullQueue.connect({ url: 'redis://127.0.0.1:1', prefix: 'x', attempts: 1, backoffMs: 1, lockMs: 1000 })).rejects.toMatchObject({
      code: 'queue.unavailable',
    });
  });

  it('keeps one job per id while it is waiting', async () => {
    const q = await open();
    for (const n of [1, 1, 2, 1]) await q.add('khcl-ingest', { documentId: n, sha256: sha(n) });
    await q.add('khcl-extract', { documentId: 1, sha256: sha(1), rulesVersion: '1.a' });
    await q.add('khcl-extract', { documentId: 1, sha256: sha(1), rulesVersion: '1.a' });
    await q.add('khcl-extract', { documentId: 1, sha256: sha(1), rulesVersion: '2.b' });
    const d = await q.depths();
    expect(d['khcl-ingest'].waiting).toBe(2);
    expect(d['khcl-extract'].waiting).toBe(2);
  });

  it('retries retryable failures with backoff and stops at a permanent one', async () => {
    const q = await open(4);
    const attempts: Record<number, number[]> = { 1: [], 2: [] };
    const w = q.work(
      handlers(async (p, ctx) => {
        const id = (p as { documentId: number }).documentId;
        attempts[id].push(ctx.attempt);
        if (id === 1 && ctx.attempt < 3) throw new KhclError('ocr.failed');
        if (id === 2) throw new PermanentJobError(new KhclError('file.corrupt'));
      }),
      { concurrency: 2 },
    );
    await q.add('khcl-ingest', { documentId: 1, sha256: sha(1) });
    await q.add('khcl-ingest', { documentId: 2, sha256: sha(2) });
    await q.idle({ pollMs: 50 });
    await w.close();
    expect(attempts).toEqual({ 1: [1, 2, 3], 2: [1] });
    expect((await q.depths())['khcl-ingest'].failed).toBe(1);
    const raw = new Queue('khcl-ingest', { connection: { url }, prefix: (q as unknown as { opts: { prefix: string } }).opts.prefix });
    const [failed] = await raw.getFailed();
    expect(failed.failedReason).toMatch(/file.corrupt/);
    expect(failed.attemptsMade).toBe(1);
    await raw.close();
  });

  describe('over the pipeline (PGlite)', () => {
    let rt: TestRuntime;
    const errors = new Map<string, KhclError>();
    beforeAll(async () => {
      rt = await openTestRuntime('pglite', {
        pipeline: {
          ingest: async (bytes, o) => {
            const e = errors.get(o.fileName ?? '');
            if (e) throw e;
            return ingest(bytes, o);
          },
        },
      });
    });
    afterAll(async () => rt?.dispose());

    it('stores good documents and records code and reason of those failing for good', async () => {
      const q = await open(2);
      const w = q.work(jobHandlers(rt.pipeline, q, rt.store.db), { concurrency: 2 });
      errors.set('corrupt.docx', new KhclError('file.corrupt', 'broken container'));
      errors.set('ocr.docx', new KhclError('ocr.failed', 'OCR keeps crashing'));
      const ids: Record<string, number> = {};
      for (const [i, name] of ['good.docx', 'corrupt.docx', 'ocr.docx'].entries()) {
        const a = await rt.pipeline.admit((await generatePlanDocx(2000 + i)).bytes, { fileName: name });
        if (a.action !== 'process') throw new Error(a.action);
        ids[name] = a.document.id;
        await q.add('khcl-ingest', { documentId: a.document.id, sha256: a.document.sha256, fileName: name });
      }
      await q.idle({ pollMs: 50 });
      await w.close();
      expect(await getDocument(rt.store.db, ids['good.docx'])).toMatchObject({ status: 'stored' });
      expect(await getDocument(rt.store.db, ids['corrupt.docx'])).toMatchObject({ status: 'failed', errorCode: 'file.corrupt', error: 'broken container' });
      expect(await getDocument(rt.store.db, ids['ocr.docx'])).toMatchObject({ status: 'failed', errorCode: 'ocr.failed', error: 'OCR keeps crashing' });
    });
  });
});
