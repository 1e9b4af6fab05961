/**
 * Item lists: filtered, sorted, paged, each item with the document facts an analyst reads it by
 * (school, school year, circular, …) and the registry's name of its criterion.
 */
import { and, asc, count, desc, getTableColumns, inArray, sql, type SQL } from 'drizzle-orm';
import { dateToMonth, documents, items, type Db, type DocumentRow, type ItemRow, type Tx } from '../store/index.js';
import type { ItemFilter, ItemSortKey, Page } from './filter.js';
import { registryCriterionName } from './names.js';
import { documentConditions, itemConditions, itemDocumentConditions, itemsJoinDocuments, itemWhere } from './where.js';

/** One item as lists, exports and the API show it (contract field names, months as YYYY-MM). */
export interface ItemRecord {
  documentId: number;
  /** The document this item's document is a copy of (only listed with includeDuplicates); null for an original. */
  duplicateOf: number | null;
  ordinal: number;
  kind: DocumentRow['kind'];
  form: DocumentRow['form'];
  circular: string | null;
  school: string | null;
  schoolYear: string | null;
  schoolLevel: DocumentRow['schoolLevel'];
  standard: number | null;
  criterion: string | null;
  criterionName: string | null;
  /** The criterion's name in the registry for the document's circular and school level. */
  criterionRegistryName: string | null;
  level: number | null;
  rowNo: string | null;
  content: string | null;
  target: string | null;
  solution: string | null;
  support: string | null;
  indicator: string | null;
  evidence: string | null;
  owner: string | null;
  owners: string[] | null;
  timeline: string | null;
  timelineStart: string | null;
  timelineEnd: string | null;
  budgetText: string | null;
  budgetVnd: number | null;
  fundingSource: string | null;
  statusText: string | null;
  status: ItemRow['status'];
  planned: string | null;
  adjusted: string | null;
  done: string | null;
  inProgress: string | null;
  notDone: string | null;
  note: string | null;
  confidence: number;
}

const DOCUMENT_COLUMNS = {
  duplicateOf: documents.duplicateOf,
  kind: documents.kind,
  form: documents.form,
  circular: documents.circular,
  school: documents.school,
  schoolYear: documents.schoolYear,
  schoolLevel: documents.schoolLevel,
};

// Provenance and `extra` stay out of lists: they are per-item detail (the source route).
const { provenance: _p, extra: _e, ownerFolded: _o, ...ITEM_COLUMNS } = getTableColumns(items);

/** An items row joined with its document's facts. */
export type JoinedItemRow = Omit<ItemRow, 'provenance' | 'extra' | 'ownerFolded'> &
  Pick<DocumentRow, 'duplicateOf' | 'kind' | 'form' | 'circular' | 'school' | 'schoolYear' | 'schoolLevel'>;

/** The columns of a {@link JoinedItemRow}, for `select()`. */
export const JOINED_ITEM_COLUMNS = { ...ITEM_COLUMNS, ...DOCUMENT_COLUMNS };

/** A joined row as an {@link ItemRecord}. */
export function toItemRecord(row: JoinedItemRow): ItemRecord {
  return {
    documentId: row.documentId,
    duplicateOf: row.duplicateOf,
    ordinal: row.ordinal,
    kind: row.kind,
    form: row.form,
    circular: row.circular,
    school: row.school,
    schoolYear: row.schoolYear,
    schoolLevel: row.schoolLevel,
    standard: row.standard,
    criterion: row.criterion,
    criterionName: row.criterionName,
    criterionRegistryName: registryCriterionName(row.circular, row.schoolLevel, row.criterion),
    level: row.level,
    rowNo: row.rowNo,
    content: row.content,
    target: row.target,
    solution: row.solution,
    support: row.support,
    indicator: row.indicator,
    evidence: row.evidence,
    owner: row.owner,
    owners: row.owners,
    timeline: row.timeline,
    timelineStart: dateToMonth(row.timelineStart),
    timelineEnd: dateToMonth(row.timelineEnd),
    budgetText: row.budgetText,
    budgetVnd: row.budgetVnd,
    fundingSource: row.fundingSource,
    statusText: row.statusText,
    status: row.status,
    planned: row.planned,
    adjusted: row.adjusted,
    done: row.done,
    inProgress: row.inProgress,
    notDone: row.notDone,
    note: row.note,
    confidence: row.confidence,
  };
}

/** Criterion codes sort as numbers ("1.10" after "1.9"): zero-padded text, no cast that could fail. */
const criterionOrder = sql`lpad(split_part(${items.criterion}, '.', 1), 3, '0') || lpad(split_part(${items.criterion}, '.', 2), 3, '0')`;

