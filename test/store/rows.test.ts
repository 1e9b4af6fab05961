/** The store's field lists against the contract's zod schemas: a field added to one is added to the other. */
import { describe, expect, it } from 'vitest';
import { FocusIssueSchema, MonitoringRowSchema, PlanItemSchema, ReportItemSchema, TaskItemSchema } from '../../src/extract/contract.js';
import { ITEM_FIELDS, focusIssueToRow, itemShapeOf, monitoringToRow, dateToMonth, monthToDate } from '../../src/store/rows.js';
import { focusIssues, items, monitoringRows } from '../../src/store/schema.js';
import { getTableColumns } from 'drizzle-orm';

describe('rows', () => {
  it.each([
    ['plan', PlanItemSchema],
    ['report', ReportItemSchema],
    ['task', TaskItemSchema],
  ] as const)('lists exactly the %s item fields of the contract', (shape, schema) => {
    expect([...ITEM_FIELDS[shape]].sort()).toEqual(Object.keys(schema.shape).sort());
  });

  it('has an items column for every field of every item shape', () => {
    const columns = Object.keys(getTableColumns(items));
    for (const shape of ['plan', 'report', 'task'] as const) expect(columns).toEqual(expect.arrayContaining([...ITEM_FIELDS[shape]]));
  });

  it('has a column for every focus issue and monitoring field', () => {
    expect(Object.keys(getTableColumns(focusIssues))).toEqual(expect.arrayContaining(Object.keys(FocusIssueSchema.shape)));
    expect(Object.keys(getTableColumns(monitoringRows))).toEqual(expect.arrayContaining(Object.keys(MonitoringRowSchema.shape)));
    expect(focusIssueToRow(1, 0, { rowNo: null, standard: 1, criterion: '1.1', currentState: null, limitation: null, cause: null })).toMatchObject({ documentId: 1, ordinal: 0 });
    expect(monitoringToRow(1, 2, { when: 'x', content: null, result: null, adjustment: null, assessor: null })).toMatchObject({ ordinal: 2, when: 'x' });
  });

  it('stores a month as the first day of that month', () => {
    expect(monthToDate('2020-09')).toBe('2020-09-01');
    expect(dateToMonth('2020-09-01')).toBe('2020-09');
    expect(monthToDate(null)).toBeNull();
  });

  it.each([
    ['plan', 'criterion-rows', 'plan'],
    ['report', 'criterion-rows', 'report'],
    ['plan', 'task-rows', 'task'],
    ['report', 'task-rows', 'task'],
  ] as const)('reads %s items of the %s form as %s items', (kind, form, shape) => {
    expect(itemShapeOf(kind, form)).toBe(shape);
  });
});
