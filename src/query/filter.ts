/**
 * The filters an analyst can put on items and documents, as zod schemas: the one home of what a
 * filter means and what values it takes. The CLI (options as strings), the HTTP API (query
 * strings: repeated keys arrive as arrays) and tests all parse with these, so a value accepted in
 * one face is accepted in all. Lists may be given as "3,4" or as repeated values.
 */
import { z } from 'zod';
import { FormSchema, KindSchema, SchoolLevelSchema, TaskStatusSchema } from '../extract/contract.js';
import { RULES_VERSION_FORMAT } from '../extract/rules-version.js';
import { DOCUMENT_STATUSES } from '../store/index.js';

/** Unset, empty and blank all mean "not given" (shells and forms send ''). */
const blank = (v: unknown) => (v === '' || v === null || (typeof v === 'string' && v.trim() === '') ? undefined : v);

/** One value or several: "3,4", ["3", "4"] or ["3,4"]. */
function list<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    const b = blank(v);
    if (b === undefined) return undefined;
    const raw = Array.isArray(b) ? b : [b];
    const parts = raw.flatMap((x) => (typeof x === 'string' ? x.split(',') : [x])).map((x) => (typeof x === 'string' ? x.trim() : x));
    return parts.filter((x) => x !== '');
  }, z.array(item).min(1).max(100).optional());
}

/**
 * A whole number typed as digits: "12" yes; "0x1", "1e3", "12abc" no (Number() would take the
 * first two, and a path or filter value should mean exactly what it says).
 */
export const intParam = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*\d{1,16}\s*$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));
const int = intParam;
const optional = <T extends z.ZodType>(s: T) => z.preprocess(blank, s.optional());
/** Free text typed by a person: NFC, white space folded, bounded. */
// Control characters go too: PostgreSQL refuses a NUL in text, and none belongs in a search.
const typed = (max: number) =>
  optional(
    z
      .string()
      .max(max)
      .transform((s) => s.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim()),
  );
const bool = z.preprocess((v) => {
  const b = blank(v);
  if (typeof b !== 'string') return b;
  if (/^(true|1|yes)$/i.test(b)) return true;
  if (/^(false|0|no)$/i.test(b)) return false;
  return b;
}, z.boolean().optional());

/** `YYYY-MM`. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const month = optional(z.string().regex(MONTH, 'must be a month, YYYY-MM'));
const schoolYear = optional(
  z
    .string()
    .regex(/^\d{4}-\d{4}$/, { message: 'must look like 2024-2025', abort: true })
    .refine((s) => Number(s.slice(5)) > Number(s.slice(0, 4)), 'the second year must come after the first'),
);

/** Filters on the document an item belongs to. */
export const DOCUMENT_FILTER_SHAPE = {
  /** Documents whose period contains this school year ("2024-2029" contains "2024-2025"). */
  schoolYear,
  /** Part of the school's name, accents and case ignored. */
  school: typed(200),
  schoolLevel: list(SchoolLevelSchema),
  kind: list(KindSchema),
  form: list(FormSchema),
  circular: list(z.string().regex(/^\d{1,3}\/\d{4}$/, 'must look like 19/2018')),
  documentId: list(int(1, 2_147_483_647)),
};

