/**
 * The circular a document cites for its criteria ("Thông tư số 19/2018/TT-BGDĐT" → "19/2018"),
 * and the school level each quality-evaluation circular is for.
 */
import { stripAccents } from './text.js';

/**
 * The quality-evaluation circulars and the one school level each is for, where it is for one:
 * 19/2018 preschool, 17/2018 primary. 18/2018 is for lower- and upper-secondary schools and
 * schools of several levels alike, and 57/2026 for every level: neither says which.
 */
export const EVALUATION_CIRCULARS: Readonly<Record<string, 'preschool' | 'primary' | null>> = {
  '57/2026': null,
  '19/2018': 'preschool',
  '17/2018': 'primary',
  '18/2018': null,
};

// "N/YYYY/TT-BGDĐT", "N/YYYY/BGDĐT" (the issuer's suffix names a ministry circular), or
// "Thông tư (số) N/YYYY" without the suffix. A bare "19/2018" may be a decision or a date.
const CITED = [
  /(?<!\d)(\d{1,3})\s*\/\s*(\d{4})\s*\/\s*(?:tt\s*[-–]?\s*)?bgd/g,
  /(?<![a-z])(?:thong tu|tt)\s*(?:so\s*)?:?\s*(\d{1,3})\s*\/\s*(\d{4})(?!\d)/g,
];

/**
 * The evaluation circular of a document, given its whole text: the first of 57/2026, 19/2018,
 * 17/2018 and 18/2018 to be cited. Other circulars ("28/2020/TT-BGDĐT", the Điều lệ) are
 * ignored; null when none of the four is cited.
 */
export function findCircular(text: string | null | undefined): string | null {
  if (text == null) return null;
  const plain = stripAccents(text.normalize('NFC'));
  let first: { at: number; id: string } | null = null;
  for (const pattern of CITED) {
    for (const m of plain.matchAll(pattern)) {
      const id = `${Number(m[1])}/${m[2]}`;
      const at = m.index ?? 0;
      if (id in EVALUATION_CIRCULARS && (first == null || at < first.at)) first = { at, id };
    }
  }
  return first?.id ?? null;
}

/** 19/2018 → preschool, 17/2018 → primary; 18/2018 (THCS, THPT, several levels), 57/2026 (every level) and others → null. */
export function schoolLevelFromCircular(circular: string | null): 'preschool' | 'primary' | null {
  if (circular == null || !Object.prototype.hasOwnProperty.call(EVALUATION_CIRCULARS, circular)) return null;
  return EVALUATION_CIRCULARS[circular];
}
