/**
 * The job handlers with the in-process queue over a real pipeline (PGlite): retries, permanent
 * failures recorded on the document, the last attempt of a retryable one recorded too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { ingest } from '../../src/ingest/registry.js';
import { getDocument } from '../../src/store/index.js';
import { jobHandlers } from '../../workers/jobs.js';
import { MemoryQueue } from '../../workers/memory-queue.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';
import { openTestRuntime, type TestRuntime } from '../pipeline/support/runtime.js';

describe('job handlers', () => {
  let rt: TestRuntime;
  const failures = new Map<string, KhclError[]>(); // file name → errors to throw, in order
  beforeAll(async () => {
    rt = await openTestRuntime('pglite', {
      pipeline: {
        ingest: async (bytes, options) => {
          const next = failures.get(options.fileName ?? '')?.shift();
          if (next) throw next;
          return ingest(bytes, options);
        },
      },
    });
  });
  afterAll(async () => rt?.dispose());

  async function run(seed: number, errors: KhclError[], attempts = 3) {
    const queue = new MemoryQueue({ attempts, backoffMs: 5 });
    const name = `p${seed}.docx`;
    failures.set(name, errors);
    const a = await rt.pipeline.admit((await generatePlanDocx(seed)).bytes, { fileName: name });
    if (a.action !== 'process') throw new Error(a.action);
    queue.work(jobHandlers(rt.pipeline, queue, rt.store.db), { concurrency: 2 });
    await queue.add('khcl-ingest', { documentId: a.document.id, sha256: a.document.sha256, fileName: name });
    await queue.idle();
    return { doc: (await getDocument(rt.store.db, a.document.id))!, depths: await queue.depths() };
  }

  it('ingests, then extracts through the second queue', async () => {
    const { doc, depths } = await run(1, []);
    expect(doc).toMatchObject({ status: 'stored', errorCode: null });
    expect(depths['khcl-extract'].failed + depths['khcl-ingest'].failed).toBe(0);
  });

  it('retries a retryable failure and then stores the document', async () => {
    const { doc } = await run(2, [new KhclError('ocr.failed'), new KhclError('store.unavailable')]);
    expect(doc.status).toBe('stored');
  });

  it('records a permanent failure at once, with its code and reason', async () => {
    const { doc, depths } = await run(3, [new KhclError('file.corrupt', 'the ZIP container is damaged'), new KhclError('file.corrupt')]);
    expect(doc).toMatchObject({ status: 'failed', errorCode: 'file.corrupt', error: 'the ZIP container is damaged' });
    expect(depths['khcl-ingest'].failed).toBe(1);
    expect(failures.get('p3.docx')).toHaveLength(1); // the second error was never reached: no retry
  });

  it('records a retryable failure once the attempts are used up', async () => {
    const { doc } = await run(4, [new KhclError('ocr.failed', 'tesseract crashed'), new KhclError('ocr.failed', 'tesseract crashed again')], 2);
    expect(doc).toMatchObject({ status: 'failed', errorCode: 'ocr.failed', error: 'tesseract crashed again' });
  });

  it('fails a job whose payload is malformed without retrying it', async () => {
    const queue = new MemoryQueue({ attempts: 3, backoffMs: 1 });
    queue.work(jobHandlers(rt.pipeline, queue, rt.store.db), { concurrency: 1 });
    await queue.add('khcl-ingest', { documentId: -1, sha256: 'nope' } as never);
    await queue.idle();
    expect((await queue.depths())['khcl-ingest'].failed).toBe(1);
  });
});

describe('khcl worker without Redis', () => {
  it('resumes documents an interrupted import left queued, then returns', async () => {
    const rt = await openTestRuntime('pglite');
    try {
      const { runWorker } = await import('../../workers/run-worker.js');
      const ids: number[] = [];
      for (const seed of [31, 32, 33]) {
        const a = await rt.pipeline.admit((await generatePlanDocx(seed)).bytes);
        if (a.action !== 'process') throw new Error(a.action);
        ids.push(a.document.id);
      }
      const lines: string[] = [];
      await runWorker(rt, { concurrency: 2, stop: new Promise(() => {}), log: (l) => lines.push(l) });
      expect(lines[0]).toMatch(/resuming 3 unfinished/);
      for (const id of ids) expect(await getDocument(rt.store.db, id)).toMatchObject({ status: 'stored' });
    } finally {
      await rt.dispose();
    }
  });
});
