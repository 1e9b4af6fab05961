/**
 * `khcl query [filters…] [--search TEXT] [--format table|json|csv|xlsx] [--out FILE] [--limit N]`:
 * the stored items an analyst asks for. The filter options (shared with `sum` and `link`) are
 * parsed by the query layer's zod schemas, the same the HTTP API uses; a bad value is one line
 * naming the option.
 */
import { createWriteStream } from 'node:fs';
import { stat, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { Command } from 'commander';
import type { z } from 'zod';
import { langFromEnv, loadConfig } from '../../config.js';
import { say, type Text } from '../../messages.js';
import { KhclError } from '../../errors.js';
import {
  allItems,
  csvChunks,
  describeIssues,
  FILTER_HELP,
  HEADER_LANGS,
  ITEM_COLUMNS,
  itemQuerySchema,
  listItems,
  writeXlsx,
  type Column,
  type HeaderLang,
  type ItemPage,
} from '../../query/index.js';
import { openStore, targetOf, type Store } from '../../store/index.js';

const FORMATS = ['table', 'json', 'csv', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];

/** Option flag of a schema key (`documentId` → `--document`). */
export function flagOf(key: string): string {
  if (key === 'documentId') return '--document';
  if (key === 'noBudget') return '--no-budget/--has-budget';
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The item filter options. */
export function addFilterOptions(cmd: Command, except: string[] = []): Command {
  const options: [string, string][] = [
    ['--school-year <years>', FILTER_HELP.schoolYear],
    ['--school <text>', FILTER_HELP.school],
    ['--school-level <levels>', FILTER_HELP.schoolLevel],
    ['--kind <kind>', FILTER_HELP.kind],
    ['--form <form>', FILTER_HELP.form],
    ['--circular <circulars>', FILTER_HELP.circular],
    ['--document <ids>', FILTER_HELP.documentId],
    ['--standard <numbers>', FILTER_HELP.standard],
    ['--criterion <codes>', FILTER_HELP.criterion],
    ['--level <levels>', FILTER_HELP.level],
    ['--owner <text>', FILTER_HELP.owner],
    ['--budget-min <dong>', FILTER_HELP.budgetMin],
    ['--budget-max <dong>', FILTER_HELP.budgetMax],
    ['--no-budget', 'only items with no amount (budgetVnd null)'],
    ['--has-budget', 'only items with an amount'],
    ['--from <YYYY-MM>', FILTER_HELP.from],
    ['--to <YYYY-MM>', FILTER_HELP.to],
    ['--status <statuses>', FILTER_HELP.status],
    ['--low-confidence <threshold>', FILTER_HELP.lowConfidence],
    ['--search <text>', FILTER_HELP.search],
    ['--include-duplicates', FILTER_HELP.includeDuplicates],
  ];
  for (const [flags, help] of options) if (!except.some((e) => flags.startsWith(e))) cmd.option(flags, help);
  return cmd;
}

/** Commander's options as the filter schema's keys (strings stay strings: zod parses them). */
export function filterInput(opts: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const { document, budget, hasBudget, ...rest } = opts;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (rest[k] !== undefined) out[k] = rest[k];
  if (document !== undefined) out.documentId = document;
  // commander turns `--no-budget` into `budget: false` (true by default).
  if (budget === false) out.noBudget = true;
  if (hasBudget && budget === false) throw new KhclError('config.invalid', '--no-budget and --has-budget exclude each other');
  if (hasBudget) out.noBudget = false;
  return out;
}

/** Parse with a schema; a failure is `config.invalid` in one line naming the options. */
export function parseOptions<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const r = schema.safeParse(input);
  if (!r.success) throw new KhclError('config.invalid', describeIssues(r.error, flagOf));
  return r.data;
}

/** `--format` checked. */
export function formatOf(value: unknown, allowed: readonly Format[] = FORMATS): Format {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as Format;
  throw new KhclError('config.invalid', `--format: must be one of ${allowed.join(', ')}, not ${String(value)}`);
}

/** Open the configured store, run, close. */
export async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(targetOf(loadConfig()));
  try {
    return await run(store);
  } finally {
    await store.close();
  }
}

/** `--headers`: the words exports head their columns with. */
export const headersOption = ['--headers <vi|en>', 'CSV/XLSX column headers: vi (Vietnamese labels, the default) or en (the field names of the JSON and the API)', 'vi'] as const;

/** `--headers` checked. */
export function headersOf(value: unknown): HeaderLang {
  if (typeof value === 'string' && (HEADER_LANGS as readonly string[]).includes(value)) return value as HeaderLang;
  throw new KhclError('config.invalid', `--headers: must be vi or en, not ${String(value)}`);
}

