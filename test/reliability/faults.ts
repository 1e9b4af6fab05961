/**
 * Fault scenarios on PostgreSQL + Redis (issue 8, part 4), shared by faults.test.ts and
 * `npm run reliability`: Redis restarted mid-import, PostgreSQL restarted mid-import, a worker
 * SIGKILLed during a slow job, the process killed during `reextract`. Each ends with the counts
 * that matter — expected / stored / duplicated / lost / partial — taken from the store.
 *
 * Recovery is what an operator does: start the service again and run the same import again
 * (importing twice adds nothing; unfinished documents are resumed). Redis here keeps nothing on
 * disk (--save ""), so a restart loses the queued jobs and only the re-import brings them back.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq, max, sql } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { loadDefaultExtractor } from '../../src/pipeline/index.js';
import { documents, items } from '../../src/store/index.js';
import type { BullQueue } from '../../workers/bullmq-queue.js';
import { importPaths, type ImportProgress } from '../../workers/importer.js';
import { openRuntime, type Runtime } from '../../workers/runtime.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';
import { createTestDatabase } from '../store/support/databases.js';
import { freshPrefix } from '../workers/support/redis.js';
import { ready, spawnTs, type WorkerProcess } from '../workers/support/worker-process.js';
import { bounce, ensureUp, pg, redis } from './support/services.js';

export interface FaultResult {
  name: string;
  expected: number;
  stored: number;
  duplicated: number;
  lost: number;
  /** Stored documents whose item count differs from a clean run's. */
  partial: number;
  ms: number;
  /** Worker processes that died on their own (not SIGKILLed by the scenario) and were replaced. */
  workerCrashes: number;
  /** What happened on the way (import errors, dead workers), for the report. */
  notes: string[];
}

interface Env {
  dir: string;
  input: string;
  env: Record<string, string>;
  rt: Runtime;
  expectedRows: Map<string, number>;
  workers: WorkerProcess[];
  crashes: number;
  dispose(): Promise<void>;
}

