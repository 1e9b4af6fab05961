/**
 * Item filters, search, paging and sorting on every database: each filter's result is compared
 * with the same filter written as a plain predicate over the items the test knows (gold files and
 * generated documents), so SQL and expectation are written independently.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq, sql, TransactionRollbackError } from 'drizzle-orm';
import { foldSql, searchCondition, ItemFilterSchema, itemQuerySchema, listItems, allItems, listDocuments, DocumentFilterSchema, documentStatus, itemSource, countItems, itemsJoinDocuments, itemWhere, type ItemFilter, type ItemRecord } from '../../src/query/index.js';
import { stripAccents } from '../../src/normalize/text.js';
import { documents, items } from '../../src/store/index.js';
import { DRIVERS } from '../store/support/databases.js';
import { seed, type Known, type Seeded } from './support/seed.js';

const fold = (s: unknown) => (typeof s === 'string' ? stripAccents(s.normalize('NFC')) : '');
const words = (s: unknown) => fold(s).split(/[^a-z0-9]+/).filter(Boolean);
const covers = (period: string | null, year: string) =>
  !!period && /^\d{4}-\d{4}$/.test(period) && period.slice(0, 4) <= year.slice(0, 4) && period.slice(5) >= year.slice(5);
const overlaps = (k: Known, from?: string, to?: string) => {
  const start = k.item.timelineStart as string | null;
  const end = k.item.timelineEnd as string | null;
  if (!start && !end) return false;
  return (!to || !start || start <= to) && (!from || !end || end >= from);
};
const TEXT_FIELDS = ['criterionName', 'content', 'target', 'solution', 'support', 'indicator', 'evidence', 'owner', 'budgetText', 'statusText', 'planned', 'adjusted', 'done', 'inProgress', 'notDone', 'note'];
const hasWords = (k: Known, query: string) => {
  const text = new Set(TEXT_FIELDS.flatMap((f) => words(k.item[f])));
  return words(query).every((w) => text.has(w));
};

/** The owner cell names a deputy head, spelled out or abbreviated ("Phó HT", "PHT", "P.HT"). */
const namesDeputyHead = (k: Known) => /pho hieu truong|(^|[^a-z])(pho ht|p\.? ?ht|pht)([^a-z]|$)/.test(fold(k.item.owner));

type Case = [string, (s: Seeded) => Record<string, unknown>, (k: Known, s: Seeded) => boolean];

