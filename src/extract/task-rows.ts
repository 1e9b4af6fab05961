/**
 * The 2026 form (Circular 57/2026): improvement tasks, the focus-issue table that names the
 * criteria, and the monitoring table. Tasks are matched by their TT, not by criterion: a task may
 * name a criterion in its own cells ("(Tiêu chí 1.4)", "TC 3.2") or none.
 */
import { joinLines } from '../normalize/text.js';
import { parseStandardHeading, parseStatus, romanOrDigitValue } from '../normalize/index.js';
import { dotLostCode, isPlausibleCode, readCriterionCode } from './criterion-code.js';
import { standardByName, type RegistrySchoolLevel } from '../criteria/registry.js';
import { bodyRows, type BodyRow, type LogicalTable } from './collect.js';
import type { ExtractionIssue, FocusIssue, MonitoringRow, TaskItem } from './contract.js';
import { checkContinuation, Draft, itemConfidence, ownText } from './draft.js';
import { budgetConfidence, plannedFields } from './criterion-rows.js';
import { checkAmounts, isTotalRow } from './amount-checks.js';

/**
 * A criterion named inside free text. Only an explicit mention counts ("Tiêu chí 1.4", "TC 2.1",
 * "(1.4)"): a bare "2.5" in a sentence is more often a number than a criterion.
 */
export function criterionMention(text: string | null): { code: string; standard: number } | null {
  if (!text) return null;
  const m =
    /(?:ti[eê]u\s*ch[ií]|\bTC)\s*(\d{1,2})\s*\.\s*(\d{1,2})\b/iu.exec(text) ??
    /\(\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\)/u.exec(text) ??
    // "(Tiêu chí 14)": the dot lost by OCR; no code is ever written without one.
    /(?:ti[eê]u\s*ch[ií]|\bTC)\s*([1-5])(\d{1,2})(?![\d.,/])/iu.exec(text);
  if (!m) return null;
  const code = { code: `${Number(m[1])}.${Number(m[2])}`, standard: Number(m[1]) };
  return isPlausibleCode(code) ? code : null;
}

/** What a scan may leave of "(3.3)" at the end of a task: "G3)", "(33)", "3.3)". */
const CUT_MENTION = /\s\S?\(?\d(?:\s*[.,]?\s*\d{1,2})?\s*\)\s*$/u;
/** Highest confidence of a scanned task whose criterion code may have been misread. */
const UNREAD_MENTION_CONFIDENCE = 0.6;

/** A task row starts a new task when it has a TT, or (with no TT column) any content. */
function startsTask(row: BodyRow, t: LogicalTable): boolean {
  if (t.columns.rowNo !== undefined) return ownText(row, t.columns.rowNo) != null;
  return ownText(row, t.columns.content ?? t.columns.solution) != null;
}

/**
 * A scanned task whose bracketed criterion the scan cut ("(11)" for "(1.1)", see CUT_MENTION)
 * takes the one criterion of the plan's focus table whose digits those are: the tasks serve the
 * focus issues, so the table vouches for the code, as a code's neighbours do in the 2018 form.
 * The task's `task.criterion_unread` issue then says what was taken; with no single fit, it stays.
 */
export function resolveCutMentions(items: TaskItem[], focus: readonly FocusIssue[], issues: ExtractionIssue[]): void {
  const listed = [...new Set(focus.flatMap((f) => (f.criterion ? [f.criterion] : [])))];
  for (const issue of issues) {
    if (issue.code !== 'task.criterion_unread') continue;
    const item = items.find((i) => i.criterion == null && i.provenance.table === issue.table && i.provenance.row === issue.row);
    const cut = item ? CUT_MENTION.exec(item.content ?? '')?.[0].replace(/\D/g, '') : undefined;
    if (!item || !cut) continue;
    const fits = listed.filter((code) => code.replace('.', '') === cut);
    if (fits.length !== 1) continue;
    item.criterion = fits[0];
    item.standard = Number(fits[0].split('.')[0]);
    issue.message = `the task ends in "${CUT_MENTION.exec(item.content ?? '')![0].trim()}", a criterion code in brackets the scan misread; taken as ${fits[0]}, the one criterion of the focus table with those digits: check it`;
  }
}

/** The number a task without one has between its neighbours ("4", —, "6" → "5"; "6", —, —, "9" → "7", "8"); else null. */
function numberBetween(drafts: readonly Draft[], k: number, lost: ReadonlySet<Draft>): string | null {
  // A run of tasks without one ("6", —, —, "9"): numbered in order when the numbers around the
  // run are exactly that many apart.
  let first = k;
  while (first > 0 && lost.has(drafts[first - 1])) first--;
  let last = k;
  while (last + 1 < drafts.length && lost.has(drafts[last + 1])) last++;
  const a = Number(drafts[first - 1]?.text('rowNo') ?? NaN);
  const b = Number(drafts[last + 1]?.text('rowNo') ?? NaN);
  if (Number.isInteger(a) && Number.isInteger(b)) return b === a + (last - first) + 2 ? String(a + 1 + (k - first)) : null;
  // The run ends the table ("6", —): the numbers go on from the last one.
  return Number.isInteger(a) && first > 0 && last === drafts.length - 1 ? String(a + 1 + (k - first)) : null;
}

