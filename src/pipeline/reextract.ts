/**
 * Re-extraction: run the current rules over stored Layouts (never the files: no re-reading, no
 * OCR) and replace the documents' rows, reporting what changed. Documents go a batch at a time:
 * one query reads a batch's layouts, one transaction with a fixed number of statements writes it
 * (./copies.ts, storeExtractions), and the next batch is read and extracted while the last one is
 * written. A document whose rows come out the same is not rewritten, only stamped with the new
 * rules version (and not touched at all when it already has it).
 */
import { toKhclError, type ErrorCode } from '../errors.js';
import type { Extraction, Kind } from '../extract/contract.js';
import type { Layout } from '../layout/layout.js';
import {
  extractionToRows,
  fileDocuments,
  finishRun,
  layoutsToReextract,
  markFailed,
  rulesVersionsInUse,
  startRun,
  type Db,
  type DocumentRow,
  type ReextractFilter,
} from '../store/index.js';
import { storeExtractions, type Extracted } from './copies.js';
import { addChanges, diffExtraction, type DocumentChanges, type RowChanges } from './diff.js';
import type { Extractor } from './extractor.js';
import { checkedExtractions } from './stages.js';

/** Which documents to re-extract (all with a stored layout when empty). */
export interface ReextractRequest {
  kind?: Kind;
  schoolYear?: string;
  /** Only documents extracted with rules older than this version, or never extracted. */
  rulesBefore?: string;
  documentIds?: number[];
}

export interface ReextractOptions {
  /** Documents read, extracted and written together (default 200). */
  batchSize?: number;
  /** How many changed documents the report lists one by one (totals always count all). */
  listLimit?: number;
  onProgress?: (p: { done: number; changed: number; failed: number }) => void;
}

/** What a re-extraction did. */
export interface ChangeReport {
  runId: number;
  rulesVersion: string;
  documents: number;
  changed: number;
  unchanged: number;
  /** Items added and removed, and per field name how many items changed. */
  items: RowChanges;
  focusIssues: RowChanges;
  monitoring: RowChanges;
  /** Document metadata field → number of documents where it changed. */
  documentFields: Record<string, number>;
  failed: { documentId: number; fileName: string | null; code: ErrorCode; reason: string }[];
  /** Documents whose copy link (`duplicateOf`) was set, moved or cleared. */
  copiesChanged: number;
  changedDocuments: { documentId: number; fileName: string | null; changes: DocumentChanges }[];
}

const empty = (): RowChanges => ({ added: 0, removed: 0, fields: {} });