const CASES: Case[] = [
  ['school year: periods that contain it (a 2024-2029 plan holds in 2024-2025)', () => ({ schoolYear: '2024-2025' }), (k) => covers(k.meta.schoolYear, '2024-2025')],
  ['school typed without accents', () => ({ school: 'tay uc' }), (k) => fold(k.meta.school).includes('tay uc')],
  ['school with the tone mark on the other vowel ("Hoà" finds "Hòa" and "Hoà")', () => ({ school: 'HOÀ BÌNH' }), (k) => fold(k.meta.school).includes('hoa binh')],
  ['several school levels', () => ({ schoolLevel: 'primary,lower-secondary' }), (k) => ['primary', 'lower-secondary'].includes(k.meta.schoolLevel!)],
  ['kind', () => ({ kind: 'report' }), (k) => k.kind === 'report'],
  ['form', () => ({ form: 'task-rows' }), (k) => k.meta.form === 'task-rows'],
  ['circular', () => ({ circular: '19/2018' }), (k) => k.meta.circular === '19/2018'],
  ['standards as repeated values', () => ({ standard: ['3', '4'] }), (k) => [3, 4].includes(k.item.standard as number)],
  ['criterion with its circular', () => ({ criterion: '1.4', circular: '57/2026' }), (k) => k.item.criterion === '1.4' && k.meta.circular === '57/2026'],
  ['criterion across circulars', () => ({ criterion: '1.4' }), (k) => k.item.criterion === '1.4'],
  ['level', () => ({ level: '2' }), (k) => k.item.level === 2],
  ['owner, accents and case ignored, abbreviations understood', () => ({ owner: 'pho hieu truong' }), (k) => namesDeputyHead(k)],
  ['budget range (inclusive)', () => ({ budgetMin: '5000000', budgetMax: '350000000' }), (k) => k.item.budgetVnd != null && (k.item.budgetVnd as number) >= 5e6 && (k.item.budgetVnd as number) <= 3.5e8],
  ['budget at least', () => ({ budgetMin: 1 }), (k) => ((k.item.budgetVnd as number | null) ?? -1) >= 1],
  ['no budget: amount null ("Không" = 0 is an amount)', () => ({ noBudget: 'true' }), (k) => k.item.budgetVnd == null],
  ['with a budget', () => ({ noBudget: false }), (k) => k.item.budgetVnd != null],
  ['timeline overlapping a period', () => ({ from: '2024-01', to: '2024-06' }), (k) => overlaps(k, '2024-01', '2024-06')],
  ['timeline from a month on (open ends count)', () => ({ from: '2027-01' }), (k) => overlaps(k, '2027-01')],
  ['timeline up to a month', () => ({ to: '2021-01' }), (k) => overlaps(k, undefined, '2021-01')],
  ['task status', () => ({ status: 'not-done,in-progress' }), (k) => ['not-done', 'in-progress'].includes(k.item.status as string)],
  ['low confidence', () => ({ lowConfidence: '0.8' }), (k) => (k.item.confidence as number) < 0.8],
  ['document id', (s) => ({ documentId: String(s.ids['kh-2024-mn-tayuc']) }), (k) => k.doc === 'kh-2024-mn-tayuc'],
  ['items owned by a Phó hiệu trưởng with no budget', () => ({ owner: 'Phó hiệu trưởng', noBudget: true }), (k) => namesDeputyHead(k) && k.item.budgetVnd == null],
  [
    'preschool plans for standard 3 in 2024-2025',
    () => ({ schoolLevel: 'preschool', standard: 3, schoolYear: '2024-2025', kind: 'plan' }),
    (k) => k.meta.schoolLevel === 'preschool' && k.item.standard === 3 && covers(k.meta.schoolYear, '2024-2025') && k.kind === 'plan',
  ],
  ['search typed without accents', () => ({ search: 'ke hoach' }), (k) => hasWords(k, 'ke hoach')],
  ['search with accents', () => ({ search: 'kế hoạch' }), (k) => hasWords(k, 'ke hoach')],
  ['search with words in any order', () => ({ search: 'giao vien boi duong' }), (k) => hasWords(k, 'giao vien boi duong')],
  ['search plus filters', () => ({ search: 'tham muu', schoolLevel: 'preschool' }), (k) => hasWords(k, 'tham muu') && k.meta.schoolLevel === 'preschool'],
];

