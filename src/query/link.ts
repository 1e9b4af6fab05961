/**
 * Plans linked to the reports on them: for each planned item, what the report says became of it.
 *
 * 2018 form: a plan row and a report row are the same criterion ("3.4" in KH ↔ "3.4" in BC); the
 * report row's result columns give the status (report-status.ts). 2026 form: a report is the plan's
 * task table with "Mức độ thực hiện" filled, so tasks are matched by TT, then by their content,
 * and the status is the task's own. A plan item with no report row is `missing`.
 *
 * Documents are grouped into schools by the folded school name ("Hoà Bình" = "Hòa Bình"); a report
 * whose school the extractor could not read is listed as unlinked (link it by id), also when the
 * plans were asked for by school name.
 */
import { and, inArray, isNull } from 'drizzle-orm';
import { KhclError } from '../errors.js';
import { documents, type Db, type DocumentRow } from '../store/index.js';
import { foldText } from './fold.js';
import { itemsOfDocuments, type ItemRecord } from './items.js';
import { reportedColumns, reportRowStatus, type LinkStatus, type ReportedColumns } from './report-status.js';
import { documentConditions } from './where.js';

export type { LinkStatus } from './report-status.js';
/** Every status a planned item can have in a link. */
export const LINK_STATUSES: readonly LinkStatus[] = ['done', 'in-progress', 'not-done', 'missing', 'unknown'];

/** Which plans to link: a school year (and part of a school's name), or a plan (and report) by id. */
export interface LinkRequest {
  schoolYear?: string;
  school?: string;
  planId?: number;
  reportId?: number;
  /** Keep only planned items with these statuses (counts still cover all). */
  status?: LinkStatus[];
}

/** A document as a link names it. */
export interface DocumentRef {
  id: number;
  fileName: string | null;
  kind: DocumentRow['kind'];
  form: DocumentRow['form'];
  circular: string | null;
  school: string | null;
  schoolYear: string | null;
  schoolLevel: DocumentRow['schoolLevel'];
  issuedOn: string | null;
}

/** A planned item with what the report says of it. */
export interface LinkedItem {
  status: LinkStatus;
  /** 2018 form: which result columns of the report row say something. */
  reported: ReportedColumns | null;
  plan: ItemRecord;
  report: ItemRecord | null;
}

/** One plan, its report (if any) and its items' statuses. */
export interface PlanLink {
  plan: DocumentRef;
  report: DocumentRef | null;
  items: LinkedItem[];
  /** Report rows no planned item matched. */
  unplanned: ItemRecord[];
  counts: Record<LinkStatus, number>;
}

/** Every plan asked for, linked. */
export interface LinkResult {
  links: PlanLink[];
  /** Reports no plan was linked to (no school name, no plan found, another form). */
  unlinkedReports: DocumentRef[];
}

const ref = (d: DocumentRow): DocumentRef => ({
  id: d.id,
  fileName: d.fileNames[0] ?? null,
  kind: d.kind,
  form: d.form,
  circular: d.circular,
  school: d.school,
  schoolYear: d.schoolYear,
  schoolLevel: d.schoolLevel,
  issuedOn: d.issuedOn,
});

const schoolKey = (d: DocumentRow) => (d.school ? foldText(d.school).replace(/\s+/g, ' ').trim() : null);
/** Latest first: a year-end report supersedes a mid-year one. */
const latest = (a: DocumentRow, b: DocumentRow) => (b.issuedOn ?? '').localeCompare(a.issuedOn ?? '') || b.id - a.id;

/** Link the requested plans to their reports. */
export async function linkPlansToReports(db: Db, request: LinkRequest): Promise<LinkResult> {
  const docs = await candidates(db, request);
  const all = await itemsOfDocuments(db, docs.map((d) => d.id));
  const itemsOf = new Map<number, ItemRecord[]>();
  for (const item of all) itemsOf.set(item.documentId, [...(itemsOf.get(item.documentId) ?? []), item]);
  const hasStatus = (d: DocumentRow) => (itemsOf.get(d.id) ?? []).some((i) => i.status != null);
  // A 2026 "report" is often the plan's table with its status column filled, titled as a plan.
  const isReport = (d: DocumentRow) => d.kind === 'report' || (d.form === 'task-rows' && hasStatus(d));

  const plans = request.planId ? docs.filter((d) => d.id === request.planId) : docs.filter((d) => d.kind === 'plan');
  const reports = request.reportId ? docs.filter((d) => d.id === request.reportId) : docs.filter(isReport);
  const used = new Set<number>();
  const links: PlanLink[] = [];
  for (const plan of plans.sort((a, b) => a.id - b.id)) {
    const key = schoolKey(plan);
    const pool = reports.filter((r) => r.id !== plan.id && sameForm(plan, r) && (request.reportId ? true : key !== null && schoolKey(r) === key));
    let report = pool.sort(latest)[0] ?? null;
    if (!report && plan.form === 'task-rows' && hasStatus(plan)) report = plan; // the plan reports on itself
    if (report) used.add(report.id);
    links.push(linkOne(plan, report, itemsOf.get(plan.id) ?? [], report ? (itemsOf.get(report.id) ?? []) : [], request.status));
  }
  // A task plan carrying statuses is a plan first: it is not an unlinked report.
  const unlinkedReports = reports.filter((r) => !used.has(r.id) && r.kind === 'report').map(ref);
  return { links, unlinkedReports };
}

