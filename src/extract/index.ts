/**
 * Layout → Extraction: the contract JSON of one document. Pure: no I/O, clock or randomness, so
 * re-extraction of stored layouts runs exactly this code.
 */
import { KhclError } from '../errors.js';
import { blocksOf, type Layout } from '../layout/layout.js';
import { criterionExists, criterionName, type RegistrySchoolLevel } from '../criteria/registry.js';
import { oneCharLess, stripAccents } from '../normalize/text.js';
import { collectTables, type LogicalTable } from './collect.js';
import type { Extraction, ExtractionIssue, Form, Item, Kind, TaskItem } from './contract.js';
import { readCriterionRows } from './criterion-rows.js';
import { readMetadata } from './metadata.js';
import { describeRange } from './segment-text.js';
import { segmentLayout, type LayoutSegment } from './segments.js';
import { readFocusRows, readMonitoringRows, readTaskRows, resolveCutMentions } from './task-rows.js';
import { codesInUnreadTables } from './unread-codes.js';

export * from './contract.js';
export { RULES_VERSION, RULES_VERSION_FORMAT, isOlderRules } from './rules-version.js';
export { segmentLayout, isMotto, isTitle, type LayoutSegment } from './segments.js';
export { describeDocuments, describeRange } from './segment-text.js';

/** Lines of the layout in reading order, split at the first table that holds data. */
function documentLines(layout: Layout, dataTables: Set<number>) {
  const front: string[] = [];
  const all: string[] = [];
  let inFront = true;
  const add = (line: string) => {
    if (inFront) front.push(line);
    all.push(line);
  };
  for (const block of blocksOf(layout)) {
    if (block.type === 'table') {
      if (dataTables.has(block.index)) inFront = false;
      const sorted = [...block.cells].sort((a, b) => a.row - b.row || a.col - b.col);
      for (const cell of sorted) cell.lines.forEach(add);
    } else {
      block.lines.forEach(add);
    }
  }
  return { front, all };
}

/**
 * Extract one document. Throws KhclError('extract.no_table') when the layout holds neither a
 * plan or report table nor a focus-issue table; content problems become `issues`. A layout that
 * holds several documents (see {@link extractDocuments}) is still read as one, but with the error
 * issue `document.several`, so nothing is silently attributed to the first document's school.
 */
export function extractDocument(layout: Layout): Extraction {
  const extraction = extractOne(layout);
  const segments = segmentLayout(layout);
  if (segments.length > 1) {
    extraction.issues.unshift({
      code: 'document.several',
      severity: 'error',
      message: `the file holds ${segments.length} documents (${segments.map(describeRange).join(', ')}): read them one by one (extractDocuments)`,
    });
  }
  return extraction;
}

/**
 * Every document of a layout (a binder of plans and reports gives several), each with its
 * `segment`: its number, how many the file holds, and its page range. A file of one document
 * gives one. Throws KhclError('extract.no_table') only when no document of the file has a table;
 * a document of a binder without one comes out empty with the error issue `document.no_table`.
 */
export function extractDocuments(layout: Layout): Extraction[] {
  const segments = segmentLayout(layout);
  return segments.map((segment) => {
    const info = { number: segment.number, of: segment.of, pages: segment.pages, blocks: segment.blocks, title: segment.title };
    let extraction: Extraction;
    try {
      extraction = extractOne(segment.layout);
    } catch (e) {
      if (segments.length === 1 || !(e instanceof KhclError) || e.code !== 'extract.no_table') throw e;
      const meta = readMetadata(documentLines(segment.layout, new Set()));
      const { titleKind, levelVotes: _votes, ...document } = meta;
      extraction = {
        kind: titleKind ?? 'plan',
        document: { form: 'criterion-rows', ...document },
        items: [],
        focusIssues: [],
        monitoring: [],
        issues: [{ code: 'document.no_table', severity: 'error', message: `document ${segment.number} of ${segment.of} (${describeRange(segment)}) has no plan or report table: no items` }],
      };
    }
    if (segments.length > 1) {
      const school = extraction.document.school;
      const missing = segment.title == null ? (school ? 'title' : 'title or school') : school ? null : 'school';
      if (segment.uncertain || missing) {
        const why = [segment.uncertain && `its start was found by ${segment.uncertain}`, missing && `no ${missing} was read`].filter(Boolean).join('; ');
        extraction.issues.unshift({
          code: 'document.segment_uncertain',
          severity: 'warning',
          message: `document ${segment.number} of ${segment.of} (${describeRange(segment)}): ${why}; check where it starts and ends`,
        });
      }
    }
    return { ...extraction, segment: info };
  });
}

