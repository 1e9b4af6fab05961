/**
 * Store benchmark, on PostgreSQL + Redis (DATABASE_URL and REDIS_URL), each measure in a scratch
 * database and queue prefix of its own (dropped afterwards):
 *   npx tsx scripts/bench-store.ts [--import 1000,4000] [--reextract 1000,10000] [--one-worker 1000]
 *  - import of N generated DOCX end to end, 2 worker processes (concurrency 2 each), for each N,
 *    and the ratio of the largest to the smallest (linear is the ratio of the sizes);
 *  - the same import of --one-worker documents with 1 worker process, beside 2;
 *  - re-extraction of M stored layouts (copies of the imported ones, each made another school's,
 *    one in ten left a copy of the one before it), for each M: the first extraction, a rule change
 *    that touches every item, and a run that changes nothing; and the ratios;
 *  - the worker processes' and this process's peak RSS (VmHWM).
 * The workers run as a person runs them: bin/khcl.js worker (the compiled dist/ when it is fresh).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scriptArgs } from './args.js';
import { asc, eq } from 'drizzle-orm';
import postgres from 'postgres';
import { loadConfig } from '../src/config.js';
import { loadDefaultExtractor, type Extractor } from '../src/pipeline/index.js';
import { documents, layouts, openStore, type Db } from '../src/store/index.js';
import type { BullQueue } from '../workers/bullmq-queue.js';
import { importPaths } from '../workers/importer.js';
import { openRuntime } from '../workers/runtime.js';
import { generatePlanDocx } from '../test/pipeline/support/generate-docx.js';

const { values } = scriptArgs(import.meta.filename, {
  import: { type: 'string', default: '1000,4000' },
  reextract: { type: 'string', default: '1000,10000' },
  'one-worker': { type: 'string', default: '1000' },
});
const sizes = (v: string) => v.split(',').filter(Boolean).map(Number).sort((a, b) => a - b);
const IMPORTS = sizes(values.import);
const REEXTRACTS = sizes(values.reextract);
const ONE_WORKER = Number(values['one-worker']);
const base = process.env.DATABASE_URL;
const redis = process.env.REDIS_URL;
if (!base || !redis) {
  console.error('bench-store needs DATABASE_URL and REDIS_URL (e.g. postgres://postgres@127.0.0.1:5432/test, redis://127.0.0.1:6379)');
  process.exit(2);
}

const root = path.join(import.meta.dirname, '..');
const seconds = (t0: number) => (performance.now() - t0) / 1000;
const admin = postgres(base, { max: 1, onnotice: () => {} });
const dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-bench-'));
const databases: string[] = [];
const workers: ChildProcess[] = [];

/** A scratch database and queue prefix: the environment a worker or this process runs with. */
async function scratch(): Promise<Record<string, string>> {
  const tag = randomBytes(4).toString('hex');
  const name = `khcl_bench_${tag}`;
  await admin.unsafe(`create database "${name}"`);
  databases.push(name);
  const url = new URL(base!);
  url.pathname = `/${name}`;
  return { DATABASE_URL: url.toString(), REDIS_URL: redis!, KHCL_DATA: path.join(dir, `data-${tag}`), KHCL_QUEUE_PREFIX: `khcl-bench-${tag}` };
}

async function startWorker(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'khcl.js'), 'worker', '--concurrency', '2'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  workers.push(child);
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

