import { describe, expect, it } from 'vitest';
import { parseCriterion, parseLevel, parseStandardHeading } from '../../src/normalize/index.js';

describe('parseCriterion finds the criterion code a cell names', () => {
  it.each([
    { text: '1.1', code: '1.1', standard: 1, name: null },
    { text: 'Tiêu chí 1.1', code: '1.1', standard: 1, name: null },
    { text: 'Tiêu chí 2. 2', code: '2.2', standard: 2, name: null },
    { text: 'Tiêu chí 3.1: Khuôn viên, sân chơi, sân tập', code: '3.1', standard: 3, name: 'Khuôn viên, sân chơi, sân tập' },
    { text: 'Tiêu chí 1.2 - Hội đồng trường', code: '1.2', standard: 1, name: 'Hội đồng trường' },
    { text: '1.1. Phương hướng, chiến lược', code: '1.1', standard: 1, name: 'Phương hướng, chiến lược' },
    { text: 'TC 3.2', code: '3.2', standard: 3, name: null },
    { text: 'Tiêu chí: 1.1', code: '1.1', standard: 1, name: null },
    { text: 'Tiêu - chí 5.2', code: '5.2', standard: 5, name: null },
    { text: 'Tiêu : chí 5.2', code: '5.2', standard: 5, name: null },
    { text: 'Tiêu chí 1: 2', code: '1.2', standard: 1, name: null },
    { text: 'Tiêu chí. 3.4 Thiết bị dạy học', code: '3.4', standard: 3, name: 'Thiết bị dạy học' },
    { text: '(Tiêu chí 1.4)', code: '1.4', standard: 1, name: null },
    { text: '(1.4)', code: '1.4', standard: 1, name: null },
    { text: 'Tiêu chí 1.10', code: '1.10', standard: 1, name: null },
    { text: 'TIÊU CHÍ 5.3', code: '5.3', standard: 5, name: null },
    { text: 'Tieu chi 4.1', code: '4.1', standard: 4, name: null },
    { text: 'Công khai kết quả tự đánh giá, cải tiến chất lượng (Tiêu chí 1.4)', code: '1.4', standard: 1, name: null },
    { text: 'Đổi mới kiểm tra, đánh giá học sinh (TC 3.2)', code: '3.2', standard: 3, name: null },
  ])('reads $text as criterion $code', ({ text, code, standard, name }) => {
    expect(parseCriterion(text)).toEqual({ code, standard, name });
  });

  it.each([
    null,
    '',
    'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường',
    'Xây dựng văn hóa đọc cho học sinh',
    'Chi 1.5 triệu đồng',
    'Tiêu chí 1',
    'Tiêu chí 9.1',
    'Tiêu chí 1.0',
    'Tiêu chuẩn, tiêu chí',
  ])('finds no criterion in %j', (text) => {
    expect(parseCriterion(text)).toBeNull();
  });
});

describe('parseStandardHeading reads a standard heading row', () => {
  it.each([
    { text: 'Tiêu chuẩn 1: Tổ chức và quản lý nhà trường', standard: 1, name: 'Tổ chức và quản lý nhà trường' },
    { text: 'TIÊU CHUẨN 2', standard: 2, name: null },
    { text: 'Tiêu chuẩn II', standard: 2, name: null },
    { text: 'Tiêu chuẩn II: Cán bộ quản lý, giáo viên, nhân viên', standard: 2, name: 'Cán bộ quản lý, giáo viên, nhân viên' },
    { text: 'Tiêu chuẩn 3 - Cơ sở vật chất và thiết bị dạy học', standard: 3, name: 'Cơ sở vật chất và thiết bị dạy học' },
    { text: 'Tiêu chuẩn 5: Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ', standard: 5, name: 'Hoạt động và kết quả nuôi dưỡng, chăm sóc, giáo dục trẻ' },
    { text: 'TIÊU. CHUẨN 1: TỔ CHỨC', standard: 1, name: 'TỔ CHỨC' },
    { text: 'TIÊU CHUẨN. 5: HOẠT ĐỘNG GIÁO DỤC', standard: 5, name: 'HOẠT ĐỘNG GIÁO DỤC' },
    { text: 'TIÊU CHUẤẨN. 5: HOẠT ĐỘNG VÀ KẾT QUẢ', standard: 5, name: 'HOẠT ĐỘNG VÀ KẾT QUẢ' },
    { text: 'TTiêu chuẩn 3: Cơ sở vật chất', standard: 3, name: 'Cơ sở vật chất' },
    { text: 'TIÊU_ CHUẨN 2: CÁN BỘ QUẢN LÝ', standard: 2, name: 'CÁN BỘ QUẢN LÝ' },
  ])('reads $text as standard $standard', ({ text, standard, name }) => {
    expect(parseStandardHeading(text)).toEqual({ standard, name });
  });

  it.each([null, 'Tiêu chuẩn, tiêu chí', 'Tiêu chuẩn 4, 5', 'Tiêu chuẩn 2,3', 'Tiêu chuẩn 2 và 3', 'Tiêu chuẩn 6', 'Tiêu chí 1.1', 'Mức 2'])(
    'reads %j as no standard heading',
    (text) => {
      expect(parseStandardHeading(text)).toBeNull();
    },
  );
});

describe('parseLevel reads the level stated for a row', () => {
  it.each([
    { text: 'Mức 2', level: 2 },
    { text: 'Giữ vững mức 1', level: 1 },
    { text: 'Giữ vững Mức 2', level: 2 },
    { text: 'mức II', level: 2 },
    { text: 'Đạt mức 3', level: 3 },
    { text: 'Đạt Mức 1', level: 1 },
    { text: 'MỨC 3.', level: 3 },
    { text: 'mức IV', level: 4 },
    { text: 'Mức 2 (so với hiện trạng)', level: 2 },
    // as scans leave them: a speck after "mức" or "vững", a space inside "Giữ"
    { text: 'Giữ vững mức,1', level: 1 },
    { text: 'Mức!1', level: 1 },
    { text: 'Mức1l', level: 1 },
    { text: 'Giữ vững mức!', level: 1 },
    { text: "Mức 1 '", level: 1 },
    { text: 'Giữ vững. Mức 1', level: 1 },
    { text: 'Gi ữ vững Mức 2', level: 2 },
    // a narrow column broke "Mức" over two lines, and a speck sits after the "M"
    { text: 'M. ức 2', level: 2 },
    { text: 'M ức 4', level: 4 },
    // a narrow scanned column: every piece on a line of its own, marks misread, a vowel doubled
    { text: 'Gi ư vứ ng Mử c2', level: 2 },
    { text: 'Mửứ c2', level: 2 },
    // "vững" garbled into letters and a speck read as a digit
    { text: 'Giữ vừữn 5 Mức 2', level: 2 },
    { text: 'Giữ vữn 8 mức 1', level: 1 },
  ])('reads $text as level $level', ({ text, level }) => {
    expect(parseLevel(text)).toBe(level);
  });

  it.each([null, '', 'MỨC 1, 2, 3', 'MỨC 1, 2, 3: Mức 2', 'Mức 1 và 2', 'Chưa đạt Mức 1', 'Mức 5', 'Mức độ', 'Mức 4: không', 'Tiêu chí 1.1', 'Nâng cao chất lượng giáo dục mức 2', 'Đạt chuẩn quốc gia mức 1 và 2'])(
    'reads %j as no level',
    (text) => {
      expect(parseLevel(text)).toBeNull();
    },
  );
});
