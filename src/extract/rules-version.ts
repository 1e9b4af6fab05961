/**
 * The version of the extraction rules, stored with every extraction so `khcl reextract
 * --rules-before` knows which documents are behind. It is a hand-bumped number for changes to the
 * code, plus a digest of the header-synonym tables, so adding a wording changes it by itself.
 */
import { createHash } from 'node:crypto';
import { PROFILES } from './profiles.js';

/**
 * Bump when a change to the extraction or normalisation code changes what comes out, or the rule
 * that marks copies (./copies.ts), which is decided with each extraction. 2: copies recorded.
 */
export const RULES_REVISION = 2;

const digest = createHash('sha256')
  .update(JSON.stringify(PROFILES.map((p) => [p.name, Object.entries(p.fields).map(([f, s]) => [f, s.map((x) => x.text)])])))
  .digest('hex')
  .slice(0, 8);

/** e.g. "1.3f9a0c2e": compare with {@link isOlderRules}, never as strings. */
export const RULES_VERSION = `${RULES_REVISION}.${digest}`;

/** Whether version `a` is older than `b` (by revision; same revision, different digest: not comparable, treated as older). */
export function isOlderRules(a: string, b: string = RULES_VERSION): boolean {
  const ra = Number(a.split('.')[0]);
  const rb = Number(b.split('.')[0]);
  if (ra !== rb) return ra < rb;
  return a !== b;
}
