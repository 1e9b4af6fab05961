/**
 * `npm run eval`: every fixture that has an .expected.json, in every format present beside it,
 * scored against its gold file. `--verbose` lists each differing field; `--format pdf,docx` limits
 * the formats; `--json` prints the scores as JSON.
 *
 * `npm run eval -- --corpus [DIR]` scores a generated corpus (`npm run corpus`, default DIR
 * `corpus/`) the same way: every <id>.<format> against <id>.expected.json, then means per format,
 * per header wording class, per document type and per scan degradation, and the count of silent
 * wrong amounts (budgetVnd off, confidence ≥ 0.9, no issue on the row), which must be 0. A file
 * the extractor refuses counts as zero in the means (recall 0): a refused plan is lost. With more
 * than 12 documents only the means are printed (`--per-doc` prints every row).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scriptArgs } from './args.js';
import { describeError } from '../src/errors.js';
import { formatTable, HEADER, meanCells, rowCells, type EvalRow } from '../src/eval/report.js';
import { scoreExtraction, silentAmounts, type Score, type SilentAmount } from '../src/eval/score.js';
import { extractFile, releaseReaders } from '../src/pipeline/extract-file.js';

const FORMATS = ['docx', 'doc', 'pdf', 'scan.pdf'] as const;
const { values: opts, positionals } = scriptArgs(
  import.meta.filename,
  {
    verbose: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    format: { type: 'string' },
    corpus: { type: 'boolean', default: false },
    'per-doc': { type: 'boolean', default: false },
  },
  true,
);
const verbose = opts.verbose!;
const asJson = opts.json!;
const only = opts.format?.split(',').map((f) => f.trim());

async function fixturesMode() {
  const dir = positionals[0] ?? join(import.meta.dirname, '..', 'fixtures');
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
    return;
  }
  const evalRows: EvalRow[] = rows.map((r) => ({ ...r, name: r.fixture }));
  const table: string[][] = [HEADER, ...evalRows.map(rowCells)];
  // Per-format means, the figures the issues' "done when" lines speak of.
  for (const format of FORMATS) {
    const of = evalRows.filter((r) => r.format === format);
    if (of.length) table.push(meanCells(format, of));
  }
  process.stdout.write(formatTable(table));
  if (verbose) printMisses(evalRows);
}

function printMisses(rows: EvalRow[]) {
  for (const r of rows) {
    for (const m of r.score?.misses ?? []) {
      process.stdout.write(`\n${r.name}.${r.format} [${m.key}] ${m.field}\n  expected: ${JSON.stringify(m.expected)}\n  actual:   ${JSON.stringify(m.actual)}\n`);
    }
  }
}

/* ------------------------------------------------------------------------------------------ */

interface ManifestDoc {
  id: string;
  kind: string;
  form: string;
  compact: boolean;
  wordingMode: string;
  wordingClasses: string[];
  files: Record<string, string>;
  scanPages?: { dpi: number; tiltDeg: number; blurSigma: number; grain: number; speckles: number; lighting: number; jpegQuality: number; rotation: number }[];
}

interface CorpusRow extends EvalRow {
  doc: ManifestDoc;
  silentList: SilentAmount[];
  pages: number;
}

const CORPUS_FORMATS: [string, string][] = [
  ['docx', 'docx'],
  ['doc', 'doc'],
  ['pdf', 'pdf'],
  ['scan', 'scan.pdf'],
  ['photo', 'photo.jpg'],
];

/** Degradation classes of a scanned document: every class any of its pages has. */
function degradationClasses(doc: ManifestDoc, format: string): string[] {
  if (format === 'photo') return ['phone photo'];
  const classes = new Set<string>();
  for (const p of doc.scanPages ?? []) {
    classes.add(p.dpi < 200 ? 'dpi 150–199' : p.dpi < 250 ? 'dpi 200–249' : 'dpi 250–300');
    if (Math.abs(p.tiltDeg) > 1) classes.add('tilt > 1°');
    if (p.blurSigma >= 0.3) classes.add('blur');
    if (p.grain >= 10 || p.speckles >= 100) classes.add('noise');
    if (p.jpegQuality < 55) classes.add('jpeg q < 55');
    if (p.lighting >= 0.15) classes.add('uneven light');
    if (p.rotation) classes.add('page rotated');
  }
  return [...classes];
}

