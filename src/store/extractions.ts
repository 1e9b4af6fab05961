/**
 * Layouts and extracted rows. A document's items, focus issues and monitoring rows are only ever
 * replaced together, in one transaction that first locks the document row: a reader sees the old
 * extraction or the new one, never half of either, and two writers for the same document (a
 * worker retried after a crash, a re-extraction) take turns instead of interleaving.
 */
import { and, asc, eq, getTableColumns, gt, inArray, is, isNull, notInArray, or, SQL, sql } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { Kind } from '../extract/contract.js';
import { copyKey } from '../extract/copies.js';
import type { Layout } from '../layout/layout.js';
import type { Db, Tx } from './db.js';
import type { ExtractionRows } from './rows.js';
import {
  documents,
  focusIssues,
  items,
  layouts,
  monitoringRows,
  type DocumentRow,
  type FocusIssueRow,
  type ItemRow,
  type MonitoringRowRow,
} from './schema.js';

/**
 * Save a document's layout (replacing an earlier one) and move it to `extracting`, together.
 * @param mediaType the detected media type, recorded on the document.
 */
export async function saveLayout(db: Db, documentId: number, layout: Layout, mediaType?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .insert(layouts)
      .values({ documentId, layout, reader: layout.source.reader })
      .onConflictDoUpdate({ target: layouts.documentId, set: { layout, reader: layout.source.reader, createdAt: sql`now()` } });
    await tx
      .update(documents)
      .set({
        status: 'extracting',
        format: layout.source.format,
        errorCode: null,
        error: null,
        updatedAt: sql`now()`,
        ...(mediaType ? { mediaType } : {}),
      })
      .where(eq(documents.id, documentId));
  });
}

/** The row holding a document's file (and layout): its own, or the binder's for a binder's 2nd, 3rd… document. */
const fileRowOf = (documentId: number) => sql`(select coalesce(${documents.fileId}, ${documents.id}) from ${documents} where ${documents.id} = ${documentId})`;

/** The stored Layout of a document's file, if it was read (a binder's documents share one). */
export async function getLayout(db: Db, documentId: number): Promise<Layout | undefined> {
  const [row] = await db.select({ layout: layouts.layout }).from(layouts).where(eq(layouts.documentId, fileRowOf(documentId)));
  return row?.layout;
}

/** Whether the layout of a document's file is stored (without loading it). */
export async function hasLayout(db: Db, documentId: number): Promise<boolean> {
  const rows = await db.select({ id: layouts.documentId }).from(layouts).where(eq(layouts.documentId, fileRowOf(documentId)));
  return rows.length > 0;
}

/** A document's stored extraction, as rows. */
export interface StoredExtraction {
  document: DocumentRow;
  items: ItemRow[];
  focusIssues: FocusIssueRow[];
  monitoring: MonitoringRowRow[];
}

/** The stored extraction of a document, or undefined when there is no such document. */
export async function getStoredExtraction(db: Db, documentId: number): Promise<StoredExtraction | undefined> {
  return db.transaction(async (tx) => {
    const [document] = await tx.select().from(documents).where(eq(documents.id, documentId));
    return document ? (await readStoredOf(tx, [document])).get(documentId) : undefined;
  });
}

export interface ReplaceOptions {
  /**
   * Called inside the transaction with what is stored now; return false to keep the rows and only
   * stamp the new rules version (a re-extraction that changed nothing rewrites nothing).
   */
  shouldWrite?: (previous: StoredExtraction) => boolean;
}

/** What a replacement found and did. */
export interface ReplaceResult {
  /** What was stored before (rows empty unless `shouldWrite` was given). */
  previous: StoredExtraction;
  written: boolean;
}

/** One document's new extraction, for {@link replaceExtractionsIn}. */
export interface Replacement {
  documentId: number;
  next: ExtractionRows;
}

/**
 * Insert rows as one JSON parameter expanded by PostgreSQL (jsonb_populate_recordset): one
 * statement for a whole batch of documents' rows, however many, with no bind-parameter limit, and
 * without building a VALUES list of 30 parameters a row. Keys are the columns' SQL names; a row
 * must carry every column (a missing key is null, not the column's default).
 */
