/**
 * A comparison key for text that should match across pages whatever its accents, case, spacing
 * or punctuation: a repeated table header typed with a stray space, an OCR'd "Tiêu chi" for
 * "Tiêu chí", a running header whose page number changes.
 */

/** Lower case, no diacritics ("Đ" → "d"), letters and digits only. */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** {@link foldKey} with every digit run replaced by "#": "Trang 3/12" and "Trang 4/12" match. */
export function foldKeyNoDigits(text: string): string {
  return foldKey(text).replace(/\d+/g, '#');
}