/** Peak resident set size of a process in MB (Linux). */
async function peakRssMb(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

/** Import the first `n` generated files with `processes` worker processes; seconds, and the store's env. */
async function timeImport(n: number, processes: number): Promise<{ secs: number; env: Record<string, string> }> {
  const input = path.join(dir, `input-${n}`);
  await mkdir(input, { recursive: true });
  for (let i = 0; i < n; i++) await writeFile(path.join(input, `kh-${i}.docx`), files[i]);
  const env = await scratch();
  const rt = await openRuntime(loadConfig(env));
  const mine = await Promise.all(Array.from({ length: processes }, () => startWorker(env)));
  const t0 = performance.now();
  const result = await importPaths(rt, [input], { wait: true, pollMs: 200 });
  const secs = seconds(t0);
  const peaks = await Promise.all(mine.map((w) => peakRssMb(w.pid!)));
  for (const w of mine) w.kill('SIGTERM');
  await Promise.all(mine.map((w) => new Promise((resolve) => (w.exitCode === null ? w.once('exit', resolve) : resolve(null)))));
  await (rt.queue as BullQueue).obliterate();
  await rt.close();
  await rm(input, { recursive: true, force: true });
  const failed = result.failed ? `, ${result.failed} FAILED` : '';
  console.log(
    `import ${String(n).padStart(6)} DOCX, ${processes} worker process${processes > 1 ? 'es' : ''} × concurrency 2: ${secs.toFixed(1).padStart(6)} s  (${(n / secs).toFixed(1)} documents/s, ${result.done} stored${failed}; worker peak RSS ${peaks.map((p) => `${p.toFixed(0)} MB`).join(', ')})`,
  );
  return { secs, env };
}

/**
 * Insert `n` never-extracted documents whose layouts are the stored ones made another school's:
 * "SỐ <seed>" becomes a number of their own, except that one in ten keeps the one before it (a
 * copy of that document, as a scan of a DOCX would be).
 */
async function cloneDocuments(db: Db, sources: { fileName: string; layout: string; reader: string }[], n: number): Promise<void> {
  let school = 0;
  let source = -1;
  for (let have = 0; have < n; ) {
    const batch = Math.min(500, n - have);
    const rows = Array.from({ length: batch }, (_, i) => ({ sha256: randomBytes(32).toString('hex'), size: 1, fileNames: [`copy-${have + i}.docx`], status: 'extracting' as const, format: 'docx' }));
    const ids = await db.insert(documents).values(rows).returning({ id: documents.id });
    const values = ids.map((r, i) => {
      if ((have + i) % 10 !== 9) (school++, (source = (source + 1) % sources.length));
      const src = sources[source];
      const seed = Number(/kh-(\d+)\.docx/.exec(src.fileName)![1]) + 50_000;
      return { documentId: r.id, reader: src.reader, layout: JSON.parse(src.layout.replaceAll(`SỐ ${seed}`, `SỐ ${1_000_000 + school}`)) };
    });
    await db.insert(layouts).values(values);
    have += batch;
  }
}

const real = await loadDefaultExtractor();
const changeOneField: Extractor = {
  ...real,
  rulesVersion: `${real.rulesVersion}+bench`,
  extractDocuments: (layout) => real.extractDocuments(layout).map((x) => ({ ...x, items: x.items.map((item) => ({ ...item, note: 'bench' })) })),
};
const MODES = [
  ['first extraction', real],
  ['a rule change touching every item', changeOneField],
  ['no change', changeOneField],
] as const;

/** Re-extract `n` cloned layouts in a fresh store, in each mode; seconds per mode. */
async function timeReextract(sources: { fileName: string; layout: string; reader: string }[], n: number): Promise<number[]> {
  const env = await scratch();
  const rt = await openRuntime(loadConfig(env), { queue: false });
  await cloneDocuments(rt.store.db, sources, n);
  const out: number[] = [];
  for (const [label, extractor] of MODES) {
    const t0 = performance.now();
    const r = await rt.pipeline.reextractDocuments({}, { extractor });
    const secs = seconds(t0);
    out.push(secs);
    console.log(
      `reextract ${String(n).padStart(6)} (${label}): ${secs.toFixed(1).padStart(6)} s  (${(n / secs).toFixed(0)} documents/s; ${r.changed} changed, ${r.items.added} items added, ${r.copiesChanged} copy links set or moved, ${r.failed.length} failed)`,
    );
  }
  await rt.close();
  return out;
}

let files: Uint8Array[] = [];
try {
  console.log(`khcl store bench — node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
  const count = Math.max(...IMPORTS, ONE_WORKER, 1);
  let t0 = performance.now();
  files = [];
  for (let i = 0; i < count; i++) files.push((await generatePlanDocx(50_000 + i)).bytes);
  console.log(`generated ${count} DOCX in ${seconds(t0).toFixed(1)} s`);

  const imported: Record<number, number> = {};
  let largest: Record<string, string> | undefined;
  for (const n of IMPORTS) {
    const { secs, env } = await timeImport(n, 2);
    imported[n] = secs;
    largest = env;
  }
  if (IMPORTS.length > 1) {
    const [a, b] = [IMPORTS[0], IMPORTS[IMPORTS.length - 1]];
    console.log(`import ${b} / import ${a}: ${(imported[b] / imported[a]).toFixed(2)}× the time for ${(b / a).toFixed(1)}× the documents (goal ≤ ${((b / a) * 1.25).toFixed(1)}×)`);
  }
  if (ONE_WORKER > 0) {
    const one = await timeImport(ONE_WORKER, 1);
    const two = imported[ONE_WORKER] ?? (await timeImport(ONE_WORKER, 2)).secs;
    console.log(`import ${ONE_WORKER}: 2 worker processes take ${(two / one.secs).toFixed(2)}× the time of 1 (${(one.secs / two).toFixed(2)}× the throughput)`);
  }

  // The layouts the largest import stored, as the source of the re-extraction stores.
  t0 = performance.now();
  const source = await openStore({ databaseUrl: largest!.DATABASE_URL }, { migrate: false });
  const sources = (
    await source.db
      .select({ fileName: documents.fileNames, layout: layouts.layout, reader: layouts.reader })
      .from(layouts)
      .innerJoin(documents, eq(documents.id, layouts.documentId))
      .orderBy(asc(layouts.documentId))
  ).map((r) => ({ fileName: r.fileName[0], layout: JSON.stringify(r.layout), reader: r.reader }));
  await source.close();
  const reextracted: Record<number, number[]> = {};
  for (const n of REEXTRACTS) reextracted[n] = await timeReextract(sources, n);
  if (REEXTRACTS.length > 1) {
    const [a, b] = [REEXTRACTS[0], REEXTRACTS[REEXTRACTS.length - 1]];
    MODES.forEach(([label], i) =>
      console.log(`reextract ${b} / reextract ${a} (${label}): ${(reextracted[b][i] / reextracted[a][i]).toFixed(2)}× the time for ${(b / a).toFixed(0)}× the documents (goal ≤ ${((b / a) * 1.2).toFixed(0)}×, and ≤ 120 s)`),
    );
  }
  console.log(`this process's peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; load now ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  for (const name of databases) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  await admin.end();
  await rm(dir, { recursive: true, force: true });
}
