/**
 * Ruled tables from hand-built positioned pages: rules, grids, merged cells, cell text, and the
 * same table surviving OCR-like noise.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableGrid, type Table } from '../../src/layout/layout.js';
import { findGrids, gridToTable, splitUnruledRows } from '../../src/ingest/geometry/grid.js';
import { toRules, mergeCollinear, dropSlivers } from '../../src/ingest/geometry/lines.js';
import { decodePath, readDrawing, type OpCodes } from '../../src/ingest/geometry/operators.js';
import { buildPage } from '../../src/ingest/geometry/page.js';
import { segmentsFromPath } from '../../src/ingest/geometry/paths.js';
import { tolerancesFor } from '../../src/ingest/geometry/tolerances.js';
import type { PositionedPage, PositionedWord, RulingSegment } from '../../src/ingest/geometry/types.js';

/** A word whose box top-left is (x, y): 0.5 em per character wide, 1.15 em tall. */
const word = (text: string, x: number, y: number, size = 12): PositionedWord => ({
  text,
  box: { x0: x, y0: y, x1: x + text.length * 0.5 * size, y1: y + 1.15 * size },
});
const h = (y: number, x0: number, x1: number): RulingSegment => ({ x0, y0: y, x1, y1: y });
const v = (x: number, y0: number, y1: number): RulingSegment => ({ x0: x, y0, x1: x, y1 });
const TOL = tolerancesFor({ width: 595, height: 842, words: [word('chữ', 0, 0)] });

/** Full grid rules for boundaries xs × ys. */
function gridSegments(xs: number[], ys: number[]): RulingSegment[] {
  return [...ys.map((y) => h(y, xs[0], xs[xs.length - 1])), ...xs.map((x) => v(x, ys[0], ys[ys.length - 1]))];
}

const page = (words: PositionedWord[], segments: RulingSegment[]): PositionedPage => ({ number: 1, width: 595, height: 842, words, segments });
const texts = (t: Table) => tableGrid(t).map((r) => r.map((s) => (s?.origin ? s.cell.lines.join('/') : '^')));

describe('rules', () => {
  it('merges a border drawn cell by cell into one rule, and drops diagonals', () => {
    const { h: hs, v: vs } = toRules([h(100, 50, 150), h(100.2, 150, 300), h(100, 300.5, 400), { x0: 0, y0: 0, x1: 50, y1: 50 }], TOL.snap);
    expect(vs).toEqual([]);
    expect(hs).toHaveLength(1);
    expect(hs[0]).toMatchObject({ x0: 50, x1: 400 });
    expect(hs[0].y).toBeCloseTo(100.1, 1);
  });

  it('keeps a dotted border (short pieces, small gaps) and drops a lone tick', () => {
    const dots = Array.from({ length: 100 }, (_, i) => h(300, 50 + 3 * i, 51 + 3 * i));
    const { h: hs } = toRules([...dots, h(400, 50, 52)], TOL.snap, 7);
    expect(hs).toEqual([{ y: 300, x0: 50, x1: 348 }]);
  });

  it('takes a slightly skewed, thick OCR line as horizontal', () => {
    const { h: hs } = toRules([{ x0: 40, y0: 200, x1: 540, y1: 202.5 }], TOL.snap);
    expect(hs).toHaveLength(1);
    expect(hs[0].y).toBeCloseTo(201.25, 2);
  });

  it('collapses a double border into one position', () => {
    expect(mergeCollinear([{ pos: 10, a: 0, b: 100 }, { pos: 11.5, a: 0, b: 100 }], 4)).toEqual([{ pos: 10.75, a: 0, b: 100 }]);
    expect(dropSlivers([0, 3, 100, 104], 8)).toEqual([0, 104]);
    expect(dropSlivers([0, 50, 100], 8)).toEqual([0, 50, 100]);
  });

  it('keeps dropSlivers from losing the first edge', () => {
    expect(dropSlivers([0, 4], 8)).toEqual([0, 4]);
  });
});

