/**
 * A page upside down whose ink does not say which way is up: the orientation detector (orient.ts)
 * is made blind here, as it is on some pages (few ascenders, a table of short cells). Read as it
 * lies, the page is noise with a low mean confidence; it must be read turned as well, and the
 * surer reading kept. A fixture's scanned page, turned with sharp, through OCR and extraction.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { extractDocument } from '../../src/extract/index.js';
import { storedPageJpegs } from '../../src/ingest/ocr/pdf-jpeg.js';
import { ingestImage, shutdownOcr } from '../../src/ingest/scan.js';

vi.mock('../../src/ingest/ocr/orient.js', async (original) => ({
  ...(await original<typeof import('../../src/ingest/ocr/orient.js')>()),
  // No evidence either way: the page is taken as it lies.
  detectOrientation: () => ({ quarterTurns: 0, upRatio: 1 }),
}));

afterAll(shutdownOcr);

describe('an upside-down page the ink cannot orient', () => {
  it('is read turned by 180° when the reading as it lies is doubtful, and gives the upright page\'s items', async () => {
    const bytes = new Uint8Array(await readFile(join(import.meta.dirname, '..', '..', 'fixtures', 'kh-2024-mn-7cot.scan.pdf')));
    const page = (await storedPageJpegs(bytes))!.pages.get(1)!;
    if (page.image?.source.kind !== 'encoded') throw new Error('the fixture scan stores its page as a JPEG');
    const upright = await sharp(page.image.source.bytes).withMetadata({ density: 200 }).jpeg({ quality: 80 }).toBuffer();
    const upsideDown = await sharp(upright).rotate(180).withMetadata({ density: 200 }).jpeg({ quality: 80 }).toBuffer();
    const [asItIs, turned] = await Promise.all([ingestImage(upright), ingestImage(upsideDown)]);
    expect(asItIs.issues.map((i) => i.code)).not.toContain('scan.page_turned');
    expect(turned.issues).toContainEqual(expect.objectContaining({ code: 'scan.page_turned', message: expect.stringContaining('180°') }));
    const codes = (layout: typeof turned) => extractDocument(layout).items.map((i) => i.criterion);
    expect(codes(asItIs).length).toBeGreaterThanOrEqual(2);
    expect(codes(turned)).toEqual(codes(asItIs));
  }, 240_000);
});