/**
 * A scanned TT that breaks a run its neighbours keep ("3", "1", "5": a "4" the scan misread):
 * the number between them, with an issue. Only one apart on both sides, so a table that really
 * numbers otherwise (groups restarting at 1) is left as written.
 */
function mendMisreadNumbers(items: TaskItem[], drafts: readonly Draft[], issues: ExtractionIssue[]): void {
  for (let k = 1; k + 1 < items.length; k++) {
    const [a, r, b] = [items[k - 1].rowNo, items[k].rowNo, items[k + 1].rowNo].map((n) => (n != null && /^\d{1,3}$/.test(n) ? Number(n) : NaN));
    if (!drafts[k].scanned() || !Number.isInteger(a) || b !== a + 2 || r === a + 1) continue;
    issues.push({
      code: 'item.row_number_misread',
      severity: 'warning',
      message: `a task's TT reads "${items[k].rowNo}" between tasks ${a} and ${b}: taken as ${a + 1}, the number the scan misread; check it`,
      table: drafts[k].first.table,
      row: drafts[k].first.row,
    });
    items[k] = { ...items[k], rowNo: String(a + 1), confidence: Math.min(items[k].confidence, MISREAD_NUMBER_CONFIDENCE) };
  }
}

/** An item whose TT was taken from its neighbours, not read. */
const MISREAD_NUMBER_CONFIDENCE = 0.7;

/** Task text fields a row must fill to be a task of its own when its TT cell is empty. */
const OWN_TASK_FIELDS = 3;

/**
 * A row whose TT cell is its own and empty (not the lower part of a TT merged down its rows) on
 * the same page as the row above, with a content cell opening a new sentence and most task
 * fields filled: a task whose number the scan lost ("4", "", "6"), not the rest of task 4, which
 * would take its texts and add its amounts to task 4's.
 */
function isUnnumberedTask(row: BodyRow, above: BodyRow | null, t: LogicalTable): boolean {
  if (t.columns.rowNo === undefined) return false;
  const tt = row.slots[t.columns.rowNo];
  if (!tt?.origin) return false;
  if (above && row.page != null && above.page != null && row.page !== above.page) return false;
  const content = ownText(row, t.columns.content ?? t.columns.solution)?.trim();
  if (!content || !/^\p{Lu}/u.test(content)) return false;
  return TASK_TEXT_FIELDS.filter((f) => t.columns[f] !== undefined && ownText(row, t.columns[f]) != null).length >= OWN_TASK_FIELDS;
}

function isSpanningHeading(row: BodyRow): boolean {
  const origins = row.slots.filter((s) => s?.origin && s.cell.lines.some((l) => l.trim()));
  return origins.length === 1 && origins[0]!.cell.colSpan * 2 >= row.slots.length;
}

const TASK_TEXT_FIELDS = ['content', 'target', 'solution', 'indicator', 'evidence'] as const;

