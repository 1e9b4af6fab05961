/**
 * The one place the environment is read. Every setting is parsed and checked here with zod; the
 * rest of the code receives a typed {@link Config} and never touches `process.env`, so a test can
 * build any configuration it needs from a plain object.
 */
import path from 'node:path';
import { z } from 'zod';
import { KhclError } from './errors.js';
import { LANGS, type Lang } from './messages.js';

/** An unset variable and an empty one mean the same thing (shells and CI files often export ''). */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const positiveInt = (fallback: number) => optional(z.coerce.number().int().positive()).transform((v) => v ?? fallback);

const EnvSchema = z.object({
  /** PostgreSQL connection string; unset means the embedded PGlite database under KHCL_DATA. */
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')),
  /** Redis for the BullMQ queues; unset means the in-process queue. */
  REDIS_URL: optional(z.string().regex(/^rediss?:\/\//, 'must be a redis:// URL')),
  /** Data directory: PGlite's files (`pglite/`) and, unless KHCL_BLOB_DIR says otherwise, `blobs/`. */
  KHCL_DATA: optional(z.string()),
  KHCL_BLOB_DIR: optional(z.string()),
  /** `s3://bucket/prefix`: blobs in an S3-compatible bucket instead of KHCL_BLOB_DIR (src/store/blobs-s3.ts). */
  KHCL_BLOB_URL: optional(z.string().regex(/^s3:\/\//, 'must be an s3://bucket/prefix URL')),
  /** The S3-compatible server of KHCL_BLOB_URL (the AWS SDK's own variables; AWS itself when unset). */
  AWS_ENDPOINT_URL_S3: optional(z.url()),
  AWS_ENDPOINT_URL: optional(z.url()),
  /** Prefix of every BullMQ key, so several installations (or test runs) can share one Redis. */
  KHCL_QUEUE_PREFIX: optional(z.string().regex(/^[\w-]+$/)),
  KHCL_MAX_FILE_MB: positiveInt(100),
  KHCL_ZIP_MAX_TOTAL_MB: positiveInt(2048),
  KHCL_ZIP_MAX_ENTRIES: positiveInt(20_000),
  /** Uncompressed / compressed size above which a ZIP entry is treated as a zip bomb. */
  KHCL_ZIP_MAX_RATIO: positiveInt(200),
  KHCL_WORKER_CONCURRENCY: positiveInt(2),
  KHCL_JOB_ATTEMPTS: positiveInt(5),
  KHCL_JOB_BACKOFF_MS: positiveInt(2_000),
  /** How long a job stays locked to a worker that stopped answering (a killed process) before it is retried elsewhere. */
  KHCL_JOB_LOCK_MS: positiveInt(30_000),
  /** The language of messages for a person (errors, summaries): vi or en (default). */
  KHCL_LANG: optional(z.enum(LANGS)),
});

/** Size and rate limits, in bytes and counts. */
export interface Limits {
  maxFileBytes: number;
  zipMaxTotalBytes: number;
  zipMaxEntries: number;
  zipMaxRatio: number;
}

/** Everything configurable, parsed once. */
export interface Config {
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  /** PGlite's data directory, `<dataDir>/pglite`. */
  pgliteDir: string;
  blobDir: string;
  /** `s3://bucket/prefix` when blobs live in a bucket (KHCL_BLOB_URL). */
  blobUrl?: string;
  /** The S3-compatible server's URL for blobUrl, when not AWS's. */
  blobEndpoint?: string;
  queuePrefix: string;
  limits: Limits;
  worker: { concurrency: number; attempts: number; backoffMs: number; lockMs: number };
  /** Messages for a person in this language (KHCL_LANG). */
  lang: Lang;
}

const MB = 1024 * 1024;

/** Parse the environment (by default `process.env`); throws `config.invalid` naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new KhclError('config.invalid', `invalid configuration: ${problems}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.KHCL_DATA ?? './khcl-data');
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    dataDir,
    pgliteDir: path.join(dataDir, 'pglite'),
    blobDir: path.resolve(e.KHCL_BLOB_DIR ?? path.join(dataDir, 'blobs')),
    blobUrl: e.KHCL_BLOB_URL,
    blobEndpoint: e.AWS_ENDPOINT_URL_S3 ?? e.AWS_ENDPOINT_URL,
    queuePrefix: e.KHCL_QUEUE_PREFIX ?? 'khcl',
    limits: {
      maxFileBytes: e.KHCL_MAX_FILE_MB * MB,
      zipMaxTotalBytes: e.KHCL_ZIP_MAX_TOTAL_MB * MB,
      zipMaxEntries: e.KHCL_ZIP_MAX_ENTRIES,
      zipMaxRatio: e.KHCL_ZIP_MAX_RATIO,
    },
    worker: {
      concurrency: e.KHCL_WORKER_CONCURRENCY,
      attempts: e.KHCL_JOB_ATTEMPTS,
      backoffMs: e.KHCL_JOB_BACKOFF_MS,
      lockMs: e.KHCL_JOB_LOCK_MS,
    },
    lang: e.KHCL_LANG ?? 'en',
  };
}

/**
 * KHCL_LANG alone, never throwing: what the CLI says its last error in, when the configuration
 * itself may be what failed.
 */
export function langFromEnv(env: Record<string, string | undefined> = process.env): Lang {
  const v = env.KHCL_LANG?.trim();
  return v === 'vi' ? 'vi' : 'en';
}
