/**
 * The tables khcl knows, each as the fields its columns carry and what a table needs to be of
 * that profile. The header wordings of each field live in ./wordings.json, the one home of header
 * synonyms: add a wording there and every format, the eval and re-extraction pick it up.
 */
import { HeaderMatcher } from './header-match.js';
import { LEXICON, allWordings, profileWordings } from './wordings.js';

export type ProfileName = 'plan' | 'report' | 'tasks' | 'focus' | 'monitoring' | 'results-matrix';

export interface TableProfile {
  name: ProfileName;
  /** The fields its columns carry (see ./wordings.json for their header wordings). */
  fields: string[];
  /** Fields at least one of which must be found, per group, for a table to be of this profile. */
  required: string[][];
  /** How many fields beyond the required must match. */
  minFields: number;
}

const profile = (name: ProfileName, required: string[][], minFields: number): TableProfile => ({
  name,
  fields: Object.keys(profileWordings(name)),
  required,
  minFields,
});

export const PLAN = profile('plan', [['criterion'], ['target', 'solution']], 1);
export const REPORT = profile('report', [['criterion'], ['done', 'notDone', 'inProgress']], 1);
export const TASKS = profile('tasks', [['content', 'solution'], ['indicator', 'evidence', 'budgetText', 'statusText']], 3);
export const FOCUS = profile('focus', [['criterion'], ['limitation', 'cause', 'currentState']], 1);
export const MONITORING = profile('monitoring', [['when'], ['result', 'assessor', 'adjustment']], 1);
/**
 * A self-assessment results matrix ("Mức 1 / Mức 2 / Mức 3" over indicators "a b c", cells
 * marked "x"): keyed by criterion but not a plan. Recognised so it is never taken for one.
 */
export const RESULTS_MATRIX = profile('results-matrix', [['level1', 'level2', 'level3']], 1);

export const PROFILES: readonly TableProfile[] = [PLAN, REPORT, TASKS, FOCUS, MONITORING, RESULTS_MATRIX];

/** Builds a matcher from a wordings table (profile → field → wordings) and the lexicon. */
export function matcherFor(wordings: Record<string, Record<string, readonly { text: string }[]>>): HeaderMatcher {
  const texts = Object.fromEntries(
    Object.entries(wordings).map(([p, fields]) => [p, Object.fromEntries(Object.entries(fields).map(([f, ws]) => [f, ws.map((w) => w.text)]))]),
  );
  return new HeaderMatcher(texts, LEXICON);
}

/** The matcher over the whole wordings table: what extraction uses. */
export const MATCHER: HeaderMatcher = matcherFor(allWordings());