/** Read the tasks of a 2026-form plan table. */
export function readTaskRows(t: LogicalTable, issues: ExtractionIssue[]): TaskItem[] {
  const drafts: Draft[] = [];
  let current: Draft | null = null;
  issues.push(...t.issues);
  let previous: BodyRow | null = null;
  const lostNumbers = new Set<Draft>();
  for (const row of bodyRows(t)) {
    const before = previous;
    previous = row;
    if (isSpanningHeading(row) || isTotalRow(row)) {
      current = null; // a group heading ("Vấn đề 1: …") or a total inside the task table
      continue;
    }
    const unnumbered = current != null && !startsTask(row, t) && isUnnumberedTask(row, before, t);
    if (unnumbered) {
      issues.push({
        code: 'item.no_row_number',
        severity: 'warning',
        message: `a row with a task of its own (content, target, solution…) has no TT: read as a task of its own, not as the rest of task ${current!.text('rowNo') ?? 'above'} (a scan may have lost its number; between two numbers one apart it takes the one between, after the table's last number the next)`,
        table: row.table,
        row: row.row,
      });
    }
    if (startsTask(row, t) || unnumbered) {
      current = new Draft(row);
      drafts.push(current);
      if (unnumbered) lostNumbers.add(current);
    } else if (!current) {
      continue;
    }
    current.addRow(row, t.columns);
    for (const x of t.extra) current.addCell(`extra:${x.header}`, row, x.col);
    // A scanned TT read as a speck ("-", "„"): the number is lost, not written so.
    const tt = current.first === row && current.scanned() ? current.text('rowNo') : null;
    if (tt != null && !/[\p{L}\p{N}]/u.test(tt) && !lostNumbers.has(current)) {
      lostNumbers.add(current);
      issues.push({
        code: 'item.no_row_number',
        severity: 'warning',
        message: `a task's TT reads "${tt}", a speck, not a number: the scan lost it (between two numbers one apart it takes the one between, after the table's last number the next)`,
        table: row.table,
        row: row.row,
      });
    }
  }
  const items = drafts.map((draft, k): TaskItem => {
    const texts = Object.fromEntries(TASK_TEXT_FIELDS.map((f) => [f, draft.text(f)])) as Record<
      (typeof TASK_TEXT_FIELDS)[number],
      string | null
    >;
    const mention = [texts.content, texts.target, texts.solution, texts.indicator].map(criterionMention).find((m) => m) ?? null;
    const cutMention = !mention && draft.scanned() ? CUT_MENTION.exec(texts.content ?? '') : null;
    if (cutMention) {
      issues.push({
        code: 'task.criterion_unread',
        severity: 'warning',
        message: `the task ends in "${cutMention[0].trim()}", which may be a criterion code in brackets the scan misread; no criterion is given: check it`,
        field: 'criterion',
        table: draft.first.table,
        row: draft.first.row,
      });
    }
    const statusText = draft.text('statusText');
    const extra: Record<string, string> = {};
    for (const x of t.extra) {
      const text = draft.text(`extra:${x.header}`);
      if (text) extra[x.header] = text;
    }
    return {
      standard: mention?.standard ?? null,
      criterion: mention?.code ?? null,
      criterionName: null,
      level: null,
      rowNo: lostNumbers.has(draft) ? numberBetween(drafts, k, lostNumbers) : draft.text('rowNo'),
      note: draft.text('note'),
      extra,
      provenance: draft.provenance(t.how),
      confidence: Math.min(cutMention ? UNREAD_MENTION_CONFIDENCE : 1, checkContinuation(draft, ['rowNo'], Math.min(itemConfidence(draft, t.scores), t.confidenceCap ?? 1), issues), budgetConfidence(t, draft)),
      ...texts,
      statusText,
      status: parseStatus(statusText),
      ...plannedFields(t, draft, issues),
    };
  });
  mendMisreadNumbers(items, drafts, issues);
  checkAmounts(t, items, issues);
  return items;
}

/** Read the focus-issue table ("Tóm tắt các vấn đề trọng tâm cần cải tiến"). */
export function readFocusRows(
  t: LogicalTable,
  context: { circular: string | null; level: RegistrySchoolLevel | null },
): FocusIssue[] {
  const out: FocusIssue[] = [];
  for (const row of bodyRows(t)) {
    if (isSpanningHeading(row)) continue;
    const criterionText = ownText(row, t.columns.criterion);
    const standardText = ownText(row, t.columns.standard);
    const scanned = t.columns.criterion !== undefined && row.slots[t.columns.criterion]?.cell.confidence !== undefined;
    // A scan's "11" beside the standard it starts with is 1.1, its dot lost (as in the 2018 form).
    const code = readCriterionCode(criterionText) ?? (scanned ? dotLostCode(criterionText, standardNumber(standardText, context)) : null);
    const rowText = {
      rowNo: ownText(row, t.columns.rowNo),
      currentState: ownText(row, t.columns.currentState),
      limitation: ownText(row, t.columns.limitation),
      cause: ownText(row, t.columns.cause),
    };
    if (!code && !rowText.limitation && !rowText.cause) {
      // A row cut by a page break continues the focus issue above.
      const last = out.at(-1);
      if (last) {
        last.currentState = joinLines([last.currentState ?? '', rowText.currentState ?? '']);
        last.limitation = joinLines([last.limitation ?? '', rowText.limitation ?? '']);
        last.cause = joinLines([last.cause ?? '', rowText.cause ?? '']);
      }
      continue;
    }
    out.push({
      ...rowText,
      standard: standardNumber(standardText, context) ?? code?.standard ?? null,
      criterion: code?.code ?? null,
    });
  }
  return out;
}

/** "1", "Tiêu chuẩn 1", "II", or the standard's name looked up in the registry; 1–5 or null. */
function standardNumber(text: string | null, context: { circular: string | null; level: RegistrySchoolLevel | null }): number | null {
  if (!text) return null;
  const n =
    parseStandardHeading(text)?.standard ??
    romanOrDigitValue(text.trim().replace(/\.$/, '')) ??
    standardByName(context.circular, context.level, text);
  return n != null && n >= 1 && n <= 5 ? n : null;
}

/** Read the monitoring table ("Cuối học kỳ I", "Cuối năm học"). */
export function readMonitoringRows(t: LogicalTable): MonitoringRow[] {
  const out: MonitoringRow[] = [];
  for (const row of bodyRows(t)) {
    const r = {
      when: ownText(row, t.columns.when),
      content: ownText(row, t.columns.content),
      result: ownText(row, t.columns.result),
      adjustment: ownText(row, t.columns.adjustment),
      assessor: ownText(row, t.columns.assessor),
    };
    if (Object.values(r).every((v) => v == null)) continue;
    out.push(r);
  }
  return out;
}
