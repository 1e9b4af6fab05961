/**
 * Typed failures. Every error khcl raises for bad input is a KhclError with a literal `code`;
 * one table says whether a code is worth retrying, which HTTP status and which CLI exit code it
 * maps to. Content problems that still leave a usable result are issues (warnings as data), not
 * errors.
 */

export const ERROR_CODES = {
  'file.empty': { retryable: false, http: 422, exit: 2, summary: 'the file is empty (0 bytes)' },
  'file.unsupported': { retryable: false, http: 415, exit: 2, summary: 'not a supported document type' },
  'file.corrupt': { retryable: false, http: 422, exit: 2, summary: 'the file is damaged and cannot be read' },
  'file.encrypted': { retryable: false, http: 422, exit: 2, summary: 'the file is password-protected' },
  'file.too_large': { retryable: false, http: 413, exit: 2, summary: 'the file exceeds a configured limit' },
  'file.not_found': { retryable: false, http: 404, exit: 2, summary: 'no such file' },
  'scan.no_text': { retryable: false, http: 422, exit: 2, summary: 'scanned document: no text layer' },
  'ocr.failed': { retryable: true, http: 500, exit: 3, summary: 'OCR failed' },
  'extract.no_table': { retryable: false, http: 422, exit: 2, summary: 'no plan or report table found' },
  'limit.exceeded': { retryable: false, http: 413, exit: 2, summary: 'a configured limit was exceeded' },
  'store.unavailable': { retryable: true, http: 503, exit: 3, summary: 'the database is not reachable; start PostgreSQL or check DATABASE_URL' },
  'queue.unavailable': { retryable: true, http: 503, exit: 3, summary: 'the queue is not reachable' },
  'config.invalid': { retryable: false, http: 500, exit: 2, summary: 'invalid configuration' },
  internal: { retryable: true, http: 500, exit: 1, summary: 'internal error' },
  // The HTTP API's own failures (src/api raises them as ApiErrors); the CLI never meets them.
  'request.invalid': { retryable: false, http: 400, exit: 2, summary: 'the request is invalid' },
  'request.unsupported_media_type': { retryable: false, http: 415, exit: 2, summary: 'the request body has an unsupported media type' },
  'auth.required': { retryable: false, http: 401, exit: 2, summary: 'this request needs a valid token' },
  'not.found': { retryable: false, http: 404, exit: 2, summary: 'no such document, item or route' },
  'document.no_layout': { retryable: false, http: 409, exit: 2, summary: 'the document has no stored layout yet' },
  'rate.limited': { retryable: true, http: 429, exit: 3, summary: 'too many requests' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class KhclError extends Error {
  override name = 'KhclError';
  readonly code: ErrorCode;
  /** The file the error is about, when there is one; the CLI prints it before the reason. */
  file?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { cause?: unknown; file?: string; details?: Record<string, unknown> },
  ) {
    super(message ?? ERROR_CODES[code].summary, { cause: options?.cause });
    this.code = code;
    this.file = options?.file;
    this.details = options?.details;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

export function isKhclError(e: unknown): e is KhclError {
  return e instanceof KhclError;
}

/** Any thrown value as a KhclError: unknown failures become `internal` and keep their cause. */
export function toKhclError(e: unknown, file?: string): KhclError {
  if (e instanceof KhclError) {
    if (file && !e.file) e.file = file;
    return e;
  }
  const message = e instanceof Error ? e.message : String(e);
  return new KhclError('internal', message, { cause: e, file });
}

/** One line for a person: `file: reason`. */
export function describeError(e: unknown, file?: string): string {
  const err = toKhclError(e, file);
  const where = err.file ?? file;
  return where ? `${where}: ${err.message}` : err.message;
}
