/**
 * The README's examples, run as written on the fixtures: every `npx khcl …` line of its sh blocks,
 * through a shell, from the repository's root, on a fresh data directory (PGlite, in-process
 * queue). Each line has its check here, and a line the README gains or changes without one fails
 * the first test, so the README cannot drift from what khcl does. Only `serve` is changed: it
 * listens on a free port instead of 8080 (the machine may have 8080 taken), and is asked for its
 * page and its OpenAPI document, then stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const README = await readFile(path.join(ROOT, 'README.md'), 'utf8');

/** A line of a sh block without its trailing comment (a # after white space, outside quotes). */
function withoutComment(line: string): string {
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && /\s/.test(line[i - 1] ?? ' ')) return line.slice(0, i).trim();
  }
  return line.trim();
}

/**
 * Every `npx khcl` command of the README's sh blocks, in order, once each. The block that sets
 * KHCL_BLOB_URL shows several machines sharing PostgreSQL, Redis and a bucket: it needs servers
 * this test does not have, and test/store/blobs-s3.test.ts runs that path (an import whose
 * originals go to a bucket and are read back by the worker step).
 */
const COMMANDS = [...README.matchAll(/```sh\n([\s\S]*?)```/g)]
  .filter((m) => !m[1].includes('KHCL_BLOB_URL='))
  .flatMap((m) => m[1].split('\n'))
  .map(withoutComment)
  .filter((l) => l.startsWith('npx khcl '));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

let dataDir: string;
const env = () => ({ ...process.env, KHCL_DATA: dataDir, DATABASE_URL: '', REDIS_URL: '', KHCL_LANG: '' });

function sh(command: string, until?: (out: string) => boolean): Promise<Run & { stop?: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['-c', command], { cwd: ROOT, env: env(), stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
      if (until?.(stdout)) resolve({ code: null, stdout, stderr, stop: () => stopGroup(child) });
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** SIGTERM to a detached command's process group, resolved when it has exited (SIGKILL after 20 s). */
function stopGroup(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const kill = setTimeout(() => process.kill(-child.pid!, 'SIGKILL'), 20_000);
    child.once('close', () => {
      clearTimeout(kill);
      resolve();
    });
    process.kill(-child.pid!, 'SIGTERM');
  });
}

