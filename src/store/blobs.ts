/**
 * Original files by content hash: `<root>/ab/cd/<sha256>`. Two levels of fan-out keep directories
 * small at a million files. A write goes to a temp file in the same directory and is renamed into
 * place, so a reader (or a worker in another process) never sees half a file, and two processes
 * storing the same bytes at once both succeed.
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

/** Content-addressed file storage on the local (or a shared) file system. */
export class BlobStore {
  /** @param root the blob directory (KHCL_BLOB_DIR, by default `<dataDir>/blobs`). */
  constructor(readonly root: string) {}

  /** Where the blob with this hash lives (whether or not it exists). */
  pathOf(sha256: string): string {
    if (!SHA256.test(sha256)) throw new KhclError('internal', `not a SHA-256: ${sha256}`);
    return path.join(this.root, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
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
