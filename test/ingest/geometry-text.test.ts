/**
 * Free text from hand-built positioned pages: lines, fragments, paragraphs, reading order,
 * borderless tables, and the letterhead the metadata reader depends on.
 */
import { describe, expect, it } from 'vitest';
import type { Paragraph, Table } from '../../src/layout/layout.js';
import { findBorderlessTables } from '../../src/ingest/geometry/borderless.js';
import { buildPage } from '../../src/ingest/geometry/page.js';
import { groupParagraphs } from '../../src/ingest/geometry/paragraphs.js';
import { readingOrder } from '../../src/ingest/geometry/reading-order.js';
import { groupLines, splitFragments } from '../../src/ingest/geometry/text-lines.js';
import { tolerancesFor } from '../../src/ingest/geometry/tolerances.js';
import type { PositionedWord } from '../../src/ingest/geometry/types.js';

const word = (text: string, x: number, y: number, size = 12, bold?: boolean): PositionedWord => ({
  text,
  box: { x0: x, y0: y, x1: x + text.length * 0.5 * size, y1: y + 1.15 * size },
  ...(bold ? { bold } : {}),
});
/** One word per glyph, touching: how some producers place text. */
const glyphs = (text: string, x: number, y: number): PositionedWord[] =>
  [...text].map((ch, i) => ({ text: ch, box: { x0: x + i * 6, y0: y, x1: x + (i + 1) * 6, y1: y + 13.8 } }));
const lines = (words: PositionedWord[]) => groupLines(words).map((l) => l.text);
const paras = (words: PositionedWord[]) =>
  groupParagraphs(groupLines(words).flatMap((l) => splitFragments(l))).map((p) => p.map((l) => l.text));
const blocksOf = (words: PositionedWord[]) =>
  buildPage({ number: 1, width: 842, height: 595, words, segments: [] }).blocks;

describe('lines and fragments', () => {
  it('joins glyph-by-glyph text without spaces and puts spaces at word gaps', () => {
    expect(lines([...glyphs('Tiêu', 50, 100), ...glyphs('chí', 80, 100)])).toEqual(['Tiêu chí']);
  });

  it('groups words of one baseline even when OCR boxes differ in height', () => {
    const ws = [word('Kết', 50, 101, 11), word('quả', 75, 99, 13), word('cần', 100, 100), word('đạt', 125, 102, 10)];
    expect(lines(ws)).toEqual(['Kết quả cần đạt']);
  });

  it('keeps one copy of text painted twice to fake bold, and marks it bold', () => {
    const [line] = groupLines([word('KẾ HOẠCH', 100, 100), word('KẾ HOẠCH', 100.3, 100)]);
    expect(line.text).toBe('KẾ HOẠCH');
    expect(line.bold).toBe(true);
  });

  it('splits a line at a gutter, not at word spaces', () => {
    const [line] = groupLines([word('UBND HUYỆN', 100, 50), word('ĐIỆN BIÊN', 165, 50), word('CỘNG HÒA XÃ HỘI', 480, 50)]);
    expect(splitFragments(line).map((f) => f.text)).toEqual(['UBND HUYỆN ĐIỆN BIÊN', 'CỘNG HÒA XÃ HỘI']);
  });
});

