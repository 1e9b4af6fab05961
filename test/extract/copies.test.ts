/**
 * The copy rule with plain data: what makes two stored documents one plan kept twice (the DOCX
 * and its scan), what does not, and which copy is counted.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PlanItem, TaskItem } from '../../src/extract/contract.js';
import { copyDifference, copyText, formatRank, groupCopies, isCopy, sameSchool, type CopyCandidate } from '../../src/extract/copies.js';

const provenance = { page: null, table: 0, row: 1, cells: [] };

function plan(criterion: string, budgetVnd: number | null, target: string, solution = 'Hiệu trưởng chỉ đạo tổ chuyên môn xây dựng kế hoạch.'): PlanItem {
  return {
    standard: Number(criterion.split('.')[0]),
    criterion,
    criterionName: null,
    level: 2,
    rowNo: null,
    note: null,
    extra: {},
    provenance,
    confidence: 1,
    target,
    solution,
    support: 'Không',
    owner: 'Hiệu trưởng',
    owners: ['Hiệu trưởng'],
    timeline: 'Năm học 2024-2025',
    timelineStart: '2024-09',
    timelineEnd: '2025-05',
    budgetText: budgetVnd === null ? null : `${budgetVnd.toLocaleString('vi-VN')} đồng`,
    budgetVnd,
    fundingSource: null,
  };
}

const ITEMS = [
  plan('1.1', null, 'Việc tổ chức xây dựng phương hướng, chiến lược phát triển của nhà trường'),
  plan('3.1', 25_000_000, 'Sân trường sẽ trồng thêm nhiều cây xanh để che bóng mát'),
  plan('3.4', 120_000_000, 'Đưa ra phương án di dời tủ lưu mẫu thức ăn'),
];

function doc(id: number, format: string, p: Partial<CopyCandidate> = {}): CopyCandidate {
  return { id, format, kind: 'plan', form: 'criterion-rows', circular: '19/2018', schoolYear: '2024-2029', school: 'Trường Mầm non Tây Úc', items: ITEMS, ...p };
}

/** What OCR does to the same page: a lost accent, a run-together word, a stray full stop, capitals. */
const OCR_ITEMS = [
  { ...ITEMS[0], target: 'Việc tổ chức xây dựng phương hướng, chiến lươc phát triển của nhà trường', solution: 'Hiệu trưởng chỉ đạo tổ chuyên môn xây dựng kếhoạch.' },
  { ...ITEMS[1], target: 'Sân trường sẽ trồng thêm nhiều cây xanh đề che bóng mát.', owner: 'Hiệu trưởng' },
  { ...ITEMS[2], owner: 'Hiêu trưởng', owners: ['Hiêu trưởng'] },
];

describe('two documents are copies', () => {
  it('when a scan reads the DOCX with a few letters, accents and spaces off', () => {
    const scan = doc(2, 'scan', { items: OCR_ITEMS, school: 'TRƯỜNG MẦM NON TÂY ÚC' });
    expect(copyDifference(doc(1, 'docx'), scan)).toBeNull();
    expect(isCopy(scan, doc(1, 'docx'))).toBe(true);
  });

  it('when no school name could be read on either', () => {
    expect(isCopy(doc(1, 'docx', { school: null }), doc(2, 'pdf', { school: null }))).toBe(true);
  });

  it('for the 2026 form, pairing tasks by their number (TT)', () => {
    const task = (rowNo: string, content: string, budgetVnd: number): TaskItem => ({
      ...plan('1.4', budgetVnd, 'Nâng cao chất lượng'),
      rowNo,
      content,
      indicator: null,
      evidence: null,
      statusText: null,
      status: null,
    });
    const tasks = [task('1', 'Bồi dưỡng giáo viên về chuyển đổi số', 15_000_000), task('2', 'Sửa chữa phòng học bộ môn', 80_000_000)];
    const a = doc(1, 'docx', { form: 'task-rows', circular: '57/2026', items: tasks });
    const b = doc(2, 'scan', { form: 'task-rows', circular: '57/2026', items: [{ ...tasks[0], rowNo: '1.' }, { ...tasks[1], content: 'Sửa chữa phòng hoc bộ môn' }] });
    expect(copyDifference(a, b)).toBeNull();
    expect(copyDifference(a, { ...b, items: [tasks[0], { ...tasks[1], rowNo: '3' }] })).toBe('item-key');
  });
});

