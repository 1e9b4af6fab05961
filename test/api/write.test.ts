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
import { count } from 'drizzle-orm';
import { readdir } from 'node:fs/promises';
import { documents, markFailed, MAX_FILE_NAMES } from '../../src/store/index.js';
import { AUTH, TOKEN, errorOf, multipart, settled, testApp } from './support.js';

const documentCount = async (rt: TestRuntime) => Number((await rt.store.db.select({ n: count() }).from(documents))[0].n);
/** Files under the blob directory (one per stored original). */
async function blobCount(rt: TestRuntime): Promise<number> {
  const entries = await readdir(rt.config.blobDir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).length;
}

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

    it('opens an uploaded ZIP like `khcl import` does, refusing unsafe entries, passing over notes', async () => {
      const a = await generatePlanDocx(2003);
      const zip = makeZip([
        { name: 'truong-a/p.docx', data: a.bytes },
        { name: '../escape.docx', data: a.bytes },
        { name: 'notes.txt', data: 'not a document' },
      ]);
      const r = await upload([{ name: 'batch.zip', bytes: zip }]);
      expect(r.statusCode).toBe(207);
      const body = r.json() as { counts: Record<string, number>; files: { name: string; status: string; code?: string; documentId: number }[] };
      expect(body.files.map((f) => [f.name, f.status])).toEqual([
        ['batch.zip:truong-a/p.docx', 'queued'],
        ['batch.zip:../escape.docx', 'refused'],
        ['batch.zip:notes.txt', 'passed-over'],
      ]);
      expect(body.counts).toEqual({ queued: 1, duplicate: 0, refused: 1, 'passed-over': 1 });
      expect(await settled(app, body.files[0].documentId)).toMatchObject({ status: 'stored' });
    });

    it('strips a client path and format characters (a right-to-left override) from an uploaded file name', async () => {
      const { bytes } = await generatePlanDocx(2004);
      const r = await upload([{ name: 'C:\\\\fakepath\\\\..\\\\kh.docx', bytes }]);
      expect((r.json() as { files: { name: string }[] }).files[0].name).toBe('kh.docx');
      const other = await generatePlanDocx(2005);
      const disguised = await upload([{ name: 'kh\u202excod.exe', bytes: other.bytes }, { name: 'k\u200bh\u2066-2\u2069.docx', bytes: other.bytes }]);
      const [first] = (disguised.json() as { files: { name: string; documentId: number }[] }).files;
      expect(first.name).toBe('khxcod.exe');
      const doc = (await app.inject({ method: 'GET', url: `/documents/${first.documentId}` })).json() as { fileNames: string[] };
      expect(doc.fileNames).toEqual(['khxcod.exe', 'kh-2.docx']);
    });

    it('recognises content before storing anything: a ZIP of junk entries leaves no row and no blob', async () => {
      const junk = Array.from({ length: 300 }, (_, i) => ({ name: `rac/${i}.docx`, data: `junk ${i}` }));
      const zeros = { name: 'zeros.pdf', data: new Uint8Array(512 * 1024), store: true };
      const before = await documentCount(rt);
      const blobsBefore = await blobCount(rt);
      const r = await upload([{ name: 'junk.zip', bytes: makeZip([...junk, zeros]) }]);
      expect(r.statusCode).toBe(207);
      const body = r.json() as { counts: Record<string, number>; files: { status: string; code: string; reason: string }[] };
      expect(body.counts).toEqual({ queued: 0, duplicate: 0, refused: 301, 'passed-over': 0 });
      expect(body.files.every((f) => f.status === 'refused' && f.code === 'file.unsupported')).toBe(true);
      expect(await documentCount(rt)).toBe(before);
      expect(await blobCount(rt)).toBe(blobsBefore);
    });

    it('answers per part: one part over the size limit is refused alone, the parts around it are stored and listed', async () => {
      const a = await generatePlanDocx(2006);
      const b = await generatePlanDocx(2007);
      const r = await upload([
        { name: 'a.docx', bytes: a.bytes },
        { name: 'big.docx', bytes: new Uint8Array(1024 * 1024 + 10) },
        { name: 'b.docx', bytes: b.bytes },
      ]);
      expect(r.statusCode).toBe(207);
      const files = (r.json() as { files: { name: string; status: string; code?: string; reason?: string; documentId: number }[] }).files;
      expect(files.map((f) => [f.name, f.status, f.code])).toEqual([
        ['a.docx', 'queued', undefined],
        ['big.docx', 'refused', 'file.too_large'],
        ['b.docx', 'queued', undefined],
      ]);
      expect(files[1].reason).toBe('the file is larger than the upload limit of 1.0 MB');
      for (const f of [files[0], files[2]]) expect(await settled(app, f.documentId)).toMatchObject({ status: 'stored' });
    });

    it('keeps a document\'s file names distinct and capped however often it is sent', async () => {
      const { bytes } = await generatePlanDocx(2008);
      for (let round = 0; round < 5; round++) {
        const names = Array.from({ length: 24 }, (_, i) => ({ name: `r${round}/kh-${i % 12}.docx`, data: bytes }));
        await upload([{ name: `round-${round}.zip`, bytes: makeZip([...names, { name: 'again.docx', data: bytes }]) }]);
      }
      const [first] = (await upload([{ name: 'kh.docx', bytes }])).json().files as { documentId: number }[];
      const doc = (await app.inject({ method: 'GET', url: `/documents/${first.documentId}` })).json() as { fileNames: string[] };
      expect(doc.fileNames).toHaveLength(MAX_FILE_NAMES);
      expect(new Set(doc.fileNames).size).toBe(MAX_FILE_NAMES);
      expect(doc.fileNames[0]).toBe('round-0.zip:r0/kh-0.docx');
    });

    it('processes a failed document again when it is uploaded again, and says so', async () => {
      const { bytes } = await generatePlanDocx(2009);
      const a = await rt.pipeline.admit(bytes, { fileName: 'old.docx' });
      if (a.action !== 'process') throw new Error(a.action);
      await markFailed(rt.store.db, a.document.id, 'extract.no_table', 'no plan or report table found (no table has the headers of a KH or BC table)');
      const r = await upload([{ name: 'kh.docx', bytes }], { ...AUTH, 'accept-language': 'vi-VN,vi;q=0.9' });
      expect(r.statusCode).toBe(202);
      const [outcome] = (r.json() as { files: { status: string; documentId: number; retried?: { code: string; reason: string } }[] }).files;
      expect(outcome).toMatchObject({
        status: 'queued',
        documentId: a.document.id,
        retried: { code: 'extract.no_table', reason: 'không tìm thấy bảng kế hoạch hay báo cáo (không bảng nào có tiêu đề cột của bảng KH hoặc BC)' },
      });
      expect(await settled(app, a.document.id)).toMatchObject({ status: 'stored' });
    });

    it('says refusals and errors in Vietnamese when asked (the page asks), codes unchanged', async () => {
      const vi = { ...AUTH, 'accept-language': 'vi' };
      const r = await upload([{ name: 'rong.docx', bytes: new Uint8Array(0) }, { name: 'ghi-chu.docx', bytes: new TextEncoder().encode('ghi chú') }], vi);
      expect((r.json() as { files: unknown[] }).files).toEqual([
        { name: 'rong.docx', status: 'refused', code: 'file.empty', reason: 'tệp rỗng (0 byte)' },
        { name: 'ghi-chu.docx', status: 'refused', code: 'file.unsupported', reason: 'tệp chữ thuần, không phải DOCX, DOC, PDF hay ảnh' },
      ]);
      const noToken = await upload([{ name: 'a.docx', bytes: new Uint8Array(1) }], { 'accept-language': 'vi' });
      expect(errorOf(noToken)).toEqual({ code: 'auth.required', message: 'yêu cầu này cần mã truy cập (token)' });
      const badFilter = await app.inject({ method: 'GET', url: '/items?schoolYear=2024', headers: { 'accept-language': 'vi' } });
      expect(errorOf(badFilter)).toEqual({ code: 'request.invalid', message: 'giá trị không hợp lệ — Năm học: phải có dạng 2024-2025' });
      // No language asked: English, as before.
      expect(errorOf(await app.inject({ method: 'GET', url: '/items?schoolYear=2024' })).message).toBe('invalid query: schoolYear: must look like 2024-2025');
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
      expect(bulk.json()).toMatchObject({ documents: expect.any(Number), changed: 0 });
      expect(bulk.json().documents).toBeGreaterThanOrEqual(1);
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

describe('upload limits per request and per token per hour', () => {
  let rt: TestRuntime;
  let app: FastifyInstance;
  beforeAll(async () => {
    rt = await openTestRuntime('pglite');
    app = await testApp(rt, { KHCL_API_REQUEST_MAX_FILES: '5', KHCL_API_REQUEST_MAX_MB: '2', KHCL_API_HOURLY_MAX_FILES: '8' });
  });
  afterAll(async () => {
    await app?.close();
    await rt?.dispose();
  });
  const upload = (files: { name: string; bytes: Uint8Array }[], headers: Record<string, string> = AUTH) => {
    const body = multipart(files);
    return app.inject({ method: 'POST', url: '/documents', payload: body.payload, headers: { ...body.headers, ...headers } });
  };

  it('stops a request at its file limit: the files before it stored and listed, the rest refused in one line each', async () => {
    const plans = await Promise.all([3001, 3002, 3003, 3004, 3005, 3006, 3007].map((s) => generatePlanDocx(s)));
    const zip = makeZip(plans.slice(0, 6).map((p, i) => ({ name: `k/p${i}.docx`, data: p.bytes })));
    const r = await upload([{ name: 'many.zip', bytes: zip }, { name: 'after.docx', bytes: plans[6].bytes }]);
    expect(r.statusCode).toBe(207);
    const files = (r.json() as { files: { name: string; status: string; code?: string; reason?: string; documentId: number }[] }).files;
    expect(files.map((f) => [f.name, f.status])).toEqual([
      ...[0, 1, 2, 3, 4].map((i) => [`many.zip:k/p${i}.docx`, 'queued']),
      ['many.zip', 'refused'],
      ['after.docx', 'refused'],
    ]);
    expect(files[5]).toMatchObject({ code: 'limit.exceeded', reason: 'this upload holds more than 5 files; the rest is not taken' });
    expect(files[6]).toMatchObject({ code: 'limit.exceeded' });
    for (const f of files.slice(0, 5)) expect(await settled(app, f.documentId)).toMatchObject({ status: 'stored' });
    expect((await app.inject({ method: 'GET', url: '/documents' })).json()).toMatchObject({ total: 5 });
  });

  it("refuses a token's request once its hour is spent, before reading it; another token is not held back", async () => {
    const plans = await Promise.all([3011, 3012, 3013].map((s) => generatePlanDocx(s)));
    const r = await upload(plans.map((p, i) => ({ name: `h${i}.docx`, bytes: p.bytes })));
    // 5 files this hour already: the 9th file of the hour is refused.
    expect((r.json() as { files: { status: string }[] }).files.map((f) => f.status)).toEqual(['queued', 'queued', 'queued']);
    const spent = await upload([{ name: 'more.docx', bytes: (await generatePlanDocx(3014)).bytes }]);
    expect(spent.statusCode).toBe(429);
    expect(errorOf(spent)).toMatchObject({ code: 'rate.limited', message: expect.stringMatching(/^this token has sent 8 files in the last hour, the most allowed; retry in \d+ min$/) });
    const vi = await upload([{ name: 'more.docx', bytes: new Uint8Array(3) }], { ...AUTH, 'accept-language': 'vi' });
    expect(errorOf(vi).message).toMatch(/^mã truy cập này đã gửi 8 tệp trong một giờ qua/);
    const other = await upload([{ name: 'x.docx', bytes: new Uint8Array(0) }], { authorization: 'Bearer another-token' });
    expect(other.statusCode).toBe(207);
  });

  it('refuses a body larger than the request may hold before reading a byte of it', async () => {
    const before = (await app.inject({ method: 'GET', url: '/documents' })).json().total as number;
    const r = await upload([{ name: 'big.pdf', bytes: new Uint8Array(3.5 * 1024 * 1024).fill(0x25) }], { authorization: 'Bearer another-token' });
    expect(r.statusCode).toBe(413);
    expect(errorOf(r)).toEqual({ code: 'limit.exceeded', message: 'this upload is larger than the limit of 2.0 MB; nothing was taken' });
    expect((await app.inject({ method: 'GET', url: '/documents' })).json()).toMatchObject({ total: before });
  });
});
