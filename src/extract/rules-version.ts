/**
 * The version of the extraction rules, stored with every extraction so `khcl reextract
 * --rules-before` knows which documents are behind. It is a hand-bumped number for changes to the
 * code, plus a digest of the header wordings table (./wordings.json), so adding a wording changes it by itself.
 */
import { createHash } from 'node:crypto';
import { WORDINGS_DATA } from './wordings.js';

/**
 * Bump when a change to the extraction or normalisation code changes what comes out, or the rule
 * that marks copies (./copies.ts), which is decided with each extraction. 2: copies recorded.
 * 3: headers read by meaning, tables and columns recognised by their cells.
 */
export const RULES_REVISION = 3;

const digest = createHash('sha256')
  .update(JSON.stringify(WORDINGS_DATA))
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
