/**
 * Tables across page breaks and page furniture, on hand-built Layout pages (what buildPage
 * returns for a text PDF or an OCR page).
 */
import { describe, expect, it } from 'vitest';
import { tableGrid, tablesOf, type Block, type Cell, type Page, type Paragraph, type Table } from '../../src/layout/layout.js';
import { dropRunningText } from '../../src/ingest/geometry/furniture.js';
import { stitchTables } from '../../src/ingest/geometry/stitch.js';

const XS = [40, 80, 200, 400, 555];
const HEADER = ['TT', 'Tiêu chí', 'Giải pháp', 'Người thực hiện'];

/** A table from rows of cell lines ('' → empty cell), each row 30 pt tall from `top`. */
function table(page: number, rows: string[][], top = 60, xs = XS): Table {
  const cells: Cell[] = rows.flatMap((r, i) =>
    r.map((text, c) => ({
      row: i,
      col: c,
      rowSpan: 1,
      colSpan: 1,
      lines: text ? text.split('\n') : [],
      page,
      box: { x0: xs[c], y0: top + 30 * i, x1: xs[c + 1], y1: top + 30 * (i + 1) },
    })),
  );
  return { type: 'table', index: 0, rows: rows.length, cols: rows[0].length, cells, pages: [page], box: { x0: xs[0], y0: top, x1: xs[xs.length - 1], y1: top + 30 * rows.length } };
}

const para = (page: number, text: string, y0: number, x0 = 55): Paragraph => ({
  type: 'paragraph',
  lines: [text],
  page,
  box: { x0, y0, x1: x0 + 6 * text.length, y1: y0 + 14 },
});
const pageOf = (number: number, blocks: Block[]): Page => ({ number, width: 595, height: 842, blocks });
const texts = (t: Table) => tableGrid(t).map((r) => r.map((s) => (s?.origin ? s.cell.lines.join(' / ') : '^')));

