/**
 * `khcl query`, `sum` and `link` as a person runs them: a child process on a PGlite data
 * directory holding two fixtures. Also the option parsing they share, in process.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filterInput, flagOf, parseOptions } from '../../src/cli/commands/query.js';
import { loadConfig } from '../../src/config.js';
import { FILTER_HELP, itemQuerySchema } from '../../src/query/index.js';
import { openRuntime } from '../../workers/runtime.js';

const run = promisify(execFile);
const TSX = path.resolve('node_modules/.bin/tsx');
const MAIN = path.resolve('src/cli/main.ts');

describe('CLI filter options', () => {
  it('maps option names to the schema and back', () => {
    expect(filterInput({ document: '3,4', budget: false, schoolYear: '2024-2025', format: 'table' }, Object.keys(FILTER_HELP))).toEqual({ documentId: '3,4', noBudget: true, schoolYear: '2024-2025' });
    expect(filterInput({ hasBudget: true, budget: true }, [])).toEqual({ noBudget: false });
    expect(() => filterInput({ hasBudget: true, budget: false }, [])).toThrow(/exclude each other/);
    expect(flagOf('schoolLevel')).toBe('--school-level');
    expect(flagOf('documentId')).toBe('--document');
    expect(flagOf('includeDuplicates')).toBe('--include-duplicates');
    expect(parseOptions(itemQuerySchema(10), filterInput({ includeDuplicates: true }, Object.keys(FILTER_HELP)))).toMatchObject({ includeDuplicates: true });
    expect(parseOptions(itemQuerySchema(10), filterInput({}, Object.keys(FILTER_HELP))).includeDuplicates).toBeUndefined();
  });

  it('says what is wrong in one line, naming the option', () => {
    expect(() => parseOptions(itemQuerySchema(10), { standard: '7', schoolYear: '2024' })).toThrow(
      expect.objectContaining({ code: 'config.invalid', message: expect.stringMatching(/^(?=.*--standard: )(?=.*--school-year: must look like 2024-2025)[^\n]+$/) }),
    );
  });
});

describe('khcl query, sum and link', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-cli-'));
    env = { ...process.env, KHCL_DATA: dir, DATABASE_URL: '', REDIS_URL: '' };
    const config = loadConfig({ KHCL_DATA: dir });
    const rt = await openRuntime(config, { queue: false });
    try {
      for (const name of ['kh-2024-mn-tayuc.docx', 'kh-2023-th-hemuong.docx']) {
        const outcome = await rt.pipeline.processDocument(new Uint8Array(await readFile(path.join('fixtures', name))), { fileName: name });
        expect(outcome.status).toBe('stored');
      }
    } finally {
      await rt.close();
    }
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const khcl = (...args: string[]) => run(TSX, [MAIN, ...args], { env, maxBuffer: 16 * 1024 * 1024 });

  it('lists items as JSON with filters and an accent-less search', async () => {
    const { stdout } = await khcl('query', '--school', 'tay uc', '--owner', 'pho hieu truong', '--no-budget', '--format', 'json', '--limit', '100');
    const page = JSON.parse(stdout) as { total: number; items: { owner: string; budgetVnd: null }[] };
    expect(page.total).toBe(9); // 1.4 ("Phó HT, Tổ trưởng CM"), 1.8, 2.1, 2.2, 3.4, 5.1–5.4
    expect(page.items.every((i) => /phó hiệu trưởng|phó HT/i.test(i.owner) && i.budgetVnd === null)).toBe(true);
  });

  it('sums by standard to an XLSX file with numeric totals, and to CSV on stdout', async () => {
    const out = path.join(dir, 'sums.xlsx');
    await khcl('sum', '--by', 'standard', '--school-level', 'primary', '--format', 'xlsx', '--out', out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['circular', 'standard', 'name', 'items', 'withBudget', 'totalVnd', 'documents']);
    const totals = sheet.getColumn(6).values.slice(2) as number[];
    expect(totals.reduce((a, b) => a + b, 0)).toBe(3_700_000_000);
    const { stdout } = await khcl('sum', '--by', 'circular', '--format', 'csv');
    expect(stdout.startsWith('\ufeffcircular,items,withBudget,totalVnd,documents\r\n')).toBe(true);
  });

  it('links plans of a school year (no report: every item missing)', async () => {
    const { stdout } = await khcl('link', '--school-year', '2023-2024', '--format', 'json');
    const r = JSON.parse(stdout) as { links: { counts: Record<string, number> }[] };
    expect(r.links).toHaveLength(1);
    expect(r.links[0].counts.missing).toBe(7);
  });

  it('refuses a bad option with one line and exit code 2', async () => {
    const failed = await khcl('query', '--standard', '9').catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr.trim()).toBe('khcl: --standard: Too big: expected number to be <=5');
  });
});
