/**
 * The commands end to end, as a person runs them (`node --import tsx src/cli/main.ts …`), on
 * PGlite in a temp data directory with the in-process queue.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('khcl import / status / reextract / migrate', () => {
  let dir: string;
  let input: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-cli-'));
    // The DOCX fixtures, the text PDF of one of them (a copy) and one bad file: the commands are
    // under test here, not the (slow) OCR.
    input = path.join(dir, 'hoso');
    await mkdir(path.join(input, 'nested'), { recursive: true });
    for (const f of (await readdir('fixtures')).filter((n) => n.endsWith('.docx'))) await copyFile(path.join('fixtures', f), path.join(input, 'nested', f));
    await copyFile(path.join('fixtures', 'kh-2024-mn-tayuc.pdf'), path.join(input, 'nested', 'kh-2024-mn-tayuc.pdf'));
    await writeFile(path.join(input, 'notes.docx'), 'not a document');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function khcl(...args: string[]) {
    const env = { ...process.env, KHCL_DATA: dir, DATABASE_URL: '', REDIS_URL: '' };
    try {
      const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { env, maxBuffer: 1 << 24 });
      return { code: 0, stdout: r.stdout, stderr: r.stderr };
    } catch (e) {
      const r = e as { code: number; stdout: string; stderr: string };
      return { code: r.code, stdout: r.stdout, stderr: r.stderr };
    }
  }

  it('migrates a new data directory', async () => {
    const r = await khcl('migrate');
    expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/up to date: PGlite/) });
  });

  it('imports a folder recursively, printing progress lines (not a bar) when stderr is not a terminal', async () => {
    const docx = (await readdir(path.join(input, 'nested'))).length;
    const r = await khcl('import', input);
    expect(r.stdout).toMatch(new RegExp(`^${docx + 1} file\\(s\\): ${docx} stored, 1 failed, 0 skipped`));
    expect(r.stderr).toMatch(/^import: \d+\/\d+ \| queued \d+ \| stored \d+ \| failed \d+ \| skipped \d+$/m);
    expect(r.stderr).not.toMatch(/\u001b\[/); // no terminal control codes in a log
    expect(r.stdout).toMatch(/^ {2}hoso\/notes\.docx: a plain text file.* \[file\.unsupported\]$/m);
    expect(r.code).toBe(2);
  });

  it('adds nothing when the same folder is imported again', async () => {
    const r = await khcl('import', input);
    expect(r.stdout).toMatch(/: 0 stored, 0 failed, (\d+) skipped/);
    expect(r.code).toBe(0);
  });

  it('shows documents per status, the failed ones with reasons, and the copies', async () => {
    const r = await khcl('status');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/documents: queued 0, ingesting 0, extracting 0, stored \d+, failed \d+/);
    expect(r.stdout).toMatch(/queues: in-process/);
    expect(r.stdout).toMatch(/^copies \(1, left out of sums and lists unless --include-duplicates\):\n {2}#\d+ hoso\/nested\/kh-2024-mn-tayuc\.pdf is a copy of #\d+ hoso\/nested\/kh-2024-mn-tayuc\.docx$/m);
    const json = JSON.parse((await khcl('status', '--json')).stdout);
    expect(json.documents.stored).toBeGreaterThan(0);
    expect(json.copies).toEqual({
      count: 1,
      latest: [{ id: expect.any(Number), file: 'hoso/nested/kh-2024-mn-tayuc.pdf', format: 'pdf', duplicateOf: expect.any(Number), originalFile: 'hoso/nested/kh-2024-mn-tayuc.docx' }],
    });
  });

  it('re-extracts with the real rules and reports no change', async () => {
    const r = await khcl('reextract', '--kind', 'plan');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/document\(s\) re-extracted, 0 changed/);
    expect((await khcl('reextract', '--kind', 'nonsense')).code).toBe(2);
  });
});

describe('the change report as printed', () => {
  it('names the documents changed, items added and removed, and changes per field', async () => {
    const { formatReport } = await import('../../src/cli/commands/reextract.js');
    const text = formatReport({
      runId: 7,
      rulesVersion: '2.abc',
      documents: 3,
      changed: 1,
      unchanged: 1,
      items: { added: 2, removed: 1, fields: { target: 4, budgetVnd: 1 } },
      focusIssues: { added: 0, removed: 0, fields: {} },
      monitoring: { added: 0, removed: 0, fields: {} },
      documentFields: { school: 1 },
      failed: [{ documentId: 9, fileName: 'x.docx', code: 'extract.no_table', reason: 'no plan or report table found' }],
      copiesChanged: 0,
      changedDocuments: [
        {
          documentId: 4,
          fileName: 'kh.docx',
          changes: {
            document: ['school'],
            items: { added: 2, removed: 1, fields: { target: 4, budgetVnd: 1 } },
            focusIssues: { added: 0, removed: 0, fields: {} },
            monitoring: { added: 0, removed: 0, fields: {} },
            changed: true,
          },
        },
      ],
    });
    expect(text).toBe(
      [
        'rules 2.abc: 3 document(s) re-extracted, 1 changed, 1 unchanged, 1 failed (run #7)',
        'items: 2 added, 1 removed; fields changed: target 4, budgetVnd 1',
        'document fields changed: school 1',
        'changed documents:',
        '  #4 kh.docx: items +2 -1; target 4, budgetVnd 1; document: school',
        'failed #9 x.docx: no plan or report table found [extract.no_table]',
        '',
      ].join('\n'),
    );
  });
});
