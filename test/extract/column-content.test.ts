/**
 * Typing a cell by what it holds, the ground of column typing by content: a person or unit, a
 * period, an amount, a level, a code, ticks, or running text led by an action or by a result.
 */
import { describe, expect, it } from 'vitest';
import { kindOf, readCell, readColumnContents } from '../../src/extract/column-content.js';

const kind = (text: string) => {
  const r = readCell(text);
  const kinds = (['code', 'rowNo', 'level', 'time', 'owner', 'ticks', 'blankish'] as const).filter((k) => r[k]);
  if (r.money === 1) kinds.push('amount' as never);
  else if (r.money > 0) kinds.push('source' as never);
  if (r.text) kinds.push((r.verbLed ? 'action' : 'result') as never);
  return kinds.join('+');
};

describe('reading a cell', () => {
  it.each([
    ['Tiêu chí 2.3', 'code'],
    // A scan's speck inside the label or after it is no word before the code.
    ['Tiêu : chí 5.2', 'code'],
    ['Tiêu . chí 5.2', 'code'],
    ['Tiêu chí . 5.2', 'code'],
    ['1.4', 'code'],
    ['12', 'rowNo'],
    ['IV', 'rowNo'],
    ['Giữ vững mức 1', 'level'],
    ['x', 'ticks'],
    ['Không', 'blankish'],
    ['Hiệu trưởng, Phó hiệu trưởng', 'owner'],
    ['Phó HT, Tổ trưởng CM, Kế toán', 'owner'],
    ['Ban đại diện cha mẹ học sinh', 'owner'],
    // A scan garbled one of two short roles: half the list still names people.
    ['GVƠN, HT', 'owner'],
    ['Năm học 2020-2021 và các năm học tiếp theo', 'time'],
    ['Từ tháng 9/2024 đến tháng 5/2025', 'time'],
    ['Thường xuyên', 'time'],
    ['250.000.000 đồng', 'amount'],
    ['Ngân sách: 30.000.000 đồng; XHH: 20.000.000 đồng', 'amount'],
    ['Từ nguồn ngân sách', 'source'],
    // A sentence that opens with a school year is a solution, not a period.
    ['Năm học 2024 – 2025 thành lập hội đồng xét duyệt sáng kiến kinh nghiệm.', 'action'],
    ['Tổ chức việc bồi dưỡng giáo viên', 'action'],
    ['Nhà trường sẽ đa dạng các hình thức công khai', 'action'],
    ['Đội ngũ giáo viên đạt chuẩn trình độ đào tạo', 'result'],
    ['Chưa thực hiện do chưa có kinh phí', 'result'],
  ])('%s → %s', (text, expected) => {
    expect(kind(text)).toBe(expected);
  });

  it('reads the leading words of a report result', () => {
    expect(readCell('Đã thay vách ngăn cho khối chồi')).toMatchObject({ done: true, inProgress: false, notDone: false });
    expect(readCell('Tiếp tục tổ chức trong học kỳ II')).toMatchObject({ done: false, inProgress: true, notDone: false });
    expect(readCell('Chưa thực hiện do chưa có kinh phí')).toMatchObject({ done: false, inProgress: false, notDone: true });
  });
});

describe('typing a column of a table with two rows', () => {
  const slot = (t: string) => ({ cell: { row: 0, col: 0, rowSpan: 1, colSpan: 1, lines: t ? [t] : [] }, origin: true }) as never;
  /** The column of `texts` as the third of three: a row number and a task beside it. */
  const column = (texts: string[]) => readColumnContents(texts.map((t, i) => [slot(String(i + 1)), slot('Bồi dưỡng giáo viên'), slot(t)]), 0, 3)[2];

  it('reads one amount with its unit beside "Không" as money', () => {
    expect(kindOf(column(['52.250.000 đồng', 'Không']))).toBe('money');
  });

  it('still wants two cells for people or periods, and an amount alone is no habit', () => {
    expect(kindOf(column(['Hiệu trưởng', 'Không']))).not.toBe('owner');
    expect(kindOf(column(['52.250.000 đồng', '']))).not.toBe('money');
    expect(kindOf(column(['Từ tháng 9/2024 đến tháng 5/2025', '']))).not.toBe('time');
  });
});

describe('typing a column of a table with one row', () => {
  const slot = (t: string) => ({ cell: { row: 0, col: 0, rowSpan: 1, colSpan: 1, lines: t ? [t] : [] }, origin: true }) as never;
  const column = (text: string) => readColumnContents([[slot('1.4'), slot('Bồi dưỡng giáo viên'), slot(text)]], 0, 3)[2];

  // A plan of one criterion under a numbered header "(1) (2) …": its one cell is all a column says.
  it.each([
    ['Một trăm triệu đồng', 'money'],
    ['Từ tháng 3/2026 đến tháng 5/2026', 'time'],
    ['Giáo viên, Hội đồng trường, Tổ văn phòng', 'owner'],
    ['Tổ chức cho giáo viên dự giờ', 'text'],
  ])('%s → %s', (text, expected) => {
    expect(kindOf(column(text))).toBe(expected);
  });
});
