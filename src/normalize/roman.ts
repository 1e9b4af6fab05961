/**
 * Small Roman numerals. Vietnamese documents number standards, levels, semesters and quarters
 * with them ("Tiêu chuẩn II", "mức III", "Học kỳ II", "Quý IV").
 */

const ROMAN: Readonly<Record<string, number>> = {
  i: 1, ii: 2, iii: 3, iv: 4, v: 5, vi: 6, vii: 7, viii: 8, ix: 9, x: 10,
};

/** Regex source for the numerals of {@link romanOrDigitValue}, longest first so "iii" is not read as "i". */
export const ROMAN_PATTERN = 'viii|vii|iii|ix|iv|vi|ii|v|x|i';

/** "2" → 2, "II"/"ii" → 2; null when the token is neither a plain number nor a numeral up to X. */
export function romanOrDigitValue(token: string): number | null {
  if (/^\d{1,3}$/.test(token)) return Number(token);
  return ROMAN[token.toLowerCase()] ?? null;
}
