/**
 * A criterion code as the extractor accepts it: the normaliser reads any "N.M", but every
 * circular khcl knows has at most 5 standards and 20 criteria per standard, so "9.9" in a
 * criterion column is a typo or noise, not a criterion.
 */
import { parseCriterion } from '../normalize/index.js';

export type CriterionCode = NonNullable<ReturnType<typeof parseCriterion>>;

export function isPlausibleCode(code: { code: string; standard: number }): boolean {
  const minor = Number(code.code.split('.')[1]);
  return code.standard >= 1 && code.standard <= 5 && minor >= 1 && minor <= 20;
}

/** parseCriterion, keeping only codes that can exist. */
export function readCriterionCode(text: string | null | undefined): CriterionCode | null {
  const code = parseCriterion(text);
  return code && isPlausibleCode(code) ? code : null;
}
