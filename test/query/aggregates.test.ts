/**
 * Budget sums and counts on every database, checked against totals the test adds up itself from
 * the fixtures' hand-checked .expected.json and the generated documents.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { criteriaOf, criterionName, type RegistrySchoolLevel } from '../../src/criteria/registry.js';
import { stripAccents } from '../../src/normalize/text.js';
import { ItemFilterSchema, sumBudget, SUM_DIMENSIONS, type SumDimension, type SumGroup } from '../../src/query/index.js';
import { DRIVERS } from '../store/support/databases.js';
import { seed, type Known, type Seeded } from './support/seed.js';

type Totals = { items: number; withBudget: number; totalVnd: number; documents: number };

/** The test's own grouping: a key per item, totals per key. */
function expectedTotals(known: Known[], keyOf: (k: Known) => string): Map<string, Totals> {
  const out = new Map<string, Totals & { docs: Set<number> }>();
  for (const k of known) {
    const key = keyOf(k);
    const t = out.get(key) ?? { items: 0, withBudget: 0, totalVnd: 0, documents: 0, docs: new Set<number>() };
    const budget = k.item.budgetVnd as number | null | undefined;
    t.items++;
    if (budget != null) (t.withBudget++, (t.totalVnd += budget));
    t.docs.add(k.documentId);
    t.documents = t.docs.size;
    out.set(key, t);
  }
  return new Map([...out].map(([k, { docs: _d, ...t }]) => [k, t]));
}

const level = (k: Known) => k.meta.schoolLevel as RegistrySchoolLevel | null;
const fold = (s: string | null | undefined) => stripAccents(s ?? '');
const standardName = (k: Known) =>
  k.meta.circular ? (criteriaOf(k.meta.circular, level(k))?.standards.find((s) => s.no === k.item.standard)?.name ?? null) : null;

/** How the test keys an item for each dimension (never a criterion without its circular). */
const KEY_OF: Record<SumDimension, (k: Known) => string> = {
  standard: (k) => `${k.meta.circular}|${k.item.standard}|${standardName(k)}`,
  criterion: (k) => `${k.meta.circular}|${k.item.criterion}|${k.meta.circular ? criterionName(k.meta.circular, level(k), k.item.criterion as string) : null}`,
  school: (k) => fold(k.meta.school),
  'school-year': (k) => `${k.meta.schoolYear}`,
  'school-level': (k) => `${k.meta.schoolLevel}`,
  'funding-source': (k) => fold(((k.item.fundingSource as string | null) ?? '').replace(/[. ]+$/, '')),
  circular: (k) => `${k.meta.circular}`,
};

/** The same key read from a result group. */
const GROUP_KEY: Record<SumDimension, (g: SumGroup) => string> = {
  standard: (g) => `${g.key.circular}|${g.key.standard}|${g.key.name}`,
  criterion: (g) => `${g.key.circular}|${g.key.criterion}|${g.key.name}`,
  school: (g) => fold(g.key.school),
  'school-year': (g) => `${g.key.schoolYear}`,
  'school-level': (g) => `${g.key.schoolLevel}`,
  'funding-source': (g) => fold(g.key.fundingSource),
  circular: (g) => `${g.key.circular}`,
};