export async function insertRows(tx: Tx | Db, table: typeof items | typeof focusIssues | typeof monitoringRows, rows: object[]): Promise<void> {
  if (rows.length === 0) return;
  // Generated columns (items.owner_folded) are the database's to write.
  const columns = Object.entries(getTableColumns(table) as Record<string, { name: string; default?: unknown; generated?: unknown }>).filter(([, c]) => !c.generated);
  const json = rows.map((row) => {
    const r = row as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      // A column's plain default (items.extra's {}) where the row leaves it out, as an INSERT would.
      const value = r[key] !== undefined ? r[key] : is(column.default, SQL) ? undefined : column.default;
      if (value !== undefined) out[column.name] = value;
    }
    return out;
  });
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  await tx.execute(sql`insert into ${table} (${names}) select ${names} from jsonb_populate_recordset(null::${table}, ${JSON.stringify(json)}::jsonb)`);
}

/** The copy key of an extraction's rows (the rule: src/extract/copies.ts). */
export function copyKeyOfRows(next: ExtractionRows): string {
  const f = next.facts;
  return copyKey({ kind: f.kind ?? null, form: f.form ?? null, circular: f.circular ?? null, schoolYear: f.schoolYear ?? null, school: f.school ?? null, items: next.items });
}

/**
 * Replace a document's extraction in one transaction: metadata, items, focus issues and
 * monitoring rows, status `stored` and the rules version that produced them.
 */
export async function replaceExtraction(
  db: Db,
  documentId: number,
  next: ExtractionRows,
  rulesVersion: string,
  options: ReplaceOptions = {},
): Promise<ReplaceResult> {
  return db.transaction((tx) => replaceExtractionIn(tx, documentId, next, rulesVersion, options));
}

/** {@link replaceExtraction} inside a transaction the caller holds (and commits). */
export async function replaceExtractionIn(
  tx: Tx,
  documentId: number,
  next: ExtractionRows,
  rulesVersion: string,
  options: ReplaceOptions = {},
): Promise<ReplaceResult> {
  const [result] = await replaceExtractionsIn(tx, [{ documentId, next }], rulesVersion, options);
  return result;
}

/**
 * Replace the extractions of several documents inside a transaction the caller holds, with a
 * fixed number of statements whatever their number: lock and read the documents (and, for a
 * caller that compares, their stored rows), delete and insert the rows of those that changed,
 * and update the documents that need it in one statement. A document whose rows, warnings, rules
 * version and status are what they would be written as is not written at all.
 * @returns one result per replacement, in order.
 */
export async function replaceExtractionsIn(
  tx: Tx,
  replacements: Replacement[],
  rulesVersion: string,
  options: ReplaceOptions = {},
): Promise<ReplaceResult[]> {
  if (replacements.length === 0) return [];
  const ids = replacements.map((r) => r.documentId);
  // In id order: two writers locking overlapping sets of rows never wait for each other's.
  const locked = await tx.select().from(documents).where(inArray(documents.id, ids)).orderBy(asc(documents.id)).for('update');
  const byId = new Map(locked.map((d) => [d.id, d]));
  for (const id of ids) if (!byId.has(id)) throw new Error(`document ${id} does not exist`);
  // The stored rows are read only for a caller that compares; a first extraction needs none.
  const stored = options.shouldWrite ? await readStoredOf(tx, locked) : undefined;

  const results: ReplaceResult[] = [];
  const writes: Replacement[] = [];
  const updates: { id: number; next: ExtractionRows; copyKey: string }[] = [];
  for (const r of replacements) {
    const document = byId.get(r.documentId)!;
    const previous = stored?.get(r.documentId) ?? { document, items: [], focusIssues: [], monitoring: [] };
    const written = options.shouldWrite ? options.shouldWrite(previous) : true;
    const key = copyKeyOfRows(r.next);
    if (written) writes.push(r);
    const current =
      document.status === 'stored' &&
      document.rulesVersion === rulesVersion &&
      document.errorCode === null &&
      document.error === null &&
      document.copyKey === key &&
      sameJson(document.issues, r.next.facts.issues ?? []) &&
      sameJson(document.segment, r.next.facts.segment ?? null);
    if (written || !current) updates.push({ id: r.documentId, next: r.next, copyKey: key });
    results.push({ previous, written });
  }

  // The documents first: their new facts are where the item sums' triggers count the new items.
  if (updates.length) await updateDocuments(tx, updates, rulesVersion);
  if (writes.length) {
    const written = writes.map((w) => w.documentId);
    // One statement for three deletes: each round trip counts when re-extracting thousands.
    await tx.execute(sql`with
      i as (delete from ${items} where ${inArray(items.documentId, written)}),
      f as (delete from ${focusIssues} where ${inArray(focusIssues.documentId, written)})
      delete from ${monitoringRows} where ${inArray(monitoringRows.documentId, written)}`);
    const itemRows = writes.flatMap((w) => w.next.items);
    const focusRows = writes.flatMap((w) => w.next.focusIssues);
    const monitoring = writes.flatMap((w) => w.next.monitoring);
    await insertRows(tx, items, itemRows);
    await insertRows(tx, focusIssues, focusRows);
    await insertRows(tx, monitoringRows, monitoring);
  }
  return results;
}

