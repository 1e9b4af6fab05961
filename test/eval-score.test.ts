import { describe, expect, it } from 'vitest';
import { scoreExtraction, silentAmounts, similarity, SKIP } from '../src/eval/score.js';

const gold = {
  kind: 'plan',
  document: { form: 'criterion-rows', number: '1/KH', place: 'A' },
  items: [
    { criterion: '1.1', target: 'Mở  rộng\nsân', budgetVnd: 100, timelineStart: '2024-09' },
    { criterion: '1.2', target: 'B', budgetVnd: null, timelineStart: SKIP },
  ],
};

describe('the eval scorer', () => {
  it('scores a perfect extraction as 1 everywhere, folding white space', () => {
    const s = scoreExtraction(gold, {
      kind: 'plan',
      document: { form: 'criterion-rows', number: '1/KH', place: 'A' },
      items: [
        { criterion: '1.2', target: 'B', budgetVnd: null, timelineStart: '2030-01' },
        { criterion: '1.1', target: 'Mở rộng sân', budgetVnd: 100, timelineStart: '2024-09' },
      ],
    });
    expect(s).toMatchObject({ recall: 1, precision: 1, fieldExact: 1, moneyTimeExact: 1, metadataExact: 1, kindExact: true, misses: [] });
  });

  it('counts missing and extra items, wrong fields and wrong metadata', () => {
    const s = scoreExtraction(gold, {
      kind: 'report',
      document: { form: 'criterion-rows', number: '1/KH', place: 'B' },
      items: [
        { criterion: '1.1', target: 'Mở rộng sân trường', budgetVnd: 200, timelineStart: '2024-09' },
        { criterion: '9.9', target: 'x' },
      ],
    });
    expect(s.recall).toBe(0.5);
    expect(s.precision).toBe(0.5);
    expect(s.fieldExact).toBeCloseTo(2 / 4);
    expect(s.moneyTimeExact).toBeCloseTo(1 / 2);
    expect(s.metadataExact).toBeCloseTo(2 / 3);
    expect(s.kindExact).toBe(false);
    expect(s.misses.map((m) => m.field).sort()).toEqual(['budgetVnd', 'place', 'target']);
  });

  it('matches 2026-form tasks by TT, not by criterion', () => {
    const s = scoreExtraction(
      { kind: 'plan', document: { form: 'task-rows' }, items: [{ rowNo: '1', criterion: null }, { rowNo: '2', criterion: '1.4' }] },
      { kind: 'plan', document: { form: 'task-rows' }, items: [{ rowNo: '2', criterion: '1.4' }, { rowNo: '1', criterion: null }] },
    );
    expect(s.recall).toBe(1);
    expect(s.fieldExact).toBe(1);
  });

  it('measures similarity between 0 and 1', () => {
    expect(similarity('abc', 'abc')).toBe(1);
    expect(similarity('abcd', 'abce')).toBe(0.75);
    expect(similarity(null, 'x')).toBe(0);
    expect(similarity(5, 5)).toBe(1);
  });
});

describe('silent wrong amounts', () => {
  const item = (criterion: string, budgetVnd: number | null, confidence: number, row: number) => ({
    criterion,
    budgetVnd,
    confidence,
    provenance: { table: 2, row, cells: [{ table: 2, row, col: 0 }, { table: 2, row: row + 1, col: 3 }] },
  });
  const golden = { document: { form: 'criterion-rows' }, items: [{ criterion: '1.1', budgetVnd: 5_000_000 }, { criterion: '1.2', budgetVnd: null }, { criterion: '1.3', budgetVnd: SKIP }] };

  it('counts an amount read differently, confident, with no issue on any of its rows', () => {
    const got = { items: [item('1.1', 50_000_000, 0.95, 4), item('1.2', 1_000_000, 0.99, 6), item('1.3', 7, 1, 8)], issues: [] };
    expect(silentAmounts(golden, got)).toEqual([
      { key: '1.1', expected: 5_000_000, actual: 50_000_000, confidence: 0.95 },
      { key: '1.2', expected: null, actual: 1_000_000, confidence: 0.99 },
    ]);
  });

  it('leaves out an amount flagged by an issue on its rows, a doubtful one, and one not read at all', () => {
    const flagged = { items: [item('1.1', 50_000_000, 0.95, 4)], issues: [{ code: 'budget.ambiguous', table: 2, row: 5 }] };
    expect(silentAmounts(golden, flagged)).toEqual([]);
    expect(silentAmounts(golden, { items: [item('1.1', 50_000_000, 0.85, 4)], issues: [] })).toEqual([]);
    expect(silentAmounts(golden, { items: [item('1.1', null, 1, 4)], issues: [] })).toEqual([]);
    expect(silentAmounts(golden, { items: [item('1.1', 50_000_000, 0.95, 4)], issues: [{ code: 'x', table: 3, row: 4 }] })).toHaveLength(1);
  });
});

describe('lists (owners)', () => {
  it('compares lists part by part, folded, with partial credit when they differ', () => {
    expect(similarity(['HT', 'Phó  HT'], ['HT', 'Phó HT'])).toBe(1);
    expect(similarity(['HT', 'PHT'], ['HT'])).toBeLessThan(1);
    expect(similarity(['HT', 'PHT'], ['HT'])).toBeGreaterThan(0);
    expect(similarity([], [])).toBe(1);
  });
});
