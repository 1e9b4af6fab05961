/**
 * `khcl sum --by standard|criterion|school|school-year|school-level|funding-source|circular [filters…]`:
 * budget totals (đồng) and item counts of the filtered items, one line per group. Standards and
 * criteria are grouped per circular: 1.4 of 57/2026 and 1.4 of 19/2018 are different criteria.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { FILTER_HELP, sumBudget, sumColumns, SUM_DIMENSIONS, withItemFilters, type SumGroup, type SumResult } from '../../query/index.js';
import { addFilterOptions, cut, filterInput, formatOf, money, parseOptions, withStore, writeRows, writeText } from './query.js';

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
    .option('--out <file>', 'write to a file instead of the terminal');
  addFilterOptions(cmd).action(async (opts: Record<string, unknown>) => {
    const format = formatOf(opts.format);
    const { by, ...filter } = parseOptions(withItemFilters({ by: z.enum(SUM_DIMENSIONS) }), { ...filterInput(opts, Object.keys(FILTER_HELP)), by: opts.by });
    const out = opts.out as string | undefined;
    await withStore(async ({ db }) => {
      const result = await sumBudget(db, by, filter);
      if (format === 'csv' || format === 'xlsx') await writeRows(format, [result.groups], sumColumns(result), out, 'sums');
      else await writeText(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : sumTable(result), out);
    });
  });
}
