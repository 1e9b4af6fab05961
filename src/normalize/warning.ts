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
  /**
   * Digits that are no thousands grouping ("1.20.000", "250,00 0,000"), a fraction of a đồng
   * ("12.5"), or under 1 000 đồng with no unit ("2,5", "15"): the amount may be misread.
   */
  'budget.ambiguous',
  /** A range ("10-15 triệu"): the upper bound is the amount. */
  'budget.range',
  /** A minus sign before the amount: the amount is given without it. */
  'budget.negative',
  /** The amount in digits and its restatement in words in brackets disagree; the digits are kept. */
  'budget.words_mismatch',
  /** A bare number that the header's unit would make absurd ("25.000.000" under "(triệu đồng)"). */
  'budget.unit_mismatch',
  /** The timeline cell names no period this parser can read ("Cả năm", "Thường xuyên"). */
  'timeline.unparsed',
  /** The timeline cell names a period that cannot be ("năm học 2013-2024", an end before the start). */
  'timeline.invalid',
  /** A scan lost what the period turns on (a month before "/2023", a semester's numeral): nulls, with this. */
  'timeline.ambiguous',
] as const;

/**
 * The budget warnings that mean the amount given may differ from the document's: the item's
 * confidence is lowered with them. ('budget.unparsed' and 'budget.out_of_range' give no amount.)
 */
export const DOUBTFUL_AMOUNT_CODES: readonly string[] = [
  'budget.ambiguous',
  'budget.range',
  'budget.negative',
  'budget.words_mismatch',
  'budget.unit_mismatch',
];

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
