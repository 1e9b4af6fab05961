/**
 * Criterion cells as a scan leaves them, read from plain Layout data (no reader, no OCR): a
 * bracket read as one more digit ("1.22 (Mức 2)"), a dot-lost code alone on its line above the
 * name, a standard digit misread under its heading, a label cut by a page break beside a merged
 * standard cell, and a name whose marks the scan lost. Each row is still an item, with an issue
 * saying what was read; a typed document keeps what it says.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem } from '../../src/extract/index.js';
import type { Cell, Layout } from '../../src/layout/layout.js';

const HEADER = ['Tiêu chuẩn, tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí'];

/** A row: its criterion cell's lines, or a heading spanning the table. */
type RowSpec = { crit: string[] } | { heading: string };

function layoutOf(rows: RowSpec[], format: 'scan' | 'docx' = 'scan'): Layout {
  const confidence = format === 'scan' ? { confidence: 0.95 } : {};
  const cells: Cell[] = HEADER.map((h, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, lines: [h], page: 1, ...confidence }));
  rows.forEach((r, i) => {
    const row = i + 1;
    if ('heading' in r) {
      cells.push({ row, col: 0, rowSpan: 1, colSpan: HEADER.length, lines: [r.heading], page: 1, ...confidence });
      return;
    }
    const texts = [r.crit, [`Mục tiêu ${row}`], ['Bổ sung hồ sơ'], ['Hiệu trưởng'], ['Tháng 9/2024'], ['Không']];
    texts.forEach((lines, col) => cells.push({ row, col, rowSpan: 1, colSpan: 1, lines, page: 1, ...confidence }));
  });
  return {
    source: format === 'scan' ? { format: 'scan', reader: 'tesseract.js', paginated: true } : { format: 'docx', reader: 'mammoth', paginated: false },
    pages: [
      {
        number: 1,
        blocks: [
          { type: 'paragraph', lines: ['TRƯỜNG THCS HOA MAI', 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2024 - 2025', 'Căn cứ Thông tư số 18/2018/TT-BGDĐT'] },
          { type: 'table', index: 0, rows: rows.length + 1, cols: HEADER.length, cells },
        ],
      },
    ],
    issues: [],
  };
}

/** The layout with a TT column in front: "TT" over `numbers`, one per body row (cells as the format reads them). */
function withTtColumn(layout: Layout, numbers: string[]): Layout {
  const table = layout.pages[0].blocks[1] as Extract<Layout['pages'][number]['blocks'][number], { type: 'table' }>;
  const confidence = layout.source.format === 'scan' ? { confidence: 0.95 } : {};
  for (const cell of table.cells) cell.col += 1;
  ['TT', ...numbers].forEach((text, row) => table.cells.push({ row, col: 0, rowSpan: 1, colSpan: 1, lines: [text], page: 1, ...confidence }));
  table.cols += 1;
  return layout;
}

const codes = (layout: Layout) => (extractDocument(layout).items as PlanItem[]).map((i) => i.criterion);
const issueCodes = (layout: Layout) => extractDocument(layout).issues.map((i) => i.code);

describe('scanned criterion cells', () => {
  it('takes "1.22 (Mức 2)" as 1.2 when its neighbours vouch for it, and says so', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 1' }, { crit: ['1.22 (Mức', '2'] }, { crit: ['1.3 (Mức 1)'] }, { crit: ['1.4 (Mức 1)'] }]);
    expect(codes(layout)).toEqual(['1.2', '1.3', '1.4']);
    expect(issueCodes(layout)).toContain('criterion.digit_dropped');
    // A code that can exist ("1.12") is not trimmed, and one no neighbour vouches for stays unread.
    expect(codes(layoutOf([{ crit: ['1.77 (Mức 2)'] }]))).toEqual([]);
  });

  it('reads a dot-lost code alone on its first line, the name below ("11" / "Phương hướng…")', () => {
    const layout = layoutOf([{ crit: ['11', 'Phương hướng, chiến lược'] }, { crit: ['1.9', 'Thực hiện quy chế dân chủ cơ sở'] }]);
    expect(codes(layout)).toEqual(['1.1', '1.9']);
    expect(issueCodes(layout)).toContain('criterion.dot_restored');
    // "15" with words on its own line is a count, not a code.
    expect(codes(layoutOf([{ crit: ['15 giáo viên', 'đạt chuẩn'] }, { crit: ['1.9'] }]))).toEqual(['1.9']);
  });

  it('reads a dot-lost code with its level in brackets right after it ("52(Mức 2)" under standard 5)', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 4' }, { crit: ['4.1 (Mức 1)'] }, { heading: 'Tiêu chuẩn 5' }, { crit: ['52(Mức', '2)'] }]);
    const items = extractDocument(layout).items as PlanItem[];
    expect(items.map((i) => [i.criterion, i.level])).toEqual([
      ['4.1', 1],
      ['5.2', 2],
    ]);
  });

  it('reads a code whose dot came out as a comma ("1,4"), and "31" under a heading a scan doubled a letter of ("TTiêu chuẩn 3")', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường' }, { crit: ['1,4'] }, { heading: 'TTiêu chuẩn 3: Cơ sở vật chất' }, { crit: ['31'] }, { heading: 'Tiêu chuẩn 5' }, { crit: ['5.4'] }]);
    expect(codes(layout)).toEqual(['1.4', '3.1', '5.4']);
    expect(issueCodes(layout)).toContain('criterion.dot_restored');
  });

  it('reads "Tiêu chí LI" as 1.1: its thin ones read as letters and its dot lost, with an issue', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường' }, { crit: ['Tiêu', 'chí', 'LI'] }, { crit: ['Tiêu', 'chí', '12'] }, { crit: ['Tiêu chí Il: Phương hướng'] }]);
    expect(codes(layout)).toEqual(['1.1', '1.2', '1.1']);
    expect(issueCodes(layout)).toContain('criterion.dot_restored');
    // A word after the label is no pair of ones.
    expect(codes(layoutOf([{ crit: ['Tiêu chí Lớp học'] }, { crit: ['Tiêu chí 1.2'] }]))).toEqual(['1.2']);
  });

  it('believes the heading over a misread standard digit only on a scan, and only when the order says so', () => {
    const rows: RowSpec[] = [{ heading: 'TIÊU CHUẨN 3' }, { crit: ['3.6 (Mức 2)'] }, { heading: 'TIÊU CHUẨN 5' }, { crit: ['2.5 (Mức 1)'] }, { crit: ['5.6 (Mức 1)'] }];
    expect(codes(layoutOf(rows))).toEqual(['3.6', '5.5', '5.6']);
    expect(issueCodes(layoutOf(rows))).toContain('criterion.standard_restored');
    // Typed, the school's own code stands (with the mismatch reported).
    expect(codes(layoutOf(rows, 'docx'))).toEqual(['3.6', '2.5', '5.6']);
    expect(issueCodes(layoutOf(rows, 'docx'))).toContain('criterion.standard_mismatch');
  });

  it('gives a scanned name the listed spelling when only marks, case and stops differ, and no other', () => {
    const items = extractDocument(
      layoutOf([{ crit: ['Tiêu chí 1.10: Đám bao an ninh trạt tự an toan trường học'] }, { crit: ['Tiêu chí 5.5: Hình thành kỹ năng sống'] }]),
    ).items as PlanItem[];
    expect(items.map((i) => i.criterionName)).toEqual(['Đảm bảo an ninh trật tự, an toàn trường học', 'Hình thành kỹ năng sống']);
  });

  it('gives a row number that lost a digit ("1" between 10 and 12) the number the count gives', () => {
    const numbered = (numbers: string[]): Layout =>
      withTtColumn(layoutOf(numbers.map((_, k) => ({ crit: [`Tiêu chí ${1 + Math.floor(k / 5)}.${1 + (k % 5)}`] }))), numbers);
    const count = Array.from({ length: 12 }, (_, k) => String(k + 1));
    const r = extractDocument(numbered(count.map((n) => (n === '11' ? '1' : n))));
    expect(r.items.map((i) => i.rowNo)).toEqual(count);
    expect(r.issues.map((i) => i.code)).toContain('row.number_restored');
    // A count that starts again ("10", "1", "2") is the school's own.
    const again = [...count.slice(0, 10), '1', '2'];
    expect(extractDocument(numbered(again)).items.map((i) => i.rowNo)).toEqual(again);
  });

  it('takes a first code that breaks the order above the next ("1.4" above 1.2) as the one code a digit away', () => {
    const layout = layoutOf([{ heading: 'TIÊU. CHUẨN 1' }, { crit: ['Tiêu chí 1.4'] }, { crit: ['Tiêu chí 1.2'] }, { crit: ['Tiêu chí 1.3'] }]);
    expect(codes(layout)).toEqual(['1.1', '1.2', '1.3']);
    expect(issueCodes(layout)).toContain('criterion.out_of_order');
    // Typed, the school's order stands.
    expect(codes(layoutOf([{ heading: 'Tiêu chuẩn 1' }, { crit: ['Tiêu chí 1.4'] }, { crit: ['Tiêu chí 1.2'] }], 'docx'))).toEqual(['1.4', '1.2']);
  });

  it('takes "Tiêu chí D.5" between 5.4 and 5.6 as 5.5 on a scan, with an issue, and no code when the neighbours disagree', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 5' }, { crit: ['Tiêu chí 5.4'] }, { crit: ['Tiêu chí D.5'] }, { crit: ['Tiêu chí 5.6'] }]);
    expect(codes(layout)).toEqual(['5.4', '5.5', '5.6']);
    expect(issueCodes(layout)).toContain('criterion.standard_restored');
    // Its dot lost too: "Tiêu chí D3" between 5.2 and 5.4.
    expect(codes(layoutOf([{ heading: 'Tiêu chuẩn 5' }, { crit: ['Tiêu chí 5.2'] }, { crit: ['Tiêu chí D3'] }, { crit: ['Tiêu chí 5.4'] }]))).toEqual(['5.2', '5.3', '5.4']);
    // Between 2.4 and 5.6 "D.5" could be 2.5 or 5.5: no code is made up.
    expect(codes(layoutOf([{ crit: ['Tiêu chí 2.4'] }, { crit: ['Tiêu chí D.5'] }, { crit: ['Tiêu chí 5.6'] }]))).toEqual(['2.4', '5.6']);
  });

  it('gives a scanned row number without its specks ("1.„" is 1), and leaves a typed one as written', () => {
    const withRowNo = (format: 'scan' | 'docx', rowNo: string) =>
      extractDocument(withTtColumn(layoutOf([{ crit: ['Tiêu chí 1.1'] }, { crit: ['Tiêu chí 1.2'] }], format), [rowNo, '2'])).items.map((i) => i.rowNo);
    expect(withRowNo('scan', '1.„')).toEqual(['1', '2']);
    // The code beside it run into the TT ("11.1" beside 1.1): the number before the code.
    expect(withRowNo('scan', '11.1')).toEqual(['1', '2']);
    expect(withRowNo('docx', '1.')).toEqual(['1.', '2']);
  });
});

