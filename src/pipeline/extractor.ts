/**
 * The extractor as the pipeline sees it: a pure function plus the version of its rules. Injected,
 * so a test can re-extract with a variant of the rules without editing source; the CLI and the
 * workers use {@link loadDefaultExtractor}, the real one.
 */
import type { Extraction } from '../extract/contract.js';
import type { Layout } from '../layout/layout.js';

export interface Extractor {
  /** Every document of a file's layout, in file order (a binder gives several, each with its `segment`). */
  extractDocuments(layout: Layout): Extraction[];
  /** Stored with every extraction; changes whenever a rule changes. */
  rulesVersion: string;
  /** Whether version `a` is older than `b` (the extractor's own ordering of its versions). */
  isOlder(a: string, b: string): boolean;
}

let loaded: Promise<Extractor> | undefined;

/** The real extractor (src/extract), loaded once on first use. */
export function loadDefaultExtractor(): Promise<Extractor> {
  loaded ??= import('../extract/index.js').then((m) => ({
    extractDocuments: m.extractDocuments,
    rulesVersion: m.RULES_VERSION,
    isOlder: m.isOlderRules,
  }));
  return loaded;
}
