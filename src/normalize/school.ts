/**
 * The school level a school's name states ("Trường mầm non …", "Trường PTDTBT Tiểu học …",
 * "Trường THCS Đông Sơn", "Trường TH&THCS …").
 */
import { foldText, stripAccents } from './text.js';

/** The contract's school levels. */
export type SchoolLevelName = 'preschool' | 'primary' | 'lower-secondary' | 'upper-secondary' | 'multi-level';

type SingleLevel = Exclude<SchoolLevelName, 'multi-level'>;

/** Name words per level, without accents, whole words. "TH" alone is primary; "THCS" is not "TH". */
const LEVEL_WORDS: ReadonlyArray<readonly [SingleLevel, RegExp]> = [
  ['preschool', /(?<![a-z])(?:mam non|mau giao|nha tre|mn)(?![a-z])/],
  ['primary', /(?<![a-z])(?:tieu hoc|th)(?![a-z])/],
  ['lower-secondary', /(?<![a-z])(?:thcs|trung hoc co so)(?![a-z])/],
  ['upper-secondary', /(?<![a-z])(?:thpt|trung hoc pho thong)(?![a-z])/],
];

/** Schools spanning levels say so ("Liên cấp", "Phổ thông nhiều cấp học") or name two levels. */
const MULTI_WORDS = /(?<![a-z])(?:lien cap|nhieu cap)(?![a-z])/;

/**
 * preschool, primary, lower-secondary, upper-secondary, or multi-level when the name joins two
 * ("TH&THCS", "Tiểu học và THCS", "THCS&THPT", "Liên cấp"); null when the name states none.
 */
export function schoolLevelFromName(name: string | null | undefined): SchoolLevelName | null {
  const cell = foldText(name);
  if (cell == null) return null;
  const plain = stripAccents(cell);
  if (MULTI_WORDS.test(plain)) return 'multi-level';
  const levels = LEVEL_WORDS.filter(([, pattern]) => pattern.test(plain)).map(([level]) => level);
  if (levels.length > 1) return 'multi-level';
  return levels[0] ?? null;
}
