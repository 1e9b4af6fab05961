/**
 * `npm run bench`: khcl's speed on the fixtures, each figure beside the raw speed of the library
 * underneath on the same files in the same run, and the ratio (khcl's own work is the excess).
 *   npm run bench               all sections
 *   npm run bench -- docx pdf   only those sections (docx, pdf, doc, ocr, store, query;
 *                               store and query need DATABASE_URL and REDIS_URL)
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { ingest } from '../src/ingest/registry.js';
import { extractBytes } from '../src/pipeline/extract-file.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const on = (section: string) => wanted.length === 0 || wanted.includes(section);

async function filesEnding(suffix: string, not?: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const names = (await readdir(fixtures)).filter((f) => f.endsWith(suffix) && !(not && f.endsWith(not))).sort();
  return Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(fixtures, name))) })));
}

/**
 * Run `fn` over every file, `rounds` times after one warm-up round; documents per CPU-second of
 * this process (user + system), so other work on the machine does not move the figure much.
 */
async function rate(files: { name: string; bytes: Uint8Array }[], rounds: number, fn: (f: { name: string; bytes: Uint8Array }) => Promise<unknown>) {
  for (const f of files) await fn(f);
  const started = process.cpuUsage();
  for (let i = 0; i < rounds; i++) for (const f of files) await fn(f);
  const used = process.cpuUsage(started);
  return (files.length * rounds) / ((used.user + used.system) / 1e6);
}

/** One row: the library alone, khcl's reader (ingest only), khcl end to end (ingest + extract), and the ratio. */
function line(label: string, base: number, reader: number, ours: number, baseLabel: string) {
  const ratio = base / ours;
  process.stdout.write(
    `${label.padEnd(24)} ${baseLabel.padEnd(22)} ${base.toFixed(1).padStart(7)}/s   khcl reader ${reader.toFixed(1).padStart(7)}/s   khcl end to end ${ours.toFixed(1).padStart(7)}/s   ${ratio.toFixed(2)}× the library's time (khcl's own share ${(100 * (1 - 1 / ratio)).toFixed(0)}%)\n`,
  );
}

process.stdout.write(`khcl bench — node ${process.version}, one process (one core), documents per CPU-second, ${new Date().toISOString()}\n\n`);

if (on('docx')) {
  const files = await filesEnding('.docx');
  const base = await rate(files, 20, (f) => mammoth.convertToHtml({ buffer: Buffer.from(f.bytes) }));
  const reader = await rate(files, 20, (f) => ingest(f.bytes));
  const ours = await rate(files, 20, (f) => extractBytes(f.bytes, f.name));
  line(`DOCX (${files.length} fixtures ×20)`, base, reader, ours, 'mammoth.convertToHtml');
}

if (on('pdf')) {
  const { PDFParse } = await import('pdf-parse');
  const files = await filesEnding('.pdf', '.scan.pdf');
  const reader = await rate(files, 5, (f) => ingest(f.bytes));
  const ours = await rate(files, 5, (f) => extractBytes(f.bytes, f.name));
  const base = await rate(files, 5, async (f) => {
    const parser = new PDFParse({ data: Buffer.from(f.bytes) });
    try {
      return await parser.getText();
    } finally {
      await parser.destroy();
    }
  });
  line(`text PDF (${files.length} fixtures ×5)`, base, reader, ours, 'pdf-parse getText()');
}

if (on('doc')) {
  const { default: WordExtractor } = await import('word-extractor');
  const files = await filesEnding('.doc');
  const extractor = new WordExtractor();
  const reader = await rate(files, 200, (f) => ingest(f.bytes));
  const ours = await rate(files, 200, (f) => extractBytes(f.bytes, f.name));
  const base = await rate(files, 200, async (f) => (await extractor.extract(Buffer.from(f.bytes))).getBody());
  line(`DOC (${files.length} fixture ×200)`, base, reader, ours, 'word-extractor');
}

if (on('ocr')) await benchOcr();

/**
 * Scans: seconds per page for khcl (deskew, ruling lines, OCR, tables) and for the native
 * `tesseract` CLI on the same page images with the same Vietnamese model, one thread each.
 */
async function benchOcr() {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { gunzipSync } = await import('node:zlib');
  const { storedPageJpegs } = await import('../src/ingest/ocr/pdf-jpeg.js');
  const { releaseReaders } = await import('../src/ingest/registry.js');
  const files = await filesEnding('.scan.pdf');
  let pages = 0;
  const images: string[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'khcl-bench-'));
  for (const f of files) {
    const stored = await storedPageJpegs(f.bytes);
    for (const [n, page] of stored?.pages ?? []) {
      if (page.image?.source.kind !== 'encoded') continue;
      const path = join(dir, `${f.name}-${n}.jpg`);
      writeFileSync(path, page.image.source.bytes);
      images.push(path);
    }
    pages += stored?.pageCount ?? 0;
  }
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  for (const f of files) await ingest(f.bytes);
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000;
  await releaseReaders();
  const ours = (cpu.user + cpu.system) / 1e6 / pages;
  process.stdout.write(`scans (${files.length} fixtures, ${pages} pages)  khcl ${ours.toFixed(2)} CPU-s/page (${(wall / pages).toFixed(2)} s/page wall, pool of ${Math.max(1, (await import('node:os')).availableParallelism())} workers)\n`);
  let tesseract = '';
  try {
    tesseract = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    process.stdout.write('  native tesseract: not installed (apt-get install tesseract-ocr) — no ratio\n');
    return;
  }
  // The same model: tesseract.js ships it gzipped; the native CLI wants it plain.
  const model = join(import.meta.dirname, '..', 'node_modules', '@tesseract.js-data', 'vie', '4.0.0_best_int', 'vie.traineddata.gz');
  writeFileSync(join(dir, 'vie.traineddata'), gunzipSync(await readFile(model)));
  const t0 = performance.now();
  for (const img of images) {
    execFileSync('tesseract', [img, 'stdout', '-l', 'vie', '--tessdata-dir', dir, '--psm', '11'], { env: { ...process.env, OMP_THREAD_LIMIT: '1' }, stdio: ['ignore', 'ignore', 'ignore'] });
  }
  const native = (performance.now() - t0) / 1000 / images.length;
  process.stdout.write(`  ${tesseract} on the same ${images.length} page images, same model, 1 thread: ${native.toFixed(2)} s/page → khcl takes ${(ours / native).toFixed(2)}× native tesseract per page\n`);
}

// The store and query figures need the servers; they run as their own scripts, printed here too.
for (const [section, script] of [['store', 'bench-store.ts'], ['query', 'bench-query.ts']] as const) {
  if (!on(section)) continue;
  if (!process.env.DATABASE_URL || !process.env.REDIS_URL) {
    process.stdout.write(`\n${section}: set DATABASE_URL and REDIS_URL to measure (npm run bench:${section})\n`);
    continue;
  }
  process.stdout.write(`\n`);
  const { spawnSync } = await import('node:child_process');
  spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, script)], { stdio: 'inherit' });
}

process.stdout.write(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