describe('two documents are not copies', () => {
  it.each<[string, Partial<CopyCandidate>, string]>([
    ['a report beside the plan', { kind: 'report' }, 'kind'],
    ['the 2026 form', { form: 'task-rows' }, 'form'],
    ['another circular', { circular: '17/2018' }, 'circular'],
    ['the plan of another school year', { schoolYear: '2025-2030' }, 'school-year'],
    ['another school', { school: 'Trường Mầm non Hoa Mai' }, 'school'],
    ['a school one number away', { school: 'Trường Mầm non số 3' }, 'school'],
    ['a school name beside an unread one', { school: null }, 'school'],
    ['a row less', { items: ITEMS.slice(0, 2) }, 'item-count'],
    ['no rows', { items: [] }, 'no-items'],
    ['another criterion in a row', { items: [ITEMS[0], ITEMS[1], { ...ITEMS[2], criterion: '3.5', standard: 3 }] }, 'item-key'],
    ['one amount changed', { items: [ITEMS[0], ITEMS[1], { ...ITEMS[2], budgetVnd: 100_000_000 }] }, 'budget'],
    ['an amount the other lacks', { items: [{ ...ITEMS[0], budgetVnd: 5_000_000 }, ITEMS[1], ITEMS[2]] }, 'budget'],
    ['a rewritten target', { items: [ITEMS[0], { ...ITEMS[1], target: 'Xây dựng thêm một phòng giáo dục thể chất cho trẻ' }, ITEMS[2]] }, 'text'],
  ])('%s', (_name, change, difference) => {
    const base = change.school === 'Trường Mầm non số 3' ? doc(1, 'docx', { school: 'Trường Mầm non số 2' }) : doc(1, 'docx');
    expect(copyDifference(base, doc(2, 'scan', change))).toBe(difference);
  });
});

describe('school names', () => {
  it.each([
    ['Trường Mầm non Tây Úc', 'TRƯỜNG MẦM NON TÂY ÚC', true],
    ['Trường mầm non số 2 xã Thanh Yên', 'Trường mầm non số 2 xã Thanh Yen', true],
    ['Trường mầm non số 2 xã Thanh Yên', 'Trường mầm non số 12 xã Thanh Yên', false],
    ['Trường THCS Đông Sơn', 'Trường THCS Tây Sơn', false],
  ])('%s and %s are one school: %s', (a, b, same) => {
    expect(sameSchool(a, b)).toBe(same);
  });

  it('folds text to letters and digits without accents', () => {
    expect(copyText('Kế hoạch, số 06/KH-MNTU.')).toBe('kehoachso06khmntu');
  });
});

describe('which copy counts', () => {
  it('prefers the digital original: DOCX and DOC, then a text PDF, then a scan', () => {
    expect(['scan', 'pdf', 'doc', null, 'image', 'docx'].sort((a, b) => formatRank(a) - formatRank(b))).toEqual(['doc', 'docx', 'pdf', 'scan', 'image', null]);
  });

  it('makes the DOCX canonical whichever order the copies were stored in', () => {
    const scan = doc(1, 'scan', { items: OCR_ITEMS });
    const pdf = doc(2, 'pdf');
    const docx = doc(3, 'docx');
    expect(groupCopies([scan, pdf, docx])).toEqual(new Map([[1, 3], [2, 3], [3, null]]));
    expect(groupCopies([scan, pdf])).toEqual(new Map([[1, 2], [2, null]]));
  });

  it('keeps the one stored first among copies of one format', () => {
    expect(groupCopies([doc(7, 'scan'), doc(4, 'scan')])).toEqual(new Map([[7, 4], [4, null]]));
  });

  it('leaves documents that are not copies alone, and groups copies of copies', () => {
    const other = doc(5, 'docx', { schoolYear: '2025-2030' });
    expect(groupCopies([doc(1, 'pdf'), other, doc(2, 'scan', { items: OCR_ITEMS }), doc(3, 'scan', { items: OCR_ITEMS })])).toEqual(
      new Map([[1, null], [5, null], [2, 1], [3, 1]]),
    );
  });

  it('gives the same groups for any arrival order', () => {
    const docs = [doc(1, 'scan', { items: OCR_ITEMS }), doc(2, 'docx'), doc(3, 'pdf'), doc(4, 'docx', { schoolYear: '2025-2030' }), doc(5, 'scan', { schoolYear: '2025-2030' })];
    const expected = groupCopies(docs);
    expect(expected).toEqual(new Map([[1, 2], [2, null], [3, 2], [4, null], [5, 4]]));
    fc.assert(fc.property(fc.shuffledSubarray(docs, { minLength: docs.length }), (shuffled) => {
      expect(groupCopies(shuffled)).toEqual(expected);
    }));
  });
});