const key = (documentId: number, ordinal: number) => `${documentId}#${ordinal}`;

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`item queries on ${d.title}`, () => {
    let s: Seeded;
    beforeAll(async () => {
      s = await seed(d.driver);
    });
    afterAll(async () => s?.dispose());

    const run = async (input: Record<string, unknown>, limit = 10_000) => listItems(s.rt.store.db, ItemFilterSchema.parse(input), { limit, offset: 0 });

    it.each(CASES)('filters: %s', async (_name, input, predicate) => {
      const page = await run(input(s));
      const expected = s.universe.filter((k) => predicate(k, s)).map((k) => key(k.documentId, k.ordinal)).sort();
      expect(expected.length, 'the case selects something').toBeGreaterThan(0);
      expect(expected.length, 'the case leaves something out').toBeLessThan(s.universe.length);
      expect(page.items.map((i) => key(i.documentId, i.ordinal)).sort()).toEqual(expected);
      expect(page.total).toBe(expected.length);
    });

    it('finds "hoà" and "hòa" (tone mark on either vowel) as the same word, in any case or normal form', async () => {
      const ids = async (q: string) => (await run({ search: q })).items.map((i) => key(i.documentId, i.ordinal)).sort();
      const newStyle = await ids('hoà nhập');
      expect(newStyle).toHaveLength(2); // one item spells it "hoà", the other "hòa"
      expect(await ids('hòa nhập')).toEqual(newStyle);
      expect(await ids('HOÀ NHẬP')).toEqual(newStyle);
      expect(await ids('hoa nhap')).toEqual(newStyle);
      expect(await ids('hòa nhập'.normalize('NFD'))).toEqual(newStyle);
    });

    it('matches a quoted phrase only with its words together, and excludes -words', async () => {
      const phrase = await run({ search: '"hoc sinh khuyet tat"' });
      expect(phrase.items.map((i) => i.target)).toEqual(['Xây dựng kế hoạch hoà nhập cho học sinh khuyết tật']);
      expect((await run({ search: '"tat khuyet"' })).total).toBe(0);
      const all = await run({ search: 'hoa nhap' });
      const without = await run({ search: 'hoa nhap -khuyet' });
      expect(without.total).toBe(all.total - 1);
    });

    it.each(["'; drop table items; --", '%', '_', '\\', "%' or '1'='1", '"unclosed', '\u0000x', '(((', 'a & b | !c <-> d:*'])(
      'treats hostile text %j as text in every text filter',
      async (hostile) => {
        const before = (await s.rt.store.db.select({ n: count() }).from(items))[0].n;
        for (const field of ['search', 'school', 'owner']) {
          const page = await run({ [field]: hostile });
          expect(page.total, field).toBeLessThan(s.universe.length);
        }
        expect((await s.rt.store.db.select({ n: count() }).from(items))[0].n).toBe(before);
      },
    );

    it('folds every Vietnamese letter in SQL exactly as stripAccents does in JS, NFC or NFD', async () => {
      const letters = 'àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ';
      const text = `${letters} ${letters.toUpperCase()} Kế Hoạch ĐƯỜNG ${'Thuỷ Hoà'.normalize('NFD')}`;
      const result: unknown = await s.rt.store.db.execute(sql`select ${foldSql(sql`${text}::text`)} as f`);
      // PGlite answers { rows }, postgres.js an array of rows.
      const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { f: string }[];
      const folded = rows[0].f;
      expect(folded).toBe(stripAccents(text));
      expect(folded).toMatch(/^[a-z ]+$/);
    });

    it('serves a search from the GIN index of the migration (schema and query expressions agree)', async () => {
      const plan = await s.rt.store.db.transaction(async (tx) => {
        // Few rows make a sequential scan cheaper; forbid it to see whether the index can be used.
        await tx.execute(sql`set local enable_seqscan = off`);
        const result: unknown = await tx.execute(sql`explain select count(*) from ${items} where ${searchCondition('kế hoạch')}`);
        const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as Record<string, string>[];
        return rows.map((r) => Object.values(r)[0]).join('\n');
      });
      expect(plan).toContain('items_search_idx');
    });

    it('counts a search filtered on document facts (ids first) exactly as the join does, copies out or in', async () => {
      const joined = (db: Parameters<typeof countItems>[0], filter: ItemFilter) =>
        db.select({ n: count() }).from(items).innerJoin(documents, itemsJoinDocuments).where(itemWhere(filter)).then(([{ n }]) => Number(n));
      const filters = [
        { search: 'ke hoach', schoolLevel: 'preschool' },
        { search: 'ke hoach', schoolLevel: 'preschool', includeDuplicates: true },
        { search: 'ke hoach -hoa', kind: 'plan', standard: '1,2,3' },
        { search: '"hoc sinh khuyet tat"', school: 'thanh yen' },
        { search: 'giao vien', schoolYear: '2024-2025', noBudget: false },
        { search: 'ke hoach', documentId: String(s.ids['kh-2024-mn-tayuc']) },
        { search: 'ke hoach', school: 'no such school' },
      ].map((f) => ItemFilterSchema.parse(f));
      // Copies are left out by the document conditions the ids are read with: mark one document
      // with matches as a copy (rolled back), so both counts must leave its items out.
      const copy = s.universe.find((k) => hasWords(k, 'ke hoach') && k.meta.schoolLevel === 'preschool')!.documentId;
      const original = Object.values(s.ids).find((id) => id !== copy)!;
      const seen: number[][] = [];
      await s.rt.store.db
        .transaction(async (tx) => {
          for (const marked of [false, true]) {
            if (marked) await tx.update(documents).set({ duplicateOf: original }).where(eq(documents.id, copy));
            const counts: number[] = [];
            for (const f of filters) {
              const n = await countItems(tx as never, f);
              expect(n, JSON.stringify(f)).toBe(await joined(tx as never, f));
              expect(await countItems(tx as never, f, 2), `${JSON.stringify(f)} counted to 2`).toBe(Math.min(n, 3));
              counts.push(n);
            }
            seen.push(counts);
          }
          tx.rollback();
        })
        .catch((e: unknown) => {
          if (!(e instanceof TransactionRollbackError)) throw e;
        });
      const [before, after] = seen;
      expect(before[0], 'the filters select something').toBeGreaterThan(0);
      expect(before.at(-1), 'no document passes: nothing counted').toBe(0);
      expect(after[0], 'the copy is left out').toBeLessThan(before[0]);
      expect(after[1], 'unless copies are asked for').toBe(before[1]);
    });

    it('counts a searched list up to a cap and then says "more than", unless asked for every match', async () => {
      const filter = ItemFilterSchema.parse({ search: 'ke hoach' });
      const matching = s.universe.filter((k) => hasWords(k, 'ke hoach')).length;
      expect(matching, 'the search matches enough items to cap').toBeGreaterThan(8);
      const db = s.rt.store.db;
      expect(await countItems(db, filter, 3), 'the count stops one past the cap').toBe(4);
      expect(await countItems(db, filter, matching), 'a cap the matches stay within counts them all').toBe(matching);
      const capped = await listItems(db, filter, { limit: 2, offset: 0 }, { searchTotalCap: 3 });
      expect(capped).toMatchObject({ total: 3, totalExact: false });
      expect(capped.items).toHaveLength(2);
      // The count reaches at least the end of the page asked for: "5–6 of more than 6".
      expect(await listItems(db, filter, { limit: 2, offset: 4 }, { searchTotalCap: 3 })).toMatchObject({ total: 6, totalExact: false });
      expect(await listItems(db, filter, { limit: 2, offset: 0, exactTotal: true }, { searchTotalCap: 3 })).toMatchObject({ total: matching, totalExact: true });
      expect(await listItems(db, filter, { limit: 2, offset: 0 }, { searchTotalCap: matching })).toMatchObject({ total: matching, totalExact: true });
      // Without a search every list is counted exactly, however many match.
      expect(await listItems(db, ItemFilterSchema.parse({}), { limit: 2, offset: 0 }, { searchTotalCap: 3 })).toMatchObject({ total: s.universe.length, totalExact: true });
      // The query faces parse the flag.
      expect(itemQuerySchema(100).parse({ search: 'x', exactTotal: 'true' }).exactTotal).toBe(true);
    });

    it('pages a searched list read a few documents at a time exactly as the whole list, in either document order', async () => {
      const searches: [Record<string, unknown>, (k: Known) => boolean][] = [
        [{ search: 'ke hoach' }, (k) => hasWords(k, 'ke hoach')],
        [{ search: 'ke hoach', schoolLevel: 'preschool' }, (k) => hasWords(k, 'ke hoach') && k.meta.schoolLevel === 'preschool'],
        [{ search: 'tham muu', standard: '1,2' }, (k) => hasWords(k, 'tham muu') && [1, 2].includes(k.item.standard as number)],
        [{ search: 'no such words here' }, () => false],
      ];
      for (const [input, keep] of searches) {
        const filter = ItemFilterSchema.parse(input);
        for (const sort of [undefined, '-documentId']) {
          const expected = s.universe
            .filter(keep)
            .sort((a, b) => (sort ? b.documentId - a.documentId : a.documentId - b.documentId) || a.ordinal - b.ordinal)
            .map((k) => key(k.documentId, k.ordinal));
          // One document a slice, then 4, 16…: pages of 3 cross slices' edges.
          const seen: string[] = [];
          for (let offset = 0; offset <= expected.length; offset += 3) {
            const page = await listItems(s.rt.store.db, filter, { limit: 3, offset, sort }, { searchFirstDocuments: 1 });
            seen.push(...page.items.map((i) => key(i.documentId, i.ordinal)));
          }
          expect(seen, `${JSON.stringify(input)} ${sort ?? 'documentId'}`).toEqual(expected);
        }
      }
    });

    it('takes % _ and \\ in a contains filter literally', async () => {
      expect((await run({ owner: '%' })).total).toBe(0);
      expect((await run({ owner: '_' })).total).toBe(0);
      expect((await run({ search: '100% học sinh_đạt' })).total).toBe(1);
      expect((await run({ owner: '"tổ trưởng"' })).total).toBe(1); // quotes are text too
    });

    it('pages through a sorted list without gaps or repeats', async () => {
      const filter = ItemFilterSchema.parse({});
      const seen: ItemRecord[] = [];
      for (let offset = 0; ; offset += 7) {
        const page = await listItems(s.rt.store.db, filter, { limit: 7, offset, sort: '-budgetVnd' });
        expect(page.total).toBe(s.universe.length);
        seen.push(...page.items);
        if (page.items.length < 7) break;
      }
      expect(new Set(seen.map((i) => key(i.documentId, i.ordinal))).size).toBe(s.universe.length);
      const budgets = seen.map((i) => i.budgetVnd).filter((b): b is number => b != null);
      expect(budgets).toEqual([...budgets].sort((a, b) => b - a));
      expect(seen.slice(budgets.length).every((i) => i.budgetVnd == null)).toBe(true); // nulls last
    });

    it('sorts criterion codes as numbers within a circular (1.10 after 1.9)', async () => {
      const page = await listItems(s.rt.store.db, ItemFilterSchema.parse({ documentId: s.ids['kh-2024-mn-tayuc'] }), { limit: 100, offset: 0, sort: 'criterion' });
      const codes = page.items.map((i) => i.criterion);
      expect(codes.indexOf('1.10')).toBe(codes.indexOf('1.9') + 1);
    });

    it('streams every item of a big filter in pages (exports)', async () => {
      const batches: ItemRecord[][] = [];
      for await (const b of allItems(s.rt.store.db, ItemFilterSchema.parse({}), { pageSize: 5 })) batches.push(b);
      expect(batches.flat()).toHaveLength(s.universe.length);
      const capped: ItemRecord[] = [];
      for await (const b of allItems(s.rt.store.db, ItemFilterSchema.parse({}), { pageSize: 5, offset: 3, max: 12 })) capped.push(...b);
      expect(capped).toHaveLength(12);
    });

    it('names criteria from the registry of the document\'s own circular and level', async () => {
      const page = await run({ criterion: '1.4' });
      const names = new Map(page.items.map((i) => [i.circular, i.criterionRegistryName]));
      expect(names.get('19/2018')).toMatch(/Hiệu trưởng/i);
      expect(names.get('57/2026')).toBeTruthy();
      expect(names.get('57/2026')).not.toBe(names.get('19/2018'));
    });

    it('lists documents with filters and item counts, and reports one document\'s status', async () => {
      const docs = await listDocuments(s.rt.store.db, DocumentFilterSchema.parse({ kind: 'report' }), { limit: 50, offset: 0 });
      expect(docs.documents.map((x) => x.id).sort()).toEqual([s.ids['bc-2021-mn-ketqua'], s.ids['hoabinh-bc'], s.ids['dongson-bc']].sort());
      expect(docs.documents.find((x) => x.id === s.ids['hoabinh-bc'])).toMatchObject({ itemCount: 4, status: 'stored', fileName: 'hoabinh-bc.docx' });
      const bySchool = await listDocuments(s.rt.store.db, DocumentFilterSchema.parse({ school: 'dong son', status: 'stored' }), { limit: 50, offset: 0 });
      expect(bySchool.total).toBe(2);
      expect(await documentStatus(s.rt.store.db, s.ids['kh-2024-mn-7cot'])).toMatchObject({ status: 'stored', itemCount: 10, errorCode: null });
      expect(await documentStatus(s.rt.store.db, 999_999)).toBeUndefined();
    });

    it("resolves an item's provenance against the stored layout into its source cells", async () => {
      const src = (await itemSource(s.rt.store.db, s.ids['kh-2021-mn-thanhyen'], 1))!;
      expect(src.layoutStored).toBe(true);
      const budget = src.cells.find((c) => c.field === 'budgetText');
      expect(budget?.text).toBe('250.000.000 đồng');
      expect(src.cells.find((c) => c.field === 'criterion')?.text).toMatch(/3\.1/);
      // A document written without a layout (generated here) still answers, with empty texts.
      const generated = (await itemSource(s.rt.store.db, s.ids['hoabinh-kh'], 0))!;
      expect(generated).toMatchObject({ layoutStored: false, cells: [{ field: 'target', text: null }] });
      expect(await itemSource(s.rt.store.db, s.ids['hoabinh-kh'], 99)).toBeUndefined();
    });

    it('refuses malformed filters with the key and the reason', () => {
      const bad = (input: Record<string, unknown>) => {
        const r = itemQuerySchema(500).safeParse(input);
        return r.success ? null : r.error.issues.map((i) => `${String(i.path[0] ?? i.code)}`).join(',');
      };
      expect(bad({ schoolYear: '2024' })).toBe('schoolYear');
      expect(bad({ schoolYear: '2025-2024' })).toBe('schoolYear');
      expect(bad({ standard: '9' })).toBe('standard');
      expect(bad({ criterion: '3' })).toBe('criterion');
      expect(bad({ from: '2024-13' })).toBe('from');
      expect(bad({ from: '2025-01', to: '2024-01' })).toBe('from');
      expect(bad({ budgetMin: '10', budgetMax: '5' })).toBe('budgetMin');
      expect(bad({ lowConfidence: '0' })).toBe('lowConfidence');
      expect(bad({ limit: '501' })).toBe('limit');
      expect(bad({ sort: 'nope' })).toBe('sort');
      expect(bad({ status: 'finished' })).toBe('status');
      expect(bad({ schoolyear: '2024-2025' })).toBe('unrecognized_keys');
      expect(bad({ noBudget: 'maybe' })).toBe('noBudget');
      expect(bad({ standard: '3,4', school: ' ', limit: '', sort: '-budgetVnd' })).toBeNull();
    });
  });
}
