/**
 * A blurred scan whose TT column holds one small digit per row: the strokes of a lone "5" come
 * out grey, and the page pass skips it. The cell pass must still see the ink and read the digit,
 * or the row loses its number (and a row that opens a page looks like the tail of the row above).
 * Rendered by Chromium at a 150-dpi scanner's resolution, blurred and compressed with sharp, read
 * through OCR and extraction.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractDocument, type Extraction, type PlanItem } from '../../src/extract/index.js';
import { ingestImage, shutdownOcr } from '../../src/ingest/scan.js';
import { hasChromium, renderPage } from './rendered-page.js';

const ROWS = [
  ['1.1', 'Hồ sơ tổ chuyên môn đầy đủ, khoa học', 'Rà soát, bổ sung hồ sơ của tổ chuyên môn'],
  ['1.3', 'Hội đồng trường họp định kỳ', 'Kiện toàn Hội đồng trường; xây dựng lịch họp'],
  ['2.1', 'Giáo viên đạt chuẩn trình độ đào tạo', 'Tạo điều kiện cho giáo viên học nâng chuẩn'],
  ['2.3', 'Nhân viên hoàn thành tốt nhiệm vụ', 'Bồi dưỡng nghiệp vụ cho nhân viên'],
  ['3.2', 'Khuôn viên xanh, sạch, đẹp', 'Trồng thêm cây xanh, cải tạo sân chơi'],
  ['3.4', 'Nhà vệ sinh đạt chuẩn', 'Sửa chữa, nâng cấp nhà vệ sinh học sinh'],
  ['5.1', 'Học sinh tham gia các hoạt động STEM', 'Tổ chức các chủ đề STEM theo khối lớp'],
];

function html(): string {
  const rows = ROWS.map(
    ([code, target, solution], i) =>
      `<tr><td class="n">${i + 1}</td><td>Tiêu chí ${code}</td><td>${target}</td><td>${solution}</td><td>Hiệu trưởng</td><td>Năm học 2024 - 2025</td><td>Không</td></tr>`,
  ).join('');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
    @page { size: A4 landscape; margin: 0 }
    body { margin: 15mm 17mm; font-family: 'Liberation Serif', serif; font-size: 10pt; color: #000; background: #fff }
    table { border-collapse: collapse; width: 100% }
    th, td { border: 1px solid #000; padding: 2px 4px; vertical-align: top; text-align: left; height: 3.2em }
    th { text-align: center; height: auto }
    td.n { width: 1.6em }
  </style></head><body><p><b>KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2024 - 2025</b></p><table>
    <tr><th>TT</th><th>Tiêu chí</th><th>Kết quả cần đạt</th><th>Giải pháp</th><th>Người thực hiện</th><th>Thời gian</th><th>Kinh phí</th></tr>${rows}</table></body></html>`;
}

let extraction: Extraction;
const run = hasChromium || process.env.CI ? it : it.skip;

beforeAll(async () => {
  if (!hasChromium) return;
  const png = await renderPage(html(), 150);
  const scan = await sharp(png).rotate(0.9, { background: '#ffffff' }).blur(1.1).greyscale().withMetadata({ density: 150 }).jpeg({ quality: 50 }).toBuffer();
  extraction = extractDocument(await ingestImage(scan));
}, 300_000);

afterAll(shutdownOcr);

describe('a blurred scan with one small digit in each TT cell', () => {
  run('gives every row its number and its code', () => {
    const items = extraction.items as PlanItem[];
    expect(items.map((i) => i.criterion)).toEqual(ROWS.map(([code]) => code));
    expect(items.map((i) => i.rowNo)).toEqual(ROWS.map((_, i) => String(i + 1)));
  });
});
