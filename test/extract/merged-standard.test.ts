/**
 * Rows of a plan table whose standard is one cell merged down its criteria's rows (the first
 * column), as scans give them: every row is an item whatever the merge's length, a row whose code
 * OCR garbled is reported rather than taken for a heading, and a code seen in a row that became
 * no item is an issue. Plain Layout data: no reader, no OCR.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem } from '../../src/extract/index.js';
import type { Cell, Layout } from '../../src/layout/layout.js';

const HEADER = ['Tiêu chuẩn', 'Tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí'];

/** A row: its criterion cell text (or null), and the standard heading when it starts a merge. */
type RowSpec = { crit: string | null; target?: string; budget?: string };

function layoutOf(standards: { heading: string; rows: RowSpec[] }[], extraRows: string[][] = []): Layout {
  const cells: Cell[] = HEADER.map((h, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, lines: [h], page: 1 }));
  let row = 1;
  for (const s of standards) {
    cells.push({ row, col: 0, rowSpan: s.rows.length, colSpan: 1, lines: [s.heading], page: 1, confidence: 0.95 });
    for (const r of s.rows) {
      const texts = [r.crit ?? '', r.target ?? 'Đạt mức 2', 'Bổ sung hồ sơ', 'Hiệu trưởng', 'Tháng 9/2024', r.budget ?? 'Không'];
      texts.forEach((t, i) => cells.push({ row, col: i + 1, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1, confidence: 0.95 }));
      row++;
    }
  }
  for (const texts of extraRows) {
    texts.forEach((t, col) => cells.push({ row, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1 }));
    row++;
  }
  return {
    source: { format: 'scan', reader: 'tesseract.js', paginated: true },
    pages: [
      {
        number: 1,
        blocks: [
          { type: 'paragraph', lines: ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2024 - 2025'] },
          { type: 'table', index: 0, rows: row, cols: HEADER.length, cells },
        ],
      },
    ],
    issues: [],
  };
}

const rows = (standard: number, n: number): RowSpec[] =>
  Array.from({ length: n }, (_, i) => ({ crit: `Tiêu chí ${standard}.${i + 1}: Tên tiêu chí`, target: `Mục tiêu ${standard}.${i + 1}` }));

