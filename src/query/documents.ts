/**
 * Document lists and one document's status, for the API and the CLI: metadata, processing status
 * with the failure reason, and how many items the stored extraction holds.
 */
import { asc, count, desc, eq, sql } from 'drizzle-orm';
import { binderDocumentsOf, documents, hasLayout, items, type BinderDocument, type Db, type DocumentRow } from '../store/index.js';
import type { DocumentFilter, Page } from './filter.js';
import { documentWhere } from './where.js';

/** A document as lists show it (no layout, no warnings list: see {@link documentDetail}). */
export interface DocumentRecord {
  id: number;
  sha256: string;
  fileName: string | null;
  fileNames: string[];
  size: number;
  format: string | null;
  mediaType: string | null;
  status: DocumentRow['status'];
  errorCode: string | null;
  error: string | null;
  kind: DocumentRow['kind'];
  form: DocumentRow['form'];
  circular: string | null;
  number: string | null;
  place: string | null;
  issuedOn: string | null;
  schoolYear: string | null;
  school: string | null;
  schoolLevel: DocumentRow['schoolLevel'];
  rulesVersion: string | null;
  /** The stored document this one is a copy of (the same plan as other bytes), or null. */
  duplicateOf: number | null;
  /** For the 2nd, 3rd… document of a file holding several (a binder): the document holding the file; else null. */
  fileId: number | null;
  /** Where it sits in a file holding several documents (number, of, pages, title); null for a file of one. */
  segment: DocumentRow['segment'];
  itemCount: number;
  createdAt: string;
  updatedAt: string;
}

const itemCount = sql<number>`(select count(*) from ${items} where ${items.documentId} = ${documents.id})::int`;

function toRecord(d: DocumentRow & { itemCount: number }): DocumentRecord {
  return {
    id: d.id,
    sha256: d.sha256,
    fileName: d.fileNames[0] ?? null,
    fileNames: d.fileNames,
    size: d.size,
    format: d.format,
    mediaType: d.mediaType,
    status: d.status,
    errorCode: d.errorCode,
    error: d.error,
    kind: d.kind,
    form: d.form,
    circular: d.circular,
    number: d.number,
    place: d.place,
    issuedOn: d.issuedOn,
    schoolYear: d.schoolYear,
    school: d.school,
    schoolLevel: d.schoolLevel,
    rulesVersion: d.rulesVersion,
    duplicateOf: d.duplicateOf,
    fileId: d.fileId,
    segment: d.segment,
    itemCount: Number(d.itemCount),
    createdAt: new Date(d.createdAt).toISOString(),
    updatedAt: new Date(d.updatedAt).toISOString(),
  };
}

/** A page of documents, newest first unless sorted by `id`. */
export async function listDocuments(db: Db, filter: DocumentFilter, page: Page): Promise<{ total: number; limit: number; offset: number; documents: DocumentRecord[] }> {
  const where = documentWhere(filter);
  const order = page.sort === 'id' ? [asc(documents.id)] : [desc(documents.id)];
  const [rows, [{ n }]] = await Promise.all([
    db.select({ document: documents, itemCount }).from(documents).where(where).orderBy(...order).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(documents).where(where),
  ]);
  return { total: Number(n), limit: page.limit, offset: page.offset, documents: rows.map((r) => toRecord({ ...r.document, itemCount: r.itemCount })) };
}

/**
 * One document with its extraction warnings, or undefined; `hasLayout` says whether its file has
 * been read, so it can be re-extracted (a document that failed before its file was read cannot);
 * `documentsOfFile` lists every document of its file when the file holds several (a binder).
 */
export async function documentDetail(
  db: Db,
  id: number,
): Promise<(DocumentRecord & { issues: DocumentRow['issues']; hasLayout: boolean; documentsOfFile: BinderDocument[] }) | undefined> {
  const [row] = await db.select({ document: documents, itemCount }).from(documents).where(eq(documents.id, id));
  if (!row) return undefined;
  const file = row.document.fileId ?? row.document.id;
  const documentsOfFile = row.document.segment ? ((await binderDocumentsOf(db, [file])).get(file) ?? []) : [];
  return { ...toRecord({ ...row.document, itemCount: row.itemCount }), issues: row.document.issues, hasLayout: await hasLayout(db, id), documentsOfFile };
}

/**
 * What a client polling an upload needs: where the document is in the pipeline, and once stored,
 * the documents its file holds when it holds several (a binder: one id and page range each).
 */
export async function documentStatus(db: Db, id: number) {
  const [row] = await db
    .select({ id: documents.id, status: documents.status, errorCode: documents.errorCode, error: documents.error, updatedAt: documents.updatedAt, itemCount, fileId: documents.fileId })
    .from(documents)
    .where(eq(documents.id, id));
  if (!row) return undefined;
  const { fileId, ...status } = row;
  const file = fileId ?? row.id;
  const documentsOfFile = (await binderDocumentsOf(db, [file])).get(file) ?? [];
  return { ...status, itemCount: Number(row.itemCount), updatedAt: new Date(row.updatedAt).toISOString(), documentsOfFile };
}
