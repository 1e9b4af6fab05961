/**
 * Plan tables as text PDFs over page breaks and drawn with few rules, the way schools' files come:
 * a row the break cut in two (its tail on the next page, key cells empty), a row that starts on
 * the next page under a standard merged down the first column (its own row number and criterion,
 * standard cell empty), a break inside the criterion cell itself, and tables drawn with column
 * rules only or a single rule under the header. Each builds the PDF, reads it and asserts the items.
 */
import type { PDFPage } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem } from '../../src/extract/index.js';
import { ingestPdf } from '../../src/ingest/pdf.js';
import { HAVE_FONTS, TestPdf } from './pdf-builder.js';

const HEADERS = ['Tiêu chuẩn', 'TT', 'Tiêu chí', 'Mục tiêu', 'Giải pháp', 'Người thực hiện', 'Thời gian'];
const WIDTHS = [62, 24, 62, 110, 120, 80, 62];
const SIZE = 9;
const LINE = 11;
const PAD = 4;

interface Row {
  standard: string | null;
  rowNo: string;
  criterion: string;
  target: string[];
  solution: string[];
  owner: string[];
  timeline: string[];
}

const ROWS: Row[] = [
  { standard: 'Tiêu chuẩn 1', rowNo: '1', criterion: 'Tiêu chí 1.1', target: ['Phương hướng chiến lược', 'được công khai'], solution: ['Xây dựng kế hoạch chiến', 'lược phát triển nhà trường'], owner: ['Hiệu trưởng'], timeline: ['Năm học', '2024-2025'] },
  { standard: null, rowNo: '2', criterion: 'Tiêu chí 1.2', target: ['Hội đồng trường hoạt', 'động đúng quy chế'], solution: ['Kiện toàn Hội đồng', 'trường; xây dựng quy chế', 'hoạt động'], owner: ['Phó hiệu trưởng'], timeline: ['Quý 1/2025'] },
  { standard: null, rowNo: '3', criterion: 'Tiêu chí 1.3', target: ['Các tổ chức đoàn thể', 'phát huy vai trò'], solution: ['Chi bộ chỉ đạo Công', 'đoàn, Chi đoàn xây dựng', 'kế hoạch hoạt động', 'gắn với nhiệm vụ'], owner: ['Tổ trưởng', 'chuyên môn'], timeline: ['Năm học', '2024-2025'] },
  { standard: null, rowNo: '4', criterion: 'Tiêu chí 1.4', target: ['Hồ sơ tổ chuyên môn', 'đầy đủ'], solution: ['Rà soát, bổ sung hồ sơ', 'của tổ chuyên môn'], owner: ['Tổ trưởng', 'chuyên môn'], timeline: ['Tháng 9/2024'] },
];

const joined = (lines: string[]) => lines.join(' ');

type Rules = 'grid' | 'columns' | 'one-rule';

interface Drawn {
  /** Cell lines by column, this piece of the row (the rest, if any, on the next page). */
  cells: string[][];
}

/**
 * Draw the plan: rows `pieces` per page (a row may appear on two pages, split by line), the
 * standard column merged down (its text in the first row of the standard only), the header
 * repeated on each page when `repeatHeader`.
 */
async function drawPlan(pages: Drawn[][], rules: Rules, repeatHeader = true): Promise<Uint8Array> {
  const pdf = await TestPdf.create();
  const xs = [40];
  for (const w of WIDTHS) xs.push(xs.at(-1)! + w);
  pages.forEach((rows, p) => {
    const page: PDFPage = pdf.addPage();
    if (p === 0) {
      pdf.text(page, 'TRƯỜNG TIỂU HỌC HOA SEN', 40, 40, 11, true);
      pdf.text(page, 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 150, 70, 12, true);
      pdf.text(page, 'Năm học 2024 - 2025', 240, 88, 11);
    }
    const top0 = p === 0 ? 110 : 50;
    let top = top0;
    const hRule = (y: number) => pdf.line(page, xs[0], y, xs.at(-1)!, y);
    // Row rules under each body row except the last (grid only); the standard column's merge has no rule.
    const rowRule = (y: number) => pdf.line(page, xs[1], y, xs.at(-1)!, y);
    const drawRow = (cells: string[][], bold: boolean) => {
      const height = Math.max(1, ...cells.map((l) => l.length)) * LINE + 2 * PAD;
      cells.forEach((lines, c) => lines.forEach((line, k) => pdf.text(page, line, xs[c] + PAD, top + PAD + k * LINE, SIZE, bold)));
      top += height;
    };
    if (rules !== 'one-rule') hRule(top);
    if (p === 0 || repeatHeader) {
      drawRow(HEADERS.map((h) => [h]), true);
      hRule(top);
    }
    rows.forEach((row, i) => {
      drawRow(row.cells, false);
      if (rules === 'grid' && i < rows.length - 1) rowRule(top);
    });
    if (rules !== 'one-rule') hRule(top);
    for (const x of xs) pdf.line(page, x, top0, x, top);
  });
  return pdf.save();
}

