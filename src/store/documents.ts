/**
 * Documents: registration by content hash, status changes, failures, and the read side the CLI's
 * `status` shows. A document is identified by the SHA-256 of its bytes, so registering the same
 * file twice (under any name, from any process) yields the same row.
 */
import { and, asc, count, desc, eq, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import type { ErrorCode } from '../errors.js';
import type { Db } from './db.js';
import { documents, type DocumentRow, type DocumentStatus } from './schema.js';

export interface Registration {
  document: DocumentRow;
  /** False when a document with these bytes already existed. */
  created: boolean;
}

/**
 * Names kept per document: distinct, the first ones it arrived under. A client sending the same
 * bytes under ever new names cannot grow the row without bound.
 */
export const MAX_FILE_NAMES = 20;

/**
 * Insert a document for these bytes, or find the existing one and remember the new file name
 * (unless it has it, or has {@link MAX_FILE_NAMES} already).
 * Safe against concurrent registration of the same bytes: the unique hash decides the winner.
 */
export async function registerDocument(
  db: Db,
  input: { sha256: string; size: number; fileName?: string; mediaType?: string | null },
): Promise<Registration> {
  const names = input.fileName ? [input.fileName] : [];
  const inserted = await db
    .insert(documents)
    .values({ sha256: input.sha256, size: input.size, fileNames: names, mediaType: input.mediaType ?? null })
    .onConflictDoNothing({ target: documents.sha256, where: sql`${documents.fileId} is null` })
    .returning();
  if (inserted.length === 1) return { document: inserted[0], created: true };
  // The other documents of a binder share the file's hash and names: one update renames them all.
  const updated = await db
    .update(documents)
    .set({
      fileNames: input.fileName
        ? sql`case when ${input.fileName} = any(${documents.fileNames}) or cardinality(${documents.fileNames}) >= ${MAX_FILE_NAMES} then ${documents.fileNames}
               else array_append(${documents.fileNames}, ${input.fileName}::text) end`
        : sql`${documents.fileNames}`,
    })
    .where(eq(documents.sha256, input.sha256))
    .returning();
  return { document: updated.find((d) => d.fileId === null)!, created: false };
}

/** One document by id. */
export async function getDocument(db: Db, id: number): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(eq(documents.id, id));
  return row;
}

/** One document by the SHA-256 of its bytes. */
export async function getDocumentBySha(db: Db, sha256: string): Promise<DocumentRow | undefined> {
  const [row] = await db.select().from(documents).where(and(eq(documents.sha256, sha256), isNull(documents.fileId)));
  return row;
}

/** A file read for {@link fileDocuments}: its own row and how many documents it holds now. */
export interface FileSegments {
  file: DocumentRow;
  count: number;
}

/**
 * The rows of files' documents, one per document each file holds, in file order: the file's own
 * row first, then one row per further document (created here when missing, `extracting` until its
 * extraction is stored). Rows of documents a file no longer holds (a re-extraction that cuts it
 * otherwise) come back apart, as `surplus`, for the caller to remove in the transaction that
 * stores the new extractions. Two statements for the whole batch.
 */
export async function fileDocuments(db: Db, files: FileSegments[]): Promise<{ documents: DocumentRow[][]; surplus: DocumentRow[] }> {
  const missing = files.flatMap(({ file, count }) =>
    Array.from({ length: Math.max(0, count - 1) }, (_, i) => ({
      sha256: file.sha256,
      size: file.size,
      fileNames: file.fileNames,
      mediaType: file.mediaType,
      format: file.format,
      fileId: file.id,
      segmentNumber: i + 2,
      status: 'extracting' as const,
    })),
  );
  if (missing.length) {
    await db
      .insert(documents)
      .values(missing)
      .onConflictDoNothing({ target: [documents.fileId, documents.segmentNumber], where: sql`${documents.fileId} is not null` });
  }
  const others = await otherDocumentsOf(db, files.map((f) => f.file.id));
  const surplus: DocumentRow[] = [];
  const out = files.map(({ file, count }) => {
    const mine = others.get(file.id)!;
    surplus.push(...mine.filter((d) => d.segmentNumber! > count));
    return [file, ...mine.filter((d) => d.segmentNumber! <= count)];
  });
  return { documents: out, surplus };
}

/**
 * The other documents of these files (a binder's 2nd, 3rd… document), by file, in file order.
 */
export async function otherDocumentsOf(db: Db, fileIds: number[]): Promise<Map<number, DocumentRow[]>> {
  const out = new Map<number, DocumentRow[]>(fileIds.map((id) => [id, []]));
  if (fileIds.length === 0) return out;
  const rows = await db.select().from(documents).where(inArray(documents.fileId, fileIds)).orderBy(asc(documents.fileId), asc(documents.segmentNumber));
  for (const r of rows) out.get(r.fileId!)!.push(r);
  return out;
}