/** Filters on items (plus those on their document). */
export const ITEM_FILTER_SHAPE = {
  ...DOCUMENT_FILTER_SHAPE,
  standard: list(int(1, 5)),
  criterion: list(z.string().regex(/^\d{1,2}\.\d{1,2}$/, 'must look like 3.1')),
  level: list(int(1, 4)),
  /**
   * Part of the owner cell ("Phó hiệu trưởng"), accents and case ignored, abbreviations understood
   * both ways ("Phó hiệu trưởng" finds "Phó HT" and "PHT"; "TTCM" finds "Tổ trưởng chuyên môn").
   */
  owner: typed(200),
  budgetMin: optional(int(0, Number.MAX_SAFE_INTEGER)),
  budgetMax: optional(int(0, Number.MAX_SAFE_INTEGER)),
  /** true: only items with no amount (budgetVnd null); false: only items with one. */
  noBudget: bool,
  /** Items whose timeline overlaps [from, to] (months; either end may be left open). */
  from: month,
  to: month,
  status: list(TaskStatusSchema),
  /** Items with confidence below this (0–1]. */
  lowConfidence: optional(z.preprocess((v) => (typeof v === 'string' && /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(v) ? Number(v) : v), z.number().gt(0).max(1))),
  /** Words to find in the item's text; accents optional ("ke hoach" finds "kế hoạch"). */
  search: typed(500),
  /**
   * Count the items of documents that are copies of another stored document too (a scan of a
   * DOCX: see src/extract/copies.ts). Off by default: a copy counted beside its original counts
   * every đồng twice.
   */
  includeDuplicates: bool,
};

type Ranged = { budgetMin?: number; budgetMax?: number; from?: string; to?: string };

function checkRanges(f: Ranged, ctx: z.RefinementCtx<unknown>): void {
  if (f.budgetMin != null && f.budgetMax != null && f.budgetMin > f.budgetMax) {
    ctx.addIssue({ code: 'custom', path: ['budgetMin'], message: 'must not be above budgetMax' });
  }
  if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
}

/** Item filters plus other keys (paging, a dimension, a format), unknown keys refused. */
export function withItemFilters<S extends z.ZodRawShape>(extra: S) {
  return z.strictObject({ ...ITEM_FILTER_SHAPE, ...extra }).superRefine((f, ctx) => checkRanges(f as Ranged, ctx));
}

/** Item filters alone. */
export const ItemFilterSchema = withItemFilters({});
export type ItemFilter = z.infer<typeof ItemFilterSchema>;

/** Filters of a document list: the document filters plus processing status. */
export const DocumentFilterSchema = z.strictObject({
  ...DOCUMENT_FILTER_SHAPE,
  status: list(z.enum(DOCUMENT_STATUSES)),
});
export type DocumentFilter = z.infer<typeof DocumentFilterSchema>;

/** What each filter means, for a person: CLI option help and the OpenAPI parameter descriptions. */
export const FILTER_HELP: Record<string, string> = {
  schoolYear: 'documents whose period contains this school year, e.g. 2024-2025 (a plan for 2024-2029 contains it)',
  school: "part of the school's name; accents and case ignored",
  schoolLevel: 'preschool, primary, lower-secondary, upper-secondary, multi-level (several: comma-separated)',
  kind: 'plan (KH) or report (BC)',
  form: 'criterion-rows (Circulars 17/18/19 of 2018) or task-rows (Circular 57/2026)',
  circular: 'the circular the document cites, e.g. 19/2018 or 57/2026',
  documentId: 'document ids',
  standard: 'standard numbers (Tiêu chuẩn), 1-5',
  criterion: 'criterion codes, e.g. 3.1 (give circular too: codes of different circulars are different criteria)',
  level: 'levels (Mức), 1-4',
  owner: 'part of the owner cell, e.g. "Phó hiệu trưởng"; accents and case ignored; abbreviations (HT, PHT, TTCM, GV, GVCN, NV, CBQL, BGH, BĐD CMHS, …) understood both ways',
  budgetMin: 'smallest budgetVnd, in đồng',
  budgetMax: 'largest budgetVnd, in đồng',
  noBudget: 'true: only items with no amount (budgetVnd null); false: only items with one',
  from: 'items whose timeline overlaps a period starting this month (YYYY-MM)',
  to: 'items whose timeline overlaps a period ending this month (YYYY-MM)',
  status: 'task status (2026 form): done, in-progress, not-done',
  lowConfidence: 'items whose extraction confidence is below this (0-1), for a person to check',
  search: 'words to find in the item text, in any order; accents optional ("ke hoach" finds "kế hoạch"); "quoted words" as a phrase',
  includeDuplicates: 'true: also count items of documents that are copies of another stored document (e.g. the scan of a DOCX, see duplicateOf); by default they are left out so nothing is counted twice',
  limit: 'how many rows',
  offset: 'rows to skip',
  exactTotal: `true: count every item a search matches (by default a searched list counts to ${1_000} and then says "more than"; sums are always exact)`,
  sort: `sort key: ${'documentId, school, schoolYear, criterion, standard, level, budgetVnd, timelineStart, confidence'}; prefix - for descending`,
};

