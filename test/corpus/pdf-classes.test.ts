/**
 * Text PDFs of the generator's layout classes, one document per class, read back and checked item
 * by item against the spec's gold: merged standard columns and heading rows over page breaks (rows
 * cut by the break, header repeated or not), narrow columns, the 2026 form headed only by column
 * numbers, and a 2026 document with a monitoring table but no task table. Each class takes the
 * first seed whose spec has it, so the documents are the generator's own, not drawn for the test.
 *
 * No Chromium: skipped with the reason (the corpus renderer prints through it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing } from '../helpers/chromium.js';
import { goldOf, PdfPrinter, randomDocSpec, renderDocument, type DocSpec, type SpecOptions } from '../../src/corpus/index.js';
import { scoreExtraction } from '../../src/eval/score.js';
import type { Extraction } from '../../src/extract/index.js';
import { extractBytes, releaseReaders } from '../../src/pipeline/extract-file.js';

type Json = Record<string, unknown>;

/** The first spec from seed 1 on that has the class. */
function firstSpec(options: SpecOptions, has: (s: DocSpec) => boolean): DocSpec {
  for (let seed = 1; seed < 2000; seed++) {
    const spec = randomDocSpec(seed, options);
    if (has(spec)) return spec;
  }
  throw new Error('no seed below 2000 has this class');
}

const CLASSES: [string, SpecOptions, (s: DocSpec) => boolean][] = [
  [
    'standards merged down the first column, rows cut by page breaks, header not repeated',
    { form: 'criterion-rows', wordingMix: { contract: 1 }, items: [10, 14] },
    (s) => s.table.standardStyle === 'merged-column' && !s.layout.rowsAvoidBreak && !s.layout.repeatHeader && !s.layout.narrow,
  ],
  [
    'standard heading rows, rows cut by page breaks, header repeated',
    { form: 'criterion-rows', wordingMix: { contract: 1 }, items: [10, 14] },
    (s) => s.table.standardStyle === 'heading-rows' && !s.layout.rowsAvoidBreak && s.layout.repeatHeader && !s.layout.narrow,
  ],
  ['columns narrower than their words', { form: 'criterion-rows', wordingMix: { contract: 1 }, items: [4, 8] }, (s) => s.layout.narrow],
  ['the 2026 form headed only by column numbers', { form: 'task-rows', kind: 'plan', wordingMix: { numbered: 1 }, items: [3, 6] }, () => true],
  [
    'a 2026 report headed only by column numbers, repeated on every page',
    { form: 'task-rows', kind: 'report', wordingMix: { numbered: 1 }, items: [8, 10] },
    (s) => s.layout.repeatHeader && !s.layout.narrow,
  ],
];

if (!chromiumMissing('the pdf layout classes')) {
  describe('text PDFs of the generator layout classes', () => {
    let printer: PdfPrinter;
    beforeAll(async () => {
      printer = await PdfPrinter.launch();
    });
    afterAll(async () => {
      await printer?.close();
      await releaseReaders();
    });

    it.each(CLASSES)('reads every item: %s', { timeout: 120_000 }, async (_name, options, has) => {
      const spec = firstSpec(options, has);
      const gold = goldOf(spec) as unknown as Json & { items: { criterion: string | null; rowNo: string | null; budgetVnd?: number | null }[] };
      const rendered = await renderDocument(spec, ['pdf'], { printer });
      // The page-break classes must actually break: more items than fit on one page.
      if (/page breaks/.test(_name)) expect(rendered.pdfPages, spec.id).toBeGreaterThanOrEqual(3);
      const result = (await extractBytes(rendered.pdf!, `${spec.id}.pdf`)) as unknown as Extraction;
      const score = scoreExtraction(gold, result as unknown as Json);
      expect(score.recall, spec.id).toBe(1);
      expect(score.precision, spec.id).toBe(1);
      expect(result.items.map((i) => [i.criterion, i.rowNo])).toEqual(gold.items.map((i) => [i.criterion, i.rowNo]));
      // Amounts exact, or flagged on their row with a confidence below 0.9.
      result.items.forEach((item, k) => {
        const expected = gold.items[k].budgetVnd;
        if (expected === undefined || !('budgetVnd' in item) || item.budgetVnd === expected) return;
        const flagged = result.issues.some((i) => i.row === item.provenance.row && i.table === item.provenance.table);
        expect(flagged || item.confidence < 0.9, `${spec.id} row ${item.rowNo}: ${item.budgetVnd} for ${expected}`).toBe(true);
      });
      if (options.wordingMix?.numbered) {
        expect(result.issues.map((i) => i.code)).toContain('column.by_form_order');
        expect(Math.max(...result.items.map((i) => i.confidence))).toBeLessThanOrEqual(0.84);
      }
    });

    it('gives table.no_tasks, not a refusal, for a 2026 document with a monitoring table and no task table', { timeout: 60_000 }, async () => {
      const spec = firstSpec({ form: 'task-rows', kind: 'plan', wordingMix: { contract: 1 }, items: [2, 3] }, (s) => (s.monitoring?.length ?? 0) > 0);
      const monitoringOnly: DocSpec = { ...spec, body: spec.body.filter((b) => b.type !== 'table' || b.ref === 'monitoring') };
      const pdf = (await renderDocument(monitoringOnly, ['pdf'], { printer })).pdf!;
      const result = (await extractBytes(pdf, `${spec.id}.pdf`)) as unknown as Extraction;
      expect(result.items).toEqual([]);
      expect(result.document.form).toBe('task-rows');
      expect(result.monitoring.map((m) => m.when)).toEqual(spec.monitoring!.map((m) => m.when));
      expect(result.issues.map((i) => i.code)).toContain('table.no_tasks');
    });
  });
}