/**
 * Remove documents a binder no longer holds (their rows go with them), inside the transaction that
 * stores the file's new extraction.
 * @returns the documents that were copies of them (the removal cleared their link; the caller
 *   decides their copies again) and how many items went with each.
 */
export async function removeDocumentsIn(tx: Tx, ids: number[]): Promise<{ copies: DocumentRow[]; items: Map<number, number> }> {
  if (ids.length === 0) return { copies: [], items: new Map() };
  const [counts, copies] = await Promise.all([
    tx.select({ id: items.documentId, n: sql<number>`count(*)::int` }).from(items).where(inArray(items.documentId, ids)).groupBy(items.documentId),
    tx.select().from(documents).where(and(inArray(documents.duplicateOf, ids), notInArray(documents.id, ids))),
  ]);
  await tx.delete(documents).where(inArray(documents.id, ids));
  return { copies: copies.map((c) => ({ ...c, duplicateOf: null })), items: new Map(counts.map((c) => [c.id, Number(c.n)])) };
}

/** Write the facts, copy key, rules version and status `stored` of several documents in one statement. */
async function updateDocuments(tx: Tx, updates: { id: number; next: ExtractionRows; copyKey: string }[], rulesVersion: string): Promise<void> {
  const values = updates.map(({ id, next: { facts: f }, copyKey: key }) => ({
    id,
    kind: f.kind ?? null,
    form: f.form ?? null,
    circular: f.circular ?? null,
    number: f.number ?? null,
    place: f.place ?? null,
    issued_on: f.issuedOn ?? null,
    school_year: f.schoolYear ?? null,
    school: f.school ?? null,
    school_level: f.schoolLevel ?? null,
    issues: f.issues ?? [],
    copy_key: key,
    segment: f.segment ?? null,
    segment_number: f.segment?.number ?? null,
  }));
  await tx.execute(sql`update ${documents} as d set
      kind = v.kind, form = v.form, circular = v.circular, number = v.number, place = v.place, issued_on = v.issued_on,
      school_year = v.school_year, school = v.school, school_level = v.school_level, issues = v.issues, copy_key = v.copy_key,
      segment = v.segment, segment_number = v.segment_number, status = 'stored', rules_version = ${rulesVersion}, error_code = null, error = null, updated_at = now()
    from jsonb_to_recordset(${JSON.stringify(values)}::jsonb) as v(id int, kind text, form text, circular text, number text, place text,
      issued_on date, school_year text, school text, school_level text, issues jsonb, copy_key text, segment jsonb, segment_number smallint)
    where d.id = v.id`);
}

/** The stored rows of these documents, each set in ordinal order: three queries sent together. */
async function readStoredOf(tx: Tx, docs: DocumentRow[]): Promise<Map<number, StoredExtraction>> {
  const ids = docs.map((d) => d.id);
  const [itemRows, focusRows, monitoring] = await Promise.all([
    tx.select().from(items).where(inArray(items.documentId, ids)).orderBy(asc(items.documentId), asc(items.ordinal)),
    tx.select().from(focusIssues).where(inArray(focusIssues.documentId, ids)).orderBy(asc(focusIssues.documentId), asc(focusIssues.ordinal)),
    tx.select().from(monitoringRows).where(inArray(monitoringRows.documentId, ids)).orderBy(asc(monitoringRows.documentId), asc(monitoringRows.ordinal)),
  ]);
  const out = new Map<number, StoredExtraction>(docs.map((document) => [document.id, { document, items: [], focusIssues: [], monitoring: [] }]));
  for (const r of itemRows) out.get(r.documentId)!.items.push(r);
  for (const r of focusRows) out.get(r.documentId)!.focusIssues.push(r);
  for (const r of monitoring) out.get(r.documentId)!.monitoring.push(r);
  return out;
}

/** Equal as JSON once object keys are sorted (jsonb reorders them). */
function sameJson(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** A value as JSON with object keys sorted: equal for equal jsonb values, whatever the key order. */
export function canonicalJson(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
      : x,
  );
}