const FILTERS: [string, Record<string, unknown>, (k: Known) => boolean][] = [
  ['everything', {}, () => true],
  ['preschool plans of 2024-2025', { schoolLevel: 'preschool', schoolYear: '2024-2025', kind: 'plan' }, (k) => k.meta.schoolLevel === 'preschool' && k.kind === 'plan' && !!k.meta.schoolYear && k.meta.schoolYear.slice(0, 4) <= '2024' && k.meta.schoolYear.slice(5) >= '2025'],
  ['items with a budget', { noBudget: false }, (k) => k.item.budgetVnd != null],
];

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`aggregates on ${d.title}`, () => {
    let s: Seeded;
    beforeAll(async () => {
      s = await seed(d.driver);
    });
    afterAll(async () => s?.dispose());

    for (const [name, input, predicate] of FILTERS) {
      it.each(SUM_DIMENSIONS)(`sums %s over ${name} as the gold files add up`, async (by) => {
        const known = s.universe.filter(predicate);
        const result = await sumBudget(s.rt.store.db, by, ItemFilterSchema.parse(input));
        const got = new Map(result.groups.map((g) => [GROUP_KEY[by](g), { items: g.items, withBudget: g.withBudget, totalVnd: g.totalVnd, documents: g.documents }]));
        expect(got).toEqual(expectedTotals(known, KEY_OF[by]));
        expect(result.total).toEqual({
          items: known.length,
          withBudget: known.filter((k) => k.item.budgetVnd != null).length,
          totalVnd: known.reduce((t, k) => t + ((k.item.budgetVnd as number | null) ?? 0), 0),
          documents: new Set(known.map((k) => k.documentId)).size,
        });
      });
    }

    it('answers "how much did preschools plan for Standard 3 in 2024-2025"', async () => {
      const r = await sumBudget(s.rt.store.db, 'standard', ItemFilterSchema.parse({ schoolLevel: 'preschool', schoolYear: '2024-2025', standard: 3, kind: 'plan' }));
      expect(r.groups).toEqual([
        { key: { circular: '19/2018', standard: 3, name: 'Cơ sở vật chất và thiết bị dạy học' }, items: 8, withBudget: 0, totalVnd: 0, documents: 2 },
      ]);
    });

    it('keeps criterion 1.4 of 57/2026 apart from 1.4 of 19/2018, and names each from its own circular', async () => {
      const r = await sumBudget(s.rt.store.db, 'criterion', ItemFilterSchema.parse({ criterion: '1.4' }));
      const by = (c: string) => r.groups.filter((g) => g.key.circular === c);
      expect(by('19/2018')).toEqual([expect.objectContaining({ items: 1, totalVnd: 0, key: expect.objectContaining({ name: expect.stringMatching(/hiệu trưởng/i) }) })]);
      // Đông Sơn (general set) and Sen Hồng (preschool set) share the name of 1.4: one group.
      expect(by('57/2026')).toEqual([expect.objectContaining({ items: 3, withBudget: 2, totalVnd: 40_000_000, documents: 2 })]);
      expect(by('57/2026')[0].key.name).not.toBe(by('19/2018')[0].key.name);
    });

    it('splits a criterion whose name differs between the sets of one circular (57/2026, 3.2)', async () => {
      const r = await sumBudget(s.rt.store.db, 'criterion', ItemFilterSchema.parse({ circular: '57/2026', criterion: '3.2' }));
      expect(r.groups.map((g) => [g.key.name, g.items])).toEqual([
        [expect.stringMatching(/trẻ em$/), 1],
        [expect.stringMatching(/học sinh$/), 1],
      ]);
    });

    it('answers a filter that matches nothing with no groups and zero totals', async () => {
      for (const by of SUM_DIMENSIONS) {
        const r = await sumBudget(s.rt.store.db, by, ItemFilterSchema.parse({ search: 'khongcotuthe' }));
        expect(r).toEqual({ by, groups: [], total: { items: 0, withBudget: 0, totalVnd: 0, documents: 0 } });
      }
    });

    it('groups a school written with the tone mark on either vowel as one school', async () => {
      const r = await sumBudget(s.rt.store.db, 'school', ItemFilterSchema.parse({ school: 'hoa binh' }));
      expect(r.groups).toHaveLength(1);
      expect(r.groups[0]).toMatchObject({ items: 9, documents: 2, totalVnd: 2_620_000_000 });
    });

    it('groups "Ngân sách nhà nước" and "Ngân sách nhà nước." as one funding source', async () => {
      const r = await sumBudget(s.rt.store.db, 'funding-source', ItemFilterSchema.parse({ school: 'hoa binh' }));
      const state = r.groups.find((g) => fold(g.key.fundingSource) === 'ngan sach nha nuoc');
      expect(state).toMatchObject({ items: 2, totalVnd: 2_620_000_000 });
    });
  });
}
