/**
 * Blobs in an S3-compatible bucket, through the real AWS SDK over HTTP against s3rver (an
 * S3-compatible server from npm that keeps objects in a directory; MinIO has no Debian package,
 * and nothing may be downloaded): the BlobStore contract the directory store meets, the errors a
 * person can act on, and a document imported end to end with KHCL_BLOB_URL set.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { S3BlobStore, parseS3Url } from '../../src/store/blobs-s3.js';
import { openBlobStore, sha256Hex } from '../../src/store/index.js';
import { openRuntime } from '../../workers/runtime.js';

let server: S3rver;
let endpoint: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'khcl-s3-'));
  server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory: path.join(dir, 's3'), configureBuckets: [{ name: 'khcl-blobs', configs: [] }] });
  const { port } = await server.run();
  endpoint = `http://127.0.0.1:${port}`;
  // s3rver's fixed credentials, given the way an operator gives AWS's.
  process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
  process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

const bytes = (text: string) => new TextEncoder().encode(text);

describe('blobs in an S3-compatible bucket', () => {
  it('is chosen by KHCL_BLOB_URL, the endpoint coming from the AWS variable', async () => {
    const config = loadConfig({ KHCL_DATA: dir, KHCL_BLOB_URL: 's3://khcl-blobs/archive/2024', AWS_ENDPOINT_URL_S3: endpoint });
    const blobs = await openBlobStore(config);
    expect(blobs).toBeInstanceOf(S3BlobStore);
    expect(blobs.location).toBe('s3://khcl-blobs/archive/2024/');
  });

  it('stores, finds and returns bytes by hash, once however often they are put', async () => {
    const blobs = S3BlobStore.fromUrl('s3://khcl-blobs/a', { endpoint });
    const data = bytes('Kế hoạch cải tiến chất lượng');
    const sha = sha256Hex(data);
    expect(await blobs.has(sha)).toBe(false);
    expect(await Promise.all(Array.from({ length: 8 }, () => blobs.put(data)))).toEqual(Array(8).fill(sha));
    expect(await blobs.has(sha)).toBe(true);
    expect(new TextDecoder().decode(await blobs.get(sha))).toBe('Kế hoạch cải tiến chất lượng');
    // Where a blob directory would keep it, under the prefix.
    const stored = await readFile(path.join(dir, 's3', 'khcl-blobs', 'a', sha.slice(0, 2), sha.slice(2, 4), `${sha}._S3rver_object`));
    expect(new TextDecoder().decode(stored)).toBe('Kế hoạch cải tiến chất lượng');
  });

  it('says which file is missing', async () => {
    const blobs = S3BlobStore.fromUrl('s3://khcl-blobs', { endpoint });
    await expect(blobs.get('0'.repeat(64))).rejects.toMatchObject({ code: 'file.not_found', message: expect.stringContaining('0'.repeat(64)) });
  });

  it('names the bucket that does not exist, refused credentials, and a server that does not answer', async () => {
    await expect(S3BlobStore.fromUrl('s3://no-such-bucket', { endpoint }).put(bytes('x'))).rejects.toMatchObject({ code: 'config.invalid', message: expect.stringContaining('no bucket named no-such-bucket') });
    // s3rver checks the key id (not the secret).
    process.env.AWS_ACCESS_KEY_ID = 'someone-else';
    try {
      await expect(S3BlobStore.fromUrl('s3://khcl-blobs', { endpoint }).has(sha256Hex(bytes('y')))).rejects.toMatchObject({ code: 'config.invalid', message: expect.stringMatching(/refused access.*AWS_ACCESS_KEY_ID/) });
    } finally {
      process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    }
    const away = S3BlobStore.fromUrl('s3://khcl-blobs', { endpoint: 'http://127.0.0.1:9' });
    const err = await away.has(sha256Hex(bytes('z'))).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'store.unavailable', message: expect.stringContaining('http://127.0.0.1:9') });
    expect(String((err as Error).message)).not.toContain('S3RVER');
  });

  it('refuses a KHCL_BLOB_URL that is not s3://bucket/prefix', () => {
    expect(parseS3Url('s3://khcl-blobs/')).toEqual({ bucket: 'khcl-blobs', prefix: '' });
    expect(() => parseS3Url('s3://Khcl_Blobs/x')).toThrow(/KHCL_BLOB_URL must look like/);
    expect(() => loadConfig({ KHCL_BLOB_URL: '/srv/blobs' })).toThrow(/KHCL_BLOB_URL/);
  });

  it('holds the originals of an import, read back by the worker step', async () => {
    const config = loadConfig({ KHCL_DATA: path.join(dir, 'data'), KHCL_BLOB_URL: 's3://khcl-blobs/import', AWS_ENDPOINT_URL: endpoint });
    const rt = await openRuntime(config, { target: { memory: true } });
    try {
      const docx = new Uint8Array(await readFile('fixtures/kh-2024-mn-tayuc.docx'));
      const outcome = await rt.pipeline.processDocument(docx, { fileName: 'tayuc.docx' });
      expect(outcome).toMatchObject({ status: 'stored', sha256: sha256Hex(docx) });
      expect(await rt.blobs.get(sha256Hex(docx))).toEqual(docx);
    } finally {
      await rt.close();
    }
  });
});