/**
 * Move a document to a working status; clears any earlier failure.
 * @param onlyFrom change it only from one of these statuses (a worker must not turn a document
 *   another worker has just stored back into `extracting`).
 */
export async function setStatus(
  db: Db,
  id: number,
  status: Exclude<DocumentStatus, 'failed'>,
  patch: { mediaType?: string | null } = {},
  onlyFrom?: DocumentStatus[],
): Promise<void> {
  await db
    .update(documents)
    .set({ status, errorCode: null, error: null, updatedAt: sql`now()`, ...patch })
    .where(and(eq(documents.id, id), onlyFrom ? inArray(documents.status, onlyFrom) : undefined));
}

/**
 * Record that a document failed for good, with its machine code and a reason for a person; the
 * other documents of its file (a binder) that were not stored yet fail with it, rather than wait.
 * Stored items of an earlier extraction stay: a failed re-read must not erase what was known.
 */
export async function markFailed(db: Db, id: number, code: ErrorCode, reason: string): Promise<void> {
  await db
    .update(documents)
    .set({ status: 'failed', errorCode: code, error: reason, updatedAt: sql`now()` })
    .where(or(eq(documents.id, id), and(eq(documents.fileId, id), sql`${documents.status} <> 'stored'`)));
}

/** Number of documents in each status (every status present, zeros included). */
export async function countByStatus(db: Db, ids?: number[]): Promise<Record<DocumentStatus, number>> {
  const rows = await db
    .select({ status: documents.status, n: count() })
    .from(documents)
    .where(ids ? inArray(documents.id, ids) : undefined)
    .groupBy(documents.status);
  const out: Record<DocumentStatus, number> = { queued: 0, ingesting: 0, extracting: 0, stored: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

/** Failed documents, most recent first. */
export async function failedDocuments(db: Db, limit = 50): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(eq(documents.status, 'failed'))
    .orderBy(desc(documents.updatedAt), desc(documents.id))
    .limit(limit);
}

/** Those of the given documents that failed. */
export async function failedAmong(db: Db, ids: number[]): Promise<DocumentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(documents)
    .where(and(inArray(documents.id, ids), eq(documents.status, 'failed')))
    .orderBy(asc(documents.id));
}

/** Documents not yet stored or failed: work a crashed in-process import left behind. */
export async function unfinishedDocuments(db: Db, limit = 10_000): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(notInArray(documents.status, ['stored', 'failed']))
    .orderBy(asc(documents.id))
    .limit(limit);
}

/** The status of each of these documents. */
export async function statusesOf(db: Db, ids: number[]): Promise<Map<number, DocumentStatus>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: documents.id, status: documents.status })
    .from(documents)
    .where(inArray(documents.id, ids));
  return new Map(rows.map((r) => [r.id, r.status]));
}

/** A document of a binder as lists show it: its row and where it sits in the file. */
export interface BinderDocument {
  id: number;
  segment: NonNullable<DocumentRow['segment']>;
}

/**
 * The documents of those of these files that hold several (binders), by file id, in file order:
 * the file's own row first. A file of one document has no entry.
 */
export async function binderDocumentsOf(db: Db, fileIds: number[]): Promise<Map<number, BinderDocument[]>> {
  const out = new Map<number, BinderDocument[]>();
  if (fileIds.length === 0) return out;
  const rows = await db
    .select({ id: documents.id, fileId: documents.fileId, segment: documents.segment })
    .from(documents)
    .where(and(or(inArray(documents.id, fileIds), inArray(documents.fileId, fileIds)), isNotNull(documents.segment)))
    .orderBy(asc(documents.segmentNumber));
  for (const r of rows) {
    const file = r.fileId ?? r.id;
    out.set(file, [...(out.get(file) ?? []), { id: r.id, segment: r.segment! }]);
  }
  return out;
}

/** The latest stored files that hold several documents, with their documents (newest first). */
export async function latestBinders(db: Db, limit = 20): Promise<{ file: DocumentRow; documents: BinderDocument[] }[]> {
  const files = await db
    .select()
    .from(documents)
    .where(and(isNull(documents.fileId), isNotNull(documents.segment)))
    .orderBy(desc(documents.id))
    .limit(limit);
  const docs = await binderDocumentsOf(db, files.map((f) => f.id));
  return files.map((file) => ({ file, documents: docs.get(file.id) ?? [] }));
}

/** How many stored files hold several documents. */
export async function countBinders(db: Db): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(documents).where(and(isNull(documents.fileId), isNotNull(documents.segment)));
  return Number(n);
}
