/** What happened to one document, as data: the CLI prints it, the workers record it, tests assert on it. */
import type { ErrorCode } from '../errors.js';

export type Outcome =
  | { status: 'stored'; documentId: number; sha256: string }
  /** These bytes were already stored earlier; nothing was done. */
  | { status: 'duplicate'; documentId: number; sha256: string }
  | { status: 'failed'; documentId: number; sha256: string; code: ErrorCode; reason: string }
  /** Not a document khcl reads (or too large): refused before anything was stored. */
  | { status: 'refused'; sha256: string; code: ErrorCode; reason: string };
