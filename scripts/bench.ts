/**
 * `npm run bench`: khcl's speed on the fixtures, each figure beside the raw speed of the library
 * underneath on the same files in the same run, and the ratio (khcl's own work is the excess).
 *   npm run bench               all sections
 *   npm run bench -- docx pdf   only those sections (docx, pdf, doc, ocr, cli, store, query;
 *                               store and query need DATABASE_URL and REDIS_URL)
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import mammoth from 'mammoth';
import { ingest } from '../src/ingest/registry.js';
import { extractBytes } from '../src/pipeline/extract-file.js';
import { helpIfAsked } from './args.js';

helpIfAsked(import.meta.filename);
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const on = (section: string) => wanted.length === 0 || wanted.includes(section);

async function filesEnding(suffix: string, not?: string): Promise<{ name: string; bytes: Uint8Array }[]> {
  const names = (await readdir(fixtures)).filter((f) => f.endsWith(suffix) && !(not && f.endsWith(not))).sort();
  return Promise.all(names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(fixtures, name))) })));
}

type Run = (f: { name: string; bytes: Uint8Array }) => Promise<unknown>;

/**
 * Run each of `fns` over every file, `rounds` times after one warm-up round; documents per
 * CPU-second of this process (user + system), so other work on the machine does not move the
 * figure much. The runs take turns round by round, so a machine that speeds up or slows down
 * during the section (it does, by a fifth) moves every figure alike and not their ratios.
 */
async function rates(files: { name: string; bytes: Uint8Array }[], rounds: number, fns: Run[]): Promise<number[]> {
  const cpu = fns.map(() => 0);
  for (const fn of fns) for (const f of files) await fn(f);
  for (let i = 0; i < rounds; i++) {
    for (const [k, fn] of fns.entries()) {
      const started = process.cpuUsage();
      for (const f of files) await fn(f);
      const used = process.cpuUsage(started);
      cpu[k] += (used.user + used.system) / 1e6;
    }
  }
  return cpu.map((seconds) => (files.length * rounds) / seconds);
}

/** One row: the library alone, khcl's reader (ingest only), khcl end to end (ingest + extract), and the ratio. */
function line(label: string, base: number, reader: number, ours: number, baseLabel: string) {
  const ratio = base / ours;
  process.stdout.write(
    `${label.padEnd(24)} ${baseLabel.padEnd(22)} ${base.toFixed(1).padStart(7)}/s   khcl reader ${reader.toFixed(1).padStart(7)}/s   khcl end to end ${ours.toFixed(1).padStart(7)}/s   ${ratio.toFixed(2)}× the library's time (khcl's own share ${(100 * (1 - 1 / ratio)).toFixed(0)}%)\n`,
  );
}

if (process.argv.includes('--ocr-child')) {
  // khcl's side of the OCR figures, in its own process (see benchOcr).
  const { releaseReaders } = await import('../src/ingest/registry.js');
  const files = await filesEnding('.scan.pdf');
  const c0 = process.cpuUsage();
  let pages = 0;
  for (const f of files) pages += (await ingest(f.bytes)).pages.length;
  const c = process.cpuUsage(c0);
  await releaseReaders();
  const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(`${JSON.stringify({ cpuSeconds: (c.user + c.system) / 1e6, pages, peakRssMb })}\n`);
  process.exit(0);
}

process.stdout.write(`khcl bench — node ${process.version}, one process (one core), documents per CPU-second, ${new Date().toISOString()}\n\n`);

if (on('docx')) {
  const files = await filesEnding('.docx');
  const [base, reader, ours] = await rates(files, 20, [
    (f) => mammoth.convertToHtml({ buffer: Buffer.from(f.bytes) }),
    (f) => ingest(f.bytes),
    (f) => extractBytes(f.bytes, f.name),
  ]);
  line(`DOCX (${files.length} fixtures ×20)`, base, reader, ours, 'mammoth.convertToHtml');
}

