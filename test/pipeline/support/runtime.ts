/** A runtime (store, blobs, pipeline, queue) in a temp directory, on the driver under test. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../../src/config.js';
import type { Outcome } from '../../../src/pipeline/index.js';
import { openRuntime, type Runtime, type RuntimeOptions } from '../../../workers/runtime.js';
import { createTestDatabase } from '../../store/support/databases.js';

export interface TestRuntime extends Runtime {
  dir: string;
  databaseUrl?: string;
  dispose(): Promise<void>;
}

export async function openTestRuntime(
  driver: 'pglite' | 'postgres',
  options: { env?: Record<string, string>; pipeline?: RuntimeOptions['pipeline'] } = {},
): Promise<TestRuntime> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-test-'));
  const pg = driver === 'postgres' ? await createTestDatabase() : undefined;
  const config = loadConfig({ KHCL_DATA: dir, KHCL_JOB_BACKOFF_MS: '10', ...(pg ? { DATABASE_URL: pg.url } : {}), ...options.env });
  const rt = await openRuntime(config, { target: pg ? { databaseUrl: pg.url } : { memory: true }, pipeline: options.pipeline });
  return {
    ...rt,
    dir,
    databaseUrl: pg?.url,
    async dispose() {
      await rt.close();
      await pg?.drop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The document an outcome is about; a refusal (nothing stored) fails the test with its reason. */
export function documentOf(o: Outcome): number {
  if (o.status === 'refused') throw new Error(`refused, nothing stored: ${o.code}: ${o.reason}`);
  return o.documentId;
}
