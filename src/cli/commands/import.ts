/**
 * `khcl import PATH… [--wait] [--retry-failed] [--concurrency N]`: files, folders (recursively)
 * and .zip archives. Each file is stored once by content; files already stored are skipped.
 * Progress goes to stderr (a bar on a terminal, a line every few seconds otherwise); the summary
 * goes to stdout. Exit code 0 when nothing failed, 2 when some files did.
 */
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { importPaths, type ImportProgress, type ImportResult } from '../../../workers/importer.js';
import { openRuntime } from '../../../workers/runtime.js';

/** Register `khcl import`. */
export function registerImport(program: Command): void {
  program
    .command('import')
    .description('import files, folders and .zip archives into the store (each file once, by content)')
    .argument('<paths...>', 'files, folders or .zip archives')
    .option('--wait', 'with Redis: wait until the workers have processed every file (always, without Redis)')
    .option('--retry-failed', 'process again files that failed for good in an earlier import')
    .option('--concurrency <n>', 'documents processed at once in this process (without Redis)', positiveInt)
    .action(async (paths: string[], opts: { wait?: boolean; retryFailed?: boolean; concurrency?: number }) => {
      const rt = await openRuntime(loadConfig());
      const progress = progressDisplay();
      let result: ImportResult;
      try {
        result = await importPaths(rt, paths, { ...opts, onProgress: progress.update });
      } finally {
        progress.stop();
        await rt.close();
      }
      process.stdout.write(summarize(result, rt.queue.backend));
      if (result.failed > 0) process.exitCode = 2;
    });
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`not a positive integer: ${v}`);
  return n;
}

/** A bar on a terminal; on a pipe or in a log, one line every 5 seconds. */
function progressDisplay(): { update: (p: ImportProgress) => void; stop: () => void } {
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: 'import [{bar}] {value}/{total} | queued {queued} | stored {done} | failed {failed} | skipped {skipped}',
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(p) {
        const payload = { queued: p.queued, done: p.done, failed: p.failed, skipped: p.skipped };
        if (!started) (bar.start(Math.max(1, p.found), 0, payload), (started = true));
        bar.setTotal(Math.max(1, p.found));
        bar.update(p.done + p.failed + p.skipped, payload);
      },
      stop: () => started && bar.stop(),
    };
  }
  let last = 0;
  let latest: ImportProgress | undefined;
  const line = (p: ImportProgress) =>
    process.stderr.write(`import: ${p.done + p.failed + p.skipped}/${p.found}${p.collected ? '' : '+'} | queued ${p.queued} | stored ${p.done} | failed ${p.failed} | skipped ${p.skipped}\n`);
  return {
    update(p) {
      latest = p;
      if (Date.now() - last >= 5000) (line(p), (last = Date.now()));
    },
    stop: () => latest && last > 0 && line(latest),
  };
}

function summarize(r: ImportResult, backend: string): string {
  const lines: string[] = [];
  if (r.pending) {
    lines.push(`queued ${r.queued} file(s) for the workers (\`khcl status\` shows progress); ${r.skipped} skipped (already stored), ${r.failed} refused`);
  } else {
    lines.push(`${r.found} file(s): ${r.done} stored, ${r.failed} failed, ${r.skipped} skipped (already stored)${backend === 'memory' ? '' : ' [workers]'}`);
  }
  if (r.unfinished > 0) lines.push(`${r.unfinished} file(s) unfinished: the queue emptied without them (see \`khcl status\`)`);
  if (r.failures.length > 0) {
    lines.push('failed:');
    for (const f of r.failures) lines.push(`  ${f.name}: ${f.reason} [${f.code}]`);
  }
  return `${lines.join('\n')}\n`;
}
