/**
 * End to end on the DOCX fixtures: every file against its hand-checked gold file, with the
 * thresholds the foundation issue sets. Other formats are scored by `npm run eval` and by their
 * readers' own suites.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExtractionSchema } from '../../src/extract/index.js';
import { scoreExtraction } from '../../src/eval/score.js';
import { extractFile } from '../../src/pipeline/extract-file.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');
const NAMES = ['kh-2021-mn-thanhyen', 'bc-2021-mn-ketqua', 'kh-2023-th-hemuong', 'kh-2024-mn-7cot', 'kh-2024-mn-tayuc', 'kh-2026-thcs-dongson'];

describe.each(NAMES)('DOCX fixture %s', (name) => {
  it('matches its gold file', async () => {
    const gold = JSON.parse(await readFile(join(fixtures, `${name}.expected.json`), 'utf8'));
    const result = await extractFile(join(fixtures, `${name}.docx`));
    const { source: _source, ...extraction } = result;
    expect(() => ExtractionSchema.parse(extraction)).not.toThrow();
    const score = scoreExtraction(gold, result as unknown as Record<string, unknown>);
    expect(score.misses).toEqual([]);
    expect(score.recall).toBe(1);
    expect(score.precision).toBe(1);
    expect(score.kindExact).toBe(true);
    expect(score.focusFound).toBe(score.focusExpected);
    expect(score.monitoringFound).toBe(score.monitoringExpected);
  });

  it('reads every column by its header, with no doubt about any', async () => {
    const result = await extractFile(join(fixtures, `${name}.docx`));
    expect(result.issues.filter((i) => i.code.startsWith('column.'))).toEqual([]);
    for (const item of result.items) expect(Object.values(item.provenance.columns ?? {})).not.toContain('content');
  });

  it('gives every item provenance and a confidence', async () => {
    const result = await extractFile(join(fixtures, `${name}.docx`));
    for (const item of result.items) {
      expect(item.provenance.cells.length).toBeGreaterThan(0);
      expect(item.confidence).toBeGreaterThan(0.5);
      expect(item.confidence).toBeLessThanOrEqual(1);
    }
  });
});
