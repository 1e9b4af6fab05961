/**
 * Scans of a plan page the fixtures do not have, rendered by Chromium (test/ingest/rendered-page.ts)
 * and degraded with sharp, through OCR and extraction: a two-column letterhead, a standard column
 * merged down 2, 3, 4 and 5 rows; the same page turned by 90° and upside down; and a phone photo
 * of it (perspective, desk, shadow). Each page is OCR'd once, in beforeAll.
 *
 * Every amount must be right, or flagged: a wrong amount with confidence ≥ 0.9 and no issue on
 * its row is a defect.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type Extraction, type PlanItem } from '../../src/extract/index.js';
import { ingestImage, shutdownOcr } from '../../src/ingest/scan.js';
import type { Layout } from '../../src/layout/layout.js';
import { hasChromium, phonePhoto, planHtml, renderPage } from './rendered-page.js';
import { PAGE } from './scan-rendered.page.js';

const CODES = PAGE.standards.flatMap((s) => s.rows.map((r) => r.criterion));
const GOLD = new Map(PAGE.standards.flatMap((s) => s.rows.map((r) => [r.criterion, r.budget === 'Không' ? 0 : Number(r.budget.replace(/\./g, ''))])));

const results: Record<'upright' | 'sideways' | 'upsideDown' | 'photo', { layout: Layout; extraction: Extraction }> = {} as never;

const run = hasChromium || process.env.CI ? it : it.skip;

beforeAll(async () => {
  if (!hasChromium) return;
  const png = await renderPage(planHtml(PAGE), 200);
  // A flatbed scan: a small tilt, grey, JPEG at 200 dpi.
  const scan = await sharp(png).rotate(0.7, { background: '#ffffff' }).greyscale().withMetadata({ density: 200 }).jpeg({ quality: 75 }).toBuffer();
  const turned = (deg: number) => sharp(scan).rotate(deg).withMetadata({ density: 200 }).jpeg({ quality: 75 }).toBuffer();
  const images = { upright: scan, sideways: await turned(90), upsideDown: await turned(180), photo: await phonePhoto(png) };
  await Promise.all(
    Object.entries(images).map(async ([name, bytes]) => {
      const layout = await ingestImage(bytes);
      results[name as keyof typeof results] = { layout, extraction: extractDocument(layout) };
    }),
  );
}, 300_000);

afterAll(shutdownOcr);

/** Items whose amount is wrong while nothing says so: the defect the issue forbids. */
function silentWrongAmounts(x: Extraction): string[] {
  const flagged = new Set(x.issues.filter((i) => i.field === 'budgetVnd').map((i) => i.row));
  return (x.items as PlanItem[])
    .filter((i) => i.criterion && GOLD.has(i.criterion) && i.budgetVnd !== GOLD.get(i.criterion))
    .filter((i) => i.confidence >= 0.9 && !flagged.has(i.provenance.row))
    .map((i) => `${i.criterion}: ${i.budgetText}`);
}

describe('a scanned plan page with a merged standard column', () => {
  run('gives every row of merges over 2, 3, 4 and 5 rows an item, under its standard', () => {
    const items = results.upright.extraction.items as PlanItem[];
    expect(items.map((i) => i.criterion)).toEqual(CODES);
    expect(items.map((i) => i.standard)).toEqual(CODES.map((c) => Number(c.split('.')[0])));
    expect(results.upright.extraction.issues.filter((i) => i.code === 'item.dropped' || i.code === 'row.no_criterion')).toEqual([]);
    for (const i of items) expect(i).toMatchObject({ target: 'Đạt mức 2', owner: 'Hiệu trưởng' });
  });

  run('reads every amount right, or says it is unsure', () => {
    const x = results.upright.extraction;
    expect(silentWrongAmounts(x)).toEqual([]);
    const exact = (x.items as PlanItem[]).filter((i) => i.budgetVnd === GOLD.get(i.criterion!)).length;
    expect(exact).toBeGreaterThanOrEqual(CODES.length - 1);
  });

  run('reads both halves of a two-column letterhead', () => {
    expect(results.upright.extraction.document).toMatchObject({
      number: '15/KH-MNHB',
      place: 'Hoa Ban',
      issuedOn: '2024-09-12',
      schoolYear: '2024-2025',
      school: expect.stringMatching(/^Trường mầm non Hoa Ban$/i),
    });
  });
});

describe('pages scanned the wrong way round', () => {
  run.each([
    ['turned by 90°', 'sideways', 270],
    ['upside down', 'upsideDown', 180],
  ] as const)('a page %s is turned upright and read like the upright one', (_, name, degrees) => {
    const { layout, extraction } = results[name];
    expect(layout.issues).toContainEqual(expect.objectContaining({ code: 'scan.page_turned', message: expect.stringContaining(`${degrees}°`) }));
    expect(extraction.items.map((i) => i.criterion)).toEqual(CODES);
    expect(extraction.document.number).toBe('15/KH-MNHB');
    expect(silentWrongAmounts(extraction)).toEqual([]);
  });
});

describe('a phone photo of the page', () => {
  run('finds the page on the desk, flattens it, and reads every row', () => {
    const { layout, extraction } = results.photo;
    // The page, warped to A4 landscape: ~842 × 595 pt.
    expect(layout.pages[0].width! / layout.pages[0].height!).toBeCloseTo(297 / 210, 1);
    expect(extraction.items.map((i) => i.criterion)).toEqual(CODES);
    expect(silentWrongAmounts(extraction)).toEqual([]);
  });
});
