/**
 * Re-extraction: run the current rules over stored Layouts (never the files: no re-reading, no
 * OCR) and replace each document's rows in one transaction, reporting what changed. A document
 * whose rows come out the same is not rewritten, only stamped with the new rules version.
 */
import { toKhclError, type ErrorCode } from '../errors.js';
import type { Kind } from '../extract/contract.js';
import {
  extractionToRows,
  finishRun,
  layoutsToReextract,
  markFailed,
  rulesVersionsInUse,
  startRun,
  type Db,
  type DocumentRow,
  type ReextractFilter,
} from '../store/index.js';
import { storeExtraction } from './copies.js';
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
  /** Documents extracted at once; overlaps database round trips with extraction. */
  concurrency?: number;
  /** Layouts read per query. */
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

/** Re-extract the stored layouts matching `request` with `extractor`; one transaction per document. */
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

  const one = async (document: DocumentRow, layout: Parameters<Extractor['extract']>[0]) => {
    const fileName = document.fileNames[0] ?? null;
    let changes: DocumentChanges | undefined;
    try {
      const rows = extractionToRows(document.id, checkedExtraction(extractor, layout));
      // Copies are decided in the same transaction (kept as they are when nothing changed under
      // the rules the document was stored with).
      const { copies } = await storeExtraction(db, document, rows, extractor.rulesVersion, {
        shouldWrite: (previous) => (changes = diffExtraction(previous, rows)).changed,
      });
      report.copiesChanged += copies.changed;
    } catch (e) {
      const err = toKhclError(e);
      await markFailed(db, document.id, err.code, err.message);
      report.failed.push({ documentId: document.id, fileName, code: err.code, reason: err.message });
      return;
    }
    if (!changes?.changed) {
      report.unchanged++;
      return;
    }
    report.changed++;
    addChanges(report.items, changes.items);
    addChanges(report.focusIssues, changes.focusIssues);
    addChanges(report.monitoring, changes.monitoring);
    for (const f of changes.document) report.documentFields[f] = (report.documentFields[f] ?? 0) + 1;
    if (report.changedDocuments.length < listLimit) report.changedDocuments.push({ documentId: document.id, fileName, changes });
  };

  const concurrency = Math.max(1, options.concurrency ?? 4);
  for await (const batch of layoutsToReextract(db, filter, options.batchSize ?? 100)) {
    let next = 0;
    const lane = async () => {
      while (next < batch.length) {
        const { document, layout } = batch[next++];
        await one(document, layout);
        report.documents++;
        options.onProgress?.({ done: report.documents, changed: report.changed, failed: report.failed.length });
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, batch.length) }, lane));
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
