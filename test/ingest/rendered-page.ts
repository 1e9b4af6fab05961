/**
 * Test material for the scan path until the generated corpus (src/corpus/) lands: a plan page
 * written as HTML (a letterhead, a table with rowspans) rendered by Debian's Chromium through
 * playwright-core to a PNG at a scanner's resolution, with its gold kept beside it.
 * Degradations (tilt, rotation, a phone photo's perspective) are applied by the tests with sharp.
 */
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import sharp from 'sharp';
import { homography } from '../../src/ingest/ocr/page-quad.js';

export const CHROMIUM = '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** One criterion row of the generated plan table, and what extraction must give for it. */
export interface PlanRow {
  criterion: string;
  name: string;
  target: string;
  solution: string;
  owner: string;
  timeline: string;
  budget: string;
}

export interface PlanPage {
  /** Letterhead left (school) and right (motto) halves, each a few lines. */
  letterhead?: { left: string[]; right: string[] };
  title?: string[];
  /** Standards and their rows; with `mergedStandard` the standard is a first column spanning its rows. */
  standards: { standard: number; heading: string; rows: PlanRow[] }[];
  mergedStandard: boolean;
  budgetHeader?: string;
  /** Where the merged standard cell's text sits (Word centres it as often as not). */
  standardAlign?: 'top' | 'middle';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** The page as HTML: A4 landscape, Times-like serif 12 pt, a fully ruled table. */
export function planHtml(p: PlanPage): string {
  const head = p.letterhead
    ? `<table class="lh"><tr><td>${p.letterhead.left.map(esc).join('<br>')}</td><td>${p.letterhead.right.map(esc).join('<br>')}</td></tr></table>`
    : '';
  const title = (p.title ?? []).map((t) => `<p class="t">${esc(t)}</p>`).join('');
  const cols = ['Tiêu chí', 'Kết quả cần đạt', 'Công việc/giải pháp cần thực hiện', 'Người thực hiện', 'Thời gian thực hiện', p.budgetHeader ?? 'Dự kiến kinh phí'];
  const header = `<tr>${p.mergedStandard ? '<th>Tiêu chuẩn</th>' : ''}${cols.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  // Criterion and solution on one line each where they fit, so a page holds 15 rows.
  const widths = [...(p.mergedStandard ? [15] : []), 23, 10, 22, 11, 11, 11];
  const colgroup = `<colgroup>${widths.map((w) => `<col style="width:${w}%">`).join('')}</colgroup>`;
  const body = p.standards
    .map((s) => {
      const cells = (r: PlanRow) =>
        [`Tiêu chí ${r.criterion}: ${r.name}`, r.target, r.solution, r.owner, r.timeline, r.budget].map((c) => `<td>${esc(c)}</td>`).join('');
      if (p.mergedStandard) {
        return s.rows
          .map((r, i) => `<tr>${i === 0 ? `<td rowspan="${s.rows.length}" style="vertical-align:${p.standardAlign ?? 'top'}">${esc(s.heading)}</td>` : ''}${cells(r)}</tr>`)
          .join('');
      }
      return `<tr><td colspan="${cols.length}"><b>${esc(s.heading)}</b></td></tr>${s.rows.map((r) => `<tr>${cells(r)}</tr>`).join('')}`;
    })
    .join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
    @page { size: A4 landscape; margin: 0 }
    body { margin: 10mm 12mm; font-family: 'Liberation Serif', 'DejaVu Serif', serif; font-size: 11.5pt; color: #000; background: #fff }
    table.g { border-collapse: collapse; width: 100% }
    table.g th, table.g td { border: 1px solid #000; padding: 2px 5px; vertical-align: top; text-align: left }
    table.g th { text-align: center; font-weight: bold }
    table.lh { width: 100%; margin-bottom: 6mm } table.lh td { text-align: center; vertical-align: top; width: 50%; font-weight: bold }
    p.t { text-align: center; font-weight: bold; margin: 2px 0 }
  </style></head><body>${head}${title}<table class="g">${colgroup}${header}${body}</table></body></html>`;
}

/**
 * The HTML as a page image at `dpi` (PNG, grey on white), the size of A4 landscape. One Chromium
 * per call: these tests render one or two pages.
 */
export async function renderPage(html: string, dpi = 200): Promise<Buffer> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  try {
    // A4 landscape in CSS pixels (96 per inch), scaled up to the scanner's resolution.
    const page = await browser.newPage({ viewport: { width: 1123, height: 794 }, deviceScaleFactor: dpi / 96 });
    await page.setContent(html, { waitUntil: 'load' });
    return await page.screenshot({ type: 'png', fullPage: false });
  } finally {
    await browser.close();
  }
}

/**
 * A phone photo of a page image: the page seen in perspective (its corners moved in by up to
 * `tilt` of the frame), on a darker desk with grain, a shadow across one side, as a JPEG with no
 * resolution tag. Grey, like most of what the OCR sees after decoding.
 */
export async function phonePhoto(page: Buffer, options: { width?: number; tilt?: number; quality?: number } = {}): Promise<Buffer> {
  const { data, info } = await sharp(page).greyscale().raw().toBuffer({ resolveWithObject: true });
  const W = options.width ?? 2400;
  const H = Math.round((W * 3) / 4);
  const t = options.tilt ?? 0.06;
  // The page's corners in the photo, clockwise from the top-left: a trapezoid, slightly turned.
  const quad = [
    { x: W * (0.08 + t), y: H * 0.1 },
    { x: W * (0.92 - t * 0.5), y: H * (0.07 + t * 0.3) },
    { x: W * 0.95, y: H * 0.93 },
    { x: W * 0.05, y: H * (0.9 - t * 0.2) },
  ];
  const rect = [
    { x: 0, y: 0 },
    { x: info.width, y: 0 },
    { x: info.width, y: info.height },
    { x: 0, y: info.height },
  ];
  const h = homography(quad, rect);
  const out = Buffer.alloc(W * H);
  let seed = 7;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const d = h[6] * x + h[7] * y + 1;
      const sx = Math.round((h[0] * x + h[1] * y + h[2]) / d);
      const sy = Math.round((h[3] * x + h[4] * y + h[5]) / d);
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const grain = (seed % 17) - 8;
      const inside = sx >= 0 && sy >= 0 && sx < info.width && sy < info.height;
      const v = inside ? data[sy * info.width + sx] * 0.93 : 95 + grain;
      // Light falls off toward the right and the bottom (the phone's shadow).
      const light = 1 - 0.3 * Math.max(0, (x / W - 0.55) / 0.45) * (0.5 + 0.5 * (y / H));
      out[y * W + x] = Math.max(0, Math.min(255, v * light + (inside ? grain / 2 : 0)));
    }
  }
  return sharp(out, { raw: { width: W, height: H, channels: 1 } }).blur(0.7).jpeg({ quality: options.quality ?? 70 }).toBuffer();
}
