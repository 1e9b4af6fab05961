import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DirectoryBlobStore, sha256Hex } from '../../src/store/blobs.js';

describe('blob store', async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'khcl-blobs-'));
  const blobs = new DirectoryBlobStore(root);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('stores bytes under ab/cd/<sha256> and reads them back', async () => {
    const bytes = new TextEncoder().encode('kế hoạch');
    const sha = await blobs.put(bytes);
    expect(sha).toBe(sha256Hex(bytes));
    expect(blobs.pathOf(sha)).toBe(path.join(root, sha.slice(0, 2), sha.slice(2, 4), sha));
    expect(await blobs.get(sha)).toEqual(bytes);
    expect(await blobs.has(sha)).toBe(true);
  });

  it('accepts the same bytes from many writers at once and leaves no temp files', async () => {
    const bytes = new Uint8Array(200_000).fill(7);
    const shas = await Promise.all(Array.from({ length: 10 }, () => blobs.put(bytes)));
    expect(new Set(shas).size).toBe(1);
    const dir = path.dirname(blobs.pathOf(shas[0]));
    expect(await readdir(dir)).toEqual([shas[0]]);
    expect(await blobs.get(shas[0])).toEqual(bytes);
  });

  it('says file.not_found for a hash it does not hold, and refuses what is not a hash', async () => {
    await expect(blobs.get('0'.repeat(64))).rejects.toMatchObject({ code: 'file.not_found' });
    expect(() => blobs.pathOf('../../etc/passwd')).toThrow(/not a SHA-256/);
  });
});
