/**
 * Layouts and extracted rows. A document's items, focus issues and monitoring rows are only ever
 * replaced together, in one transaction that first locks the document row: a reader sees the old
 * extraction or the new one, never half of either, and two writers for the same document (a
 * worker retried after a crash, a re-extraction) take turns instead of interleaving.
 */
import { and, asc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Kind } from '../extract/contract.js';
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

/** A document's stored Layout, if it was read. */
export async function getLayout(db: Db, documentId: number): Promise<Layout | undefined> {
  const [row] = await db.select({ layout: layouts.layout }).from(layouts).where(eq(layouts.documentId, documentId));
  return row?.layout;
}

/** Whether a document's layout is stored (without loading it). */
export async function hasLayout(db: Db, documentId: number): Promise<boolean> {
  const rows = await db.select({ id: layouts.documentId }).from(layouts).where(eq(layouts.documentId, documentId));
  return rows.length > 0;
}

/** A document's stored extraction, as rows. */
export interface StoredExtraction {
  document: DocumentRow;
  items: ItemRow[];
  focusIssues: FocusIssueRow[];
  monitoring: MonitoringRowRow[];
}

async function readStored(tx: Tx, document: DocumentRow): Promise<StoredExtraction> {
  const id = document.id;
  const [itemRows, focusRows, monitoring] = await Promise.all([
    tx.select().from(items).where(eq(items.documentId, id)).orderBy(asc(items.ordinal)),
    tx.select().from(focusIssues).where(eq(focusIssues.documentId, id)).orderBy(asc(focusIssues.ordinal)),
    tx.select().from(monitoringRows).where(eq(monitoringRows.documentId, id)).orderBy(asc(monitoringRows.ordinal)),
  ]);
  return { document, items: itemRows, focusIssues: focusRows, monitoring };
}

/** The stored extraction of a document, or undefined when there is no such document. */
export async function getStoredExtraction(db: Db, documentId: number): Promise<StoredExtraction | undefined> {
  return db.transaction(async (tx) => {
    const [document] = await tx.select().from(documents).where(eq(documents.id, documentId));
    return document ? readStored(tx, document) : undefined;
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

const CHUNK = 500; // rows per INSERT: well under PostgreSQL's 65,535 bind parameters at 32 columns

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
  const [document] = await tx.select().from(documents).where(eq(documents.id, documentId)).for('update');
  if (!document) throw new Error(`document ${documentId} does not exist`);
  // The stored rows are read only for a caller that compares; a first extraction needs none.
  const previous = options.shouldWrite ? await readStored(tx, document) : { document, items: [], focusIssues: [], monitoring: [] };
  const written = options.shouldWrite ? options.shouldWrite(previous) : true;
  if (written) {
    // One statement for three deletes: each round trip counts when re-extracting thousands.
    await tx.execute(sql`with
      i as (delete from ${items} where ${items.documentId} = ${documentId}),
      f as (delete from ${focusIssues} where ${focusIssues.documentId} = ${documentId})
      delete from ${monitoringRows} where ${monitoringRows.documentId} = ${documentId}`);
    for (let i = 0; i < next.items.length; i += CHUNK) await tx.insert(items).values(next.items.slice(i, i + CHUNK));
    if (next.focusIssues.length) await tx.insert(focusIssues).values(next.focusIssues);
    if (next.monitoring.length) await tx.insert(monitoringRows).values(next.monitoring);
  }
  await tx
    .update(documents)
    .set({ ...next.facts, status: 'stored', rulesVersion, errorCode: null, error: null, updatedAt: sql`now()` })
    .where(eq(documents.id, documentId));
  return { previous, written };
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

function rulesIn(versions: (string | null)[]): SQL {
  const named = versions.filter((v): v is string => v !== null);
  return or(
    named.length ? inArray(documents.rulesVersion, named) : sql`false`,
    versions.includes(null) ? isNull(documents.rulesVersion) : sql`false`,
  )!;
}

/** Every rules version some document was extracted with (null: documents never extracted). */
export async function rulesVersionsInUse(db: Db): Promise<(string | null)[]> {
  const rows = await db.selectDistinct({ v: documents.rulesVersion }).from(documents);
  return rows.map((r) => r.v);
}

function filterSql(f: ReextractFilter): SQL | undefined {
  return and(
    f.kind ? eq(documents.kind, f.kind) : undefined,
    f.schoolYear ? eq(documents.schoolYear, f.schoolYear) : undefined,
    f.rulesVersions ? rulesIn(f.rulesVersions) : undefined,
    f.documentIds ? inArray(documents.id, f.documentIds) : undefined,
  );
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
