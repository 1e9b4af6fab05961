/**
 * Copies: the reads and the one write behind "this document is the same plan as that one"
 * (src/pipeline/copies.ts decides, with src/extract/copies.ts). Groups are flat: a copy points at
 * its group's canonical document, which points nowhere.
 */
import { asc, desc, eq, getTableColumns, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { rowsOf, type Db, type Tx } from './db.js';
import { documents, items, type DocumentRow, type ItemRow } from './schema.js';

/** Any fixed number: the advisory lock space of copy decisions (see {@link withCopyLocks}). */
const COPY_LOCK = 727_465_002;

/** A key as a 32-bit integer (FNV-1a): the second half of a two-key advisory lock. */
function lockNumber(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

/**
 * Take the copy lock of each key, in one order (so two transactions never wait for each other's)
 * and in one statement (a round trip per lock counts when re-extracting thousands; PostgreSQL
 * evaluates the select list left to right, so the locks are taken in this order).
 */
export async function lockCopyKeys(tx: Tx, keys: Iterable<string>): Promise<void> {
  const numbers = [...new Set([...keys].map(lockNumber))].sort((a, b) => a - b);
  if (numbers.length) await tx.execute(sql`select ${sql.join(numbers.map((n) => sql`pg_advisory_xact_lock(${COPY_LOCK}, ${n})`), sql`, `)}`);
}

/**
 * Run `fn` in a transaction holding the copy lock of each key (documents' copy keys: copies
 * share one). Two workers storing the DOCX and the scan of one plan at the same moment would each
 * miss the other; under one lock, taken before any row, the second sees the first.
 */
export async function withCopyLocks<T>(db: Db, keys: Iterable<string>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await lockCopyKeys(tx, keys);
    return fn(tx);
  });
}

/** A document that could be a copy: found by its copy key, with its school (nothing heavy). */
export interface CopyCandidateRow {
  id: number;
  school: string | null;
  copyKey: string;
}


/**
 * The documents with one of these copy keys (the only ones that can be copies of a document with
 * that key): an index lookup, however many documents share the school year.
 */
export async function documentsWithCopyKeys(tx: Tx, keys: string[]): Promise<CopyCandidateRow[]> {
  if (keys.length === 0) return [];
  return tx
    .select({ id: documents.id, school: documents.school, copyKey: sql<string>`${documents.copyKey}` })
    .from(documents)
    .where(inArray(documents.copyKey, keys))
    .orderBy(asc(documents.id));
}

/** Those of these documents that other documents are recorded as copies of. */
export async function documentsWithCopies(tx: Tx, ids: number[]): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = rowsOf<{ id: number }>(
    await tx.execute(sql`select distinct ${documents.duplicateOf} as id from ${documents} where ${inArray(documents.duplicateOf, ids)}`),
  );
  return new Set(rows.map((r) => Number(r.id)));
}

/**
 * The ids of these documents and of every member of their groups (canonical documents and
 * copies): a union of index lookups (an OR of the three would read every document).
 */
function groupsOf(ids: number[]): SQL {
  const list = sql.join(ids.map((id) => sql`${id}::int`), sql`, `);
  return sql`(select unnest(array[${list}])
    union select coalesce(h.duplicate_of, h.id) from ${documents} h where h.id in (${list})
    union select m.id from ${documents} h join ${documents} m on m.duplicate_of = coalesce(h.duplicate_of, h.id) where h.id in (${list}))`;
}

/** The document columns the copy rule reads. */
const COPY_DOCUMENT_COLUMNS = {
  id: documents.id,
  format: documents.format,
  kind: documents.kind,
  form: documents.form,
  circular: documents.circular,
  schoolYear: documents.schoolYear,
  school: documents.school,
  duplicateOf: documents.duplicateOf,
};
export type CopyDocumentRow = Pick<DocumentRow, keyof typeof COPY_DOCUMENT_COLUMNS>;

// An item's provenance and extra cells are not what it says: left behind, they are most of its bytes.
const { provenance: _p, extra: _e, ownerFolded: _o, ...COPY_ITEM_COLUMNS } = getTableColumns(items);
export type CopyItemRow = Omit<ItemRow, 'provenance' | 'extra' | 'ownerFolded'>;

/**
 * These documents with every member of their groups, and all their items (in document and item
 * order): two queries sent together.
 */
export async function copyGroupsOf(tx: Tx, ids: number[]): Promise<{ documents: CopyDocumentRow[]; items: CopyItemRow[] }> {
  if (ids.length === 0) return { documents: [], items: [] };
  const [docs, rows] = await Promise.all([
    tx.select(COPY_DOCUMENT_COLUMNS).from(documents).where(sql`${documents.id} in ${groupsOf(ids)}`).orderBy(asc(documents.id)),
    tx.select(COPY_ITEM_COLUMNS).from(items).where(sql`${items.documentId} in ${groupsOf(ids)}`).orderBy(asc(items.documentId), asc(items.ordinal)),
  ]);
  return { documents: docs, items: rows };
}

/** Record which document each one copies (null: none), in one statement; only changed rows are written. */
export async function setDuplicateOf(tx: Tx, links: Map<number, number | null>, current: Map<number, number | null>): Promise<number> {
  const changed = [...links].filter(([id, duplicateOf]) => (current.get(id) ?? null) !== duplicateOf);
  if (changed.length === 0) return 0;
  const values = sql.join(changed.map(([id, duplicateOf]) => sql`(${id}::int, ${duplicateOf}::int)`), sql`, `);
  await tx.execute(sql`update ${documents} set duplicate_of = v.duplicate_of from (values ${values}) as v(id, duplicate_of) where ${documents.id} = v.id`);
  return changed.length;
}

/** Documents marked as copies, newest first, each with the file name of the one it copies. */
export async function duplicateDocuments(db: Db, limit = 50): Promise<{ document: DocumentRow; original: { id: number; fileName: string | null } }[]> {
  const original = alias(documents, 'original');
  const rows = await db
    .select({ document: documents, originalNames: original.fileNames })
    .from(documents)
    .innerJoin(original, eq(original.id, documents.duplicateOf))
    .orderBy(desc(documents.id))
    .limit(limit);
  return rows.map((r) => ({ document: r.document, original: { id: r.document.duplicateOf!, fileName: r.originalNames[0] ?? null } }));
}

/** How many documents are marked as copies. */
export async function countDuplicates(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(documents).where(isNotNull(documents.duplicateOf));
  return Number(row.n);
}