/** Sort keys of item lists; `-key` sorts descending. */
export const ITEM_SORT_KEYS = [
  'documentId',
  'school',
  'schoolYear',
  'criterion',
  'standard',
  'level',
  'budgetVnd',
  'timelineStart',
  'confidence',
] as const;
export type ItemSortKey = (typeof ITEM_SORT_KEYS)[number];

/** A sort key of {@link ITEM_SORT_KEYS}, optionally prefixed with `-`. */
export const SortSchema = optional(
  z.string().refine((s) => (ITEM_SORT_KEYS as readonly string[]).includes(s.replace(/^-/, '')), {
    message: `must be one of ${ITEM_SORT_KEYS.join(', ')} (prefix - for descending)`,
  }),
);

/** Page of a list: at most `maxLimit` rows from `offset`. */
export function pageShape(maxLimit: number, defaultLimit: number) {
  return {
    limit: optional(int(1, maxLimit)).transform((v) => v ?? defaultLimit),
    offset: optional(int(0, 10_000_000)).transform((v) => v ?? 0),
  };
}

/** Item filters plus paging and sorting, for one face's limits. */
export function itemQuerySchema(maxLimit: number, defaultLimit = 50) {
  return withItemFilters({ ...pageShape(maxLimit, defaultLimit), sort: SortSchema, exactTotal: bool });
}

/** Which plans to link to their reports (see link.ts). */
export const LinkRequestSchema = z
  .strictObject({
    schoolYear,
    school: typed(200),
    planId: optional(int(1, 2_147_483_647)),
    reportId: optional(int(1, 2_147_483_647)),
    status: list(z.enum(['done', 'in-progress', 'not-done', 'missing', 'unknown'])),
  })
  .refine((r) => r.schoolYear || r.planId, { message: 'give a school year (schoolYear) or a plan (planId)', path: ['schoolYear'] })
  .refine((r) => !r.reportId || r.planId, { message: 'a report is linked to a plan: give planId too', path: ['reportId'] });
export type LinkRequestInput = z.infer<typeof LinkRequestSchema>;

/** Which stored layouts to re-extract (the pipeline's ReextractRequest). */
export const ReextractFilterSchema = z.strictObject({
  kind: optional(KindSchema),
  schoolYear: optional(z.string().regex(/^\d{4}-\d{4}$/, 'must look like 2024-2025')),
  rulesBefore: optional(z.string().max(100).regex(RULES_VERSION_FORMAT, 'must be a rules version: a revision (2) or a revision and digest (2.8afedb84)')),
});

/** A page request. */
export interface Page {
  limit: number;
  offset: number;
  sort?: string;
  /** Count every match of a search, however many (see query/items.ts, SEARCH_TOTAL_CAP). */
  exactTotal?: boolean;
}

/** zod issues as one line: `schoolYear: must look like 2024-2025; limit: …`. */
export function describeIssues(error: z.ZodError, name: (key: string) => string = (k) => k): string {
  return error.issues
    .map((i) => {
      // A list's element index says nothing to a person who typed "3,7": name the option only.
      const key = i.path.length ? name(String(i.path[0])) : '';
      if (i.code === 'unrecognized_keys') return `unknown parameter${i.keys.length > 1 ? 's' : ''}: ${i.keys.map(name).join(', ')}`;
      return key ? `${key}: ${i.message}` : i.message;
    })
    .join('; ');
}