describe('a merged standard column', () => {
  it('gives every row of a merge over 2, 3, 4 and 5 rows an item, under its standard', () => {
    const r = extractDocument(
      layoutOf([2, 3, 4, 5].map((n, k) => ({ heading: `Tiêu chuẩn ${k + 1}: Tên tiêu chuẩn`, rows: rows(k + 1, n) }))),
    );
    const items = r.items as PlanItem[];
    expect(items.map((i) => i.criterion)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '4.3', '4.4', '4.5']);
    expect(items.map((i) => i.standard)).toEqual([1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 4]);
    expect(items[0]).toMatchObject({ criterionName: 'Tên tiêu chí', target: 'Mục tiêu 1.1', solution: 'Bổ sung hồ sơ' });
    expect(r.issues).toEqual([]);
  });

  it('reads a code whose label OCR ran together ("Tiêuchí1.1")', () => {
    const r = extractDocument(layoutOf([{ heading: 'Tiêu chuẩn 1: Tổ chức', rows: [{ crit: 'Tiêuchí1.1: Phương hướng' }, { crit: 'Tiêu chí 1.2' }] }]));
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.2']);
  });

  it('never takes the first row of a merge for a heading when its code is unreadable: it is reported', () => {
    const r = extractDocument(
      layoutOf([
        { heading: 'Tiêu chuẩn 1: Tổ chức', rows: [{ crit: 'Tiêu chí l.l: Phương hướng' }, { crit: 'Tiêu chí 1.2' }] },
        { heading: 'Tiêu chuẩn 2: Cán bộ', rows: [{ crit: 'Tiêu chí 2.1' }, { crit: 'Tiêu ch~ 2,2 Giáo viên' }] },
      ]),
    );
    // "Tiêu chí l.l" above 1.2 under its standard can only be 1.1: restored, and said so. "Tiêu
    // ch~ 2,2" (its label garbled too) is no code: the row is named as skipped, with where it is;
    // neither row was folded into another item.
    expect(r.items.map((i) => [i.criterion, i.standard])).toEqual([
      ['1.1', 1],
      ['1.2', 1],
      ['2.1', 2],
    ]);
    expect(r.issues.filter((i) => i.code === 'criterion.code_restored').map((i) => i.row)).toEqual([1]);
    const skipped = r.issues.filter((i) => i.code === 'row.no_criterion');
    expect(skipped.map((i) => i.row)).toEqual([4]);
    expect((r.items[1] as PlanItem).target).toBe('Đạt mức 2');
  });

  it('reports a code seen in a row that became no item (item.dropped)', () => {
    // A row that repeats most of the header (a garbled repeated header after a page break) is
    // skipped as one; the code it holds must not vanish with it.
    const r = extractDocument(
      layoutOf([{ heading: 'Tiêu chuẩn 1: Tổ chức', rows: rows(1, 2) }], [['Tiêu chuẩn', 'Tiêu chí 1.3', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí']]),
    );
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.2']);
    expect(r.issues).toContainEqual(expect.objectContaining({ code: 'item.dropped', severity: 'warning', table: 0, row: 3 }));
    expect(r.issues.find((i) => i.code === 'item.dropped')?.message).toContain('1.3');
  });

  it('reads a bare code whose dot the scan lost ("31") under the standard beside it, and says so', () => {
    const r = extractDocument(
      layoutOf([
        { heading: 'Tiêu chuẩn 1: Tổ chức', rows: [{ crit: '11' }, { crit: '1.4' }] },
        { heading: 'Tiêu chuẩn 3: Cơ sở vật chất', rows: [{ crit: '31' }] },
        { heading: 'Tiêu chuẩn 4: Quan hệ', rows: [{ crit: '4.2' }, { crit: '23' }] },
      ]),
    );
    // "23" under standard 4 is not vouched for by its standard: reported, not guessed.
    expect(r.items.map((i) => [i.criterion, i.standard])).toEqual([
      ['1.1', 1],
      ['1.4', 1],
      ['3.1', 3],
      ['4.2', 4],
    ]);
    expect(r.issues.filter((i) => i.code === 'criterion.dot_restored').map((i) => i.row)).toEqual([1, 3]);
    expect(r.issues.filter((i) => i.code === 'row.no_criterion').map((i) => i.row)).toEqual([5]);
    // A one-row standard cell beside its criterion is that row's standard: no mismatch warning.
    expect(r.issues.map((i) => i.code)).not.toContain('criterion.standard_mismatch');
  });

  it('reads a dot-lost code with the name after its stop ("11. Phương hướng") or read as a fraction ("1⁄4") under its standard, not a count ("15 giáo viên")', () => {
    const r = extractDocument(
      layoutOf([
        { heading: 'Tiêu chuẩn 1: Tổ chức', rows: [{ crit: '11. Phương hướng, chiến lược' }, { crit: '1⁄4' }, { crit: '15 giáo viên' }] },
      ]),
    );
    expect(r.items.map((i) => i.criterion)).toEqual(['1.1', '1.4']);
    expect(r.issues.filter((i) => i.code === 'criterion.dot_restored').map((i) => i.row)).toEqual([1, 2]);
    expect(r.issues.filter((i) => i.code === 'row.no_criterion').map((i) => i.row)).toEqual([3]);
  });

  it('takes a bare number in the standard column ("3", "IV") as the standard that vouches for a dotless code', () => {
    const r = extractDocument(
      layoutOf([
        { heading: '1', rows: [{ crit: '13' }, { crit: '1.4' }] },
        { heading: '3', rows: [{ crit: '33' }] },
        { heading: 'IV', rows: [{ crit: '41' }, { crit: '23' }] },
      ]),
    );
    expect(r.items.map((i) => [i.criterion, i.standard])).toEqual([
      ['1.3', 1],
      ['1.4', 1],
      ['3.3', 3],
      ['4.1', 4],
    ]);
    expect(r.issues.filter((i) => i.code === 'criterion.dot_restored').map((i) => i.row)).toEqual([1, 3, 4]);
    expect(r.issues.filter((i) => i.code === 'row.no_criterion').map((i) => i.row)).toEqual([5]);
  });
});
