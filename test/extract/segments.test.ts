/**
 * Binders (issue 19): generated plans and reports (both forms) and the fixtures joined into one
 * PDF, or generated documents typed one after another into one DOCX, in random order, with and
 * without blank separator pages. Each document must come out as it does read alone (metadata and
 * items), with its page range, and nothing of one document under another. Layouts are built once.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/chromium.js';
import {
  corpusSpec,
  docxBinder,
  goldOf,
  joinPdfBinder,
  mixSeed,
  PdfPrinter,
  renderPdf,
  Rng,
  scanPdf,
  type BinderPart,
  type DocSpec,
} from '../../src/corpus/index.js';
import { docxBlocks } from '../../src/corpus/blocks.js';
import { documentDocx } from '../../src/corpus/docx.js';
import { extractDocument, extractDocuments, segmentLayout, type Extraction, type Item } from '../../src/extract/index.js';
import { ingest, releaseReaders } from '../../src/ingest/registry.js';
import type { Layout } from '../../src/layout/layout.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

/** An item as the author wrote it: without where it sits in the file (table indices and pages shift in a binder). */
function content(item: Item) {
  const { provenance: _p, ...rest } = item;
  return rest;
}

function criterionKeys(x: { items: readonly unknown[]; document: { form: string } }): string[] {
  return (x.items as Record<string, unknown>[]).map((i) => String(x.document.form === 'task-rows' ? i.rowNo : i.criterion));
}

/** Generated specs of each kind and form (2018 criterion rows and 2026 tasks, plans and reports). */
function specsOfEveryKind(seed: number, count: number): DocSpec[] {
  const wanted = ['criterion-rows plan', 'criterion-rows report', 'task-rows plan', 'task-rows report'];
  const out: DocSpec[] = [];
  for (let i = 0; out.length < count && i < 400; i++) {
    // Contract wordings: headers every reader maps (other wordings are measured by the evals).
    const spec = corpusSpec(seed, 3000 + i, { contract: 1 });
    const kind = `${spec.form} ${spec.kind}`;
    // Each kind once before any twice.
    if (out.filter((s) => `${s.form} ${s.kind}` === kind).length <= Math.floor(out.length / wanted.length)) out.push(spec);
  }
  return out;
}

interface Case {
  name: string;
  layout: Layout;
  /** In binder order: the document alone, and its pages in the binder (null for DOCX). */
  documents: { name: string; alone: Extraction; pages: [number, number] | null }[];
}

