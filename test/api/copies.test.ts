/**
 * Copies over HTTP on every database: a plan uploaded as its DOCX and as its text PDF is counted
 * once by /aggregates and /items unless `includeDuplicates` asks otherwise, and the document
 * endpoints say which document the copy copies.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRIVERS } from '../store/support/databases.js';
import { openTestRuntime, type TestRuntime } from '../pipeline/support/runtime.js';
import { AUTH, errorOf, multipart, settled, testApp } from './support.js';

const fixture = (ext: string) => readFile(path.join('fixtures', `kh-2024-mn-tayuc.${ext}`)).then((b) => new Uint8Array(b));

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`API copies on ${d.title}`, () => {
    let rt: TestRuntime;
    let app: FastifyInstance;
    let docx: number;
    let pdf: number;
    beforeAll(async () => {
      rt = await openTestRuntime(d.driver);
      app = await testApp(rt);
      // The PDF first: the DOCX arriving later becomes the original.
      for (const [name, ext] of [['tayuc.pdf', 'pdf'], ['tayuc.docx', 'docx']]) {
        const body = multipart([{ name, bytes: await fixture(ext) }]);
        const r = await app.inject({ method: 'POST', url: '/documents', payload: body.payload, headers: { ...body.headers, ...AUTH } });
        const id = (r.json() as { files: { documentId: number }[] }).files[0].documentId;
        expect(await settled(app, id)).toMatchObject({ status: 'stored' });
        if (ext === 'pdf') pdf = id;
        else docx = id;
      }
    }, 120_000);
    afterAll(async () => {
      await app?.close();
      await rt?.dispose();
    });
    const get = (url: string) => app.inject({ method: 'GET', url });

    it('names the original of a copy on the document and in the list', async () => {
      expect((await get(`/documents/${pdf}`)).json()).toMatchObject({ id: pdf, duplicateOf: docx, format: 'pdf' });
      expect((await get(`/documents/${docx}`)).json()).toMatchObject({ id: docx, duplicateOf: null });
      const list = (await get('/documents?sort=id')).json() as { documents: { id: number; duplicateOf: number | null }[] };
      expect(list.documents.map((x) => [x.id, x.duplicateOf])).toEqual([
        [pdf, docx],
        [docx, null],
      ]);
    });

    it('sums and lists the plan once, and twice with includeDuplicates=true', async () => {
      const once = (await get('/aggregates?by=standard&standard=3')).json() as { total: { items: number; withBudget: number; documents: number; totalVnd: number } };
      const twice = (await get('/aggregates?by=standard&standard=3&includeDuplicates=true')).json() as typeof once;
      expect(once.total.documents).toBe(1);
      expect(once.total.items).toBeGreaterThan(0);
      expect(twice.total).toEqual({ ...once.total, items: 2 * once.total.items, withBudget: 2 * once.total.withBudget, totalVnd: 2 * once.total.totalVnd, documents: 2 });

      const items = (await get('/items?limit=200')).json() as { total: number; items: { documentId: number }[] };
      expect(new Set(items.items.map((i) => i.documentId))).toEqual(new Set([docx]));
      expect(((await get('/items?limit=1&includeDuplicates=1')).json() as { total: number }).total).toBe(2 * items.total);
      const csv = (await get('/items/export?format=csv&includeDuplicates=true&headers=en')).body;
      expect(csv.split('\r\n')[0]).toMatch(/^\uFEFFdocumentId,duplicateOf,/);
    });

    it('refuses an includeDuplicates that is not a yes or a no, and documents it', async () => {
      const r = await get('/items?includeDuplicates=maybe');
      expect(r.statusCode).toBe(400);
      expect(errorOf(r).message).toMatch(/includeDuplicates/);
      const doc = (await get('/openapi.json')).json() as { paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }> };
      for (const p of ['/items', '/items/export', '/aggregates']) {
        expect(doc.paths[p].get.parameters.find((x) => x.name === 'includeDuplicates'), p).toMatchObject({ description: expect.stringMatching(/copies/) });
      }
    });
  });
}
