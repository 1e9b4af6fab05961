/**
 * Bulk import with the in-process queue, on both databases: the fixtures folder, then again;
 * archives with bad, unsafe and bomb entries next to good ones.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { ingest, type IngestOptions } from '../../src/ingest/registry.js';
import type { Layout } from '../../src/layout/layout.js';
import { documents, getDocumentBySha, items, markFailed, sha256Hex } from '../../src/store/index.js';
import { importPaths } from '../../workers/importer.js';
import { DRIVERS } from '../store/support/databases.js';
import { generatePlanDocx } from './support/generate-docx.js';
import { openTestRuntime, type TestRuntime } from './support/runtime.js';
import { makeZip } from '../helpers/zip.js';

const FIXTURES = path.resolve('fixtures');
/** Scanned fixtures take OCR, half a minute each on a busy machine. */
const SLOW = 20 * 60_000;

// The readers' output does not depend on the database, so the second driver reuses the layouts
// the first one read instead of running OCR over the same scans again. The pipeline under test
// still calls the reader for every document.
const layoutCache = new Map<string, Promise<Layout>>();
const cachedIngest = (bytes: Uint8Array, options: IngestOptions) => {
  const key = sha256Hex(bytes);
  if (!layoutCache.has(key)) layoutCache.set(key, ingest(bytes, options));
  const hit = layoutCache.get(key)!;
  hit.catch(() => layoutCache.delete(key));
  return hit;
};

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`import on ${d.title}`, () => {
    let rt: TestRuntime;
    beforeAll(async () => {
      rt = await openTestRuntime(d.driver, { pipeline: { ingest: cachedIngest } });
    });
    afterAll(async () => rt?.dispose());

    const documentCount = async () => Number((await rt.store.db.select({ n: count() }).from(documents))[0].n);

    it('stores every fixture document and passes over the gold JSON beside them', async () => {
      // The .expected.json files are side files: a folder import counts them as passed over, unread.
      const all = (await readdir(FIXTURES)).sort();
      const files = all.filter((f) => !f.endsWith('.json'));
      const result = await importPaths(rt, [FIXTURES], { concurrency: 2, pollMs: 50 });
      expect(result).toMatchObject({ found: all.length, passedOver: all.length - files.length, skipped: 0, collected: true, pending: false, unfinished: 0 });
      expect(result.done + result.failed + result.passedOver).toBe(all.length);
      expect(result.files.filter((f) => f.status === 'passed-over').map((f) => path.basename(f.name))).toEqual(all.filter((f) => f.endsWith('.json')));
      for (const f of result.failures) {
        expect(f.code).toMatch(/^[a-z_]+(\.[a-z_]+)?$/);
        expect(f.reason.length).toBeGreaterThan(5);
      }
      expect(result.failures).toEqual([]);
      for (const name of files) {
        const { readFile } = await import('node:fs/promises');
        const doc = await getDocumentBySha(rt.store.db, sha256Hex(await readFile(path.join(FIXTURES, name))));
        expect(doc, name).toMatchObject({ status: 'stored', fileNames: [`fixtures/${name}`] });
      }
    }, SLOW);

    it('adds nothing when the same folder is imported again', async () => {
      const before = await documentCount();
      const itemCount = Number((await rt.store.db.select({ n: count() }).from(items))[0].n);
      const result = await importPaths(rt, [FIXTURES], { pollMs: 50 });
      expect(result).toMatchObject({ queued: 0, done: 0, failed: 0, unfinished: 0 });
      expect(result.skipped + result.passedOver).toBe(result.found);
      expect(result.files.filter((f) => f.status === 'skipped').every((f) => f.sameAs === undefined)).toBe(true);
      expect(await documentCount()).toBe(before);
      expect(Number((await rt.store.db.select({ n: count() }).from(items))[0].n)).toBe(itemCount);
    });

    it('imports a ZIP: a bad file is refused with its reason and nothing stored, unsafe entries and bombs are refused', async () => {
      const good = await Promise.all([1001, 1002, 1003].map((s) => generatePlanDocx(s)));
      const nested = makeZip([{ name: 'inner/p1004.docx', data: (await generatePlanDocx(1004)).bytes }]);
      const bad = new TextEncoder().encode('this is not a document at all');
      const zip = makeZip([
        { name: 'truong-a/p1001.docx', data: good[0].bytes },
        { name: 'truong-a/bad.docx', data: bad },
        { name: 'truong-b/p1002.docx', data: good[1].bytes },
        { name: '../escape.docx', data: good[2].bytes },
        { name: '/etc/abs.docx', data: good[2].bytes },
        { name: 'bomb.docx', data: new Uint8Array(20 * 1024 * 1024) },
        { name: '__MACOSX/._p1001.docx', data: 'resource fork' },
        { name: 'more.zip', data: nested, store: true },
      ]);
      const dir = path.join(rt.dir, 'in');
      await mkdir(dir, { recursive: true });
      const zipPath = path.join(dir, 'batch.zip');
      await writeFile(zipPath, zip);

      const result = await importPaths(rt, [zipPath], { pollMs: 50 });
      expect(result).toMatchObject({ found: 8, done: 3, skipped: 0, failed: 4, passedOver: 1, unfinished: 0 });
      const byName = Object.fromEntries(result.failures.map((f) => [f.name, f]));
      expect(byName['batch.zip:truong-a/bad.docx']).toMatchObject({ code: 'file.unsupported', reason: expect.stringMatching(/plain text/) });
      expect(byName['batch.zip:../escape.docx'].reason).toMatch(/relative path/);
      expect(byName['batch.zip:/etc/abs.docx'].reason).toMatch(/absolute path/);
      expect(byName['batch.zip:bomb.docx']).toMatchObject({ code: 'limit.exceeded' });

      // Recognised first: the text file left neither a row nor a blob.
      expect(await getDocumentBySha(rt.store.db, sha256Hex(bad))).toBeUndefined();
      expect(await rt.blobs.has(sha256Hex(bad))).toBe(false);
      for (const g of [good[0], good[1]]) expect(await getDocumentBySha(rt.store.db, sha256Hex(g.bytes))).toMatchObject({ status: 'stored' });
      expect(await getDocumentBySha(rt.store.db, sha256Hex(good[2].bytes))).toBeUndefined();
      const inner = await rt.store.db.select().from(documents).where(eq(documents.status, 'stored'));
      expect(inner.some((r) => r.fileNames.includes('batch.zip:more.zip:inner/p1004.docx'))).toBe(true);

      const before = await documentCount();
      const again = await importPaths(rt, [zipPath], { pollMs: 50 });
      expect(again).toMatchObject({ queued: 0, done: 0, skipped: 3, failed: 4, passedOver: 1 });
      expect(await documentCount()).toBe(before);
    });

    it('accounts for every name: one content under several names is stored once, the others skipped as the same content', async () => {
      const { bytes } = await generatePlanDocx(1010);
      const other = await generatePlanDocx(1011);
      const dir = path.join(rt.dir, 'copies');
      // 4 folders holding the same two plans (a and its copies, b): 8 names, 2 documents.
      for (const sub of ['k1', 'k2', 'k3', 'k4']) {
        await mkdir(path.join(dir, sub), { recursive: true });
        await writeFile(path.join(dir, sub, 'a.docx'), bytes);
        await writeFile(path.join(dir, sub, 'b.docx'), other.bytes);
      }
      await writeFile(path.join(dir, 'k1', 'a-copy.docx'), bytes);
      const result = await importPaths(rt, [dir], { concurrency: 2, pollMs: 50 });
      expect(result).toMatchObject({ found: 9, queued: 2, done: 2, failed: 0, skipped: 7, unfinished: 0, passedOver: 0 });
      expect(result.done + result.failed + result.skipped + result.passedOver + result.unfinished).toBe(result.found);
      const line = (name: string) => result.files.find((f) => f.name === name);
      expect(line('copies/k1/a-copy.docx')).toMatchObject({ status: 'stored' });
      expect(line('copies/k1/a.docx')).toMatchObject({ status: 'skipped', sameAs: 'copies/k1/a-copy.docx' });
      expect(line('copies/k4/b.docx')).toMatchObject({ status: 'skipped', sameAs: 'copies/k1/b.docx' });
      expect(result.files.map((f) => f.name)).toHaveLength(9);
      expect(new Set(result.files.map((f) => f.name)).size).toBe(9);
      const doc = await getDocumentBySha(rt.store.db, sha256Hex(bytes));
      expect(doc!.fileNames).toEqual(['copies/k1/a-copy.docx', 'copies/k1/a.docx', 'copies/k2/a.docx', 'copies/k3/a.docx', 'copies/k4/a.docx']);
    });

    it('passes over loose notes the same way in a folder and inside a ZIP, and counts them', async () => {
      const dir = path.join(rt.dir, 'loose');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'ghi-chu.txt'), 'notes');
      await writeFile(path.join(dir, 'danh-sach.json'), '{}');
      await writeFile(path.join(dir, '~$kh.docx'), 'Word owner file');
      await writeFile(path.join(dir, 'kh.docx'), (await generatePlanDocx(1012)).bytes);
      await writeFile(path.join(dir, 'hoso.zip'), makeZip([{ name: 'ghi-chu.txt', data: 'notes' }, { name: 'danh-sach.json', data: '{}' }, { name: 'p.docx', data: (await generatePlanDocx(1013)).bytes }]));
      const result = await importPaths(rt, [dir], { pollMs: 50 });
      expect(result).toMatchObject({ found: 7, done: 2, failed: 0, passedOver: 5 });
      expect(result.files.filter((f) => f.status === 'passed-over').map((f) => f.name).sort()).toEqual(
        ['loose/danh-sach.json', 'loose/ghi-chu.txt', 'loose/hoso.zip:danh-sach.json', 'loose/hoso.zip:ghi-chu.txt', 'loose/~$kh.docx'].sort(),
      );
    });

    it('tries a failed document again when it is imported again, and says so; two empty files are two refusals', async () => {
      const { bytes } = await generatePlanDocx(1014);
      const dir = path.join(rt.dir, 'retry');
      await mkdir(dir, { recursive: true });
      await writeFile(path.join(dir, 'kh.docx'), bytes);
      await writeFile(path.join(dir, 'rong-1.docx'), '');
      await writeFile(path.join(dir, 'rong-2.docx'), '');
      // The document failed in an earlier import (a reader since improved, say).
      const a = await rt.pipeline.admit(bytes, { fileName: 'retry/kh.docx' });
      if (a.action !== 'process') throw new Error(a.action);
      await markFailed(rt.store.db, a.document.id, 'file.corrupt', 'the old reader could not read it');

      const result = await importPaths(rt, [dir], { pollMs: 50 });
      expect(result).toMatchObject({ found: 3, done: 1, failed: 2, skipped: 0, retried: 1, unfinished: 0 });
      expect(result.files.find((f) => f.name === 'retry/kh.docx')).toMatchObject({ status: 'stored', retried: { code: 'file.corrupt', reason: 'the old reader could not read it' } });
      expect(result.failures.map((f) => [f.name, f.code])).toEqual([
        ['retry/rong-1.docx', 'file.empty'],
        ['retry/rong-2.docx', 'file.empty'],
      ]);
      expect(await getDocumentBySha(rt.store.db, sha256Hex(new Uint8Array(0)))).toBeUndefined();
    });

    it('reports a path that does not exist without stopping the others', async () => {
      const { bytes } = await generatePlanDocx(1005);
      const file = path.join(rt.dir, 'p1005.docx');
      await writeFile(file, bytes);
      const result = await importPaths(rt, [path.join(rt.dir, 'nope'), file], { pollMs: 50 });
      expect(result).toMatchObject({ found: 2, done: 1, failed: 1 });
      expect(result.failures[0]).toMatchObject({ code: 'file.not_found' });
    });
  });
}
