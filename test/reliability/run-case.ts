/**
 * Runs one corpus case against a runtime and checks everything issue 8 asks of it: the outcome,
 * the time, the memory, and that nothing is half-stored. Shared by corpus.test.ts and
 * `npm run reliability`, so the table and the test can never disagree about what "passed" means.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { count, eq, sql } from 'drizzle-orm';
import { isKhclError } from '../../src/errors.js';
import { documents, getDocument, getDocumentBySha, items, layouts } from '../../src/store/index.js';
import { importPaths } from '../../workers/importer.js';
import type { Runtime } from '../../workers/runtime.js';
import { ZIP_SLIP_TARGETS, type CorpusCase } from './corpus.js';

export interface CaseResult {
  name: string;
  expected: string;
  /** `ok`, an error code, `duplicate`, `timeout` or `threw <name>`. */
  outcome: string;
  /** The one-line reason, when the outcome is an error. */
  reason?: string;
  ms: number;
  /** Process RSS high-water mark while the case ran, MB. */
  peakRssMb: number;
  /** Everything wrong beyond the outcome (half-stored rows, a missing reason, …). */
  problems: string[];
  passed: boolean;
}

export const DEFAULT_CASE_MS = 20_000;

/** Run one case; never throws (an unexpected exception is the case's outcome). */
export async function runCase(rt: Runtime, c: CorpusCase): Promise<CaseResult> {
  const expected = 'ok' in c.expect ? 'ok' : c.expect.code;
  const budget = c.timeoutMs ?? DEFAULT_CASE_MS;
  const memory = watchMemory();
  const problems: string[] = [];
  const t0 = performance.now();
  let outcome = '';
  let reason: string | undefined;
  try {
    const file = await c.make();
    const t1 = performance.now(); // building the input is not the pipeline's time
    const run = c.via === 'import' ? runImport(rt, c, file, problems) : runDocument(rt, c, file, problems);
    const r = await withTimeout(run, budget);
    outcome = r ? r.outcome : 'timeout';
    reason = r?.reason;
    const ms = performance.now() - t1;
    if (ms > budget) problems.push(`took ${Math.round(ms)} ms > ${budget} ms`);
    return finish(Math.round(ms));
  } catch (e) {
    outcome = isKhclError(e) ? `threw ${e.code}` : `threw ${(e as Error)?.name ?? 'error'}`;
    reason = (e as Error)?.message?.split('\n')[0];
    return finish(Math.round(performance.now() - t0));
  }

  function finish(ms: number): CaseResult {
    if (reason !== undefined && (!reason.trim() || reason.includes('\n'))) problems.push(`reason is not one line: ${JSON.stringify(reason)}`);
    const passed = outcome === expected && problems.length === 0;
    return { name: c.name, expected, outcome, reason, ms, peakRssMb: memory.stop(), problems, passed };
  }
}

async function runDocument(rt: Runtime, c: CorpusCase, file: { fileName: string; bytes: Uint8Array }, problems: string[]) {
  const o = await rt.pipeline.processDocument(file.bytes, { fileName: file.fileName });
  if (o.status === 'refused') {
    // Refused on arrival: nothing of it may be stored, neither a row nor the bytes.
    if (await getDocumentBySha(rt.store.db, o.sha256)) problems.push('refused file has a document row');
    if (await rt.blobs.has(o.sha256)) problems.push('refused file was stored as a blob');
    return { outcome: o.code, reason: o.reason };
  }
  const doc = await getDocument(rt.store.db, o.documentId);
  const n = await itemCount(rt, o.documentId);
  if (o.status === 'failed') {
    // Nothing half-stored: the row says failed, why, and holds no items.
    if (doc?.status !== 'failed' || doc.errorCode !== o.code || !doc.error) problems.push(`document row is ${doc?.status}/${doc?.errorCode}, not failed/${o.code} with a reason`);
    if (n !== 0) problems.push(`failed document has ${n} items`);
    return { outcome: o.code, reason: o.reason };
  }
  if (o.status === 'duplicate') return { outcome: 'duplicate' };
  if (doc?.status !== 'stored') problems.push(`document row is ${doc?.status}`);
  if (n === 0) problems.push('stored with no items');
  if (!doc?.fileNames.length) problems.push('file name not recorded');
  if (c.mustNotStore && (await storedText(rt, o.documentId)).includes(c.mustNotStore)) problems.push(`stored text contains ${c.mustNotStore}`);
  return { outcome: 'ok' };
}

