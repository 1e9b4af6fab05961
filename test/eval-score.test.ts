import { describe, expect, it } from 'vitest';
import { scoreExtraction, similarity, SKIP } from '../src/eval/score.js';

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
