/**
 * Image-only and mixed PDFs through OCR. Each page is OCR'd once per file: the layouts are made
 * in beforeAll and every test reads them.
 *
 * - kh-2024-mn-7cot.scan.pdf (4 pages, tilted, noisy, one plan table across all pages) against
 *   its text-PDF twin read by the PDF reader, and against the gold items;
 * - a scan of a page of text without a table (a fixture page) followed by a blank sheet;
 * - a mixed PDF (a text page, then a typed page and a blank sheet, scanned) through the
 *   routing table;
 * - the limits.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { ingest } from '../../src/ingest/registry.js';
import { ingestScan, shutdownOcr } from '../../src/ingest/scan.js';
import { LayoutSchema, tableGrid, tablesOf, type Layout } from '../../src/layout/layout.js';
import { joinLines } from '../../src/normalize/text.js';
import { similarity } from '../../src/eval/score.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));

let plan: Layout;
let twin: Layout;
let textAndBlank: Layout;
let mixed: Layout;
let textAndBlankPdf: Uint8Array;
let typedPdf: Uint8Array;

beforeAll(async () => {
  // The three OCR jobs share the worker pool; pages of different documents interleave. Each
  // fixture page is read once: the mixed document and the time-limit test use a typed page.
  const signature = await scannedPageJpeg('kh-2023-th-hemuong.scan.pdf', 5); // "Nơi nhận", no table
  const blank = await blankSheetJpeg();
  const typed = await typedPageJpeg();
  textAndBlankPdf = await pdfOfJpegs([signature, blank]);
  typedPdf = await pdfOfJpegs([typed]);
  const mixedPdf = await mixedDocument(typed, blank);
  [plan, textAndBlank, mixed] = await Promise.all([
    ingestScan(fixture('kh-2024-mn-7cot.scan.pdf'), { fileName: 'kh-2024-mn-7cot.scan.pdf' }),
    ingestScan(textAndBlankPdf),
    ingest(mixedPdf, { fileName: 'mixed.pdf' }),
  ]);
  twin = await ingestPdf(fixture('kh-2024-mn-7cot.pdf'));
}, 240_000);

afterAll(shutdownOcr);

describe('a scanned plan: kh-2024-mn-7cot.scan.pdf', () => {
  it('is a schema-valid, paginated scan layout that survives JSON', () => {
    expect(LayoutSchema.parse(plan)).toEqual(plan);
    expect(JSON.parse(JSON.stringify(plan))).toEqual(plan);
    expect(plan.source).toEqual({ format: 'scan', reader: 'tesseract.js', paginated: true });
    expect(plan.pages.map((p) => p.number)).toEqual([1, 2, 3, 4]);
    expect(plan.issues.filter((i) => i.severity !== 'info')).toEqual([]);
  });

  it('has one plan table across the four pages, shaped like the text twin’s', () => {
    const [table, ...others] = tablesOf(plan);
    expect(others).toEqual([]);
    const reference = tablesOf(twin)[0];
    expect(table.pages).toEqual([1, 2, 3, 4]);
    expect([table.rows, table.cols]).toEqual([reference.rows, reference.cols]);
    const spans = (t: typeof table) => t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
    expect(spans(table)).toEqual(spans(reference));
  });

  it('reads the cells as the text twin has them (normalised Levenshtein similarity ≥ 0.9)', () => {
    const ocr = tableGrid(tablesOf(plan)[0]);
    const ref = tableGrid(tablesOf(twin)[0]);
    const sims: number[] = [];
    ref.forEach((row, r) =>
      row.forEach((slot, c) => {
        if (!slot?.origin) return;
        const expected = text(slot.cell.lines);
        if (expected) sims.push(similarity(expected, text(ocr[r][c]!.cell.lines)));
      }),
    );
    expect(sims.length).toBeGreaterThan(40);
    expect(mean(sims)).toBeGreaterThanOrEqual(0.95);
    expect(sims.filter((s) => s >= 0.9).length / sims.length).toBeGreaterThanOrEqual(0.95);
  });

  it('holds every gold item text in some cell (similarity ≥ 0.9)', () => {
    const gold = JSON.parse(readFileSync(join(FIXTURES, 'kh-2024-mn-7cot.expected.json'), 'utf8')) as { items: Record<string, unknown>[] };
    const cells = tablesOf(plan)[0].cells.map((c) => text(c.lines));
    for (const item of gold.items) {
      for (const field of ['target', 'solution', 'owner', 'timeline']) {
        const want = item[field];
        if (typeof want !== 'string' || !want.trim()) continue;
        const best = Math.max(...cells.map((c) => similarity(text([want]), c)));
        expect(best, `${field}: ${want}`).toBeGreaterThanOrEqual(0.9);
      }
    }
  });

  it('says how sure it is of every cell and paragraph', () => {
    for (const page of plan.pages) {
      for (const b of page.blocks) {
        const confidences = b.type === 'table' ? b.cells.map((c) => c.confidence) : [b.confidence];
        for (const c of confidences) expect(c).toBeGreaterThanOrEqual(0), expect(c).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('a page without a table, then a blank sheet', () => {
  it('reads the text page as paragraphs only', () => {
    const [page] = textAndBlank.pages;
    expect(page.blocks.length).toBeGreaterThan(0);
    expect(page.blocks.every((b) => b.type === 'paragraph')).toBe(true);
    const all = page.blocks.flatMap((b) => (b.type === 'paragraph' ? b.lines : [])).join(' ');
    expect(all).toMatch(/HIỆU TRƯỞNG/);
    expect(all).toMatch(/Ngô Ngọc Tấn/);
  });

  it('gives the blank sheet a page with no blocks and an info issue', () => {
    expect(textAndBlank.pages[1]).toMatchObject({ number: 2, blocks: [] });
    expect(textAndBlank.issues).toEqual([expect.objectContaining({ code: 'scan.blank_page', severity: 'info', page: 2 })]);
  });
});

describe('a mixed PDF through the routing table', () => {
  it('keeps the text page, OCRs the scanned ones, and says so', () => {
    expect(mixed.source).toEqual({ format: 'pdf', reader: 'pdfjs+tesseract.js', paginated: true });
    expect(mixed.pages.map((p) => p.number)).toEqual([1, 2, 3]);
    const [textPage, scanned, blank] = mixed.pages;
    const paragraphs = (p: (typeof mixed.pages)[number]) => p.blocks.filter((b) => b.type === 'paragraph');
    expect(paragraphs(textPage).every((b) => b.confidence === undefined)).toBe(true);
    expect(paragraphs(scanned).length).toBeGreaterThan(0);
    expect(paragraphs(scanned).every((b) => b.confidence !== undefined)).toBe(true);
    expect(paragraphs(scanned).flatMap((b) => b.lines).join(' ')).toMatch(/Hè Mường/);
    expect(blank.blocks).toEqual([]);
    expect(mixed.issues.map((i) => i.code)).not.toContain('pdf.page_without_text');
    expect(mixed.issues).toContainEqual(expect.objectContaining({ code: 'scan.blank_page', page: 3 }));
  });
});

describe('limits', () => {
  it('fails over the page limit', async () => {
    await expect(ingestScan(textAndBlankPdf, { maxPages: 1 })).rejects.toMatchObject({
      code: 'limit.exceeded',
      message: 'pages per document: 2 > 1',
    });
  });

  it('fails over the pixel limit', async () => {
    await expect(ingestScan(textAndBlankPdf, { maxPixels: 1_000_000 })).rejects.toMatchObject({
      code: 'limit.exceeded',
      message: expect.stringMatching(/^pixels per page: \d+ > 1000000$/),
    });
  });

  // Last: a timeout recycles the worker pool.
  it('fails a page whose OCR runs over the time limit', async () => {
    await expect(ingestScan(typedPdf, { pageTimeoutMs: 1 })).rejects.toMatchObject({
      code: 'limit.exceeded',
      message: expect.stringMatching(/^OCR time per page: [\d.]+ s > 0\.001 s$/),
    });
  });
});

/** The JPEG a scanner embedded for one page of a fixture scan (pdf-lib: test-only dependency). */
async function scannedPageJpeg(file: string, page: number): Promise<Uint8Array> {
  const doc = await PDFDocument.load(fixture(file));
  const xobjects = doc.getPage(page - 1).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  const stream = doc.context.lookup(xobjects.entries()[0][1]) as PDFRawStream;
  return stream.contents;
}

