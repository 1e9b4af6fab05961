/**
 * `khcl sum --by standard|criterion|school|school-year|school-level|funding-source|circular [filters…]`:
 * budget totals (đồng) and item counts of the filtered items, one line per group. Standards and
 * criteria are grouped per circular: 1.4 of 57/2026 and 1.4 of 19/2018 are different criteria.
 * Plans only unless --kind says otherwise: reports state no budgets, and their items would only
 * add zeros to the counts; the output says so.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { FILTER_HELP, sumBudget, sumColumns, SUM_DIMENSIONS, withItemFilters, type SumGroup, type SumResult } from '../../query/index.js';
import { langFromEnv } from '../../config.js';
import { say, type Text } from '../../messages.js';
import { addFilterOptions, confirmOut, cut, filterInput, formatOf, headersOf, headersOption, money, parseOptions, withStore, writeRows, writeText } from './query.js';

/** What the default kind is, said with the totals. */
const PLANS_ONLY: Text = {
  en: 'plans (KH) only: reports (BC) state no budgets; --kind report or --kind plan,report counts them',
  vi: 'chỉ tính kế hoạch (KH): báo cáo (BC) không ghi kinh phí; --kind report hoặc --kind plan,report để tính cả báo cáo',
};

function label(g: SumGroup): string {
  const k = g.key;
  if (k.criterion !== undefined || k.standard !== undefined) {
    const code = k.criterion ?? (k.standard != null ? `TC ${k.standard}` : '—');
    return `${k.circular ?? '(no circular)'}  ${code}  ${k.name ?? ''}`;
  }
  const value = k.school ?? k.schoolYear ?? k.schoolLevel ?? k.fundingSource ?? k.circular;
  return value ?? '(not stated)';
}

function sumTable(r: SumResult): string {
  const lines = [`${cut(r.by, 70)} ${'items'.padStart(6)} ${'w/ budget'.padStart(9)} ${'total (đ)'.padStart(18)} ${'docs'.padStart(5)}`];
  const row = (name: string, g: Omit<SumGroup, 'key'>) =>
    `${cut(name, 70)} ${String(g.items).padStart(6)} ${String(g.withBudget).padStart(9)} ${money(g.totalVnd).padStart(18)} ${String(g.documents).padStart(5)}`;
  for (const g of r.groups) lines.push(row(label(g), g));
  lines.push(row('total', r.total));
  return `${lines.join('\n')}\n`;
}

/** Register `khcl sum`. */
export function registerSum(program: Command): void {
  const cmd = program
    .command('sum')
    .description('budget totals and item counts of the filtered items, grouped by one dimension')
    .requiredOption('--by <dimension>', SUM_DIMENSIONS.join(', '))
    .option('--format <format>', 'table, json, csv or xlsx', 'table')
    .option('--out <file>', 'write to a file instead of the terminal (it says what it wrote)')
    .option(...headersOption);
  cmd.option('--kind <kind>', 'plan (the default: reports state no budgets), report, or plan,report');
  addFilterOptions(cmd, ['--kind']).action(async (opts: Record<string, unknown>) => {
    const format = formatOf(opts.format);
    const headers = headersOf(opts.headers);
    const { by, ...filter } = parseOptions(withItemFilters({ by: z.enum(SUM_DIMENSIONS) }), { ...filterInput(opts, Object.keys(FILTER_HELP)), by: opts.by });
    const plansOnly = filter.kind === undefined;
    if (plansOnly) filter.kind = ['plan'];
    const out = opts.out as string | undefined;
    const lang = langFromEnv();
    await withStore(async ({ db }) => {
      const result = await sumBudget(db, by, filter);
      if (format === 'csv' || format === 'xlsx') {
        const rows = await writeRows(format, [result.groups], sumColumns(result), out, { sheet: 'sums', headers });
        await confirmOut(out, format, rows, { en: 'group(s)', vi: 'nhóm' });
      } else {
        await writeText(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : `${plansOnly ? `${say(lang, PLANS_ONLY)}\n` : ''}${sumTable(result)}`, out);
        await confirmOut(out, format, result.groups.length, { en: 'group(s)', vi: 'nhóm' });
      }
      // Said on stderr too when the output is data (and with --out, where the table is not seen).
      if (plansOnly && (format !== 'table' || out)) process.stderr.write(`${say(lang, PLANS_ONLY)}\n`);
    });
  });
}
