/**
 * Extraction on DOCX documents built in the test: column orders, header wordings, merges and
 * cell texts the fixtures do not show. The project is judged on documents it has never seen.
 */
import { describe, expect, it } from 'vitest';
import { extractDocument, type PlanItem, type ReportItem } from '../../src/extract/index.js';
import { ingestDocx } from '../../src/ingest/docx.js';
import { KhclError } from '../../src/errors.js';
import { letterhead, makeDocx, type BlockSpec } from '../helpers/make-docx.js';

async function extract(blocks: BlockSpec[], options?: { landscape?: boolean }) {
  return extractDocument(await ingestDocx(await makeDocx(blocks, options)));
}

const title = ['KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2025 - 2026'];

describe('plans built in code', () => {
  it('maps shuffled columns with other header wordings and a unit in the budget header', async () => {
    const r = await extract([
      letterhead({ school: 'TRƯỜNG TIỂU HỌC SỐ 1 XÃ NÀ TẤU', number: 'Số: 12/KH-TH1', placeDate: 'Nà Tấu, ngày 5 tháng 10 năm 2025' }),
      title,
      'Căn cứ Thông tư số 17/2018/TT-BGDĐT ngày 22/8/2018; báo cáo tự đánh giá của Trường Tiểu học số 1 xã Nà Tấu.',
      {
        header: [['Thời gian', 'Giải pháp', 'Tiêu chí', 'Người thực hiện', 'Kinh phí (triệu đồng)', 'Mục tiêu cần đạt', 'STT']],
        rows: [
          [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', colSpan: 7 }],
          ['Học kỳ II năm học 2025-2026', 'Rà soát quy chế', '1.1', 'Hiệu trưởng, Phó hiệu trưởng', '15', 'Có chiến lược mới', '1'],
          ['Quý II/2026', 'Bồi dưỡng giáo viên', 'Tiêu chí 2. 2', 'Tổ trưởng chuyên môn; giáo viên', '2,5', 'GV đạt chuẩn', '2'],
          ['Năm 2026', 'Sửa sân trường', 'Tiêu chí 3.1: Khuôn viên, sân chơi, sân tập', 'Hiệu trưởng và kế toán', 'Không', 'Sân an toàn', '3'],
        ],
      },
    ]);
    expect(r.kind).toBe('plan');
    expect(r.document).toMatchObject({
      form: 'criterion-rows',
      circular: '17/2018',
      number: '12/KH-TH1',
      place: 'Nà Tấu',
      issuedOn: '2025-10-05',
      schoolYear: '2025-2026',
      school: 'Trường Tiểu học số 1 xã Nà Tấu',
      schoolLevel: 'primary',
    });
    const items = r.items as PlanItem[];
    expect(items.map((i) => [i.criterion, i.standard, i.rowNo])).toEqual([
      ['1.1', 1, '1'],
      ['2.2', 2, '2'],
      ['3.1', 3, '3'],
    ]);
    expect(items[0]).toMatchObject({
      target: 'Có chiến lược mới',
      solution: 'Rà soát quy chế',
      owner: 'Hiệu trưởng, Phó hiệu trưởng',
      owners: ['Hiệu trưởng', 'Phó hiệu trưởng'],
      budgetVnd: 15_000_000,
      timelineStart: '2026-01',
      timelineEnd: '2026-05',
    });
    expect(items[1]).toMatchObject({ budgetVnd: 2_500_000, timelineStart: '2026-04', timelineEnd: '2026-06' });
    expect(items[2]).toMatchObject({
      criterionName: 'Khuôn viên, sân chơi, sân tập',
      budgetVnd: 0,
      owners: ['Hiệu trưởng', 'kế toán'],
      timelineStart: '2026-01',
      timelineEnd: '2026-12',
    });
  });

  it('reads a vertically merged standard column and a level column, in landscape', async () => {
    const r = await extract(
      [
        title,
        {
          header: [['Tiêu chuẩn', 'Tiêu chí', 'Mức', 'Biện pháp thực hiện', 'Người chịu trách nhiệm', 'Thời gian', 'Dự kiến kinh phí']],
          rows: [
            [{ text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', vMerge: 'restart' }, 'Tiêu chí 1.2', 'Mức 2', 'Kiện toàn hội đồng', 'Hiệu trưởng', 'Năm học 2025-2026', '1,5 tỷ đồng'],
            [{ text: '', vMerge: 'continue' }, 'Tiêu chí 1.5', 'Giữ vững mức 1', 'Sắp xếp lớp', 'Phó hiệu trưởng', 'Từ 9/2025 đến 12/2025', '2 tỷ 500 triệu đồng'],
            [{ text: 'Tiêu chuẩn 2: Cán bộ quản lý, giáo viên, nhân viên', vMerge: 'restart' }, 'Tiêu chí 2.1', 'Mức 3', 'Bồi dưỡng', 'Hiệu trưởng', 'Quý 4/2025', 'Ba trăm triệu đồng'],
            [{ text: '', vMerge: 'continue' }, 'Tiêu chí 2.3', 'Mức 1', 'Tuyển dụng', 'Hiệu trưởng', 'Tháng 3/2026', '18.000.000 đồng (Mười tám triệu đồng chẵn)'],
          ],
        },
      ],
      { landscape: true },
    );
    const items = r.items as PlanItem[];
    expect(items.map((i) => [i.criterion, i.standard, i.level, i.budgetVnd])).toEqual([
      ['1.2', 1, 2, 1_500_000_000],
      ['1.5', 1, 1, 2_500_000_000],
      ['2.1', 2, 3, 300_000_000],
      ['2.3', 2, 1, 18_000_000],
    ]);
    expect(items[1]).toMatchObject({ timelineStart: '2025-09', timelineEnd: '2025-12' });
    expect(items[2]).toMatchObject({ timelineStart: '2025-10', timelineEnd: '2025-12' });
    expect(items[0].extra).toEqual({});
  });

  it('reads a table without a TT column, the level in the first column, and keeps unknown columns in extra', async () => {
    const r = await extract([
      title,
      {
        header: [['Mức', 'Tiêu chuẩn, tiêu chí', 'Kết quả cần đạt (so với hiện trạng)', 'Công việc/giải pháp cần thực hiện', 'Chủ trì và phối hợp thực hiện', 'Thời gian thực hiện và hoàn thành', 'Dự kiến kinh phí', 'Ý kiến phê duyệt']],
        rows: [
          ['Mức 2', 'Tiêu chí 5.1', 'Trẻ khỏe mạnh', 'Tổ chức bữa ăn', 'Y tế', 'Năm học 2025-2026', 'Ngân sách: 30.000.000 đồng; XHH: 20.000.000 đồng', 'Đồng ý'],
          ['Giữ vững mức 1', 'Tiêu chí 5.2', 'Trẻ chăm ngoan', 'Tuyên truyền', 'Giáo viên', 'Từ năm học 2025-2026', 'Từ nguồn ngân sách', ''],
        ],
      },
    ]);
    const items = r.items as PlanItem[];
    expect(items.map((i) => [i.criterion, i.level, i.rowNo])).toEqual([
      ['5.1', 2, null],
      ['5.2', 1, null],
    ]);
    expect(items[0]).toMatchObject({ budgetVnd: 50_000_000, extra: { 'Ý kiến phê duyệt': 'Đồng ý' } });
    expect(items[1]).toMatchObject({ budgetVnd: null, fundingSource: 'Từ nguồn ngân sách', timelineStart: '2025-09', timelineEnd: null, extra: {} });
  });

  it('joins a table Word split after a page break: repeated header dropped, continuation row joined', async () => {
    const header = [['TT', 'Tiêu chuẩn, tiêu chí', 'Kết quả cần đạt', 'Giải pháp', 'Người thực hiện', 'Thời gian', 'Kinh phí']];
    const r = await extract([
      title,
      {
        header,
        plainHeader: true,
        rows: [
          [{ text: 'Tiêu chuẩn 3: Cơ sở vật chất và thiết bị dạy học', colSpan: 7 }],
          ['', 'Tiêu chí 3.6', 'Mở rộng nhà vệ sinh học', 'Xây dựng kế hoạch', 'CBQL, giáo viên,', 'Năm học 2025-2026 và các năm học tiếp', '250.000.00'],
        ],
      },
      {
        header,
        plainHeader: true,
        rows: [
          ['', '', 'sinh', 'sửa chữa', 'UBND xã.', 'theo', '0 đồng'],
          ['', 'Tiêu chí 3.7', 'Đủ thiết bị', 'Mua sắm', 'Kế toán', 'Năm 2026', '5.000.000 đ'],
        ],
      },
    ]);
    const items = r.items as PlanItem[];
    expect(items.map((i) => i.criterion)).toEqual(['3.6', '3.7']);
    expect(items[0]).toMatchObject({
      standard: 3,
      target: 'Mở rộng nhà vệ sinh học sinh',
      solution: 'Xây dựng kế hoạch sửa chữa',
      owner: 'CBQL, giáo viên, UBND xã.',
      timeline: 'Năm học 2025-2026 và các năm học tiếp theo',
      budgetText: '250.000.000 đồng',
      budgetVnd: 250_000_000,
      timelineStart: '2025-09',
      timelineEnd: null,
    });
    expect(items[1].budgetVnd).toBe(5_000_000);
  });

  it('gives no items for a self-assessment results matrix placed before the plan', async () => {
    const r = await extract([
      title,
      {
        header: [
          ['Tiêu chí', { text: 'Mức 1', colSpan: 3 }, { text: 'Mức 2', colSpan: 3 }, { text: 'Mức 3', colSpan: 3 }],
          ['', 'a', 'b', 'c', 'a', 'b', 'c', 'a', 'b', 'c'],
        ],
        rows: [['Tiêu chí 1.1', 'x', 'x', 'x', 'x', 'x', '', 'x', '', '']],
      },
      'III. NỘI DUNG KẾ HOẠCH',
      {
        header: [['TT', 'Tiêu chí', 'Mục tiêu', 'Biện pháp', 'Người phụ trách', 'Thời gian']],
        rows: [['1', 'Tiêu chí 1.3', 'Mục tiêu A', 'Biện pháp A', 'Hiệu trưởng', 'Năm 2026']],
      },
    ]);
    expect(r.items.map((i) => i.criterion)).toEqual(['1.3']);
  });
});

describe('reports built in code', () => {
  it('reads a two-row header whatever the order of the result columns', async () => {
    const r = await extract(
      [
        ['BÁO CÁO', 'KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2024-2025'],
        {
          header: [
            [{ text: 'TT', rowSpan: 2 }, { text: 'Tiêu chuẩn, tiêu chí', rowSpan: 2 }, { text: 'Kết quả thực hiện', colSpan: 3 }, { text: 'ND Kế hoạch', colSpan: 2 }, { text: 'Ghi chú', rowSpan: 2 }],
            ['Chưa triển khai (lý do)', 'Đã hoàn thành', 'Đang triển khai, chậm so với kế hoạch (lý do)', 'ND kế hoạch xây dựng đầu năm', 'ND kế hoạch đã được điều chỉnh'],
          ],
          rows: [
            ['1', 'Tiêu chí 1.7', 'Chưa làm X', 'Đã làm Y', 'Đang làm Z', 'Kế hoạch P', 'Điều chỉnh Q', ''],
          ],
        },
      ],
      { landscape: true },
    );
    expect(r.kind).toBe('report');
    const item = r.items[0] as ReportItem;
    expect(item).toMatchObject({ criterion: '1.7', standard: 1, notDone: 'Chưa làm X', done: 'Đã làm Y', inProgress: 'Đang làm Z', planned: 'Kế hoạch P', adjusted: 'Điều chỉnh Q', note: null });
    expect(r.document.schoolYear).toBe('2024-2025');
  });
});

describe('documents that are not plans', () => {
  it('rejects a DOCX with no plan or report table with a clear error', async () => {
    const bytes = await makeDocx(['Biên bản họp', { header: [['Họ và tên', 'Chức vụ']], rows: [['Nguyễn Văn A', 'Hiệu trưởng']] }]);
    const layout = await ingestDocx(bytes);
    expect(() => extractDocument(layout)).toThrow(KhclError);
    expect(() => extractDocument(layout)).toThrow(/no plan or report table/);
  });
});

describe('table shapes beyond the fixtures', () => {
  it('skips a title row inside the table above the header, and reads a level written after the code', async () => {
    const r = await extract([
      title,
      {
        header: [],
        rows: [
          [{ text: 'KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG NĂM HỌC 2025-2026', colSpan: 6 }],
          ['STT', 'Tiêu chí', 'Mục tiêu', 'Biện pháp', 'Người thực hiện', 'Thời gian'],
          ['1', 'Tiêu chí 1.1 (Mức 2)', 'A', 'B', 'Hiệu trưởng', '9/2025-5/2026'],
          ['2', '1.2. Hội đồng trường - Mức 3', 'C', 'D', 'Hiệu trưởng', 'Tháng 10/2025'],
        ],
      },
    ]);
    expect(r.items.map((i) => [i.criterion, i.level, i.criterionName, i.rowNo])).toEqual([
      ['1.1', 2, null, '1'],
      ['1.2', 3, 'Hội đồng trường', '2'],
    ]);
    expect(r.items[0]).toMatchObject({ timelineStart: '2025-09', timelineEnd: '2026-05' });
  });
});

describe('criterion codes read by OCR', () => {
  it('mends a labelled code whose dot was lost ("Tiêu chí 34" is 3.4), and nothing else', async () => {
    const { readCriterionCode } = await import('../../src/extract/criterion-code.js');
    const { criterionMention } = await import('../../src/extract/task-rows.js');
    expect(readCriterionCode('Tiêu chí 34')).toMatchObject({ code: '3.4', standard: 3 });
    expect(readCriterionCode('Tiêu chí 110: Đảm bảo an ninh')).toMatchObject({ code: '1.10', name: 'Đảm bảo an ninh' });
    expect(readCriterionCode('Tiêu chí 3.4')).toMatchObject({ code: '3.4' });
    // A narrow column's "Tiêu chí 1." / "5" with the dot lost: the two lines joined with a space.
    expect(readCriterionCode('Tiêu chí 1 5')).toMatchObject({ code: '1.5', standard: 1 });
    expect(readCriterionCode('Tiêu chí 2 10')).toMatchObject({ code: '2.10', standard: 2 });
    expect(readCriterionCode('Tiêu chí 7 5')).toBeNull();
    // The dot read left of where it was printed ("Tiêu chí. 11" for "Tiêu chí 1.1").
    expect(readCriterionCode('Tiêu chí. 11')).toMatchObject({ code: '1.1', standard: 1 });
    expect(readCriterionCode('Tiêu chí. 41 Tham mưu')).toMatchObject({ code: '4.1', name: 'Tham mưu' });
    // The dot read as a colon or semicolon, touching both digits; a speck before the code read as a dash.
    expect(readCriterionCode('Tiêu chí 5:5')).toMatchObject({ code: '5.5', standard: 5 });
    expect(readCriterionCode('Tiêu chí 5;5 Học sinh')).toMatchObject({ code: '5.5', name: 'Học sinh' });
    expect(readCriterionCode("Tiêu chí5'6")).toMatchObject({ code: '5.6', standard: 5 });
    expect(readCriterionCode('Tiêu chí - 4.2: Công tác')).toMatchObject({ code: '4.2', name: 'Công tác' });
    expect(readCriterionCode('Tiêu chí 1: 5 giáo viên')).toBeNull();
    // The label's first word misread ("Lê chí 1.9"): one short word, "chí", a code that can exist.
    expect(readCriterionCode('Lê chí 1.9')).toMatchObject({ code: '1.9', standard: 1 });
    expect(readCriterionCode('Tiều chí 2.3: Đội ngũ')).toMatchObject({ code: '2.3', name: 'Đội ngũ' });
    expect(readCriterionCode('Tiệ u chí 2.3')).toMatchObject({ code: '2.3' });
    expect(readCriterionCode('Lê chí 8.9')).toBeNull();
    // …and its dot lost too ("Têu / chí / 1 / 5", a narrow scanned column); no code still no code.
    expect(readCriterionCode('Têu\nchí\n1\n5')).toMatchObject({ code: '1.5', standard: 1 });
    expect(readCriterionCode('Têu chí 74')).toBeNull();
    expect(readCriterionCode('Têu chí 1 giáo viên')).toBeNull();
    expect(readCriterionCode('Tổ chức hội chí 1.2')).toBeNull();
    expect(readCriterionCode('Mua sắm 1.9 triệu')).toBeNull();
    expect(readCriterionCode('34')).toBeNull();
    expect(readCriterionCode('Tiêu chí 74')).toBeNull();
    expect(criterionMention('Công khai kết quả (Tiêu chí 14)')).toEqual({ code: '1.4', standard: 1 });
    expect(criterionMention('Năm 2024 có 14 lớp')).toBeNull();
  });
});