/** Archives go the way a folder from a school does: written to disk, then imported. */
async function runImport(rt: Runtime, c: CorpusCase, file: { fileName: string; bytes: Uint8Array }, problems: string[]) {
  const root = await mkdtemp(path.join(os.tmpdir(), 'khcl-rel-'));
  const input = path.join(root, 'a', 'b', 'input');
  try {
    await mkdir(input, { recursive: true });
    await writeFile(path.join(input, file.fileName), file.bytes);
    const before = await docIds(rt);
    const result = await importPaths(rt, [input], { wait: true, pollMs: 50 });
    const created = [...(await docIds(rt))].filter((id) => !before.has(id));
    // Nothing written outside the input folder: only the archive itself is there, and no
    // zip-slip target exists anywhere a naive extractor would have put it.
    const left = await readdir(root, { recursive: true });
    if (left.some((f) => !['a', 'a/b', 'a/b/input', `a/b/input/${file.fileName}`].includes(f))) problems.push(`files appeared: ${left.join(', ')}`);
    for (const t of ZIP_SLIP_TARGETS) if (existsSync(path.resolve(input, t))) problems.push(`zip-slip wrote ${t}`);
    for (const id of created) {
      const doc = await getDocument(rt.store.db, id);
      const n = await itemCount(rt, id);
      if (doc?.status === 'stored' && n === 0) problems.push(`document ${id} stored with no items`);
      if (doc?.status === 'failed' && n > 0) problems.push(`failed document ${id} has ${n} items`);
      if (doc && doc.status !== 'stored' && doc.status !== 'failed') problems.push(`document ${id} left ${doc.status}`);
    }
    if (result.unfinished) problems.push(`${result.unfinished} unfinished`);
    const first = result.failures[0];
    if (!first) return { outcome: result.done > 0 ? 'ok' : 'nothing imported' };
    // The expected code must be among the failures; the good entries must still be stored.
    const want = 'code' in c.expect ? c.expect.code : undefined;
    const hit = result.failures.find((f) => f.code === want) ?? first;
    if (result.failures.some((f) => f.code !== hit.code)) problems.push(`other failures: ${result.failures.map((f) => `${f.name} ${f.code}`).join('; ')}`);
    return { outcome: String(hit.code), reason: `${hit.name}: ${hit.reason} (${result.failures.length} refused, ${result.done} stored)` };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

async function itemCount(rt: Runtime, id: number): Promise<number> {
  const [{ n }] = await rt.store.db.select({ n: count() }).from(items).where(eq(items.documentId, id));
  return Number(n);
}

async function docIds(rt: Runtime): Promise<Set<number>> {
  return new Set((await rt.store.db.select({ id: documents.id }).from(documents)).map((r) => r.id));
}

/** The stored layout and items as text, to look for payloads that must never be stored. */
async function storedText(rt: Runtime, id: number): Promise<string> {
  const [l] = await rt.store.db.select({ t: sql<string>`${layouts.layout}::text` }).from(layouts).where(eq(layouts.documentId, id));
  const rows = await rt.store.db.select().from(items).where(eq(items.documentId, id));
  return `${l?.t ?? ''}${JSON.stringify(rows)}`;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout;
  return Promise.race([p, new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), ms)))]).finally(() => clearTimeout(timer));
}

/**
 * The RSS high-water mark during a case. Sampling misses peaks inside synchronous work, so the
 * kernel's own maximum (resourceUsage().maxRSS) is used whenever this case raised it.
 */
function watchMemory() {
  const startMax = process.resourceUsage().maxRSS;
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10);
  return {
    stop(): number {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage.rss());
      const endMax = process.resourceUsage().maxRSS;
      const bytes = endMax > startMax ? endMax * 1024 : peak;
      return Math.round(bytes / 1024 / 1024);
    },
  };
}
