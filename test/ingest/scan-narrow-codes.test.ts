/**
 * A scanned plan whose criterion column is narrower than a code: each "1.3" breaks after its dot
 * ("1." / "3"), and the page pass reads the pieces as "l" / "3", "1;" / "9" or loses the first.
 * Rendered by Chromium at a 300-dpi scanner's resolution (big type is where tesseract drops a lone
 * "2."), read through OCR and extraction: every code must come back, and a code read the second
 * time says so on its row.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type Extraction, type PlanItem } from '../../src/extract/index.js';
import { ingestImage, shutdownOcr } from '../../src/ingest/scan.js';
import { hasChromium, renderPage } from './rendered-page.js';

const CODES = ['1.1', '1.3', '1.5', '1.9', '2.1', '2.3', '3.1', '3.4', '4.2', '5.3'];
const TARGETS = ['Hồ sơ đầy đủ, khoa học', 'Đủ giáo viên theo quy định', 'Phòng học đạt chuẩn', 'Thiết bị đủ theo danh mục', 'Phối hợp với cha mẹ trẻ'];

function html(): string {
  const rows = CODES.map(
    (c, i) =>
      `<tr><td class="c">${c}</td><td>${TARGETS[i % TARGETS.length]}</td><td>Rà soát, bổ sung và hoàn thiện</td><td>Hiệu trưởng</td><td>Tháng ${9 + (i % 3)}/2024</td><td>Không</td></tr>`,
  ).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
    @page { size: A4 landscape; margin: 0 }
    body { margin: 12mm 14mm; font-family: 'DejaVu Serif', serif; font-size: 13pt; color: #000; background: #fff }
    table { border-collapse: collapse; width: 100% }
    th, td { border: 1px solid #000; padding: 1px 3px; vertical-align: top; text-align: left }
    th { text-align: center }
    td.c, th.c { width: 1.1em; max-width: 1.1em; word-break: break-all }
  </style></head><body><p><b>III. NỘI DUNG KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG</b></p><table>
    <tr><th class="c">TC</th><th>Kết quả cần đạt</th><th>Giải pháp</th><th>Người thực hiện</th><th>Thời gian</th><th>Kinh phí</th></tr>${rows}</table></body></html>`;
}

let extraction: Extraction;
const run = hasChromium || process.env.CI ? it : it.skip;

beforeAll(async () => {
  if (!hasChromium) return;
  const png = await renderPage(html(), 288);
  const scan = await sharp(png).rotate(0.4, { background: '#ffffff' }).greyscale().withMetadata({ density: 288 }).jpeg({ quality: 60 }).toBuffer();
  extraction = extractDocument(await ingestImage(scan));
}, 300_000);

afterAll(shutdownOcr);

describe('a scanned plan whose criterion column breaks each code over two lines', () => {
  run('gives every row its code', () => {
    expect((extraction.items as PlanItem[]).map((i) => i.criterion)).toEqual(CODES);
  });

  run('says which codes it read a second time, and trusts them less', () => {
    const reread = extraction.issues.filter((i) => i.code === 'ocr.code_reread');
    // The page pass damages some of these codes (this page: "1. / ả", "á. / 1"): at least one is read again.
    expect(reread.length).toBeGreaterThan(0);
    for (const issue of reread) {
      const item = (extraction.items as PlanItem[]).find((i) => i.provenance.row === issue.row);
      expect(item?.confidence).toBeLessThanOrEqual(0.5);
    }
  });
});
