/**
 * Plans drawn as PDFs whose columns are narrower than their words, laid out the way Word and
 * LibreOffice do it: words wrap at spaces, and a word wider than its column breaks wherever the
 * column ends ("Mứ" / "c 2", "Gh" / "i chú", "250,00" / "0,000"). The specs are random (seeded):
 * column widths, margins, font size, cell texts; the gold comes from the spec.
 */
import type { PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem } from '../../src/extract/index.js';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { seeded } from '../helpers/seeded.js';
import { HAVE_FONTS, TestPdf } from './pdf-builder.js';

/** A seeded generator with the picks these specs need. */
function random(seed: number) {
  const next = seeded(seed);
  return { next, pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)], between: (lo: number, hi: number) => lo + next() * (hi - lo) };
}

/** Lines of `text` in a column `width` wide: wrap at spaces; a word wider than the column breaks where it ends. */
function wrap(pdf: TestPdf, text: string, width: number, size: number, bold: boolean): string[] {
  const fits = (s: string) => pdf.width(s, size, bold) <= width;
  const lines: string[] = [];
  let line = '';
  for (let word of text.split(' ')) {
    if (line && fits(`${line} ${word}`)) {
      line = `${line} ${word}`;
      continue;
    }
    if (line) lines.push(line);
    while (!fits(word)) {
      let n = 1;
      while (n < word.length && fits(word.slice(0, n + 1))) n++;
      lines.push(word.slice(0, n));
      word = word.slice(n);
    }
    line = word;
  }
  if (line) lines.push(line);
  return lines;
}

