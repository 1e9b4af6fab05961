/**
 * The pipeline's steps for one document, in order: admit (sniff, hash, store the bytes, register),
 * ingest (bytes → Layout, stored), extract (Layout → rows, stored). Each step reads what it needs
 * from the store and writes its result there, so a queue can run them in different processes and
 * a crash between two steps loses nothing. Steps throw KhclErrors; the caller decides between
 * retrying and recording the failure.
 */
import { ExtractionSchema, type Extraction } from '../extract/contract.js';
import { KhclError, toKhclError, type ErrorCode } from '../errors.js';
import { detectMedia } from '../ingest/detect.js';
import { ingest as ingestBytes, type IngestOptions } from '../ingest/registry.js';
import type { Layout } from '../layout/layout.js';
import {
  extractionToRows,
  fileDocuments,
  getDocument,
  getLayout,
  hasLayout,
  registerDocument,
  saveLayout,
  setStatus,
  sha256Hex,
  type BlobStore,
  type Db,
  type DocumentRow,
} from '../store/index.js';
import { storeExtractions } from './copies.js';
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
  /** A document to process: new, left half-way by an earlier run, or `retried` after failing. */
  | { action: 'process'; document: DocumentRow; created: boolean; retried?: { code: string; reason: string } }
  /** These bytes are a stored document already; nothing to do. */
  | { action: 'duplicate'; document: DocumentRow }
  /** Not a document khcl reads (or above the size limit): nothing was stored, no row written. */
  | { action: 'refused'; sha256: string; code: ErrorCode; reason: string };

export interface AdmitOptions {
  fileName?: string;
}

/**
 * Recognise the bytes first (size limit, then the one sniffer, src/ingest/detect.ts): what is not
 * a DOCX, DOC, PDF or image is refused before anything is written, so a flood of junk leaves no
 * blob and no row behind, only the refusal in the caller's answer. A document is then stored by
 * hash and registered. Bytes seen before are a duplicate once stored; a document that failed is
 * processed again (the readers or the rules may have improved since: `retried` says so), and one
 * left half-way (a crash) is resumed.
 */
export async function admit(deps: StageDeps, bytes: Uint8Array, options: AdmitOptions = {}): Promise<Admission> {
  const sha256 = sha256Hex(bytes);
  let mediaType: string;
  try {
    mediaType = recognise(bytes, deps.maxFileBytes).mediaType;
  } catch (e) {
    const failure = toKhclError(e);
    return { action: 'refused', sha256, code: failure.code, reason: failure.message };
  }
  await deps.blobs.put(bytes);
  const fileName = options.fileName === undefined ? undefined : storableName(options.fileName);
  const { document, created } = await registerDocument(deps.db, { sha256, size: bytes.byteLength, fileName });
  if (!created && document.status === 'stored') return { action: 'duplicate', document };
  const retried = !created && document.status === 'failed' ? { code: document.errorCode ?? 'internal', reason: document.error ?? '' } : undefined;
  // Only a new or failed document goes back to the queue's state: one that a worker is reading
  // or extracting right now (another name of the same content, in the same import) keeps its
  // state, else a job that stores it in between would leave it "queued" with no job behind it.
  await setStatus(deps.db, document.id, 'queued', { mediaType }, ['queued', 'failed']);
  return { action: 'process', document, created, ...(retried ? { retried } : {}) };
}

/** What the bytes are, if khcl reads them as a document; throws the refusal otherwise. */
function recognise(bytes: Uint8Array, maxFileBytes: number | undefined) {
  if (maxFileBytes !== undefined && bytes.byteLength > maxFileBytes) {
    throw new KhclError('file.too_large', `the file is ${mb(bytes.byteLength)} MB, above the limit of ${mb(maxFileBytes)} MB`);
  }
  const detected = detectMedia(bytes);
  // An archive reaches here only nested deeper than the import opens them (src/pipeline/zip.ts).
  if (detected.kind === 'zip') throw new KhclError('file.unsupported', 'a ZIP archive, not a document (archives are opened 3 levels deep at most)');
  return detected;
}

