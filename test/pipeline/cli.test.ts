/**
 * The commands end to end, as a person runs them (`node --import tsx src/cli/main.ts …`), on
 * PGlite in a temp data directory with the in-process queue.
 */
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
    await writeFile(path.join(input, 'ghi-chu.txt'), 'loose notes beside the plans');
    await writeFile(path.join(input, 'danh-sach.json'), '[]');
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  async function khcl(...args: (string | Record<string, string>)[]) {
    const extra = args.find((a) => typeof a === 'object') as Record<string, string> | undefined;
    const env = { ...process.env, KHCL_DATA: dir, DATABASE_URL: '', REDIS_URL: '', KHCL_LANG: '', ...extra };
    args = args.filter((a) => typeof a === 'string');
    try {
      const r = await run(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...(args as string[])], { env, maxBuffer: 1 << 24 });
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
    expect(r.stdout).toMatch(new RegExp(`^${docx + 3} file\\(s\\): ${docx} stored, 1 failed, 0 skipped, 2 passed over: not a document$`, 'm'));
    expect(r.stderr).toMatch(/^import: \d+\/\d+ \| queued \d+ \| stored \d+ \| failed \d+ \| skipped \d+ \| passed over \d+$/m);
    expect(r.stderr).not.toMatch(/\u001b\[/); // no terminal control codes in a log
    expect(r.stdout).toMatch(/^ {2}hoso\/notes\.docx: a plain text file.* \[file\.unsupported\]$/m);
    expect(r.stdout).toMatch(/^passed over \(not a document\):\n {2}hoso\/danh-sach\.json\n {2}hoso\/ghi-chu\.txt$/m);
    expect(r.stdout).not.toMatch(/unfinished/);
    expect(r.code).toBe(2);
  });

  it('adds nothing when the same folder is imported again, and refuses the text file again with its reason', async () => {
    const r = await khcl('import', input);
    expect(r.stdout).toMatch(/: 0 stored, 1 failed, (\d+) skipped \(\1 already stored\), 2 passed over/);
    expect(r.stdout).toMatch(/hoso\/notes\.docx: a plain text file/);
    expect(r.code).toBe(2);
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

  it('counts one content under several names once, each name one line, in English or Vietnamese', async () => {
    const twice = path.join(dir, 'twice');
    await mkdir(twice, { recursive: true });
    // `cp a.pdf b.pdf`, three times over: one document, one stored line and five skipped ones.
    for (const sub of ['x', 'y', 'z']) {
      await mkdir(path.join(twice, sub), { recursive: true });
      for (const name of ['a.pdf', 'b.pdf']) await copyFile(path.join('fixtures', 'kh-2023-th-hemuong.pdf'), path.join(twice, sub, name));
    }
    const r = await khcl('import', twice);
    expect(r.stdout).toMatch(/^6 file\(s\): 1 stored, 0 failed, 5 skipped \(5 the same content as another file\), 0 passed over: not a document$/m);
    expect(r.stdout).toMatch(/^ {2}twice\/z\/b\.pdf = twice\/x\/a\.pdf$/m);
    expect(r.stdout).not.toMatch(/unfinished/);
    expect(r.code).toBe(0);
    const json = JSON.parse((await khcl('import', path.join(twice, 'x'), '--json')).stdout) as { found: number; files: { name: string; status: string; sameAs?: string }[] };
    expect(json.files).toEqual([
      { name: 'x/a.pdf', status: 'skipped', documentId: expect.any(Number) },
      { name: 'x/b.pdf', status: 'skipped', documentId: expect.any(Number) },
    ]);
    const vi = await khcl('import', input, { KHCL_LANG: 'vi' });
    expect(vi.stdout).toMatch(/^\d+ tệp: 0 đã lưu, 1 lỗi, \d+ bỏ qua \(\d+ đã có trong hệ thống\), 2 không phải văn bản, không đọc$/m);
    expect(vi.stdout).toMatch(/hoso\/notes\.docx: tệp chữ thuần, không phải DOCX, DOC, PDF hay ảnh \[file\.unsupported\]/);
  }, 240_000);

  it('re-extracts with the real rules and reports no change', async () => {
    const r = await khcl('reextract', '--kind', 'plan');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/document\(s\) re-extracted, 0 changed/);
    expect((await khcl('reextract', '--kind', 'nonsense')).code).toBe(2);
  });

  it('compares rules versions as versions: --rules-before 2 after a run at 2.<digest> re-extracts nothing', async () => {
    const status = JSON.parse((await khcl('status', '--json')).stdout) as { rulesVersion: string };
    expect(status.rulesVersion).toMatch(/^\d+\.[0-9a-f]{8}$/);
    const revision = status.rulesVersion.split('.')[0];
    const r = await khcl('reextract', '--rules-before', revision);
    expect(r.stdout).toMatch(/: 0 document\(s\) re-extracted/);
    const next = await khcl('reextract', '--rules-before', String(Number(revision) + 1));
    expect(next.stdout).not.toMatch(/: 0 document\(s\) re-extracted/);
    const bad = await khcl('reextract', '--rules-before', 'latest');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--rules-before must be a rules version like 2 or 2\.8afedb84/);
    const help = await khcl('reextract', '--help');
    expect(help.stdout.replace(/\s+/g, ' ')).toMatch(/a revision \("2": every document of revision 1 or never extracted\) or a full version/);
  }, 240_000);

  it('says its version', async () => {
    const r = await khcl('--version');
    expect(r.stdout.trim()).toBe(JSON.parse(await readFile('package.json', 'utf8')).version);
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
