/**
 * Issue 8: every bad input in the corpus gives its KhclError (or a correct result) within its
 * time budget, with nothing half-stored, and the process survives all of them in a row — one
 * PGlite store and one pipeline take the whole corpus, as a long-running worker would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestRuntime, type TestRuntime } from '../pipeline/support/runtime.js';
import { CORPUS } from './corpus.js';
import { DEFAULT_CASE_MS, runCase } from './run-case.js';

describe('bad-input corpus through createPipeline (PGlite in memory)', () => {
  let rt: TestRuntime;
  beforeAll(async () => {
    rt = await openTestRuntime('pglite');
  });
  afterAll(async () => rt?.dispose());

  it('has at least 30 cases with distinct names', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(30);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  for (const c of CORPUS) {
    const budget = c.timeoutMs ?? DEFAULT_CASE_MS;
    it(`${c.name} → ${'ok' in c.expect ? 'ok' : c.expect.code}`, async () => {
      const r = await runCase(rt, c);
      console.info(`${c.name}: ${r.outcome} in ${r.ms} ms, peak RSS ${r.peakRssMb} MB${r.reason ? ` — ${r.reason}` : ''}`);
      expect({ outcome: r.outcome, problems: r.problems }, r.reason).toEqual({ outcome: r.expected, problems: [] });
      expect(r.ms).toBeLessThanOrEqual(budget);
    }, budget + 30_000);
  }
});
