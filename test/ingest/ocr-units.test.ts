/**
 * The OCR reader's image steps, without OCR: skew detection on synthetic rotated pages, ruling
 * detection on drawn grids, blank-page detection, page images out of PDFs (placement, rotation,
 * 1-bit images), and the limits. Fast: no tesseract worker is started here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  concatTransformationMatrix,
  PDFDocument,
  PDFName,
  popGraphicsState,
  pushGraphicsState,
  drawObject,
} from 'pdf-lib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { detectSkew, skewOfMask } from '../../src/ingest/ocr/deskew.js';
import { checkLimit, resolveLimits } from '../../src/ingest/limits.js';
import { forEachPdfPageImage, imageSizes, type PdfPageImage } from '../../src/ingest/ocr/pdf-images.js';
import { preparePage } from '../../src/ingest/ocr/prepare.js';
import { decodeGray, type GrayImage, type InkMask } from '../../src/ingest/ocr/raster.js';
import { findRulings } from '../../src/ingest/ocr/rulings.js';
import { wordsOf } from '../../src/ingest/ocr/words.js';
import { keepsWords } from '../../src/ingest/ocr/cell-pass.js';
import { agreed, codeOf, damagedCodeCells, damagedLabelCells, deeperThanDigits, forNumeralPass, typicalDigitHeight, typicalDigitWidth, widerThanDigits } from '../../src/ingest/ocr/digit-pass.js';
import { numeralOf } from '../../src/ingest/ocr/numeral-pass.js';
import type { Cell } from '../../src/layout/layout.js';
import type { PositionedWord } from '../../src/ingest/geometry/types.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const LIMITS = { maxPixels: 50_000_000, maxPages: 500 };

/** A 200-dpi page of Vietnamese text lines and a ruled table, rendered by librsvg. */
async function syntheticPage(): Promise<Buffer> {
  const text = Array.from(
    { length: 12 },
    (_, i) => `<text x="90" y="${110 + i * 42}" font-family="DejaVu Serif" font-size="26">Dòng ${i + 1}: kế hoạch cải tiến chất lượng giáo dục</text>`,
  ).join('');
  const rows = [640, 720, 800, 880].map((y) => `<line x1="90" y1="${y}" x2="1300" y2="${y}" stroke="black" stroke-width="3"/>`);
  const cols = [90, 400, 1300].map((x) => `<line x1="${x}" y1="640" x2="${x}" y2="880" stroke="black" stroke-width="3"/>`);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1400" height="1000"><rect width="100%" height="100%" fill="white"/>${text}${rows.join('')}${cols.join('')}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/**
 * A 200-dpi table of ten narrow columns holding short words, nine lines a cell, the lines of
 * neighbouring columns at staggered heights (as cells of different rows are): no long text row
 * anywhere, so the skew's peak is narrow and low.
 */
function narrowColumnsPage(): Buffer {
  const words = ['Tổ', 'chức', 'hoạt', 'động', 'STEM', 'Số', 'đề;', 'tỷ', 'lệ', 'bồi', 'dưỡng', 'giáo', 'viên'];
  const parts: string[] = [];
  const cols = 10;
  const [w, x0, y0, rows, rh] = [130, 80, 120, 3, 330];
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      for (let l = 0; l < 9; l++) {
        const y = y0 + r * rh + 34 + l * 33 + (c % 3) * 6;
        parts.push(`<text x="${x0 + c * w + 8}" y="${y}" font-family="DejaVu Serif" font-size="24">${words[(c * 7 + r * 3 + l) % words.length]}</text>`);
      }
    }
  }
  for (let c = 0; c <= cols; c++) parts.push(`<line x1="${x0 + c * w}" y1="${y0}" x2="${x0 + c * w}" y2="${y0 + rows * rh}" stroke="black" stroke-width="2"/>`);
  for (let r = 0; r <= rows; r++) parts.push(`<line x1="${x0}" y1="${y0 + r * rh}" x2="${x0 + cols * w}" y2="${y0 + r * rh}" stroke="black" stroke-width="2"/>`);
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="1500" height="1200"><rect width="100%" height="100%" fill="white"/>${parts.join('')}</svg>`);
}

function blankMask(width: number, height: number): InkMask {
  return { width, height, data: new Uint8Array(width * height) };
}

function fill(m: InkMask, x0: number, y0: number, x1: number, y1: number): void {
  for (let y = y0; y < y1; y++) m.data.fill(1, y * m.width + x0, y * m.width + x1);
}

describe('skew detection', () => {
  it.each([-4, -1.5, -0.3, 0, 0.8, 2, 3.7])('finds a page rotated by %s° within 0.1°', async (angle) => {
    const rotated = await sharp(await syntheticPage()).rotate(angle, { background: '#ffffff' }).png().toBuffer();
    const found = await detectSkew(await decodeGray({ kind: 'encoded', bytes: rotated }, 5e7));
    expect(Math.abs(found - angle)).toBeLessThanOrEqual(0.1);
  });

  // These pages read as "no direction" (0°) when the first search step was 0.5°: their angles
  // fell between its steps, and a table of short words under a 1.7° tilt lost every row.
  it.each([-1.73, -0.22, 0.72, 1.27])('finds the tilt of a table of short words in narrow columns (%s°)', async (angle) => {
    const rotated = await sharp(narrowColumnsPage()).rotate(angle, { background: '#ffffff' }).png().toBuffer();
    const found = await detectSkew(await decodeGray({ kind: 'encoded', bytes: rotated }, 5e7));
    expect(Math.abs(found - angle)).toBeLessThanOrEqual(0.1);
  });

  it('finds the small real tilt of a fixture scan (not 0)', async () => {
    const page = await firstPageImage('kh-2021-mn-thanhyen.scan.pdf');
    const skew = await detectSkew(page);
    expect(Math.abs(skew)).toBeGreaterThan(0.1);
    expect(Math.abs(skew)).toBeLessThan(2);
  });

  it('says 0 for an empty or speckled page instead of guessing', () => {
    expect(skewOfMask(blankMask(800, 600))).toBe(0);
    const speckle = blankMask(800, 600);
    const random = mulberry32(7);
    for (let i = 0; i < 3000; i++) speckle.data[Math.floor(random() * speckle.data.length)] = 1;
    expect(skewOfMask(speckle)).toBe(0);
  });
});

describe('ruling lines', () => {
  it('finds the rules of a drawn grid and nothing from the letters', () => {
    const m = blankMask(1600, 700);
    for (const y of [100, 300, 500]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 600, 1500]) fill(m, x - 1, 100, x + 2, 501);
    fill(m, 200, 150, 204, 180); // a letter stem, 30 px
    fill(m, 220, 150, 262, 155); // the bar of a bold T, 42 px
    fill(m, 800, 520, 803, 545); // a letter stem just below the table
    fill(m, 599, 503, 603, 530); // an "H" stem hanging off the middle rule's bottom end: a spur
    const { horizontal, vertical } = findRulings(m, { dpi: 200 });
    expect(horizontal.map((h) => [Math.round(h.y0), h.x0, h.x1])).toEqual([
      [100, 100, 1500],
      [300, 100, 1500],
      [500, 100, 1500],
    ]);
    expect(vertical.map((v) => [Math.round(v.x0), Math.round(v.y0), Math.round(v.y1)]).sort((a, b) => a[0] - b[0])).toEqual([
      [100, 100, 500],
      [600, 100, 500], // the spur is cut back to the last rule it crosses
      [1500, 100, 500],
    ]);
  });

  it('finds a long rule the deskew left a few hundredths of a degree off, once, though no single row holds it', () => {
    // A 2-px column boundary over 2 400 px that steps one pixel sideways every 600 px (0.07°):
    // each pixel column holds at most half of it. It is one rule, as are the page's sides.
    const m = blankMask(1600, 2600);
    for (const y of [100, 2500]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 1500]) fill(m, x - 1, 100, x + 2, 2501);
    for (let k = 0; k < 4; k++) fill(m, 700 + k, 100 + 600 * k, 702 + k, 100 + 600 * (k + 1) + 1);
    // The same across: a row rule stepping down one pixel every 350 px.
    for (let k = 0; k < 4; k++) fill(m, 100 + 350 * k, 1300 + k, 100 + 350 * (k + 1) + 1, 1302 + k);
    const { horizontal, vertical } = findRulings(m, { dpi: 200 });
    const near = (v: number, at: number) => Math.abs(v - at) <= 4;
    const boundary = vertical.filter((v) => near(v.x0, 701));
    expect(boundary.map((v) => [Math.round(v.y0), Math.round(v.y1)])).toEqual([[100, 2500]]);
    expect(boundary[0].ink.x1 - boundary[0].ink.x0, 'its ink, to be erased, covers every step').toBeGreaterThanOrEqual(5);
    expect(vertical).toHaveLength(3);
    const row = horizontal.filter((h) => near(h.y0, 1302));
    expect(row).toHaveLength(1);
    expect(row[0].x1 - row[0].x0).toBeGreaterThan(1300);
  });

  it('tells a letter stem filling a tight row from short rules that line up as a column', () => {
    const m = blankMask(1600, 700);
    for (const y of [500, 545, 590]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 1500]) fill(m, x - 1, 500, x + 2, 591);
    // A column boundary through both tight rows, each piece 5 px short of the rules (a blurred
    // photo loses the ends), so the pieces are not joined into one.
    fill(m, 999, 506, 1002, 540);
    fill(m, 999, 551, 1002, 585);
    fill(m, 700, 507, 704, 538); // a letter stem, alone, 7 px from both rules
    const xs = findRulings(m, { dpi: 200 }).vertical.map((v) => Math.round(v.x0));
    expect(xs.filter((x) => x === 1000)).toHaveLength(2);
    expect(xs).not.toContain(701);
  });

  it('does not carry a rule that stops on another across the gap into a letter stem below it', () => {
    // A column boundary ending on the rule over a heading row ("Tiêu chuẩn 1" across the table),
    // and the stem of the heading's "h" right under it, 8 px down: one rule would cut the heading.
    const m = blankMask(1600, 700);
    for (const y of [100, 300, 360, 560]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 1500]) fill(m, x - 1, 100, x + 2, 561);
    fill(m, 599, 100, 602, 302); // the boundary above the heading row
    fill(m, 599, 310, 603, 345); // the stem, 35 px
    fill(m, 599, 358, 602, 561); // the boundary again below it
    const at600 = findRulings(m, { dpi: 200 }).vertical.filter((v) => Math.round(v.x0) === 600 || Math.round(v.x0) === 601);
    for (const v of at600) expect(v.y1 <= 305 || v.y0 >= 355, `${v.y0}–${v.y1}`).toBe(true);
  });

  it('keeps a short rule across a header row that runs on into a letter stem under it, cut back to the rule', () => {
    // The boundary between two header cells (90 px, under the 0.6 in of a long rule) and, below
    // the header's lower rule, the "N" of a heading row it runs straight into (10 px on).
    const m = blankMask(1600, 700);
    for (const y of [100, 190, 250, 500]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 1500]) fill(m, x - 1, 100, x + 2, 501);
    fill(m, 599, 100, 602, 201);
    fill(m, 599, 250, 602, 501);
    const at600 = findRulings(m, { dpi: 200 }).vertical.filter((v) => Math.abs(v.x0 - 600) <= 2);
    expect(at600.map((v) => [Math.round(v.y0), Math.round(v.y1)])).toContainEqual([100, 190]);
  });

  it('keeps the column rules of a row a page break cut, which stand on the last rule and end in nothing', () => {
    // Rows to y 300, a heading row across the table (no column rules), then one line of a row the
    // page break cut: its column rules stand on the heading's rule and stop 70 px down, with the
    // table's sides, and no rule under them.
    const m = blankMask(1600, 700);
    for (const y of [100, 300, 360]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 1500]) fill(m, x - 1, 100, x + 2, 431);
    for (const x of [600, 1000]) {
      fill(m, x - 1, 100, x + 2, 301);
      fill(m, x - 1, 360, x + 2, 431);
    }
    const open = findRulings(m, { dpi: 200 }).vertical.filter((v) => v.y0 >= 355 && v.y0 <= 365);
    expect(open.map((v) => Math.round(v.x0)).sort((a, b) => a - b)).toEqual([600, 1000]);
  });

  it('keeps no stem standing on the last rule out of line with the columns (a letter under the table)', () => {
    const m = blankMask(1600, 700);
    for (const y of [100, 300, 500]) fill(m, 100, y - 1, 1500, y + 2);
    for (const x of [100, 600, 1500]) fill(m, x - 1, 100, x + 2, 501);
    fill(m, 799, 502, 802, 560);
    fill(m, 1199, 502, 1202, 560);
    const { vertical } = findRulings(m, { dpi: 200 });
    expect(vertical.filter((v) => v.y1 > 510)).toEqual([]);
  });

  it('bridges small breaks in a scanned rule', () => {
    const m = blankMask(1000, 200);
    fill(m, 50, 100, 400, 102);
    fill(m, 402, 100, 950, 102);
    expect(findRulings(m, { dpi: 200 }).horizontal).toHaveLength(1);
  });

  it('finds the rules of a rendered table after a rotation and deskew', async () => {
    const page = await decodeGray({ kind: 'encoded', bytes: await syntheticPage() }, 5e7);
    const prepared = await preparePage(page, { originX: 0, originY: 0, ptPerPx: 72 / 200 });
    const horizontal = prepared.segments.filter((s) => s.y0 === s.y1);
    const vertical = prepared.segments.filter((s) => s.x0 === s.x1);
    expect(horizontal).toHaveLength(4);
    expect(vertical).toHaveLength(3);
    expect(horizontal[0].y0).toBeCloseTo((640 * 72) / 200, 0);
  });
});

describe('blank pages', () => {
  it('a noisy, tilted blank sheet has nothing to OCR', async () => {
    const img = await noisyBlank(1700, 2300);
    const prepared = await preparePage(img, { originX: 0, originY: 0, ptPerPx: 72 / 200 });
    expect(prepared.ocrImage).toBeNull();
    expect(prepared.segments).toEqual([]);
  });

  it('a page of text has', async () => {
    const page = await decodeGray({ kind: 'encoded', bytes: await syntheticPage() }, 5e7);
    expect((await preparePage(page, { originX: 0, originY: 0, ptPerPx: 72 / 200 })).ocrImage).not.toBeNull();
  });
});

describe('page images of a PDF', () => {
  it('reads the fixture scans’ image sizes without decoding', () => {
    const sizes = imageSizes(readFileSync(join(FIXTURES, 'kh-2021-mn-thanhyen.scan.pdf')));
    expect(sizes).toHaveLength(4);
    expect(sizes[0]).toEqual({ width: 2353, height: 1672 });
  });

  it('places a full-page image, turns a /Rotate 90 page upright, unpacks 1-bit images, skips vector pages', async () => {
    const pdf = await PDFDocument.create();
    // A PNG (Flate) with a black square in its top-left corner.
    const png = await markedImage(600, 800);
    const img = await pdf.embedPng(png);
    const p1 = pdf.addPage([300, 400]);
    p1.drawImage(img, { x: 0, y: 0, width: 300, height: 400 });
    const p2 = pdf.addPage([300, 400]);
    p2.drawImage(img, { x: 0, y: 0, width: 300, height: 400 });
    p2.node.set(PDFName.of('Rotate'), pdf.context.obj(90));
    const p3 = pdf.addPage([300, 400]);
    p3.drawLine({ start: { x: 10, y: 10 }, end: { x: 200, y: 10 } });
    const p4 = pdf.addPage([300, 400]);
    addOneBitImage(pdf, p4);
    const bytes = await pdf.save();

    const pages: PdfPageImage[] = [];
    await forEachPdfPageImage(bytes, undefined, LIMITS, async (p) => void pages.push(p));
    expect(pages.map((p) => [p.width, p.height])).toEqual([[300, 400], [400, 300], [300, 400], [300, 400]]);
    expect(pages[0].image).toMatchObject({ quarterTurns: 0, mirror: false, box: { x0: 0, y0: 0, x1: 300, y1: 400 } });
    expect(pages[1].image).toMatchObject({ quarterTurns: 1, mirror: false, box: { x0: 0, y0: 0, x1: 400, y1: 300 } });
    expect(pages[2].image).toBeNull();
    expect(pages[3].image?.source).toMatchObject({ kind: 'raw', width: 64, height: 32, channels: 1 });

    // Upright: the mark is top-left on page 1 and, turned with the page, top-right on page 2.
    const up1 = await decodeGray(pages[0].image!.source, 5e7, pages[0].image!);
    const up2 = await decodeGray(pages[1].image!.source, 5e7, pages[1].image!);
    expect([up1.width, up1.height]).toEqual([600, 800]);
    expect([up2.width, up2.height]).toEqual([800, 600]);
    expect(darkAt(up1, 30, 30)).toBe(true);
    expect(darkAt(up1, 570, 30)).toBe(false);
    expect(darkAt(up2, 770, 30)).toBe(true);
    expect(darkAt(up2, 30, 30)).toBe(false);
    const bits = await decodeGray(pages[3].image!.source, 5e7);
    expect(darkAt(bits, 2, 2)).toBe(true);
    expect(darkAt(bits, 40, 2)).toBe(false);
  });
});

describe('the stored-JPEG fast path', () => {
  it('takes a scanner page’s JPEG as stored, giving the image pdfjs would decode', async () => {
    const bytes = readFileSync(join(FIXTURES, 'kh-2021-mn-thanhyen.scan.pdf'));
    const fast: PdfPageImage[] = [];
    const slow: PdfPageImage[] = [];
    await forEachPdfPageImage(bytes, [2], LIMITS, async (p) => void fast.push(p));
    await forEachPdfPageImage(bytes, [2], LIMITS, async (p) => void slow.push(p), { storedJpegs: false });
    expect(fast[0].image!.source.kind).toBe('encoded');
    expect(slow[0].image!.source.kind).toBe('raw');
    expect({ ...fast[0], image: { ...fast[0].image, source: null } }).toEqual({ ...slow[0], image: { ...slow[0].image, source: null } });
    const a = await decodeGray(fast[0].image!.source, 5e7, fast[0].image!);
    const b = await decodeGray(slow[0].image!.source, 5e7, slow[0].image!);
    expect([a.width, a.height]).toEqual([b.width, b.height]);
    let diff = 0;
    for (let i = 0; i < a.data.length; i++) diff += Math.abs(a.data[i] - b.data[i]);
    expect(diff / a.data.length).toBeLessThan(2); // two JPEG decoders, within rounding
  });

  it('turns a /Rotate 90 scanner page like pdfjs does, and leaves other pages to pdfjs', async () => {
    const pdf = await PDFDocument.create();
    const jpeg = await sharp(await markedImage(600, 800)).jpeg().toBuffer();
    const img = await pdf.embedJpg(jpeg);
    for (const rotate of [0, 90]) {
      const page = pdf.addPage([300, 400]);
      const name = page.node.newXObject('Im0', img.ref);
      page.node.set(PDFName.of('Contents'), pdf.context.register(pdf.context.flateStream(`q\n300 0 0 400 0 0 cm\n${name} Do\nQ`)));
      if (rotate) page.node.set(PDFName.of('Rotate'), pdf.context.obj(rotate));
    }
    pdf.addPage([300, 400]).drawImage(img, { x: 10, y: 10, width: 100, height: 100 }); // not full-page
    const pages: PdfPageImage[] = [];
    await forEachPdfPageImage(await pdf.save(), undefined, LIMITS, async (p) => void pages.push(p));
    expect(pages.map((p) => p.image?.source.kind)).toEqual(['encoded', 'encoded', 'raw']);
    expect(pages[1]).toMatchObject({ width: 400, height: 300, image: { quarterTurns: 1, box: { x0: 0, y0: 0, x1: 400, y1: 300 } } });
    const up = await decodeGray(pages[1].image!.source, 5e7, pages[1].image!);
    expect([up.width, up.height]).toEqual([800, 600]);
    expect(darkAt(up, 770, 30)).toBe(true);
    expect(pages[2].image!.box).toEqual({ x0: 10, y0: 290, x1: 110, y1: 390 });
  });
});

describe("tesseract's TSV", () => {
  // As tesseract prints it: a row per page (1), block (2), paragraph (3), line (4) and word (5).
  const tsv = [
    'level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext',
    '1\t1\t0\t0\t0\t0\t0\t0\t1000\t800\t-1\t',
    '2\t1\t1\t0\t0\t0\t100\t200\t400\t40\t-1\t',
    '4\t1\t1\t1\t1\t0\t100\t200\t400\t40\t-1\t',
    '5\t1\t1\t1\t1\t1\t100\t200\t150\t40\t96.5\tTie\u0302\u0301u',
    '5\t1\t1\t1\t1\t2\t260\t200\t50\t40\t91\tchí',
    '5\t1\t1\t1\t1\t3\t320\t200\t10\t40\t30\t|',
    '5\t1\t1\t1\t1\t4\t340\t200\t10\t40\t95\t—',
    '5\t1\t1\t1\t1\t5\t360\t200\t10\t40\t95\t ',
    '',
  ].join('\n');

  it('gives the words in page points, NFC, confidence 0–1, without speckle', () => {
    // A 200-dpi crop that starts 50 px right and 20 px down of a page image placed at (10, 0).
    const words = wordsOf(tsv, { originX: 10, originY: 0, ptPerPx: 0.36, offsetX: 50, offsetY: 20 });
    // The em dash tesseract reads is the en dash these documents use (./word-fixes.ts).
    expect(words.map((w) => w.text)).toEqual(['Tiếu', 'chí', '–']);
    expect(words[0].text).toBe('Tiếu'.normalize('NFC'));
    expect(words[0].confidence).toBeCloseTo(0.965);
    expect(words[0].box.x0).toBeCloseTo(10 + 150 * 0.36);
    expect(words[0].box.y1).toBeCloseTo((240 + 20) * 0.36);
    expect(words[1].box.x1).toBeCloseTo(10 + 360 * 0.36);
  });

  it('writes the eth tesseract reads for a Vietnamese "Đ" as that letter', () => {
    const rows = ['5\t1\t1\t1\t1\t1\t100\t200\t90\t43\t95\tGD&ÐT', '5\t1\t1\t1\t1\t2\t205\t200\t90\t43\t95\tðội'].join('\n');
    expect(wordsOf(rows, { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 }).map((w) => w.text)).toEqual(['GD&ĐT', 'đội']);
  });

  it('keeps a lone dash tesseract was unsure of, but not a speck read as one', () => {
    const rows = [
      '5\t1\t1\t1\t1\t1\t100\t200\t90\t43\t95\t2019',
      '5\t1\t1\t1\t1\t2\t205\t200\t26\t43\t28\t-',
      '5\t1\t1\t1\t1\t3\t245\t200\t90\t43\t95\t2020',
      '5\t1\t1\t1\t1\t4\t345\t200\t3\t43\t20\t-',
    ].join('\n');
    expect(wordsOf(rows, { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 }).map((w) => w.text)).toEqual(['2019', '-', '2020']);
  });

  it('writes a lone dash beside a number as the en dash its length shows, a short one as a hyphen', () => {
    const line = (dashWidth: number) =>
      ['5\t1\t1\t1\t1\t1\t100\t200\t90\t29\t95\t2020', `5\t1\t1\t1\t1\t2\t200\t212\t${dashWidth}\t3\t90\t-`, '5\t1\t1\t1\t1\t3\t230\t200\t90\t29\t95\t2021'].join('\n');
    const frame = { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 };
    expect(wordsOf(line(16), frame).map((w) => w.text)).toEqual(['2020', '–', '2021']);
    expect(wordsOf(line(10), frame).map((w) => w.text)).toEqual(['2020', '-', '2021']);
    // A list's bullet, with no number beside it, stays a hyphen however long.
    const bullet = ['5\t1\t1\t1\t1\t1\t100\t212\t16\t3\t90\t-', '5\t1\t1\t1\t1\t2\t130\t200\t60\t29\t95\tXây'].join('\n');
    expect(wordsOf(bullet, frame).map((w) => w.text)).toEqual(['-', 'Xây']);
  });

  it('drops a bar however sure tesseract is of it: a ruling line the crop kept, never a word', () => {
    const rows = ['5\t1\t1\t1\t1\t1\t100\t200\t90\t43\t95\tKế', '5\t1\t1\t1\t1\t2\t205\t200\t90\t43\t95\ttoán', '5\t1\t1\t1\t1\t3\t330\t200\t8\t43\t93\t|'].join('\n');
    expect(wordsOf(rows, { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 }).map((w) => w.text)).toEqual(['Kế', 'toán']);
  });

  it('drops an accent standing alone: a mark above a line, never a word', () => {
    const rows = ['5\t1\t1\t1\t1\t1\t100\t200\t90\t43\t95\tthường', '5\t1\t1\t1\t1\t2\t205\t200\t12\t20\t91\tˆ', '5\t1\t1\t1\t1\t3\t230\t200\t90\t43\t95\txuyên'].join('\n');
    expect(wordsOf(rows, { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 }).map((w) => w.text)).toEqual(['thường', 'xuyên']);
  });

  it('is empty for an empty reading', () => {
    expect(wordsOf('', { originX: 0, originY: 0, ptPerPx: 1, offsetX: 0, offsetY: 0 })).toEqual([]);
  });
});

describe('limits', () => {
  it('fails a page over the pixel limit before decoding it, naming the limit', async () => {
    const bytes = readFileSync(join(FIXTURES, 'kh-2021-mn-thanhyen.scan.pdf'));
    await expect(forEachPdfPageImage(bytes, undefined, { ...LIMITS, maxPixels: 1_000_000 }, async () => {})).rejects.toMatchObject({
      code: 'limit.exceeded',
      message: 'pixels per page: 3934216 > 1000000',
    });
  });

  it('fails a document over the page limit', async () => {
    const bytes = readFileSync(join(FIXTURES, 'kh-2021-mn-thanhyen.scan.pdf'));
    await expect(forEachPdfPageImage(bytes, undefined, { ...LIMITS, maxPages: 3 }, async () => {})).rejects.toMatchObject({
      code: 'limit.exceeded',
      message: 'pages per document: 4 > 3',
    });
  });

  it('has the documented defaults and rejects nonsense', () => {
    expect(resolveLimits()).toEqual({ maxPixels: 50_000_000, maxPages: 500, pageTimeoutMs: 120_000 });
    expect(resolveLimits({ maxPages: 2 }).maxPages).toBe(2);
    expect(() => resolveLimits({ maxPages: 0 })).toThrow(expect.objectContaining({ code: 'config.invalid' }));
    expect(() => checkLimit('OCR time per page', 130, 120, ' s')).toThrow('OCR time per page: 130 s > 120 s');
  });
});

async function firstPageImage(file: string): Promise<GrayImage> {
  let out: GrayImage | null = null;
  await forEachPdfPageImage(readFileSync(join(FIXTURES, file)), [1], LIMITS, async (p) => {
    out = await decodeGray(p.image!.source, 5e7, p.image!);
  });
  return out!;
}

async function markedImage(width: number, height: number): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="white"/><rect x="0" y="0" width="60" height="60" fill="black"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** A 64×32 1-bit DeviceGray image XObject (left 8 columns black), drawn over the page. */
function addOneBitImage(pdf: PDFDocument, page: ReturnType<PDFDocument['addPage']>): void {
  const row = [0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]; // 1 = white
  const data = new Uint8Array(Array.from({ length: 32 }, () => row).flat());
  const stream = pdf.context.stream(data, { Type: 'XObject', Subtype: 'Image', Width: 64, Height: 32, ColorSpace: 'DeviceGray', BitsPerComponent: 1 });
  const ref = pdf.context.register(stream);
  const name = page.node.newXObject('Bits', ref);
  page.pushOperators(pushGraphicsState(), concatTransformationMatrix(300, 0, 0, 400, 0, 0), drawObject(name), popGraphicsState());
}

function darkAt(img: GrayImage, x: number, y: number): boolean {
  return img.data[y * img.width + x] < 128;
}

/** White paper with grain and a few specks, slightly tilted: what a scanner makes of a blank page. */
async function noisyBlank(width: number, height: number): Promise<GrayImage> {
  const raw = Buffer.alloc(width * height);
  const random = mulberry32(42);
  for (let i = 0; i < raw.length; i++) {
    const r = random();
    raw[i] = r < 0.00005 ? 40 : 235 + Math.floor(r * 21); // grain 235–255, a few specks
  }
  const jpeg = await sharp(raw, { raw: { width, height, channels: 1 } }).rotate(0.7, { background: '#ffffff' }).jpeg({ quality: 70 }).toBuffer();
  return decodeGray({ kind: 'encoded', bytes: jpeg }, 5e7);
}

/** A small seeded PRNG: tests must not depend on Math.random. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('a cell read again', () => {
  const word = (text: string): PositionedWord => ({ text, box: { x0: 0, y0: 0, x1: 10, y1: 10 }, confidence: 0.9 });
  const words = (text: string) => text.split(' ').map(word);
  it('completes a code whose end the page pass dropped ("1" → "1.3", "1." + "5")', () => {
    expect(keepsWords(words('Tiêu chí 1'), words('Tiêu chí 1.3'))).toBe(true);
    expect(keepsWords(words('Tiêu chí 1'), words('Tiêu chí 1. 5'))).toBe(true);
    expect(keepsWords(words('Mức 2,'), words('Mức 2'))).toBe(true);
  });
  it('is corrected where marks or one letter differ ("Giữ vưng mưức" → "Giữ vững mức 2")', () => {
    expect(keepsWords(words('Giữ vưng mưc'), words('Giữ vững mức 2'))).toBe(true);
    expect(keepsWords(words('Giữ vung mưức'), words('Giữ vững mức 2'))).toBe(true);
    // A numeral's one character is its value: never a correction.
    expect(keepsWords(words('Quý III/2027'), words('Quý II/2027'))).toBe(false);
  });
  it('is not swapped for a different guess', () => {
    expect(keepsWords(words('Tiêu chí 1'), words('Tiêu chuẩn 2'))).toBe(false);
    expect(keepsWords(words('Phó hiệu trưởng'), words('Tổ trưởng chuyên môn'))).toBe(false);
  });
});

describe('codes read again as digits', () => {
  const at = (text: string, y: number): PositionedWord => ({ text, box: { x0: 0, y0: y, x1: 10, y1: y + 10 }, confidence: 0.9 });
  const cell = (col: number, row: number, ...lines: string[]): Cell => ({ row, col, rowSpan: 1, colSpan: 1, lines, box: { x0: col * 50, y0: row * 20, x1: col * 50 + 40, y1: row * 20 + 18 } });
  it('reads a code on one line or broken after its dot, never a lone number', () => {
    expect(codeOf([at('1.3', 0)])).toBe('1.3');
    expect(codeOf([at('1.', 0), at('3', 0)])).toBe('1.3');
    expect(codeOf([at('1', 0), at('9', 14)])).toBe('1.9');
    expect(codeOf([at('1', 0), at('9', 0)])).toBeNull();
    expect(codeOf([at('1', 0)])).toBeNull();
  });
  it('needs two readings to agree', () => {
    expect(agreed([null, '2.1', '2.1', null])).toBe('2.1');
    expect(agreed(['2.1', '24.4', null, null])).toBeNull();
  });
  it('reads again the short cells of a column of codes, and cells shaped like a broken code', () => {
    const cells = [cell(0, 0, 'TC'), cell(0, 1, '1.1'), cell(0, 2, 'l', '3'), cell(0, 3, '1.5'), cell(0, 4, '1.6'), cell(0, 5, 'Hồ sơ đầy đủ và khoa học'), cell(1, 1, 'Mức', '2'), cell(1, 2, 'ồ.', '4')];
    expect(damagedCodeCells(cells).map((c) => c.lines.join(' / '))).toEqual(['TC', 'l / 3', 'ồ. / 4']);
  });
  it('reads again the labels of a column of labelled codes that lost part of their code ("Tiêu chí 3" for 3.4)', () => {
    const cells = [
      cell(1, 0, 'Tiêu chuẩn, tiêu chí'),
      cell(1, 1, 'Tiêu', 'chí1.7'),
      cell(1, 2, 'Tiêu', 'chí 3'),
      cell(1, 3, 'Tiêu', 'chí 3. 6'),
      cell(1, 4, 'Tiêu chí'),
      cell(1, 5, 'Tiêu chí 4.1: Tham mưu với cấp ủy'),
      cell(2, 2, 'Tiêu chí 3'),
    ];
    expect(damagedLabelCells(cells).map((c) => c.lines.join(' / '))).toEqual(['Tiêu / chí 3', 'Tiêu chí']);
    // One whole label is no column of them.
    expect(damagedLabelCells(cells.filter((c) => c.row !== 3))).toEqual([]);
    // Unless the label was cut just after its dot: the one row of a table on its page.
    expect(damagedLabelCells([cell(1, 1, 'Tiêu chí', '1.'), cell(1, 2, 'Tiêu chí', '1'), cell(2, 1, 'Tiêu chuẩn 1.')]).map((c) => c.lines.join(' / '))).toEqual(['Tiêu chí / 1.']);
  });
});

describe('numbers wider than their digits', () => {
  // Digits 5 pt wide: "180" is 15 pt, "3,5" read as "35" keeps the comma's room (about 2.5 pt).
  const word = (text: string, width: number): PositionedWord => ({ text, box: { x0: 100, y0: 10, x1: 100 + width, y1: 20 }, confidence: 0.96 });
  const page = [word('180', 15), word('25', 10.2), word('60', 9.8), word('350', 15.3), word('24', 10), word('12', 9.6)];

  it('takes the page\'s typical digit width from its runs of digits, and none from too few', () => {
    expect(typicalDigitWidth(page)).toBeCloseTo(5, 0);
    expect(typicalDigitWidth(page.slice(0, 3))).toBeNull();
  });

  it('suspects a separator in a run of digits with room for one more narrow character', () => {
    const digit = typicalDigitWidth(page);
    expect(widerThanDigits(word('35', 12.8), digit)).toBe(true);
    expect(widerThanDigits(word('1200', 22.6), digit)).toBe(true);
    expect(page.filter((w) => widerThanDigits(w, digit))).toEqual([]);
    // A year is never a shortened amount; words with letters or separators are not runs of digits.
    expect(widerThanDigits(word('2024', 24), digit)).toBe(false);
    expect(widerThanDigits(word('3,5', 13), digit)).toBe(false);
    expect(widerThanDigits(word('35', 13), null)).toBe(false);
  });

  it("suspects a comma's tail in a run of digits that reaches further down than the table's digits (a phone photo's \"2,5\" read \"25\")", () => {
    const tall = (text: string, height: number): PositionedWord => ({ text, box: { x0: 100, y0: 10, x1: 112, y1: 10 + height }, confidence: 0.92 });
    const table = [tall('500', 6.7), tall('33', 6.6), tall('120', 6.7), tall('25', 7.9)];
    const digit = typicalDigitHeight(table);
    expect(digit).toBeCloseTo(6.7, 1);
    expect(table.filter((w) => deeperThanDigits(w, digit)).map((w) => w.text)).toEqual(['25']);
    // A year, a word with its separator read, and a page with too few runs of digits say nothing.
    expect(deeperThanDigits(tall('2022', 7.9), digit)).toBe(false);
    expect(deeperThanDigits(tall('2,5', 7.9), digit)).toBe(false);
    expect(typicalDigitHeight(table.slice(0, 2))).toBeNull();
  });
});

describe('Roman numerals of quarters and semesters', () => {
  it('reads the numeral as the page pass writes it, look-alikes put right', () => {
    expect(['II', 'III/2024', '1V', 'H', 'Il,', '11/2025'].map(numeralOf)).toEqual(['II', 'III', 'IV', 'II', 'II', 'II']);
    expect(['2024', 'Quý', 'IIII', '', 'A/2024'].map(numeralOf)).toEqual([null, null, null, null, null]);
  });

  it('leaves a numeral with a year to the numeral pass, even with a "1" among its strokes: read as digits it would lose its letters', () => {
    // "Quý 1II/2027" re-read digit by digit came out "/2027", and the quarter was lost.
    expect(['1II/2027', 'III/2022', 'Il/2024', 'IV/2023'].map(forNumeralPass)).toEqual([true, true, true, true]);
    expect(['11/2027', '2027', '15.000.000', '1/2027'].map(forNumeralPass)).toEqual([false, false, false, false]);
  });
});
