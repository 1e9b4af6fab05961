/**
 * `khcl import PATH… [--wait] [--concurrency N] [--json]`: files, folders (recursively) and .zip
 * archives. Each file is stored once by content. Progress goes to stderr (a bar on a terminal, a
 * line every few seconds otherwise); the summary goes to stdout: every name found is counted once
 * (stored, failed, skipped, passed over), failures are listed with their reasons, `--json` lists
 * every name. Exit code 0 when nothing failed, 2 when some files did. Said in KHCL_LANG.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { describeDocuments } from '../../extract/segment-text.js';
import { localize, say, type Lang } from '../../messages.js';
import { importPaths, type ImportProgress, type ImportResult } from '../../../workers/importer.js';
import { openRuntime } from '../../../workers/runtime.js';

/** Register `khcl import`. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import files, folders and .zip archives into the store (each file once, by content; files that failed before are tried again)')
    .argument('<paths...>', 'files, folders or .zip archives')
    .option('--wait', 'with Redis: wait until the workers have processed every file (always, without Redis)')
    .option('--concurrency <n>', 'documents processed at once in this process (without Redis)', positiveInt)
    .option('--json', 'print the result as JSON: the counts and one line per file found')
    .action(async (paths: string[], opts: { wait?: boolean; concurrency?: number; json?: boolean }) => {
      const config = loadConfig();
      const rt = await openRuntime(config);
      const progress = progressDisplay(config.lang);
      let result: ImportResult;
      try {
        result = await importPaths(rt, paths, { ...opts, onProgress: progress.update });
      } finally {
        progress.stop();
        await rt.close();
      }
      process.stdout.write(opts.json ? `${JSON.stringify(result, null, 2)}\n` : summarize(result, rt.queue.backend, config.lang));
      if (result.failed > 0) process.exitCode = 2;
    });
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
  return n;
}

const progressLine = (p: ImportProgress, lang: Lang) =>
  say(lang, {
    en: `queued ${p.queued} | stored ${p.done} | failed ${p.failed} | skipped ${p.skipped} | passed over ${p.passedOver}`,
    vi: `xếp hàng ${p.queued} | đã lưu ${p.done} | lỗi ${p.failed} | bỏ qua ${p.skipped} | không phải văn bản ${p.passedOver}`,
  });

/** A bar on a terminal; on a pipe or in a log, one line every 5 seconds. */
function progressDisplay(lang: Lang): { update: (p: ImportProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      { stream: process.stderr, format: 'import [{bar}] {value}/{total} | {line}', hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const payload = { line: progressLine(p, lang) };
        if (!started) (bar.start(Math.max(1, p.found), 0, payload), (started = true));
        bar.setTotal(Math.max(1, p.found));
        bar.update(p.done + p.failed + p.skipped + p.passedOver, payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  let latest: ImportProgress | undefined;
  const line = (p: ImportProgress) =>
    process.stderr.write(`import: ${p.done + p.failed + p.skipped + p.passedOver}/${p.found}${p.collected ? '' : '+'} | ${progressLine(p, lang)}\n`);
  return {
    update(p) {
      latest = p;
      if (Date.now() - last >= 5000) (line(p), (last = Date.now()));
    },
    stop: () => latest && last > 0 && line(latest),
  };
}

/** How many names of a list are printed one by one (the rest: --json). */
const LISTED = 20;

/** The import's result for a person: the counts (they add up to the files found), then what needs a look. */
export function summarize(r: ImportResult, backend: string, lang: Lang = 'en'): string {
  const lines: string[] = [];
  const before = r.files.filter((f) => f.status === 'skipped' && !f.sameAs).length;
  const same = r.files.filter((f) => f.status === 'skipped' && f.sameAs);
  const skipped = say(lang, {
    en: `${r.skipped} skipped${r.skipped ? ` (${[before && `${before} already stored`, same.length && `${same.length} the same content as another file`].filter(Boolean).join(', ')})` : ''}`,
    vi: `${r.skipped} bỏ qua${r.skipped ? ` (${[before && `${before} đã có trong hệ thống`, same.length && `${same.length} trùng nội dung với tệp khác`].filter(Boolean).join(', ')})` : ''}`,
  });
  const passedOver = say(lang, { en: `${r.passedOver} passed over: not a document`, vi: `${r.passedOver} không phải văn bản, không đọc` });
  const binders = r.files.filter((f) => f.documents && f.documents.length > 1);
  const several = binders.length > 0;
  if (r.pending) {
    const queued = r.files.filter((f) => f.status === 'queued').length;
    lines.push(
      say(lang, {
        en: `${r.found} file(s): ${queued} queued for the workers (\`khcl status\` shows progress), ${r.failed} refused, ${skipped}, ${passedOver}`,
        vi: `${r.found} tệp: ${queued} đã xếp hàng cho worker (xem \`khcl status\`), ${r.failed} bị từ chối, ${skipped}, ${passedOver}`,
      }),
    );
  } else {
    lines.push(
      say(lang, {
        en: `${r.found} file(s): ${r.done} stored${several ? ` (${r.documents} documents)` : ''}, ${r.failed} failed, ${skipped}, ${passedOver}${backend === 'memory' ? '' : ' [workers]'}`,
        vi: `${r.found} tệp: ${r.done} đã lưu${several ? ` (${r.documents} văn bản)` : ''}, ${r.failed} lỗi, ${skipped}, ${passedOver}${backend === 'memory' ? '' : ' [worker]'}`,
      }),
    );
  }
  const more = (n: number) => (n > LISTED ? [say(lang, { en: `  … and ${n - LISTED} more (--json lists every file)`, vi: `  … và ${n - LISTED} tệp nữa (--json liệt kê mọi tệp)` })] : []);
  if (several) {
    lines.push(say(lang, { en: 'files holding several documents (each stored as its own document):', vi: 'tệp chứa nhiều văn bản (mỗi văn bản lưu riêng):' }));
    for (const f of binders.slice(0, LISTED)) lines.push(`  ${describeDocuments(f.name, f.documents!.map((d) => d.segment))}`);
    lines.push(...more(binders.length));
  }
  const retried = r.files.filter((f) => f.retried);
  if (retried.length) {
    lines.push(say(lang, { en: `tried again (they had failed before):`, vi: `xử lý lại (trước đây bị lỗi):` }));
    for (const f of retried.slice(0, LISTED)) {
      const now = say(lang, f.status === 'stored' ? { en: 'stored now', vi: 'nay đã lưu' } : f.status === 'failed' ? { en: 'failed again', vi: 'vẫn lỗi' } : { en: 'queued', vi: 'đang chờ' });
      lines.push(`  ${f.name}: ${now}; ${say(lang, { en: 'before', vi: 'lần trước' })}: ${localize(f.retried!.code, f.retried!.reason, lang)}`);
    }
    lines.push(...more(retried.length));
  }
  if (r.unfinished > 0) {
    lines.push(say(lang, { en: `${r.unfinished} file(s) unfinished: the queue emptied without them (see \`khcl status\`)`, vi: `${r.unfinished} tệp chưa xong: hàng đợi đã trống mà chưa xử lý chúng (xem \`khcl status\`)` }));
  }
  if (r.failures.length > 0) {
    lines.push(say(lang, { en: 'failed:', vi: 'lỗi:' }));
    for (const f of r.failures) lines.push(`  ${f.name}: ${localize(f.code, f.reason, lang)} [${f.code}]`);
  }
  if (same.length) {
    lines.push(say(lang, { en: 'the same content as another file (stored once):', vi: 'trùng nội dung với tệp khác (chỉ lưu một lần):' }));
    for (const f of same.slice(0, LISTED)) lines.push(`  ${f.name} = ${f.sameAs}`);
    lines.push(...more(same.length));
  }
  const over = r.files.filter((f) => f.status === 'passed-over');
  if (over.length) {
    lines.push(say(lang, { en: 'passed over (not a document):', vi: 'không phải văn bản, không đọc:' }));
    lines.push(...over.slice(0, LISTED).map((f) => `  ${f.name}`), ...more(over.length));
  }
  return `${lines.join('\n')}\n`;
}
