/**
 * The pipeline's steps for one document, in order: admit (hash, store the bytes, register, sniff),
 * ingest (bytes → Layout, stored), extract (Layout → rows, stored). Each step reads what it needs
 * from the store and writes its result there, so a queue can run them in different processes and
 * a crash between two steps loses nothing. Steps throw KhclErrors; the caller decides between
 * retrying and recording the failure.
 */
import { ExtractionSchema } from '../extract/contract.js';
import { ERROR_CODES, KhclError, toKhclError, type ErrorCode } from '../errors.js';
import { detectMedia } from '../ingest/detect.js';
import { ingest as ingestBytes, type IngestOptions } from '../ingest/registry.js';
import type { Layout } from '../layout/layout.js';
import {
  extractionToRows,
  getDocument,
  getLayout,
  hasLayout,
  markFailed,
  registerDocument,
  saveLayout,
  setStatus,
  sha256Hex,
  type BlobStore,
  type Db,
  type DocumentRow,
} from '../store/index.js';
import { storeExtraction } from './copies.js';
import type { Extractor } from './extractor.js';

/** What the steps need. */
export interface StageDeps {
  db: Db;
  blobs: BlobStore;
  /** Files above this size are refused (`file.too_large`) without being stored. */
  maxFileBytes?: number;
  /** The extractor; the real one unless a test injects another. */
  extractor: () => Promise<Extractor>;
  /** The reader routing table; injectable so a test can simulate a failing OCR. */
  ingest?: (bytes: Uint8Array, options: IngestOptions) => Promise<Layout>;
}

/** The result of admitting bytes. */
export type Admission =
  | { action: 'process'; document: DocumentRow; created: boolean }
  | { action: 'duplicate'; document: DocumentRow }
  | { action: 'failed'; document: DocumentRow; code: ErrorCode; reason: string };

export interface AdmitOptions {
  fileName?: string;
  /** Process a document again even though it failed for good before (e.g. a reader was added). */
  retryFailed?: boolean;
}

/**
 * Hash the bytes, store them by hash, register the document. A document seen before is a
 * duplicate once stored or failed for good; one left half-way (a crash, a retryable failure)
 * is processed again.
 */
export async function admit(deps: StageDeps, bytes: Uint8Array, options: AdmitOptions = {}): Promise<Admission> {
  const sha256 = sha256Hex(bytes);
  const tooLarge = deps.maxFileBytes !== undefined && bytes.byteLength > deps.maxFileBytes;
  if (!tooLarge) await deps.blobs.put(bytes);
  const fileName = options.fileName === undefined ? undefined : storableName(options.fileName);
  const { document, created } = await registerDocument(deps.db, { sha256, size: bytes.byteLength, fileName });
  if (!created && !shouldResume(document, options.retryFailed ?? false)) return { action: 'duplicate', document };

  let failure: KhclError | undefined;
  let mediaType: string | undefined;
  if (tooLarge) {
    failure = new KhclError('file.too_large', `the file is ${mb(bytes.byteLength)} MB, above the limit of ${mb(deps.maxFileBytes!)} MB`);
  } else {
    try {
      mediaType = detectMedia(bytes).mediaType;
    } catch (e) {
      failure = toKhclError(e);
    }
  }
  if (failure) {
    await markFailed(deps.db, document.id, failure.code, failure.message);
    return { action: 'failed', document, code: failure.code, reason: failure.message };
  }
  await setStatus(deps.db, document.id, 'queued', { mediaType });
  return { action: 'process', document, created };
}

/**
 * A file name PostgreSQL can store: text columns refuse NUL and invalid UTF-16 (a lone surrogate,
 * from a name decoded from the wrong code page) fails the whole insert. Both become U+FFFD.
 */
export function storableName(name: string): string {
  return name.replace(/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function shouldResume(doc: DocumentRow, retryFailed: boolean): boolean {
  if (doc.status === 'stored') return false;
  if (doc.status !== 'failed') return true;
  if (retryFailed) return true;
  // A failure that may pass on a second try (OCR crashed, database away) is retried on re-import.
  return doc.errorCode != null && isRetryableCode(doc.errorCode);
}

function isRetryableCode(code: string): boolean {
  return code in ERROR_CODES && ERROR_CODES[code as ErrorCode].retryable;
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

async function requireDocument(db: Db, id: number): Promise<DocumentRow> {
  const doc = await getDocument(db, id);
  if (!doc) throw new KhclError('internal', `document ${id} does not exist`);
  return doc;
}

/**
 * Read the stored bytes into a Layout and store it. A document whose layout is already stored is
 * not read again: re-reading a scan means OCR, minutes of it.
 * @returns whether the reader ran.
 */
export async function ingestStage(deps: StageDeps, documentId: number): Promise<boolean> {
  const doc = await requireDocument(deps.db, documentId);
  if (await hasLayout(deps.db, documentId)) {
    await setStatus(deps.db, documentId, 'extracting', {}, ['queued', 'ingesting']);
    return false;
  }
  await setStatus(deps.db, documentId, 'ingesting');
  const bytes = await deps.blobs.get(doc.sha256);
  const read = deps.ingest ?? ingestBytes;
  const layout = await read(bytes, { fileName: doc.fileNames[0] });
  await saveLayout(deps.db, documentId, layout);
  return true;
}

/**
 * Extract the stored Layout and replace the document's rows in one transaction, which also
 * decides whether it is a copy of a stored document (or one of them of it: ./copies.ts).
 * @returns false when the document is already stored by the current rules (nothing to do).
 */
export async function extractStage(deps: StageDeps, documentId: number): Promise<boolean> {
  const extractor = await deps.extractor();
  const doc = await requireDocument(deps.db, documentId);
  if (doc.status === 'stored' && doc.rulesVersion === extractor.rulesVersion) return false;
  const layout = await getLayout(deps.db, documentId);
  if (!layout) throw new KhclError('internal', `document ${documentId} has no stored layout to extract`);
  const extraction = checkedExtraction(extractor, layout);
  await storeExtraction(deps.db, doc, extractionToRows(documentId, extraction), extractor.rulesVersion);
  return true;
}

/**
 * Run the extractor and hold its output to the contract before anything reaches the database:
 * a rule that emits a malformed field fails loudly here, not as a puzzling row later.
 */
export function checkedExtraction(extractor: Extractor, layout: Layout) {
  const extraction = extractor.extract(layout);
  const checked = ExtractionSchema.safeParse(extraction);
  if (!checked.success) {
    const first = checked.error.issues[0];
    throw new KhclError('internal', `the extractor's output breaks the contract at ${first.path.join('.')}: ${first.message}`);
  }
  return checked.data;
}