describe('a narrow TT column whose number the scan read into the code beside it', () => {
  it('takes "7.32" beside TT 7, between 2.3 and 3.6, as 3.2, with an issue', () => {
    const layout = withTtColumn(layoutOf([{ crit: ['2.3'] }, { crit: ['7.32'] }, { crit: ['3.6'] }]), ['6', '7', '8']);
    expect(codes(layout)).toEqual(['2.3', '3.2', '3.6']);
    expect(issueCodes(layout)).toContain('criterion.dot_restored');
  });

  it('takes the TT after the row above\'s when the TT itself is garbled ("1153" beside \'1"\' after TT 10, between 5.1 and 5.4, is 5.3)', () => {
    const layout = withTtColumn(layoutOf([{ crit: ['5.1'] }, { crit: ['1153'] }, { crit: ['5.4'] }]), ['10', '1"', '12']);
    expect(codes(layout)).toEqual(['5.1', '5.3', '5.4']);
  });
});

describe('a merged standard cell beside the codes', () => {
  it('vouches for a misread standard digit in its own row ("2.5" beside "TIÊU CHUẨN 5" after 3.5)', () => {
    const header = ['Tiêu chuẩn', 'Tiêu chí', 'Giải pháp', 'Người thực hiện', 'Thời gian'];
    const cells: Cell[] = header.map((h, col) => ({ row: 0, col, rowSpan: 1, colSpan: 1, lines: [h], page: 1, confidence: 0.95 }));
    const rows: [string | null, string][] = [['TIÊU CHUẨN 3: CƠ SỞ VẬT CHẤT', 'Tiêu chí 3.4'], [null, 'Tiêu chí 3.5'], ['TIÊU CHUẨN 5: HOẠT ĐỘNG GIÁO DỤC', 'Tiêu chí 2.5']];
    rows.forEach(([standard, code], i) => {
      const row = i + 1;
      if (standard) cells.push({ row, col: 0, rowSpan: standard.includes('3') ? 2 : 1, colSpan: 1, lines: [standard], page: 1, confidence: 0.95 });
      [code, 'Bổ sung hồ sơ', 'Hiệu trưởng', 'Tháng 9/2024'].forEach((text, k) => cells.push({ row, col: k + 1, rowSpan: 1, colSpan: 1, lines: [text], page: 1, confidence: 0.95 }));
    });
    const layout: Layout = {
      source: { format: 'scan', reader: 'tesseract.js', paginated: true },
      pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: ['TRƯỜNG THCS HOA MAI', 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Căn cứ Thông tư số 18/2018/TT-BGDĐT'] }, { type: 'table', index: 0, rows: 4, cols: 5, cells }] }],
      issues: [],
    };
    expect(codes(layout)).toEqual(['3.4', '3.5', '5.5']);
    expect(issueCodes(layout)).toContain('criterion.standard_restored');
  });
});

describe('a scanned table with no header, opening on a standard heading', () => {
  it('reads a dot-lost code under the heading ("11" under "Tiêu chuẩn 1") as an item, not a header row', () => {
    const cells: Cell[] = [{ row: 0, col: 0, rowSpan: 1, colSpan: 5, lines: [], page: 1, confidence: 0.9 }];
    const rows: (string | string[])[] = [
      'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường',
      ['11', 'Nhà trường sẽ phát huy vai trò đoàn thể', 'Không', 'Đang triển khai, chậm tiến độ do thời tiết', 'Không'],
      'Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học',
      ['3.5', 'Tiếp tục nâng cấp nhà vệ sinh', 'Nhà vệ sinh học sinh đạt chuẩn: đạt', '', ''],
      'Tiêu chuẩn 4: Quan hệ giữa nhà trường, gia đình và xã hội',
      ['4.2', 'Nhà trường sẽ vận động cộng đồng ủng hộ', 'Không', 'Không', 'Chưa vận động do chưa được cấp kinh phí'],
    ];
    rows.forEach((r, i) => {
      if (typeof r === 'string') cells.push({ row: i + 1, col: 0, rowSpan: 1, colSpan: 5, lines: [r], page: 1, confidence: 0.9 });
      else r.forEach((t, col) => cells.push({ row: i + 1, col, rowSpan: 1, colSpan: 1, lines: t ? [t] : [], page: 1, confidence: 0.9 }));
    });
    const r = extractDocument({
      source: { format: 'scan', reader: 'tesseract.js', paginated: true },
      pages: [{ number: 1, blocks: [{ type: 'paragraph', lines: ['BÁO CÁO KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG', 'Năm học 2023 - 2024'] }, { type: 'table', index: 0, rows: 7, cols: 5, cells }] }],
      issues: [],
    });
    expect(r.items.map((i) => [i.criterion, i.standard])).toEqual([
      ['1.1', 1],
      ['3.5', 3],
      ['4.2', 4],
    ]);
    expect(r.issues.find((i) => i.code === 'criterion.dot_restored')).toMatchObject({ row: 2 });
  });
});

describe('a scanned level in brackets after the code', () => {
  it('is the level, not the name, with its vowel misread ("(Mực 1)", "(M ựưc 2)"); a lone bracket is no name', () => {
    const r = extractDocument(layoutOf([{ crit: ['Tiêu chí 2.1 (Mực 1)'] }, { crit: ['Tiêu chí 2.2', '(M ựưc 2)'] }, { crit: ['Tiêu chí 2.3 ('] }]));
    expect(r.items.map((i) => [i.criterion, i.criterionName, i.level])).toEqual([
      ['2.1', null, 1],
      ['2.2', null, 2],
      ['2.3', null, null],
    ]);
  });

  it('is left as typed in a document with a text layer', () => {
    const r = extractDocument(layoutOf([{ crit: ['Tiêu chí 2.1 (Mực 1)'] }], 'docx'));
    expect(r.items.map((i) => [i.criterion, i.level])).toEqual([['2.1', null]]);
  });
});

describe('a labelled criterion cell whose code the scan could not read', () => {
  it('takes the one code that fits between its neighbours ("Tiêu chí J.t" under standard 1 above 1.2 is 1.1), and says so', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 1' }, { crit: ['Tiêu chí', 'J.t'] }, { crit: ['Tiêu chí', '1.2'] }, { crit: ['Tiêu chí 1.3'] }, { crit: ['Tiêu chí ,ạ:'] }, { crit: ['Tiêu chí 1.5'] }]);
    const x = extractDocument(layout);
    expect((x.items as PlanItem[]).map((i) => [i.criterion, i.target])).toEqual([
      ['1.1', 'Mục tiêu 2'],
      ['1.2', 'Mục tiêu 3'],
      ['1.3', 'Mục tiêu 4'],
      ['1.4', 'Mục tiêu 5'],
      ['1.5', 'Mục tiêu 6'],
    ]);
    expect(x.issues.filter((i) => i.code === 'criterion.code_restored').map((i) => i.row)).toEqual([2, 5]);
    expect(x.items[0].confidence).toBeLessThan(0.9);
  });

  it('restores nothing where two codes would fit, and says the row was skipped', () => {
    const layout = layoutOf([{ heading: 'Tiêu chuẩn 1' }, { crit: ['Tiêu chí 1.3'] }, { crit: ['Tiêu chí J.t'] }, { crit: ['Tiêu chí 1.6'] }]);
    const x = extractDocument(layout);
    expect((x.items as PlanItem[]).map((i) => i.criterion)).toEqual(['1.3', '1.6']);
    expect(x.issues.map((i) => i.code)).toContain('row.no_criterion');
  });
});