function whole(row: Row): Drawn {
  return { cells: [row.standard ? [row.standard] : [], [row.rowNo], [row.criterion], row.target, row.solution, row.owner, row.timeline] };
}

/** The row cut after `keep` lines of each cell: the first piece and the tail (key cells empty in the tail). */
function cut(row: Row, keep: number): [Drawn, Drawn] {
  const cells = whole(row).cells;
  return [{ cells: cells.map((l) => l.slice(0, keep)) }, { cells: cells.map((l) => l.slice(keep)) }];
}

function expectItems(items: PlanItem[], rows: Row[]) {
  expect(items.map((i) => i.criterion)).toEqual(rows.map((r) => r.criterion.replace('Tiêu chí ', '')));
  items.forEach((item, k) => {
    const row = rows[k];
    expect(item, `row ${row.rowNo}`).toMatchObject({
      standard: 1,
      rowNo: row.rowNo,
      target: joined(row.target),
      solution: joined(row.solution),
      owner: joined(row.owner),
      timeline: joined(row.timeline),
    });
  });
}

describe.skipIf(!HAVE_FONTS)('plan tables over page breaks (text PDF)', () => {
  it.each([true, false])('joins a row the page break cut back into one item (header repeated: %s)', async (repeatHeader) => {
    const [head, tail] = cut(ROWS[2], 2);
    const bytes = await drawPlan([[whole(ROWS[0]), whole(ROWS[1]), head], [tail, whole(ROWS[3])]], 'grid', repeatHeader);
    const result = extractDocument(await ingestPdf(bytes));
    expectItems(result.items as PlanItem[], ROWS);
    const third = (result.items as PlanItem[])[2];
    expect(third.provenance.page).toBe(1);
    // The key cells were whole on page 1: nothing doubtful.
    expect(result.issues.filter((i) => i.code === 'item.continuation_doubtful')).toEqual([]);
    expect(third.confidence).toBeGreaterThan(0.8);
  });

  it.each([true, false])('keeps a row that starts on the next page under a merged standard as its own item (header repeated: %s)', async (repeatHeader) => {
    const bytes = await drawPlan([[whole(ROWS[0]), whole(ROWS[1])], [whole(ROWS[2]), whole(ROWS[3])]], 'grid', repeatHeader);
    const result = extractDocument(await ingestPdf(bytes));
    expectItems(result.items as PlanItem[], ROWS);
    expect((result.items as PlanItem[])[2].provenance.cells.find((c) => c.field === 'criterion')?.page).toBe(2);
    expect(result.issues.filter((i) => i.code === 'item.continuation_doubtful')).toEqual([]);
  });

  it('flags a row whose criterion cell the break cut ("Tiêu chí" / "1.3"), with confidence at most 0.8', async () => {
    const row = { ...ROWS[2], criterion: 'Tiêu chí 1.3' };
    const cells = whole(row).cells;
    cells[2] = ['Tiêu chí', '1.3'];
    const head: Drawn = { cells: cells.map((l) => l.slice(0, 1)) };
    const tail: Drawn = { cells: cells.map((l) => l.slice(1)) };
    const bytes = await drawPlan([[whole(ROWS[0]), whole(ROWS[1]), head], [tail, whole(ROWS[3])]], 'grid');
    const result = extractDocument(await ingestPdf(bytes));
    expectItems(result.items as PlanItem[], ROWS);
    const third = (result.items as PlanItem[])[2];
    expect(third.confidence).toBeLessThanOrEqual(0.8);
    expect(result.issues).toContainEqual(expect.objectContaining({ code: 'item.continuation_doubtful', row: third.provenance.row }));
  });
});

describe.skipIf(!HAVE_FONTS)('plan tables drawn without row rules (text PDF)', () => {
  it.each<Rules>(['columns', 'one-rule'])('finds the grid and one row per item (%s)', async (rules) => {
    const bytes = await drawPlan([ROWS.map(whole)], rules);
    const layout = await ingestPdf(bytes);
    const table = layout.pages[0].blocks.find((b) => b.type === 'table');
    expect(table?.type === 'table' && table.rows).toBe(ROWS.length + 1);
    expectItems(extractDocument(layout).items as PlanItem[], ROWS);
  });

  it('leaves a ruled table whose one row holds several paragraphs as one row', async () => {
    const row = { ...ROWS[0], solution: ['- Xây dựng kế hoạch', '', '- Tổ chức thực hiện'] };
    const bytes = await drawPlan([[whole(row)]], 'grid');
    const items = extractDocument(await ingestPdf(bytes)).items as PlanItem[];
    expect(items).toHaveLength(1);
    expect(items[0].solution).toBe('- Xây dựng kế hoạch - Tổ chức thực hiện');
  });
});
