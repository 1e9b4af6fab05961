/**
 * What `import PATH…` means: files as they are, directories walked recursively, ZIP archives
 * opened (see zip.ts). Names are kept relative to the argument's parent folder, so the store
 * records `truong-a/kh-2024.docx`, not a path on someone's disk.
 */
import { open, readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Limits } from '../config.js';
import { KhclError } from '../errors.js';
import { isArchive, newBudget, notADocument, zipEntries, type Source } from './zip.js';

export type { Source } from './zip.js';

/** Every importable file under the given paths, in a stable (sorted) order. */
export async function* collectSources(paths: string[], limits: Limits): AsyncGenerator<Source> {
  for (const arg of paths) {
    const root = path.resolve(arg);
    const base = path.dirname(root);
    let info;
    try {
      info = await stat(root);
    } catch (cause) {
      yield { name: arg, error: new KhclError('file.not_found', `no such file or directory: ${arg}`, { cause }) };
      continue;
    }
    if (!info.isDirectory()) {
      yield* readSource(root, path.basename(root), limits);
      continue;
    }
    for await (const file of walk(root)) {
      const name = path.relative(base, file);
      const passedOver = notADocument(path.relative(root, file).split(path.sep).join('/'));
      if (passedOver) yield { name, passedOver };
      else yield* readSource(file, name, limits);
    }
  }
}

/**
 * Files under a directory, depth first, sorted. Hidden folders (.git, .Trash) are not entered;
 * every file is yielded, the caller passes over those that are not documents.
 */
async function* walk(dir: string): AsyncGenerator<string> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory() && !e.name.startsWith('.')) yield* walk(full);
    else if (e.isFile()) yield full;
  }
}

async function* readSource(file: string, name: string, limits: Limits): AsyncGenerator<Source> {
  const size = (await stat(file)).size;
  if (size <= limits.maxFileBytes) {
    const bytes = new Uint8Array(await readFile(file));
    if (isArchive(bytes)) yield* zipEntries({ bytes }, name, limits, newBudget(limits));
    else yield { name, bytes };
    return;
  }
  // Too large to be a document, but an archive of documents may be: read it entry by entry.
  if (await headIsArchive(file)) {
    yield* zipEntries({ path: file }, name, limits, newBudget(limits));
    return;
  }
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  yield { name, error: new KhclError('file.too_large', `the file is ${mb(size)} MB, above the limit of ${mb(limits.maxFileBytes)} MB`) };
}

/** Whether a large file starts like a ZIP archive (and not like a DOCX), without reading it all. */
async function headIsArchive(file: string): Promise<boolean> {
  const handle = await open(file, 'r');
  try {
    const head = new Uint8Array(64 * 1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return isArchive(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