/** What each README line must do on the fixtures. */
const CHECKS: Record<string, (r: Run) => Promise<void> | void> = {
  'npx khcl extract fixtures/kh-2023-th-hemuong.docx': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fixtures\/kh-2023-th-hemuong\.docx {2}\(plan, criterion-rows, docx\)\n {2}Số: 76\/KH ?- ?THHM/);
  },
  'npx khcl extract fixtures/kh-2023-th-hemuong.docx --json': (r) => {
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'plan', document: { schoolYear: '2023-2024' } });
  },
  'npx khcl extract fixtures/kh-2024-mn-tayuc.docx fixtures/kh-2024-mn-7cot.pdf fixtures/kh-2023-th-hemuong.doc --json': (r) => {
    expect(r.code).toBe(0);
    const all = JSON.parse(r.stdout) as { source: { format: string } }[];
    expect(all.map((x) => x.source.format)).toEqual(['docx', 'pdf', 'doc']);
  },
  'npx khcl extract fixtures/kh-2024-mn-7cot.scan.pdf --low-confidence 0.8': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^fixtures\/kh-2024-mn-7cot\.scan\.pdf {2}\(plan, criterion-rows, (scan|pdf)\)/);
  },
  'npx khcl import fixtures/ --wait': (r) => {
    expect(r.code).toBe(0);
    // The README quotes this line.
    expect(r.stdout.split('\n')[0]).toBe('25 file(s): 19 stored, 0 failed, 0 skipped, 6 passed over: not a document');
    expect(README).toContain(`\`${r.stdout.split('\n')[0]}\``);
  },
  'npx khcl status': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^documents: queued 0, ingesting 0, extracting 0, stored 19, failed 0$/m);
    expect(r.stdout).toMatch(/^rules: \d+\.[0-9a-f]{8} /m);
  },
  'npx khcl reextract --rules-before 2': (r) => {
    expect(r.code).toBe(0);
    // Everything was just extracted by rules of revision 2 or later: nothing is behind "2".
    expect(r.stdout).toMatch(/^rules \d+\.[0-9a-f]{8}: 0 document\(s\) re-extracted/);
  },
  'npx khcl worker --concurrency 2': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout + r.stderr).toMatch(/no REDIS_URL; resuming 0 unfinished document\(s\)/);
  },
  'npx khcl query --school-level preschool --standard 3 --school-year 2024-2025 --format xlsx --out tc3.xlsx': async (r) => {
    expect(r.code).toBe(0);
    const n = Number(/^wrote (\d+) item\(s\) to tc3\.xlsx \(XLSX, [\d.]+ KB\)$/m.exec(r.stderr)?.[1]);
    expect(n).toBeGreaterThan(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(path.join(ROOT, 'tc3.xlsx'));
    const sheet = wb.worksheets[0];
    expect(sheet.rowCount).toBe(n + 1);
    expect(sheet.getRow(1).getCell(4).value).toBe('Trường');
    expect(sheet.autoFilter).toBeTruthy();
  },
  'npx khcl query --search "ke hoach" --owner "Phó hiệu trưởng" --no-budget': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ +\d+ +\d+ {2}\S/m);
    expect(r.stdout).toMatch(/^1–\d+ of \d+ item\(s\)$/m);
  },
  'npx khcl sum --by standard --school-year 2024-2025': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^plans \(KH\) only: reports \(BC\) state no budgets/);
    expect(r.stdout).toMatch(/^total +\d+ +\d+ +[\d.]+ +\d+$/m);
  },
  'npx khcl sum --by standard --school-year 2024-2025 --include-duplicates': (r) => {
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^total +\d+ +\d+ +[\d.]+ +\d+$/m);
  },
  'npx khcl link --school "Trường mầm non số 2 xã Thanh Yên" --school-year 2020-2021': (r) => {
    expect(r.code).toBe(0);
    // As the README explains: the plan, no report of its school, and the unnamed report named.
    expect(r.stdout).toMatch(/^KH #\d+ fixtures\/kh-2021-mn-thanhyen\.\w+ \(Trường mầm non số 2 xã Thanh Yên, 2020-2021\) {2}↔ {2}no report found$/m);
    expect(r.stdout).toMatch(/^ {2}TC\/TT {2}status/m);
    expect(r.stdout).toMatch(/^report not linked to any plan: BC #\d+ fixtures\/bc-2021-mn-ketqua\.\w+ \(school not read, 2020-2021\); if it is the report on a plan: khcl link --plan \d+ --report \d+$/m);
  },
};

describe("the README's examples, on the fixtures", () => {
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'khcl-readme-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
    await rm(path.join(ROOT, 'tc3.xlsx'), { force: true });
  });

  it('has a check for every khcl command the README shows', () => {
    expect(COMMANDS.filter((c) => !c.startsWith('npx khcl serve'))).toEqual(Object.keys(CHECKS));
  });

  it.each(Object.keys(CHECKS))('%s', async (command) => {
    if (command.includes('--out tc3.xlsx')) expect(existsSync(path.join(ROOT, 'tc3.xlsx')), 'tc3.xlsx is in the way').toBe(false);
    await CHECKS[command](await sh(command));
  }, 30 * 60_000);

  it('serves the page and the OpenAPI document (npx khcl serve, on a free port)', async () => {
    const line = COMMANDS.find((c) => c.startsWith('npx khcl serve'));
    expect(line).toBe('npx khcl serve --port 8080');
    const listening = /"msg":"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/;
    const run = await sh(line!.replace('--port 8080', '--port 0'), (out) => listening.test(out));
    expect(run.stop, run.stderr).toBeDefined();
    try {
      const base = listening.exec(run.stdout)![1];
      expect(await (await fetch(`${base}/`)).text()).toContain('<html lang="vi">');
      expect(((await (await fetch(`${base}/openapi.json`)).json()) as { openapi: string }).openapi).toBe('3.1.0');
    } finally {
      // Until it has exited: a server still closing its store would race the data directory's removal.
      await run.stop!();
    }
  }, 120_000);
});
