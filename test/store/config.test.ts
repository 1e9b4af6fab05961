import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('config', () => {
  it('defaults to PGlite under ./khcl-data and the in-process queue', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ databaseUrl: undefined, redisUrl: undefined, dataDir: path.resolve('khcl-data'), queuePrefix: 'khcl' });
    expect(c.pgliteDir).toBe(path.resolve('khcl-data', 'pglite'));
    expect(c.blobDir).toBe(path.resolve('khcl-data', 'blobs'));
  });

  it('reads every variable, treating empty ones as unset', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://u@h:5432/db',
      REDIS_URL: '',
      KHCL_DATA: '/srv/khcl',
      KHCL_BLOB_DIR: '/mnt/blobs',
      KHCL_MAX_FILE_MB: '5',
      KHCL_WORKER_CONCURRENCY: '3',
    });
    expect(c).toMatchObject({ databaseUrl: 'postgres://u@h:5432/db', redisUrl: undefined, blobDir: '/mnt/blobs', pgliteDir: '/srv/khcl/pglite' });
    expect(c.limits.maxFileBytes).toBe(5 * 1024 * 1024);
    expect(c.worker.concurrency).toBe(3);
  });

  it('names each bad variable in one config.invalid error', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x', KHCL_JOB_ATTEMPTS: '-1' })).toThrow(/DATABASE_URL.*KHCL_JOB_ATTEMPTS|KHCL_JOB_ATTEMPTS.*DATABASE_URL/);
    expect(() => loadConfig({ REDIS_URL: 'http://x' })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });
});
