/**
 * Everything a command or a worker process needs, opened from one Config: the store (migrated),
 * the blob store, the pipeline and the queue (BullMQ when REDIS_URL is set, in-process otherwise).
 */
import type { Config } from '../src/config.js';
import type { createPipeline, Pipeline } from '../src/pipeline/index.js';
import { openBlobStore, openStore, targetOf, type BlobStore, type Store, type StoreTarget } from '../src/store/index.js';
import { MemoryQueue } from './memory-queue.js';
import type { JobQueue } from './queue.js';

/** Everything opened for one process; `close()` releases it all. */
export interface Runtime {
  config: Config;
  store: Store;
  blobs: BlobStore;
  pipeline: Pipeline;
  queue: JobQueue;
  close(): Promise<void>;
}

/** The queue the configuration asks for. */
export async function createQueue(config: Config): Promise<JobQueue> {
  const retry = { attempts: config.worker.attempts, backoffMs: config.worker.backoffMs };
  if (!config.redisUrl) return new MemoryQueue(retry);
  const { BullQueue } = await import('./bullmq-queue.js');
  return BullQueue.connect({ ...retry, url: config.redisUrl, prefix: config.queuePrefix, lockMs: config.worker.lockMs });
}

export interface RuntimeOptions {
  /** Override where the store is (tests use `{ memory: true }`). */
  target?: StoreTarget;
  /** Override the pipeline's pieces (tests inject an extractor or a failing reader). */
  pipeline?: Partial<Pick<Parameters<typeof createPipeline>[0], 'extractor' | 'ingest'>>;
  /** Skip opening the queue (commands that only read the store). */
  queue?: boolean;
}

/** Open the store (applying migrations), blobs, pipeline and queue. */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const store = await openStore(options.target ?? targetOf(config));
  let queue: JobQueue;
  try {
    queue = options.queue === false ? new MemoryQueue({ attempts: 1, backoffMs: 0 }) : await createQueue(config);
  } catch (e) {
    await store.close();
    throw e;
  }
  let blobs: BlobStore;
  try {
    blobs = await openBlobStore(config);
  } catch (e) {
    await queue.close();
    await store.close();
    throw e;
  }
  // Loaded here, not on import: `khcl status` opens a runtime and never runs the pipeline.
  const { createPipeline } = await import('../src/pipeline/index.js');
  const pipeline = createPipeline({ db: store.db, blobs, maxFileBytes: config.limits.maxFileBytes, ...options.pipeline });
  return {
    config,
    store,
    blobs,
    pipeline,
    queue,
    async close() {
      await queue.close();
      await store.close();
    },
  };
}