/** One document's extraction from a layout that holds one. */
function extractOne(layout: Layout): Extraction {
  let tables = collectTables(layout);
  const dataTables = new Set(tables.filter((t) => t.profile.name !== 'results-matrix').flatMap((t) => t.pieces.map((p) => p.table.index)));
  const meta = readMetadata(documentLines(layout, dataTables));
  // A table whose header names no field ("(1)", "(2)", … or blank) was typed by its cells alone:
  // under a report's title, it is read again with the title's kind (see mapTable).
  if (meta.titleKind === 'report' && tables.some((t) => t.profile.name === 'plan' && !t.headerByWords)) tables = collectTables(layout, 'report');
  const of = (name: string) => tables.filter((t) => t.profile.name === name);
  const tasks = of('tasks');
  const criterionTables = tables.filter((t) => t.profile.name === 'plan' || t.profile.name === 'report');
  const focus = of('focus');
  const issues: ExtractionIssue[] = [];

  let form: Form;
  let items: Item[] = [];
  let kind: Kind;
  // A focus-issue or monitoring table alone is still a 2026-form document: its task table is missing, not unreadable.
  const monitoringTables = of('monitoring');
  if (tasks.length > 0 || (criterionTables.length === 0 && (focus.length > 0 || monitoringTables.length > 0))) {
    form = 'task-rows';
    items = tasks.flatMap((t) => readTaskRows(t, issues));
    const statuses = items.filter((i) => 'status' in i && i.status != null).length;
    kind = meta.titleKind ?? (items.length > 0 && statuses * 2 >= items.length ? 'report' : 'plan');
    if (tasks.length === 0) {
      const found = focus.length > 0 ? 'a focus-issue table' : 'a monitoring table';
      issues.push({ code: 'table.no_tasks', severity: 'warning', message: `${found} but no task table: no items` });
    }
  } else if (criterionTables.length > 0) {
    form = 'criterion-rows';
    const main = pickMain(criterionTables);
    kind = main.profile.name === 'report' ? 'report' : 'plan';
    // The title ("BÁO CÁO kết quả …") and the table's columns disagree: the columns decide the
    // fields, but neither reading is sure, so a person is told and no item looks certain.
    const conflict = meta.titleKind != null && meta.titleKind !== kind;
    if (conflict) {
      issues.push({
        code: 'document.kind_conflict',
        severity: 'warning',
        message: `the title reads as a ${meta.titleKind} but the table's columns as a ${kind}: read as a ${kind}, its items at confidence ${KIND_CONFLICT_CONFIDENCE} at most`,
      });
    }
    const capped = (t: LogicalTable) => (conflict ? { ...t, confidenceCap: Math.min(t.confidenceCap ?? 1, KIND_CONFLICT_CONFIDENCE) } : t);
    items = criterionTables.filter((t) => t.profile === main.profile).flatMap((t) => readCriterionRows(capped(t), issues));
  } else {
    throw new KhclError('extract.no_table', 'no plan or report table found (no table has the headers of a KH or BC table)');
  }

  const level = meta.schoolLevel as RegistrySchoolLevel | null;
  const focusIssues = focus.flatMap((t) => readFocusRows(t, { circular: meta.circular, level }));
  const monitoring = monitoringTables.flatMap((t) => readMonitoringRows(t));
  if (form === 'task-rows') resolveCutMentions(items as TaskItem[], focusIssues, issues);
  const circular = meta.circular ?? (form === 'task-rows' ? '57/2026' : null);
  checkCriteria(items, circular, level, issues);
  const scanned = layout.source.format === 'scan' || layout.source.format === 'image';
  if (circular && scanned) markNamesAsListed(items, circular, level);
  if (scanned) restoreRowNumbers(items, issues);
  if (form === 'criterion-rows' && items.length === 0) {
    issues.push({ code: 'table.empty', severity: 'warning', message: 'the plan/report table has no criterion rows' });
  }
  if (form === 'criterion-rows') {
    const read = new Set(tables.flatMap((t) => t.pieces.map((p) => p.table.index)));
    const criteria = new Set(items.flatMap((i) => (i.criterion ? [i.criterion] : [])));
    issues.push(...codesInUnreadTables(layout, read, criteria));
  }

  if (meta.levelVotes != null && meta.schoolLevel) {
    issues.push({
      code: 'document.level_guessed',
      severity: 'warning',
      message: `the school level (${meta.schoolLevel}) is read from ${meta.levelVotes} mention(s) in the text, not from the school's name or the circular: check it`,
    });
  }
  const { titleKind: _title, levelVotes: _votes, ...document } = meta;
  return { kind, document: { form, ...document }, items, focusIssues, monitoring, issues };
}