const HEADERS = ['TT', 'Tiêu chí', 'Mức', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí', 'Ghi chú'];

/** Budget cells as written, with their amounts. */
const BUDGETS: readonly [string, number][] = [
  ['250,000,000 đồng', 250_000_000],
  ['1.200.000.000 đồng', 1_200_000_000],
  ['15.000.000đ', 15_000_000],
  ['45.500.000 đồng', 45_500_000],
  ['Không', 0],
  ['5 triệu đồng', 5_000_000],
];
const TARGETS = ['Trường đạt chuẩn quốc gia mức độ 2', 'Khuôn viên xanh, sạch, đẹp', 'Giáo viên đạt chuẩn nghề nghiệp', 'Thư viện đạt chuẩn'];
const SOLUTIONS = [
  'Hỗ trợ 500.000 đồng/năm cho mỗi giáo viên tham gia bồi dưỡng',
  'Xây dựng kế hoạch chiến lược phát triển nhà trường',
  'Tổ chức chuyên đề, hội thảo chuyên môn hằng tháng',
  'Tham mưu với chính quyền địa phương sửa chữa phòng học',
];
const OWNERS = ['Hiệu trưởng, Phó hiệu trưởng', 'Tổ trưởng chuyên môn', 'Phó HT, Tổ trưởng CM', 'Kế toán, nhân viên'];
const TIMELINES: readonly [string, string, string][] = [
  ['Tháng 9/2024 đến tháng 5/2025', '2024-09', '2025-05'],
  ['Năm học 2024-2025', '2024-09', '2025-05'],
  ['Quý 1/2025', '2025-01', '2025-03'],
];
const NOTES = ['Ghi chú thêm', 'Không', 'Thường xuyên', null];

interface RowSpec {
  criterion: string;
  level: number;
  target: string;
  solution: string;
  owner: string;
  timeline: [string, string, string];
  budget: [string, number];
  note: string | null;
}

/** A nine-column portrait plan: the level and note columns narrower than "Mức" and "Ghi chú". */
async function narrowPlan(seed: number): Promise<{ bytes: Uint8Array; rows: RowSpec[] }> {
  const r = random(seed);
  const size = r.pick([9.5, 10, 10.5]);
  const pad = r.between(2, 5.4);
  // Widths before scaling to the page: TT, criterion, level, target, solution, owner, time, budget, note.
  const widths = [22, 52, r.between(16, 22) + 2 * pad, 70, 95, 62, 52, r.between(38, 46) + 2 * pad, r.between(16, 22) + 2 * pad];
  const xs = [40];
  for (const w of widths) xs.push(xs.at(-1)! + w);
  const rows: RowSpec[] = Array.from({ length: 5 }, (_, i) => ({
    criterion: `${1 + (i >> 1)}.${1 + i}`,
    level: r.pick([1, 2, 3]),
    target: r.pick(TARGETS),
    solution: r.pick(SOLUTIONS),
    owner: r.pick(OWNERS),
    timeline: [...r.pick(TIMELINES)] as [string, string, string],
    budget: [...r.pick(BUDGETS)] as [string, number],
    note: r.pick(NOTES),
  }));
  const pdf = await TestPdf.create();
  const page = pdf.addPage();
  pdf.text(page, 'TRƯỜNG MẦM NON HOA SEN', 40, 40, 11, true);
  pdf.text(page, 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 150, 70, 12, true);
  pdf.text(page, 'Năm học 2024 - 2025', 240, 88, 11);
  const lineHeight = size * 1.3;
  const drawRow = (top: number, cells: (string | null)[], bold: boolean): number => {
    const wrapped = cells.map((text, c) => (text ? wrap(pdf, text, widths[c] - 2 * pad, size, bold) : []));
    const height = Math.max(1, ...wrapped.map((l) => l.length)) * lineHeight + 2 * pad;
    wrapped.forEach((lines, c) => lines.forEach((line, k) => pdf.text(page, line, xs[c] + pad, top + pad + k * lineHeight, size, bold)));
    pdf.line(page, xs[0], top + height, xs.at(-1)!, top + height);
    for (const x of xs) pdf.line(page, x, top, x, top + height);
    return top + height;
  };
  let top = 110;
  pdf.line(page, xs[0], top, xs.at(-1)!, top);
  top = drawRow(top, HEADERS, true);
  rows.forEach((row, i) => {
    top = drawRow(
      top,
      [String(i + 1), `Tiêu chí ${row.criterion}`, `Mức ${row.level}`, row.target, row.solution, row.owner, row.timeline[0], row.budget[0], row.note],
      false,
    );
  });
  return { bytes: await pdf.save(), rows };
}

describe.skipIf(!HAVE_FONTS)('PDF plans whose columns are narrower than their words', () => {
  it.each([1, 2, 3, 4, 5, 6])('reads every field of the plan built from seed %i', async (seed) => {
    const { bytes, rows } = await narrowPlan(seed);
    const result = extractDocument(await ingestPdf(bytes));
    const items = result.items as PlanItem[];
    expect(items.map((i) => i.criterion)).toEqual(rows.map((r) => r.criterion));
    items.forEach((item, k) => {
      const row = rows[k];
      expect(item, `row ${k + 1}`).toMatchObject({
        rowNo: String(k + 1),
        level: row.level,
        target: row.target,
        solution: row.solution,
        owner: row.owner,
        timeline: row.timeline[0],
        timelineStart: row.timeline[1],
        timelineEnd: row.timeline[2],
        budgetText: row.budget[0],
        budgetVnd: row.budget[1],
        note: row.note,
        extra: {},
      });
    });
    expect(result.issues.filter((i) => i.code.startsWith('budget.'))).toEqual([]);
  });

  it('breaks the words of these columns in the middle, so the test means what it says', async () => {
    const pdf = await TestPdf.create();
    expect(wrap(pdf, 'Mức 2', 18, 10, false)[0]).not.toBe('Mức');
    expect(wrap(pdf, 'Ghi chú', 18, 10, true)[0]).not.toBe('Ghi');
    expect(wrap(pdf, '250,000,000 đồng', 46 - 4, 10, false)[0]).toMatch(/^250,0+$/);
  });
});