describe('paragraphs', () => {
  const body = (texts: string[], top: number, step = 15) => texts.map((t, i) => word(t, 55, top + i * step, 13));

  it('breaks at paragraph spacing wider than the usual line step', () => {
    const ws = [...body(['Dòng một của đoạn thứ nhất', 'dòng hai của đoạn thứ nhất'], 100), ...body(['Đoạn thứ hai bắt đầu', 'và tiếp tục'], 134)];
    expect(paras(ws)).toEqual([
      ['Dòng một của đoạn thứ nhất', 'dòng hai của đoạn thứ nhất'],
      ['Đoạn thứ hai bắt đầu', 'và tiếp tục'],
    ]);
  });

  it('starts a paragraph at a list marker, a first-line indent, or a change to bold', () => {
    const ws = [
      word('II. CĂN CỨ XÂY DỰNG KẾ HOẠCH', 55, 100, 13, true),
      word('1. Báo cáo tự đánh giá', 55, 115, 13),
      word('- Báo cáo đánh giá ngoài', 55, 130, 13),
      word('Nhà trường tiếp tục rà soát các tiêu chí', 55, 145, 13),
      word('Đoạn mới thụt đầu dòng', 90, 160, 13),
      word('tiếp theo của đoạn mới', 55, 175, 13),
    ];
    expect(paras(ws)).toEqual([
      ['II. CĂN CỨ XÂY DỰNG KẾ HOẠCH'],
      ['1. Báo cáo tự đánh giá'],
      ['- Báo cáo đánh giá ngoài', 'Nhà trường tiếp tục rà soát các tiêu chí'],
      ['Đoạn mới thụt đầu dòng', 'tiếp theo của đoạn mới'],
    ]);
  });

  it('keeps centred title lines together', () => {
    const ws = [word('KẾ HOẠCH', 380, 100, 14, true), word('CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 317, 118, 14, true), word('NĂM HỌC 2023-2024', 352, 136, 14, true)];
    expect(paras(ws)).toEqual([['KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'NĂM HỌC 2023-2024']]);
  });
});

describe('reading order', () => {
  const b = (id: string, x0: number, y0: number, x1: number, y1: number) => ({ id, box: { x0, y0, x1, y1 } });

  it('reads a letterhead left half, then right half, then the title under both', () => {
    const blocks = [
      b('agency', 120, 50, 360, 62), b('motto', 486, 50, 736, 80), b('school', 120, 68, 360, 80),
      b('number', 187, 86, 294, 98), b('date', 518, 86, 704, 98), b('title', 300, 123, 540, 170), b('body', 55, 180, 790, 220),
    ];
    expect(readingOrder(blocks).map((x) => x.id)).toEqual(['agency', 'school', 'number', 'motto', 'date', 'title', 'body']);
  });

  it('does not read a line on the left before a date placed above it on the right', () => {
    const blocks = [b('date', 520, 90, 780, 102), b('to', 55, 130, 300, 142)];
    expect(readingOrder(blocks).map((x) => x.id)).toEqual(['date', 'to']);
  });
});

describe('the letterhead on a page', () => {
  it('becomes separate blocks, left then right, with the number and the date on their own lines', () => {
    const blocks = blocksOf([
      word('UBND HUYỆN ĐIỆN BIÊN', 170, 50),
      word('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 486, 50, 12, true),
      word('TRƯỜNG MẦM NON SỐ 2', 150, 68, 12, true),
      word('Độc lập - Tự do - Hạnh phúc', 507, 68, 12, true), // centred under the motto
      word('Số 216/KH-MNS2TY', 187, 86),
      word('Thanh Yên, ngày 10 tháng 3 năm 2021', 510, 86, 12),
    ]) as Paragraph[];
    expect(blocks.every((x) => x.type === 'paragraph' && x.page === 1 && x.box)).toBe(true);
    expect(blocks.map((x) => x.lines)).toEqual([
      ['UBND HUYỆN ĐIỆN BIÊN'],
      ['TRƯỜNG MẦM NON SỐ 2'],
      ['Số 216/KH-MNS2TY'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'],
      ['Thanh Yên, ngày 10 tháng 3 năm 2021'],
    ]);
  });

  // The halves of a text PDF's letterhead set 1.4 em apart: the agency wraps in its narrow column
  // ("… ĐIỆN BIÊN" / "ĐÔNG"), and the school's line shares a baseline with the date.
  // Words 6 pt a letter and 3 pt apart (a quarter em at 12 pt), a run starting at x.
  const tight = (y: number, ...runs: [string, number][]) =>
    runs.flatMap(([text, x]) => {
      let at = x;
      return text.split(' ').map((t) => {
        const w: PositionedWord = { text: t, box: { x0: at, y0: y, x1: at + 6 * t.length, y1: y + 13.8 } };
        at += 6 * t.length + 3;
        return w;
      });
    });
  it('splits halves set closer than a gutter, where the lines around show the column of white between them', () => {
    const blocks = blocksOf([
      ...tight(42, ['UBND HUYỆN ĐIỆN BIÊN', 60], ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 190]),
      ...tight(57, ['ĐÔNG', 103.5], ['Độc lập - Tự do - Hạnh phúc', 211]),
      ...tight(71, ['TRƯỜNG TIỂU HỌC', 73.5], ['Thanh Xương, ngày 22 tháng 08 năm 2022', 178]),
      ...tight(86, ['TÂY ÚC', 96]),
      ...tight(100, ['Số: 138/KH-THTÚ', 69]),
    ]) as Paragraph[];
    expect(blocks.map((x) => x.lines)).toEqual([
      ['UBND HUYỆN ĐIỆN BIÊN', 'ĐÔNG', 'TRƯỜNG TIỂU HỌC', 'TÂY ÚC', 'Số: 138/KH-THTÚ'],
      ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Thanh Xương, ngày 22 tháng 08 năm 2022'],
    ]);
  });

  it('keeps a justified line whole when no line near it is split there', () => {
    // Its widest space (1.3 em) is under a plain word space of the lines around it.
    const blocks = blocksOf([
      ...tight(185, ['Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019 và các văn bản', 57]),
      ...tight(200, ['Căn cứ Thông tư số 17/2018/TT-BGDĐT', 57], ['ngày 22 tháng 8 năm 2018 của Bộ', 270]),
      ...tight(215, ['trưởng Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định', 57]),
    ]) as Paragraph[];
    expect(blocks.map((x) => x.lines)).toEqual([
      ['Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019 và các văn bản', 'Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22 tháng 8 năm 2018 của Bộ', 'trưởng Bộ Giáo dục và Đào tạo ban hành Quy định về kiểm định'],
    ]);
  });
});

describe('borderless tables', () => {
  const rowWords = (cells: string[], xs: number[], y: number) => cells.map((t, i) => word(t, xs[i], y, 11));

  it('are found when several lines share three or more column starts', () => {
    const xs = [40, 80, 260, 400];
    const ws = [
      word('Danh sách thành viên như sau:', 40, 60, 11),
      ...rowWords(['TT', 'Họ và tên', 'Chức vụ', 'Nhiệm vụ'], xs, 90),
      ...rowWords(['1', 'Nguyễn Thị Lan', 'Hiệu trưởng', 'Chủ tịch'], xs, 106),
      word('(kiêm Bí thư)', 260, 120, 11), // a wrapped cell continues the row above
      ...rowWords(['2', 'Hà Thị Thúy', 'Phó hiệu trưởng', 'Thư ký'], xs, 138),
    ];
    const blocks = blocksOf(ws);
    expect(blocks.map((x) => x.type)).toEqual(['paragraph', 'table']);
    const table = blocks[1] as Table;
    expect(table).toMatchObject({ rows: 3, cols: 4, pages: [1] });
    expect(table.cells.find((c) => c.row === 1 && c.col === 2)?.lines).toEqual(['Hiệu trưởng', '(kiêm Bí thư)']);
  });

  it('are not found in a two-column letterhead, prose, or only two aligned lines', () => {
    const asRows = (ws: PositionedWord[]) => groupLines(ws).map((l) => splitFragments(l));
    const letterhead = [word('UBND HUYỆN', 120, 50), word('CỘNG HÒA', 486, 50), word('TRƯỜNG MN', 120, 68), word('Độc lập', 486, 68), word('Số 1/KH', 120, 86), word('Hà Nội, ngày 1', 486, 86)];
    expect(findBorderlessTables(asRows(letterhead), 1).tables).toEqual([]);
    const prose = [0, 1, 2, 3].map((i) => word('Nhà trường tiếp tục thực hiện tốt các nhiệm vụ năm học', 55, 100 + 15 * i, 13));
    expect(findBorderlessTables(asRows(prose), 1).tables).toEqual([]);
    const two = [...rowWords(['a', 'b', 'c'], [40, 200, 400], 100), ...rowWords(['d', 'e', 'f'], [40, 200, 400], 116)];
    expect(findBorderlessTables(asRows(two), 1).tables).toEqual([]);
  });
});

describe('tolerances', () => {
  it('scale with the text on the page, not fixed points', () => {
    const small = tolerancesFor({ width: 595, height: 842, words: [word('a', 0, 0, 10)] });
    const large = tolerancesFor({ width: 2480, height: 3508, words: [word('a', 0, 0, 40)] });
    expect(large.snap / small.snap).toBeGreaterThan(3);
    expect(small.em).toBeCloseTo(11.5, 5);
  });
});
