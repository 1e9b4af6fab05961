/**
 * `khcl link --school-year YYYY-YYYY [--school TEXT] [--plan ID [--report ID]] [--status …]`: each
 * planned item with what the report on it says (done, in-progress, not-done, missing when the
 * report has no row for it, unknown when its row says nothing).
 */
import type { Command } from 'commander';
import { LINK_COLUMNS, linkPlansToReports, LinkRequestSchema, linkRows, type LinkResult } from '../../query/index.js';
import { cut, formatOf, parseOptions, withStore, writeRows, writeText } from './query.js';

const doc = (d: { id: number; fileName: string | null; school: string | null; schoolYear: string | null }) =>
  `#${d.id} ${d.fileName ?? ''} (${d.school ?? 'trường không rõ'}, ${d.schoolYear ?? '—'})`;

function linkTable(r: LinkResult): string {
  const lines: string[] = [];
  for (const l of r.links) {
    lines.push(`KH ${doc(l.plan)}  ↔  ${l.report ? `BC ${doc(l.report)}` : 'no report found'}`);
    for (const i of l.items) {
      const what = i.plan.content ?? i.plan.target ?? i.plan.solution;
      const said = i.report ? (i.report.notDone ?? i.report.inProgress ?? i.report.done ?? i.report.statusText) : '';
      lines.push(`  ${cut(i.plan.criterion ?? i.plan.rowNo, 6)} ${cut(i.status, 11)} ${cut(what, 50)}  ${cut(said, 50)}`);
    }
    lines.push(`  ${Object.entries(l.counts).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ') || 'no items'}`);
    if (l.unplanned.length) lines.push(`  in the report but not in the plan: ${l.unplanned.map((u) => u.criterion ?? u.rowNo ?? '?').join(', ')}`);
    lines.push('');
  }
  if (r.links.length === 0) lines.push('no plan matches', '');
  for (const u of r.unlinkedReports) lines.push(`report not linked to any plan: BC ${doc(u)} (link it with --plan ID --report ${u.id})`);
  return `${lines.join('\n')}\n`;
}

/** Register `khcl link`. */
export function registerLink(program: Command): void {
  program
    .command('link')
    .description("link plans (KH) to their reports (BC): each planned item with the report's status for it")
    .option('--school-year <years>', 'plans and reports whose period contains this school year, e.g. 2024-2025')
    .option('--school <text>', "part of the school's name; accents and case ignored")
    .option('--plan <id>', 'this plan (document id) instead of searching by school year')
    .option('--report <id>', 'link --plan to this report (document id), e.g. a report whose school name was not read')
    .option('--status <statuses>', 'only planned items with these statuses: done, in-progress, not-done, missing, unknown')
    .option('--format <format>', 'table, json, csv or xlsx', 'table')
    .option('--out <file>', 'write to a file instead of the terminal')
    .action(async (opts: Record<string, unknown>) => {
      const format = formatOf(opts.format);
      const request = parseOptions(LinkRequestSchema, { schoolYear: opts.schoolYear, school: opts.school, planId: opts.plan, reportId: opts.report, status: opts.status });
      await withStore(async ({ db }) => {
        const result = await linkPlansToReports(db, request);
        if (format === 'csv' || format === 'xlsx') await writeRows(format, [linkRows(result)], LINK_COLUMNS, opts.out as string | undefined, 'links');
        else await writeText(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : linkTable(result), opts.out as string | undefined);
      });
    });
}
