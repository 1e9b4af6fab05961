/**
 * The read side of the HTTP API on every database, through fastify.inject: validation (400 with
 * the reason), hostile filter strings, downloads (and path traversal attempts), source cells,
 * exports and the OpenAPI document.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../store/support/databases.js';
import { FIXTURES, seed, type Seeded } from '../query/support/seed.js';
import { errorOf, testApp } from './support.js';

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`API reads on ${d.title}`, () => {
    let s: Seeded;
    let app: FastifyInstance;
    beforeAll(async () => {
      s = await seed(d.driver);
      app = await testApp(s.rt);
    });
    afterAll(async () => {
      await app?.close();
      await s?.dispose();
    });
    const get = (url: string) => app.inject({ method: 'GET', url });

    it('lists items with filters given as repeated keys or comma lists', async () => {
      const a = await get('/items?standard=3&standard=4&schoolLevel=preschool&limit=5');
      const b = await get('/items?standard=3,4&schoolLevel=preschool&limit=5');
      expect(a.statusCode).toBe(200);
      expect(a.json()).toEqual(b.json());
      const body = a.json() as { total: number; limit: number; items: { standard: number; schoolLevel: string }[] };
      expect(body.limit).toBe(5);
      expect(body.items).toHaveLength(5);
      expect(body.total).toBe(s.universe.filter((k) => [3, 4].includes(k.item.standard as number) && k.meta.schoolLevel === 'preschool').length);
      expect(body.items.every((i) => [3, 4].includes(i.standard) && i.schoolLevel === 'preschool')).toBe(true);
    });

    it('searches without accents over HTTP', async () => {
      const r = await get(`/items?search=${encodeURIComponent('hoa nhap')}`);
      expect(r.json()).toMatchObject({ total: 2, totalExact: true });
      // A searched list counts to a cap; exactTotal=true asks for every match (here the same).
      expect((await get(`/items?search=${encodeURIComponent('hoa nhap')}&exactTotal=true`)).json()).toMatchObject({ total: 2, totalExact: true });
    });

    it.each([
      ['/items?standard=9', /standard/],
      ['/items?schoolYear=2024', /schoolYear: must look like 2024-2025/],
      ['/items?limit=100000', /limit/],
      ['/items?from=2024-13', /from: must be a month/],
      ['/items?budgetMin=abc', /budgetMin/],
      ['/items?sort=drop', /sort: must be one of/],
      ['/items?schoolyear=2024-2025', /unknown parameter: schoolyear/],
      ['/aggregates', /by/],
      ['/aggregates?by=teacher', /by/],
      ['/link?school=x', /school year/],
      ['/documents?status=lost', /status/],
      ['/documents/abc', /id/],
      ['/documents/0/status', /id/],
      ['/documents/1/items/-1/source', /ordinal/],
    ])('answers %s with 400 and what was wrong', async (url, reason) => {
      const r = await get(url);
      expect(r.statusCode).toBe(400);
      expect(r.headers['content-type']).toMatch(/application\/json/);
      expect(errorOf(r)).toEqual({ code: 'request.invalid', message: expect.stringMatching(reason) });
    });

    it.each(["'; drop table items; --", '%', '_', '\\', "%' OR '1'='1", '\u0000', 'é\u0301'])(
      'answers normally to the hostile filter string %j',
      async (hostile) => {
        for (const key of ['search', 'school', 'owner']) {
          const r = await get(`/items?${key}=${encodeURIComponent(hostile)}`);
          expect(r.statusCode, `${key}: ${r.body}`).toBe(200);
          // Control characters are dropped: "\u0000" alone is no filter at all.
          expect((r.json() as { total: number }).total).toBeLessThanOrEqual(s.universe.length);
        }
        for (const url of [`/documents?school=${encodeURIComponent(hostile)}`, `/aggregates?by=school&owner=${encodeURIComponent(hostile)}`, `/link?schoolYear=2024-2025&school=${encodeURIComponent(hostile)}`]) {
          expect((await get(url)).statusCode, url).toBe(200);
        }
        expect((await get('/items?limit=1')).json()).toMatchObject({ total: s.universe.length }); // the table is still there
      },
    );

    it('sums by standard with the registry names', async () => {
      const r = await get('/aggregates?by=standard&schoolLevel=preschool&schoolYear=2024-2025&standard=3&kind=plan');
      expect(r.json()).toMatchObject({ by: 'standard', groups: [{ key: { circular: '19/2018', standard: 3 }, items: 8 }] });
    });

    it('links plans to reports', async () => {
      const r = await get(`/link?schoolYear=2024-2025&school=${encodeURIComponent('Hòa Bình')}&status=not-done`);
      const body = r.json() as { links: { plan: { id: number }; items: { status: string }[] }[] };
      expect(body.links).toHaveLength(1);
      expect(body.links[0].items.map((i) => i.status)).toEqual(['not-done']);
    });

    it('lists documents and shows one, with its status and warnings', async () => {
      const list = (await get('/documents?kind=plan&schoolLevel=preschool&limit=2&sort=id')).json() as { total: number; documents: { id: number }[] };
      expect(list.total).toBe(4);
      expect(list.documents.map((x) => x.id)).toEqual([s.ids['kh-2021-mn-thanhyen'], s.ids['kh-2024-mn-7cot']]);
      const one = await get(`/documents/${s.ids['kh-2024-mn-tayuc']}`);
      expect(one.json()).toMatchObject({ id: s.ids['kh-2024-mn-tayuc'], status: 'stored', itemCount: 25, school: 'Trường Mầm non Tây Úc', issues: expect.any(Array) });
      expect((await get(`/documents/${s.ids['kh-2024-mn-tayuc']}/status`)).json()).toMatchObject({ status: 'stored', errorCode: null });
      const missing = await get('/documents/987654');
      expect(missing.statusCode).toBe(404);
      expect(errorOf(missing).code).toBe('not.found');
    });

    it('downloads the original file under its name, byte for byte', async () => {
      const r = await get(`/documents/${s.ids['kh-2021-mn-thanhyen']}/file`);
      expect(r.statusCode).toBe(200);
      expect(r.rawPayload.equals(await readFile(path.join(FIXTURES, 'kh-2021-mn-thanhyen.docx')))).toBe(true);
      expect(r.headers['content-disposition']).toBe(`attachment; filename="kh-2021-mn-thanhyen.docx"; filename*=UTF-8''kh-2021-mn-thanhyen.docx`);
      expect(r.headers['x-content-type-options']).toBe('nosniff');
    });

    it.each([
      '/documents/..%2F..%2F..%2Fetc%2Fpasswd/file',
      '/documents/1%2F..%2F..%2Fetc%2Fpasswd/file',
      '/documents/../../etc/passwd',
      '/documents/1/../../../etc/passwd',
      '/documents/%2e%2e/file',
      '/documents/1/file/..%2F..%2Fetc%2Fpasswd',
      '/documents/1e3/file',
      '/documents/0x1/file',
      '/documents/%00/file',
    ])('refuses the traversal attempt %s', async (url) => {
      const r = await get(url);
      expect([400, 404]).toContain(r.statusCode);
      expect(r.body).not.toMatch(/root:/);
      expect(r.headers['content-disposition']).toBeUndefined();
      expect(errorOf(r).code).toMatch(/^(request\.invalid|not\.found)$/);
    });

    it("shows an item's source cells from the stored layout", async () => {
      const r = await get(`/documents/${s.ids['kh-2021-mn-thanhyen']}/items/1/source`);
      expect(r.statusCode).toBe(200);
      const body = r.json() as { cells: { field: string; text: string }[] };
      expect(body.cells.find((c) => c.field === 'budgetText')?.text).toBe('250.000.000 đồng');
      expect((await get(`/documents/${s.ids['kh-2021-mn-thanhyen']}/items/500/source`)).statusCode).toBe(404);
    });

    it('exports matching items as CSV with a BOM', async () => {
      const r = await get('/items/export?format=csv&schoolLevel=preschool&kind=plan');
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toMatch(/^text\/csv/);
      expect(r.headers['content-disposition']).toMatch(/attachment; filename="khcl-items-\d{4}-\d{2}-\d{2}\.csv"/);
      expect(r.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const lines = r.body.split('\r\n').filter(Boolean);
      const expected = s.universe.filter((k) => k.meta.schoolLevel === 'preschool' && k.kind === 'plan').length;
      expect(lines.length - 1).toBeGreaterThanOrEqual(expected); // quoted line breaks may add lines
      expect(r.body).toContain('Trường Mầm non Tây Úc');
      expect(lines[0]).toMatch(/^\uFEFFMã văn bản,Bản sao của văn bản,Thứ tự mục,Trường,/);
      const en = await get('/items/export?format=csv&schoolLevel=preschool&kind=plan&headers=en');
      expect(en.body.split('\r\n')[0]).toMatch(/^\uFEFFdocumentId,duplicateOf,ordinal,school,/);
      expect((await get('/items/export?format=csv&headers=fr')).statusCode).toBe(400);
    });

    it('exports matching items as XLSX with numeric budgets', async () => {
      const r = await get('/items/export?format=xlsx&noBudget=false&sort=-budgetVnd');
      expect(r.statusCode).toBe(200);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(r.rawPayload as unknown as ArrayBuffer);
      const sheet = wb.worksheets[0];
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      // Vietnamese headers by default; headers=en gives the field names.
      expect(header.slice(0, 4)).toEqual(['Mã văn bản', 'Bản sao của văn bản', 'Thứ tự mục', 'Trường']);
      const col = header.indexOf('Kinh phí (đồng)') + 1;
      expect(col).toBeGreaterThan(0);
      expect(sheet.autoFilter).toBeTruthy();
      const budgets = s.universe.map((k) => k.item.budgetVnd).filter((b): b is number => b != null).sort((a, b) => b - a);
      expect(sheet.rowCount).toBe(budgets.length + 1);
      expect(sheet.getRow(2).getCell(col).value).toBe(budgets[0]);
      expect(sheet.getRow(2).getCell(col).type).toBe(ExcelJS.ValueType.Number);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    });

    it('describes itself in an OpenAPI document listing every route', async () => {
      const r = await get('/openapi.json');
      expect(r.statusCode).toBe(200);
      const doc = JSON.parse(r.body) as { openapi: string; paths: Record<string, Record<string, { responses: object; parameters: { name: string; in: string }[]; security?: unknown }>> };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths).sort()).toEqual(
        [
          '/aggregates',
          '/documents',
          '/documents/{id}',
          '/documents/{id}/file',
          '/documents/{id}/items/{ordinal}/source',
          '/documents/{id}/reextract',
          '/documents/{id}/status',
          '/health',
          '/items',
          '/items/export',
          '/link',
          '/openapi.json',
          '/reextract',
        ].sort(),
      );
      expect(Object.keys(doc.paths['/documents'])).toEqual(['get', 'post']);
      expect(doc.paths['/documents'].post.security).toEqual([{ bearer: [] }]);
      expect(doc.paths['/items'].get.security).toBeUndefined();
      const params = doc.paths['/items'].get.parameters.map((p) => p.name);
      expect(params).toEqual(expect.arrayContaining(['schoolYear', 'search', 'standard', 'noBudget', 'limit', 'sort']));
      expect(doc.paths['/documents/{id}/file'].get.parameters).toEqual([expect.objectContaining({ name: 'id', in: 'path' })]);
      // Every $ref points at something in the document.
      for (const ref of r.body.match(/"\$ref":"[^"]+"/g) ?? []) {
        const target = ref.slice(8, -1).replace(/^#\//, '').split('/');
        expect(target.reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], doc), ref).toBeDefined();
      }
    });

    it('answers an unknown route with the JSON error shape', async () => {
      const r = await get('/nope');
      expect(r.statusCode).toBe(404);
      expect(errorOf(r)).toEqual({ code: 'not.found', message: 'no route GET /nope' });
    });
  });
}
