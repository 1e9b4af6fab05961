/**
 * Fuzzing the two places every byte and every header passes through: the content sniffer
 * (`detectMedia`, and the readers behind `ingest`) must answer any bytes with a result or a
 * KhclError — never a RangeError from a header field that points past the end — and the header
 * matcher must agree with a plain edit distance and score a header against itself as a match.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { matchScore, phrase, withinEdits, withinOneEdit } from '../../src/extract/header-match.js';
import { detectMedia } from '../../src/ingest/detect.js';
import { ingest } from '../../src/ingest/registry.js';

const MAGICS = [
  [0x25, 0x50, 0x44, 0x46, 0x2d], // %PDF-
  [0x50, 0x4b, 0x03, 0x04], // ZIP local header
  [0x50, 0x4b, 0x05, 0x06], // ZIP end record
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // OLE
  [0xff, 0xd8, 0xff], // JPEG
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0x49, 0x49, 0x2a, 0x00], // TIFF
  [0x7b, 0x5c, 0x72, 0x74, 0x66], // {\rtf
];
const EOCD = [0x50, 0x4b, 0x05, 0x06];

/** Random bytes, often behind a real magic number, sometimes with a ZIP end record planted inside. */
const hostileBytes = fc
  .tuple(fc.option(fc.constantFrom(...MAGICS), { nil: undefined }), fc.uint8Array({ maxLength: 600 }), fc.option(fc.nat(600), { nil: undefined }), fc.uint8Array({ minLength: 18, maxLength: 18 }))
  .map(([magic, body, eocdAt, eocdFields]) => {
    const out = [...(magic ?? []), ...body];
    if (eocdAt !== undefined) out.splice(Math.min(eocdAt, out.length), 0, ...EOCD, ...eocdFields);
    return new Uint8Array(out);
  });

const onlyKhclErrors = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e, String(e)).toBeInstanceOf(KhclError);
  }
};

describe('detectMedia over random bytes', () => {
  it('returns a kind or throws a KhclError, never anything else', () => {
    fc.assert(fc.property(hostileBytes, (bytes) => onlyKhclErrors(() => detectMedia(bytes))), { numRuns: 3000 });
  });

  it('names word/document.xml only when it is an entry of the ZIP, not text inside one', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (noise) => {
        const planted = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise, ...Buffer.from('word/document.xml'), ...noise]);
        // No intact central directory: the byte search decides (a truncated DOCX stays a DOCX).
        onlyKhclErrors(() => expect(detectMedia(planted).kind).toBe('docx'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('ingest over random bytes behind real magic numbers', () => {
  it('rejects only with KhclError', async () => {
    await fc.assert(
      fc.asyncProperty(hostileBytes, async (bytes) => {
        await ingest(bytes, { fileName: 'fuzz.bin' }).then(
          () => undefined,
          (e: unknown) => expect(e, String(e)).toBeInstanceOf(KhclError),
        );
      }),
      { numRuns: 150 },
    );
  }, 120_000);
});

/** Textbook Levenshtein distance, the reference the banded check must agree with. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  }
  return d[a.length][b.length];
}

const WORDS = ['kết', 'quả', 'cần', 'đạt', 'biện', 'pháp', 'người', 'thực', 'hiện', 'thời', 'gian', 'kinh', 'phí', 'tiêu', 'chí', 'mức', 'mục'];
const shortWord = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'ă', 'đ'), maxLength: 8 });

describe('header matcher', () => {
  it('withinEdits agrees with Levenshtein distance for k = 0..3', () => {
    fc.assert(
      fc.property(shortWord, shortWord, fc.integer({ min: 0, max: 3 }), (a, b, k) => {
        expect(withinEdits(a, b, k)).toBe(levenshtein(a, b) <= k);
      }),
      { numRuns: 3000 },
    );
  });

  it('withinOneEdit is withinEdits with k = 1', () => {
    fc.assert(
      fc.property(shortWord, shortWord, (a, b) => {
        expect(withinOneEdit(a, b)).toBe(withinEdits(a, b, 1));
      }),
      { numRuns: 3000 },
    );
  });

  it('scores a header against itself as a full match, and is deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }), (ws) => {
        const text = ws.join(' ');
        expect(matchScore(phrase(text), phrase(text))).toBe(1);
        expect(matchScore(phrase(text.toUpperCase()), phrase(text))).toBe(matchScore(phrase(text.toUpperCase()), phrase(text)));
      }),
    );
  });

  it('never scores a header that lacks the synonym\'s first word', () => {
    fc.assert(
      fc.property(fc.constantFrom(...WORDS), fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }), fc.array(fc.constantFrom(...WORDS), { maxLength: 5 }), (first, rest, header) => {
        fc.pre(!header.includes(first) && header.length > 0);
        // A word within one edit of the first word (mức/mục) may stand in for it; exclude those.
        fc.pre(header.every((w) => !withinOneEdit(w, first) && w.normalize('NFD').replace(/\p{M}/gu, '') !== first.normalize('NFD').replace(/\p{M}/gu, '')));
        expect(matchScore(phrase(header.join(' ')), phrase([first, ...rest].join(' ')))).toBe(0);
      }),
    );
  });
});
