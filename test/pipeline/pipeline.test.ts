/**
 * processDocument and reextractDocuments on both databases, with the real readers and extractor
 * (and, where a test needs to see a rule change, an injected variant of the extractor).
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { extractDocument } from '../../src/extract/index.js';
import { ingest } from '../../src/ingest/registry.js';
import { loadDefaultExtractor, type Extractor } from '../../src/pipeline/index.js';
import { getDocument, getDocumentBySha, getStoredExtraction, itemShapeOf, rowToItem, sha256Hex } from '../../src/store/index.js';
import { DRIVERS } from '../store/support/databases.js';
import { generatePlanDocx } from './support/generate-docx.js';
import { documentOf, openTestRuntime, type TestRuntime } from './support/runtime.js';

const FIXTURES = path.resolve('fixtures');
const docxFixtures = (await readdir(FIXTURES)).filter((f) => f.endsWith('.docx')).sort();

/** The real rules with one change: every plan target is upper-cased. */
async function upperTargets(): Promise<Extractor> {
  const real = await loadDefaultExtractor();
  return {
    ...real,
    rulesVersion: `${real.rulesVersion}-upper`,
    extractDocuments: (layout) =>
      real.extractDocuments(layout).map((x) => ({ ...x, items: x.items.map((i) => ('target' in i && i.target ? { ...i, target: i.target.toUpperCase() } : i)) })),
  };
}

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`pipeline on ${d.title}`, () => {
    let rt: TestRuntime;
    let ingestCalls = 0;
    beforeAll(async () => {
      rt = await openTestRuntime(d.driver, {
        pipeline: {
          ingest: async (bytes, options) => {
            ingestCalls++;
            return ingest(bytes, options);
          },
        },
      });
    });
    afterAll(async () => rt?.dispose());

    it.each(docxFixtures)('stores %s with exactly the items the extractor gives', async (name) => {
      const bytes = new Uint8Array(await readFile(path.join(FIXTURES, name)));
      const outcome = await rt.pipeline.processDocument(bytes, { fileName: name });
      expect(outcome).toMatchObject({ status: 'stored' });
      const stored = (await getStoredExtraction(rt.store.db, documentOf(outcome)))!;
      const expected = extractDocument(await ingest(bytes));
      const shape = itemShapeOf(stored.document.kind, stored.document.form);
      expect(stored.items.map((r) => rowToItem(r, shape))).toEqual(expected.items);
      expect(stored.document).toMatchObject({ status: 'stored', kind: expected.kind, school: expected.document.school, fileNames: [name] });
    });

    it('reports the same bytes again as a duplicate of the same document', async () => {
      const bytes = new Uint8Array(await readFile(path.join(FIXTURES, docxFixtures[0])));
      const first = await rt.pipeline.processDocument(bytes, { fileName: 'again.docx' });
      expect(first).toMatchObject({ status: 'duplicate' });
      expect((await getDocument(rt.store.db, documentOf(first)))!.fileNames).toEqual([docxFixtures[0], 'again.docx']);
    });

    it('refuses a text file and an empty file before storing anything: no blob, no row', async () => {
      const notes = new TextEncoder().encode('just some notes');
      const outcome = await rt.pipeline.processDocument(notes, { fileName: 'notes.docx' });
      expect(outcome).toMatchObject({ status: 'refused', code: 'file.unsupported', reason: expect.stringMatching(/plain text/) });
      expect(await rt.pipeline.processDocument(new Uint8Array(0))).toMatchObject({ status: 'refused', code: 'file.empty' });
      for (const bytes of [notes, new Uint8Array(0)]) {
        expect(await getDocumentBySha(rt.store.db, sha256Hex(bytes))).toBeUndefined();
        expect(await rt.blobs.has(sha256Hex(bytes))).toBe(false);
      }
    });

    it('fails a damaged DOCX as file.corrupt, recorded on the document', async () => {
      const { bytes } = await generatePlanDocx(900);
      const damaged = await rt.pipeline.processDocument(bytes.subarray(0, bytes.length / 2), { fileName: 'half.docx' });
      expect(damaged).toMatchObject({ status: 'failed', code: 'file.corrupt' });
      expect(await getDocument(rt.store.db, documentOf(damaged))).toMatchObject({ status: 'failed', errorCode: 'file.corrupt' });
    });

    it('processes a failed document again when it comes again, and says it failed before', async () => {
      const { bytes } = await generatePlanDocx(901);
      let fail = true;
      const flaky = await openFlaky(rt, () => fail);
      expect(await flaky.processDocument(bytes)).toMatchObject({ status: 'failed', code: 'file.corrupt' });
      fail = false; // the reader improved
      const again = await flaky.admit(bytes, { fileName: 'p901-again.docx' });
      expect(again).toMatchObject({ action: 'process', created: false, retried: { code: 'file.corrupt', reason: 'the reader could not read it' } });
      expect(await flaky.processDocument(bytes)).toMatchObject({ status: 'stored' });
      // Stored now: a third arrival is a duplicate, not a retry.
      expect(await flaky.admit(bytes)).toMatchObject({ action: 'duplicate' });
    });

    it('leaves a document a worker is reading or extracting in its state when another name of it arrives', async () => {
      const { bytes } = await generatePlanDocx(902);
      const first = await rt.pipeline.admit(bytes, { fileName: 'p902.docx' });
      expect(first).toMatchObject({ action: 'process', created: true });
      const id = first.action === 'process' ? first.document.id : -1;
      await rt.pipeline.ingestStored(id);
      expect(await getDocument(rt.store.db, id)).toMatchObject({ status: 'extracting' });
      // The second name: its import queues nothing new (the job is live), and the state must not
      // go back to "queued", else the extraction finishing first would leave it there for good.
      expect(await rt.pipeline.admit(bytes, { fileName: 'copy/p902.docx' })).toMatchObject({ action: 'process', created: false });
      expect(await getDocument(rt.store.db, id)).toMatchObject({ status: 'extracting' });
      await rt.pipeline.extractStored(id);
      expect(await getDocument(rt.store.db, id)).toMatchObject({ status: 'stored', fileNames: ['p902.docx', 'copy/p902.docx'] });
    });

    it('re-extracts from stored layouts, reports the changed field, and never reads a file again', async () => {
      const before = ingestCalls;
      const variant = await upperTargets();
      const report = await rt.pipeline.reextractDocuments({}, { extractor: variant });
      expect(ingestCalls).toBe(before);
      expect(report.rulesVersion).toBe(variant.rulesVersion);
      expect(report.changed).toBeGreaterThan(0);
      expect(Object.keys(report.items.fields)).toEqual(['target']);
      expect(report.items).toMatchObject({ added: 0, removed: 0 });
      expect(report.failed).toEqual([]);
      const one = report.changedDocuments[0];
      const stored = (await getStoredExtraction(rt.store.db, one.documentId))!;
      expect(stored.document.rulesVersion).toBe(variant.rulesVersion);
      const targets = stored.items.map((i) => i.target).filter(Boolean);
      expect(targets.every((t) => t === t!.toUpperCase())).toBe(true);

      // The same rules again: nothing changes.
      const again = await rt.pipeline.reextractDocuments({}, { extractor: variant });
      expect(again).toMatchObject({ changed: 0, unchanged: again.documents });
      // Back to the real rules: the same items change back.
      const back = await rt.pipeline.reextractDocuments();
      expect(back.changed).toBe(report.changed);
      expect(back.items.fields).toEqual(report.items.fields);
    });

    it('re-extracts only documents behind the given rules version', async () => {
      const real = await loadDefaultExtractor();
      const next: Extractor = { ...real, rulesVersion: '99.x', isOlder: (a, b) => Number(a.split('.')[0]) < Number(b.split('.')[0]) };
      const first = await rt.pipeline.reextractDocuments({ rulesBefore: '99.x' }, { extractor: next });
      expect(first.documents).toBeGreaterThan(0);
      const second = await rt.pipeline.reextractDocuments({ rulesBefore: '99.x' }, { extractor: next });
      expect(second.documents).toBe(0);
      await rt.pipeline.reextractDocuments(); // leave the store on the real rules
    });

    it('records a document the new rules cannot read as failed, keeping its items', async () => {
      const { bytes } = await generatePlanDocx(902);
      const stored = await rt.pipeline.processDocument(bytes, { fileName: 'p902.docx' });
      const real = await loadDefaultExtractor();
      const broken: Extractor = {
        ...real,
        rulesVersion: 'broken',
        extractDocuments: () => {
          throw new KhclError('extract.no_table');
        },
      };
      const report = await rt.pipeline.reextractDocuments({ documentIds: [documentOf(stored)] }, { extractor: broken });
      expect(report.failed).toEqual([{ documentId: documentOf(stored), fileName: 'p902.docx', code: 'extract.no_table', reason: expect.any(String) }]);
      const after = (await getStoredExtraction(rt.store.db, documentOf(stored)))!;
      expect(after.document).toMatchObject({ status: 'failed', errorCode: 'extract.no_table' });
      expect(after.items.length).toBeGreaterThan(0);
    });
  });
}

/** A second pipeline over the same store whose reader fails (for good) while `failing()` says so. */
async function openFlaky(rt: TestRuntime, failing: () => boolean) {
  const { createPipeline } = await import('../../src/pipeline/index.js');
  return createPipeline({
    db: rt.store.db,
    blobs: rt.blobs,
    ingest: async (bytes, options) => {
      if (failing()) throw new KhclError('file.corrupt', 'the reader could not read it');
      return ingest(bytes, options);
    },
  });
}
