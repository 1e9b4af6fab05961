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
      for (const name of ['kh-2024-mn-tayuc.docx', 'kh-2023-th-hemuong.docx', 'kh-2021-mn-thanhyen.docx', 'bc-2021-mn-ketqua.docx']) {
        const outcome = await rt.pipeline.processDocument(new Uint8Array(await readFile(path.join('fixtures', name))), { fileName: name });
        expect(outcome.status).toBe('stored');
      }
    } finally {
      await rt.close();
    }
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  const khcl = (...args: string[]) => run(TSX, [MAIN, ...args], { env: { ...env, KHCL_LANG: '' }, maxBuffer: 16 * 1024 * 1024 });

  it('lists items as JSON with filters and an accent-less search', async () => {
    const { stdout } = await khcl('query', '--school', 'tay uc', '--owner', 'pho hieu truong', '--no-budget', '--format', 'json', '--limit', '100');
    const page = JSON.parse(stdout) as { total: number; items: { owner: string; budgetVnd: null }[] };
    expect(page.total).toBe(9); // 1.4 ("Phó HT, Tổ trưởng CM"), 1.8, 2.1, 2.2, 3.4, 5.1–5.4
    expect(page.items.every((i) => /phó hiệu trưởng|phó HT/i.test(i.owner) && i.budgetVnd === null)).toBe(true);
  });

  it('sums plans by standard to an XLSX file with Vietnamese headers, an autofilter and numeric totals, says what it wrote', async () => {
    const out = path.join(dir, 'sums.xlsx');
    const r = await khcl('sum', '--by', 'standard', '--school-level', 'primary', '--format', 'xlsx', '--out', out);
    expect(r.stderr).toMatch(/^wrote 3 group\(s\) to .*sums\.xlsx \(XLSX, [\d.]+ KB\)$/m);
    expect(r.stderr).toMatch(/^plans \(KH\) only: reports \(BC\) state no budgets/m);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const sheet = wb.worksheets[0];
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual(['Thông tư', 'Tiêu chuẩn', 'Tên', 'Số mục', 'Số mục có kinh phí', 'Tổng kinh phí (đồng)', 'Số văn bản']);
    expect(sheet.autoFilter).toBe('A1:G1');
    const totals = sheet.getColumn(6).values.slice(2) as number[];
    expect(totals.reduce((a, b) => a + b, 0)).toBe(3_700_000_000);
    const { stdout } = await khcl('sum', '--by', 'circular', '--format', 'csv', '--headers', 'en');
    expect(stdout.startsWith('\ufeffcircular,items,withBudget,totalVnd,documents\r\n')).toBe(true);
  });

  it('sums plans only by default and says so; --kind report,plan counts reports too', async () => {
    const plans = await khcl('sum', '--by', 'school-year', '--school-year', '2020-2021');
    expect(plans.stdout.split('\n')[0]).toBe('plans (KH) only: reports (BC) state no budgets; --kind report or --kind plan,report counts them');
    const planItems = Number(/^total\s+(\d+)/m.exec(plans.stdout)![1]);
    const both = await khcl('sum', '--by', 'school-year', '--school-year', '2020-2021', '--kind', 'plan,report');
    expect(both.stdout).not.toMatch(/plans \(KH\) only/);
    expect(Number(/^total\s+(\d+)/m.exec(both.stdout)![1])).toBe(planItems + 4); // the report's 4 rows
  });

  it('exports items with Vietnamese headers and says what it wrote', async () => {
    const out = path.join(dir, 'tc3.csv');
    const r = await khcl('query', '--school-year', '2024-2025', '--standard', '3', '--format', 'csv', '--out', out);
    const text = await readFile(out, 'utf8');
    const rows = text.slice(1).trim().split('\r\n');
    expect(r.stderr.trim()).toMatch(new RegExp(`^wrote ${rows.length - 1} item\\(s\\) to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(CSV, [\\d.]+ KB\\)$`));
    expect(rows[0].split(',').slice(0, 4)).toEqual(['Mã văn bản', 'Bản sao của văn bản', 'Thứ tự mục', 'Trường']);
  });

  it('links plans of a school year (no report: every item missing)', async () => {
    const { stdout } = await khcl('link', '--school-year', '2023-2024', '--format', 'json');
    const r = JSON.parse(stdout) as { links: { counts: Record<string, number> }[] };
    expect(r.links).toHaveLength(1);
    expect(r.links[0].counts.missing).toBe(7);
  });

  it("links by school name as the README shows, with column headers, and names the year's report whose school is not read", async () => {
    const { stdout } = await khcl('link', '--school', 'Trường mầm non số 2 xã Thanh Yên', '--school-year', '2020-2021');
    const lines = stdout.split('\n');
    expect(lines[0]).toMatch(/^KH #(\d+) kh-2021-mn-thanhyen\.docx \(Trường mầm non số 2 xã Thanh Yên, 2020-2021\) {2}↔ {2}no report found$/);
    expect(lines[1]).toMatch(/^ {2}TC\/TT {2}status {6}planned {45}what the report says$/);
    expect(lines[2]).toMatch(/^ {2}2\.3 {4}missing/);
    const plan = /^KH #(\d+)/.exec(lines[0])![1];
    expect(stdout).toMatch(new RegExp(`^report not linked to any plan: BC #(\\d+) bc-2021-mn-ketqua\\.docx \\(school not read, 2020-2021\\); if it is the report on a plan: khcl link --plan ${plan} --report \\1$`, 'm'));
  });

  it('refuses a bad option with one line and exit code 2', async () => {
    const failed = await khcl('query', '--standard', '9').catch((e: { code: number; stderr: string }) => e);
    expect(failed).toMatchObject({ code: 2 });
    expect((failed as { stderr: string }).stderr.trim()).toBe('khcl: --standard: Too big: expected number to be <=5');
  });
});
