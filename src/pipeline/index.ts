/**
 * The pipeline: ingest → extract → store for one document, and re-extraction of stored layouts.
 * The CLI, the workers and the API all go through {@link createPipeline}; its dependencies
 * (database, blobs, extractor, reader table) are passed in, so tests run it on in-memory PGlite
 * with a variant extractor and nothing else changes.
 */
import { toKhclError } from '../errors.js';
import type { IngestOptions } from '../ingest/registry.js';
import type { Layout } from '../layout/layout.js';
import { markFailed, type BlobStore, type Db } from '../store/index.js';
import { loadDefaultExtractor, type Extractor } from './extractor.js';
import type { Outcome } from './outcome.js';
import { reextractDocuments, type ChangeReport, type ReextractOptions, type ReextractRequest } from './reextract.js';
import { admit, extractStage, ingestStage, type Admission, type AdmitOptions, type StageDeps } from './stages.js';

export type { Outcome } from './outcome.js';
export type { Extractor } from './extractor.js';
export type { Admission, AdmitOptions } from './stages.js';
export type { ChangeReport, ReextractOptions, ReextractRequest } from './reextract.js';
export type { DocumentChanges, RowChanges } from './diff.js';
export { loadDefaultExtractor } from './extractor.js';

/** What a pipeline runs on. */
export interface PipelineDeps {
  db: Db;
  blobs: BlobStore;
  /** Refuse files above this many bytes (KHCL_MAX_FILE_MB). */
  maxFileBytes?: number;
  /** Defaults to the real extractor (src/extract). */
  extractor?: Extractor;
  /** Defaults to the reader routing table (src/ingest/registry.ts). */
  ingest?: (bytes: Uint8Array, options: IngestOptions) => Promise<Layout>;
}

/** The pipeline's operations (see each member). */
export interface Pipeline {
  /** Recognise, hash, store and register bytes; says whether they still need processing. */
  admit(bytes: Uint8Array, options?: AdmitOptions): Promise<Admission>;
  /** Step 1 of a queued document: stored bytes → stored Layout. Throws KhclError. */
  ingestStored(documentId: number): Promise<boolean>;
  /** Step 2: stored Layout → stored rows, one transaction. Throws KhclError. */
  extractStored(documentId: number): Promise<boolean>;
  /** Both steps at once, failures recorded on the document and returned as data. */
  processAdmitted(documentId: number, sha256: string): Promise<Outcome>;
  /** The whole way for one file, in this process: detect → blob → ingest → layout → extract → rows. */
  processDocument(bytes: Uint8Array, options?: AdmitOptions): Promise<Outcome>;
  /** Re-extract stored layouts and report what changed. `extractor` overrides the pipeline's. */
  reextractDocuments(request?: ReextractRequest, options?: ReextractOptions & { extractor?: Extractor }): Promise<ChangeReport>;
  /** The rules version documents are stored with. */
  rulesVersion(): Promise<string>;
}

/** A pipeline over one store. */
export function createPipeline(deps: PipelineDeps): Pipeline {
  const extractor = () => (deps.extractor ? Promise.resolve(deps.extractor) : loadDefaultExtractor());
  const stage: StageDeps = { db: deps.db, blobs: deps.blobs, maxFileBytes: deps.maxFileBytes, extractor, ingest: deps.ingest };

  const processAdmitted = async (documentId: number, sha256: string): Promise<Outcome> => {
    try {
      await ingestStage(stage, documentId);
      await extractStage(stage, documentId);
      return { status: 'stored', documentId, sha256 };
    } catch (e) {
      const err = toKhclError(e);
      await markFailed(deps.db, documentId, err.code, err.message);
      return { status: 'failed', documentId, sha256, code: err.code, reason: err.message };
    }
  };

  return {
    admit: (bytes, options) => admit(stage, bytes, options),
    ingestStored: (id) => ingestStage(stage, id),
    extractStored: (id) => extractStage(stage, id),
    processAdmitted,
    async processDocument(bytes, options = {}) {
      const a = await admit(stage, bytes, options);
      if (a.action === 'refused') return { status: 'refused', sha256: a.sha256, code: a.code, reason: a.reason };
      const { id, sha256 } = a.document;
      if (a.action === 'duplicate') return { status: 'duplicate', documentId: id, sha256 };
      return processAdmitted(id, sha256);
    },
    async reextractDocuments(request = {}, options = {}) {
      return reextractDocuments(deps.db, options.extractor ?? (await extractor()), request, options);
    },
    rulesVersion: async () => (await extractor()).rulesVersion,
  };
}
