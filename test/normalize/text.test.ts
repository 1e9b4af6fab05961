import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldText, phraseMarksRestorer, stripAccents, stripAccentsIndexed, tidyScannedBudget } from '../../src/normalize/index.js';

describe('foldText', () => {
  const spaces = [' ', '  ', '\t', '\n', '\r\n', '\u00a0', '\u2003', '\u3000', ' \u00a0 '];
  const pieces = fc.oneof(fc.constantFrom(...spaces, 'Tiêu chí', 'ho\u0300a', '\u200b', '\u0007', '1.500.000'), fc.string({ maxLength: 4 }));

  it('folds every run of white space to one space, trims, and drops control characters', () => {
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 12 }), (parts) => {
        const text = parts.join('');
        const expected = text
          .normalize('NFC')
          .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b\ufeff]/g, '')
          .split(/\s+/u)
          .filter((w) => w !== '')
          .join(' ');
        expect(foldText(text)).toBe(expected === '' ? null : expected);
        // Folding twice changes nothing.
        expect(foldText(foldText(text))).toBe(foldText(text));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('stripAccentsIndexed keeps the way back to the original text', () => {
  it.each(['Tiêu chí 3.1: Khuôn viên', 'ĐỒNG', 'Hie\u0302\u0323u trươ\u0309ng', 'a😀b', ''])(
    'strips %j like stripAccents and maps each character to its source',
    (value) => {
      const { text, source } = stripAccentsIndexed(value);
      expect(text).toBe(stripAccents(value));
      expect(source).toHaveLength(text.length + 1);
      expect(source.at(-1)).toBe(value.length);
      for (let i = 0; i < text.length; i++) {
        // A character outside the BMP is two code units, both mapped to where it starts.
        expect(stripAccents(value.slice(source[i])).slice(0, 2)).toContain(text[i]);
        if (i > 0) expect(source[i]).toBeGreaterThanOrEqual(source[i - 1]);
      }
    },
  );
});

describe('phraseMarksRestorer', () => {
  const roles = ['tổ trưởng', 'tổng phụ trách', 'tổ chuyên môn', 'phó hiệu trưởng', 'hiệu trưởng'];
  const restoreKnownPhrases = (text: string, phrases: string[]) => phraseMarksRestorer(phrases)(text);
  it.each([
    ['Tổ trướng CM, NV', 'Tổ trưởng CM, NV'],
    ['Tống phụ trách Đội', 'Tổng phụ trách Đội'],
    ['TỐ TRƯỚNG', 'TỔ TRƯỞNG'],
    ['Hiệu trưởng, Phó hiệu trướng', 'Hiệu trưởng, Phó hiệu trưởng'],
  ])('puts back the marks a scan changed: %s', (read, fixed) => {
    expect(restoreKnownPhrases(read, roles)).toBe(fixed);
  });

  it('leaves single words and words across punctuation alone', () => {
    expect(restoreKnownPhrases('Tố, trướng', roles)).toBe('Tố, trướng');
    expect(restoreKnownPhrases('Tố', [...roles, 'tổ'])).toBe('Tố');
  });
});

describe('tidyScannedBudget', () => {
  it.each([
    ['60.750.000 đồng (nguồn chỉ thường xuyên)', '60.750.000 đồng (nguồn chi thường xuyên)'],
    ['Chỉ thường xuyên: 120.000.000 đồng', 'Chi thường xuyên: 120.000.000 đồng'],
    ['XHH: 120 triệu đồng: Ngân sách xã: 30 triệu đồng', 'XHH: 120 triệu đồng; Ngân sách xã: 30 triệu đồng'],
    ['Ngân sách: 25.000.000 đồng: Chỉ thường xuyên: 3.000.000 đồng', 'Ngân sách: 25.000.000 đồng; Chi thường xuyên: 3.000.000 đồng'],
    ['Xã hội hóa: 20. triệu đồng; Chi thường xuyên: 35 triệu đồng', 'Xã hội hóa: 20 triệu đồng; Chi thường xuyên: 35 triệu đồng'],
    ['600.000.000. đồng', '600.000.000 đồng'],
    ['3tỷ200 triệu dồng', '3 tỷ 200 triệu đồng'],
    ['1.000.000.000VNĐ', '1.000.000.000 VNĐ'],
    ['.3.500.000.000 đồng', '3.500.000.000 đồng'],
    ['15.000.000.', '15.000.000'],
    ['750.000.000 VNĐ.', '750.000.000 VNĐ'],
    ['10 triệu đồng:', '10 triệu đồng'],
    ['2,5 ty đồng', '2,5 tỷ đồng'],
    ['4,5 tÿ đồng', '4,5 tỷ đồng'],
    ['NS:20 triệu đồng; Chi thường xuyên: 60.000.000 đồng', 'NS: 20 triệu đồng; Chi thường xuyên: 60.000.000 đồng'],
  ])('puts back what the scan changed: %s', (read, fixed) => {
    expect(tidyScannedBudget(read)).toBe(fixed);
  });
  it.each(['Chỉ mua sắm khi có nguồn', '50.000.000 đồng: chi cho sửa chữa', 'Không', '1,5 tỷ đồng', '2,5 triệu', '2.000.000.000đ', 'Đông Sơn hỗ trợ', 'Từ nguồn kinh phí hoạt động của nhà trường.', 'Công ty tài trợ', 'Hội đồng.', 'Không.'])('leaves the rest alone: %s', (text) => {
    expect(tidyScannedBudget(text)).toBe(text);
  });
});
