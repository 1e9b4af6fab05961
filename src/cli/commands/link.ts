/**
 * `khcl link --school-year YYYY-YYYY [--school TEXT] [--plan ID [--report ID]] [--status …]`: each
 * planned item with what the report on it says (done, in-progress, not-done, missing when the
 * report has no row for it, unknown when its row says nothing).
 */
import type { Command } from 'commander';
import { LINK_COLUMNS, linkPlansToReports, LinkRequestSchema, linkRows, type LinkResult } from '../../query/index.js';
import { langFromEnv } from '../../config.js';
import { say, type Lang } from '../../messages.js';
import { confirmOut, cut, formatOf, headersOf, headersOption, parseOptions, withStore, writeRows, writeText } from './query.js';

const doc = (d: { id: number; fileName: string | null; school: string | null; schoolYear: string | null }, lang: Lang) =>
  `#${d.id} ${d.fileName ?? ''} (${d.school ?? say(lang, { en: 'school not read', vi: 'trường không rõ' })}, ${d.schoolYear ?? '—'})`;

function linkTable(r: LinkResult, lang: Lang): string {
  const lines: string[] = [];
  const head = `  ${cut('TC/TT', 6)} ${cut(say(lang, { en: 'status', vi: 'kết quả' }), 11)} ${cut(say(lang, { en: 'planned', vi: 'nội dung kế hoạch' }), 50)}  ${say(lang, { en: 'what the report says', vi: 'báo cáo ghi' })}`;
  for (const l of r.links) {
    lines.push(`KH ${doc(l.plan, lang)}  ↔  ${l.report ? `BC ${doc(l.report, lang)}` : say(lang, { en: 'no report found', vi: 'không tìm thấy báo cáo' })}`);
    if (l.items.length) lines.push(head);
    for (const i of l.items) {
      const what = i.plan.content ?? i.plan.target ?? i.plan.solution;
      const said = i.report ? (i.report.notDone ?? i.report.inProgress ?? i.report.done ?? i.report.statusText) : '';
      lines.push(`  ${cut(i.plan.criterion ?? i.plan.rowNo, 6)} ${cut(i.status, 11)} ${cut(what, 50)}  ${cut(said, 50)}`.trimEnd());
    }
    lines.push(`  ${Object.entries(l.counts).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ') || say(lang, { en: 'no items', vi: 'không có mục nào' })}`);
    if (l.unplanned.length) lines.push(`  ${say(lang, { en: 'in the report but not in the plan', vi: 'có trong báo cáo, không có trong kế hoạch' })}: ${l.unplanned.map((u) => u.criterion ?? u.rowNo ?? '?').join(', ')}`);
    lines.push('');
  }
  if (r.links.length === 0) lines.push(say(lang, { en: 'no plan matches', vi: 'không có kế hoạch nào khớp' }), '');
  const lone = r.links.filter((l) => !l.report);
  for (const u of r.unlinkedReports) {
    // One plan without a report: name the command that would link them, for a person to judge.
    const plan = lone.length === 1 ? String(lone[0].plan.id) : 'ID';
    lines.push(
      say(lang, {
        en: `report not linked to any plan: BC ${doc(u, lang)}; if it is the report on a plan: khcl link --plan ${plan} --report ${u.id}`,
        vi: `báo cáo chưa gắn với kế hoạch nào: BC ${doc(u, lang)}; nếu đúng là báo cáo của một kế hoạch: khcl link --plan ${plan} --report ${u.id}`,
      }),
    );
  }
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
    .option('--out <file>', 'write to a file instead of the terminal (it says what it wrote)')
    .option(...headersOption)
    .action(async (opts: Record<string, unknown>) => {
      const format = formatOf(opts.format);
      const headers = headersOf(opts.headers);
      const out = opts.out as string | undefined;
      const request = parseOptions(LinkRequestSchema, { schoolYear: opts.schoolYear, school: opts.school, planId: opts.plan, reportId: opts.report, status: opts.status });
      await withStore(async ({ db }) => {
        const result = await linkPlansToReports(db, request);
        const what = { en: 'planned item(s)', vi: 'mục kế hoạch' };
        if (format === 'csv' || format === 'xlsx') {
          await confirmOut(out, format, await writeRows(format, [linkRows(result)], LINK_COLUMNS, out, { sheet: 'links', headers }), what);
        } else {
          await writeText(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : linkTable(result, langFromEnv()), out);
          await confirmOut(out, format, result.links.reduce((n, l) => n + l.items.length, 0), what);
        }
      });
    });
}
