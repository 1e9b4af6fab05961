import { describe, expect, it } from 'vitest';
import { continuesNumber, dropDoubledCapitals, dropLoneSpecks, joinLines, joinsBrokenWord, mendBrokenLines, mendCaseLookAlikes, mendLostVowelMarks, mendShiftedSpaces } from '../../src/normalize/index.js';

describe('joinsBrokenWord: a line and the next meet inside one word', () => {
  it.each([
    ['Mứ', 'c 2'],
    ['Gh', 'i chú'],
    ['500.000 đồng/nă', 'm'],
    ['Kế hoạ', 'ch'],
    ['trườ', 'ng'],
    ['Phó hiệ', 'u trưởng'],
    ['TIÊ', 'U CHÍ'],
    ['Đ', 'ồng'],
    ['250,00', '0,000 đồng'],
    ['250.000.00', '0 đồng'],
    ['1.200.', '000.000'],
    ['25', '0.000.000'],
    ['Năm học 2024-20', '25'],
    ['T', 'T'],
    ['TTC', 'M, GV'],
    ['UBN', 'D xã'],
    ['Tháng 9/20', '24'],
    // A criterion code cut at its dot in a narrow criterion column.
    ['Tiêu chí 1.', '1'],
    ['1.', '4. Hiệu trưởng'],
    ['TC 2', '.3'],
    ['(3.', '2)'],
    // Digits alone in a very narrow column: a row number, a year.
    ['1', '0'],
    ['202', '1'],
    ['Quý II/202', '1'],
    ['Chi đoàn', ', Tổ trưởng'],
    ['Phòng GD&', 'ĐT'],
    ['Phòng GD', '&ĐT'],
    ['Ban đại diện CM', 'HS'],
    ['GV', 'CN'],
    ['Phòng GD&Đ', 'T'],
    // Two syllables that make one, the second vowel-led and no word of its own here.
    ['kho', 'a học'],
    ['Hộ', 'i đồng'],
    ['giá', 'o dục'],
    ['du', 'y trì'],
    ['tho', 'át nước'],
  ])('joins %j + %j', (before, after) => {
    expect(joinsBrokenWord(before, after)).toBe(true);
  });

  it.each([
    // Both pieces are words already: the space is what the text says.
    ['Mức', '2'],
    // Not a code that can exist, or a number running on, or a number inside running text.
    ['Tiêu chí 6.', '1'],
    ['Tiêu chí 1.', '25'],
    ['1.', '1.000 đồng'],
    ['hoàn thành mục 1.', '2 lớp'],
    ['Tổng 2', '3 lớp'],
    ['PHT; BĐD', 'CMHS; Tổ văn phòng'],
    ['Tiêu chí 1.1', '2 lớp học'],
    ['Tiêu chí 1.3', '0'],
    ['15', '000.000 đồng'],
    ['123', '45'],
    ['Phó', 'hiệu trưởng'],
    ['bảo đảm', 'an toàn'],
    ['cho trẻ', 'ăn bán trú'],
    ['triển khai', 'ứng dụng'],
    ['Nguyễn Thị Ho', 'A'],
    // Abbreviations and names are not syllables: no guess.
    ['THC', 'S Đông Sơn'],
    ['GV', 'NV'],
    ['UBND', 'xã'],
    ['Nguyễn Văn', 'An'],
    // Two whole numbers, or digits that join into no thousands grouping.
    ['Tiêu chí 1', '2.000'],
    ['Tiêu chí 1,', '2'],
    ['2020', '2021'],
    ['250.000', '300.000'],
    ['250.000', '000'],
    ['năm 2024', '5 triệu'],
    ['Năm học 2024-2', '25'],
    ['Tiêu chí 1/2', '3'],
    ['9/20', '24.000'],
    ['1,5', 'tỷ'],
    ['', 'c'],
    ['Mứ', ''],
  ])('keeps %j and %j apart', (before, after) => {
    expect(joinsBrokenWord(before, after)).toBe(false);
  });
});

describe('continuesNumber: one number cut in two', () => {
  it('accepts only the separators it is given', () => {
    expect(continuesNumber('250,00', '0,000', '.,')).toBe(true);
    expect(continuesNumber('250,00', '0,000', '.')).toBe(false);
    expect(continuesNumber('250.00', '0.000', '.')).toBe(true);
  });

  it('refuses mixed separators and groups of the wrong size', () => {
    expect(continuesNumber('250.00', '0,000', '.,')).toBe(false);
    expect(continuesNumber('1.20', '.000', '.,')).toBe(false);
    expect(continuesNumber('2500', '.000', '.,')).toBe(false);
  });
});

describe('joinLines without geometry joins only dotted numbers', () => {
  it.each([
    { lines: ['250.000.00', '0 đồng'], text: '250.000.000 đồng' },
    { lines: ['Kinh phí 5', '.000.000 đồng'], text: 'Kinh phí 5.000.000 đồng' },
    // A comma split needs the geometry to say the line ran into the cell's edge.
    { lines: ['250,00', '0,000 đồng'], text: '250,00 0,000 đồng' },
    { lines: ['Tiêu chí 1,2', '35 giáo viên'], text: 'Tiêu chí 1,2 35 giáo viên' },
    { lines: ['Năm học 2020-', '2021'], text: 'Năm học 2020-2021' },
  ])('joins $lines as $text', ({ lines, text }) => {
    expect(joinLines(lines)).toBe(text);
  });
});

