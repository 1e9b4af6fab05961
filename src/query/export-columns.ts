/**
 * The columns of item and sum exports, shared by CSV and XLSX. Headers are the contract's field
 * names (the names everywhere: JSON, API, exports); `type` tells XLSX which cells are numbers.
 */
import type { SumGroup, SumResult } from './aggregates.js';
import type { ItemRecord } from './items.js';
import type { LinkResult } from './link.js';

/** How a column's cells are written: text, whole numbers, amounts in đồng (thousands format), ratios. */
export type ColumnType = 'text' | 'int' | 'vnd' | 'ratio';

/** One export column: its header (a contract field name), its type and how to read it from a row. */
export interface Column<T> {
  header: string;
  type: ColumnType;
  /** XLSX column width in characters. */
  width: number;
  value(row: T): string | number | null;
}

const text = <T>(header: keyof T & string, width = 30): Column<T> => ({ header, type: 'text', width, value: (r) => (r[header] as string | null) ?? null });
const int = <T>(header: keyof T & string, width = 10): Column<T> => ({ header, type: 'int', width, value: (r) => (r[header] as number | null) ?? null });

/** Every column of an item export, in reading order. */
export const ITEM_COLUMNS: Column<ItemRecord>[] = [
  int('documentId'),
  int('duplicateOf', 11),
  int('ordinal', 8),
  text('school', 36),
  text('schoolYear', 11),
  text('schoolLevel', 14),
  text('kind', 8),
  text('form', 14),
  text('circular', 10),
  int('standard', 9),
  text('criterion', 9),
  text('criterionName'),
  text('criterionRegistryName'),
  int('level', 6),
  text('rowNo', 6),
  text('content', 50),
  text('target', 50),
  text('solution', 50),
  text('support'),
  text('indicator'),
  text('evidence'),
  text('owner'),
  { header: 'owners', type: 'text', width: 30, value: (r) => (r.owners?.length ? r.owners.join('; ') : null) },
  text('timeline'),
  text('timelineStart', 12),
  text('timelineEnd', 12),
  text('budgetText'),
  { header: 'budgetVnd', type: 'vnd', width: 18, value: (r) => r.budgetVnd },
  text('fundingSource'),
  text('statusText', 16),
  text('status', 12),
  text('planned', 40),
  text('adjusted', 40),
  text('done', 40),
  text('inProgress', 40),
  text('notDone', 40),
  text('note'),
  { header: 'confidence', type: 'ratio', width: 11, value: (r) => r.confidence },
];

/** Columns of a sum export: the key fields the dimension has, then the totals. */
export function sumColumns(result: SumResult): Column<SumGroup>[] {
  const keys = new Set(result.groups.flatMap((g) => Object.keys(g.key)));
  const keyColumns: Column<SumGroup>[] = ['circular', 'standard', 'criterion', 'name', 'school', 'schoolYear', 'schoolLevel', 'fundingSource']
    .filter((k) => keys.has(k))
    .map((k) => ({
      header: k,
      type: k === 'standard' ? 'int' : 'text',
      width: k === 'name' || k === 'school' || k === 'fundingSource' ? 40 : 12,
      value: (g) => (g.key as Record<string, string | number | null>)[k] ?? null,
    }));
  return [
    ...keyColumns,
    { header: 'items', type: 'int', width: 8, value: (g) => g.items },
    { header: 'withBudget', type: 'int', width: 11, value: (g) => g.withBudget },
    { header: 'totalVnd', type: 'vnd', width: 20, value: (g) => g.totalVnd },
    { header: 'documents', type: 'int', width: 10, value: (g) => g.documents },
  ];
}

/** One planned item with its report status, flat, for CSV/XLSX. */
export interface LinkRow {
  planDocumentId: number;
  reportDocumentId: number | null;
  school: string | null;
  schoolYear: string | null;
  circular: string | null;
  standard: number | null;
  criterion: string | null;
  criterionRegistryName: string | null;
  rowNo: string | null;
  status: string;
  planned: string | null;
  owner: string | null;
  budgetVnd: number | null;
  reportDone: string | null;
  reportInProgress: string | null;
  reportNotDone: string | null;
  reportStatusText: string | null;
}

/** Every planned item of a link result as a flat row. */
export function linkRows(result: LinkResult): LinkRow[] {
  return result.links.flatMap((l) =>
    l.items.map((i) => ({
      planDocumentId: l.plan.id,
      reportDocumentId: l.report?.id ?? null,
      school: l.plan.school,
      schoolYear: l.plan.schoolYear,
      circular: l.plan.circular,
      standard: i.plan.standard,
      criterion: i.plan.criterion,
      criterionRegistryName: i.plan.criterionRegistryName,
      rowNo: i.plan.rowNo,
      status: i.status,
      planned: i.plan.content ?? i.plan.target ?? i.plan.solution,
      owner: i.plan.owner,
      budgetVnd: i.plan.budgetVnd,
      reportDone: i.report?.done ?? null,
      reportInProgress: i.report?.inProgress ?? null,
      reportNotDone: i.report?.notDone ?? null,
      reportStatusText: i.report?.statusText ?? null,
    })),
  );
}

const linkText = (header: keyof LinkRow & string, width = 30) => text<LinkRow>(header, width);
/** The columns of a link export, in reading order. */
export const LINK_COLUMNS: Column<LinkRow>[] = [
  int('planDocumentId', 8),
  int('reportDocumentId', 8),
  linkText('school', 36),
  linkText('schoolYear', 11),
  linkText('circular', 10),
  int('standard', 9),
  linkText('criterion', 9),
  linkText('criterionRegistryName'),
  linkText('rowNo', 6),
  linkText('status', 12),
  linkText('planned', 50),
  linkText('owner'),
  { header: 'budgetVnd', type: 'vnd', width: 18, value: (r) => r.budgetVnd },
  linkText('reportDone', 40),
  linkText('reportInProgress', 40),
  linkText('reportNotDone', 40),
  linkText('reportStatusText', 16),
];
