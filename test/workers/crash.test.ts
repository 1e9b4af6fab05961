/**
 * Two worker processes on PostgreSQL + Redis import 240 generated plans; one is SIGKILLed in the
 * middle and started again. Every document must end stored exactly once, with all its items.
 * Finally SIGTERM stops both workers cleanly.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, count, eq, sql } from 'drizzle-orm';
import { Queue } from 'bullmq';
import { loadConfig } from '../../src/config.js';
import { documents, items } from '../../src/store/index.js';
import { BullQueue } from '../../workers/bullmq-queue.js';
import { importPaths, type ImportProgress } from '../../workers/importer.js';
import { openRuntime, type Runtime } from '../../workers/runtime.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';
import { createTestDatabase, postgresService } from '../store/support/databases.js';
import { requireService, titled } from '../store/support/services.js';
import { freshPrefix, redisService } from './support/redis.js';
import { ready, spawnWorker, type WorkerProcess } from './support/worker-process.js';

const DOCUMENTS = 240;
const both = { ...redisService, run: redisService.run && postgresService.run, reason: redisService.reason ?? postgresService.reason };

describe.skipIf(!both.run)(titled('two worker processes, one killed mid-import', both), () => {
  let dir: string;
  let env: Record<string, string>;
  let rt: Runtime;
  let dropDb: () => Promise<void>;
  const workers: WorkerProcess[] = [];
  const expectedRows = new Map<string, number>(); // file name → rows

  beforeAll(async () => {
    requireService(redisService);
    const db = await createTestDatabase('khcl_crash');
    dropDb = db.drop;
    dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-crash-'));
    const input = path.join(dir, 'input');
    await mkdir(input);
    for (let seed = 0; seed < DOCUMENTS; seed++) {
      const g = await generatePlanDocx(10_000 + seed);
      const name = `kh-${String(seed).padStart(3, '0')}.docx`;
      await writeFile(path.join(input, name), g.bytes);
      expectedRows.set(`input/${name}`, g.criteria.length);
    }
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: requireService(redisService),
      KHCL_DATA: path.join(dir, 'data'),
      KHCL_QUEUE_PREFIX: freshPrefix(),
      // A killed worker's job goes to another worker after this long, not after the default 30 s.
      KHCL_JOB_LOCK_MS: '3000',
      KHCL_JOB_BACKOFF_MS: '200',
    };
    rt = await openRuntime(loadConfig(env));
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    if (rt) {
      await (rt.queue as BullQueue).obliterate().catch(() => {});
      await rt.close();
    }
    await dropDb?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('stores every document exactly once, with all its items, despite a SIGKILL', async () => {
    workers.push(spawnWorker(env), spawnWorker(env));
    await Promise.all(workers.map((w) => ready(w)));

    let killed = false;
    let restarted: Promise<void> | undefined;
    const onProgress = (p: ImportProgress) => {
      // Kill worker A once a sixth is stored: it is in the middle of jobs, with most still ahead.
      if (!killed && p.done >= DOCUMENTS / 6) {
        killed = true;
        workers[0].child.kill('SIGKILL');
        restarted = (async () => {
          await workers[0].exited;
          workers.push(spawnWorker(env));
          await ready(workers[2]);
        })();
      }
    };
    const result = await importPaths(rt, [path.join(dir, 'input')], { wait: true, pollMs: 200, onProgress });
    await restarted;
    expect(killed).toBe(true);
    expect(await workers[0].exited).toBe('SIGKILL');
    expect(result).toMatchObject({ found: DOCUMENTS, queued: DOCUMENTS, done: DOCUMENTS, failed: 0, unfinished: 0 });

    const db = rt.store.db;
    const docs = await db.select().from(documents).orderBy(asc(documents.id));
    expect(docs).toHaveLength(DOCUMENTS);
    expect(docs.filter((d) => d.status !== 'stored')).toEqual([]);
    const perDoc = await db
      .select({ id: items.documentId, n: count(), maxOrdinal: sql<number>`max(${items.ordinal})::int` })
      .from(items)
      .groupBy(items.documentId);
    const byId = new Map(perDoc.map((r) => [r.id, r]));
    for (const d of docs) {
      const rows = expectedRows.get(d.fileNames[0])!;
      expect(d.fileNames).toHaveLength(1);
      expect({ file: d.fileNames[0], n: Number(byId.get(d.id)?.n), last: byId.get(d.id)?.maxOrdinal }).toEqual({ file: d.fileNames[0], n: rows, last: rows - 1 });
    }
    const [{ n: total }] = await db.select({ n: count() }).from(items);
    expect(Number(total)).toBe([...expectedRows.values()].reduce((a, b) => a + b, 0));
    expect(await db.select().from(documents).where(eq(documents.status, 'failed'))).toEqual([]);

    // The jobs the killed worker held were taken over by another worker (BullMQ's stalled check).
    const recovered = [];
    for (const name of ['khcl-ingest', 'khcl-extract']) {
      const q = new Queue(name, { connection: { url: env.REDIS_URL }, prefix: env.KHCL_QUEUE_PREFIX });
      recovered.push(...(await q.getCompleted(0, -1)).filter((j) => j.stalledCounter > 0 || j.attemptsStarted > 1));
      await q.close();
    }
    console.info(`crash test: ${recovered.length} job(s) recovered from the killed worker`);
    expect(recovered.length).toBeGreaterThan(0);
  }, 300_000);

  it('stops both workers on SIGTERM after their jobs in hand, exiting 0', async () => {
    const live = workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    expect(live).toHaveLength(2);
    for (const w of live) w.child.kill('SIGTERM');
    const codes = await Promise.race([Promise.all(live.map((w) => w.exited)), new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
    expect(codes, live.map((w) => w.output()).join('\n')).toEqual([0, 0]);
    expect(live[0].output()).toMatch(/stopping after the jobs in hand/);
  }, 60_000);
});
