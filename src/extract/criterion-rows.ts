/**
 * The 2018 form: one item per criterion row of a KH or BC table. Around the criterion rows sit
 * standard rows ("Tiêu chuẩn 1: …", often a cell spanning the table), section rows ("MỨC 1, 2, 3"),
 * and continuation rows (a row cut by a page break, or a criterion spanning several rows): these
 * join the item above, column by column.
 */
import {
  budgetUnitFromHeader,
  parseBudget,
  parseLevel,
  parseStandardHeading,
  parseTimeline,
  splitOwners,
} from '../normalize/index.js';
import type { GridSlot } from '../layout/layout.js';
import { bodyRows, type BodyRow, type LogicalTable } from './collect.js';
import { readCriterionCode, type CriterionCode } from './criterion-code.js';
import type { ExtractionIssue, PlanItem, ReportItem } from './contract.js';
import { Draft, itemConfidence, ownText } from './draft.js';
import { checkAmounts, isTotalRow } from './amount-checks.js';

interface RowContext {
  standard: number | null;
  current: { draft: Draft; code: CriterionCode; standard: number | null } | null;
}

const CODE_ONLY = /^\s*\d{1,2}\s*\.\s*\d{1,2}\s*$/;

/** The criterion a row starts, from its criterion column, else a bare "1.1" in its TT column. */
function rowCriterion(row: BodyRow, t: LogicalTable) {
  const fromCriterion = readCriterionCode(ownText(row, t.columns.criterion));
  if (fromCriterion) return fromCriterion;
  const rowNo = ownText(row, t.columns.rowNo);
  return rowNo && CODE_ONLY.test(rowNo) ? readCriterionCode(rowNo) : null;
}

/** A row whose text is one cell spanning at least half the table: a heading, not content. */
function spanningHeading(slots: (GridSlot | null)[]): string | null {
  const cells = new Set(slots.filter((s): s is GridSlot => s != null).map((s) => s.cell));
  const filled = [...cells].filter((c) => c.lines.some((l) => l.trim()));
  if (filled.length === 0) return null;
  const widest = filled.reduce((a, b) => (b.colSpan > a.colSpan ? b : a));
  if (widest.colSpan * 2 < slots.length) return null;
  // A TT number beside the heading ("2 | Tiêu chuẩn 2: …") is part of the heading row.
  const others = filled.filter((c) => c !== widest);
  if (others.some((c) => c.lines.join(' ').trim().length > 4)) return null;
  return widest.lines.join(' ');
}

function standardOfRow(slots: (GridSlot | null)[]): number | null {
  const seen = new Set<unknown>();
  for (const slot of slots) {
    if (!slot || seen.has(slot.cell)) continue;
    seen.add(slot.cell);
    const heading = parseStandardHeading(slot.cell.lines.join(' '));
    if (heading) return heading.standard;
  }
  return null;
}

/** Read the items of a plan or report table (2018 form). */
export function readCriterionRows(t: LogicalTable, issues: ExtractionIssue[]): (PlanItem | ReportItem)[] {
  const drafts: NonNullable<RowContext['current']>[] = [];
  const ctx: RowContext = { standard: null, current: null };
  const critCol = t.columns.criterion;
  issues.push(...t.issues);

  for (const row of bodyRows(t)) {
    const code = rowCriterion(row, t);
    if (code) {
      if (ctx.standard != null && ctx.standard !== code.standard) {
        issues.push({
          code: 'criterion.standard_mismatch',
          severity: 'warning',
          message: `criterion ${code.code} sits under standard ${ctx.standard}; the code's standard is used`,
          table: row.table,
          row: row.row,
        });
      }
      const draft = new Draft(row);
      draft.addRow(row, t.columns);
      for (const x of t.extra) draft.addCell(`extra:${x.header}`, row, x.col);
      ctx.current = { draft, code, standard: code.standard };
      drafts.push(ctx.current);
      continue;
    }
    if (isTotalRow(row)) {
      ctx.current = null; // "Tổng cộng": checked against the items by checkAmounts, never an item
      continue;
    }
    const standard = standardOfRow(row.slots);
    if (standard != null && (spanningHeading(row.slots) != null || !ctx.current || critHasText(row, critCol))) {
      ctx.standard = standard;
      ctx.current = null;
      continue;
    }
    if (spanningHeading(row.slots) != null) {
      ctx.current = null; // "MỨC 1, 2, 3", "Mức 4: không": a section, not content
      continue;
    }
    const critSlot = critCol === undefined ? null : row.slots[critCol];
    const continues = !critSlot || !critSlot.origin || !critHasText(row, critCol);
    if (continues && ctx.current) {
      ctx.current.draft.addRow(row, t.columns);
      for (const x of t.extra) ctx.current.draft.addCell(`extra:${x.header}`, row, x.col);
    } else if (rowHasText(row)) {
      issues.push({
        code: 'row.no_criterion',
        severity: 'warning',
        message: `a row with text but no criterion code was skipped`,
        table: row.table,
        row: row.row,
      });
      ctx.current = null;
    }
  }
  const items = drafts.map(({ draft, code }) => finishItem(t, draft, code, issues));
  if (t.profile.name !== 'report') checkAmounts(t, items as PlanItem[], issues);
  return items;
}