function sameForm(plan: DocumentRow, report: DocumentRow): boolean {
  if ((plan.form ?? 'criterion-rows') !== (report.form ?? 'criterion-rows')) return false;
  // Criterion codes mean different things under different circulars; an unstated one is allowed.
  return !plan.circular || !report.circular || plan.circular === report.circular;
}

async function candidates(db: Db, r: LinkRequest): Promise<DocumentRow[]> {
  const ids = [r.planId, r.reportId].filter((x): x is number => x != null);
  if (ids.length === 0 && !r.schoolYear) throw new KhclError('config.invalid', 'linking needs a school year or a plan id');
  const explicit = ids.length ? await db.select().from(documents).where(inArray(documents.id, ids)) : [];
  const plan = explicit.find((d) => d.id === r.planId);
  if (r.reportId || (plan && !plan.school)) return explicit;
  // Only a plan's id: its school's reports of any year inside the plan's period. A copy of a
  // stored document (the scan of a DOCX) is not a plan or report of its own.
  const rows = await db
    .select()
    .from(documents)
    .where(and(...documentConditions({ schoolYear: plan ? undefined : r.schoolYear, school: plan?.school ?? r.school, kind: ['plan', 'report'] }), isNull(documents.duplicateOf)));
  const inPeriod = plan ? rows.filter((d) => within(d.schoolYear, plan.schoolYear)) : rows;
  // Asked for a school by name: the year's reports whose school nobody could read may be its own.
  // They are never linked on a guess, but listed as unlinked, so the answer says they exist.
  const unnamed =
    r.school && !plan
      ? await db.select().from(documents).where(and(...documentConditions({ schoolYear: r.schoolYear, kind: ['report'] }), isNull(documents.school), isNull(documents.duplicateOf)))
      : [];
  return [...new Map([...inPeriod, ...unnamed, ...explicit].map((d) => [d.id, d])).values()];
}

/** Whether period `inner` ("2025-2026") lies within `outer` ("2024-2029"). */
function within(inner: string | null, outer: string | null): boolean {
  if (!inner || !outer) return inner === outer;
  return inner.slice(0, 4) >= outer.slice(0, 4) && inner.slice(5) <= outer.slice(5);
}

function linkOne(plan: DocumentRow, report: DocumentRow | null, planItems: ItemRecord[], reportItems: ItemRecord[], keep?: LinkStatus[]): PlanLink {
  const matches = plan.form === 'task-rows' ? matchTasks(planItems, reportItems, report === plan) : matchCriteria(planItems, reportItems);
  const counts = Object.fromEntries(LINK_STATUSES.map((s) => [s, 0])) as Record<LinkStatus, number>;
  const linked: LinkedItem[] = planItems.map((item, i) => {
    const row = report ? matches.get(i) ?? null : null;
    let status: LinkStatus;
    let reported: ReportedColumns | null = null;
    if (!row) status = 'missing';
    else if (plan.form === 'task-rows') status = row.status ?? 'unknown';
    else {
      reported = reportedColumns(row);
      status = reportRowStatus(row);
    }
    counts[status]++;
    return { status, reported, plan: item, report: row };
  });
  const matched = new Set([...matches.values()]);
  const unplanned = report && report !== plan ? reportItems.filter((r) => !matched.has(r)) : [];
  return { plan: ref(plan), report: report ? ref(report) : null, items: keep ? linked.filter((l) => keep.includes(l.status)) : linked, unplanned, counts };
}

/** Plan row i → report row of the same criterion; the n-th plan row of a criterion takes its n-th report row (or the last). */
function matchCriteria(planItems: ItemRecord[], reportItems: ItemRecord[]): Map<number, ItemRecord> {
  const rows = new Map<string, ItemRecord[]>();
  for (const r of reportItems) if (r.criterion) rows.set(r.criterion, [...(rows.get(r.criterion) ?? []), r]);
  const seen = new Map<string, number>();
  const out = new Map<number, ItemRecord>();
  planItems.forEach((p, i) => {
    if (!p.criterion) return;
    const candidates = rows.get(p.criterion);
    if (!candidates) return;
    const n = seen.get(p.criterion) ?? 0;
    seen.set(p.criterion, n + 1);
    out.set(i, candidates[Math.min(n, candidates.length - 1)]);
  });
  return out;
}

const contentKey = (t: ItemRecord) => foldText(t.content ?? t.target ?? '').replace(/[^a-z0-9]+/g, ' ').trim();

/** Plan task i → the report task with the same TT, else the same content. */
function matchTasks(planItems: ItemRecord[], reportItems: ItemRecord[], self: boolean): Map<number, ItemRecord> {
  const out = new Map<number, ItemRecord>();
  if (self) {
    planItems.forEach((p, i) => out.set(i, p));
    return out;
  }
  const free = new Set(reportItems);
  const take = (pred: (r: ItemRecord) => boolean) => {
    for (const r of free) if (pred(r)) return free.delete(r), r;
    return undefined;
  };
  planItems.forEach((p, i) => {
    const hit =
      (p.rowNo ? take((r) => r.rowNo === p.rowNo) : undefined) ??
      (contentKey(p) ? take((r) => contentKey(r) === contentKey(p)) : undefined);
    if (hit) out.set(i, hit);
  });
  return out;
}
