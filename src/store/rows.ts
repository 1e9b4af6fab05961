/**
 * Contract objects ↔ table rows. The only translation is months: the contract's `YYYY-MM` is
 * stored as the first day of that month in a `date` column, so SQL can compare and range over it.
 * The store may know the contract's types but not call the extractor, so the field lists below
 * are checked against the contract by the type checker (`satisfies`) and by a test against the
 * zod schemas.
 */
import type { Extraction, FocusIssue, Form, Item, Kind, MonitoringRow, PlanItem, ReportItem, TaskItem } from '../extract/contract.js';
import type {
  FocusIssueRow,
  ItemRow,
  MonitoringRowRow,
  NewDocumentRow,
  NewFocusIssueRow,
  NewItemRow,
  NewMonitoringRowRow,
} from './schema.js';

/** Which of the three item shapes a document's items have. */
export type ItemShape = 'plan' | 'report' | 'task';

/** 2026-form documents hold tasks whether they plan or report; the 2018 form splits KH and BC. */
export function itemShapeOf(kind: Kind | null, form: Form | null): ItemShape {
  if (form === 'task-rows') return 'task';
  return kind === 'report' ? 'report' : 'plan';
}

const BASE = ['standard', 'criterion', 'criterionName', 'level', 'rowNo', 'note', 'extra', 'provenance', 'confidence'] as const;
const PLANNED = ['owner', 'owners', 'timeline', 'timelineStart', 'timelineEnd', 'budgetText', 'budgetVnd', 'fundingSource'] as const;

/** The contract fields of each item shape, in contract order. */
export const ITEM_FIELDS = {
  plan: [...BASE, 'target', 'solution', 'support', ...PLANNED] satisfies readonly (keyof PlanItem)[],
  report: [...BASE, 'planned', 'adjusted', 'done', 'inProgress', 'notDone'] satisfies readonly (keyof ReportItem)[],
  task: [...BASE, 'content', 'target', 'solution', 'indicator', 'evidence', 'statusText', 'status', ...PLANNED] satisfies readonly (keyof TaskItem)[],
} as const;

/** `2020-09` → `2020-09-01`. */
export function monthToDate(month: string | null | undefined): string | null {
  return month ? `${month}-01` : null;
}

/** `2020-09-01` → `2020-09`. */
export function dateToMonth(date: string | null): string | null {
  return date ? date.slice(0, 7) : null;
}

type AnyItem = Partial<PlanItem & ReportItem & TaskItem>;

/** One contract item as an `items` row. */
export function itemToRow(documentId: number, ordinal: number, item: Item): NewItemRow {
  const f = item as AnyItem;
  return {
    documentId,
    ordinal,
    standard: f.standard ?? null,
    criterion: f.criterion ?? null,
    criterionName: f.criterionName ?? null,
    level: f.level ?? null,
    rowNo: f.rowNo ?? null,
    note: f.note ?? null,
    content: f.content ?? null,
    target: f.target ?? null,
    solution: f.solution ?? null,
    support: f.support ?? null,
    indicator: f.indicator ?? null,
    evidence: f.evidence ?? null,
    owner: f.owner ?? null,
    owners: f.owners ?? null,
    timeline: f.timeline ?? null,
    timelineStart: monthToDate(f.timelineStart),
    timelineEnd: monthToDate(f.timelineEnd),
    budgetText: f.budgetText ?? null,
    budgetVnd: f.budgetVnd ?? null,
    fundingSource: f.fundingSource ?? null,
    statusText: f.statusText ?? null,
    status: f.status ?? null,
    planned: f.planned ?? null,
    adjusted: f.adjusted ?? null,
    done: f.done ?? null,
    inProgress: f.inProgress ?? null,
    notDone: f.notDone ?? null,
    extra: f.extra ?? {},
    provenance: f.provenance!,
    confidence: f.confidence ?? 1,
  };
}

/** An `items` row back as the contract item of the given shape (the columns it lacks dropped). */
export function rowToItem(row: ItemRow | NewItemRow, shape: ItemShape): Item {
  const full: Record<string, unknown> = {
    ...row,
    owners: row.owners ?? [],
    timelineStart: dateToMonth(row.timelineStart ?? null),
    timelineEnd: dateToMonth(row.timelineEnd ?? null),
  };
  return Object.fromEntries(ITEM_FIELDS[shape].map((k) => [k, full[k] ?? null])) as unknown as Item;
}

/** A focus issue as a `focus_issues` row. */
export function focusIssueToRow(documentId: number, ordinal: number, f: FocusIssue): NewFocusIssueRow {
  return { documentId, ordinal, ...f };
}

/** A `focus_issues` row back as the contract's focus issue. */
export function rowToFocusIssue(r: FocusIssueRow | NewFocusIssueRow): FocusIssue {
  const { rowNo = null, standard = null, criterion = null, currentState = null, limitation = null, cause = null } = r;
  return { rowNo, standard, criterion, currentState, limitation, cause };
}

/** A monitoring row as a `monitoring_rows` row. */
export function monitoringToRow(documentId: number, ordinal: number, m: MonitoringRow): NewMonitoringRowRow {
  return { documentId, ordinal, ...m };
}

/** A `monitoring_rows` row back as the contract's monitoring row. */
export function rowToMonitoring(r: MonitoringRowRow | NewMonitoringRowRow): MonitoringRow {
  const { when = null, content = null, result = null, adjustment = null, assessor = null } = r;
  return { when, content, result, adjustment, assessor };
}

/** The document columns an extraction sets (metadata, kind, form, warnings). */
export type DocumentFacts = Pick<
  NewDocumentRow,
  'kind' | 'form' | 'circular' | 'number' | 'place' | 'issuedOn' | 'schoolYear' | 'school' | 'schoolLevel' | 'issues' | 'segment'
>;

/** The document columns of an extraction. */
export function documentFacts(x: Extraction): DocumentFacts {
  const d = x.document;
  return {
    kind: x.kind,
    form: d.form,
    circular: d.circular,
    number: d.number,
    place: d.place,
    issuedOn: d.issuedOn,
    schoolYear: d.schoolYear,
    school: d.school,
    schoolLevel: d.schoolLevel,
    issues: x.issues,
    // Where the document sits in a binder; a file of one document has no segment to show.
    segment: x.segment && x.segment.of > 1 ? x.segment : null,
  };
}

/** Everything one extraction writes: the document's facts and its three row sets. */
export interface ExtractionRows {
  facts: DocumentFacts;
  items: NewItemRow[];
  focusIssues: NewFocusIssueRow[];
  monitoring: NewMonitoringRowRow[];
}

/** An extraction as the rows to write for a document. */
export function extractionToRows(documentId: number, x: Extraction): ExtractionRows {
  return {
    facts: documentFacts(x),
    items: x.items.map((item, i) => itemToRow(documentId, i, item)),
    focusIssues: x.focusIssues.map((f, i) => focusIssueToRow(documentId, i, f)),
    monitoring: x.monitoring.map((m, i) => monitoringToRow(documentId, i, m)),
  };
}
