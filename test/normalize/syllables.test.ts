import { describe, expect, it } from 'vitest';
import { isVietnameseSyllable, syllableKey } from '../../src/normalize/syllables.js';

describe('Vietnamese syllables', () => {
  it('knows the syllables of these documents, in any case and tone placement', () => {
    for (const w of ['mức', 'Mức', 'kinh', 'phí', 'đồng', 'năm', 'hoà', 'hòa', 'khỏe', 'khoẻ', 'thủy', 'ghi', 'chú', 'giám', 'hiệu', 'trưởng']) {
      expect(isVietnameseSyllable(w), w).toBe(true);
    }
  });

  it('refuses pieces of syllables that a narrow column or the OCR split off', () => {
    for (const w of ['mứ', 'nă', 'gh', 'khuyế', 'trưở', 'hiệ', '', 'x1']) expect(isVietnameseSyllable(w), w).toBe(false);
  });

  it('keeps the tone and the vowel marks apart in the key', () => {
    expect(syllableKey('hoà')).toBe(syllableKey('hòa'));
    expect(syllableKey('mức')).not.toBe(syllableKey('mực'));
    expect(syllableKey('mức')).not.toBe(syllableKey('muc'));
    expect(syllableKey('chỉ')).not.toBe(syllableKey('chi'));
  });
});