/** Items of a document whose title and table disagree on its kind stay at or below this. */
const KIND_CONFLICT_CONFIDENCE = 0.6;

/** The table that decides the kind: the one with the most body rows. */
function pickMain(tables: LogicalTable[]): LogicalTable {
  const size = (t: LogicalTable) => t.pieces.reduce((n, p) => n + p.table.rows - p.skip, 0);
  return tables.reduce((a, b) => (size(b) > size(a) ? b : a));
}

/**
 * A scanned row number that lost a digit ("1" between 10 and 12: tesseract reads a tight "11" as
 * one stroke): when the numbers count up by one around it and the number that belongs there is
 * the one read with a digit more, that number is used, and the row says so.
 */
function restoreRowNumbers(items: Item[], issues: ExtractionIssue[]) {
  const number = (i: number) => (items[i] && /^\d{1,3}$/.test(items[i].rowNo ?? '') ? Number(items[i].rowNo) : null);
  for (let i = 1; i < items.length; i++) {
    const read = items[i].rowNo;
    const previous = number(i - 1);
    if (read == null || previous == null || number(i) === previous + 1) continue;
    const next = number(i + 1);
    if (i + 1 < items.length && next !== previous + 2) continue;
    const wanted = String(previous + 1);
    if (!oneCharLess(wanted, read)) continue;
    items[i].rowNo = wanted;
    issues.push({
      code: 'row.number_restored',
      severity: 'info',
      message: `the scan reads row number "${read}" between ${previous} and ${next ?? 'the end'}; taken as ${wanted}, which the count gives`,
      table: items[i].provenance.table,
      row: items[i].provenance.row,
    });
  }
}

/** A name's letters alone: no marks, case, punctuation or spacing. */
const bareLetters = (name: string) => stripAccents(name).replace(/[^a-z0-9]+/g, '');

/**
 * A scanned criterion name with the same letters as the circular's name for its code, differing
 * only in marks, case or punctuation ("Đám bao an ninh trạt tự, an toan trường học"): the scan's
 * marks are the doubtful part, so the listed spelling is used. A name with other letters (a
 * school's own wording, a word more or less) stays as read.
 */
function markNamesAsListed(items: Item[], circular: string, level: RegistrySchoolLevel | null) {
  for (const item of items) {
    if (!item.criterion || !item.criterionName) continue;
    const listed = criterionName(circular, level, item.criterion);
    if (listed && listed !== item.criterionName && bareLetters(listed) === bareLetters(item.criterionName)) item.criterionName = listed;
  }
}

/** Flag a code that does not exist for the school's level under the cited circular. */
function checkCriteria(items: Item[], circular: string | null, level: RegistrySchoolLevel | null, issues: ExtractionIssue[]) {
  if (!circular) return;
  for (const item of items) {
    if (item.criterion && !criterionExists(circular, level, item.criterion)) {
      issues.push({
        code: 'criterion.unknown',
        severity: 'warning',
        message: `criterion ${item.criterion} does not exist under Circular ${circular}${level ? ` for ${level}` : ''}`,
        table: item.provenance.table,
        row: item.provenance.row,
      });
    }
  }
}
