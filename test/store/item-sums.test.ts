/**
 * The item sums are a second copy of what the items say, so they are checked against the items:
 * after random imports, re-extractions (other facts, other rows, copies made and unmade), items
 * changed in place, documents deleted, and folds at any moment, the kept cells equal the cells
 * worked out from the items alone, and every sum they answer equals the same sum read from the items.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction, PlanItem } from '../../src/extract/contract.js';
import { storeExtractions } from '../../src/pipeline/copies.js';
import { answeredFromItemSums, ItemFilterSchema, summedQuery, sumQuery, SUM_DIMENSIONS, type ItemFilter, type SumDimension } from '../../src/query/index.js';
import { derivedItemSumCells, documents, extractionToRows, foldItemSums, itemSumCells, rowsOf, type Db, type DocumentRow } from '../../src/store/index.js';
import { plan } from '../query/support/data.js';
import { DRIVERS, openTestStore, type TestStore } from './support/databases.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed;
  const next = () => ((s = (s * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] };
}
type Random = ReturnType<typeof random>;

const LEVELS = [['preschool', '19/2018'], ['primary', '17/2018'], ['lower-secondary', '18/2018'], [null, null]] as const;
const YEARS = ['2023-2024', '2024-2025', '2024-2029', null];
const CRITERIA = ['1.1', '1.2', '2.1', '3.1', '3.4', null];

/** A plan: a few schools, years and levels, so copies and shared cells are common. */
function extraction(r: Random, school = r.int(4)): Extraction {
  const [level, circular] = r.pick(LEVELS);
  const items: PlanItem[] = Array.from({ length: r.int(5) }, (_, i) => {
    const criterion = r.pick(CRITERIA);
    return plan(i, { standard: criterion ? Number(criterion[0]) : r.pick([null, 2]), criterion, target: `Mục tiêu ${i}`, budgetVnd: r.pick([null, 0, 5_000_000, 120_000_000]) });
  });
  return {
    kind: r.pick(['plan', 'report'] as const),
    document: { form: 'criterion-rows', circular, number: null, place: null, issuedOn: null, schoolYear: r.pick(YEARS), school: `Trường số ${school}`, schoolLevel: level },
    items,
    focusIssues: [],
    monitoring: [],
    issues: [],
  };
}

async function newDocuments(db: Db, n: number): Promise<DocumentRow[]> {
  const rows = Array.from({ length: n }, () => ({ sha256: randomBytes(32).toString('hex'), size: 1, format: 'docx', status: 'extracting' as const }));
  return db.insert(documents).values(rows).returning();
}

const FILTERS: Record<string, unknown>[] = [
  {},
  { includeDuplicates: true },
  { schoolYear: '2024-2025' },
  { schoolLevel: 'preschool', kind: 'plan' },
  { circular: '17/2018,18/2018', includeDuplicates: 'yes' },
  { standard: '1,3' },
  { criterion: '3.1' },
  { form: 'criterion-rows', schoolYear: '2025-2026' },
];

/** The rows of a sum, in one order, as the items say and as the item sums say. */
async function bothWays(db: Db, by: SumDimension, filter: ItemFilter) {
  const order = (rows: Record<string, unknown>[]) => rows.map((r) => JSON.stringify(Object.entries(r).sort())).sort();
  const fromItems = order(rowsOf(await db.execute(sumQuery(by, filter))));
  const fromSums = order(rowsOf(await db.execute(summedQuery(by, filter))));
  return { fromItems, fromSums };
}

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`item sums on ${d.title}`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(d.driver);
    });
    afterAll(async () => {
      await store?.dispose();
    });

    it.each([1, 2, 3])('stay equal to the items through random writes (seed %i)', async (seed) => {
      const r = random(seed);
      const db = store.db;
      let stored: DocumentRow[] = [];
      for (let step = 0; step < 40; step++) {
        const op = r.int(10);
        if (op < 4 || stored.length < 3) {
          // Import a few; a copy of a stored plan now and then (same school, same rows).
          const docs = await newDocuments(db, 1 + r.int(3));
          const batch = docs.map((doc) => ({ doc, rows: extractionToRows(doc.id, extraction(random(seed * 1000 + r.int(6)))) }));
          await storeExtractions(db, batch, 'v1');
          stored.push(...docs);
        } else if (op < 7) {
          // Re-extract some: other facts and rows, or the same ones under new rules.
          const some = stored.filter(() => r.next() < 0.3);
          const fresh = await db.select().from(documents).where(sql`${documents.id} in ${some.length ? some.map((s) => s.id) : [0]}`);
          const batch = fresh.map((doc) => ({ doc, rows: extractionToRows(doc.id, extraction(random(seed * 1000 + r.int(6)))) }));
          await storeExtractions(db, batch, `v${step}`, { shouldWrite: () => r.next() < 0.8 });
        } else if (op < 8) {
          // Change amounts and criteria in place, and delete an item.
          await db.execute(sql`update items set budget_vnd = case when budget_vnd is null then 7000000 else null end, criterion = case when ordinal = 0 then '3.4' else criterion end
            where document_id in (select id from documents order by random() limit 2)`);
          await db.execute(sql`delete from items where (document_id, ordinal) in (select document_id, ordinal from items order by random() limit 1)`);
        } else if (op < 9) {
          // Delete documents, originals of copies among them.
          const gone = stored.splice(r.int(stored.length), 1 + r.int(2));
          await db.delete(documents).where(sql`${documents.id} in ${gone.map((g) => g.id)}`);
        } else {
          await foldItemSums(db);
        }
        if (step % 10 === 9) expect(await itemSumCells(db)).toEqual(await derivedItemSumCells(db));
      }
      const copies = await db.$count(documents, sql`${documents.duplicateOf} is not null`);
      expect(copies, 'the random writes made some copies').toBeGreaterThan(0);
      expect(await itemSumCells(db)).toEqual(await derivedItemSumCells(db));
      await foldItemSums(db);
      expect(await itemSumCells(db)).toEqual(await derivedItemSumCells(db));
      // Folded: one row per cell.
      const [{ rows, cells }] = rowsOf<{ rows: number; cells: number }>(await db.execute(sql`select count(*)::int as rows, count(distinct cell)::int as cells from item_sums`));
      expect(Number(rows)).toBe(Number(cells));

      for (const raw of FILTERS) {
        const filter = ItemFilterSchema.parse(raw);
        for (const by of SUM_DIMENSIONS.filter((b) => answeredFromItemSums(b, filter))) {
          const { fromItems, fromSums } = await bothWays(db, by, filter);
          expect(fromSums, `${by} ${JSON.stringify(raw)}`).toEqual(fromItems);
        }
      }
      stored = [];
    }, 120_000);
  });
}