describe("mendBrokenLines: a cell's lines, mended where they ran into the right edge", () => {
  it.each([
    { lines: ['Mứ', 'c 2'], edge: [true, false], text: ['Mức 2'] },
    { lines: ['Mứ', 'c 2'], edge: [false, false], text: ['Mứ', 'c 2'] },
    { lines: ['Th', 'ườ', 'ng', 'xuyên'], edge: [true, true, true, false], text: ['Thường', 'xuyên'] },
    { lines: ['Th', 'ườ', 'ng'], edge: [true, false, false], text: ['Th', 'ườ', 'ng'] },
    { lines: ['1.200.', '000.00', '0 đồng'], edge: [true, true, false], text: ['1.200.000.000 đồng'] },
    { lines: ['Tổ trưởng', 'chuyên môn'], edge: [true, false], text: ['Tổ trưởng', 'chuyên môn'] },
    { lines: ['Gh', 'i', 'chú'], edge: [true, true, false], text: ['Ghi', 'chú'] },
  ])('mends $lines (at the edge: $edge) into $text', ({ lines, edge, text }) => {
    expect(mendBrokenLines(lines, edge)).toEqual(text);
  });
});

describe('mendShiftedSpaces: a space OCR read one letter off', () => {
  it.each([
    ['Sự quan tâm của chính quyề nđịa phương', 'Sự quan tâm của chính quyền địa phương'],
    ['Đượ cđầu tư vốn', 'Được đầu tư vốn'],
    ['sửa chữa phòn ghọc', 'sửa chữa phòng học'],
  ])('moves the letter back across the space: %s', (read, mended) => {
    expect(mendShiftedSpaces(read)).toBe(mended);
  });

  it.each([
    'Sự quan tâm của chính quyền địa phương', // syllables already
    'Phòng GD&ĐT, BĐD CMHS', // abbreviations are no syllables, and no move makes them two
    'STEM theo khối lớp', // a foreign word beside a syllable
    'Tổ trưởn gCM', // "gCM" is no word either way: the owner mender's case
  ])('leaves alone what no move turns into two syllables: %s', (text) => {
    expect(mendShiftedSpaces(text)).toBe(text);
  });
});

describe('mendCaseLookAlikes: a small letter read as its capital', () => {
  it('lowers a c, o, s, v, w, x or z capital ending a lower-case word', () => {
    expect(mendCaseLookAlikes('ĐượC đầu tư, ThựC hiện theo dự án')).toBe('Được đầu tư, Thực hiện theo dự án');
  });
  it('leaves capitals in abbreviations and words in capitals', () => {
    for (const text of ['GD&ĐT', 'BĐD CMHS', 'TIÊU CHUẨN', 'DOCX', 'Mức 2C', 'iOS']) expect(mendCaseLookAlikes(text)).toBe(text);
  });
  it('lowers such a letter standing as a word between words in small letters, not a name\'s or a sentence\'s capital', () => {
    expect(mendCaseLookAlikes('đạt chuẩn hiệu trưởng Ở mức khá trở lên')).toBe('đạt chuẩn hiệu trưởng ở mức khá trở lên');
    for (const text of ['xã Ô Lâm', 'Ở mức khá', 'nhà Ở', 'tổ chức. Ở trường']) expect(mendCaseLookAlikes(text)).toBe(text);
  });
});

describe('dropDoubledCapitals: a letter a scan read twice, the second time as a capital', () => {
  it('drops the capital echo inside a word in lower case', () => {
    expect(dropDoubledCapitals('Mường ẢẲng')).toBe('Mường Ảng');
    expect(dropDoubledCapitals('TỏỎa Tình')).toBe('Tỏa Tình');
  });
  it('leaves words in capitals, pairs without a capital and different letters alone', () => {
    for (const t of ['LƯU TRỮ', 'lưu trữ', 'Noong Hẹt', 'xoong', 'GD&ĐT', 'THCSSPP', 'KHoạch']) expect(dropDoubledCapitals(t)).toBe(t);
  });
});

describe('mendLostVowelMarks: a capital whose vowel mark a scan lost', () => {
  it('puts back the one mark that makes the word a syllable', () => {
    expect(mendLostVowelMarks('Uu tiên thực hiện')).toBe('Ưu tiên thực hiện');
  });
  it('puts it back on any letter of a word in small letters, and the bar of a "đ"', () => {
    expect(mendLostVowelMarks('Ưu tien thực hiện')).toBe('Ưu tiên thực hiện');
    expect(mendLostVowelMarks('Tham muu với cấp ủy')).toBe('Tham mưu với cấp ủy');
    expect(mendLostVowelMarks('Bảo dảm an ninh')).toBe('Bảo đảm an ninh');
    for (const t of ['email', 'online video', 'zalo', 'gv, nv', 'co kế hoạch']) expect(mendLostVowelMarks(t)).toBe(t);
  });
  it('leaves syllables, words in capitals, names the list does not hold and words two marks could mend', () => {
    for (const t of ['Ưu tiên', 'Dong', 'TRUONG', 'GVCN, BGH, UBND xã', 'STEM', 'Noong Hẹt', 'Pom Lót', 'Internet', 'Oi']) expect(mendLostVowelMarks(t)).toBe(t);
  });
});

describe('dropLoneSpecks', () => {
  it('drops signs and stops standing alone between words or at the end', () => {
    expect(dropLoneSpecks('Giữ ~ vững')).toBe('Giữ vững');
    expect(dropLoneSpecks('Đã có . kế hoạch chi tiết')).toBe('Đã có kế hoạch chi tiết');
    expect(dropLoneSpecks('bồi dưỡng giáo viên xây dựng bài học STEM .')).toBe('bồi dưỡng giáo viên xây dựng bài học STEM');
  });
  it('keeps stops against their word, and numbers', () => {
    for (const t of ['Kiểm tra định kỳ.', 'Năm học 2021-2022, học kỳ I', '2,5 triệu', 'Tổ chức; phân công.']) expect(dropLoneSpecks(t)).toBe(t);
  });
});
