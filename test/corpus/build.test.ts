/**
 * `buildCorpus` writes the same gold and manifest for the same seed (DOCX only here: no browser
 * needed), and a bigger corpus of the same seed starts with the same documents.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCorpus } from '../../src/corpus/index.js';

const dirs: string[] = [];
async function build(seed: number, docs: number) {
  const out = await mkdtemp(join(tmpdir(), 'khcl-corpus-'));
  dirs.push(out);
  const manifest = await buildCorpus({ seed, docs, formats: ['docx'], out });
  return { out, manifest };
}
async function golds(dir: string) {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.expected.json')).sort();
  return Promise.all(files.map(async (f) => [f, await readFile(join(dir, f), 'utf8')]));
}

afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

describe('buildCorpus', () => {
  it('writes the same gold and manifest for the same seed', async () => {
    const a = await build(77, 5);
    const b = await build(77, 5);
    expect(await golds(a.out)).toEqual(await golds(b.out));
    expect(await readFile(join(a.out, 'manifest.json'), 'utf8')).toBe(await readFile(join(b.out, 'manifest.json'), 'utf8'));
    expect(a.manifest.seed).toBe(77);
    expect(a.manifest.documents).toHaveLength(5);
    for (const d of a.manifest.documents) {
      expect(await readdir(a.out)).toContain(d.files.docx);
      expect(d.wordingClasses.length).toBeGreaterThan(0);
    }
    const c = await build(78, 5);
    expect(await golds(c.out)).not.toEqual(await golds(a.out));
  });

  it('grows a corpus without changing the documents it already had', async () => {
    const small = await build(5, 2);
    const big = await build(5, 4);
    expect((await golds(big.out)).slice(0, 2)).toEqual(await golds(small.out));
  });
});

describe('the .doc format', () => {
  it('without LibreOffice on the PATH, says so and writes no .doc (the DOCX stays as asked)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'khcl-corpus-'));
    dirs.push(out);
    const empty = await mkdtemp(join(tmpdir(), 'khcl-nopath-'));
    dirs.push(empty);
    const path = process.env.PATH;
    const notes: string[] = [];
    process.env.PATH = empty;
    try {
      const manifest = await buildCorpus({ seed: 9, docs: 2, formats: ['docx', 'doc'], out, onNote: (n) => notes.push(n) });
      expect(manifest.formats).toEqual(['docx']);
      expect(manifest.documents.every((d) => d.files.doc === undefined && d.files.docx !== undefined)).toBe(true);
    } finally {
      process.env.PATH = path;
    }
    expect(notes.join('\n')).toMatch(/LibreOffice \(soffice\) is not installed; scripts\/install-peers\.sh/);
    expect((await readdir(out)).filter((f) => f.endsWith('.doc') || f.startsWith('.'))).toEqual([]);
  });
});
