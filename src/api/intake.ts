/**
 * Uploaded bytes into the store, the way `khcl import` takes a file (workers/importer.ts): a ZIP is
 * opened with the same guards (src/pipeline/zip.ts), each file is admitted by the pipeline
 * (recognised first: only DOCX, DOC, PDF and images are stored) and queued for the workers'
 * `khcl-ingest`. Nothing here reads or extracts a document: the pipeline and the queue do.
 *
 * Every file of an upload is one outcome in the answer, whatever became of it; what is refused
 * leaves no blob and no row, only its line. An {@link Allowance} counts files and bytes against
 * the request's and the token's hourly limits before each file is read; once spent, the rest of
 * the upload is refused (one line per remaining part) and what was taken stays taken and listed.
 */
import type { Limits } from '../config.js';
import { KhclError, type ErrorCode } from '../errors.js';
import type { Pipeline } from '../pipeline/index.js';
import { storableName } from '../pipeline/stages.js';
import { bothBudgets, isArchive, newBudget, zipEntries, type Source, type ZipBudget } from '../pipeline/zip.js';
import type { JobQueue } from '../../workers/queue.js';
import type { UploadLimits } from './config.js';

/** What became of one uploaded file (or one file inside an uploaded archive). */
export type UploadOutcome =
  /** Stored and queued; `retried`: it had failed before and is processed again. */
  | { name: string; status: 'queued'; documentId: number; sha256: string; retried?: { code: string; reason: string } }
  /** A stored document already (before this upload, or `sameAs` another file of it). */
  | { name: string; status: 'duplicate'; documentId: number; sha256: string; documentStatus: string; sameAs?: string }
  /** Not taken: nothing stored. */
  | { name: string; status: 'refused'; code: ErrorCode; reason: string }
  /** Inside an archive and by its name not a document (notes, lists, lock files): not read. */
  | { name: string; status: 'passed-over'; reason: string };

/** What intake needs: the pipeline to admit, the queue to hand documents to, the archive limits. */
export interface IntakeDeps {
  pipeline: Pipeline;
  queue: JobQueue;
  limits: Limits;
}

/**
 * A client's file name as a store name: the last path segment only (a browser may send
 * "C:\\fakepath\\x.docx"), no control or format characters (the pipeline's storableName: a
 * right-to-left override cannot disguise an extension), at most 200 characters.
 */
export function uploadName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = storableName(base).replace(/\s+/g, ' ').trim().slice(0, 200);
  return clean === '' || clean === '.' || clean === '..' ? 'upload' : clean;
}

/** Files and bytes one token has sent, per request, over the last hour (this process's memory). */
export class TokenUsage {
  private readonly log = new Map<string, { at: number; files: number; bytes: number }[]>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Files and bytes sent with `token` in the hour before now, and when the oldest of it leaves the window. */
  lastHour(token: string): { files: number; bytes: number; freesAt: number } {
    const since = this.now() - HOUR;
    const kept = (this.log.get(token) ?? []).filter((r) => r.at > since);
    if (kept.length) this.log.set(token, kept);
    else this.log.delete(token);
    return {
      files: kept.reduce((n, r) => n + r.files, 0),
      bytes: kept.reduce((n, r) => n + r.bytes, 0),
      freesAt: (kept[0]?.at ?? this.now()) + HOUR,
    };
  }

  record(token: string, files: number, bytes: number): void {
    if (files === 0 && bytes === 0) return;
    this.log.set(token, [...(this.log.get(token) ?? []), { at: this.now(), files, bytes }]);
  }
}

const HOUR = 3_600_000;
/** Marks the refusals that end a whole request (its own limits, the token's hour), not one archive. */
const REQUEST = { details: { scope: 'request' } };
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** What one request may still take: its own limits and what is left of the token's hour. */
export class Allowance implements ZipBudget {
  files = 0;
  bytes = 0;
  private readonly used: { files: number; bytes: number; freesAt: number };
  constructor(
    private readonly limits: UploadLimits,
    usage: TokenUsage,
    private readonly token: string,
    private readonly now: () => number = Date.now,
  ) {
    this.used = usage.lastHour(token);
  }

  /**
   * The refusal of a request that can take nothing: the token's hour is spent, or its body is
   * longer than the request may hold (files unpacked are never smaller than their archive).
   */
  refuseUnread(bodyBytes: number): KhclError | undefined {
    if (bodyBytes <= this.limits.requestBytes) return this.hourly(0, 0);
    return new KhclError('limit.exceeded', `this upload is larger than the limit of ${mb(this.limits.requestBytes)} MB; nothing was taken`, REQUEST);
  }

  private requestTooLarge(): KhclError {
    return new KhclError('limit.exceeded', `this upload holds more than ${mb(this.limits.requestBytes)} MB; the rest is not taken`, REQUEST);
  }

