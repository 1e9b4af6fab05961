/**
 * Image files through OCR: a scanned page as JPEG, the same page turned by +2° and −2° (PNG),
 * a phone-photo-like JPEG of it (quality 60, blurred, no resolution tag), and a two-page TIFF
 * (blank sheet, then a line of text). Every image is OCR'd once, in beforeAll.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingest } from '../../src/ingest/registry.js';
import { ingestImage, shutdownOcr } from '../../src/ingest/scan.js';
import { LayoutSchema, tableGrid, tablesOf, type Layout, type Table } from '../../src/layout/layout.js';
import { joinLines } from '../../src/normalize/text.js';
import { similarity } from '../../src/eval/score.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

let straight: Layout;
let plus2: Layout;
let minus2: Layout;
let photo: Layout;
let tiff: Layout;

beforeAll(async () => {
  // Page 2 of the Thanh Yên plan: one table of 9 columns with full-width standard rows.
  const page = await scannedPageJpeg('kh-2021-mn-thanhyen.scan.pdf', 2);
  const at200 = (s: ReturnType<typeof sharp>) => s.withMetadata({ density: 200 });
  const turned = (deg: number) => at200(sharp(page).rotate(deg, { background: '#ffffff' })).png().toBuffer();
  const photoJpeg = await sharp(page).rotate(1.2, { background: '#f4f1ea' }).blur(0.8).jpeg({ quality: 60 }).toBuffer();
  const tiffBytes = await twoPageTiff();
  [straight, plus2, minus2, photo, tiff] = await Promise.all([
    ingest(await at200(sharp(page)).jpeg({ quality: 90 }).toBuffer(), { fileName: 'page.jpg' }),
    ingestImage(await turned(2)),
    ingestImage(await turned(-2)),
    ingestImage(photoJpeg),
    ingestImage(tiffBytes),
  ]);
}, 240_000);

afterAll(shutdownOcr);

describe('a scanned page as an image', () => {
  it('is a schema-valid image layout with one table', () => {
    expect(LayoutSchema.parse(straight)).toEqual(straight);
    expect(straight.source).toEqual({ format: 'image', reader: 'tesseract.js', paginated: true });
    expect(tablesOf(straight)).toHaveLength(1);
    const t = tablesOf(straight)[0];
    expect([t.rows, t.cols]).toEqual([9, 9]);
    expect(cellTexts(t)).toContain('Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học');
  });

  it('places it on a page of the image’s size at its resolution', () => {
    const [p] = straight.pages;
    expect(p.width).toBeCloseTo((2353 * 72) / 200, 0);
    expect(p.height).toBeCloseTo((1672 * 72) / 200, 0);
  });

  it.each([
    ['+2°', () => plus2],
    ['−2°', () => minus2],
  ])('turned by %s gives the same table shape and texts', (_, get) => {
    const [t] = tablesOf(get());
    const [reference] = tablesOf(straight);
    expect(shape(t)).toEqual(shape(reference));
    expect(cellSimilarity(t, reference)).toBeGreaterThanOrEqual(0.95);
  });

  it('a blurred, low-quality, slightly turned photo still gives the table', () => {
    expect(photo.pages).toHaveLength(1);
    const [t] = tablesOf(photo);
    const [reference] = tablesOf(straight);
    expect(shape(t)).toEqual(shape(reference));
    expect(cellSimilarity(t, reference)).toBeGreaterThanOrEqual(0.85);
    for (const c of t.cells) expect(c.confidence).toBeGreaterThanOrEqual(0);
  });
});

describe('a two-page TIFF', () => {
  it('reads every page: a blank sheet, then text without a table', () => {
    expect(tiff.pages.map((p) => p.number)).toEqual([1, 2]);
    expect(tiff.pages[0].blocks).toEqual([]);
    expect(tiff.issues).toEqual([expect.objectContaining({ code: 'scan.blank_page', severity: 'info', page: 1 })]);
    const lines = tiff.pages[1].blocks.flatMap((b) => (b.type === 'paragraph' ? b.lines : []));
    expect(lines.join(' ')).toMatch(/Trường mầm non số 2/);
  });
});

function shape(t: Table): number[][] {
  return t.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
}

function cellTexts(t: Table): string[] {
  return t.cells.map((c) => joinLines(c.lines) ?? '');
}

/** Mean similarity of the non-empty cells of two same-shaped tables. */
function cellSimilarity(a: Table, b: Table): number {
  const ga = tableGrid(a);
  const gb = tableGrid(b);
  const sims: number[] = [];
  gb.forEach((row, r) =>
    row.forEach((slot, c) => {
      const other = ga[r][c];
      if (!slot?.origin || !other) return;
      const x = joinLines(slot.cell.lines) ?? '';
      const y = joinLines(other.cell.lines) ?? '';
      if (x || y) sims.push(similarity(x, y));
    }),
  );
  return sims.reduce((s, v) => s + v, 0) / sims.length;
}

/** The JPEG a scanner embedded for one page of a fixture scan (pdf-lib: test-only dependency). */
async function scannedPageJpeg(file: string, page: number): Promise<Buffer> {
  const doc = await PDFDocument.load(readFileSync(join(FIXTURES, file)));
  const xobjects = doc.getPage(page - 1).node.Resources()!.lookup(PDFName.of('XObject'), PDFDict);
  return Buffer.from((doc.context.lookup(xobjects.entries()[0][1]) as PDFRawStream).contents);
}

async function twoPageTiff(): Promise<Buffer> {
  const width = 1654;
  const height = 1169;
  const blank = await sharp({ create: { width, height, channels: 3, background: '#fbfbf8' } }).png().toBuffer();
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/>
    <text x="120" y="200" font-family="DejaVu Serif" font-size="40">Trường mầm non số 2 xã Thanh Yên</text></svg>`;
  const text = await sharp(Buffer.from(svg)).png().toBuffer();
  return sharp([blank, text], { join: { animated: true } }).withMetadata({ density: 200 }).tiff().toBuffer();
}
