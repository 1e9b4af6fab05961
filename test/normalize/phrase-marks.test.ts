import { describe, expect, it } from 'vitest';
import { REGISTRY_NAMES } from '../../src/criteria/registry.js';
import { wordingTexts } from '../../src/extract/wordings.js';
import { phraseMarker } from '../../src/normalize/phrase-marks.js';

describe('phraseMarker', () => {
  const mark = phraseMarker([...REGISTRY_NAMES, ...wordingTexts()]);

  it.each([
    ['Khối phòng hành chính quần trị đáp ứng yêu cầu', 'Khối phòng hành chính quản trị đáp ứng yêu cầu'],
    ['Thực hiện chương trình giáo dục phố thông đúng kế hoạch', 'Thực hiện chương trình giáo dục phổ thông đúng kế hoạch'],
    ['Bảo đảm an ninh trạt tự, an toàn trường học', 'Bảo đảm an ninh trật tự, an toàn trường học'],
  ])('gives a word between two known neighbours its marks back: %s', (read, marked) => {
    expect(mark(read)).toBe(marked);
  });

  it('gives the first or last word of a text its marks back from its one neighbour, when the phrases never use the word as read', () => {
    expect(mark('Quần lý tài chính, tài sản đúng quy định')).toBe('Quản lý tài chính, tài sản đúng quy định');
    // "Sơ" is a word of the phrases ("Sơ kết …" is no "Số kết quả"): left as read.
    expect(mark('Sơ kết học kỳ')).toBe('Sơ kết học kỳ');
  });

  it('changes no word a neighbour vouches for, nor one inside a text with a neighbour on one side only', () => {
    // "đúng" is no "dung" of "Nội dung kế hoạch"; "Sơ kết" opening a sentence is no "Số kết quả".
    for (const text of ['Thực hiện chương trình giáo dục phổ thông đúng kế hoạch', 'Sơ kết, rút kinh nghiệm', 'Số giáo viên có bằng đại học', 'xây dựng kế hoạch'])
      expect(mark(text)).toBe(text);
  });

  it('leaves every name it learnt from as written, and changes no letter, only marks', () => {
    for (const name of REGISTRY_NAMES) expect(mark(name)).toBe(name.normalize('NFC'));
    const read = 'Tổ chức hoạt động trải nghiệm; xây dụng kế hoạch, quần trị tài sản';
    const strip = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd');
    expect(strip(mark(read))).toBe(strip(read));
  });

  it('leaves a pair across punctuation, an unknown pair and one with two known spellings alone', () => {
    const tiny = phraseMarker(['hành chính quản trị tài sản', 'mua bàn ghế mới', 'mua bán ghế mới']);
    expect(tiny('chính quần, trị')).toBe('chính quần, trị');
    expect(tiny('chính quần áo')).toBe('chính quần áo');
    expect(tiny('mua ban ghế')).toBe('mua ban ghế');
    expect(tiny('CHÍNH QUẦN TRỊ')).toBe('CHÍNH QUẢN TRỊ');
  });
});
