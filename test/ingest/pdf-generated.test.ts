/**
 * PDFs drawn in the test (pdf-lib, DejaVu Sans with Vietnamese glyphs): the page-break cases the
 * fixtures show only once each, built so every expectation is known exactly.
 */
import type { PDFPage } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { IMAGE_PAGE_WITH_TEXT, ingestPdf, PAGE_WITHOUT_TEXT, pdfPagesWithoutText } from '../../src/ingest/pdf.js';
import { LayoutSchema, tableGrid, tablesOf, type Layout, type Paragraph } from '../../src/layout/layout.js';
import { HAVE_FONTS, TestPdf } from './pdf-builder.js';

const XS = [40, 70, 150, 290, 430, 555];
/** A 1 × 1 PNG, stretched over a page to stand in for a scanned image. */
const PIXEL_PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const HEADER = ['TT', 'Tiêu chí', 'Kết quả cần đạt', 'Công việc/giải pháp', 'Người thực hiện'];
const LINE = 14;

interface DrawOptions {
  bold?: boolean;
  /** Draw rules as thin filled bars (Word) instead of strokes (LibreOffice). */
  bars?: boolean;
}

/** Draw one table row (cells as lines of text) under `top`; returns the row's bottom. */
function drawRow(pdf: TestPdf, page: PDFPage, top: number, cells: string[][], opts: DrawOptions = {}): number {
  const height = Math.max(1, ...cells.map((c) => c.length)) * LINE + 6;
  cells.forEach((lines, c) => lines.forEach((text, i) => pdf.text(page, text, XS[c] + 3, top + 3 + i * LINE, 10, opts.bold)));
  rule(pdf, page, XS[0], top + height, XS[XS.length - 1], top + height, opts);
  for (const x of XS) rule(pdf, page, x, top, x, top + height, opts);
  return top + height;
}

function rule(pdf: TestPdf, page: PDFPage, x0: number, y0: number, x1: number, y1: number, opts: DrawOptions): void {
  if (!opts.bars) return pdf.line(page, x0, y0, x1, y1);
  if (y0 === y1) pdf.bar(page, x0 - 0.25, y0 - 0.25, x1 - x0 + 0.5, 0.5);
  else pdf.bar(page, x0 - 0.25, y0 - 0.25, 0.5, y1 - y0 + 0.5);
}

/** A table's header row plus its top rule; returns the header's bottom. */
function drawHeader(pdf: TestPdf, page: PDFPage, top: number, opts: DrawOptions = {}): number {
  rule(pdf, page, XS[0], top, XS[XS.length - 1], top, opts);
  return drawRow(pdf, page, top, HEADER.map((h) => [h]), { ...opts, bold: true });
}

const dataRow = (i: number): string[][] => [
  [String(i)],
  [`Tiêu chí ${Math.ceil(i / 3)}.${i}`],
  [`Mục tiêu số ${i} đạt`],
  [`Giải pháp số ${i}: tổ chức`, 'bồi dưỡng giáo viên'],
  ['Hiệu trưởng'],
];

const paragraphs = (l: Layout): Paragraph[] => l.pages.flatMap((p) => p.blocks.filter((b): b is Paragraph => b.type === 'paragraph'));
const allText = (l: Layout): string =>
  l.pages
    .flatMap((p) => p.blocks.flatMap((b) => (b.type === 'paragraph' ? b.lines : b.cells.flatMap((c) => c.lines))))
    .join('\n');
const texts = (l: Layout) => tableGrid(tablesOf(l)[0]).map((row) => row.map((s) => (s?.origin ? s.cell.lines.join(' / ') : '^')));

