/** What happened to one document, as data: the CLI prints it, the workers record it, tests assert on it. */
import type { ErrorCode } from '../errors.js';

export type Outcome =
  | { status: 'stored'; documentId: number; sha256: string }
  /** These bytes were already stored (or failed for good) earlier; nothing was done. */
  | { status: 'duplicate'; documentId: number; sha256: string }
  | { status: 'failed'; documentId: number; sha256: string; code: ErrorCode; reason: string };
