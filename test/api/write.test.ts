/**
 * The write side and the guards of the HTTP API on every database: token auth (hashes compared in
 * constant time), uploads through the import path (admit + queue, processed by the in-process
 * worker), re-extraction, the upload size limit, reads behind a token, the rate limit and CORS.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadApiConfig, tokenHash } from '../../src/api/index.js';
import { tokenAllowed } from '../../src/api/auth.js';
import { contentDisposition } from '../../src/api/download.js';
import { DRIVERS } from '../store/support/databases.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';
import { openTestRuntime, type TestRuntime } from '../pipeline/support/runtime.js';
import { makeZip } from '../helpers/zip.js';
import { AUTH, TOKEN, errorOf, multipart, settled, testApp } from './support.js';

describe('API configuration and tokens', () => {
  it('reads its settings from the environment and names a bad variable', () => {
    const c = loadApiConfig({ KHCL_API_TOKENS: tokenHash('a'), KHCL_API_MAX_UPLOAD_MB: '2', KHCL_API_READ_AUTH: 'true', KHCL_API_CORS_ORIGINS: 'https://so.gd.vn' });
    expect(c).toMatchObject({ readRequiresToken: true, maxUploadBytes: 2 * 1024 * 1024, corsOrigins: ['https://so.gd.vn'], rateLimitPerMinute: 600 });
    expect(loadApiConfig({})).toMatchObject({ tokenHashes: [], readRequiresToken: false, maxUploadBytes: 50 * 1024 * 1024, corsOrigins: [] });
    expect(() => loadApiConfig({ KHCL_API_TOKENS: 'plain-token' })).toThrow(/KHCL_API_TOKENS.*SHA-256/);
    expect(() => loadApiConfig({ KHCL_API_MAX_UPLOAD_MB: 'lots' })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
  });

  it('accepts exactly the tokens whose hashes are configured', () => {
    const hashes = [Buffer.from(tokenHash('one'), 'hex'), Buffer.from(tokenHash('two'), 'hex')];
    expect(tokenAllowed('two', hashes)).toBe(true);
    expect(tokenAllowed('three', hashes)).toBe(false);
    expect(tokenAllowed('', hashes)).toBe(false);
    expect(tokenAllowed('two', [])).toBe(false);
  });

  it('gives a download a header-safe name in ASCII and in UTF-8', () => {
    expect(contentDisposition('Kế hoạch "2024".docx')).toBe(
      `attachment; filename="Ke hoach _2024_.docx"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%20%222024%22.docx`,
    );
    expect(contentDisposition('a\r\nSet-Cookie: x')).not.toMatch(/[\r\n]/);
  });
});

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`API writes on ${d.title}`, () => {
    let rt: TestRuntime;
    let app: FastifyInstance;
    beforeAll(async () => {
      rt = await openTestRuntime(d.driver);
      app = await testApp(rt, { KHCL_API_MAX_UPLOAD_MB: '1' });
    });
    afterAll(async () => {
      await app?.close();
      await rt?.dispose();
    });

    const upload = async (files: { name: string; bytes: Uint8Array }[], headers: Record<string, string> = AUTH) => {
      const body = multipart(files);
      return app.inject({ method: 'POST', url: '/documents', payload: body.payload, headers: { ...body.headers, ...headers } });
    };

    it('refuses an upload without a token, or with a wrong one, with 401 and stores nothing', async () => {
      const { bytes } = await generatePlanDocx(2001);
      for (const headers of [{} as Record<string, string>, { authorization: 'Bearer wrong-token' }, { authorization: `Basic ${TOKEN}` }, { authorization: `Bearer ${TOKEN}x` }]) {
        const r = await upload([{ name: 'p.docx', bytes }], headers);
        expect(r.statusCode).toBe(401);
        expect(errorOf(r).code).toBe('auth.required');
      }
      expect((await app.inject({ method: 'GET', url: '/documents' })).json()).toMatchObject({ total: 0 });
    });

    it('stores an authenticated upload through the import path until it is stored', async () => {
      const { bytes, criteria } = await generatePlanDocx(2002);
      const r = await upload([{ name: 'Kế hoạch 2024.docx', bytes }]);
      expect(r.statusCode).toBe(202);
      const [outcome] = (r.json() as { files: { status: string; documentId: number; name: string }[] }).files;
      expect(outcome).toMatchObject({ status: 'queued', name: 'Kế hoạch 2024.docx' });
      expect(await settled(app, outcome.documentId)).toMatchObject({ status: 'stored', errorCode: null });
      const items = (await app.inject({ method: 'GET', url: `/items?documentId=${outcome.documentId}` })).json() as { items: { criterion: string }[] };
      expect(items.items.map((i) => i.criterion)).toEqual(criteria);

      const file = await app.inject({ method: 'GET', url: `/documents/${outcome.documentId}/file` });
      expect(file.rawPayload.equals(Buffer.from(bytes))).toBe(true);
      expect(file.headers['content-disposition']).toBe(`attachment; filename="Ke hoach 2024.docx"; filename*=UTF-8''K%E1%BA%BF%20ho%E1%BA%A1ch%202024.docx`);

      const again = await upload([{ name: 'copy.docx', bytes }]);
      expect((again.json() as { files: unknown[] }).files).toEqual([expect.objectContaining({ status: 'duplicate', documentId: outcome.documentId, documentStatus: 'stored' })]);
    });

    it('opens an uploaded ZIP like `khcl import` does, refusing unsafe entries', async () => {
      const a = await generatePlanDocx(2003);
      const zip = makeZip([
        { name: 'truong-a/p.docx', data: a.bytes },
        { name: '../escape.docx', data: a.bytes },
        { name: 'notes.txt', data: 'not a document' },
      ]);
      const r = await upload([{ name: 'batch.zip', bytes: zip }]);
      expect(r.statusCode).toBe(202);
      const files = (r.json() as { files: { name: string; status: string; code?: string; documentId: number }[] }).files;
      expect(files.map((f) => [f.name, f.status])).toEqual([
        ['batch.zip:truong-a/p.docx', 'queued'],
        ['batch.zip:../escape.docx', 'failed'],
        ['batch.zip:notes.txt', 'failed'],
      ]);
      expect(await settled(app, files[0].documentId)).toMatchObject({ status: 'stored' });
    });

    it('strips a client path from an uploaded file name', async () => {
      const { bytes } = await generatePlanDocx(2004);
      const r = await upload([{ name: 'C:\\\\fakepath\\\\..\\\\kh.docx', bytes }]);
      expect((r.json() as { files: { name: string }[] }).files[0].name).toBe('kh.docx');
    });

    it('refuses a file above the upload limit with 413', async () => {
      const r = await upload([{ name: 'big.docx', bytes: new Uint8Array(1024 * 1024 + 10) }]);
      expect(r.statusCode).toBe(413);
      expect(errorOf(r).code).toBe('file.too_large');
    });

    it('refuses an upload with no file, and a request that is not multipart', async () => {
      const none = multipart([]);
      const empty = await app.inject({ method: 'POST', url: '/documents', payload: none.payload, headers: { ...none.headers, ...AUTH } });
      expect(empty.statusCode).toBe(400);
      expect(errorOf(empty).message).toMatch(/no file/);
      const cut = multipart([{ name: 'a.docx', bytes: new Uint8Array(100) }]);
      const truncated = await app.inject({ method: 'POST', url: '/documents', payload: cut.payload.subarray(0, 120), headers: { ...cut.headers, ...AUTH } });
      expect(truncated.statusCode).toBe(400);
      expect(errorOf(truncated).code).toBe('request.invalid');
      const json = await app.inject({ method: 'POST', url: '/documents', payload: { file: 'x' }, headers: AUTH });
      expect(json.statusCode).toBeGreaterThanOrEqual(400);
      expect(json.statusCode).toBeLessThan(500);
      expect(errorOf(json).code).toBeTruthy();
    });

    it('re-extracts a document on request with a token only', async () => {
      const bytes = new Uint8Array(await readFile(path.join('fixtures', 'kh-2024-mn-7cot.docx')));
      const [outcome] = (await upload([{ name: '7cot.docx', bytes }])).json().files as { documentId: number }[];
      await settled(app, outcome.documentId);
      const url = `/documents/${outcome.documentId}/reextract`;
      expect((await app.inject({ method: 'POST', url })).statusCode).toBe(401);
      const r = await app.inject({ method: 'POST', url, headers: AUTH });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toMatchObject({ documents: 1, changed: 0, unchanged: 1, failed: [] });
      expect((await app.inject({ method: 'POST', url: '/documents/999999/reextract', headers: AUTH })).statusCode).toBe(404);
      const bulk = await app.inject({ method: 'POST', url: '/reextract', headers: AUTH, payload: { kind: 'plan', schoolYear: '2024-2025' } });
      expect(bulk.json()).toMatchObject({ documents: 1 });
      const bad = await app.inject({ method: 'POST', url: '/reextract', headers: AUTH, payload: { kind: 'memo' } });
      expect(bad.statusCode).toBe(400);
      expect(errorOf(bad).message).toMatch(/kind/);
    });

    it('keeps reads open by default and behind a token when configured', async () => {
      expect((await app.inject({ method: 'GET', url: '/items' })).statusCode).toBe(200);
      const closed = await testApp(rt, { KHCL_API_READ_AUTH: 'true' });
      try {
        const r = await closed.inject({ method: 'GET', url: '/items' });
        expect(r.statusCode).toBe(401);
        expect(errorOf(r).code).toBe('auth.required');
        expect((await closed.inject({ method: 'GET', url: '/items', headers: AUTH })).statusCode).toBe(200);
      } finally {
        await closed.close();
      }
    });

    it('refuses every write when no token is configured', async () => {
      const none = await testApp(rt, { KHCL_API_TOKENS: '' });
      try {
        const r = await none.inject({ method: 'POST', url: '/reextract', headers: AUTH, payload: {} });
        expect(r.statusCode).toBe(401);
        expect(errorOf(r).message).toMatch(/no API tokens are configured/);
      } finally {
        await none.close();
      }
    });

    it('limits requests per client address with 429 in the JSON error shape', async () => {
      const limited = await testApp(rt, { KHCL_API_RATE_LIMIT: '3' });
      try {
        const codes: number[] = [];
        for (let i = 0; i < 4; i++) codes.push((await limited.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.1' })).statusCode);
        expect(codes).toEqual([200, 200, 200, 429]);
        const r = await limited.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.1' });
        expect(errorOf(r).code).toBe('rate.limited');
        expect(r.headers['retry-after']).toBeDefined();
        // Another address has its own budget.
        expect((await limited.inject({ method: 'GET', url: '/health', remoteAddress: '10.0.0.2' })).statusCode).toBe(200);
      } finally {
        await limited.close();
      }
    });

    it('sends no CORS headers by default, and allows only the configured origins', async () => {
      const preflight = { method: 'OPTIONS' as const, url: '/items', headers: { origin: 'https://so.gd.vn', 'access-control-request-method': 'GET' } };
      const off = await app.inject(preflight);
      expect(off.headers['access-control-allow-origin']).toBeUndefined();
      const withCors = await testApp(rt, { KHCL_API_CORS_ORIGINS: 'https://so.gd.vn' });
      try {
        expect((await withCors.inject(preflight)).headers['access-control-allow-origin']).toBe('https://so.gd.vn');
        const other = await withCors.inject({ ...preflight, headers: { ...preflight.headers, origin: 'https://evil.example' } });
        expect(other.headers['access-control-allow-origin']).toBeUndefined();
      } finally {
        await withCors.close();
      }
    });
  });
}