/** A file the extractor refused: it scores zero (its items are lost), not nothing. */
function refused(gold: Record<string, unknown>): Score {
  const items = ((gold.items ?? []) as unknown[]).length;
  return {
    expectedItems: items, extractedItems: 0, matchedItems: 0, recall: items ? 0 : 1, precision: 1, fieldExact: 0, fieldSimilarity: 0,
    moneyTimeExact: 0, metadataExact: 0, kindExact: false, focusFound: 0, focusExpected: ((gold.focusIssues ?? []) as unknown[]).length,
    monitoringFound: 0, monitoringExpected: ((gold.monitoring ?? []) as unknown[]).length, misses: [],
  };
}

function docType(doc: ManifestDoc): string {
  return `${doc.form === 'task-rows' ? '2026 ' : '2018 '}${doc.kind}${doc.compact ? ' (one page)' : ''}`;
}

async function corpusMode() {
  const dir = positionals[0] ?? 'corpus';
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { seed: number; documents: ManifestDoc[] };
  const formats = CORPUS_FORMATS.filter(([f, suffix]) => !only || only.includes(f) || only.includes(suffix));
  const rows: CorpusRow[] = [];
  if (!asJson) process.stdout.write(`corpus ${dir}/: seed ${manifest.seed}, ${manifest.documents.length} documents\n`);
  for (const doc of manifest.documents) {
    const gold = JSON.parse(await readFile(join(dir, `${doc.id}.expected.json`), 'utf8')) as Record<string, unknown>;
    for (const [format] of formats) {
      const file = doc.files[format];
      if (!file) continue;
      const started = performance.now();
      const pages = format === 'scan' ? (doc.scanPages?.length ?? 0) : format === 'photo' ? 1 : 0;
      try {
        const result = (await extractFile(join(dir, file))) as unknown as Record<string, unknown>;
        const silentList = silentAmounts(gold, result);
        rows.push({ name: doc.id, format, doc, pages, score: scoreExtraction(gold, result), silent: silentList.length, silentList, seconds: (performance.now() - started) / 1000 });
      } catch (e) {
        rows.push({ name: doc.id, format, doc, pages, score: refused(gold), error: describeError(e), silent: 0, silentList: [], seconds: (performance.now() - started) / 1000 });
      }
      const last = rows[rows.length - 1];
      process.stderr.write(`  ${rows.length} ${file} ${last.seconds.toFixed(1)} s${last.error ? ' refused' : ''}\n`);
    }
  }

  const groups: { title: string; key: (r: CorpusRow) => string[] }[] = [
    { title: 'format', key: (r) => [r.format] },
    { title: 'header wording (document mode) × format', key: (r) => [`${r.doc.wordingMode} ${r.format}`] },
    { title: 'header wording class used × format', key: (r) => r.doc.wordingClasses.map((c) => `${c} ${r.format}`) },
    { title: 'document type × format', key: (r) => [`${docType(r.doc)} ${r.format}`] },
    { title: 'scan / photo degradation', key: (r) => (r.format === 'scan' || r.format === 'photo' ? degradationClasses(r.doc, r.format) : []) },
  ];
  const silent = rows.flatMap((r) => r.silentList.map((s) => ({ file: r.doc.files[r.format], ...s })));

  if (asJson) {
    const summary = Object.fromEntries(groups.map((g) => [g.title, groupMeans(rows, g.key)]));
    process.stdout.write(`${JSON.stringify({ seed: manifest.seed, dir, silentAmounts: silent, summary, rows: rows.map(({ doc: _doc, silentList: _s, ...r }) => r) }, null, 2)}\n`);
    return;
  }

  if (opts['per-doc'] || manifest.documents.length <= 12) {
    process.stdout.write(formatTable([[...HEADER, 'silent'], ...rows.map((r) => [...rowCells(r), r.error ? '' : String(r.silent)])]));
    process.stdout.write('\n');
  }
  for (const g of groups) {
    const means = groupMeans(rows, g.key);
    if (!means.length) continue;
    process.stdout.write(`By ${g.title}:\n`);
    const table = [['group', 'files', 'refused', 'items', 'recall', 'prec', 'field', 'sim', 'money/time', 'meta', 'silent', 's/file']];
    for (const m of means) {
      table.push([m.group, String(m.files), String(m.refused), `${m.matched}/${m.expected}`, m.recall, m.precision, m.field, m.sim, m.moneyTime, m.meta, String(m.silent), m.secondsPerFile]);
    }
    process.stdout.write(`${formatTable(table)}\n`);
  }
  const scanRows = rows.filter((r) => r.format === 'scan');
  const scanPages = scanRows.reduce((a, r) => a + r.pages, 0);
  if (scanPages) process.stdout.write(`Scans: ${scanPages} pages in ${scanRows.reduce((a, r) => a + r.seconds, 0).toFixed(0)} s (${(scanRows.reduce((a, r) => a + r.seconds, 0) / scanPages).toFixed(1)} s per page)\n`);
  process.stdout.write(`Amounts off with confidence ≥ 0.9 and no issue on the row (must be 0): ${silent.length}\n`);
  for (const s of silent.slice(0, 30)) process.stdout.write(`  ${s.file} [${s.key}] expected ${s.expected}, read ${s.actual} (confidence ${s.confidence})\n`);
  const errors = rows.filter((r) => r.error);
  if (errors.length) {
    process.stdout.write(`Refused files: ${errors.length}\n`);
    for (const r of errors.slice(0, 30)) process.stdout.write(`  ${r.doc.files[r.format]} (${r.doc.wordingMode}): ${r.error}\n`);
  }
  process.stdout.write(`Fields most often wrong (matched items), per format:\n`);
  for (const [format] of formats) {
    const counts = new Map<string, number>();
    for (const r of rows.filter((x) => x.format === format)) for (const m of r.score?.misses ?? []) counts.set(m.field, (counts.get(m.field) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10);
    if (top.length) process.stdout.write(`  ${format}: ${top.map(([f, n]) => `${f} ${n}`).join(', ')}\n`);
  }
  if (verbose) printMisses(rows);
}

function groupMeans(rows: CorpusRow[], key: (r: CorpusRow) => string[]) {
  const by = new Map<string, CorpusRow[]>();
  for (const r of rows) for (const k of key(r)) by.set(k, [...(by.get(k) ?? []), r]);
  return [...by].sort((a, b) => a[0].localeCompare(b[0])).map(([group, of]) => {
    const scores = of.map((r) => r.score!);
    const m = (k: keyof Score) => (scores.reduce((a, s) => a + (s[k] as number), 0) / scores.length).toFixed(2);
    return {
      group,
      files: of.length,
      refused: of.filter((r) => r.error).length,
      matched: scores.reduce((a, s) => a + s.matchedItems, 0),
      expected: scores.reduce((a, s) => a + s.expectedItems, 0),
      recall: m('recall'),
      precision: m('precision'),
      field: m('fieldExact'),
      sim: m('fieldSimilarity'),
      moneyTime: m('moneyTimeExact'),
      meta: m('metadataExact'),
      silent: of.reduce((a, r) => a + (r.silent ?? 0), 0),
      secondsPerFile: (of.reduce((a, r) => a + r.seconds, 0) / of.length).toFixed(1),
    };
  });
}

if (opts.corpus) await corpusMode();
else await fixturesMode();
await releaseReaders();
