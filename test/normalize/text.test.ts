import { describe, expect, it } from 'vitest';
import { stripAccents, stripAccentsIndexed } from '../../src/normalize/index.js';

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
