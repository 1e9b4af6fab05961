/**
 * `npm run bench`: khcl's speed on the fixtures, each figure beside the raw speed of the library
 * underneath on the same files in the same run, and the ratio (khcl's own work is the excess).
 *   npm run bench               all sections
 *   npm run bench -- docx pdf   only those sections
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

process.stdout.write(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
