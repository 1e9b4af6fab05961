/**
 * `khcl extract FILE… [--json]`: the contract JSON on stdout (one object for one file of one
 * document, an array for several files or for a file that holds several documents, each with its
 * `segment` and page range), or a readable summary. A bad file prints `file: reason` on stderr and the others
 * still run; the exit code is 0 only when every file was extracted.
 */
import type { Command } from 'commander';
import { langFromEnv } from '../../config.js';
import { ERROR_CODES, toKhclError } from '../../errors.js';
import { explain } from '../../messages.js';
import { describeRange, type Item } from '../../extract/index.js';
import { describeDocuments, extractFileDocuments, type FileExtraction } from '../../pipeline/extract-file.js';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract plans/reports to the contract JSON (no database needed)')
    .argument('<files...>', 'DOCX, DOC, PDF or image files')
    .option('--json', 'print the contract JSON')
    .option('--low-confidence <threshold>', 'list only items below this confidence (0-1), for a person to check')
    .action(async (files: string[], opts: { json?: boolean; lowConfidence?: string }) => {
      const results: FileExtraction[] = [];
      const binders: string[] = [];
      let exit = 0;
      for (const file of files) {
        try {
          const documents = await extractFileDocuments(file);
          results.push(...documents);
          const line = describeDocuments(file, documents.map((d) => d.segment));
          if (line) binders.push(line);
        } catch (e) {
          const err = toKhclError(e, file);
          process.stderr.write(`${explain(err, langFromEnv(), file)}\n`);
          exit = Math.max(exit, ERROR_CODES[err.code].exit);
        }
      }
      const threshold = opts.lowConfidence != null ? Number(opts.lowConfidence) : null;
      const shown = threshold == null ? results : results.map((r) => ({ ...r, items: r.items.filter((i) => i.confidence < threshold) }));
      if (opts.json) {
        const out = files.length === 1 && shown.length <= 1 ? (shown[0] ?? null) : shown;
        if (out) process.stdout.write(`${JSON.stringify(out, null, 2)}\n`);
      } else {
        for (const line of binders) process.stdout.write(`${line}\n\n`);
        for (const r of shown) process.stdout.write(formatExtraction(r));
      }
      process.exitCode = exit;
    });
}

function cut(text: string | null | undefined, width: number): string {
  const t = (text ?? '').replace(/\s+/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

function money(item: Item): string {
  return 'budgetVnd' in item && item.budgetVnd != null ? item.budgetVnd.toLocaleString('vi-VN') : '';
}

function when(item: Item): string {
  if (!('timelineStart' in item)) return '';
  return item.timelineStart || item.timelineEnd ? `${item.timelineStart ?? '…'} → ${item.timelineEnd ?? '…'}` : '';
}

function summary(item: Item): string {
  if ('done' in item) return item.done ?? item.planned ?? '';
  if ('content' in item) return item.content ?? '';
  return item.target ?? item.solution ?? '';
}

/** A person's view: the document block, then one line per item. */
export function formatExtraction(r: FileExtraction): string {
  const d = r.document;
  const where = r.segment && r.segment.of > 1 ? ` ${r.segment.number}/${r.segment.of}, ${describeRange(r.segment)}` : '';
  const lines = [
    `${r.source.file}${where}  (${r.kind}, ${d.form}, ${r.source.format})`,
    `  Số: ${d.number ?? '—'}   ${d.place ?? '—'}, ${d.issuedOn ?? '—'}   Năm học: ${d.schoolYear ?? '—'}   Thông tư: ${d.circular ?? '—'}`,
    `  ${d.school ?? '(trường không rõ)'}   ${d.schoolLevel ?? ''}`,
    '',
    `  ${'TT'.padEnd(4)} ${'TC'.padEnd(6)} ${'Mức'.padEnd(3)} ${'Kinh phí (đ)'.padStart(15)}  ${'Thời gian'.padEnd(17)}  Nội dung`,
  ];
  for (const item of r.items) {
    lines.push(
      `  ${cut(item.rowNo, 4)} ${cut(item.criterion, 6)} ${cut(item.level?.toString(), 3)} ${money(item).padStart(15)}  ${cut(when(item), 17)}  ${cut(summary(item), 60)}${item.confidence < 0.8 ? '  (?)' : ''}`,
    );
  }
  if (r.focusIssues.length) lines.push('', `  Vấn đề trọng tâm: ${r.focusIssues.map((f) => f.criterion ?? '?').join(', ')}`);
  if (r.monitoring.length) lines.push(`  Theo dõi: ${r.monitoring.map((m) => m.when ?? '?').join(', ')}`);
  for (const issue of r.issues) lines.push(`  ! ${issue.code}: ${issue.message}`);
  return `${lines.join('\n')}\n\n`;
}
