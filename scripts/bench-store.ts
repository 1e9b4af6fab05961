/**
 * Store benchmark: `npx tsx scripts/bench-store.ts [--documents 1000] [--reextract 10000]`.
 * Needs DATABASE_URL and REDIS_URL; works in a database and a queue prefix of its own, removed
 * afterwards. Prints:
 *  - import of N generated DOCX end to end with 2 worker processes (PostgreSQL + Redis), seconds;
 *  - re-extraction of M stored documents (layouts copied in directly), seconds;
 *  - the workers' peak RSS (VmHWM).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { asc, count } from 'drizzle-orm';
import postgres from 'postgres';
import { loadConfig } from '../src/config.js';
import { loadDefaultExtractor, type Extractor } from '../src/pipeline/index.js';
import { documents, layouts, type Db } from '../src/store/index.js';
import type { BullQueue } from '../workers/bullmq-queue.js';
import { importPaths } from '../workers/importer.js';
import { openRuntime } from '../workers/runtime.js';
import { generatePlanDocx } from '../test/pipeline/support/generate-docx.js';

const { values } = parseArgs({ options: { documents: { type: 'string', default: '1000' }, reextract: { type: 'string', default: '10000' } } });
const N = Number(values.documents);
const M = Number(values.reextract);
const base = process.env.DATABASE_URL;
const redis = process.env.REDIS_URL;
if (!base || !redis) {
  console.error('bench-store needs DATABASE_URL and REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379)');
  process.exit(2);
}

const secs = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);
const tag = randomBytes(4).toString('hex');
const dbName = `khcl_bench_${tag}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database "${dbName}"`);
const url = new URL(base);
url.pathname = `/${dbName}`;
const dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-bench-'));
const env = { DATABASE_URL: url.toString(), REDIS_URL: redis, KHCL_DATA: path.join(dir, 'data'), KHCL_QUEUE_PREFIX: `khcl-bench-${tag}` };
const workers: ChildProcess[] = [];

try {
  // 1. Inputs.
  let t0 = performance.now();
  const input = path.join(dir, 'input');
  await mkdir(input);
  for (let i = 0; i < N; i++) await writeFile(path.join(input, `kh-${i}.docx`), (await generatePlanDocx(50_000 + i)).bytes);
  console.log(`generated ${N} DOCX in ${secs(t0)} s`);

  // 2. Import end to end with two worker processes.
  const rt = await openRuntime(loadConfig(env));
  for (let i = 0; i < 2; i++) workers.push(await startWorker(env));
  t0 = performance.now();
  const result = await importPaths(rt, [input], { wait: true, pollMs: 200 });
  const importSecs = secs(t0);
  const peaks = await Promise.all(workers.map((w) => peakRss(w.pid!)));
  console.log(`import: ${N} DOCX end to end, 2 workers (concurrency 2 each), PostgreSQL + Redis: ${importSecs} s (${result.done} stored, ${result.failed} failed)`);
  console.log(`worker peak RSS: ${peaks.map((p) => `${(p / 1024).toFixed(0)} MB`).join(', ')}`);
  for (const w of workers) w.kill('SIGTERM');
  await (rt.queue as BullQueue).obliterate();

  // 3. Re-extraction of M documents: copy the stored layouts under new hashes.
  const db = rt.store.db;
  t0 = performance.now();
  await cloneDocuments(db, M);
  console.log(`copied layouts up to ${M} documents in ${secs(t0)} s`);
  const real = await loadDefaultExtractor();
  const changeOneField: Extractor = {
    ...real,
    rulesVersion: `${real.rulesVersion}+bench`,
    extract: (layout) => {
      const x = real.extract(layout);
      return { ...x, items: x.items.map((item) => ({ ...item, note: 'bench' })) };
    },
  };
  for (const [label, extractor] of [
    ['first extraction of the copies', real],
    ['a rule change touching every item', changeOneField],
    ['no change', changeOneField],
  ] as const) {
    t0 = performance.now();
    const r = await rt.pipeline.reextractDocuments({}, { extractor, batchSize: 200 });
    console.log(`reextract (${label}): ${r.documents} documents in ${secs(t0)} s — ${r.changed} changed, ${r.items.added} items added, fields ${JSON.stringify(r.items.fields)}`);
  }
  console.log(`main process peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  await rt.close();
} finally {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts', '--concurrency', '2'], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stderr!.on('data', (b: Buffer) => {
      out += b.toString();
      if (out.includes('serving khcl-ingest')) resolve();
    });
    child.once('exit', () => reject(new Error(`worker exited:\n${out}`)));
  });
  return child;
}

/** Peak resident set size of a process in kB (Linux). */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

/** Insert documents (status stored, no items) with copies of the stored layouts until there are `total`. */
async function cloneDocuments(db: Db, total: number): Promise<void> {
  const sources = await db.select({ layout: layouts.layout, reader: layouts.reader }).from(layouts).orderBy(asc(layouts.documentId));
  const [{ n }] = await db.select({ n: count() }).from(documents);
  for (let have = Number(n); have < total; ) {
    const batch = Math.min(500, total - have);
    const rows = Array.from({ length: batch }, (_, i) => ({
      sha256: randomBytes(32).toString('hex'),
      size: 1,
      fileNames: [`copy-${have + i}.docx`],
      status: 'stored' as const,
      format: 'docx',
    }));
    const ids = await db.insert(documents).values(rows).returning({ id: documents.id });
    await db.insert(layouts).values(ids.map((r, i) => ({ documentId: r.id, ...sources[(have + i) % sources.length] })));
    have += batch;
  }
}
