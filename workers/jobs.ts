/**
 * What a worker does with a job: parse the payload, call one pipeline step, queue the next. The
 * retry decision lives here, once, for both queue backends: a retryable KhclError is thrown for
 * the queue to retry; a permanent one, or the last attempt of a retryable one, is recorded on the
 * document (code and reason) and thrown as a {@link PermanentJobError}.
 */
import type { z } from 'zod';
import { KhclError, toKhclError } from '../src/errors.js';
import type { Pipeline } from '../src/pipeline/index.js';
import { markFailed, type Db } from '../src/store/index.js';
import { ExtractJobSchema, IngestJobSchema } from './payloads.js';
import { PermanentJobError, type Handlers, type JobContext, type JobQueue } from './queue.js';

/** The handlers of both queues over one pipeline. */
export function jobHandlers(pipeline: Pipeline, queue: JobQueue, db: Db): Handlers {
  return {
    'khcl-ingest': async (raw, ctx) => {
      const job = parse(IngestJobSchema, raw);
      await guarded(db, job.documentId, ctx, () => pipeline.ingestStored(job.documentId));
      // Queued after the layout is stored, so a crash in between re-runs ingest, which then
      // finds the layout and only queues this again.
      const rulesVersion = await pipeline.rulesVersion();
      await queue.add('khcl-extract', { documentId: job.documentId, sha256: job.sha256, rulesVersion });
    },
    'khcl-extract': async (raw, ctx) => {
      const job = parse(ExtractJobSchema, raw);
      await guarded(db, job.documentId, ctx, () => pipeline.extractStored(job.documentId));
    },
  };
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): T {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  throw new PermanentJobError(new KhclError('internal', `invalid job payload (${problems})`));
}

async function guarded(db: Db, documentId: number, ctx: JobContext, step: () => Promise<unknown>): Promise<void> {
  try {
    await step();
  } catch (e) {
    const err = toKhclError(e);
    if (err.retryable && ctx.attempt < ctx.maxAttempts) throw err;
    await markFailed(db, documentId, err.code, err.message);
    throw new PermanentJobError(err);
  }
}