describe('a scanned criterion column that lost every dot', () => {
  it('takes its bare numbers as codes when they run in the order of codes, and says so on each row', () => {
    // No standard rows and no readable code: nothing but the column vouches for "15", "31", "51".
    const layout = withTtColumn(layoutOf([{ crit: ['15'] }, { crit: ['31'] }, { crit: ['51'] }]), ['1', '2', '3']);
    expect(codes(layout)).toEqual(['1.5', '3.1', '5.1']);
    const r = extractDocument(layout);
    expect(r.issues.filter((i) => i.code === 'criterion.dot_restored')).toHaveLength(3);
    expect((r.items as PlanItem[]).every((i) => i.confidence < 0.9)).toBe(true);
  });

  it('reads nothing into numbers out of the order of codes, or into a typed document', () => {
    expect(codes(withTtColumn(layoutOf([{ crit: ['31'] }, { crit: ['15'] }]), ['1', '2']))).toEqual([]);
    expect(codes(withTtColumn(layoutOf([{ crit: ['15'] }, { crit: ['31'] }], 'docx'), ['1', '2']))).toEqual([]);
  });

  it('leaves numbers that count rows to the row count when no other column numbers the rows', () => {
    expect(codes(layoutOf([{ crit: ['11'] }, { crit: ['12'] }, { crit: ['13'] }]))).toEqual([]);
  });
});
