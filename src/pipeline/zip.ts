/**
 * ZIP archives as a stream of files, with the guards an archive from outside needs: an entry
 * whose path is absolute or climbs out (`../`) is refused, an entry that inflates more than the
 * configured ratio (a zip bomb) is refused, and the archive as a whole stops at a total size and
 * an entry count. One bad entry is reported and skipped; the rest of the archive still imports.
 */
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import type { Limits } from '../config.js';
import { KhclError } from '../errors.js';
import { detectMedia } from '../ingest/detect.js';

/**
 * A file found while importing: its bytes, why it cannot be imported, or why it was passed over
 * (a file beside the documents that is not one: see {@link notADocument}).
 */
export type Source = { name: string; bytes: Uint8Array } | { name: string; error: KhclError } | { name: string; passedOver: string };

/**
 * Files that sit beside documents in school folders and archives (gold JSON, notes, lists,
 * spreadsheets' CSV, web pages) and what editors and archivers leave behind (Word's `~$` owner
 * files, LibreOffice locks, macOS resource forks, thumbnails). One rule for a folder and for a ZIP:
 * passed over by name and counted, never read as a document. A file named on the command line or
 * uploaded on its own is always examined, whatever its name.
 */
const SIDE_FILES = /\.(json|md|txt|csv|tsv|xml|ya?ml|log|html?|js|ts|ini|db|sqlite|ds_store|url|lnk)$/i;

/** Why a file found in a folder or an archive is passed over (its path inside it), or undefined. */
export function notADocument(path: string): string | undefined {
  const parts = path.split('/');
  const base = parts[parts.length - 1] ?? '';
  if (parts.some((p) => p === '__MACOSX') || base.startsWith('._') || base === 'Thumbs.db' || base === 'desktop.ini') return 'not a document (system file)';
  if (parts.some((p) => p.startsWith('.') && p !== '.' && p !== '..') || base.startsWith('~$') || base.startsWith('.~lock.')) return 'not a document (hidden or lock file)';
  if (SIDE_FILES.test(base)) return 'not a document';
  return undefined;
}

/**
 * What an archive may still hold, shared across nested archives so a zip of zips cannot multiply
 * it. `take` counts files (every entry that is not a folder) and bytes (an entry's unpacked size,
 * counted before it is unpacked) and answers the refusal once either runs out: that entry and the
 * rest of the archive are not taken.
 */
export interface ZipBudget {
  take(files: number, bytes: number): KhclError | undefined;
}

/** A fresh budget for one archive given on the command line (KHCL_ZIP_MAX_ENTRIES, KHCL_ZIP_MAX_TOTAL_MB). */
export function newBudget(limits: Limits): ZipBudget {
  let files = limits.zipMaxEntries;
  let bytes = limits.zipMaxTotalBytes;
  return {
    take(f, b) {
      if ((files -= f) < 0) return new KhclError('limit.exceeded', `the archive has more than ${limits.zipMaxEntries} files; the rest is not imported`);
      if ((bytes -= b) < 0) return new KhclError('limit.exceeded', `the archive expands beyond ${mb(limits.zipMaxTotalBytes)} MB; the rest is not imported`);
      return undefined;
    },
  };
}

/** Both budgets at once (an upload's archive: the archive's limits and the request's). */
export function bothBudgets(a: ZipBudget, b: ZipBudget): ZipBudget {
  return { take: (files, bytes) => a.take(files, bytes) ?? b.take(files, bytes) };
}

const MAX_DEPTH = 3;

/** The files inside a ZIP (given as a path on disk or as bytes), recursing into nested ZIPs. */
export async function* zipEntries(
  input: { path: string } | { bytes: Uint8Array },
  name: string,
  limits: Limits,
  budget: ZipBudget,
  depth = 1,
): AsyncGenerator<Source> {
  // Names are decoded here, not by yauzl: yauzl rejects the whole archive for one bad name.
  const options = { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true };
  let zip: ZipFile;
  try {
    zip = 'path' in input
      ? await yauzl.openPromise(input.path, options)
      : await yauzl.fromBufferPromise(Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength), options);
  } catch (cause) {
    yield { name, error: new KhclError('file.corrupt', `not a readable ZIP archive (${message(cause)})`, { cause }) };
    return;
  }
  try {
    for (;;) {
      const entry = await nextEntry(zip);
      if (!entry) return;
      const entryName = yauzl.getFileNameLowLevel(entry.generalPurposeBitFlag, entry.fileName as unknown as Buffer, entry.extraFields, false);
      const full = `${name}:${entryName}`;
      if (entryName.endsWith('/')) continue;
      const spent = budget.take(1, 0);
      if (spent) {
        yield { name, error: spent };
        return;
      }
      const unsafe = yauzl.validateFileName(entryName);
      if (unsafe) {
        yield { name: full, error: new KhclError('file.unsupported', `refused archive entry: ${unsafe} (absolute and ../ paths are not extracted)`) };
        continue;
      }
      const passedOver = notADocument(entryName);
      if (passedOver) {
        yield { name: full, passedOver };
        continue;
      }
      const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
      if (ratio > limits.zipMaxRatio) {
        yield { name: full, error: new KhclError('limit.exceeded', `refused archive entry: it expands ${Math.round(ratio)}×, above the limit of ${limits.zipMaxRatio}×`) };
        continue;
      }
      if (entry.uncompressedSize > limits.maxFileBytes) {
        yield { name: full, error: new KhclError('file.too_large', `the file is ${mb(entry.uncompressedSize)} MB, above the limit of ${mb(limits.maxFileBytes)} MB`) };
        continue;
      }
      const tooMuch = budget.take(0, entry.uncompressedSize);
      if (tooMuch) {
        yield { name, error: tooMuch };
        return;
      }
      let bytes: Uint8Array;
      try {
        bytes = await readAll(await zip.openReadStreamPromise(entry));
      } catch (cause) {
        yield { name: full, error: new KhclError('file.corrupt', `the archive entry cannot be read (${message(cause)})`, { cause }) };
        continue;
      }
      if (depth < MAX_DEPTH && isArchive(bytes)) {
        yield* zipEntries({ bytes }, full, limits, budget, depth + 1);
      } else {
        yield { name: full, bytes };
      }
    }
  } finally {
    zip.close();
  }
}

function nextEntry(zip: ZipFile): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (e: Entry) => (cleanup(), resolve(e));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (err: Error) => (cleanup(), reject(err));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

async function readAll(stream: Readable): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

/** A ZIP archive that is not itself a document, as the one sniffer (src/ingest/detect.ts) sees it. */
export function isArchive(bytes: Uint8Array): boolean {
  try {
    return detectMedia(bytes).kind === 'zip';
  } catch {
    return false;
  }
}

const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
const message = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