/** "Tiêu chí 1.1 (Mức 2)": a level written after the code is the row's level, not part of the name. */
function splitLevelFromName(name: string | null): { name: string | null; level: number | null } {
  if (!name) return { name, level: null };
  const m = /[(\[-–]?\s*((?:giữ vững\s+|đạt\s+)?mức\s*(?:\d|i{1,3}|iv))\s*[)\]]?\s*$/iu.exec(name);
  if (!m) return { name, level: null };
  const level = parseLevel(m[1]);
  if (level == null) return { name, level: null };
  const rest = name.slice(0, m.index).replace(/[\s:,.;-]+$/u, '').trim();
  return { name: rest || null, level };
}

function critHasText(row: BodyRow, col: number | undefined): boolean {
  return ownText(row, col) != null;
}

function rowHasText(row: BodyRow): boolean {
  return row.slots.some((s) => s?.origin && s.cell.lines.some((l) => l.trim()));
}

function finishItem(
  t: LogicalTable,
  draft: Draft,
  code: CriterionCode,
  issues: ExtractionIssue[],
): PlanItem | ReportItem {
  const rowNoText = draft.text('rowNo');
  const levelFromRowNo = parseLevel(rowNoText);
  const named = splitLevelFromName(code.name);
  const level = parseLevel(draft.text('level')) ?? levelFromRowNo ?? named.level;
  const extra: Record<string, string> = {};
  for (const x of t.extra) {
    const text = draft.text(`extra:${x.header}`);
    if (text) extra[x.header] = text;
  }
  const base = {
    standard: code.standard,
    criterion: code.code,
    criterionName: named.name,
    level,
    // "Mức 2" in the TT column is the row's level, not its number; a bare code there is the criterion.
    rowNo: levelFromRowNo != null || (rowNoText && CODE_ONLY.test(rowNoText)) ? null : rowNoText,
    note: draft.text('note'),
    extra,
    provenance: draft.provenance(t.how),
    confidence: itemConfidence(draft, t.scores),
  };
  if (t.profile.name === 'report') {
    return {
      ...base,
      planned: draft.text('planned'),
      adjusted: draft.text('adjusted'),
      done: draft.text('done'),
      inProgress: draft.text('inProgress'),
      notDone: draft.text('notDone'),
    };
  }
  return { ...base, target: draft.text('target'), solution: draft.text('solution'), support: draft.text('support'), ...plannedFields(t, draft, issues) };
}

/** Owner, timeline and budget with their normalised forms: shared by criterion rows and tasks. */
export function plannedFields(t: LogicalTable, draft: Draft, issues: ExtractionIssue[]) {
  const owner = draft.text('owner');
  const timeline = draft.text('timeline');
  const budgetText = draft.text('budgetText');
  const budgetCol = t.columns.budgetText;
  const header = budgetCol === undefined ? null : t.headers[budgetCol]?.texts.join(' ') ?? null;
  const budget = parseBudget(budgetText, { unitMultiplier: header ? budgetUnitFromHeader(header) : undefined });
  const time = parseTimeline(timeline);
  const where = { table: draft.first.table, row: draft.first.row };
  if (budget.warning) issues.push({ ...budget.warning, severity: 'warning', field: 'budgetVnd', ...where });
  if (time.warning) issues.push({ ...time.warning, severity: 'warning', field: 'timeline', ...where });
  return {
    owner,
    owners: splitOwners(owner),
    timeline,
    timelineStart: time.start,
    timelineEnd: time.end,
    budgetText,
    budgetVnd: budget.amount,
    fundingSource: budget.fundingSource,
  };
}
