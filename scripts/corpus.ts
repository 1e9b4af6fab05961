/**
 * `npm run corpus`: the generated corpus the extractor is measured on (issue 14), from one seed.
 *
 *   npm run corpus                                  # default seed, until the scans hold ≥ 150 pages
 *   npm run corpus -- --seed 7 --docs 20 --out /tmp/c --formats docx,pdf
 *   npm run corpus -- --wording-mix unlisted=1,blank=1  # only documents with held-out or blank headers
 *   npm run corpus -- --binders 4                   # also binder-N.pdf/.scan.pdf: several documents in one file
 *
 * Writes <id>.docx, <id>.doc, <id>.pdf, <id>.scan.pdf, <id>.photo.jpg, <id>.expected.json and
 * manifest.json. The .doc is the DOCX saved as Word 97 by LibreOffice when it is installed
 * (scripts/install-peers.sh); without it the corpus says so and has no .doc files.
 * Score it with `npm run eval -- --corpus [DIR]`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scriptArgs } from './args.js';
import {
  buildCorpus,
  CORPUS_FORMATS,
  corpusSpec,
  DEFAULT_MIN_SCAN_PAGES,
  DEFAULT_SEED,
  mixSeed,
  PdfPrinter,
  renderBinder,
  Rng,
  WORDING_CLASSES,
  type CorpusFormat,
  type WordingClass,
} from '../src/corpus/index.js';

const { values } = scriptArgs(import.meta.filename, {
  seed: { type: 'string' },
  docs: { type: 'string' },
  out: { type: 'string', default: 'corpus' },
  formats: { type: 'string', default: CORPUS_FORMATS.join(',') },
  'min-scan-pages': { type: 'string' },
  binders: { type: 'string', default: '0' },
  'wording-mix': { type: 'string' },
});

const seed = values.seed ? Number(values.seed) : DEFAULT_SEED;
const formats = values.formats!.split(',').map((f) => f.trim()) as CorpusFormat[];
for (const f of formats) if (!CORPUS_FORMATS.includes(f)) throw new Error(`unknown format "${f}" (known: ${CORPUS_FORMATS.join(', ')})`);
const docs = values.docs ? Number(values.docs) : undefined;
const minScanPages = values['min-scan-pages'] ? Number(values['min-scan-pages']) : DEFAULT_MIN_SCAN_PAGES;
const out = values.out!;
// "contract=4,unlisted=1": relative weights of the documents' header wording classes (default: DEFAULT_WORDING_MIX).
const wordingMix = values['wording-mix']
  ? Object.fromEntries(
      values['wording-mix'].split(',').map((pair) => {
        const [cls, weight] = pair.split('=');
        if (!WORDING_CLASSES.includes(cls as WordingClass)) throw new Error(`unknown wording class "${cls}" (known: ${WORDING_CLASSES.join(', ')})`);
        return [cls, weight === undefined ? 1 : Number(weight)];
      }),
    )
  : undefined;

process.stdout.write(`corpus: seed ${seed}, ${docs ?? `until ${minScanPages} scan pages`} documents, formats ${formats.join(',')}${values['wording-mix'] ? `, wording mix ${values['wording-mix']}` : ''} → ${out}/\n`);
const started = performance.now();
const manifest = await buildCorpus({
  seed,
  docs,
  formats,
  out,
  minScanPages,
  wordingMix,
  onDocument: (d, i) => {
    const pages = d.scanPages ? `${d.scanPages.length} scan pages` : d.pdfPages ? `${d.pdfPages} pages` : '';
    process.stdout.write(`  ${String(i + 1).padStart(3)} ${d.id}  ${d.items} items  ${d.wordingMode}  ${pages}${d.photo ? ' + photo' : ''}  ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
  },
  onNote: (note) => process.stdout.write(`  NOTE: ${note}\n`),
});

const binders = Number(values.binders);
if (binders > 0) {
  // Binders of 2–6 documents drawn from outside the corpus's own documents, with and without blank separators.
  await mkdir(out, { recursive: true });
  const printer = await PdfPrinter.launch();
  try {
    for (let b = 0; b < binders; b++) {
      const rng = new Rng(mixSeed(seed, `binder:${b}`));
      const specs = Array.from({ length: rng.int(2, 6) }, (_, k) => corpusSpec(mixSeed(seed, `binder:${b}`), 1000 + k, wordingMix));
      const binder = await renderBinder(specs, { blankSeparators: rng.chance(0.5), scan: formats.includes('scan'), seed: mixSeed(seed, `binder:${b}`) }, { printer });
      const id = `binder-${b}`;
      await writeFile(join(out, `${id}.pdf`), binder.pdf);
      if (binder.scan) await writeFile(join(out, `${id}.scan.pdf`), binder.scan.bytes);
      await writeFile(join(out, `${id}.binder.json`), `${JSON.stringify(binder.gold, null, 1)}\n`);
      process.stdout.write(`  ${id}: ${specs.length} documents, ${binder.pageCount} pages\n`);
    }
  } finally {
    await printer.close();
  }
}

const t = manifest.totals;
const seconds = (performance.now() - started) / 1000;
process.stdout.write(
  `corpus: seed ${seed}: ${t.docs} documents, ${t.items} items, ${t.pdfPages} PDF pages, ${t.scanPages} scan pages, ${t.photos} photos in ${seconds.toFixed(0)} s` +
    `${t.scanPages ? ` (${(seconds / t.scanPages).toFixed(2)} s per scan page)` : ''}; manifest: ${join(out, 'manifest.json')}\n`,
);