const SORT_COLUMNS: Record<ItemSortKey, SQL | typeof items.documentId> = {
  documentId: items.documentId,
  school: sql`${documents.school}`,
  schoolYear: sql`${documents.schoolYear}`,
  criterion: sql`${documents.circular}, ${criterionOrder}`,
  standard: sql`${items.standard}`,
  level: sql`${items.level}`,
  budgetVnd: sql`${items.budgetVnd}`,
  timelineStart: sql`${items.timelineStart}`,
  confidence: sql`${items.confidence}`,
};

/** ORDER BY for a sort key (`-key` descending); nulls last either way; ties broken by position. */
export function itemOrder(sort: string | undefined): SQL[] {
  const key = (sort ?? 'documentId').replace(/^-/, '') as ItemSortKey;
  const descending = sort?.startsWith('-') ?? false;
  const column = SORT_COLUMNS[key] ?? items.documentId;
  const main = key === 'documentId' ? [] : [descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`];
  const tie = descending && key === 'documentId' ? [desc(items.documentId), asc(items.ordinal)] : [asc(items.documentId), asc(items.ordinal)];
  return [...main, ...tie];
}

/** A page of items and how many match in all. */
export interface ItemPage {
  /** How many items match; with `totalExact` false, more than this many do (see {@link SEARCH_TOTAL_CAP}). */
  total: number;
  totalExact: boolean;
  limit: number;
  offset: number;
  items: ItemRecord[];
}

/** Beyond this many documents a search's count joins them instead (see {@link countItems}). */
export const COUNT_DOCUMENT_IDS_MAX = 100_000;

/**
 * A searched list counts its matches up to this many (or up to the end of the page asked for,
 * if further) and then says "more than": counting every match of a common word reads every
 * matching item's table page, 0.2–0.4 s at 10^6 items, where the page of 50 rows takes 30 ms.
 * Search engines do the same (Elasticsearch's track_total_hits counts to 10 000; GitHub shows
 * "1,000+"). Sums stay exact whatever they match, and `exactTotal` asks a list for the full count.
 */
export const SEARCH_TOTAL_CAP = 1_000;

/**
 * How many items match the filter, counting no further than `cap` (the answer is then `cap + 1`
 * at most: "more than cap"). Asked for the first matches only, the planner may walk the items in
 * an index's order or the table's and fold every row's text to test the search, a cost it does
 * not see (0.1–0.4 s at 10^6 items for a common word); the search index's bitmap finds them in a
 * third of that, so a capped count runs with bitmap scans only (set for its transaction alone).
 */
export async function countItems(db: Db | Tx, filter: ItemFilter, cap = Number.POSITIVE_INFINITY, documentIds?: readonly number[]): Promise<number> {
  if (!Number.isFinite(cap)) return countMatches(db, filter, cap, documentIds);
  return (db as Db).transaction(async (tx) => {
    await tx.execute(sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)`);
    return countMatches(tx, filter, cap, documentIds);
  });
}

/** The ids of the documents whose items the filter lists (its document conditions; copies out unless asked for), in id order. */
async function passingDocumentIds(db: Db | Tx, filter: ItemFilter, descending = false): Promise<number[]> {
  const rows = await db.select({ id: documents.id }).from(documents).where(and(...itemDocumentConditions(filter))).orderBy(descending ? desc(documents.id) : asc(documents.id));
  return rows.map((r) => r.id);
}

/** Items of these documents: `document_id = any(ids)`, the ids one bound array. */
function inDocuments(ids: readonly number[]): SQL {
  return sql`${items.documentId} = any(${`{${ids.join(',')}}`}::int[])`;
}

/**
 * {@link countItems}'s count. A search filtered on document facts (a level, a school year…)
 * counts in two steps: the ids of the documents that pass, then the items of those documents as
 * `document_id = any(ids)`, so the item bitmap is the AND of the search index, the item filters
 * and the document ids, and only the matching items' pages are read. Joined, every item the
 * search and the item filters match is read before the documents leave most of them out (at 10^6
 * items a common word reads most of the table). The same set either way: an item's document
 * passes exactly when its id is among the ids. The ids are a bound parameter of an unnamed
 * statement, so the planner sees them (and their number) when it plans. A caller that read the
 * ids already passes them.
 */
async function countMatches(db: Db | Tx, filter: ItemFilter, cap: number, documentIds?: readonly number[]): Promise<number> {
  const counted = async (matches: SQL | undefined, join: boolean): Promise<number> => {
    const all = db.select({ one: sql`1` }).from(items).$dynamic();
    const hits = (join ? all.innerJoin(documents, itemsJoinDocuments) : all).where(matches);
    const [{ n }] = await db.select({ n: count() }).from((Number.isFinite(cap) ? hits.limit(cap + 1) : hits).as('hits'));
    return Number(n);
  };
  if (filter.search && documentConditions(filter).length > 0) {
    const ids = documentIds ?? (await passingDocumentIds(db, filter));
    if (ids.length === 0) return 0;
    if (ids.length <= COUNT_DOCUMENT_IDS_MAX) return counted(and(...itemConditions(filter), inDocuments(ids)), false);
  }
  return counted(itemWhere(filter), true);
}

