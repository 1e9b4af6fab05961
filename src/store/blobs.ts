/**
 * Original files by content hash, behind one interface ({@link BlobStore}): a directory (local, or
 * shared by several machines) here, or an S3-compatible bucket (./blobs-s3.ts, `KHCL_BLOB_URL`).
 * Both name a file `ab/cd/<sha256>` under their root, so a directory can be copied into a bucket
 * as it is. In a directory, two levels of fan-out keep folders small at a million files; a write
 * goes to a temp file in the same folder and is renamed into place, so a reader (or a worker in
 * another process) never sees half a file, and two processes storing the same bytes at once both
 * succeed.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { KhclError } from '../errors.js';

/** Hex SHA-256 of some bytes. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const SHA256 = /^[0-9a-f]{64}$/;

/** A blob's name under a store's root: `ab/cd/<sha256>` (refuses anything but a SHA-256). */
export function blobName(sha256: string): string {
  if (!SHA256.test(sha256)) throw new KhclError('internal', `not a SHA-256: ${sha256}`);
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`;
}

/** Content-addressed storage of the original files. */
export interface BlobStore {
  /** Where the blobs are, for messages (a directory, or `s3://bucket/prefix`). */
  readonly location: string;
  /** Store bytes (no-op when already present); returns their hash. */
  put(bytes: Uint8Array): Promise<string>;
  /** The bytes of a stored blob; `file.not_found` when it is missing. */
  get(sha256: string): Promise<Uint8Array>;
  /** Whether the blob with this hash is stored. */
  has(sha256: string): Promise<boolean>;
}

/** Blobs in a directory on the local (or a shared) file system. */
export class DirectoryBlobStore implements BlobStore {
  /** @param root the blob directory (KHCL_BLOB_DIR, by default `<dataDir>/blobs`). */
  constructor(readonly root: string) {}

  get location(): string {
    return this.root;
  }

  /** Where the blob with this hash lives (whether or not it exists). */
  pathOf(sha256: string): string {
    return path.join(this.root, ...blobName(sha256).split('/'));
  }

  /** Store bytes (no-op when already present); returns their hash. */
  async put(bytes: Uint8Array): Promise<string> {
    const sha256 = sha256Hex(bytes);
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return sha256;
    await mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      await writeFile(temp, bytes, { flag: 'wx' });
      await rename(temp, target);
    } catch (e) {
      await rm(temp, { force: true });
      throw e;
    }
    return sha256;
  }

  /** The bytes of a stored blob; `file.not_found` when it is missing. */
  async get(sha256: string): Promise<Uint8Array> {
    try {
      return new Uint8Array(await readFile(this.pathOf(sha256)));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new KhclError('file.not_found', `no stored file with hash ${sha256}`, { cause: e });
      }
      throw e;
    }
  }

  /** Whether the blob with this hash is stored. */
  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch {
      return false;
    }
  }
}

/** Where the configuration says blobs live: a bucket when KHCL_BLOB_URL names one, else a directory. */
export async function openBlobStore(config: { blobDir: string; blobUrl?: string; blobEndpoint?: string }): Promise<BlobStore> {
  if (!config.blobUrl) return new DirectoryBlobStore(config.blobDir);
  const { S3BlobStore } = await import('./blobs-s3.js');
  return S3BlobStore.fromUrl(config.blobUrl, { endpoint: config.blobEndpoint });
}
