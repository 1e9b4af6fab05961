/**
 * Job payloads, checked with zod when a worker takes a job: a job written by an older or newer
 * version of khcl, or by hand into Redis, fails with a clear reason instead of half-running.
 */
import { z } from 'zod';

/** The two queues: reading files (slow: OCR) and extracting layouts (fast, CPU only). */
export const QUEUE_NAMES = ['khcl-ingest', 'khcl-extract'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

/** A document whose stored bytes are to be read into a Layout. */
export const IngestJobSchema = z.object({
  documentId: z.number().int().positive(),
  sha256,
  fileName: z.string().optional(),
});
export type IngestJob = z.infer<typeof IngestJobSchema>;

/** A document whose stored Layout is to be extracted by these rules. */
export const ExtractJobSchema = z.object({
  documentId: z.number().int().positive(),
  sha256,
  rulesVersion: z.string().min(1),
});
export type ExtractJob = z.infer<typeof ExtractJobSchema>;

/** The payload type of each queue. */
export interface Payloads {
  'khcl-ingest': IngestJob;
  'khcl-extract': ExtractJob;
}

export const PAYLOAD_SCHEMAS = {
  'khcl-ingest': IngestJobSchema,
  'khcl-extract': ExtractJobSchema,
} as const;

/**
 * The job id: the file's hash, plus the rules version for extraction. The same document cannot
 * be queued twice at once, nor extracted twice by the same rules. (BullMQ reserves ':' in ids.)
 */
export function jobIdOf<N extends QueueName>(queue: N, payload: Payloads[N]): string {
  return queue === 'khcl-ingest'
    ? payload.sha256
    : `${payload.sha256}-${(payload as ExtractJob).rulesVersion.replace(/:/g, '_')}`;
}
