/**
 * The OCR word fixes (src/ingest/ocr/word-fixes.ts) on words as tesseract gave them on the
 * generated scan corpus, and on words they must leave alone.
 */
import { describe, expect, it } from 'vitest';
import { dropStrayStops, fixBlockLines, fixLineWords } from '../../src/ingest/ocr/word-fixes.js';

const fix = (line: string) => fixLineWords(line.split(' ').map((text) => ({ text }))).map((pieces) => pieces.join(' ')).join(' ');

describe('OCR word fixes', () => {
  it.each([
    ['HọckỳI', 'Học kỳ I'],
    ['Từtháng 9', 'Từ tháng 9'],
    ['nămhọc 2023', 'năm học 2023'],
    ['Tỷlệtrẻsuy dinh dưỡng', 'Tỷ lệ trẻ suy dinh dưỡng'],
    ['(dựán)', '(dự án)'],
    ['quychế', 'quy chế'],
    ['Inăm học', 'I năm học'],
    ['HọckỳII', 'Học kỳ II'],
    ['Tỷlệcha', 'Tỷ lệ cha'],
    ['quyề nđịa phương', 'quyền địa phương'],
    ['Ban. đại diện CMHS', 'Ban đại diện CMHS'],
    ['Kế toán, TỔ. chuyên môn', 'Kế toán, Tổ chuyên môn'],
    ['bỘ, sách', 'bộ, sách'],
    ['thựC hiện', 'thực hiện'],
    ['giáo viên, HỘi đồng trường', 'giáo viên, Hội đồng trường'],
    ['2023 — 2024', '2023 – 2024'],
    ['UBND xã, Chỉ đoàn', 'UBND xã, Chi đoàn'],
    ['Chỉ bộ chỉ đạo', 'Chi bộ chỉ đạo'],
    ['nguồn chỉ thường xuyên)', 'nguồn chi thường xuyên)'],
    ['quy chế chỉ tiêu nội bộ;', 'quy chế chi tiêu nội bộ;'],
  ])('reads %j as %j', (read, fixed) => {
    expect(fix(read)).toBe(fixed);
  });

  it.each([
    'TỔ CHUYÊN MÔN', // a line in capitals
    'HT, PHT, BĐD CMHS, THCSĐS', // abbreviations
    'GDĐT, HĐTr, ĐDCMHS', // abbreviations ending in lower case are no syllable
    'Nguyễn Thị Hoàng', // names are syllables
    'chủ đề. STEM theo khối', // a stop before a capital may end a sentence
    'Tiê', // the first piece of a word a narrow column broke: the table joins it
    'Noong Hẹt', // a place name that is no Vietnamese syllable
    'thuong', // an unmarked run is a misread syllable ("thương"), not "thu ong"
    'viêny', // a one-letter syllable could go anywhere
    'hoàn thành.', // a stop at the end of the line
    'Tiêu chí 1.1.',
    'chỉ đạo, chỉ tiêu, chỉ số', // "chỉ" where it is a word
    'chỉ thường', // "chi thường xuyên" is two words on
    'chỉ tiêu năm học', // a target
  ])('leaves %j alone', (read) => {
    expect(fix(read)).toBe(read);
  });

  it('drops a stop at the end of a line that the next line goes on from in lower case', () => {
    expect(dropStrayStops(['Phụ đạo học sinh chưa hoàn.', 'thành; bồi dưỡng.', 'Sơ kết.'])).toEqual(['Phụ đạo học sinh chưa hoàn', 'thành; bồi dưỡng.', 'Sơ kết.']);
    expect(dropStrayStops(['Mục 1.', 'a) Xây dựng'])).toEqual(['Mục 1.', 'a) Xây dựng']);
    // A "chỉ" at a line's end before "tiêu nội bộ" on the next line: "chi", as within a line.
    expect(fixBlockLines(['Xây dựng quy chế chỉ', 'tiêu nội bộ; công khai tài', 'chính.'])).toEqual(['Xây dựng quy chế chi', 'tiêu nội bộ; công khai tài', 'chính.']);
    expect(fixBlockLines(['Chi bộ chỉ đạo Công đoàn,', 'Chỉ', 'đoàn xây dựng'])).toEqual(['Chi bộ chỉ đạo Công đoàn,', 'Chi', 'đoàn xây dựng']);
    expect(fixBlockLines(['Nhân viên thư viện, TỔ', 'trưởng chuyên môn'])).toEqual(['Nhân viên thư viện, Tổ', 'trưởng chuyên môn']);
    expect(fixBlockLines(['Phòng GD&ĐT, BGH', 'trưởng'])).toEqual(['Phòng GD&ĐT, BGH', 'trưởng']);
    expect(fixBlockLines(['Giao chỉ', 'tiêu cho các tổ'])).toEqual(['Giao chỉ', 'tiêu cho các tổ']);
    expect(fixBlockLines(['Đã có kế hoạch chỉ tiết'])).toEqual(['Đã có kế hoạch chi tiết']);
    expect(dropStrayStops(['gồm các việc sau.', 'a) Xây dựng'])).toEqual(['gồm các việc sau.', 'a) Xây dựng']);
  });

  it('gives back a final "g" (and its comma before the next name) that the engine read as a lone 5, 8 or 9', () => {
    // A narrow owner column, a word a line, as seed 341205's scans have it.
    expect(fixBlockLines(['Phó', 'hiệu', 'trươn', '8', 'PHT'])).toEqual(['Phó', 'hiệu', 'trương,', 'PHT']);
    expect(fixBlockLines(['Kế toán, Tổ', 'trưởn', '5', 'chuyên môn'])).toEqual(['Kế toán, Tổ', 'trưởng', 'chuyên môn']);
    expect(fixBlockLines(['Giữ vữn 8 mức 1'])).toEqual(['Giữ vững mức 1']);
    // A syllable before a number is the text's own ("Ngữ văn 8", "lần 5"); so is a longer number.
    expect(fixBlockLines(['Ngữ văn 8, lần 5', 'trươn 58'])).toEqual(['Ngữ văn 8, lần 5', 'trươn 58']);
  });
});
