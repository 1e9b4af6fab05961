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
import { documents, getDocumentBySha, items, sha256Hex } from '../../src/store/index.js';
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
      // The .expected.json files are side files: a folder import does not offer them as documents.
      const files = (await readdir(FIXTURES)).filter((f) => !f.endsWith('.json')).sort();
      const result = await importPaths(rt, [FIXTURES], { concurrency: 2, pollMs: 50 });
      expect(result).toMatchObject({ found: files.length, skipped: 0, collected: true, pending: false });
      expect(result.done + result.failed).toBe(files.length);
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
      const failedNames = new Set(result.failures.map((f) => path.basename(f.name)));
      expect([...failedNames].some((n) => n.endsWith('.docx'))).toBe(false);
    }, SLOW);

    it('adds nothing when the same folder is imported again', async () => {
      const before = await documentCount();
      const itemCount = Number((await rt.store.db.select({ n: count() }).from(items))[0].n);
      const result = await importPaths(rt, [FIXTURES], { pollMs: 50 });
      expect(result).toMatchObject({ queued: 0, done: 0, failed: 0 });
      expect(result.skipped).toBe(result.found);
      expect(await documentCount()).toBe(before);
      expect(Number((await rt.store.db.select({ n: count() }).from(items))[0].n)).toBe(itemCount);
    });

    it('imports a ZIP: a bad file fails alone with its reason stored, unsafe entries and bombs are refused', async () => {
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
      expect(result).toMatchObject({ found: 7, done: 3, skipped: 0, failed: 4 });
      const byName = Object.fromEntries(result.failures.map((f) => [f.name, f]));
      expect(byName['batch.zip:truong-a/bad.docx']).toMatchObject({ code: 'file.unsupported' });
      expect(byName['batch.zip:../escape.docx'].reason).toMatch(/relative path/);
      expect(byName['batch.zip:/etc/abs.docx'].reason).toMatch(/absolute path/);
      expect(byName['batch.zip:bomb.docx']).toMatchObject({ code: 'limit.exceeded' });

      const badDoc = await getDocumentBySha(rt.store.db, sha256Hex(bad));
      expect(badDoc).toMatchObject({ status: 'failed', errorCode: 'file.unsupported', error: expect.stringMatching(/plain text/), fileNames: ['batch.zip:truong-a/bad.docx'] });
      for (const g of [good[0], good[1]]) expect(await getDocumentBySha(rt.store.db, sha256Hex(g.bytes))).toMatchObject({ status: 'stored' });
      expect(await getDocumentBySha(rt.store.db, sha256Hex(good[2].bytes))).toBeUndefined();
      const inner = await rt.store.db.select().from(documents).where(eq(documents.status, 'stored'));
      expect(inner.some((r) => r.fileNames.includes('batch.zip:more.zip:inner/p1004.docx'))).toBe(true);

      const before = await documentCount();
      const again = await importPaths(rt, [zipPath], { pollMs: 50 });
      expect(again).toMatchObject({ queued: 0, done: 0, skipped: 4 });
      expect(await documentCount()).toBe(before);
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