describe.skipIf(!HAVE_FONTS)('generated PDFs', () => {
  let threePages: Layout;
  let splitRow: Layout;

  beforeAll(async () => {
    // A ruled table over three pages, header repeated on each, with a running header and
    // "Trang n/3" footer on every page.
    const pdf = await TestPdf.create();
    let n = 1;
    for (let p = 1; p <= 3; p++) {
      const page = pdf.addPage();
      pdf.text(page, 'Trường Mầm non Hoa Sen – Kế hoạch cải tiến chất lượng năm học 2024-2025', 120, 20, 9);
      pdf.text(page, `Trang ${p}/3`, 280, 812, 9);
      let top = 60;
      if (p === 1) {
        pdf.text(page, 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 150, top, 13, true);
        top += 30;
      }
      top = drawHeader(pdf, page, top);
      for (let r = 0; r < 6; r++) top = drawRow(pdf, page, top, dataRow(n++));
      if (p === 3) pdf.text(page, 'Nơi nhận: Phòng GDĐT (để b/c); Lưu VT.', 40, top + 30, 11);
    }
    threePages = await ingestPdf(await pdf.save());

    // A row cut by the page break: its solution and owner continue on page 2, under the
    // repeated header; rules drawn as thin bars, the way Word exports them.
    const cut = await TestPdf.create();
    const p1 = cut.addPage();
    let top = drawHeader(cut, p1, 60, { bars: true });
    for (let i = 1; i <= 2; i++) top = drawRow(cut, p1, top, dataRow(i), { bars: true });
    drawRow(cut, p1, top, [['3'], ['Tiêu chí 1.3'], ['Mục tiêu số 3 đạt'], ['Giải pháp dòng 1', 'Giải pháp dòng 2'], ['Hiệu trưởng,']], { bars: true });
    const p2 = cut.addPage();
    top = drawHeader(cut, p2, 60, { bars: true });
    top = drawRow(cut, p2, top, [[], [], [], ['Giải pháp dòng 3'], ['phó hiệu trưởng']], { bars: true });
    drawRow(cut, p2, top, dataRow(4), { bars: true });
    splitRow = await ingestPdf(await cut.save());
  });

  it('stitches a ruled table over three pages into one table without repeated headers', () => {
    expect(LayoutSchema.parse(threePages)).toBeTruthy();
    const tables = tablesOf(threePages);
    expect(tables).toHaveLength(1);
    const [table] = tables;
    expect(table).toMatchObject({ index: 0, rows: 19, cols: 5, pages: [1, 2, 3] });
    const rows = texts(threePages);
    expect(rows[0]).toEqual(HEADER);
    expect(rows.slice(1).map((r) => r[0])).toEqual(Array.from({ length: 18 }, (_, i) => String(i + 1)));
    expect(rows[9]).toEqual(['9', 'Tiêu chí 3.9', 'Mục tiêu số 9 đạt', 'Giải pháp số 9: tổ chức / bồi dưỡng giáo viên', 'Hiệu trưởng']);
    // The first page's header row is marked as the header; each cell keeps its own page.
    expect(table.cells.filter((c) => c.row === 0).every((c) => c.header)).toBe(true);
    const grid = tableGrid(table);
    expect([grid[1][0]!.cell.page, grid[7][0]!.cell.page, grid[18][0]!.cell.page]).toEqual([1, 2, 3]);
  });

  it('drops the running header and the page-number footer from the content', () => {
    const text = allText(threePages);
    expect(text).not.toMatch(/Hoa Sen/);
    expect(text).not.toMatch(/Trang \d/);
    expect(paragraphs(threePages).map((p) => p.lines.join(' '))).toEqual([
      'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC',
      'Nơi nhận: Phòng GDĐT (để b/c); Lưu VT.',
    ]);
  });

  it('joins a row cut by a page break into the row above, cell by cell', () => {
    const tables = tablesOf(splitRow);
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ rows: 5, cols: 5, pages: [1, 2] });
    const rows = texts(splitRow);
    expect(rows[3]).toEqual([
      '3',
      'Tiêu chí 1.3',
      'Mục tiêu số 3 đạt',
      'Giải pháp dòng 1 / Giải pháp dòng 2 / Giải pháp dòng 3',
      'Hiệu trưởng, / phó hiệu trưởng',
    ]);
    expect(rows[4][0]).toBe('4');
    expect(tableGrid(tables[0])[3][3]!.cell.page).toBe(1);
    expect(tableGrid(tables[0])[4][3]!.cell.page).toBe(2);
  });

  it('finds a borderless table from column alignment, and leaves the prose around it alone', async () => {
    const pdf = await TestPdf.create();
    const page = pdf.addPage();
    pdf.text(page, 'Danh sách thành viên Hội đồng tự đánh giá của nhà trường như sau:', 40, 60, 11);
    const cols = [40, 80, 250, 400];
    const rows = [
      ['TT', 'Họ và tên', 'Chức vụ', 'Nhiệm vụ'],
      ['1', 'Nguyễn Thị Phương Lan', 'Hiệu trưởng', 'Chủ tịch'],
      ['2', 'Hà Thị Thúy', 'Phó hiệu trưởng', 'Phó chủ tịch'],
      ['3', 'Lương Thị Thu', 'Giáo viên', 'Thư ký'],
      ['4', 'Đinh Thị Đức', 'Tổ phó tổ MGL', 'Ủy viên'],
    ];
    rows.forEach((r, i) => r.forEach((t, c) => pdf.text(page, t, cols[c], 90 + i * 16, 11, i === 0)));
    pdf.text(page, 'Hội đồng làm việc theo nguyên tắc tập thể, thống nhất và công khai.', 40, 190, 11);
    const layout = await ingestPdf(await pdf.save());
    const [table, ...others] = tablesOf(layout);
    expect(others).toHaveLength(0);
    expect(table).toMatchObject({ rows: 5, cols: 4 });
    expect(texts(layout)).toEqual(rows);
    expect(paragraphs(layout).map((p) => p.lines.join(' '))).toEqual([
      'Danh sách thành viên Hội đồng tự đánh giá của nhà trường như sau:',
      'Hội đồng làm việc theo nguyên tắc tập thể, thống nhất và công khai.',
    ]);
  });

  it('drops running headers and page numbers but keeps a number inside the text', async () => {
    const pdf = await TestPdf.create();
    for (let p = 1; p <= 3; p++) {
      const page = pdf.addPage();
      pdf.text(page, 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2024-2025', 160, 25, 9);
      pdf.text(page, `Nội dung trang ${p}: nhà trường tiếp tục duy trì các tiêu chí đạt mức 2.`, 40, 100, 12);
      pdf.text(page, '15', 290, 400, 12);
      pdf.text(page, `- ${p} -`, 290, 810, 10);
    }
    const layout = await ingestPdf(await pdf.save());
    const lines = paragraphs(layout).map((p) => p.lines.join(' '));
    expect(lines).toEqual([1, 2, 3].flatMap((p) => [`Nội dung trang ${p}: nhà trường tiếp tục duy trì các tiêu chí đạt mức 2.`, '15']));
  });

  it('splits a two-column letterhead into blocks, left half first, each line its own', async () => {
    const pdf = await TestPdf.create();
    const page = pdf.addPage(841.89, 595.28);
    pdf.text(page, 'UBND HUYỆN ĐIỆN BIÊN', 170, 50, 12);
    pdf.text(page, 'TRƯỜNG MẦM NON SỐ 2 XÃ THANH YÊN', 120, 68, 12, true);
    pdf.text(page, 'Số: 216/KH-MNS2TY', 187, 94, 12);
    pdf.text(page, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 486, 50, 12, true);
    pdf.text(page, 'Độc lập - Tự do - Hạnh phúc', 538, 68, 12, true);
    pdf.text(page, 'Thanh Yên, ngày 10 tháng 3 năm 2021', 518, 94, 12);
    pdf.text(page, 'KẾ HOẠCH', 388, 130, 14, true);
    const layout = await ingestPdf(await pdf.save());
    const blocks = paragraphs(layout).map((p) => p.lines);
    expect(blocks.flat()).toEqual([
      'UBND HUYỆN ĐIỆN BIÊN',
      'TRƯỜNG MẦM NON SỐ 2 XÃ THANH YÊN',
      'Số: 216/KH-MNS2TY',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Thanh Yên, ngày 10 tháng 3 năm 2021',
      'KẾ HOẠCH',
    ]);
    // Left and right halves never share a block.
    for (const b of blocks) expect(b.some((l) => l.includes('Số:')) && b.some((l) => l.includes('Thanh Yên'))).toBe(false);
    expect(paragraphs(layout).find((p) => p.lines.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'))?.bold).toBe(true);
  });

  it('reports pages without a text layer in a mixed document', async () => {
    const pdf = await TestPdf.create();
    pdf.text(pdf.addPage(), 'Trang có nội dung văn bản.', 40, 60, 12);
    const blank = pdf.addPage();
    pdf.line(blank, 40, 100, 500, 100);
    const bytes = await pdf.save();
    const layout = await ingestPdf(bytes);
    expect(layout.issues).toEqual([expect.objectContaining({ code: PAGE_WITHOUT_TEXT, severity: 'warning', page: 2 })]);
    expect(layout.pages.map((p) => p.blocks.length)).toEqual([1, 0]);
    expect(await pdfPagesWithoutText(bytes)).toEqual([2]);
  });

  it('counts a page-sized image with a stamped page number as a page without text', async () => {
    const pdf = await TestPdf.create();
    pdf.text(pdf.addPage(), 'Trang có nội dung văn bản.', 40, 60, 12);
    const scan = pdf.addPage();
    const png = await pdf.doc.embedPng(PIXEL_PNG);
    scan.drawImage(png, { x: 0, y: 0, width: scan.getWidth(), height: scan.getHeight() });
    pdf.text(scan, 'Trang 2', 280, 810, 9);
    const bytes = await pdf.save();
    expect((await ingestPdf(bytes)).issues.map((i) => i.page)).toEqual([2]);
    expect(await pdfPagesWithoutText(bytes)).toEqual([2]);
  });

  it('flags a scanned page under a full OCR text layer: its words are kept, its rules are pixels', async () => {
    const pdf = await TestPdf.create();
    const page = pdf.addPage();
    page.drawImage(await pdf.doc.embedPng(PIXEL_PNG), { x: 0, y: 0, width: page.getWidth(), height: page.getHeight() });
    pdf.text(page, 'Kế hoạch cải tiến chất lượng giáo dục năm học 2024-2025', 60, 100, 12);
    const layout = await ingestPdf(await pdf.save());
    expect(layout.issues).toEqual([expect.objectContaining({ code: IMAGE_PAGE_WITH_TEXT, severity: 'info', page: 1 })]);
    expect(paragraphs(layout)).toHaveLength(1);
  });

  it('fails with scan.no_text when no page has text', async () => {
    const pdf = await TestPdf.create();
    pdf.line(pdf.addPage(), 40, 100, 500, 100);
    pdf.addPage();
    await expect(ingestPdf(await pdf.save())).rejects.toMatchObject({
      code: 'scan.no_text',
      details: { pages: 2, pagesWithoutText: [1, 2] },
    });
  });
});
