/**
 * Page-level image steps of the OCR reader, without OCR: which way up a page is (every page of
 * every fixture scan, turned four ways), a phone photo's page found and warped flat, and what
 * counts as a well-formed number for the digits-only second reading. No tesseract worker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wellFormedNumber } from '../../src/ingest/ocr/digit-pass.js';
import { detectOrientation } from '../../src/ingest/ocr/orient.js';
import { findPageQuad, homography, warpQuad, type Quad } from '../../src/ingest/ocr/page-quad.js';
import { storedPageJpegs } from '../../src/ingest/ocr/pdf-jpeg.js';
import { decodeGray, inkMask, shrink, type GrayImage } from '../../src/ingest/ocr/raster.js';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');

describe('page orientation', () => {
  it('stands the fixture pages upright from each of its four turns', async () => {
    let pages = 0;
    for (const name of readdirSync(FIXTURES).filter((f) => f.endsWith('.scan.pdf'))) {
      const stored = await storedPageJpegs(new Uint8Array(readFileSync(join(FIXTURES, name))));
      // The first two pages of each: a letterhead page and a table page.
      for (const [n, page] of [...stored!.pages].slice(0, 2)) {
        const source = page.image!.source;
        for (const q of [0, 1, 2, 3] as const) {
          const img = await decodeGray(source, 5e7, { quarterTurns: q });
          const small = await shrink(img, 1600);
          const found = detectOrientation(inkMask(small), (200 * small.width) / img.width);
          // A signature page of a few lines has too little text to tell up from down; it must
          // at least never be turned the wrong way when upright.
          if (found.upRatio === 1) {
            if (q === 0) expect(found.quarterTurns, `${name} p${n}`).toBe(0);
            continue;
          }
          expect(found.quarterTurns, `${name} p${n} turned ${90 * q}°`).toBe((4 - q) % 4);
        }
        pages++;
      }
    }
    expect(pages).toBeGreaterThanOrEqual(12);
  }, 180_000);
});

describe('a phone photo’s page', () => {
  /** Where the page lies in the photo: a trapezoid, slightly turned. */
  const quad: Quad = [
    { x: 130, y: 70 },
    { x: 690, y: 95 },
    { x: 740, y: 540 },
    { x: 60, y: 510 },
  ];

  /** A ruled "page" (white, grey text-like bars) on a darker desk, seen in perspective. */
  function photo(quad: Quad, width = 800, height = 600, shadow = 40): GrayImage {
    const page = { width: 420, height: 297 };
    const h = homography(quad, [
      { x: 0, y: 0 },
      { x: page.width, y: 0 },
      { x: page.width, y: page.height },
      { x: 0, y: page.height },
    ]);
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const d = h[6] * x + h[7] * y + 1;
        const u = (h[0] * x + h[1] * y + h[2]) / d;
        const v = (h[3] * x + h[4] * y + h[5]) / d;
        const inside = u >= 0 && v >= 0 && u < page.width && v < page.height;
        const bar = inside && v % 36 >= 12 && v % 36 < 24 && u > 30 && u < 390;
        // Light falls off towards one side (`shadow` grey levels across the picture).
        data[y * width + x] = !inside ? 80 : bar ? 60 : 235 - Math.round(shadow * (x / width));
      }
    }
    return { width, height, data };
  }

  it('finds the corners of a page on a desk within 1% of the picture', () => {
    const found = findPageQuad(photo(quad))!;
    expect(found).not.toBeNull();
    found.forEach((p, i) => {
      expect(Math.abs(p.x - quad[i].x)).toBeLessThan(8);
      expect(Math.abs(p.y - quad[i].y)).toBeLessThan(8);
    });
  });

  it('finds them when a shadow takes part of the page below the paper/desk threshold', () => {
    const found = findPageQuad(photo(quad, 800, 600, 125))!;
    expect(found).not.toBeNull();
    found.forEach((p, i) => {
      expect(Math.abs(p.x - quad[i].x)).toBeLessThan(8);
      expect(Math.abs(p.y - quad[i].y)).toBeLessThan(8);
    });
  });

  it('finds them when a bright patch of desk touches the page: the edges, not the fill, give the corners', () => {
    // A light band of desk (a window's reflection) along the bottom-left, brighter than the
    // paper/desk threshold and shading into the page without a step: a fill from the page runs
    // into it and takes its far corner for the page's.
    const img = photo(quad);
    for (let y = 0; y < img.height; y++) {
      for (let x = 0; x < img.width; x++) {
        const i = y * img.width + x;
        if (img.data[i] === 80 && y > 380 && x < 200) img.data[i] = Math.min(255, 150 + Math.round(0.2 * (y - 380)));
      }
    }
    const found = findPageQuad(img)!;
    expect(found).not.toBeNull();
    found.forEach((p, i) => {
      expect(Math.abs(p.x - quad[i].x)).toBeLessThan(8);
      expect(Math.abs(p.y - quad[i].y)).toBeLessThan(8);
    });
  });

  it('warps the quad flat: the page’s bars come out level', () => {
    const flat = warpQuad(photo(quad), quad, 420, 297);
    // Row 18 is inside the first dark bar (12–24), row 30 in the light gap after it, all across.
    const row = (y: number) => Array.from(flat.data.subarray(y * 420 + 40, y * 420 + 380));
    expect(Math.max(...row(18))).toBeLessThan(120);
    expect(Math.min(...row(30))).toBeGreaterThan(150);
  });

  it('leaves a scan (no dark surround) alone', () => {
    const scan: GrayImage = { width: 400, height: 300, data: new Uint8Array(400 * 300).fill(240) };
    for (let y = 50; y < 250; y += 20) scan.data.fill(30, y * 400 + 40, y * 400 + 360);
    expect(findPageQuad(scan)).toBeNull();
  });
});

describe('numbers worth a second reading', () => {
  it.each(['2.500.000', '25.000.000đ', '(1.200.000)', '2,5', '15', '9/2024', '20/11/2024', '2024-2025', '0'])('%s is well formed', (t) => {
    expect(wellFormedNumber(t)).toBe(true);
  });
  it.each(['000.000', '1.200.00', '1.2000.000', '25.00.000', '05.000'])('%s is not: a digit was lost or added', (t) => {
    expect(wellFormedNumber(t)).toBe(false);
  });
});