/** Items matching the filter (and `also`), one page, without their count. */
function itemRows(db: Db, filter: ItemFilter, page: Page, also?: SQL): Promise<JoinedItemRow[]> {
  return db
    .select(JOINED_ITEM_COLUMNS)
    .from(items)
    .innerJoin(documents, itemsJoinDocuments)
    .where(and(itemWhere(filter), also))
    .orderBy(...itemOrder(page.sort))
    .limit(page.limit)
    .offset(page.offset);
}

/** A searched list in document order reads the items of this many documents first, then 4× as many each time. */
export const SEARCH_FIRST_DOCUMENTS = 256;

/**
 * A searched page in document order (the default sort), read a slice of the documents at a time:
 * the first {@link SEARCH_FIRST_DOCUMENTS} that pass the document filters, then four times as
 * many, until the page is full. Asked for all of them at once, the planner misjudges how many
 * items a search of several common words matches ("co so vat chat": 1,900 guessed, 155,000 at
 * 10^6 items) and reads the table page of every item the search and the item filters match to
 * keep 50: 0.4–0.6 s. A slice's items are the AND of the search index, the item filters and the
 * slice's document ids, so only its own matches are read (60–90 ms, most of it the search index
 * itself); slices come in document order, so their pages put end to end are the whole list's.
 */
async function searchedRowsInDocumentOrder(db: Db, filter: ItemFilter, page: Page, ids: readonly number[], firstDocuments: number): Promise<JoinedItemRow[]> {
  const wanted = page.offset + page.limit;
  const rows: JoinedItemRow[] = [];
  for (let start = 0, size = firstDocuments; start < ids.length && rows.length < wanted; start += size, size *= 4) {
    const slice = ids.slice(start, start + size);
    rows.push(...(await itemRows(db, filter, { limit: wanted - rows.length, offset: 0, sort: page.sort }, inDocuments(slice))));
  }
  return rows.slice(page.offset);
}

/**
 * Items matching the filter, one page, and how many match: exactly, unless the filter searches
 * text, `page.exactTotal` is not set and more items match than {@link SEARCH_TOTAL_CAP} (or than
 * reach the end of the page asked for): then `total` is that many and `totalExact` false.
 */
export async function listItems(db: Db, filter: ItemFilter, page: Page, options: { searchTotalCap?: number; searchFirstDocuments?: number } = {}): Promise<ItemPage> {
  const { searchTotalCap = SEARCH_TOTAL_CAP, searchFirstDocuments = SEARCH_FIRST_DOCUMENTS } = options;
  const cap = filter.search && !page.exactTotal ? Math.max(searchTotalCap, page.offset + page.limit) : Number.POSITIVE_INFINITY;
  const inDocumentOrder = (page.sort ?? 'documentId').replace(/^-/, '') === 'documentId';
  const read = async (): Promise<[JoinedItemRow[], number]> => {
    if (!filter.search || !inDocumentOrder) return Promise.all([itemRows(db, filter, page), countItems(db, filter, cap)]);
    // The ids serve the slices and the count alike: read once.
    const ids = await passingDocumentIds(db, filter, page.sort?.startsWith('-'));
    return Promise.all([searchedRowsInDocumentOrder(db, filter, page, ids, searchFirstDocuments), countItems(db, filter, cap, ids)]);
  };
  const [found, counted] = await read();
  return { total: Math.min(counted, cap), totalExact: counted <= cap, limit: page.limit, offset: page.offset, items: found.map(toItemRecord) };
}

/**
 * Every matching item, a page at a time (exports): memory stays bounded by `pageSize`, however
 * many items match. Stops after `max` items.
 */
export async function* allItems(
  db: Db,
  filter: ItemFilter,
  options: { sort?: string; offset?: number; max?: number; pageSize?: number } = {},
): AsyncGenerator<ItemRecord[]> {
  const pageSize = options.pageSize ?? 2_000;
  const max = options.max ?? Number.POSITIVE_INFINITY;
  const start = options.offset ?? 0;
  for (let done = 0; done < max; done += pageSize) {
    const limit = Math.min(pageSize, max - done);
    const batch = (await itemRows(db, filter, { limit, offset: start + done, sort: options.sort })).map(toItemRecord);
    if (batch.length) yield batch;
    if (batch.length < limit) return;
  }
}

/** Every item of these documents, in document order. */
export async function itemsOfDocuments(db: Db, documentIds: number[]): Promise<ItemRecord[]> {
  if (documentIds.length === 0) return [];
  const rows = await db
    .select(JOINED_ITEM_COLUMNS)
    .from(items)
    .innerJoin(documents, itemsJoinDocuments)
    .where(inArray(items.documentId, documentIds))
    .orderBy(asc(items.documentId), asc(items.ordinal));
  return rows.map(toItemRecord);
}