describe('stitchTables', () => {
  it('merges a continuation: repeated header dropped, cut row joined, pages listed, cells keep their page', () => {
    const pages = [
      pageOf(1, [para(1, 'III. NỘI DUNG KẾ HOẠCH', 30), table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'], ['2', 'Tiêu chí 1.2', 'Tham mưu với\nlãnh đạo', 'Phó HT']], 700)]),
      pageOf(2, [table(2, [HEADER, ['', '', 'các cấp', 'và tổ trưởng'], ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM']]), para(2, 'IV. TỔ CHỨC THỰC HIỆN', 200)]),
    ];
    const out = stitchTables(pages);
    const [t, ...rest] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: out, issues: [] });
    expect(rest).toEqual([]);
    expect(t).toMatchObject({ index: 0, rows: 4, cols: 4, pages: [1, 2] });
    expect(texts(t)).toEqual([
      HEADER,
      ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'],
      ['2', 'Tiêu chí 1.2', 'Tham mưu với / lãnh đạo / các cấp', 'Phó HT / và tổ trưởng'],
      ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM'],
    ]);
    const grid = tableGrid(t);
    expect(grid[0].every((s) => s?.cell.header)).toBe(true);
    expect([grid[2][2]!.cell.page, grid[3][2]!.cell.page]).toEqual([1, 2]);
    expect(out[1].blocks.map((b) => b.type)).toEqual(['paragraph']);
  });

  it('drops a repeated header a scan misread ("(1)" as "(G1)"), so the row the break cut is still joined', () => {
    const numbers = ['(1)', '(2)', '(3)', '(4)'];
    const pages = [
      pageOf(1, [table(1, [numbers, ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'], ['2', 'Tiêu chí 1.2', 'Tham mưu với', 'Phó HT']], 700)]),
      pageOf(2, [table(2, [['(G1)', '(2)', '(3)', '(4)'], ['', '', 'lãnh đạo', 'và tổ trưởng'], ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM']])]),
    ];
    const [t] = tablesOf({ source: { format: 'scan', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(texts(t)).toEqual([
      numbers,
      ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'],
      ['2', 'Tiêu chí 1.2', 'Tham mưu với / lãnh đạo', 'Phó HT / và tổ trưởng'],
      ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM'],
    ]);
  });

  it('drops a repeated header of words and column numbers whose numbers a scan read otherwise ("(1", one lost), so the cut row is still joined', () => {
    const pages = [
      pageOf(1, [table(1, [HEADER, ['(1)', '(2)', '(3)', '(4)'], ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'], ['2', 'Tiêu chí 1.2', 'Tham mưu với', 'Phó HT']], 680)]),
      pageOf(2, [table(2, [HEADER, ['(1', '(2)', '(3)', ''], ['', '', 'lãnh đạo', 'và tổ trưởng'], ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM']])]),
    ];
    const [t] = tablesOf({ source: { format: 'scan', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(texts(t)).toEqual([
      HEADER,
      ['(1)', '(2)', '(3)', '(4)'],
      ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'],
      ['2', 'Tiêu chí 1.2', 'Tham mưu với / lãnh đạo', 'Phó HT / và tổ trưởng'],
      ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM'],
    ]);
  });

  it('keeps a first row that only half matches the header: a row of its own, not a repeat', () => {
    const pages = [
      pageOf(1, [table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng']], 700)]),
      pageOf(2, [table(2, [['TT', 'Tiêu chí', 'Rà soát hồ sơ', 'Tổ CM'], ['3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM']])]),
    ];
    const [t] = tablesOf({ source: { format: 'scan', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(t.rows).toBe(4);
  });

  it('follows a table through a page that is all table, and renumbers every table in order', () => {
    const row = (n: number) => [String(n), `Tiêu chí ${n}`, 'Giải pháp', 'HT'];
    const pages = [
      pageOf(1, [table(1, [['a', 'b', 'c'], ['1', '2', '3']], 60, [40, 100, 200, 300]), table(1, [HEADER, row(1)], 600)]),
      pageOf(2, [table(2, [HEADER, row(2), row(3)])]),
      pageOf(3, [table(3, [HEADER, row(4)]), para(3, 'Nơi nhận:', 300), table(3, [['x', 'y', 'z'], ['4', '5', '6']], 400, [40, 100, 200, 300])]),
    ];
    const out = stitchTables(pages);
    const tables = out.flatMap((p) => p.blocks.filter((b): b is Table => b.type === 'table'));
    expect(tables.map((t) => [t.index, t.rows, t.pages])).toEqual([
      [0, 2, [1]],
      [1, 5, [1, 2, 3]],
      [2, 2, [3]],
    ]);
    expect(texts(tables[1]).map((r) => r[0])).toEqual(['TT', '1', '2', '3', '4']);
  });

  it('compares repeated headers ignoring accents, case and spaces', () => {
    const pages = [
      pageOf(1, [table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'A', 'B']], 700)]),
      pageOf(2, [table(2, [['T T', 'Tieu chi', 'GIẢI PHÁP', 'Người thực  hiện'], ['2', 'Tiêu chí 1.2', 'C', 'D']])]),
    ];
    expect(texts(tablesOf({ source: { format: 'scan', reader: 'ocr', paginated: true }, pages: stitchTables(pages), issues: [] })[0]).map((r) => r[0])).toEqual(['TT', '1', '2']);
  });

  it('extends a vertically merged cell the break cut', () => {
    const t1 = table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng']], 700);
    const t2 = table(2, [['', '', 'giáo viên', ''], ['2', 'Tiêu chí 1.2', 'Rà soát', '']]);
    // The owner cell spans both continuation rows.
    t2.cells = t2.cells.filter((c) => !(c.col === 3 && c.row === 1));
    t2.cells.find((c) => c.col === 3 && c.row === 0)!.rowSpan = 2;
    t2.cells.find((c) => c.col === 3 && c.row === 0)!.lines = ['và phó HT'];
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables([pageOf(1, [t1]), pageOf(2, [t2])]), issues: [] });
    expect(t.rows).toBe(3);
    const owner = tableGrid(t)[1][3]!.cell;
    expect(owner).toMatchObject({ row: 1, rowSpan: 2, lines: ['Hiệu trưởng', 'và phó HT'], page: 1 });
    expect(tableGrid(t)[2][3]!.cell).toBe(owner);
  });

  it('does not merge across other content, a different column count, or columns that moved', () => {
    const body = [HEADER, ['1', 'Tiêu chí 1.1', 'A', 'B']];
    const cases: Page[][] = [
      [pageOf(1, [table(1, body, 600), para(1, 'Trên đây là kế hoạch.', 780)]), pageOf(2, [table(2, body)])],
      [pageOf(1, [table(1, body, 600)]), pageOf(2, [table(2, body.map((r) => r.slice(0, 3)), 60, [40, 80, 200, 555])])],
      [pageOf(1, [table(1, body, 600)]), pageOf(2, [table(2, body, 60, [40, 150, 260, 420, 555])])],
      [pageOf(1, [table(1, body, 600)]), pageOf(2, [para(2, 'Tiếp theo', 40), table(2, body, 80)])],
    ];
    for (const pages of cases) {
      const out = stitchTables(pages);
      expect(out.flatMap((p) => p.blocks.filter((b) => b.type === 'table')).length).toBe(2);
    }
  });

  it('does not join a continuation that starts with a real row', () => {
    const pages = [
      pageOf(1, [table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'A', 'B']], 700)]),
      pageOf(2, [table(2, [['2', 'Tiêu chí 1.2', 'C', 'D']])]),
    ];
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(texts(t)).toEqual([HEADER, ['1', 'Tiêu chí 1.1', 'A', 'B'], ['2', 'Tiêu chí 1.2', 'C', 'D']]);
  });

  it('merges tables without geometry by column count alone', () => {
    const strip = (t: Table): Table => ({ ...t, box: undefined, cells: t.cells.map(({ box: _box, ...c }) => c) });
    const pages = [pageOf(1, [strip(table(1, [HEADER, ['1', 'a', 'b', 'c']]))]), pageOf(2, [strip(table(2, [HEADER, ['2', 'd', 'e', 'f']]))])];
    expect(tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] })).toHaveLength(1);
  });

  it('does not change its input', () => {
    const pages = [pageOf(1, [table(1, [HEADER, ['1', 'a', 'b', 'c']], 700)]), pageOf(2, [table(2, [HEADER, ['', '', 'd', '']])])];
    const before = structuredClone(pages);
    stitchTables(pages);
    expect(pages).toEqual(before);
  });
});

describe('page furniture', () => {
  const body = (n: number) => para(n, `Nội dung chính của trang ${n}, nhà trường tiếp tục thực hiện.`, 300);

  it('drops text repeated at the same place on most pages, digits aside', () => {
    const pages = [1, 2, 3, 4].map((n) =>
      pageOf(n, [para(n, 'Trường THCS Đông Sơn – Kế hoạch năm học 2026-2027', 20), body(n), para(n, `Trang ${n}/4`, 815, 280)]),
    );
    const out = dropRunningText(pages);
    expect(out.map((p) => p.blocks.map((b) => (b as Paragraph).lines[0]))).toEqual(pages.map((p, i) => [body(i + 1).lines[0]]));
  });

  it('drops a lone page number at the top or bottom edge even on one page, but keeps numbers in the text', () => {
    const out = dropRunningText([pageOf(1, [para(1, '- 2 -', 20, 290), para(1, '15', 400, 290), body(1), para(1, '3', 815, 550)])]);
    expect(out[0].blocks.map((b) => (b as Paragraph).lines[0])).toEqual(['15', body(1).lines[0]]);
  });

  it('keeps a heading that merely sits near the top of one page', () => {
    const pages = [pageOf(1, [para(1, 'KẾ HOẠCH', 40), body(1)]), pageOf(2, [para(2, 'VI. TỔ CHỨC THỰC HIỆN', 40), body(2)])];
    expect(dropRunningText(pages)).toEqual(pages);
  });

  it('marks the cells a cut row was joined into with the page the continuation starts on', () => {
    const pages = [
      pageOf(1, [table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng']], 700)]),
      pageOf(2, [table(2, [['', '', 'giáo viên', ''], ['2', 'Tiêu chí 1.2', 'Rà soát', 'Tổ CM']])]),
    ];
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    const grid = tableGrid(t);
    expect(texts(t)[1]).toEqual(['1', 'Tiêu chí 1.1', 'Bồi dưỡng / giáo viên', 'Hiệu trưởng']);
    expect(grid[1].map((s) => s!.cell.continuedAt)).toEqual([undefined, undefined, 2, undefined]);
  });

  it('does not pour a next-page row into the section row that ends the page', () => {
    // Text columns first (a shuffled report), so the key columns are text that a row may leave empty.
    const head = ['Điều chỉnh', 'Đang làm', 'Tiêu chí', 'Đã xong'];
    const first = table(1, [head, ['Giữ nguyên', 'Đang làm A', '1.1', ''], ['Giữ nguyên', 'Đang làm B', '1.2', ''], ['TIÊU CHUẨN 5', '', '', '']], 690);
    const section = first.cells.filter((c) => c.row === 3);
    section[0].colSpan = 4;
    section[0].box!.x1 = XS[4];
    first.cells = first.cells.filter((c) => c.row !== 3 || c.col === 0);
    const pages = [pageOf(1, [first]), pageOf(2, [table(2, [['Giữ nguyên', '', '5.1', 'Đã làm C']])])];
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(texts(t).slice(3)).toEqual([
      ['TIÊU CHUẨN 5', '^', '^', '^'],
      ['Giữ nguyên', '', '5.1', 'Đã làm C'],
    ]);
  });

  it('joins a word the page break cut in a narrow column, only where its first piece ran into the cell edge', () => {
    const first = table(1, [HEADER, ['1', 'Tiêu chí 1.1', 'Chi\nthườ', 'Hiệu trưởng\nvà']], 700);
    // The solution's last line ran into its cell's right edge; the owner's did not.
    for (const c of first.cells) if (c.row === 1 && c.col >= 2) c.runsToEdge = c.col === 2;
    const pages = [pageOf(1, [first]), pageOf(2, [table(2, [['', '', 'ng xuyên', 'ng'], ['2', 'Tiêu chí 1.2', 'Rà soát', 'Tổ CM']])])];
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(texts(t)[1]).toEqual(['1', 'Tiêu chí 1.1', 'Chi / thường xuyên', 'Hiệu trưởng / và / ng']);
  });

  it('joins a row the break cut inside its key cells: the criterion cell goes on in lower case ("nhâ" / "n viên")', () => {
    const xs = [40, 120, 400, 555];
    const header = ['Tiêu chí', 'Giải pháp', 'Người thực hiện'];
    const first = table(1, [header, ['Tiêu chí 2.3:\nĐối với\nnhâ', 'Tạo điều kiện cho\ngiáo viên', 'Hiệu trưởng']], 700, xs);
    for (const c of first.cells) if (c.row === 1 && c.col === 0) c.runsToEdge = true;
    const stitched = (next: Table) =>
      tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables([pageOf(1, [structuredClone(first)]), pageOf(2, [next])]), issues: [] })[0];
    const cut = stitched(table(2, [['n viên', 'học nâng chuẩn', ''], ['Tiêu chí 3.1', 'Cải tạo bếp ăn', 'Phó HT']], 60, xs));
    expect(texts(cut).slice(1)).toEqual([
      ['Tiêu chí 2.3: / Đối với / nhân viên', 'Tạo điều kiện cho / giáo viên / học nâng chuẩn', 'Hiệu trưởng'],
      ['Tiêu chí 3.1', 'Cải tạo bếp ăn', 'Phó HT'],
    ]);
    // A next-page row whose key cell opens in capitals is a row of its own (a criterion whose code a scan lost).
    const own = stitched(table(2, [['Đối với nhân viên', 'Bồi dưỡng', 'Tổ CM'], ['Tiêu chí 3.1', 'Cải tạo bếp ăn', 'Phó HT']], 60, xs));
    expect(texts(own).map((r) => r[0])).toEqual(['Tiêu chí', 'Tiêu chí 2.3: / Đối với / nhâ', 'Đối với nhân viên', 'Tiêu chí 3.1']);
    // A tail a scan read as one cell across the columns (no rule found between them) may belong to
    // any of them: it is not poured into the key cell.
    const wide = table(2, [['n viên', '', ''], ['Tiêu chí 3.1', 'Cải tạo bếp ăn', 'Phó HT']], 60, xs);
    wide.cells = wide.cells.filter((c) => c.row !== 0 || c.col === 0).map((c) => (c.row === 0 ? { ...c, colSpan: 3, box: { ...c.box!, x1: xs[3] } } : c));
    expect(texts(stitched(wide)).map((r) => r[0])).toEqual(['Tiêu chí', 'Tiêu chí 2.3: / Đối với / nhâ', 'n viên', 'Tiêu chí 3.1']);
  });

  it('keeps a next-page row with its own number and criterion as a row, under the standard merged above it', () => {
    const head = ['Tiêu chuẩn', ...HEADER];
    const xs = [40, 80, 110, 200, 400, 555];
    const first = table(1, [head, ['Tiêu chuẩn 1', '1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'], ['', '2', 'Tiêu chí 1.2', 'Tham mưu', 'Phó HT']], 700, xs);
    // The standard merged down its column on page 1.
    first.cells = first.cells.filter((c) => !(c.col === 0 && c.row === 2));
    first.cells.find((c) => c.col === 0 && c.row === 1)!.rowSpan = 2;
    const pages = [pageOf(1, [first]), pageOf(2, [table(2, [['', '3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM'], ['Tiêu chuẩn 2', '4', 'Tiêu chí 2.1', 'Tập huấn', 'HT']], 60, xs)])];
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables(pages), issues: [] });
    expect(t.rows).toBe(5);
    expect(texts(t).slice(1)).toEqual([
      ['Tiêu chuẩn 1', '1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Hiệu trưởng'],
      ['^', '2', 'Tiêu chí 1.2', 'Tham mưu', 'Phó HT'],
      ['^', '3', 'Tiêu chí 1.3', 'Rà soát', 'Tổ CM'],
      ['Tiêu chuẩn 2', '4', 'Tiêu chí 2.1', 'Tập huấn', 'HT'],
    ]);
    expect(t.cells.some((c) => c.continuedAt != null)).toBe(false);
  });

  it('tells a next-page row of its own by a criterion a narrow column wrote one word a line', () => {
    // No row numbers; "Tiêu" / "chí" / "1.5" / "(Mức 2)": the code is on the third line.
    const head = ['Tiêu chuẩn', 'Tiêu chí', 'Giải pháp', 'Người thực hiện'];
    const first = table(1, [head, ['Tiêu chuẩn 1', 'Tiêu\nchí\n1.4\n(Mức 3)', 'Chi bộ chỉ đạo', 'Tổ văn phòng']], 700);
    const next = table(2, [['', 'Tiêu\nchí\n1.5\n(Mức 2)', 'Xây dựng quy chế', 'Hội đồng trường']]);
    const [t] = tablesOf({ source: { format: 'pdf', reader: 't', paginated: true }, pages: stitchTables([pageOf(1, [first]), pageOf(2, [next])]), issues: [] });
    expect(t.rows).toBe(3);
    expect(texts(t).slice(1).map((r) => r[1])).toEqual(['Tiêu / chí / 1.4 / (Mức 3)', 'Tiêu / chí / 1.5 / (Mức 2)']);
    // Narrower still, the code itself breaks ("3." / "2"), above a next-page row whose first
    // column is empty: the codes differ, so the row is its own.
    const narrow = table(1, [['Đang thực hiện', 'Tiêu chí', 'Kế hoạch'], ['Đang làm', 'Tiêu\nchí\n3.1', 'Sửa phòng'], ['Chậm tiến độ', 'Tiêu\nchí\n3.\n2', 'Sắp xếp lại']], 700);
    const below = table(2, [['', 'Tiêu\nchí\n3.3', 'Lập dự toán']]);
    const [n] = tablesOf({ source: { format: 'scan', reader: 't', paginated: true }, pages: stitchTables([pageOf(1, [narrow]), pageOf(2, [below])]), issues: [] });
    expect(texts(n).slice(1).map((r) => r[1])).toEqual(['Tiêu / chí / 3.1', 'Tiêu / chí / 3. / 2', 'Tiêu / chí / 3.3']);
  });

  it('tells a next-page row of its own from the row above whose code a scan read without its dot ("54" above "5.5.")', () => {
    const head = ['Tiêu chuẩn', 'Tiêu chí', 'Giải pháp', 'Người thực hiện'];
    const row = (code: string, what: string) => ['', code, what, 'GVCN'];
    const first = table(1, [head, ['Tiêu chuẩn 5', '5.3', 'Tổ chức câu lạc bộ', 'GVCN'], row('54', 'Phụ đạo học sinh')], 640);
    // The standard merged down its column, so the next page's first row is empty there.
    first.cells = first.cells.filter((c) => !(c.col === 0 && c.row === 2));
    first.cells.find((c) => c.col === 0 && c.row === 1)!.rowSpan = 2;
    const [t] = tablesOf({
      source: { format: 'scan', reader: 't', paginated: true },
      pages: stitchTables([pageOf(1, [first]), pageOf(2, [table(2, [row('5.5.', 'Tổ chức các chủ đề STEM')])])]),
      issues: [],
    });
    expect(texts(t).slice(1).map((r) => r[1])).toEqual(['5.3', '54', '5.5.']);
    // The same with the label kept: "Tiêu chí 54" above "Tiêu chí 5.5".
    const labelled = table(1, [head, ['Tiêu chuẩn 5', 'Tiêu chí 5.3', 'Tổ chức câu lạc bộ', 'GVCN'], row('Tiêu\nchí\n54', 'Phụ đạo học sinh')], 640);
    labelled.cells = labelled.cells.filter((c) => !(c.col === 0 && c.row === 2));
    labelled.cells.find((c) => c.col === 0 && c.row === 1)!.rowSpan = 2;
    const both = stitchTables([pageOf(1, [labelled]), pageOf(2, [table(2, [row('Tiêu chí 5.5', 'Tổ chức các chủ đề STEM')])])]);
    expect(texts(tablesOf({ source: { format: 'scan', reader: 't', paginated: true }, pages: both, issues: [] })[0]).slice(1).map((r) => r[1])).toEqual(['Tiêu chí 5.3', 'Tiêu / chí / 54', 'Tiêu chí 5.5']);
    // The same number twice is one row cut by the break: its tail is joined.
    const again = stitchTables([pageOf(1, [first]), pageOf(2, [table(2, [row('', 'theo khối lớp')])])]);
    expect(tablesOf({ source: { format: 'scan', reader: 't', paginated: true }, pages: again, issues: [] })[0].rows).toBe(3);
  });
});

describe('stitchTables on scanned 2026-form tasks', () => {
  it('keeps a next-page task of its own whose number the scan lost, under a task that ended naming its criterion', () => {
    const head = ['TT', 'Nội dung', 'Mục tiêu', 'Người phụ trách'];
    const first = table(1, [head, ['3', 'Hoàn thiện hồ sơ\ncác tổ (Tiêu chí 1.3)', 'Hồ sơ đầy đủ', 'TPCM'], ['4', 'Kiện toàn Hội đồng\ntrường (TC 1.4)', 'Họp định kỳ', 'Hiệu trưởng']], 640);
    const scan = { source: { format: 'scan' as const, reader: 't', paginated: true }, issues: [] };
    const own = stitchTables([pageOf(1, [first]), pageOf(2, [table(2, [['', 'Tham mưu chính\nquyền địa phương (C441)', 'Phối hợp chặt chẽ', 'Hiệu trưởng'], ['6', 'Câu lạc bộ tin học (Tiêu chí 3.2)', 'Học sinh', 'NV']])])]);
    expect(texts(tablesOf({ ...scan, pages: own })[0]).slice(1).map((r) => r[1])).toEqual([
      'Hoàn thiện hồ sơ / các tổ (Tiêu chí 1.3)',
      'Kiện toàn Hội đồng / trường (TC 1.4)',
      'Tham mưu chính / quyền địa phương (C441)',
      'Câu lạc bộ tin học (Tiêu chí 3.2)',
    ]);
    // A task the break cut goes on in lower case: joined, though the cell above named its criterion.
    const cut = stitchTables([pageOf(1, [first]), pageOf(2, [table(2, [['', 'và các tổ chức', '', '']])])]);
    expect(texts(tablesOf({ ...scan, pages: cut })[0]).slice(1).map((r) => r[1])).toEqual(['Hoàn thiện hồ sơ / các tổ (Tiêu chí 1.3)', 'Kiện toàn Hội đồng / trường (TC 1.4) / và các tổ chức']);
  });
});