/** Rounds over the text PDFs: the ratios to pdf-parse move by a tenth between runs of 5. */
const ROUNDS_PDF = 12;

if (on('pdf')) {
  const { PDFParse } = await import('pdf-parse');
  const files = await filesEnding('.pdf', '.scan.pdf');
  const withParser = (read: (parser: InstanceType<typeof PDFParse>) => Promise<unknown>) => async (f: { bytes: Uint8Array }) => {
    const parser = new PDFParse({ data: Buffer.from(f.bytes) });
    try {
      return await read(parser);
    } finally {
      await parser.destroy();
    }
  };
  // pdf-parse's own table reader builds the same operator lists (text and drawn lines) khcl reads.
  const [reader, ours, base, tables] = await rates(files, ROUNDS_PDF, [
    (f) => ingest(f.bytes),
    (f) => extractBytes(f.bytes, f.name),
    withParser((p) => p.getText()),
    withParser((p) => p.getTable()),
  ]);
  line(`text PDF (${files.length} fixtures ×${ROUNDS_PDF})`, base, reader, ours, 'pdf-parse getText()');
  process.stdout.write(
    `${''.padEnd(24)} ${'pdf-parse getTable()'.padEnd(22)} ${tables.toFixed(1).padStart(7)}/s   ${''.padEnd(20)}   khcl end to end ${ours.toFixed(1).padStart(7)}/s   ${(ours / tables).toFixed(2)}× its documents per second (goal ≥ 1.2)\n`,
  );
}

if (on('doc')) {
  const { default: WordExtractor } = await import('word-extractor');
  const files = await filesEnding('.doc');
  const extractor = new WordExtractor();
  const [reader, ours, base] = await rates(files, 200, [
    (f) => ingest(f.bytes),
    (f) => extractBytes(f.bytes, f.name),
    async (f) => (await extractor.extract(Buffer.from(f.bytes))).getBody(),
  ]);
  line(`DOC (${files.length} fixture ×200)`, base, reader, ours, 'word-extractor');
}

if (on('ocr')) await benchOcr();

/**
 * Scans, per page, on the same page images (the JPEG each scanned page embeds):
 *  - the native `tesseract` CLI with the same Vietnamese model, one thread: with its defaults,
 *    and with the parameters khcl gives tesseract.js (so the engines compare like for like);
 *  - tesseract.js alone, one worker, khcl's parameters: the library underneath;
 *  - khcl end to end (decode, flatten, deskew, rules, OCR, cell re-reads, tables) on its pool.
 * CPU-seconds throughout: this process's (worker threads included), the CLI's and OCRmyPDF's
 * (with the processes they start, from bash's `times`); the CLI also pays its start-up and
 * model load on every page.
 */
