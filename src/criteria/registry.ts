/**
 * The standards and criteria of Circulars 19/17/18 of 2018 and 57/2026 as data
 * (src/criteria/criteria.json, copied from shared/spec: names come from secondary sources, so
 * they are data to check, not law). A plan's circular decides what "1.4" means: 1.4 under 57/2026
 * and 1.4 under 19/2018 are different criteria and are never mixed.
 */
import data from './criteria.json' with { type: 'json' };

export type RegistrySchoolLevel = 'preschool' | 'primary' | 'lower-secondary' | 'upper-secondary' | 'multi-level';

interface CircularData {
  id: string;
  schoolLevels: string[];
  standards: { no: number; name: string }[];
  criteria: { code: string; standard: number; name: string }[];
}

const CIRCULARS = (data as { circulars: CircularData[] }).circulars;

/** "19/2018/TT-BGDĐT" → "19/2018". */
function shortId(id: string): string {
  return id.split('/').slice(0, 2).join('/');
}

/** The circulars khcl knows, as "N/YYYY". */
export const KNOWN_CIRCULARS: readonly string[] = [...new Set(CIRCULARS.map((c) => shortId(c.id)))];

/**
 * The criteria set for a circular and school level. 57/2026 has one appendix for preschools and
 * one for general schools; the 2018 circulars each cover their own levels. Without a level, the
 * first set of the circular is used.
 */
function setFor(circular: string, level: RegistrySchoolLevel | null): CircularData | undefined {
  const sets = CIRCULARS.filter((c) => shortId(c.id) === circular);
  return (level && sets.find((c) => c.schoolLevels.includes(level))) ?? sets[0];
}

/** The official (secondary-source) name of a criterion, or null when the code does not exist there. */
export function criterionName(circular: string, level: RegistrySchoolLevel | null, code: string): string | null {
  return setFor(circular, level)?.criteria.find((c) => c.code === code)?.name ?? null;
}

/** Whether a criterion code exists under a circular for a school level. */
export function criterionExists(circular: string, level: RegistrySchoolLevel | null, code: string): boolean {
  return criterionName(circular, level, code) != null;
}

/** A standard's number from its name as written ("Cơ sở vật chất và thiết bị dạy học" → 3). */
export function standardByName(circular: string | null, level: RegistrySchoolLevel | null, name: string): number | null {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  const wanted = fold(name);
  if (!wanted) return null;
  const sets = circular ? [setFor(circular, level)].filter((s): s is CircularData => !!s) : CIRCULARS;
  for (const set of sets) {
    const hit = set.standards.find((s) => fold(s.name) === wanted || wanted.includes(fold(s.name)));
    if (hit) return hit.no;
  }
  return null;
}

/** How many standards a circular has (4 under 57/2026, 5 under the 2018 ones). */
export function standardCount(circular: string): number | null {
  return setFor(circular, null)?.standards.length ?? null;
}

/** The whole registry for a circular and level, for listings. */
export function criteriaOf(circular: string, level: RegistrySchoolLevel | null) {
  const set = setFor(circular, level);
  return set ? { standards: set.standards, criteria: set.criteria } : null;
}

/** Every standard's and criterion's name of every circular: words known to be written right. */
export const REGISTRY_NAMES: readonly string[] = CIRCULARS.flatMap((c) => [...c.standards.map((s) => s.name), ...c.criteria.map((k) => k.name)]);