/** Re-extract the stored layouts matching `request` with `extractor`; one transaction per batch. */
export async function reextractDocuments(
  db: Db,
  extractor: Extractor,
  request: ReextractRequest = {},
  options: ReextractOptions = {},
): Promise<ChangeReport> {
  const filter = await toFilter(db, extractor, request);
  const runId = await startRun(db, extractor.rulesVersion, { ...request });
  const report: ChangeReport = {
    runId,
    rulesVersion: extractor.rulesVersion,
    documents: 0,
    changed: 0,
    unchanged: 0,
    items: empty(),
    focusIssues: empty(),
    monitoring: empty(),
    documentFields: {},
    failed: [],
    copiesChanged: 0,
    changedDocuments: [],
  };
  const listLimit = options.listLimit ?? 200;

  const fail = async (document: DocumentRow, e: unknown) => {
    const err = toKhclError(e);
    await markFailed(db, document.id, err.code, err.message);
    report.failed.push({ documentId: document.id, fileName: document.fileNames[0] ?? null, code: err.code, reason: err.message });
  };
  const tally = (document: DocumentRow, changes: DocumentChanges | undefined) => {
    report.documents++;
    if (!changes?.changed) report.unchanged++;
    else {
      report.changed++;
      addChanges(report.items, changes.items);
      addChanges(report.focusIssues, changes.focusIssues);
      addChanges(report.monitoring, changes.monitoring);
      for (const f of changes.document) report.documentFields[f] = (report.documentFields[f] ?? 0) + 1;
      if (report.changedDocuments.length < listLimit) report.changedDocuments.push({ documentId: document.id, fileName: document.fileNames[0] ?? null, changes });
    }
  };
  const progress = () => options.onProgress?.({ done: report.documents, changed: report.changed, failed: report.failed.length });

  /** A file's documents with their new extractions, and those it no longer holds. */
  interface FileBatch {
    file: DocumentRow;
    documents: Extracted[];
    surplus: DocumentRow[];
  }

  /**
   * Extract a batch of files, yielding between files so the batch being written meanwhile goes
   * on, then find (or create) the row of each document they hold: a binder of three gives three.
   */
  const extract = async (batch: { document: DocumentRow; layout: Layout }[]): Promise<FileBatch[]> => {
    const read: { file: DocumentRow; extractions: Extraction[] }[] = [];
    for (const { document, layout } of batch) {
      try {
        read.push({ file: document, extractions: checkedExtractions(extractor, layout) });
      } catch (e) {
        await fail(document, e);
        report.documents++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    const rows = await fileDocuments(db, read.map((r) => ({ file: r.file, count: r.extractions.length })));
    return read.map((r, i) => ({
      file: r.file,
      documents: rows.documents[i].map((doc, j) => ({ doc, rows: extractionToRows(doc.id, r.extractions[j]) })),
      surplus: rows.surplus.filter((d) => d.fileId === r.file.id),
    }));
  };

  /** A document a binder no longer holds, as a change: its items removed. */
  const tallyRemoved = (document: DocumentRow, items: number) =>
    tally(document, { document: ['segment'], items: { added: 0, removed: items, fields: {} }, focusIssues: empty(), monitoring: empty(), changed: true });

  /**
   * Write a batch in one transaction; copies are decided in it (kept as they are for documents
   * that changed nothing under the rules they were stored with). If the batch fails as a whole,
   * its files are written one by one, so one bad file fails alone.
   */
  const write = async (files: FileBatch[]) => {
    if (files.length === 0) return;
    const changes = new Map<number, DocumentChanges>();
    const compare = (batch: Extracted[]) => (previous: Parameters<typeof diffExtraction>[0], i: number) => {
      const c = diffExtraction(previous, batch[i].rows);
      changes.set(batch[i].doc.id, c);
      return c.changed;
    };
    const store = async (part: FileBatch[]) => {
      const batch = part.flatMap((f) => f.documents);
      const remove = part.flatMap((f) => f.surplus);
      const stored = await storeExtractions(db, batch, extractor.rulesVersion, { shouldWrite: compare(batch), remove });
      report.copiesChanged += stored.copiesChanged;
      for (const e of batch) tally(e.doc, changes.get(e.doc.id));
      for (const d of remove) tallyRemoved(d, stored.removedItems.get(d.id) ?? 0);
    };
    try {
      await store(files);
    } catch {
      for (const f of files) {
        try {
          await store([f]);
        } catch (err) {
          await fail(f.file, err);
          report.documents++;
        }
      }
    }
    progress();
  };

  const batches = layoutsToReextract(db, filter, options.batchSize ?? 200)[Symbol.asyncIterator]();
  let writing: Promise<void> = Promise.resolve();
  try {
    let read = batches.next();
    for (;;) {
      const next = await read;
      if (next.done) break;
      read = batches.next(); // the next batch's layouts are read while this one is extracted
      const extracted = await extract(next.value);
      await writing;
      writing = write(extracted);
    }
  } finally {
    await writing;
  }

  await finishRun(db, runId, {
    documents: report.documents,
    changed: report.changed,
    failed: report.failed.length,
    itemsAdded: report.items.added,
    itemsRemoved: report.items.removed,
    changes: { items: report.items, focusIssues: report.focusIssues, monitoring: report.monitoring, documentFields: report.documentFields },
  });
  return report;
}

/** The request as a store filter; "older rules" is the extractor's ordering, applied here. */
async function toFilter(db: Db, extractor: Extractor, r: ReextractRequest): Promise<ReextractFilter> {
  const filter: ReextractFilter = { kind: r.kind, schoolYear: r.schoolYear, documentIds: r.documentIds };
  if (r.rulesBefore !== undefined) {
    const before = r.rulesBefore;
    filter.rulesVersions = (await rulesVersionsInUse(db)).filter((v) => v === null || extractor.isOlder(v, before));
  }
  return filter;
}
