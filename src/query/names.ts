/**
 * Official names of standards and criteria, looked up by the document's circular and school
 * level: "1.4" under 57/2026 and "1.4" under 19/2018 are different criteria, so a name is never
 * looked up without its circular.
 */
import { criteriaOf, criterionName, type RegistrySchoolLevel } from '../criteria/registry.js';

/** The registry's name of a criterion, or null (no circular, or a code the circular lacks). */
export function registryCriterionName(circular: string | null, level: string | null, code: string | null): string | null {
  if (!circular || !code) return null;
  return criterionName(circular, level as RegistrySchoolLevel | null, code);
}

/** The registry's name of a standard, or null. */
export function registryStandardName(circular: string | null, level: string | null, standard: number | null): string | null {
  if (!circular || standard == null) return null;
  return criteriaOf(circular, level as RegistrySchoolLevel | null)?.standards.find((s) => s.no === standard)?.name ?? null;
}
