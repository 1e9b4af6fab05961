/**
 * Re-extraction: run the current rules over stored Layouts (never the files: no re-reading, no
 * OCR) and replace the documents' rows, reporting what changed. Documents go a batch at a time:
 * one query reads a batch's layouts, one transaction with a fixed number of statements writes it
 * (./copies.ts, storeExtractions), and the next batch is read and extracted while the last one is
 * written. A document whose rows come out the same is not rewritten, only stamped with the new
 * rules version (and not touched at all when it already has it).
 */
import { toKhclError, type ErrorCode } from '../errors.js';
import type { Kind } from '../extract/contract.js';
import type { Layout } from '../layout/layout.js';
import {
  extractionToRows,
  finishRun,
  type ExtractionRows,
  layoutsToReextract,
  markFailed,
  rulesVersionsInUse,
  startRun,
  type Db,
  type DocumentRow,
  type ReextractFilter,
} from '../store/index.js';
import { storeExtraction, storeExtractions, type Extracted } from './copies.js';
import { addChanges, diffExtraction, type DocumentChanges, type RowChanges } from './diff.js';
import type { Extractor } from './extractor.js';
import { checkedExtraction } from './stages.js';

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

  /** Extract a batch, yielding between documents so the batch being written meanwhile goes on. */
  const extract = async (batch: { document: DocumentRow; layout: Layout }[]): Promise<Extracted[]> => {
    const out: Extracted[] = [];
    for (const { document, layout } of batch) {
      try {
        out.push({ doc: document, rows: extractionToRows(document.id, checkedExtraction(extractor, layout)) });
      } catch (e) {
        await fail(document, e);
        report.documents++;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    return out;
  };

  /**
   * Write a batch in one transaction; copies are decided in it (kept as they are for documents
   * that changed nothing under the rules they were stored with). If the batch fails as a whole,
   * its documents are written one by one, so one bad document fails alone.
   */
  const write = async (batch: Extracted[]) => {
    if (batch.length === 0) return;
    const changes: (DocumentChanges | undefined)[] = [];
    const compare = (rows: ExtractionRows, i: number) => (previous: Parameters<typeof diffExtraction>[0]) => (changes[i] = diffExtraction(previous, rows)).changed;
    try {
      const stored = await storeExtractions(db, batch, extractor.rulesVersion, { shouldWrite: (previous, i) => compare(batch[i].rows, i)(previous) });
      report.copiesChanged += stored.copiesChanged;
      batch.forEach((e, i) => tally(e.doc, changes[i]));
    } catch {
      for (const [i, e] of batch.entries()) {
        try {
          const { copies } = await storeExtraction(db, e.doc, e.rows, extractor.rulesVersion, { shouldWrite: compare(e.rows, i) });
          report.copiesChanged += copies.changed;
          tally(e.doc, changes[i]);
        } catch (err) {
          await fail(e.doc, err);
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
