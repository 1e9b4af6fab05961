/**
 * Generated documents rendered for real (Debian's Chromium through playwright-core, pdfjs on a
 * canvas, sharp) and read back by khcl: contract-wording plans and reports in DOCX and PDF, a
 * one-page scan through OCR, a phone photo, and a binder of several documents in one PDF.
 *
 * No Chromium: skipped with the reason in the test name, except under CI, where it fails (as
 * test/web/browser.test.ts does), so a CI image that lost the package cannot pass by skipping.
 */
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/chromium.js';
import { goldOf, PdfPrinter, photographPdf, randomDocSpec, renderBinder, renderDocument, scanPdf } from '../../src/corpus/index.js';
import { scoreExtraction } from '../../src/eval/score.js';
import { extractBytes, releaseReaders } from '../../src/pipeline/extract-file.js';

type Json = Record<string, unknown>;

if (!chromiumMissing('test/corpus/render.test.ts')) {
  describe('generated documents, rendered and read back', () => {
    let printer: PdfPrinter;
    beforeAll(async () => {
      printer = await PdfPrinter.launch();
    });
    afterAll(async () => {
      await printer?.close();
      await releaseReaders();
    });

    it('reads every item of contract-wording plans and reports, 2018 and 2026 forms, from DOCX and PDF', { timeout: 180_000 }, async () => {
      // Seeds whose layout is not narrow: narrow columns are measured by the corpus eval, not asserted here.
      const specs = [3, 4, 5, 7, 8].map((seed) => randomDocSpec(seed, { wordingMix: { contract: 1 }, items: [2, 5] }));
      expect(new Set(specs.map((s) => `${s.form} ${s.kind}`)).size).toBeGreaterThanOrEqual(3);
      for (const spec of specs) {
        expect(spec.layout.narrow).toBe(false);
        const gold = goldOf(spec) as unknown as Json;
        const rendered = await renderDocument(spec, ['docx', 'pdf'], { printer });
        expect(rendered.pdfPages).toBeGreaterThanOrEqual(1);
        const docx = scoreExtraction(gold, (await extractBytes(rendered.docx!, `${spec.id}.docx`)) as unknown as Json);
        expect(docx.recall, `${spec.id}.docx`).toBe(1);
        expect(docx.misses, `${spec.id}.docx`).toEqual([]);
        const pdf = scoreExtraction(gold, (await extractBytes(rendered.pdf!, `${spec.id}.pdf`)) as unknown as Json);
        expect(pdf.recall, `${spec.id}.pdf`).toBe(1);
        expect(pdf.kindExact).toBe(true);
        console.log(`${spec.id}.pdf (${spec.form} ${spec.kind}): field exact ${pdf.fieldExact.toFixed(2)}, money/time ${pdf.moneyTimeExact.toFixed(2)}, meta ${pdf.metadataExact.toFixed(2)}`);
      }
    });

    it('scans a one-page plan into an image-only PDF that khcl reads by OCR', { timeout: 180_000 }, async () => {
      const spec = randomDocSpec(102, { compact: true, wordingMix: { contract: 1 } });
      const pdf = (await renderDocument(spec, ['pdf'], { printer })).pdf!;
      const scan = await scanPdf(pdf, spec.seed);
      expect(scan.pages).toHaveLength(1);
      expect(scan.pages[0]).toMatchObject({ page: 1, rotation: 0 });
      expect(scan.pages[0].dpi).toBeGreaterThanOrEqual(150);
      const result = await extractBytes(scan.bytes, `${spec.id}.scan.pdf`);
      expect(result.source.format).toBe('scan');
      const score = scoreExtraction(goldOf(spec) as unknown as Json, result as unknown as Json);
      expect(score.recall).toBe(1);
      expect(score.kindExact).toBe(true);
      console.log(`${spec.id}.scan.pdf: field exact ${score.fieldExact.toFixed(2)}, money/time ${score.moneyTimeExact.toFixed(2)}, meta ${score.metadataExact.toFixed(2)}`);
    });

    it('photographs a one-page document: a colour JPEG with the page on a desk', { timeout: 60_000 }, async () => {
      const spec = randomDocSpec(103, { compact: true });
      const pdf = (await renderDocument(spec, ['pdf'], { printer })).pdf!;
      const photo = await photographPdf(pdf, 1, spec.seed);
      const meta = await sharp(photo.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect([meta.width, meta.height]).toEqual([photo.degradation.width, photo.degradation.height]);
      expect(meta.channels).toBe(3);
      // The page (bright) sits inside a margin of desk (darker): compare the centre with a corner.
      const { data, info } = await sharp(photo.bytes).greyscale().raw().toBuffer({ resolveWithObject: true });
      const at = (x: number, y: number) => data[Math.round(y) * info.width + Math.round(x)];
      expect(at(info.width / 2, info.height * 0.6)).toBeGreaterThan(at(5, 5) + 30);
      expect(photo.degradation.skew).toBeGreaterThan(0);
    });

    it('binds documents into one PDF and its scan, with each document\'s page range', { timeout: 180_000 }, async () => {
      const specs = [randomDocSpec(11, { compact: true }), randomDocSpec(12, { compact: true }), randomDocSpec(13, { compact: true })];
      const binder = await renderBinder(specs, { blankSeparators: true, scan: true, seed: 5 }, { printer });
      expect(binder.gold.map((g) => g.document.school)).toEqual(specs.map((s) => goldOf(s).document.school));
      // One page each (one-page documents), a blank sheet between them.
      expect(binder.gold.map((g) => g.pages)).toEqual([
        [1, 1],
        [3, 3],
        [5, 5],
      ]);
      expect(binder.pageCount).toBe(5);
      expect((await PDFDocument.load(binder.pdf)).getPageCount()).toBe(5);
      expect(binder.scan!.pages).toHaveLength(5);
      const plain = await renderBinder(specs.slice(0, 2), {}, { printer });
      expect(plain.gold.map((g) => g.pages)).toEqual([
        [1, 1],
        [2, 2],
      ]);
    });
  });
}