describe('ruled grids', () => {
  it('builds a 3 × 3 grid from full rules', () => {
    const { h: hs, v: vs } = toRules(gridSegments([50, 150, 250, 350], [100, 130, 160, 190]), TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    expect(grid.cells).toHaveLength(9);
    expect(grid.box).toEqual({ x0: 50, y0: 100, x1: 350, y1: 190 });
  });

  it('merges cells where an inner rule is missing: colSpan across, rowSpan down', () => {
    const segs = [
      ...[100, 130, 160, 190].map((y) => h(y, 50, 350)),
      v(50, 100, 190),
      v(350, 100, 190),
      v(150, 100, 190),
      v(250, 130, 190), // no rule between columns 1 and 2 in row 0
    ].filter((s) => !(s.y0 === 160 && s.y1 === 160));
    // Row boundary 160 only under columns 1–2: column 0 spans rows 1–2.
    segs.push(h(160, 150, 350));
    const { h: hs, v: vs } = toRules(segs, TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    const spans = grid.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
    expect(spans).toContainEqual([0, 1, 1, 2]);
    expect(spans).toContainEqual([1, 0, 2, 1]);
    expect(grid.cells).toHaveLength(7);
  });

  it('drops a column boundary drawn only across heading rows (letter stems lined up), keeping real ones', () => {
    // Columns at 50 | 150 | 250 | 350 in the body rows; the heading rows (130–160, 220–250) run
    // across and hold a short stroke at x = 100 each, where "Tiêu chuẩn 3" and "… 4" have a stem.
    const ys = [100, 130, 160, 190, 220, 250];
    const segs = [
      ...ys.map((y) => h(y, 50, 350)),
      v(50, 100, 250),
      v(350, 100, 250),
      ...[[100, 130], [160, 190], [190, 220]].flatMap(([a, b]) => [v(150, a, b), v(250, a, b)]),
      v(100, 133, 157),
      v(100, 223, 247),
    ];
    const { h: hs, v: vs } = toRules(segs, TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    expect(grid.xs).toEqual([50, 150, 250, 350]);
    const spans = grid.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan]);
    expect(spans).toContainEqual([1, 0, 1, 3]);
    expect(spans).toContainEqual([4, 0, 1, 3]);
    expect(spans).toContainEqual([2, 0, 1, 1]);
  });

  it('leaves a ruled row whole when a narrow column\'s broken words read as a number beside its code', () => {
    // Three ruled rows (a continuation page); row 0's narrow code column holds "3.3." and, lower,
    // a "5" (a misread "g" of "phòng"): one row, its TT cell holding the one "3".
    const ys = [100, 260, 300, 340];
    const { h: hs, v: vs } = toRules(gridSegments([50, 80, 120, 400], ys), TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    const words = [
      word('3', 55, 104),
      ...['3.3.', 'Khối', 'phòn', '5', 'phục', 'vụ'].map((t, i) => word(t, 84, 104 + 16 * i, 8)),
      ...['Nhà vệ sinh học sinh đủ,', 'đạt chuẩn vệ sinh'].map((t, i) => word(t, 125, 104 + 14 * i, 9)),
      word('4', 55, 264),
      word('3.4.', 84, 264, 8),
      word('5', 55, 304),
      word('3.5.', 84, 304, 8),
    ];
    expect(splitUnruledRows(grid, words, TOL).ys).toEqual(grid.ys);
  });

  it('leaves a ruled row whole when its narrow code column broke "3.6" into "3." and "6"', () => {
    // One tall body row: a syllable per line in the criterion column, the code's two halves among them.
    const ys = [100, 140, 170, 330];
    const { h: hs, v: vs } = toRules(gridSegments([50, 80, 400], ys), TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    const words = [
      ...['Ti', 'êu', 'ch', 'í', '3.', '6'].map((t, i) => word(t, 55, 174 + 22 * i, 8)),
      // The wider column's lines at its own pitch, as a tilted scan leaves them beside the narrow one.
      ...['Bổ sung đầu sách, báo, tạp', 'chí; xây dựng thư viện xanh,', 'thư viện lớp học'].map((t, i) => word(t, 85, 185 + 36 * i, 9)),
    ];
    expect(splitUnruledRows(grid, words, TOL).ys).toEqual(grid.ys);
    // Row numbers counting up by one in that column are rows drawn without rules between them.
    const numbered = [
      ...['1', '2', '3'].map((t, i) => word(t, 55, 174 + 66 * i, 8)),
      ...[174, 196, 240, 262, 306].map((y, i) => word(`Dòng ${i + 1} của nội dung`, 85, y, 9)),
    ];
    expect(splitUnruledRows(grid, numbered, TOL).ys.length).toBeGreaterThan(grid.ys.length);
  });

  it('finds the outer columns of a table drawn without side borders', () => {
    const segs = [...[100, 130, 160].map((y) => h(y, 40, 400)), v(150, 100, 160), v(280, 100, 160)];
    const { h: hs, v: vs } = toRules(segs, TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    expect(grid.xs).toEqual([40, 150, 280, 400]);
    expect(grid.cells).toHaveLength(6);
  });

  it('does not take an underline, a framed paragraph or a page border for a table', () => {
    const frame = gridSegments([30, 565], [30, 812]);
    const box = gridSegments([100, 300], [200, 240]);
    const { h: hs, v: vs } = toRules([...frame, ...box, h(500, 100, 200)], TOL.snap);
    expect(findGrids(hs, vs, TOL)).toEqual([]);
  });

  it('puts each word in the cell holding its centre, lines top to bottom, words left to right', () => {
    const { h: hs, v: vs } = toRules(gridSegments([50, 150, 350], [100, 160]), TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    const words = [word('chí', 85, 104), word('Tiêu', 55, 104), word('1.1', 55, 120), word('Giải pháp', 155, 104), word('thứ hai', 155, 120)];
    const table = gridToTable(grid, words, 3);
    expect(texts(table)).toEqual([['Tiêu chí/1.1', 'Giải pháp/thứ hai']]);
    expect(table.cells[0]).toMatchObject({ page: 3, box: { x0: 50, y0: 100, x1: 150, y1: 160 } });
    expect(table.pages).toEqual([3]);
  });
});

describe('a strip of a tilted border read as a letter', () => {
  it('is dropped when it stands alone at the right of an OCR cell; a wrapped Roman "I" is kept', () => {
    const { h: hs, v: vs } = toRules(gridSegments([50, 150, 250], [100, 160]), TOL.snap);
    const [grid] = findGrids(hs, vs, TOL);
    const ocr = (w: PositionedWord): PositionedWord => ({ ...w, confidence: 0.9 });
    const words = [word('Kế toán', 55, 104), word('I', 143, 120), word('Học kỳ', 155, 104), word('I', 155, 120)].map(ocr);
    expect(texts(gridToTable(grid, words, 1))).toEqual([['Kế toán', 'Học kỳ/I']]);
  });
});

describe('a ruled table under OCR noise', () => {
  const xs = [40, 90, 250, 420, 555];
  const ys = [100, 140, 180, 220];
  const cells = [
    ['TT', 'Tiêu chí', 'Giải pháp', 'Thời gian'],
    ['1', 'Tiêu chí 1.1', 'Bồi dưỡng', 'Quý 1/2024'],
    ['2', 'Tiêu chí 1.2', 'Tham mưu', 'Năm 2024'],
  ];

  it('rebuilds the same cells when boxes and lines wobble by a few points', () => {
    const jitter = fc.double({ min: -2.5, max: 2.5, noNaN: true });
    fc.assert(
      fc.property(fc.array(jitter, { minLength: 64, maxLength: 64 }), (j) => {
        let k = 0;
        const n = () => j[k++ % j.length];
        const words = cells.flatMap((row, r) =>
          row.map((t, c) => {
            const w = word(t, xs[c] + 4 + n(), ys[r] + 12 + n());
            return { ...w, confidence: 0.9 };
          }),
        );
        const segs = [
          ...ys.map((y) => ({ x0: xs[0] + n(), y0: y + n() / 3, x1: xs[4] + n(), y1: y + n() / 3 })),
          ...xs.map((x) => ({ x0: x + n() / 3, y0: ys[0] + n(), x1: x + n() / 3, y1: ys[3] + n() })),
        ];
        const built = buildPage(page(words, segs));
        const tables = built.blocks.filter((b): b is Table => b.type === 'table');
        expect(tables).toHaveLength(1);
        expect(texts(tables[0])).toEqual(cells);
        for (const c of tables[0].cells) expect(c.confidence).toBeCloseTo(0.9, 9);
      }),
      { numRuns: 60 },
    );
  });
});

describe('drawing operators', () => {
  const OPS: OpCodes = {
    save: 10, restore: 11, transform: 12, constructPath: 91, paintFormXObjectBegin: 74, paintFormXObjectEnd: 75,
    setStrokeRGBColor: 58, setFillRGBColor: 59, stroke: 20, closeStroke: 21, fill: 22, eoFill: 23, fillStroke: 24,
    eoFillStroke: 25, closeFillStroke: 26, closeEOFillStroke: 27, paintImageXObject: 85, paintInlineImageXObject: 86,
    paintImageMaskXObject: 83,
  };
  // PDF user space (origin bottom-left) → top-left page points on an 842 pt tall page.
  const VIEWPORT = [1, 0, 0, -1, 0, 842];
  const path = (...xs: number[]) => [Float32Array.from(xs)];

  it('maps stroked lines through the current matrix and the viewport, restoring state', () => {
    const ops = {
      fnArray: [OPS.save, OPS.transform, OPS.constructPath, OPS.restore, OPS.constructPath],
      argsArray: [null, [2, 0, 0, 2, 10, 10], [OPS.stroke, path(0, 0, 0, 1, 100, 0), null], null, [OPS.stroke, path(0, 50, 100, 1, 50, 300), null]],
    };
    const { segments } = readDrawing(ops, OPS, VIEWPORT, { width: 595, height: 842 }, 3);
    expect(segments).toEqual([
      { x0: 10, y0: 832, x1: 210, y1: 832 },
      { x0: 50, y0: 542, x1: 50, y1: 742 },
    ]);
  });

  it('reads a thin filled bar as a rule, and ignores shading, clips and white lines', () => {
    const ops = {
      fnArray: [OPS.constructPath, OPS.constructPath, OPS.constructPath, OPS.setStrokeRGBColor, OPS.constructPath],
      argsArray: [
        [OPS.fill, path(0, 40, 99.75, 1, 540, 99.75, 1, 540, 100.25, 1, 40, 100.25, 3), null],
        [OPS.fill, path(0, 40, 200, 1, 540, 200, 1, 540, 260, 1, 40, 260, 3), null],
        [31 /* endPath: a clip */, path(0, 0, 0, 1, 595, 0), null],
        ['#ffffff'],
        [OPS.stroke, path(0, 0, 500, 1, 595, 500), null],
      ],
    };
    const { segments } = readDrawing(ops, OPS, VIEWPORT, { width: 595, height: 842 }, 3);
    expect(segments).toEqual([{ x0: 40, y0: 742, x1: 540, y1: 742 }]);
  });

  it('applies a form XObject matrix and measures a page-sized image', () => {
    const ops = {
      fnArray: [OPS.paintFormXObjectBegin, OPS.constructPath, OPS.paintFormXObjectEnd, OPS.transform, OPS.paintImageXObject],
      argsArray: [[Float32Array.from([1, 0, 0, 1, 100, 0]), null], [OPS.stroke, path(0, 0, 10, 1, 0, 110), null], [], [595, 0, 0, 842, 0, 0], ['img', 100, 100]],
    };
    const drawn = readDrawing(ops, OPS, VIEWPORT, { width: 595, height: 842 }, 3);
    expect(drawn.segments).toEqual([{ x0: 100, y0: 732, x1: 100, y1: 832 }]);
    expect(drawn.imageCover).toBeCloseTo(1, 5);
  });

  it('decodes curves as breaks in a path, never as rules', () => {
    const sub = decodePath([0, 0, 0, 1, 100, 0, 2, 120, 0, 130, 10, 130, 20, 1, 130, 200], [1, 0, 0, 1, 0, 0]);
    expect(sub).toHaveLength(1);
    expect(segmentsFromPath(sub, 'stroke', { thinRule: 3 })).toEqual([
      { x0: 0, y0: 0, x1: 100, y1: 0 },
      { x0: 130, y0: 20, x1: 130, y1: 200 },
    ]);
  });
});
