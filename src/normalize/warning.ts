/**
 * Problems a normalizer met while reading a cell. They are data, never exceptions: the caller
 * keeps the value it got (often null) and records the warning beside the item.
 */

/** The codes the normalizers emit. */
export const NORMALIZE_WARNING_CODES = [
  /** The budget cell has text that is neither an amount nor a source of money. */
  'budget.unparsed',
  /** An amount was read but is beyond any school budget (over 10^15 đồng): not trusted. */
  'budget.out_of_range',
  /** The timeline cell names no period this parser can read ("Cả năm", "Thường xuyên"). */
  'timeline.unparsed',
  /** The timeline cell names a period that cannot be ("năm học 2013-2024", an end before the start). */
  'timeline.invalid',
] as const;

/** One of {@link NORMALIZE_WARNING_CODES}. */
export type NormalizeWarningCode = (typeof NORMALIZE_WARNING_CODES)[number];

/** One problem: a machine `code` (see {@link NORMALIZE_WARNING_CODES}) and words for a person. */
export interface NormalizeWarning {
  code: string;
  message: string;
}

/** Builds a warning; the message quotes the cell so a reviewer sees what was not read. */
export function normalizeWarning(code: NormalizeWarningCode, message: string): NormalizeWarning {
  return { code, message };
}