/** Write rows as CSV or XLSX to a file (or CSV to stdout); how many rows were written. */
export async function writeRows<T>(
  format: 'csv' | 'xlsx',
  batches: AsyncIterable<T[]> | Iterable<T[]>,
  columns: Column<T>[],
  out: string | undefined,
  options: { sheet?: string; headers?: HeaderLang } = {},
): Promise<number> {
  if (format === 'xlsx' && !out) throw new KhclError('config.invalid', '--format xlsx: give a file with --out (a spreadsheet is not terminal output)');
  const stream: NodeJS.WritableStream & Writable = out ? createWriteStream(out) : process.stdout;
  let rows = 0;
  const counted = (async function* () {
    for await (const b of batches) {
      rows += b.length;
      yield b;
    }
  })();
  if (format === 'xlsx') {
    await writeXlsx(counted, columns, stream, options);
    return rows;
  }
  for await (const chunk of csvChunks(counted, columns, options.headers)) if (!stream.write(chunk)) await once(stream, 'drain');
  if (out) {
    stream.end();
    await finished(stream);
  }
  return rows;
}

/** Text output to a file or stdout. */
export async function writeText(text: string, out: string | undefined): Promise<void> {
  if (out) await writeFile(out, text);
  else process.stdout.write(text);
}

/**
 * `--out` says what it wrote, on stderr (stdout stays the data's when there is no --out): the
 * file, its format, how many rows and how large it came out.
 */
export async function confirmOut(out: string | undefined, format: string, rows: number | undefined, what: Text): Promise<void> {
  if (!out) return;
  const lang = langFromEnv();
  const size = (await stat(out)).size;
  const kb = size < 1024 ? `${size} B` : `${(size / 1024).toFixed(1)} KB`;
  const count = rows === undefined ? '' : ` ${rows} ${say(lang, what)}`;
  process.stderr.write(say(lang, { en: `wrote${count} to ${out} (${format.toUpperCase()}, ${kb})\n`, vi: `đã ghi${count} vào ${out} (${format.toUpperCase()}, ${kb})\n` }));
}

/** Text cut or padded to a column width. */
export function cut(text: string | null | undefined, width: number): string {
  const t = (text ?? '').replace(/\s+/g, ' ');
  return t.length > width ? `${t.slice(0, width - 1)}…` : t.padEnd(width);
}

/** An amount in đồng as Vietnamese write it (250.000.000). */
export const money = (n: number | null | undefined) => (n == null ? '' : n.toLocaleString('vi-VN'));

function itemTable(page: ItemPage): string {
  const { items, offset, total } = page;
  const lines = [`${'doc'.padStart(5)} ${'#'.padStart(3)}  ${'trường'.padEnd(28)} ${'năm học'.padEnd(9)} ${'TC'.padEnd(5)} ${'kinh phí (đ)'.padStart(15)}  ${'chủ trì'.padEnd(22)}  nội dung`];
  for (const i of items) {
    const what = i.content ?? i.target ?? i.solution ?? i.done ?? i.planned;
    lines.push(
      `${String(i.documentId).padStart(5)} ${String(i.ordinal).padStart(3)}  ${cut(i.school, 28)} ${cut(i.schoolYear, 9)} ${cut(i.criterion, 5)} ${money(i.budgetVnd).padStart(15)}  ${cut(i.owner, 22)}  ${cut(what, 60)}`,
    );
  }
  const of = page.totalExact ? `${total} item(s)` : `more than ${total} item(s) (--exact-total counts them all)`;
  lines.push(`${items.length ? `${offset + 1}–${offset + items.length}` : '0'} of ${of}`);
  return `${lines.join('\n')}\n`;
}

const ITEMS: Text = { en: 'item(s)', vi: 'mục' };

/** Register `khcl query`. */
export function registerQuery(program: Command): void {
  const cmd = program
    .command('query')
    .description('list stored items by school year, school, level, criterion, owner, budget, timeline, status, text…')
    .option('--format <format>', 'table, json, csv (UTF-8 with BOM, for Excel) or xlsx', 'table')
    .option('--out <file>', 'write to a file instead of the terminal (it says what it wrote)')
    .option(...headersOption)
    .option('--limit <n>', 'at most this many items (default 50 for table and json, all for csv and xlsx)')
    .option('--offset <n>', 'skip this many items first')
    .option('--sort <key>', FILTER_HELP.sort)
    .option('--exact-total', FILTER_HELP.exactTotal);
  addFilterOptions(cmd).action(async (opts: Record<string, unknown>) => {
    const format = formatOf(opts.format);
    const headers = headersOf(opts.headers);
    const exporting = format === 'csv' || format === 'xlsx';
    const schema = itemQuerySchema(200_000, exporting ? 200_000 : 50);
    const { limit, offset, sort, exactTotal, ...filter } = parseOptions(schema, {
      ...filterInput(opts, Object.keys(FILTER_HELP)),
      limit: opts.limit,
      offset: opts.offset,
      sort: opts.sort,
    });
    const out = opts.out as string | undefined;
    await withStore(async ({ db }) => {
      if (exporting) {
        const rows = await writeRows(format, allItems(db, filter, { sort, offset, max: limit }), ITEM_COLUMNS, out, { headers });
        await confirmOut(out, format, rows, ITEMS);
        return;
      }
      const page = await listItems(db, filter, { limit, offset, sort, exactTotal });
      await writeText(format === 'json' ? `${JSON.stringify(page, null, 2)}\n` : itemTable(page), out);
      await confirmOut(out, format, page.items.length, ITEMS);
    });
  });
}