async function benchOcr() {
  const { gunzipSync } = await import('node:zlib');
  const { default: Tesseract } = await import('tesseract.js');
  const { storedPageJpegs } = await import('../src/ingest/ocr/pdf-jpeg.js');
  const { ENGINE_PARAMS, OCR_MODEL_GZIP, OCR_PATHS } = await import('../src/ingest/ocr/engine.js');
  const { PAGE_PSM } = await import('../src/ingest/ocr/page-ocr.js');
  const files = await filesEnding('.scan.pdf');
  let pages = 0;
  const images: { path: string; bytes: Uint8Array }[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'khcl-bench-'));
  for (const f of files) {
    const stored = await storedPageJpegs(f.bytes);
    for (const [n, page] of stored?.pages ?? []) {
      if (page.image?.source.kind !== 'encoded') continue;
      const path = join(dir, `${f.name}-${n}.jpg`);
      writeFileSync(path, page.image.source.bytes);
      images.push({ path, bytes: page.image.source.bytes });
    }
    pages += stored?.pageCount ?? 0;
  }
  const cpuSeconds = async (fn: () => Promise<unknown>) => {
    const c0 = process.cpuUsage();
    await fn();
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1e6;
  };
  const row = (label: string, seconds: number, unit: string, tail = '') =>
    process.stdout.write(`  ${label.padEnd(66)} ${seconds.toFixed(2).padStart(5)} ${unit}${tail}\n`);

  process.stdout.write(`scans (${files.length} fixtures, ${pages} pages, ${images.length} page images)\n`);
  // tesseract.js alone, one worker, after one warm-up page (the pool below is warmed the same way
  // by its first page; loading costs well under a second either way).
  const worker = await Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, {
    langPath: OCR_PATHS.langPath,
    corePath: OCR_PATHS.corePath,
    workerPath: OCR_PATHS.workerPath,
    cacheMethod: 'none',
    gzip: OCR_MODEL_GZIP,
  });
  await worker.setParameters({ ...ENGINE_PARAMS, tessedit_pageseg_mode: PAGE_PSM } as unknown as Partial<Tesseract.WorkerParams>);
  await worker.recognize(Buffer.from(images[0].bytes), {}, { text: true });
  const library = (await cpuSeconds(async () => {
    for (const img of images) await worker.recognize(Buffer.from(img.bytes), {}, { text: true });
  })) / images.length;
  await worker.terminate();
  // khcl in a process of its own, so its peak RSS is its own (pool, wasm heaps, page images).
  const { spawnSync } = await import('node:child_process');
  const runChild = (pin: string[]) => {
    const child = spawnSync(pin[0] ?? process.execPath, [...pin.slice(1), ...(pin.length ? [process.execPath] : []), '--import', 'tsx', import.meta.filename, '--ocr-child'], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`the OCR bench child failed: ${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop()!) as { cpuSeconds: number; pages: number; peakRssMb: number };
  };
  const measured = runChild([]);
  const ours = measured.cpuSeconds / measured.pages;
  // The same on one core (a pool of one worker, the main thread beside it), like the one-thread
  // CLI: on two cores the wasm workers and the main thread contend for them (3 busy threads).
  let oneCore: number | null = null;
  try {
    execFileSync('taskset', ['-c', '0', 'true']);
    const pinned = runChild(['taskset', '-c', '0']);
    oneCore = pinned.cpuSeconds / pinned.pages;
  } catch {
    oneCore = null;
  }
  const rss = `   (peak RSS of that process ${measured.peakRssMb} MB, goal ≤ 600)`;
  const ratios: string[] = [];

  let version = '';
  try {
    version = execFileSync('tesseract', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    version = '';
  }
  row(`tesseract.js alone, 1 worker, psm ${PAGE_PSM}, khcl's model and parameters`, library, 'CPU-s/page');
  if (!version) {
    process.stdout.write('  native tesseract: NOT INSTALLED (scripts/install-peers.sh) — no ratio to native tesseract\n');
  } else {
    // The same model: tesseract.js ships it gzipped; the native CLI wants it plain.
    const model = join(OCR_PATHS.langPath, OCR_MODEL_GZIP ? 'vie.traineddata.gz' : 'vie.traineddata');
    const bytes = await readFile(model);
    writeFileSync(join(dir, 'vie.traineddata'), OCR_MODEL_GZIP ? gunzipSync(bytes) : bytes);
    // CPU time of the CLI processes (bash's `times` for its children), not wall time, so a busy
    // machine moves the native figure no more than khcl's.
    const cli = (params: Record<string, string>) => {
      const flags = ['-l', 'vie', '--tessdata-dir', dir, '--psm', PAGE_PSM, ...Object.entries(params).flatMap(([k, v]) => ['-c', `${k}=${v}`])];
      const script = `for f in "$@"; do tesseract "$f" stdout ${flags.map((f) => `'${f}'`).join(' ')} >/dev/null 2>&1; done; times`;
      const out = execFileSync('bash', ['-c', script, 'bash', ...images.map((i) => i.path)], { encoding: 'utf8', env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      return childCpu(out) / images.length;
    };
    const nativeDefault = cli({});
    const nativeSame = cli(ENGINE_PARAMS);
    const params = Object.entries(ENGINE_PARAMS).map(([k, v]) => `${k}=${v}`).join(' ');
    row(`${version}, 1 thread, psm ${PAGE_PSM}, defaults, khcl's model`, nativeDefault, 'CPU-s/page');
    row(`${version}, 1 thread, psm ${PAGE_PSM}, ${params}, khcl's model`, nativeSame, 'CPU-s/page', `   tesseract.js is ${(library / nativeSame).toFixed(2)}× this`);
    ratios.push(`${(ours / nativeDefault).toFixed(2)}× native tesseract on the same page images (goal ≤ 1.3)`);
    if (oneCore != null) ratios.push(`on one core ${(oneCore / nativeDefault).toFixed(2)}× native`);
  }
  const peer = ocrmypdfCpu(files, pages);
  if (peer == null) {
    process.stdout.write('  OCRmyPDF: NOT INSTALLED (scripts/install-peers.sh) — no ratio to OCRmyPDF\n');
  } else {
    row(`OCRmyPDF ${peer.version}, -l vie --jobs 1, same PDFs (its own model and pipeline)`, peer.cpuPerPage, 'CPU-s/page');
    ratios.push(`${(ours / peer.cpuPerPage).toFixed(2)}× OCRmyPDF (goal ≤ 1.0)`);
  }
  row(`khcl end to end, pool of ${availableParallelism()} workers`, ours, 'CPU-s/page', `   ${(ours / library).toFixed(2)}× tesseract.js (khcl's own share ${(100 * (1 - library / ours)).toFixed(0)}%)`);
  if (oneCore != null) row('khcl end to end, one core (taskset -c 0: a pool of one worker)', oneCore, 'CPU-s/page', `   ${(oneCore / library).toFixed(2)}× tesseract.js`);
  else process.stdout.write('  khcl on one core: taskset NOT FOUND (util-linux) — not measured\n');
  process.stdout.write(`  khcl: ${ratios.length ? ratios.join(', ') : 'no peer installed to compare with'}${rss}\n`);
}

/**
 * OCRmyPDF's CPU per page over the scanned fixtures, one job, as a user would run it
 * (`ocrmypdf -l vie --jobs 1 in.pdf out.pdf`): user + system time of it and every process it
 * starts (tesseract, Ghostscript), from bash's `times`. Null when it is not installed.
 */
function ocrmypdfCpu(files: { name: string; bytes: Uint8Array }[], pages: number): { version: string; cpuPerPage: number } | null {
  let version: string;
  try {
    version = execFileSync('ocrmypdf', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    return null;
  }
  const dir = mkdtempSync(join(tmpdir(), 'khcl-ocrmypdf-'));
  let cpu = 0;
  for (const f of files) {
    const input = join(dir, f.name);
    writeFileSync(input, f.bytes);
    // `times` prints the shell's own, then its children's user and system time.
    const out = execFileSync('bash', ['-c', `ocrmypdf -q -l vie --jobs 1 "$0" "$0.out.pdf" >/dev/null 2>&1; times`, input], { encoding: 'utf8' });
    cpu += childCpu(out);
  }
  return { version, cpuPerPage: cpu / pages };
}

/** User + system seconds of a bash's children, from the last line `times` printed. */
function childCpu(timesOutput: string): number {
  const [user, system] = timesOutput.trim().split('\n').pop()!.split(/\s+/).map(seconds);
  return user + system;
}

/** "1m2.345s" → 62.345 */
function seconds(t: string): number {
  const m = /^(\d+)m([\d.]+)s$/.exec(t);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

if (on('cli')) {
  process.stdout.write(`\n`);
  const { spawnSync } = await import('node:child_process');
  spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'bench-cli.ts'), '--rounds', '5'], { stdio: 'inherit' });
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
