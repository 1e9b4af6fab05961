/**
 * The store suite, run on every database: PGlite in memory always, PostgreSQL when DATABASE_URL
 * is set (CI sets it). Each driver gets its own fresh database for the file.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import {
  countByStatus,
  documents,
  extractionToRows,
  failedDocuments,
  finishRun,
  getLayout,
  getStoredExtraction,
  itemShapeOf,
  items,
  layoutsToReextract,
  markFailed,
  migrateStore,
  recentRuns,
  registerDocument,
  replaceExtraction,
  rowToFocusIssue,
  rowToItem,
  rowToMonitoring,
  rulesVersionsInUse,
  saveLayout,
  setStatus,
  startRun,
} from '../../src/store/index.js';
import { DRIVERS, openTestStore, type TestStore } from './support/databases.js';
import { planExtraction, reportItem, taskExtraction, tinyLayout } from './support/samples.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`store on ${d.title}`, () => {
    let s: TestStore;
    beforeAll(async () => {
      s = await openTestStore(d.driver);
    });
    afterAll(async () => s?.dispose());

    it('applies migrations again without error (every start migrates)', async () => {
      await migrateStore(s, s.target);
      const [row] = await s.db.select({ n: sql<number>`count(*)::int` }).from(documents);
      expect(row.n).toBeGreaterThanOrEqual(0);
    });

    it('registers the same bytes once and remembers every name they came under', async () => {
      const a = await registerDocument(s.db, { sha256: sha(1), size: 10, fileName: 'a.docx' });
      const b = await registerDocument(s.db, { sha256: sha(1), size: 10, fileName: 'copy/a.docx' });
      const c = await registerDocument(s.db, { sha256: sha(1), size: 10, fileName: 'a.docx' });
      expect(a.created).toBe(true);
      expect(b.created).toBe(false);
      expect(c.document.id).toBe(a.document.id);
      expect(c.document.fileNames).toEqual(['a.docx', 'copy/a.docx']);
      expect(a.document.status).toBe('queued');
    });

    it('registers concurrently arriving copies of one file as one document', async () => {
      const results = await Promise.all(
        Array.from({ length: 8 }, (_, i) => registerDocument(s.db, { sha256: sha(2), size: 5, fileName: `n${i}.docx` })),
      );
      expect(new Set(results.map((r) => r.document.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
    });

    it('stores a layout as JSON and moves the document to extracting', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(3), size: 5 });
      await saveLayout(s.db, document.id, tinyLayout('x'), 'application/test');
      expect(await getLayout(s.db, document.id)).toEqual(tinyLayout('x'));
      const stored = await getStoredExtraction(s.db, document.id);
      expect(stored?.document).toMatchObject({ status: 'extracting', format: 'docx', mediaType: 'application/test' });
    });

    it('round-trips every contract field of plan items through typed columns', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(4), size: 5 });
      const x = planExtraction(3);
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, x), 'r1');
      const stored = (await getStoredExtraction(s.db, document.id))!;
      expect(stored.document).toMatchObject({ status: 'stored', rulesVersion: 'r1', kind: 'plan', schoolYear: '2023-2024', issuedOn: '2023-10-01', issues: x.issues });
      const shape = itemShapeOf(stored.document.kind, stored.document.form);
      expect(stored.items.map((r) => rowToItem(r, shape))).toEqual(x.items);
      // SQL sees real types: a bigint amount, months as dates, owners as an array.
      const [raw] = await s.db
        .select({ budget: sql<string>`${items.budgetVnd}::text`, start: sql<string>`${items.timelineStart}::text`, owners: items.owners })
        .from(items)
        .where(and(eq(items.documentId, document.id), eq(items.ordinal, 0)));
      expect(raw).toMatchObject({ budget: '25000000000', start: '2023-09-01', owners: ['Hiệu trưởng', 'tổ chuyên môn'] });
    });

    it('round-trips task items, focus issues and monitoring rows of the 2026 form', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(5), size: 5 });
      const x = taskExtraction();
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, x), 'r1');
      const stored = (await getStoredExtraction(s.db, document.id))!;
      expect(itemShapeOf(stored.document.kind, stored.document.form)).toBe('task');
      expect(stored.items.map((r) => rowToItem(r, 'task'))).toEqual(x.items);
      expect(stored.focusIssues.map(rowToFocusIssue)).toEqual(x.focusIssues);
      expect(stored.monitoring.map(rowToMonitoring)).toEqual(x.monitoring);
    });

    it('round-trips report items', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(6), size: 5 });
      const x = { ...planExtraction(0), kind: 'report' as const, items: [reportItem(1), reportItem(2)] };
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, x), 'r1');
      const stored = (await getStoredExtraction(s.db, document.id))!;
      expect(stored.items.map((r) => rowToItem(r, 'report'))).toEqual(x.items);
    });

    it('replaces all rows of a document at once, and keeps the old ones when the write fails', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(7), size: 5 });
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, taskExtraction()), 'r1');
      const fewer = extractionToRows(document.id, planExtraction(1));
      await replaceExtraction(s.db, document.id, fewer, 'r2');
      let stored = (await getStoredExtraction(s.db, document.id))!;
      expect([stored.items.length, stored.focusIssues.length, stored.monitoring.length]).toEqual([1, 0, 0]);

      // The second item breaks a NOT NULL column: the delete and the first insert roll back too.
      const broken = extractionToRows(document.id, planExtraction(4));
      broken.items[1] = { ...broken.items[1], provenance: null as never };
      await expect(replaceExtraction(s.db, document.id, broken, 'r3')).rejects.toThrow();
      stored = (await getStoredExtraction(s.db, document.id))!;
      expect(stored.items).toHaveLength(1);
      expect(stored.document.rulesVersion).toBe('r2');
    });

    it('serialises concurrent replacements of one document: never a mix of two', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(8), size: 5 });
      const writes = [2, 5, 3, 7, 4].map((n) => replaceExtraction(s.db, document.id, extractionToRows(document.id, planExtraction(n)), `r${n}`));
      await Promise.all(writes);
      const stored = (await getStoredExtraction(s.db, document.id))!;
      expect(stored.items.length).toBe(Number(stored.document.rulesVersion!.slice(1)));
      expect(stored.items.map((i) => i.ordinal)).toEqual(stored.items.map((_, i) => i));
    });

    it('can keep the rows and only stamp the rules version when nothing changed', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(9), size: 5 });
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, planExtraction(2)), 'r1');
      const result = await replaceExtraction(s.db, document.id, extractionToRows(document.id, planExtraction(5)), 'r2', {
        shouldWrite: (prev) => prev.items.length !== 2,
      });
      expect(result).toMatchObject({ written: false });
      expect(result.previous.items).toHaveLength(2);
      const stored = (await getStoredExtraction(s.db, document.id))!;
      expect([stored.items.length, stored.document.rulesVersion]).toEqual([2, 'r2']);
    });

    it('records a failure with code and reason, keeping earlier items, and lists it', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(10), size: 5, fileName: 'bad.docx' });
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, planExtraction(2)), 'r1');
      await markFailed(s.db, document.id, 'file.corrupt', 'the ZIP container is damaged');
      const failed = await failedDocuments(s.db);
      expect(failed[0]).toMatchObject({ id: document.id, status: 'failed', errorCode: 'file.corrupt', error: 'the ZIP container is damaged' });
      expect((await getStoredExtraction(s.db, document.id))!.items).toHaveLength(2);
      const counts = await countByStatus(s.db, [document.id]);
      expect(counts).toEqual({ queued: 0, ingesting: 0, extracting: 0, stored: 0, failed: 1 });
      await setStatus(s.db, document.id, 'queued');
      expect((await getStoredExtraction(s.db, document.id))!.document).toMatchObject({ status: 'queued', errorCode: null, error: null });
    });

    it('rejects a status outside the five', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(11), size: 5 });
      await expect(s.db.update(documents).set({ status: 'lost' as never }).where(eq(documents.id, document.id))).rejects.toThrow();
    });

    it('pages through layouts to re-extract, filtered by kind, school year and rules version', async () => {
      const ids: number[] = [];
      for (let i = 0; i < 7; i++) {
        const { document } = await registerDocument(s.db, { sha256: sha(100 + i), size: 5 });
        await saveLayout(s.db, document.id, tinyLayout(String(i)));
        const x = planExtraction(1, { schoolYear: i % 2 ? '2022-2023' : '2023-2024' });
        if (i < 6) await replaceExtraction(s.db, document.id, extractionToRows(document.id, i === 5 ? { ...x, kind: 'report' } : x), i < 3 ? 'old' : 'new');
        ids.push(document.id);
      }
      const collect = async (f: Parameters<typeof layoutsToReextract>[1]) => {
        const out: number[] = [];
        for await (const batch of layoutsToReextract(s.db, { ...f, documentIds: ids }, 2)) out.push(...batch.map((b) => b.document.id));
        return out;
      };
      expect(await collect({})).toEqual(ids);
      expect(await collect({ kind: 'report' })).toEqual([ids[5]]);
      expect(await collect({ schoolYear: '2022-2023' })).toEqual([ids[1], ids[3], ids[5]]);
      expect(await collect({ rulesVersions: ['old', null] })).toEqual([ids[0], ids[1], ids[2], ids[6]]);
      expect(await rulesVersionsInUse(s.db)).toEqual(expect.arrayContaining(['old', 'new', null]));
    });

    it('records extraction runs with their change summary', async () => {
      const id = await startRun(s.db, 'r9', { kind: 'plan' });
      await finishRun(s.db, id, { documents: 3, changed: 1, failed: 0, itemsAdded: 2, itemsRemoved: 0, changes: { items: { added: 2, removed: 0, fields: { target: 1 } } } });
      const [run] = await recentRuns(s.db, 1);
      expect(run).toMatchObject({ id, rulesVersion: 'r9', documents: 3, changed: 1, filter: { kind: 'plan' } });
      expect(run.changes.items?.fields).toEqual({ target: 1 });
      expect(run.finishedAt).toBeInstanceOf(Date);
    });

    it('deletes a document with everything that hangs off it', async () => {
      const { document } = await registerDocument(s.db, { sha256: sha(12), size: 5 });
      await saveLayout(s.db, document.id, tinyLayout());
      await replaceExtraction(s.db, document.id, extractionToRows(document.id, taskExtraction()), 'r1');
      await s.db.delete(documents).where(eq(documents.id, document.id));
      expect(await s.db.select().from(items).where(eq(items.documentId, document.id))).toEqual([]);
      expect(await getLayout(s.db, document.id)).toBeUndefined();
    });
  });
}