function expectLikeAlone(c: Case) {
  const got = extractDocuments(c.layout);
  expect(got.map((d) => d.segment?.pages ?? null), c.name).toEqual(c.documents.map((d) => (d.pages ? { first: d.pages[0], last: d.pages[1] } : null)));
  for (const [i, d] of c.documents.entries()) {
    const x = got[i];
    expect(x.segment).toMatchObject({ number: i + 1, of: c.documents.length });
    expect(x.kind, `${c.name} #${i + 1} ${d.name}`).toBe(d.alone.kind);
    expect(x.document, `${c.name} #${i + 1} ${d.name}`).toEqual(d.alone.document);
    expect(x.items.map(content), `${c.name} #${i + 1} ${d.name}`).toEqual(d.alone.items.map(content));
    expect(x.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  }
  return got;
}

if (!chromiumMissing('the binder tests (they render the generated documents)')) {
  describe('binders: several documents in one file', () => {
    let printer: PdfPrinter;
    const cases: Case[] = [];
    let fixtureParts: (BinderPart & { alone: Extraction })[];
    let generated: (BinderPart & { alone: Extraction; spec: DocSpec })[];

    beforeAll(async () => {
      printer = await PdfPrinter.launch();
      const names = ['bc-2021-mn-ketqua', 'kh-2021-mn-thanhyen', 'kh-2024-mn-7cot', 'kh-2026-thcs-dongson', 'kh-2023-th-hemuong'];
      fixtureParts = [];
      for (const name of names) {
        const pdf = new Uint8Array(await readFile(join(FIXTURES, `${name}.pdf`)));
        const gold = JSON.parse(await readFile(join(FIXTURES, `${name}.expected.json`), 'utf8'));
        fixtureParts.push({ name, pdf, gold, alone: extractDocument(await ingest(pdf, { fileName: `${name}.pdf` })) });
      }
      generated = [];
      for (const spec of specsOfEveryKind(19, 8)) {
        const pdf = await renderPdf(spec, { printer });
        generated.push({ name: spec.id, pdf, gold: goldOf(spec), spec, alone: extractDocument(await ingest(pdf, { fileName: `${spec.id}.pdf` })) });
      }
      // Binders of 2–6, random order, with and without blank separator pages.
      const rng = new Rng(mixSeed(19, 'binders'));
      const pool = [...fixtureParts, ...generated];
      for (const [b, size] of [2, 3, 4, 6].entries()) {
        const parts = rng.sample(pool, size);
        const order = rng.shuffle(parts);
        const binder = await joinPdfBinder(order, { blankSeparators: b % 2 === 1 });
        cases.push({
          name: `pdf binder of ${size}${b % 2 === 1 ? ' with blank pages' : ''}`,
          layout: await ingest(binder.pdf, { fileName: `binder-${b}.pdf` }),
          documents: binder.documents.map((d) => ({ name: d.name, alone: order.find((p) => p.name === d.name)!.alone, pages: d.pages })),
        });
      }
    });

    afterAll(async () => {
      await printer?.close();
      await releaseReaders();
    });

    it('holds every kind of generated document and the fixtures', () => {
      expect(new Set(generated.map((g) => `${g.spec.form} ${g.spec.kind}`)).size).toBe(4);
      for (const g of generated) expect(criterionKeys(g.alone), g.name).toEqual(criterionKeys(g.gold as never));
    });

    it.each([0, 1, 2, 3])('PDF binder %i: each document as read alone, with its page range', (b) => {
      const c = cases[b];
      const got = expectLikeAlone(c);
      // No item of one document under another, no school or year taken from the wrong document.
      for (const [i, d] of c.documents.entries()) expect(criterionKeys(got[i]), d.name).toEqual(criterionKeys(d.alone));
      // The single-document reading refuses to pass a binder off as one document.
      expect(extractDocument(c.layout).issues.map((i) => i.code)).toContain('document.several');
    });

    it('a file of one document gives one, without document.several', async () => {
      for (const part of [fixtureParts[0], generated[2]]) {
        const layout = await ingest(part.pdf, { fileName: `${part.name}.pdf` });
        const docs = extractDocuments(layout);
        expect(docs).toHaveLength(1);
        expect(docs[0].segment).toMatchObject({ number: 1, of: 1 });
        expect(docs[0].items.map(content)).toEqual(part.alone.items.map(content));
        expect(extractDocument(layout).issues.map((i) => i.code)).not.toContain('document.several');
      }
      const single = await joinPdfBinder([generated[0]]);
      expect(extractDocuments(await ingest(single.pdf))).toHaveLength(1);
    });

    it('a DOCX holding several generated documents, even without letterheads and with the same table header', async () => {
      const specs = generated.filter((g) => g.spec.form === 'criterion-rows').map((g) => g.spec);
      // Two plans with no letterhead (title and table only): the second's table has the first's header.
      const bare = specs.slice(0, 3).map((s) => ({ ...s, meta: { ...s.meta, letterhead: null } }) as DocSpec);
      for (const group of [specs, bare]) {
        const layout = await ingest(await docxBinder(group), { fileName: 'binder.docx' });
        const documents = [];
        for (const spec of group) {
          const alone = extractDocument(await ingest(await documentDocx(docxBlocks(spec), group[0].layout), { fileName: `${spec.id}.docx` }));
          documents.push({ name: spec.id, alone, pages: null });
        }
        const got = expectLikeAlone({ name: `docx of ${group.length}`, layout, documents });
        expect(got.every((d) => d.segment!.pages === null)).toBe(true);
      }
    });

    it('cuts before assembling tables: segmentLayout gives each document its own blocks', () => {
      const c = cases[3];
      const segments = segmentLayout(c.layout);
      expect(segments).toHaveLength(c.documents.length);
      for (const [i, s] of segments.entries()) {
        if (i > 0) expect(s.blocks.first).toBe(segments[i - 1].blocks.last + 1);
        expect(s.title, `segment ${i + 1}`).toMatch(/^(KẾ HOẠCH|BÁO CÁO)/);
        // Every table of the segment lies within its pages.
        for (const page of s.layout.pages) for (const b of page.blocks) if (b.type === 'table') for (const p of b.pages ?? []) expect(p).toBeLessThanOrEqual(s.pages!.last);
      }
    });

    it('a scanned binder: two documents read by OCR, each with its page range', { timeout: 240_000 }, async () => {
      const small = generated.filter((g) => g.spec.compact || g.gold.items.length <= 4).slice(0, 2);
      const parts = small.length === 2 ? small : generated.slice(0, 2);
      const binder = await joinPdfBinder(parts, { blankSeparators: true });
      const scan = await scanPdf(binder.pdf, 19);
      const docs = extractDocuments(await ingest(scan.bytes, { fileName: 'binder.scan.pdf' }));
      expect(docs.map((d) => d.segment!.pages)).toEqual(binder.documents.map((d) => ({ first: d.pages[0], last: d.pages[1] })));
      for (const [i, d] of binder.documents.entries()) {
        expect(docs[i].kind).toBe(d.gold.kind);
        expect(docs[i].document.schoolYear).toBe(d.gold.document.schoolYear);
        // OCR may misread a code; most items must be there, and none from the other document.
        const keys = criterionKeys(docs[i]);
        const own = criterionKeys(d.gold as never);
        expect(keys.filter((k) => own.includes(k)).length).toBeGreaterThanOrEqual(Math.ceil(own.length * 0.6));
      }
    });
  });
}
