/**
 * `npm run eval:binders`: binders of 2–6 documents, generated plans and reports (both forms) and
 * the fixtures, joined into one PDF in random order, with or without blank separator pages, read
 * as one file, and scored document by document (src/eval/binders.ts).
 *
 *   npm run eval:binders -- --seed 2 --count 10        # ten binders from seed 2
 *   npm run eval:binders -- --scan                     # the binders' scans too (OCR: slow)
 *
 * Prints: documents found/expected, page ranges exact, items right/total, items lost to the binder
 * (found when the document is read alone, not in the binder) and items misattributed (under
 * another document of the binder).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusSpec, goldOf, joinPdfBinder, mixSeed, PdfPrinter, renderPdf, Rng, scanPdf, type BinderPart } from '../src/corpus/index.js';
import { itemKey, scoreBinder, type BinderScore, type ExpectedInBinder } from '../src/eval/binders.js';
import { scoreExtraction } from '../src/eval/score.js';
import { extractBytes, extractBytesDocuments, releaseReaders } from '../src/pipeline/extract-file.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    count: { type: 'string', default: '10' },
    scan: { type: 'boolean', default: false },
    verbose: { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const count = Number(values.count);
const fixturesDir = join(import.meta.dirname, '..', 'fixtures');

async function fixtures(): Promise<BinderPart[]> {
  const names = (await readdir(fixturesDir)).filter((f) => f.endsWith('.expected.json')).map((f) => f.replace(/\.expected\.json$/, ''));
  const out: BinderPart[] = [];
  for (const name of names.sort()) {
    const pdf = await readFile(join(fixturesDir, `${name}.pdf`)).catch(() => null);
    if (pdf) out.push({ name, pdf: new Uint8Array(pdf), gold: JSON.parse(await readFile(join(fixturesDir, `${name}.expected.json`), 'utf8')) });
  }
  return out;
}

type Json = Record<string, unknown>;
const aloneCache = new Map<string, { aloneMatched: number; aloneKeys: string[] }>();

/** Items matched when the part is read alone (what the binder may lose), and the keys it gives. */
async function alone(part: BinderPart): Promise<{ aloneMatched: number; aloneKeys: string[] }> {
  const cached = aloneCache.get(part.name);
  if (cached) return cached;
  const gold = part.gold as unknown as Json;
  let result = { aloneMatched: 0, aloneKeys: [] as string[] };
  try {
    const x = (await extractBytes(part.pdf, `${part.name}.pdf`)) as unknown as Json;
    result = { aloneMatched: scoreExtraction(gold, x).matchedItems, aloneKeys: ((x.items ?? []) as Json[]).map((it) => itemKey(gold, it)) };
  } catch {
    // Refused alone: nothing of it can be lost to the binder.
  }
  aloneCache.set(part.name, result);
  return result;
}

const total: BinderScore = { expected: 0, found: 0, extra: 0, pagesExact: 0, itemsRight: 0, itemsTotal: 0, lost: 0, misattributed: 0, notes: [] };
const fixtureParts = await fixtures();
const printer = await PdfPrinter.launch();
try {
  for (let b = 0; b < count; b++) {
    const rng = new Rng(mixSeed(seed, `binders:${b}`));
    const n = rng.int(2, 6);
    const parts: BinderPart[] = [];
    for (let k = 0; k < n; k++) {
      if (rng.chance(0.3)) {
        parts.push(rng.pick(fixtureParts));
      } else {
        const spec = corpusSpec(mixSeed(seed, `binders:${b}`), 2000 + k);
        parts.push({ name: `${spec.id}@${b}`, pdf: await renderPdf(spec, { printer }), gold: goldOf(spec) });
      }
    }
    const order = rng.shuffle(parts);
    const blank = rng.chance(0.5);
    const binder = await joinPdfBinder(order, { blankSeparators: blank });
    const expected: ExpectedInBinder[] = [];
    for (const d of binder.documents) {
      const part = order.find((p) => p.name === d.name)!;
      expected.push({ name: d.name, gold: d.gold as unknown as Json, pages: d.pages, ...(values.scan ? {} : await alone(part)) });
    }
    const bytes = values.scan ? (await scanPdf(binder.pdf, mixSeed(seed, `scan:${b}`))).bytes : binder.pdf;
    const started = performance.now();
    let extracted: Json[] = [];
    try {
      extracted = (await extractBytesDocuments(bytes, `binder-${b}.pdf`)) as unknown as Json[];
    } catch (e) {
      process.stdout.write(`binder-${b}: refused (${(e as Error).message})\n`);
    }
    const s = scoreBinder(expected, extracted);
    for (const k of ['expected', 'found', 'extra', 'pagesExact', 'itemsRight', 'itemsTotal', 'lost', 'misattributed'] as const) total[k] += s[k];
    process.stdout.write(
      `binder-${b}: ${n} documents${blank ? ' + blank pages' : ''}, ${binder.pageCount} pages: found ${s.found}/${s.expected}${s.extra ? ` (+${s.extra} extra)` : ''}, pages exact ${s.pagesExact}, items ${s.itemsRight}/${s.itemsTotal}, lost ${s.lost}, misattributed ${s.misattributed} (${((performance.now() - started) / 1000).toFixed(1)} s)\n`,
    );
    if (values.verbose || s.found < s.expected || s.extra) for (const note of s.notes) process.stdout.write(`  ${note}\n`);
  }
} finally {
  await printer.close();
  await releaseReaders();
}
process.stdout.write(
  `\nseed ${seed}, ${count} binders${values.scan ? ' (scans)' : ''}: documents found ${total.found}/${total.expected}${total.extra ? ` (+${total.extra} extra)` : ''}, page ranges exact ${total.pagesExact}/${total.expected}, items right ${total.itemsRight}/${total.itemsTotal}, lost to binder ${total.lost}, misattributed ${total.misattributed}\n`,
);