/** Which stored layouts to re-extract. */
export interface ReextractFilter {
  kind?: Kind;
  schoolYear?: string;
  /**
   * Only documents extracted by one of these rules versions (null: never extracted). Which
   * versions are "older" is the extractor's rule, so the pipeline decides and passes the list.
   */
  rulesVersions?: (string | null)[];
  /** Only these documents. */
  documentIds?: number[];
}

function rulesIn(d: FilteredColumns, versions: (string | null)[]): SQL {
  const named = versions.filter((v): v is string => v !== null);
  return or(named.length ? inArray(d.rulesVersion, named) : sql`false`, versions.includes(null) ? isNull(d.rulesVersion) : sql`false`)!;
}

/** Every rules version some document was extracted with (null: documents never extracted). */
export async function rulesVersionsInUse(db: Db): Promise<(string | null)[]> {
  const rows = await db.selectDistinct({ v: documents.rulesVersion }).from(documents);
  return rows.map((r) => r.v);
}

/** The columns the filter reads, of `documents` or of an alias of it. */
type FilteredColumns = Record<'kind' | 'schoolYear' | 'rulesVersion' | 'id', AnyPgColumn>;

/** The filter on one document's own columns. */
function matches(d: FilteredColumns, f: ReextractFilter): SQL | undefined {
  return and(
    f.kind ? eq(d.kind, f.kind) : undefined,
    f.schoolYear ? eq(d.schoolYear, f.schoolYear) : undefined,
    f.rulesVersions ? rulesIn(d, f.rulesVersions) : undefined,
    f.documentIds ? inArray(d.id, f.documentIds) : undefined,
  );
}

/**
 * Files (rows with a layout) any of whose documents matches: a binder is re-extracted as a whole
 * when its report in 2nd place is asked for, since the cut between its documents may move.
 */
function filterSql(f: ReextractFilter): SQL | undefined {
  const own = matches(documents, f);
  if (!own) return undefined;
  const other = alias(documents, 'other');
  return or(own, sql`exists (select 1 from ${documents} as other where ${other.fileId} = ${documents.id} and ${matches(other, f)})`);
}

/**
 * Documents with a stored layout matching the filter, in id order, a batch at a time: memory
 * stays flat however many documents there are.
 */
export async function* layoutsToReextract(
  db: Db,
  filter: ReextractFilter,
  batchSize = 100,
): AsyncGenerator<{ document: DocumentRow; layout: Layout }[]> {
  let after = 0;
  for (;;) {
    const rows = await db
      .select({ document: documents, layout: layouts.layout })
      .from(documents)
      .innerJoin(layouts, eq(layouts.documentId, documents.id))
      .where(and(gt(documents.id, after), filterSql(filter)))
      .orderBy(asc(documents.id))
      .limit(batchSize);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1].document.id;
  }
}

/**
 * Give every extracted document without a copy key (stored before keys were) its key, from its
 * stored rows, a batch at a time; run on open after the migrations. Only keys still missing are
 * written, so a process doing this beside another, or beside a writer, changes nothing twice.
 * @returns how many documents got a key.
 */
export async function fillMissingCopyKeys(db: Db, batchSize = 500): Promise<number> {
  let filled = 0;
  for (;;) {
    const docs = await db
      .select()
      .from(documents)
      .where(and(isNull(documents.copyKey), sql`${documents.rulesVersion} is not null`))
      .orderBy(asc(documents.id))
      .limit(batchSize);
    if (docs.length === 0) return filled;
    const rows = await db
      .select({ documentId: items.documentId, criterion: items.criterion, rowNo: items.rowNo, budgetVnd: items.budgetVnd })
      .from(items)
      .where(inArray(items.documentId, docs.map((d) => d.id)))
      .orderBy(asc(items.documentId), asc(items.ordinal));
    const itemsOf = new Map<number, typeof rows>(docs.map((d) => [d.id, []]));
    for (const r of rows) itemsOf.get(r.documentId)!.push(r);
    const keys = docs.map((d) => ({ id: d.id, copy_key: copyKey({ ...d, items: itemsOf.get(d.id)! }) }));
    await db.execute(sql`update ${documents} as d set copy_key = v.copy_key
      from jsonb_to_recordset(${JSON.stringify(keys)}::jsonb) as v(id int, copy_key text)
      where d.id = v.id and d.copy_key is null`);
    filled += docs.length;
  }
}
