/**
 * The API while PostgreSQL is down: a read answers 503 `store.unavailable` naming host:port (the
 * store sits behind a TCP relay that is stopped mid-test), and the failure codes keep their statuses.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError, errorResponse } from '../../src/api/errors.js';
import { loadConfig } from '../../src/config.js';
import { ERROR_CODES, KhclError } from '../../src/errors.js';
import { openRuntime, type Runtime } from '../../workers/runtime.js';
import { createTestDatabase, postgresService } from '../store/support/databases.js';
import { requireService, titled } from '../store/support/services.js';
import { startTcpProxy, type TcpProxy } from '../store/support/tcp-proxy.js';
import { errorOf, testApp } from './support.js';

describe('error statuses', () => {
  it('come from the one table, for the API codes too', () => {
    for (const [code, status] of [['request.invalid', 400], ['auth.required', 401], ['not.found', 404], ['document.no_layout', 409], ['rate.limited', 429]] as const) {
      expect(ERROR_CODES[code].http).toBe(status);
      expect(errorResponse(new ApiError(code, 'why'))).toEqual({ status, body: { error: { code, message: 'why' } } });
    }
    expect(errorResponse(new KhclError('store.unavailable', 'the database at h:1 is not reachable'))).toEqual({
      status: 503,
      body: { error: { code: 'store.unavailable', message: 'the database at h:1 is not reachable' } },
    });
  });
});

describe.skipIf(!postgresService.run)(titled('API reads with PostgreSQL gone', postgresService), () => {
  let pg: { url: string; drop: () => Promise<void> };
  let proxy: TcpProxy;
  let dir: string;
  let rt: Runtime;
  let app: FastifyInstance;
  beforeAll(async () => {
    requireService(postgresService);
    pg = await createTestDatabase();
    const u = new URL(pg.url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port) || 5432 });
    dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-test-'));
    const url = proxy.via(pg.url);
    rt = await openRuntime(loadConfig({ KHCL_DATA: dir, DATABASE_URL: url }), { target: { databaseUrl: url } });
    app = await testApp({ ...rt, dir, dispose: async () => {} });
  });
  afterAll(async () => {
    await app?.close();
    await rt?.close();
    await proxy?.stop();
    await pg?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('answers a read with 503 store.unavailable naming host:port once the database is gone', async () => {
    expect((await app.inject({ method: 'GET', url: '/documents' })).statusCode).toBe(200);
    await proxy.stop();
    for (const url of ['/documents', '/documents/1', '/items?limit=5']) {
      const r = await app.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(503);
      expect(errorOf(r), url).toEqual({
        code: 'store.unavailable',
        message: expect.stringMatching(new RegExp(`^the database at 127\\.0\\.0\\.1:${proxy.port} is not reachable \\(.+\\); start PostgreSQL or check DATABASE_URL$`)),
      });
    }
  });
});