  take(files: number, bytes: number): KhclError | undefined {
    if (this.files + files > this.limits.requestFiles) {
      return new KhclError('limit.exceeded', `this upload holds more than ${this.limits.requestFiles} files; the rest is not taken`, REQUEST);
    }
    if (this.bytes + bytes > this.limits.requestBytes) return this.requestTooLarge();
    const hourly = this.hourly(files, bytes);
    if (hourly) return hourly;
    this.files += files;
    this.bytes += bytes;
    return undefined;
  }

  /** Record what this request took against the token's hour. */
  settle(usage: TokenUsage): void {
    usage.record(this.token, this.files, this.bytes);
  }

  private hourly(files: number, bytes: number): KhclError | undefined {
    const minutes = Math.max(1, Math.ceil((this.used.freesAt - this.now()) / 60_000));
    if (this.used.files + this.files + files > this.limits.hourlyFiles || (files === 0 && bytes === 0 && this.used.files >= this.limits.hourlyFiles)) {
      return new KhclError('rate.limited', `this token has sent ${this.limits.hourlyFiles} files in the last hour, the most allowed; retry in ${minutes} min`, REQUEST);
    }
    if (this.used.bytes + this.bytes + bytes > this.limits.hourlyBytes || (files === 0 && bytes === 0 && this.used.bytes >= this.limits.hourlyBytes)) {
      return new KhclError('rate.limited', `this token has sent ${mb(this.limits.hourlyBytes)} MB in the last hour, the most allowed; retry in ${minutes} min`, REQUEST);
    }
    return undefined;
  }
}

/** The files of one uploaded part: the part itself, or its archive's entries. */
async function* sourcesOf(bytes: Uint8Array, name: string, limits: Limits, allowance: Allowance): AsyncGenerator<Source> {
  if (isArchive(bytes)) {
    yield* zipEntries({ bytes }, name, limits, bothBudgets(newBudget(limits), allowance));
    return;
  }
  const spent = allowance.take(1, bytes.byteLength);
  yield spent ? { name, error: spent } : { name, bytes };
}

/** One upload request's intake: parts are added one by one, outcomes gathered in order. */
export class Intake {
  readonly outcomes: UploadOutcome[] = [];
  /** Document id → the first file of this request that holds it. */
  private readonly seen = new Map<number, string>();
  /** The refusal that ended the request's allowance: every later part gets it. */
  private spent: KhclError | undefined;

  constructor(
    private readonly deps: IntakeDeps,
    private readonly allowance: Allowance,
  ) {}

  /** A part the request refused before reading it (over the part size limit, after the allowance ran out). */
  refuse(rawName: string | undefined, error: KhclError): void {
    this.outcomes.push({ name: uploadName(rawName), status: 'refused', code: error.code, reason: error.message });
  }

  /** Whether the allowance ran out: later parts are refused unread. */
  get exhausted(): KhclError | undefined {
    return this.spent;
  }

  /** Admit and queue one uploaded part; one outcome per file it holds. */
  async add(bytes: Uint8Array, rawName: string | undefined): Promise<void> {
    for await (const source of sourcesOf(bytes, uploadName(rawName), this.deps.limits, this.allowance)) {
      if ('passedOver' in source) {
        this.outcomes.push({ name: source.name, status: 'passed-over', reason: source.passedOver });
        continue;
      }
      if ('error' in source) {
        if (source.error.details?.scope === 'request') this.spent ??= source.error;
        this.outcomes.push({ name: source.name, status: 'refused', code: source.error.code, reason: source.error.message });
        continue;
      }
      const a = await this.deps.pipeline.admit(source.bytes, { fileName: source.name });
      if (a.action === 'refused') {
        this.outcomes.push({ name: source.name, status: 'refused', code: a.code, reason: a.reason });
        continue;
      }
      const { id, sha256, status } = a.document;
      const first = this.seen.get(id);
      if (first !== undefined) {
        this.outcomes.push({ name: source.name, status: 'duplicate', documentId: id, sha256, documentStatus: status, sameAs: first });
        continue;
      }
      this.seen.set(id, source.name);
      if (a.action === 'duplicate') {
        this.outcomes.push({ name: source.name, status: 'duplicate', documentId: id, sha256, documentStatus: status });
        continue;
      }
      await this.deps.queue.add('khcl-ingest', { documentId: id, sha256, fileName: source.name });
      this.outcomes.push({ name: source.name, status: 'queued', documentId: id, sha256, ...(a.retried ? { retried: a.retried } : {}) });
    }
  }

  /** The answer's counts. */
  counts(): Record<UploadOutcome['status'], number> {
    const out = { queued: 0, duplicate: 0, refused: 0, 'passed-over': 0 };
    for (const o of this.outcomes) out[o.status]++;
    return out;
  }
}
