/**
 * `khcl reextract [--kind plan|report] [--school-year YYYY-YYYY] [--rules-before VERSION] [--json]`:
 * run the current extraction rules over stored layouts (no file is read again) and print what
 * changed: documents, items added and removed, and how many items changed per field.
 */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { KhclError } from '../../errors.js';
import { RULES_VERSION, RULES_VERSION_FORMAT } from '../../extract/rules-version.js';
import type { ChangeReport } from '../../pipeline/index.js';
import { openRuntime } from '../../../workers/runtime.js';

/** Register `khcl reextract`. */
export function registerReextract(program: Command): void {
  program
    .command('reextract')
    .description('re-run the extraction rules over stored layouts and report what changed')
    .option('--kind <kind>', 'only plans (plan) or reports (report)')
    .option('--school-year <years>', 'only this school year, e.g. 2023-2024')
    .option(
      '--rules-before <version>',
      'only documents extracted by rules older than this version: a revision ("2": every document of revision 1 or never extracted) ' +
        'or a full version as `khcl status` and the documents show it ("2.8afedb84": also documents of revision 2 with other header tables)',
    )
    .option('--json', 'print the change report as JSON')
    .action(async (opts: { kind?: string; schoolYear?: string; rulesBefore?: string; json?: boolean }) => {
      if (opts.kind && opts.kind !== 'plan' && opts.kind !== 'report') {
        throw new KhclError('config.invalid', `--kind must be plan or report, not ${opts.kind}`);
      }
      if (opts.schoolYear && !/^\d{4}-\d{4}$/.test(opts.schoolYear)) {
        throw new KhclError('config.invalid', `--school-year must look like 2023-2024, not ${opts.schoolYear}`);
      }
      if (opts.rulesBefore !== undefined && !RULES_VERSION_FORMAT.test(opts.rulesBefore)) {
        throw new KhclError('config.invalid', `--rules-before must be a rules version like 2 or 2.8afedb84 (the current rules are ${RULES_VERSION}), not ${opts.rulesBefore}`);
      }
      const rt = await openRuntime(loadConfig(), { queue: false });
      try {
        const report = await rt.pipeline.reextractDocuments({ kind: opts.kind as 'plan' | 'report' | undefined, schoolYear: opts.schoolYear, rulesBefore: opts.rulesBefore });
        process.stdout.write(opts.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      } finally {
        await rt.close();
      }
    });
}

const fields = (f: Record<string, number>) =>
  Object.entries(f)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k, n]) => `${k} ${n}`)
    .join(', ') || 'none';

/** The change report for a person. */
export function formatReport(r: ChangeReport): string {
  const out = [
    `rules ${r.rulesVersion}: ${r.documents} document(s) re-extracted, ${r.changed} changed, ${r.unchanged} unchanged, ${r.failed.length} failed (run #${r.runId})`,
    `items: ${r.items.added} added, ${r.items.removed} removed; fields changed: ${fields(r.items.fields)}`,
  ];
  if (Object.keys(r.documentFields).length) out.push(`document fields changed: ${fields(r.documentFields)}`);
  for (const [name, c] of [['focus issues', r.focusIssues], ['monitoring rows', r.monitoring]] as const) {
    if (c.added || c.removed || Object.keys(c.fields).length) out.push(`${name}: ${c.added} added, ${c.removed} removed; fields changed: ${fields(c.fields)}`);
  }
  if (r.copiesChanged) out.push(`copies: ${r.copiesChanged} document(s) newly marked as a copy of another, or no longer (khcl status lists them)`);
  if (r.changedDocuments.length) out.push('changed documents:');
  for (const d of r.changedDocuments) {
    const c = d.changes;
    out.push(`  #${d.documentId} ${d.fileName ?? ''}: items +${c.items.added} -${c.items.removed}; ${fields(c.items.fields)}${c.document.length ? `; document: ${c.document.join(', ')}` : ''}`);
  }
  if (r.changed > r.changedDocuments.length) out.push(`  … and ${r.changed - r.changedDocuments.length} more`);
  for (const f of r.failed) out.push(`failed #${f.documentId} ${f.fileName ?? ''}: ${f.reason} [${f.code}]`);
  return `${out.join('\n')}\n`;
}