/**
 * A file name as it is stored and shown: PostgreSQL's text columns refuse NUL and invalid UTF-16
 * (a lone surrogate, from a name decoded from the wrong code page), which become U+FFFD; format
 * characters (Unicode category Cf: U+202E RIGHT-TO-LEFT OVERRIDE and the other bidirectional
 * controls, zero-width spaces, soft hyphens) are dropped, so "kh\u202excod.exe" cannot show as
 * "khexe.docx"; other control characters become spaces.
 */
export function storableName(name: string): string {
  return name
    .replace(/\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/\p{Cf}/gu, '')
    .replace(/[\u0001-\u001f\u007f-\u009f]/g, ' ')
    .normalize('NFC');
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

async function requireDocument(db: Db, id: number): Promise<DocumentRow> {
  const doc = await getDocument(db, id);
  if (!doc) throw new KhclError('internal', `document ${id} does not exist`);
  return doc;
}

/**
 * The row of a document's file: the document's own, or for a binder's 2nd, 3rd… document the
 * binder's, which holds the bytes and the layout and is read and extracted as a whole.
 */
async function requireFile(db: Db, id: number): Promise<DocumentRow> {
  const doc = await requireDocument(db, id);
  return doc.fileId === null ? doc : requireDocument(db, doc.fileId);
}

/**
 * Read the stored bytes into a Layout and store it. A document whose layout is already stored is
 * not read again: re-reading a scan means OCR, minutes of it.
 * @returns whether the reader ran.
 */
export async function ingestStage(deps: StageDeps, documentId: number): Promise<boolean> {
  const doc = await requireFile(deps.db, documentId);
  if (await hasLayout(deps.db, doc.id)) {
    await setStatus(deps.db, doc.id, 'extracting', {}, ['queued', 'ingesting']);
    return false;
  }
  await setStatus(deps.db, doc.id, 'ingesting');
  const bytes = await deps.blobs.get(doc.sha256);
  const read = deps.ingest ?? ingestBytes;
  const layout = await read(bytes, { fileName: doc.fileNames[0] });
  await saveLayout(deps.db, doc.id, layout);
  return true;
}

/**
 * Extract the stored Layout and replace the rows of the file's documents (one, or one per
 * document of a binder) in one transaction, which also decides whether each is a copy of a stored
 * document (or one of them of it: ./copies.ts).
 * @returns false when the file is already stored by the current rules (nothing to do).
 */
export async function extractStage(deps: StageDeps, documentId: number): Promise<boolean> {
  const extractor = await deps.extractor();
  const file = await requireFile(deps.db, documentId);
  if (file.status === 'stored' && file.rulesVersion === extractor.rulesVersion) return false;
  const layout = await getLayout(deps.db, file.id);
  if (!layout) throw new KhclError('internal', `document ${file.id} has no stored layout to extract`);
  const extractions = checkedExtractions(extractor, layout);
  const { documents: [docs], surplus } = await fileDocuments(deps.db, [{ file, count: extractions.length }]);
  const batch = docs.map((doc, i) => ({ doc, rows: extractionToRows(doc.id, extractions[i]) }));
  await storeExtractions(deps.db, batch, extractor.rulesVersion, { remove: surplus });
  return true;
}

/**
 * Run the extractor and hold its output to the contract before anything reaches the database:
 * a rule that emits a malformed field fails loudly here, not as a puzzling row later.
 */
export function checkedExtractions(extractor: Extractor, layout: Layout): Extraction[] {
  const extractions = extractor.extractDocuments(layout);
  if (extractions.length === 0) throw new KhclError('internal', 'the extractor found no document in the layout');
  return extractions.map((extraction) => {
    const checked = ExtractionSchema.safeParse(extraction);
    if (!checked.success) {
      const first = checked.error.issues[0];
      throw new KhclError('internal', `the extractor's output breaks the contract at ${first.path.join('.')}: ${first.message}`);
    }
    return checked.data;
  });
}
