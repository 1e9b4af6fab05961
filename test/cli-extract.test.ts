/**
 * `khcl extract` as a person runs it: the real binary, real files, exit codes and stderr.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { readFile } from 'node:fs/promises';
import { makeDocx } from './helpers/make-docx.js';
import { makeZip } from './helpers/zip.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');
const bin = join(root, 'bin', 'khcl.js');

async function khcl(...args: string[]) {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { cwd: root, maxBuffer: 50_000_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'khcl-cli-'));
  await writeFile(join(dir, 'empty.docx'), new Uint8Array());
  await writeFile(join(dir, 'notes.docx'), 'Đây là một tệp văn bản, không phải DOCX.\n');
  await writeFile(join(dir, 'photos.docx'), makeZip([{ name: 'a.txt', data: 'hello' }]));
  // Three fixture PDFs joined, as `pdfunite` would (issue 19).
  const binder = await PDFDocument.create();
  for (const name of ['kh-2021-mn-thanhyen', 'bc-2021-mn-ketqua', 'kh-2024-mn-7cot']) {
    const source = await PDFDocument.load(await readFile(join(root, 'fixtures', `${name}.pdf`)));
    for (const page of await binder.copyPages(source, source.getPageIndices())) binder.addPage(page);
  }
  await writeFile(join(dir, 'binder.pdf'), await binder.save());
  await writeFile(join(dir, 'minutes.docx'), await makeDocx(['Biên bản họp hội đồng', 'Nội dung: không có bảng kế hoạch.']));
});

describe('khcl extract', () => {
  it('prints the contract JSON of one file as one object', async () => {
    const r = await khcl('extract', 'fixtures/kh-2023-th-hemuong.docx', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.kind).toBe('plan');
    expect(out.document.number).toBe('76/KH-THHM');
    expect(out.items.map((i: { criterion: string }) => i.criterion)).toEqual(['3.1', '3.2', '3.3', '3.6', '4.1', '5.2', '5.3']);
  });

  it('prints an array for several files and a readable table without --json', async () => {
    const json = await khcl('extract', 'fixtures/kh-2021-mn-thanhyen.docx', 'fixtures/bc-2021-mn-ketqua.docx', '--json');
    expect(JSON.parse(json.stdout).map((x: { kind: string }) => x.kind)).toEqual(['plan', 'report']);
    const text = await khcl('extract', 'fixtures/kh-2021-mn-thanhyen.docx');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('216/KH-MNS2TY');
    expect(text.stdout).toContain('250.000.000');
  });

  it('prints one object per document of a binder, each with its page range, and says so in the summary', async () => {
    const r = await khcl('extract', join(dir, 'binder.pdf'), '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.map((d: { kind: string }) => d.kind)).toEqual(['plan', 'report', 'plan']);
    expect(out.map((d: { segment: { pages: unknown } }) => d.segment.pages)).toEqual([
      { first: 1, last: 4 },
      { first: 5, last: 6 },
      { first: 7, last: 10 },
    ]);
    expect(out.map((d: { document: { schoolYear: string } }) => d.document.schoolYear)).toEqual(['2020-2021', '2020-2021', '2024-2025']);
    expect(out.map((d: { items: unknown[] }) => d.items.length)).toEqual([7, 4, 10]);
    const text = await khcl('extract', join(dir, 'binder.pdf'));
    expect(text.stdout).toContain('binder.pdf → 3 documents (pages 1–4, 5–6, 7–10)');
  });

  it.each([
    ['empty.docx', /empty\.docx: .*empty \(0 bytes\)/],
    ['notes.docx', /notes\.docx: .*plain text file/],
    ['photos.docx', /photos\.docx: .*ZIP archive, not a document/],
    ['minutes.docx', /minutes\.docx: no plan or report table found/],
    ['missing.docx', /missing\.docx: no such file/],
  ])('rejects %s with one line naming the file and the reason', async (name, message) => {
    const r = await khcl('extract', join(dir, name));
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('still extracts the good files when one is bad, and exits non-zero', async () => {
    const r = await khcl('extract', join(dir, 'empty.docx'), 'fixtures/kh-2024-mn-7cot.docx', '--json');
    expect(r.code).not.toBe(0);
    expect(JSON.parse(r.stdout)).toHaveLength(1);
    expect(r.stderr).toMatch(/empty\.docx/);
  });
});
