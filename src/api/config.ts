/**
 * The HTTP API's settings, parsed with zod from an environment record. (src/config.ts is the home
 * of the shared settings; these are the API's own and can move there.)
 *
 *   KHCL_API_TOKENS        comma-separated SHA-256 hex hashes of the tokens allowed to write
 *                          (uploads, re-extraction); none configured means no one can write
 *   KHCL_API_READ_AUTH     true: reads need a token too (default false: reads are open)
 *   KHCL_API_MAX_UPLOAD_MB largest uploaded file (default 50)
 *   KHCL_API_REQUEST_MAX_FILES, KHCL_API_REQUEST_MAX_MB
 *                          most files (archive entries one by one) and bytes (as stored, archives
 *                          unpacked) one upload request may hold (default 5,000 and 2,048 MB)
 *   KHCL_API_HOURLY_MAX_FILES, KHCL_API_HOURLY_MAX_MB
 *                          the same per token over the last hour (default 20,000 and 10,240 MB),
 *                          counted by this API process
 *   KHCL_API_RATE_LIMIT    requests per minute per client address (default 600; 0 turns it off)
 *   KHCL_API_CORS_ORIGINS  comma-separated origins allowed by CORS (default: none, CORS off)
 *   KHCL_API_TRUST_PROXY   true behind a reverse proxy, so the client address is X-Forwarded-For's
 */
import { z } from 'zod';
import { KhclError } from '../errors.js';

const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const flag = z.preprocess(blank, z.enum(['true', 'false', '1', '0']).optional()).transform((v) => v === 'true' || v === '1');
const csv = (item: z.ZodType<string>) =>
  z.preprocess(
    (v) => (typeof blank(v) === 'string' ? (v as string).split(',').map((s) => s.trim()).filter(Boolean) : undefined),
    z.array(item).optional(),
  );

const EnvSchema = z.object({
  KHCL_API_TOKENS: csv(z.string().regex(/^[0-9a-fA-F]{64}$/, 'each token must be given as its SHA-256 in hex (64 characters)')),
  KHCL_API_READ_AUTH: flag,
  KHCL_API_MAX_UPLOAD_MB: z.preprocess(blank, z.coerce.number().positive().max(10_240).optional()),
  KHCL_API_REQUEST_MAX_FILES: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  KHCL_API_REQUEST_MAX_MB: z.preprocess(blank, z.coerce.number().positive().optional()),
  KHCL_API_HOURLY_MAX_FILES: z.preprocess(blank, z.coerce.number().int().positive().optional()),
  KHCL_API_HOURLY_MAX_MB: z.preprocess(blank, z.coerce.number().positive().optional()),
  KHCL_API_RATE_LIMIT: z.preprocess(blank, z.coerce.number().int().nonnegative().optional()),
  KHCL_API_CORS_ORIGINS: csv(z.string().regex(/^https?:\/\/[^/\s]+$|^\*$/, 'each origin must look like https://host[:port]')),
  KHCL_API_TRUST_PROXY: flag,
});

/**
 * Upload limits. Files count every file examined (an uploaded file, each entry of an uploaded
 * archive, those refused included); bytes count what those files weigh unpacked, which is what
 * storing them would take. Sized for a department's archive (a district's plans and reports for a
 * year are a few hundred to a few thousand files, a few GB with scans), not for a flood.
 */
export interface UploadLimits {
  requestFiles: number;
  requestBytes: number;
  hourlyFiles: number;
  hourlyBytes: number;
}

/** The API's settings, parsed. */
export interface ApiConfig {
  /** SHA-256 digests (32 bytes each) of the tokens that may write. */
  tokenHashes: Buffer[];
  readRequiresToken: boolean;
  maxUploadBytes: number;
  /** What uploads may hold: per request, and per token over the last hour. */
  uploads: UploadLimits;
  /** Requests per minute per client address; 0: no limit. */
  rateLimitPerMinute: number;
  /** Allowed CORS origins; empty: CORS off. */
  corsOrigins: string[];
  trustProxy: boolean;
  /** Most rows one list page may ask for. */
  maxPageSize: number;
  /** Most rows an export may hold. */
  maxExportRows: number;
}

const MB = 1024 * 1024;

/** Parse the API's settings; throws `config.invalid` naming each bad variable. */
export function loadApiConfig(env: Record<string, string | undefined>): ApiConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new KhclError('config.invalid', `invalid API configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    tokenHashes: (e.KHCL_API_TOKENS ?? []).map((h) => Buffer.from(h.toLowerCase(), 'hex')),
    readRequiresToken: e.KHCL_API_READ_AUTH,
    maxUploadBytes: Math.round((e.KHCL_API_MAX_UPLOAD_MB ?? 50) * MB),
    uploads: {
      requestFiles: e.KHCL_API_REQUEST_MAX_FILES ?? 5_000,
      requestBytes: Math.round((e.KHCL_API_REQUEST_MAX_MB ?? 2_048) * MB),
      hourlyFiles: e.KHCL_API_HOURLY_MAX_FILES ?? 20_000,
      hourlyBytes: Math.round((e.KHCL_API_HOURLY_MAX_MB ?? 10_240) * MB),
    },
    rateLimitPerMinute: e.KHCL_API_RATE_LIMIT ?? 600,
    corsOrigins: e.KHCL_API_CORS_ORIGINS ?? [],
    trustProxy: e.KHCL_API_TRUST_PROXY,
    maxPageSize: 500,
    maxExportRows: 200_000,
  };
}