/** A fresh database, queue prefix and folder of `n` generated plans. */
async function setUp(tag: string, n: number, extra: Record<string, string> = {}): Promise<Env> {
  const db = await createTestDatabase(`khcl_fault_${tag}`);
  const dir = await mkdtemp(path.join(os.tmpdir(), `khcl-fault-${tag}-`));
  const input = path.join(dir, 'input');
  await mkdir(input);
  const expectedRows = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const g = await generatePlanDocx(20_000 + i + tag.length * 1000);
    const name = `kh-${String(i).padStart(3, '0')}.docx`;
    await writeFile(path.join(input, name), g.bytes);
    expectedRows.set(`input/${name}`, g.criteria.length);
  }
  const env = {
    DATABASE_URL: db.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    KHCL_DATA: path.join(dir, 'data'),
    KHCL_QUEUE_PREFIX: freshPrefix(),
    KHCL_JOB_LOCK_MS: '3000',
    KHCL_JOB_BACKOFF_MS: '500',
    KHCL_JOB_ATTEMPTS: '8',
    ...extra,
  };
  const rt = await openRuntime(loadConfig(env));
  const workers: WorkerProcess[] = [];
  return {
    dir,
    input,
    env,
    rt,
    expectedRows,
    workers,
    crashes: 0,
    async dispose() {
      for (const w of workers) if (alive(w)) w.child.kill('SIGKILL');
      await Promise.all(workers.map((w) => w.exited));
      await ensureUp();
      await (rt.queue as BullQueue).obliterate().catch(() => {});
      await rt.close().catch(() => {});
      await db.drop().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The line of a dead worker's output that says why (its uncaught error), not Node's version footer. */
const lastError = (w: WorkerProcess) =>
  (w.output().split('\n').filter((l) => /error|Error|ECONN|terminat/.test(l) && !/^\s+at /.test(l)).slice(-3).join(' / ') || w.output().slice(-200)).slice(0, 400);
const alive = (w: WorkerProcess) => w.child.exitCode === null && w.child.signalCode === null;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startWorkers(e: Env, n: number, script = 'workers/main.ts', args = ['--concurrency', '2']): Promise<void> {
  const started = Array.from({ length: n }, () => spawnTs(script, args, e.env));
  e.workers.push(...started);
  await Promise.all(started.map((w) => ready(w)));
}

/**
 * Import until every document is stored (at most `rounds` times), as an operator would after an
 * outage: an import that throws or leaves documents unfinished is simply run again.
 */
async function importUntilDone(e: Env, notes: string[], onProgress?: (p: ImportProgress) => void, settle?: () => Promise<void> | undefined, rounds = 4): Promise<void> {
  for (let round = 1; round <= rounds; round++) {
    try {
      const r = await importPaths(e.rt, [e.input], { wait: true, pollMs: 200, onProgress: round === 1 ? onProgress : undefined });
      if (r.failures.length) notes.push(`round ${round}: ${r.failures.length} failed (${r.failures[0].code}: ${r.failures[0].reason})`);
      if (r.unfinished) notes.push(`round ${round}: ${r.unfinished} unfinished`);
    } catch (err) {
      const cause = (err as Error).cause as Error | undefined;
      notes.push(`round ${round}: import threw ${(err as Error).name} ${(err as Error).message.split('\n')[0].slice(0, 100)}${cause ? ` (cause: ${cause.message})` : ''}`);
    }
    // The operator restarts the service before importing again.
    await settle?.();
    const t = await tally(e);
    if (t.stored === e.expectedRows.size && t.partial === 0) return;
    // Workers that died in the outage are replaced, as a process manager would.
    const dead = e.workers.filter((w) => !alive(w));
    e.crashes += dead.filter((w) => w.child.signalCode !== 'SIGKILL').length;
    if (dead.length) {
      notes.push(`round ${round}: ${dead.length} worker(s) had exited (${dead.map(lastError).join(' | ')})`);
      e.workers.splice(0, e.workers.length, ...e.workers.filter(alive));
      await startWorkers(e, dead.length);
    }
    await sleep(1000);
  }
}

/** The store's view: every expected file stored once with all its items. */
async function tally(e: Env): Promise<Omit<FaultResult, 'name' | 'ms' | 'notes' | 'workerCrashes'>> {
  const db = e.rt.store.db;
  const docs = await db.select({ id: documents.id, status: documents.status, fileNames: documents.fileNames }).from(documents);
  const perDoc = new Map(
    (await db.select({ id: items.documentId, n: count(), last: max(items.ordinal) }).from(items).groupBy(items.documentId)).map((r) => [r.id, r]),
  );
  const seen = new Map<string, number>();
  let partial = 0;
  let stored = 0;
  for (const d of docs) {
    for (const f of d.fileNames) seen.set(f, (seen.get(f) ?? 0) + 1);
    if (d.status !== 'stored') continue;
    const want = e.expectedRows.get(d.fileNames[0]);
    const got = perDoc.get(d.id);
    if (want !== undefined && Number(got?.n) === want && got?.last === want - 1) stored++;
    else partial++;
  }
  // Items on documents that are not stored are half-stored too.
  for (const d of docs) if (d.status !== 'stored' && perDoc.has(d.id)) partial++;
  const duplicated = [...seen.values()].reduce((a, n) => a + Math.max(0, n - 1), 0) + docs.filter((d) => !d.fileNames.some((f) => e.expectedRows.has(f))).length;
  const storedNames = new Set(docs.filter((d) => d.status === 'stored').flatMap((d) => d.fileNames));
  const lost = [...e.expectedRows.keys()].filter((f) => !storedNames.has(f)).length;
  return { expected: e.expectedRows.size, stored, duplicated, lost, partial };
}

/** A scenario's body may return documents it found half-stored along the way (not only at the end). */
type Body = (e: Env, notes: string[]) => Promise<number | void>;


async function scenario(name: string, tag: string, n: number, body: Body, extra?: Record<string, string>): Promise<FaultResult> {
  const t0 = Date.now();
  const notes: string[] = [];
  const e = await setUp(tag, n, extra);
  try {
    const midway = (await body(e, notes)) ?? 0;
    const t = await tally(e);
    return { name, ...t, partial: t.partial + midway, ms: Date.now() - t0, workerCrashes: e.crashes, notes };
  } finally {
    await e.dispose();
  }
}

/** Bounce a service once `done` documents are stored; the bounce runs alongside the import. */
function bounceAt(threshold: number, s: typeof pg | typeof redis, notes: string[]) {
  let fired: Promise<void> | undefined;
  return {
    onProgress: (p: ImportProgress) => {
      if (fired || p.done < threshold) return;
      notes.push(`${s === pg ? 'PostgreSQL' : 'Redis'} stopped at ${p.done} stored`);
      fired = bounce(s, 2000).catch((err: unknown) => void notes.push(`bounce failed: ${String(err)}`));
    },
    done: () => fired,
  };
}

/** (a) Redis restarted in the middle of an import of 100 documents by two worker processes. */
export const redisRestart = () =>
  scenario('Redis restarted mid-import', 'redis', 100, async (e, notes) => {
    await startWorkers(e, 2);
    const b = bounceAt(20, redis, notes);
    await importUntilDone(e, notes, b.onProgress, b.done);
    const fired = b.done();
    if (!fired) notes.push('the import finished before the restart point');
    await fired;
  });

/** (b) PostgreSQL restarted in the middle of an import. */
export const postgresRestart = () =>
  scenario('PostgreSQL restarted mid-import', 'pg', 100, async (e, notes) => {
    await startWorkers(e, 2);
    const b = bounceAt(20, pg, notes);
    await importUntilDone(e, notes, b.onProgress, b.done);
  });

/** (c) A worker SIGKILLed while it holds a slow job (an injected 3 s reader stands in for OCR). */
export const workerKilled = () =>
  scenario(
    'worker SIGKILLed during a slow job',
    'kill',
    12,
    async (e, notes) => {
      await startWorkers(e, 2, 'test/reliability/support/slow-worker.ts', []);
      let killed = false;
      const onProgress = () => {
        if (killed) return;
        killed = true;
        // Kill worker 0 one second into its first slow read: it holds a job mid-ingest.
        setTimeout(() => {
          notes.push('worker 0 SIGKILLed mid-job');
          e.workers[0].child.kill('SIGKILL');
          void e.workers[0].exited.then(() => startWorkers(e, 1, 'test/reliability/support/slow-worker.ts', []));
        }, 1000);
      };
      await importUntilDone(e, notes, onProgress);
    },
    { KHCL_TEST_SLOW_MS: '3000' },
  );

/**
 * (d) `khcl reextract` SIGKILLed part-way. Every document is first set back to older rules with
 * its last item removed, so re-extraction must rewrite every document; after the kill each one
 * holds either all its old rows or all its new ones, and a second run completes the rest.
 */
export const reextractKilled = () =>
  scenario('process killed during reextract', 'reex', 100, async (e, notes) => {
    await startWorkers(e, 2);
    await importUntilDone(e, notes);
    const db = e.rt.store.db;
    await db.execute(sql`delete from items i using (select document_id, max(ordinal) m from items group by document_id) x where i.document_id = x.document_id and i.ordinal = x.m`);
    await db.update(documents).set({ rulesVersion: 'khcl-old-rules' });
    const current = (await loadDefaultExtractor()).rulesVersion;
    const cli = spawnTs('src/cli/main.ts', ['reextract'], e.env);
    let atKill = -1;
    for (let i = 0; i < 600 && alive(cli); i++) {
      const [{ n }] = await db.select({ n: count() }).from(documents).where(eq(documents.rulesVersion, current));
      if (Number(n) >= 5) {
        cli.child.kill('SIGKILL');
        atKill = Number(n);
        break;
      }
      await sleep(20);
    }
    await cli.exited;
    notes.push(atKill >= 0 ? `reextract killed after ${atKill} documents` : `reextract finished before the kill (${cli.output().trim().split('\n')[0]})`);
    // Between the two runs: a document is either all old (one item short) or all new.
    const rows = await db
      .select({ version: documents.rulesVersion, name: documents.fileNames, n: sql<number>`(select count(*)::int from items where items.document_id = ${documents.id})` })
      .from(documents);
    const half = rows.filter((r) => r.n !== (e.expectedRows.get(r.name[0]) ?? -1) - (r.version === current ? 0 : 1));
    notes.push(`${rows.filter((r) => r.version !== current).length} documents still on the old rules after the kill, ${half.length} half-written`);
    const again = spawnTs('src/cli/main.ts', ['reextract'], e.env);
    const code = await again.exited;
    if (code !== 0) notes.push(`second reextract exited ${code}: ${again.output().slice(-300)}`);
    return half.length;
  });

export const SCENARIOS = { redisRestart, postgresRestart, workerKilled, reextractKilled };

/** All four, one after the other (each leaves the services running). */
export async function runFaultScenarios(): Promise<FaultResult[]> {
  const out: FaultResult[] = [];
  for (const run of Object.values(SCENARIOS)) out.push(await run());
  return out;
}
