/**
 * `npm run eval`: every fixture that has an .expected.json, in every format present beside it,
 * scored against its gold file. `--verbose` lists each differing field; `--format pdf,docx` limits
 * the formats; `--json` prints the scores as JSON.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from '../src/errors.js';
import { scoreExtraction, type Score } from '../src/eval/score.js';
import { extractFile, releaseReaders } from '../src/pipeline/extract-file.js';

const FORMATS = ['docx', 'doc', 'pdf', 'scan.pdf'] as const;
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const asJson = args.includes('--json');
const only = args.find((a) => a.startsWith('--format='))?.slice('--format='.length).split(',');
const dir = args.find((a) => !a.startsWith('--')) ?? join(import.meta.dirname, '..', 'fixtures');

const names = (await readdir(dir)).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace(/\.expected\.json$/, '')).sort();
const files = new Set(await readdir(dir));
const rows: { fixture: string; format: string; score?: Score; error?: string; seconds: number }[] = [];

for (const name of names) {
  const gold = JSON.parse(await readFile(join(dir, `${name}.expected.json`), 'utf8'));
  for (const format of FORMATS) {
    if (only && !only.includes(format)) continue;
    const file = `${name}.${format}`;
    if (!files.has(file)) continue;
    const started = performance.now();
    try {
      const result = await extractFile(join(dir, file));
      rows.push({ fixture: name, format, score: scoreExtraction(gold, result as unknown as Record<string, unknown>), seconds: (performance.now() - started) / 1000 });
    } catch (e) {
      rows.push({ fixture: name, format, error: describeError(e), seconds: (performance.now() - started) / 1000 });
    }
  }
}

if (asJson) {
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
} else {
  const f2 = (n: number) => n.toFixed(2);
  const header = ['fixture', 'format', 'items', 'recall', 'prec', 'field', 'sim', 'money/time', 'meta', 'kind', 'focus', 'monit', 's'];
  const table: string[][] = [header];
  for (const r of rows) {
    if (!r.score) {
      table.push([r.fixture, r.format, 'ERROR', r.error ?? '', '', '', '', '', '', '', '', '', r.seconds.toFixed(1)]);
      continue;
    }
    const s = r.score;
    table.push([
      r.fixture, r.format, `${s.matchedItems}/${s.expectedItems}`, f2(s.recall), f2(s.precision), f2(s.fieldExact), f2(s.fieldSimilarity),
      f2(s.moneyTimeExact), f2(s.metadataExact), s.kindExact ? 'ok' : 'WRONG',
      s.focusExpected ? `${s.focusFound}/${s.focusExpected}` : '-', s.monitoringExpected ? `${s.monitoringFound}/${s.monitoringExpected}` : '-', r.seconds.toFixed(1),
    ]);
  }
  // Per-format means, the figures the issues' "done when" lines speak of.
  for (const format of FORMATS) {
    const scored = rows.filter((r) => r.format === format && r.score).map((r) => r.score!);
    const failed = rows.filter((r) => r.format === format && !r.score).length;
    if (!scored.length && !failed) continue;
    const mean = (k: keyof Score) => f2(scored.reduce((a, s) => a + (s[k] as number), 0) / Math.max(1, scored.length));
    table.push([`MEAN ${format}`, `${scored.length} ok/${failed} err`, '', mean('recall'), mean('precision'), mean('fieldExact'), mean('fieldSimilarity'), mean('moneyTimeExact'), mean('metadataExact'), '', '', '', '']);
  }
  const widths = header.map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  for (const row of table) process.stdout.write(`${row.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd()}\n`);
  if (verbose) {
    for (const r of rows) {
      for (const m of r.score?.misses ?? []) {
        process.stdout.write(`\n${r.fixture}.${r.format} [${m.key}] ${m.field}\n  expected: ${JSON.stringify(m.expected)}\n  actual:   ${JSON.stringify(m.actual)}\n`);
      }
    }
  }
}
await releaseReaders();
