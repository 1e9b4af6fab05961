/**
 * Numbers a scan reads one character short, on a page the fixtures do not have (rendered by
 * Chromium, degraded like a poor office scan: 170 dpi, blur, JPEG quality 45): decimal commas
 * under a "(triệu đồng)" header in a column that writes whole millions everywhere else (so the
 * column itself gives no hint), and quarters and semesters in Roman numerals. Each amount and
 * each period must be read right, or its row must say it is unsure: never a silent wrong value.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type Extraction, type PlanItem } from '../../src/extract/index.js';
import { ingestImage, shutdownOcr } from '../../src/ingest/scan.js';
import { parseTimeline } from '../../src/normalize/timeline.js';
import { hasChromium, planHtml, renderPage, type PlanPage, type PlanRow } from './rendered-page.js';

const BUDGETS = ['25', '180', '60', '350', '3,5', '24', '120', '45', '15', '90', '12', '75'];
const TIMELINES = ['Quý III/2025', 'Học kỳ II năm học 2024-2025', 'Quý II/2025', 'Học kỳ I năm học 2024-2025', 'Tháng 5/2025', 'Quý IV/2024', 'Quý I/2025', 'Tháng 9/2025'];
const row = (standard: number, i: number, k: number): PlanRow => ({
  criterion: `${standard}.${i + 1}`,
  name: 'Hoạt động chuyên môn',
  target: 'Đạt mức 2',
  solution: 'Bổ sung minh chứng',
  owner: 'Hiệu trưởng',
  timeline: TIMELINES[k % TIMELINES.length],
  budget: BUDGETS[k],
});
const PAGE: PlanPage = {
  title: ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2024 - 2025'],
  mergedStandard: false,
  budgetHeader: 'Kinh phí (triệu đồng)',
  standards: [1, 2, 3].map((s) => ({ standard: s, heading: `Tiêu chuẩn ${s}: Hoạt động giáo dục`, rows: [0, 1, 2, 3].map((i) => row(s, i, (s - 1) * 4 + i)) })),
};
const ROWS = PAGE.standards.flatMap((s) => s.rows);
const MILLION = 1_000_000;

let extraction: Extraction;
const run = hasChromium || process.env.CI ? it : it.skip;

beforeAll(async () => {
  if (!hasChromium) return;
  const png = await renderPage(planHtml(PAGE), 170);
  const scan = await sharp(png).rotate(0.5, { background: '#ffffff' }).blur(0.6).greyscale().withMetadata({ density: 170 }).jpeg({ quality: 45 }).toBuffer();
  extraction = extractDocument(await ingestImage(scan));
}, 300_000);

afterAll(shutdownOcr);

/** Items whose `pick` differs from the page while the row carries no issue on `field` and confidence ≥ 0.9. */
function silentlyWrong(field: string, pick: (i: PlanItem) => unknown, gold: (r: PlanRow) => unknown): string[] {
  const flagged = new Set(extraction.issues.filter((i) => i.field === field).map((i) => i.row));
  const byCode = new Map(ROWS.map((r) => [r.criterion, r]));
  return (extraction.items as PlanItem[])
    .filter((i) => byCode.has(i.criterion!) && pick(i) !== gold(byCode.get(i.criterion!)!))
    .filter((i) => i.confidence >= 0.9 && !flagged.has(i.provenance.row))
    .map((i) => `${i.criterion}: ${String(pick(i))}`);
}

describe('a scan whose numbers lose a character', () => {
  run('reads every row', () => {
    expect(extraction.items.map((i) => i.criterion)).toEqual(ROWS.map((r) => r.criterion));
  });

  run('reads each amount right or flags it, a lost decimal comma included', () => {
    expect(silentlyWrong('budgetVnd', (i) => i.budgetVnd, (r) => Math.round(Number(r.budget.replace(',', '.')) * MILLION))).toEqual([]);
    // Most amounts are read exactly: the flags are for the doubtful few.
    const exact = (extraction.items as PlanItem[]).filter((i) => i.budgetVnd === Math.round(Number(ROWS.find((r) => r.criterion === i.criterion)!.budget.replace(',', '.')) * MILLION));
    expect(exact.length).toBeGreaterThanOrEqual(ROWS.length - 3);
  });

  run('reads each quarter and semester right or flags it', () => {
    expect(silentlyWrong('timeline', (i) => i.timelineStart, (r) => parseTimeline(r.timeline).start)).toEqual([]);
  });
});
