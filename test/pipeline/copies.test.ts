/**
 * One plan stored twice as different bytes (the DOCX and its scan) is counted once: through the
 * real readers, extractor and pipeline, on both databases. The scan is OCR'd once for the whole
 * file (its Layout is cached by hash); every pipeline still calls the reader for it.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest, type IngestOptions } from '../../src/ingest/registry.js';
import type { Layout } from '../../src/layout/layout.js';
import { loadDefaultExtractor, type Extractor } from '../../src/pipeline/index.js';
import { ItemFilterSchema, listItems, sumBudget } from '../../src/query/index.js';
import { getDocument, getStoredExtraction, sha256Hex } from '../../src/store/index.js';
import { DRIVERS } from '../store/support/databases.js';
import { generatePlanDocx } from './support/generate-docx.js';
import { documentOf, openTestRuntime, type TestRuntime } from './support/runtime.js';

const FIXTURES = path.resolve('fixtures');
const CASE = 'kh-2024-mn-tayuc';
const SLOW = 5 * 60_000;

const layouts = new Map<string, Promise<Layout>>();
const cachedIngest = (bytes: Uint8Array, options: IngestOptions) => {
  const key = sha256Hex(bytes);
  if (!layouts.has(key)) layouts.set(key, ingest(bytes, options));
  return layouts.get(key)!;
};

const fixture = async (ext: string) => new Uint8Array(await readFile(path.join(FIXTURES, `${CASE}.${ext}`)));
const filter = (f: Record<string, unknown>) => ItemFilterSchema.parse(f);

/** The real rules, except that the school year is read as another one. */
async function anotherYear(): Promise<Extractor> {
  const real = await loadDefaultExtractor();
  return { ...real, rulesVersion: `${real.rulesVersion}-year`, extractDocuments: (l) => real.extractDocuments(l).map((x) => ({ ...x, document: { ...x.document, schoolYear: '2030-2035' } })) };
}

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`copies of one plan on ${d.title}`, () => {
    const runtimes: TestRuntime[] = [];
    const open = async () => {
      const rt = await openTestRuntime(d.driver, { pipeline: { ingest: cachedIngest } });
      runtimes.push(rt);
      return rt;
    };
    afterAll(async () => {
      for (const rt of runtimes) await rt.dispose();
    });

    /** Store files in this order; their document ids. */
    const store = async (rt: TestRuntime, files: [string, Uint8Array][]) => {
      const ids: Record<string, number> = {};
      for (const [name, bytes] of files) {
        const outcome = await rt.pipeline.processDocument(bytes, { fileName: name });
        expect(outcome, name).toMatchObject({ status: 'stored' });
        ids[name] = documentOf(outcome);
      }
      return ids;
    };
    const duplicateOf = async (rt: TestRuntime, id: number) => (await getDocument(rt.store.db, id))!.duplicateOf;

    describe('the DOCX first, then its scan', () => {
      let rt: TestRuntime;
      let ids: Record<string, number>;
      beforeAll(async () => {
        rt = await open();
        ids = await store(rt, [
          ['tayuc.docx', await fixture('docx')],
          ['tayuc.scan.pdf', await fixture('scan.pdf')],
        ]);
      }, SLOW);

      it('marks the scan a copy of the DOCX', async () => {
        expect(await duplicateOf(rt, ids['tayuc.docx'])).toBeNull();
        expect(await duplicateOf(rt, ids['tayuc.scan.pdf'])).toBe(ids['tayuc.docx']);
      });

      it("sums a standard as the DOCX alone does, and twice that only when copies are asked for", async () => {
        const docx = (await getStoredExtraction(rt.store.db, ids['tayuc.docx']))!.items.filter((i) => i.standard === 3);
        expect(docx.length).toBeGreaterThan(0);
        const single = { items: docx.length, withBudget: docx.filter((i) => i.budgetVnd !== null).length, totalVnd: docx.reduce((t, i) => t + (i.budgetVnd ?? 0), 0), documents: 1 };

        const sum = await sumBudget(rt.store.db, 'standard', filter({ standard: '3', schoolLevel: 'preschool', schoolYear: '2024-2025' }));
        expect(sum.groups).toHaveLength(1);
        expect(sum.groups[0]).toMatchObject({ key: { circular: '19/2018', standard: 3 }, ...single });
        expect(sum.total).toEqual(single);

        const both = await sumBudget(rt.store.db, 'standard', filter({ standard: '3', schoolLevel: 'preschool', schoolYear: '2024-2025', includeDuplicates: 'true' }));
        expect(both.total).toEqual({ items: 2 * single.items, withBudget: 2 * single.withBudget, totalVnd: 2 * single.totalVnd, documents: 2 });
      });

      it('lists each item once, and the copy\'s items only when asked', async () => {
        const page = { limit: 200, offset: 0 };
        const once = await listItems(rt.store.db, filter({}), page);
        expect(new Set(once.items.map((i) => i.documentId))).toEqual(new Set([ids['tayuc.docx']]));
        const twice = await listItems(rt.store.db, filter({ includeDuplicates: true }), page);
        expect(twice.total).toBe(2 * once.total);
        expect(twice.items.filter((i) => i.documentId === ids['tayuc.scan.pdf']).every((i) => i.duplicateOf === ids['tayuc.docx'])).toBe(true);
      });

      it('decides again when a copy is re-extracted, from its stored layout', async () => {
        const scan = ids['tayuc.scan.pdf'];
        const moved = await rt.pipeline.reextractDocuments({ documentIds: [scan] }, { extractor: await anotherYear() });
        expect(moved).toMatchObject({ changed: 1, copiesChanged: 1 });
        expect(await duplicateOf(rt, scan)).toBeNull();
        const back = await rt.pipeline.reextractDocuments({ documentIds: [scan] });
        expect(back).toMatchObject({ changed: 1, copiesChanged: 1 });
        expect(await duplicateOf(rt, scan)).toBe(ids['tayuc.docx']);
      });
    });

    describe('the scan first, then the text PDF, then the DOCX', () => {
      let rt: TestRuntime;
      beforeAll(async () => {
        rt = await open();
      });

      it('hands the original role to the better copy as each arrives', async () => {
        const { scan } = await store(rt, [['scan', await fixture('scan.pdf')]]);
        expect(await duplicateOf(rt, scan)).toBeNull();
        const { pdf } = await store(rt, [['pdf', await fixture('pdf')]]);
        expect([await duplicateOf(rt, scan), await duplicateOf(rt, pdf)]).toEqual([pdf, null]);
        const { docx } = await store(rt, [['docx', await fixture('docx')]]);
        expect([await duplicateOf(rt, scan), await duplicateOf(rt, pdf), await duplicateOf(rt, docx)]).toEqual([docx, docx, null]);

        const all = await sumBudget(rt.store.db, 'school', filter({}));
        const docxItems = (await getStoredExtraction(rt.store.db, docx))!.items;
        expect(all.total).toMatchObject({ items: docxItems.length, documents: 1 });
        expect((await sumBudget(rt.store.db, 'school', filter({ includeDuplicates: 'yes' }))).total).toMatchObject({ items: 3 * docxItems.length, documents: 3 });
      }, SLOW);
    });

    describe('plans that are not copies', () => {
      let rt: TestRuntime;
      beforeAll(async () => {
        rt = await open();
      });

      it('counts one plan stored as two DOCX files once, with its budget', async () => {
        const a = await generatePlanDocx(41, 4, { creator: 'Văn thư' });
        const b = await generatePlanDocx(41, 4, { creator: 'Hiệu trưởng' });
        expect(sha256Hex(a.bytes)).not.toBe(sha256Hex(b.bytes));
        const ids = await store(rt, [
          ['p41.docx', a.bytes],
          ['p41 (1).docx', b.bytes],
        ]);
        expect(await duplicateOf(rt, ids['p41 (1).docx'])).toBe(ids['p41.docx']);
        const sum = await sumBudget(rt.store.db, 'school', filter({ school: 'số 41' }));
        // Amounts of seed 41: (41 + row + 1) million for rows 0..3.
        expect(sum.total).toEqual({ items: 4, withBudget: 4, totalVnd: (42 + 43 + 44 + 45) * 1_000_000, documents: 1 });
      });

      it('keeps one original of three copies stored at the same moment', async () => {
        const variants = await Promise.all(['a', 'b', 'c'].map((creator) => generatePlanDocx(44, 5, { creator })));
        const outcomes = await Promise.all(variants.map((v, i) => rt.pipeline.processDocument(v.bytes, { fileName: `p44-${i}.docx` })));
        const links = await Promise.all(outcomes.map((o) => duplicateOf(rt, documentOf(o))));
        const first = Math.min(...outcomes.map(documentOf));
        expect(links.sort()).toEqual([first, first, null].sort());
        expect((await sumBudget(rt.store.db, 'school', filter({ school: 'số 44' }))).total).toMatchObject({ items: 5, documents: 1 });
      });

      it('keeps two plans of one school for different school years apart', async () => {
        const ids = await store(rt, [
          ['p42-2023.docx', (await generatePlanDocx(42, 4, { year: 2023 })).bytes],
          ['p42-2024.docx', (await generatePlanDocx(42, 4, { year: 2024 })).bytes],
        ]);
        const docs = await Promise.all(Object.values(ids).map((id) => getDocument(rt.store.db, id)));
        expect(docs.map((x) => [x!.school, x!.schoolYear, x!.duplicateOf])).toEqual([
          ['Trường mầm non số 42', '2023-2024', null],
          ['Trường mầm non số 42', '2024-2025', null],
        ]);
        expect((await sumBudget(rt.store.db, 'school-year', filter({ school: 'số 42' }))).total).toMatchObject({ items: 8, documents: 2 });
      });

      it('keeps a plan and its revision with other amounts apart', async () => {
        const ids = await store(rt, [
          ['p43.docx', (await generatePlanDocx(43, 3)).bytes],
          ['p43 sửa.docx', (await generatePlanDocx(43, 3, { extraMillions: 5 })).bytes],
        ]);
        expect(await duplicateOf(rt, ids['p43 sửa.docx'])).toBeNull();
      });
    });
  });
}
