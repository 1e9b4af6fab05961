/** What the API runs on: the runtime a command opens (workers/runtime.ts) has all of it. */
import type { Limits } from '../config.js';
import type { Pipeline } from '../pipeline/index.js';
import type { BlobStore, Db } from '../store/index.js';
import type { JobQueue } from '../../workers/queue.js';

/** The parts of a runtime the API calls. */
export interface ApiDeps {
  db: Db;
  blobs: BlobStore;
  pipeline: Pipeline;
  queue: JobQueue;
  /** Archive and file limits for uploads (the same as `khcl import`'s). */
  limits: Limits;
}

/** The API's dependencies from an open runtime (workers/runtime.ts's `openRuntime`). */
export function apiDepsOf(rt: { store: { db: Db }; blobs: BlobStore; pipeline: Pipeline; queue: JobQueue; config: { limits: Limits } }): ApiDeps {
  return { db: rt.store.db, blobs: rt.blobs, pipeline: rt.pipeline, queue: rt.queue, limits: rt.config.limits };
}
