/**
 * Filters → SQL conditions over `items` joined to `documents`. Every value typed by a person is a
 * bound parameter; the only raw SQL is our own constants.
 */
import { and, eq, gte, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL } from 'drizzle-orm';
import { documents, items, monthToDate } from '../store/index.js';
import type { DocumentFilter, ItemFilter } from './filter.js';
import { foldedContains, ownerCondition, searchCondition } from './fold.js';

/**
 * Documents whose period contains the school year: a plan "2024-2029" holds for "2024-2025".
 * Years compare as 4-digit text, so no cast can fail on a malformed value.
 */
export function schoolYearCovers(year: string): SQL {
  const [first, last] = year.split('-');
  return sql`(${documents.schoolYear} ~ '^[0-9]{4}-[0-9]{4}$' and left(${documents.schoolYear}, 4) <= ${first} and right(${documents.schoolYear}, 4) >= ${last})`;
}

/** Conditions on the document (used for item and document lists alike). */
export function documentConditions(f: Omit<DocumentFilter, 'status'>): SQL[] {
  const out: (SQL | undefined)[] = [
    f.schoolYear ? schoolYearCovers(f.schoolYear) : undefined,
    f.school ? foldedContains(documents.school, f.school) : undefined,
    f.schoolLevel ? inArray(documents.schoolLevel, f.schoolLevel) : undefined,
    f.kind ? inArray(documents.kind, f.kind) : undefined,
    f.form ? inArray(documents.form, f.form) : undefined,
    f.circular ? inArray(documents.circular, f.circular) : undefined,
    f.documentId ? inArray(documents.id, f.documentId) : undefined,
  ];
  return out.filter((c): c is SQL => c !== undefined);
}

/** The WHERE of a document list. */
export function documentWhere(f: DocumentFilter): SQL | undefined {
  return and(...documentConditions(f), f.status ? inArray(documents.status, f.status) : undefined);
}

/**
 * Items whose timeline overlaps [from, to]. A missing end is an open end ("và các năm học tiếp
 * theo"); an item with neither end has no known timeline and never matches.
 */
export function timelineOverlaps(from?: string, to?: string): SQL {
  return and(
    or(isNotNull(items.timelineStart), isNotNull(items.timelineEnd)),
    to ? or(isNull(items.timelineStart), lte(items.timelineStart, monthToDate(to)!)) : undefined,
    from ? or(isNull(items.timelineEnd), gte(items.timelineEnd, monthToDate(from)!)) : undefined,
  )!;
}

/** Conditions on the item's own columns. */
export function itemConditions(f: ItemFilter): SQL[] {
  const out: (SQL | undefined)[] = [
    f.standard ? inArray(items.standard, f.standard) : undefined,
    f.criterion ? inArray(items.criterion, f.criterion) : undefined,
    f.level ? inArray(items.level, f.level) : undefined,
    f.owner ? ownerCondition(items.owner, f.owner) : undefined,
    f.budgetMin != null ? gte(items.budgetVnd, f.budgetMin) : undefined,
    f.budgetMax != null ? lte(items.budgetVnd, f.budgetMax) : undefined,
    f.noBudget === true ? isNull(items.budgetVnd) : f.noBudget === false ? isNotNull(items.budgetVnd) : undefined,
    f.from || f.to ? timelineOverlaps(f.from, f.to) : undefined,
    f.status ? inArray(items.status, f.status) : undefined,
    f.lowConfidence != null ? lt(items.confidence, f.lowConfidence) : undefined,
    f.search ? searchCondition(f.search) : undefined,
  ];
  return out.filter((c): c is SQL => c !== undefined);
}

/**
 * Conditions on the document of an item: the document filters, and (unless asked to include them)
 * not a copy of another stored document, so a plan sent as DOCX and as a scan counts once.
 */
export function itemDocumentConditions(f: ItemFilter): SQL[] {
  return [...documentConditions(f), ...(f.includeDuplicates ? [] : [isNull(documents.duplicateOf)])];
}

/** The WHERE of an item list (over items joined to documents). */
export function itemWhere(f: ItemFilter): SQL | undefined {
  return and(...itemDocumentConditions(f), ...itemConditions(f));
}

/**
 * The WHERE of a query over `items` alone: the document conditions as a semi-join, so a query
 * that needs documents only after aggregating (sums) need not join 100,000 rows first.
 */
export function itemOnlyWhere(f: ItemFilter): SQL | undefined {
  const onDocument = itemDocumentConditions(f);
  const semi = onDocument.length ? sql`${items.documentId} in (select ${documents.id} from ${documents} where ${and(...onDocument)})` : undefined;
  return and(...itemConditions(f), semi);
}

/** The join every item query uses. */
export const itemsJoinDocuments = eq(documents.id, items.documentId);
