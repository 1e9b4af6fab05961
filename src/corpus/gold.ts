/**
 * The gold of a generated document, in the shape of fixtures/*.expected.json, read off the spec:
 * the values the generator decided (criterion, level, amount, months, owners) and the cells it
 * wrote, folded by the contract's text rule (NFC, white space runs → one space, trimmed, empty →
 * null). Nothing here parses what was written: khcl's extractor and normalizer are what the gold
 * measures, so they are never asked to make it.
 */
import type { Field } from './wordings.js';
import type { DocSpec, RowSpec } from './spec.js';
import { SKIP } from './money.js';

export { SKIP };

export type GoldValue = string | number | null | string[];
export type GoldItem = Record<string, GoldValue>;

export interface Gold {
  kind: DocSpec['kind'];
  document: Record<string, string | null>;
  items: GoldItem[];
  focusIssues?: GoldItem[];
  monitoring?: GoldItem[];
}

/** The contract's text rule: a cell's lines as one folded text, or null. */
export function cellText(lines: readonly string[] | undefined | null): string | null {
  if (!lines) return null;
  const text = lines.join(' ').normalize('NFC').replace(/\s+/gu, ' ').trim();
  return text === '' ? null : text;
}

const text = (row: RowSpec, field: Field) => cellText(row.cells[field]);

function money(row: RowSpec): GoldItem {
  return {
    budgetText: text(row, 'budgetText'),
    budgetVnd: row.budget?.vnd ?? null,
    fundingSource: row.budget?.fundingSource ?? null,
  };
}

function time(row: RowSpec): GoldItem {
  return {
    timeline: text(row, 'timeline'),
    timelineStart: row.timeline?.start ?? null,
    timelineEnd: row.timeline?.end ?? null,
  };
}

function owner(row: RowSpec): GoldItem {
  return { owner: text(row, 'owner'), owners: row.owners ?? [] };
}

function planItem(row: RowSpec): GoldItem {
  return {
    standard: row.standard,
    criterion: row.criterion,
    criterionName: row.criterionName,
    level: row.level,
    rowNo: row.rowNo,
    target: text(row, 'target'),
    solution: text(row, 'solution'),
    ...owner(row),
    ...time(row),
    ...money(row),
    support: text(row, 'support'),
    note: text(row, 'note'),
  };
}

function reportItem(row: RowSpec): GoldItem {
  return {
    standard: row.standard,
    criterion: row.criterion,
    criterionName: row.criterionName,
    level: row.level,
    rowNo: row.rowNo,
    planned: text(row, 'planned'),
    adjusted: text(row, 'adjusted'),
    done: text(row, 'done'),
    inProgress: text(row, 'inProgress'),
    notDone: text(row, 'notDone'),
    note: text(row, 'note'),
  };
}

function taskItem(row: RowSpec): GoldItem {
  return {
    rowNo: row.rowNo,
    standard: row.standard,
    criterion: row.criterion,
    level: null,
    content: text(row, 'content'),
    target: text(row, 'target'),
    solution: text(row, 'solution'),
    indicator: text(row, 'indicator'),
    ...time(row),
    ...owner(row),
    ...money(row),
    evidence: text(row, 'evidence'),
    statusText: text(row, 'statusText'),
    status: row.status ?? null,
  };
}

/** The expected extraction of a generated document. */
export function goldOf(spec: DocSpec): Gold {
  const m = spec.meta;
  const gold: Gold = {
    kind: spec.kind,
    document: {
      form: spec.form,
      circular: m.circular,
      number: m.number,
      place: m.place,
      issuedOn: m.issuedOn,
      schoolYear: m.schoolYear,
      school: m.schoolNamed ? m.school.name : null,
      schoolLevel: m.schoolLevel,
    },
    items: spec.table.rows.map(spec.form === 'task-rows' ? taskItem : spec.kind === 'plan' ? planItem : reportItem),
  };
  if (spec.focus) {
    gold.focusIssues = spec.focus.map((f) => ({
      rowNo: f.rowNo,
      standard: f.standard,
      criterion: f.criterion,
      currentState: f.currentState,
      limitation: f.limitation,
      cause: f.cause,
    }));
  }
  if (spec.monitoring) {
    gold.monitoring = spec.monitoring.map((r) => ({ when: r.when, content: r.content, result: r.result, adjustment: r.adjustment, assessor: r.assessor }));
  }
  return gold;
}
