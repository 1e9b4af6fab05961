/**
 * Binders in the store (issue 19), on both databases: three fixture PDFs joined into one file (the
 * plan of one school, a report, the plan of another school and year) are imported as three
 * documents, each with its own metadata, items and page range, the file stored once; importing it
 * again adds nothing; re-extraction that cuts the file otherwise removes and re-creates documents
 * and reports it.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { count, eq } from 'drizzle-orm';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summarize } from '../../src/cli/commands/import.js';
import { documentDetail, documentStatus } from '../../src/query/index.js';
import { loadDefaultExtractor, type Extractor } from '../../src/pipeline/index.js';
import { describeDocuments } from '../../src/extract/segment-text.js';
import { countBinders, derivedItemSumCells, documents, items, itemSumCells, latestBinders, sha256Hex } from '../../src/store/index.js';
import { importPaths } from '../../workers/importer.js';
import { DRIVERS } from '../store/support/databases.js';
import { openTestRuntime, type TestRuntime } from './support/runtime.js';

const FIXTURES = path.resolve('fixtures');
const PARTS = ['kh-2021-mn-thanhyen', 'bc-2021-mn-ketqua', 'kh-2024-mn-7cot'];

interface Expected {
  kind: string;
  document: { school: string | null; schoolYear: string | null };
  items: unknown[];
}

/** The parts' PDFs one after another, and each part's pages in the binder. */
async function joinFixtures(): Promise<{ pdf: Uint8Array; pages: [number, number][]; expected: Expected[] }> {
  const binder = await PDFDocument.create();
  const pages: [number, number][] = [];
  const expected: Expected[] = [];
  for (const name of PARTS) {
    const source = await PDFDocument.load(await readFile(path.join(FIXTURES, `${name}.pdf`)));
    const first = binder.getPageCount() + 1;
    for (const page of await binder.copyPages(source, source.getPageIndices())) binder.addPage(page);
    pages.push([first, binder.getPageCount()]);
    expected.push(JSON.parse(await readFile(path.join(FIXTURES, `${name}.expected.json`), 'utf8')) as Expected);
  }
  return { pdf: await binder.save(), pages, expected };
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`binders on ${d.title}`, () => {
    let rt: TestRuntime;
    let binder: Awaited<ReturnType<typeof joinFixtures>>;
    let folder: string;
    beforeAll(async () => {
      rt = await openTestRuntime(d.driver);
      binder = await joinFixtures();
      folder = path.join(rt.dir, 'archive');
      await mkdir(folder);
      await writeFile(path.join(folder, 'binder.pdf'), binder.pdf);
    });
    afterAll(async () => rt?.dispose());

    const rowsOfBinder = () =>
      rt.store.db.select().from(documents).where(eq(documents.sha256, sha256Hex(binder.pdf))).orderBy(documents.id);
    const itemsOf = async (id: number) => Number((await rt.store.db.select({ n: count() }).from(items).where(eq(items.documentId, id)))[0].n);

    it('imports a binder of three as three documents, each with its school, year, kind, items and pages', async () => {
      const result = await importPaths(rt, [folder], { pollMs: 50 });
      expect(result).toMatchObject({ found: 1, done: 1, failed: 0, documents: 3 });
      const [file] = result.files;
      expect(file.documents?.map((x) => [x.segment.pages?.first, x.segment.pages?.last])).toEqual(binder.pages);
      const ranges = binder.pages.map(([a, b]) => `${a}–${b}`).join(', ');
      expect(summarize(result, rt.queue.backend)).toContain(`binder.pdf → 3 documents (pages ${ranges})`);
      expect(summarize(result, rt.queue.backend)).toContain('1 stored (3 documents)');

      const rows = await rowsOfBinder();
      expect(rows).toHaveLength(3);
      const [own, ...others] = rows;
      expect(own.fileId).toBeNull();
      expect(others.map((r) => [r.fileId, r.segmentNumber])).toEqual([
        [own.id, 2],
        [own.id, 3],
      ]);
      for (const [i, row] of rows.entries()) {
        const want = binder.expected[i];
        expect(row, PARTS[i]).toMatchObject({ status: 'stored', kind: want.kind, schoolYear: want.document.schoolYear, fileNames: ['archive/binder.pdf'] });
        if (want.document.school) expect(row.school).toBe(want.document.school);
        expect(row.segment).toMatchObject({ number: i + 1, of: 3, pages: { first: binder.pages[i][0], last: binder.pages[i][1] } });
        expect(await itemsOf(row.id), PARTS[i]).toBe(want.items.length);
        // No document is told it is several: each was read on its own.
        expect(row.issues.map((x) => x.code)).not.toContain('document.several');
      }
      // The file is stored once; every document points to it.
      expect(await filesUnder(path.join(rt.dir, 'blobs'))).toEqual([sha256Hex(binder.pdf)]);
      const detail = await documentDetail(rt.store.db, others[0].id);
      expect(detail).toMatchObject({ fileId: own.id, hasLayout: true, segment: { number: 2 } });
      expect(detail?.documentsOfFile.map((x) => x.id)).toEqual(rows.map((r) => r.id));
      expect((await documentStatus(rt.store.db, own.id))?.documentsOfFile.map((x) => x.id)).toEqual(rows.map((r) => r.id));
      // What `khcl status` lists.
      const [listed] = await latestBinders(rt.store.db);
      expect(describeDocuments(listed.file.fileNames[0], listed.documents.map((x) => x.segment))).toBe(`archive/binder.pdf → 3 documents (pages ${ranges})`);
      expect(await countBinders(rt.store.db)).toBe(1);
    });

    it('adds nothing when the binder is imported again', async () => {
      const before = await rowsOfBinder();
      const result = await importPaths(rt, [folder], { pollMs: 50 });
      expect(result).toMatchObject({ found: 1, queued: 0, done: 0, skipped: 1, failed: 0 });
      const after = await rowsOfBinder();
      expect(after.map((r) => [r.id, r.updatedAt])).toEqual(before.map((r) => [r.id, r.updatedAt]));
      expect(await filesUnder(path.join(rt.dir, 'blobs'))).toHaveLength(1);
    });

    it('re-extracts a binder from its stored layout: no change under the same rules; a new cut removes and re-creates documents, reported', async () => {
      const same = await rt.pipeline.reextractDocuments();
      expect(same).toMatchObject({ documents: 3, changed: 0, failed: [] });

      const before = await rowsOfBinder();
      const total = before.length ? (await Promise.all(before.map((r) => itemsOf(r.id)))).reduce((a, b) => a + b, 0) : 0;
      const real = await loadDefaultExtractor();
      // Rules that find only the first two documents of a file: the third's row and items go.
      const twoOnly: Extractor = {
        ...real,
        rulesVersion: `${real.rulesVersion}-two`,
        extractDocuments: (layout) => real.extractDocuments(layout).slice(0, 2).map((x) => ({ ...x, segment: x.segment && { ...x.segment, of: 2 } })),
      };
      // Asked for the second document: the whole file is cut again.
      const cut = await rt.pipeline.reextractDocuments({ documentIds: [before[1].id] }, { extractor: twoOnly });
      const third = binder.expected[2].items.length;
      expect(cut).toMatchObject({ documents: 3, failed: [], items: { removed: third, added: 0 } });
      expect(cut.documentFields.segment).toBe(3);
      const after = await rowsOfBinder();
      expect(after.map((r) => r.id)).toEqual(before.slice(0, 2).map((r) => r.id));
      expect(after.map((r) => r.segment?.of)).toEqual([2, 2]);
      // The item sums the analysts' totals read lost the removed document's items with it.
      expect(await itemSumCells(rt.store.db)).toEqual(await derivedItemSumCells(rt.store.db));

      // The real rules again: the third document is back, with its items, under a new row.
      const back = await rt.pipeline.reextractDocuments({}, { extractor: real });
      expect(back).toMatchObject({ failed: [], items: { added: third, removed: 0 } });
      const restored = await rowsOfBinder();
      expect(restored).toHaveLength(3);
      expect(restored[2]).toMatchObject({ fileId: before[0].id, segmentNumber: 3, kind: binder.expected[2].kind, schoolYear: binder.expected[2].document.schoolYear });
      expect((await Promise.all(restored.map((r) => itemsOf(r.id)))).reduce((a, b) => a + b, 0)).toBe(total);
      expect(await itemSumCells(rt.store.db)).toEqual(await derivedItemSumCells(rt.store.db));
    });
  });
}