/** A typed A4 landscape page at 200 dpi: a heading and two lines, no table. */
async function typedPageJpeg(): Promise<Uint8Array> {
  const lines = ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2023 - 2024', 'Trường tiểu học Hè Mường, huyện Điện Biên'];
  const text = lines.map((l, i) => `<text x="200" y="${260 + i * 70}" font-family="DejaVu Serif" font-size="44">${l}</text>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="2353" height="1672"><rect width="100%" height="100%" fill="white"/>${text}</svg>`;
  return sharp(Buffer.from(svg)).rotate(-0.8, { background: '#ffffff' }).resize(2353, 1672).jpeg({ quality: 80 }).toBuffer();
}

/** A blank sheet as a scanner sends it: grain, a few specks, a small tilt, JPEG. */
async function blankSheetJpeg(): Promise<Uint8Array> {
  const width = 1672;
  const height = 2353;
  const raw = Buffer.alloc(width * height);
  let a = 42;
  for (let i = 0; i < raw.length; i++) {
    a = (a + 0x6d2b79f5) | 0;
    const r = ((a ^ (a >>> 15)) >>> 0) / 4294967296;
    raw[i] = r < 0.00005 ? 40 : 236 + Math.floor(r * 20);
  }
  return sharp(raw, { raw: { width, height, channels: 1 } }).rotate(0.6, { background: '#ffffff' }).resize(width, height).jpeg({ quality: 75 }).toBuffer();
}

/** An image-only PDF, one A4 page per JPEG, each image filling its page. */
async function pdfOfJpegs(jpegs: Uint8Array[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (const jpeg of jpegs) await addScannedPage(doc, jpeg);
  return doc.save();
}

async function addScannedPage(doc: PDFDocument, jpeg: Uint8Array): Promise<void> {
  const img = await doc.embedJpg(jpeg);
  const landscape = img.width > img.height;
  const page = doc.addPage(landscape ? [847.08, 601.92] : [601.92, 847.08]);
  page.drawImage(img, { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
}

/** Page 1 of a text PDF (a text layer), then two scanned pages. */
async function mixedDocument(scanned: Uint8Array, blank: Uint8Array): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const source = await PDFDocument.load(fixture('kh-2023-th-hemuong.pdf'));
  const [first] = await doc.copyPages(source, [0]);
  doc.addPage(first);
  await addScannedPage(doc, scanned);
  await addScannedPage(doc, blank);
  return doc.save();
}

function text(lines: readonly string[]): string {
  return joinLines(lines) ?? '';
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}
