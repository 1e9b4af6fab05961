/**
 * The layering of docs/architecture.md, checked on the sources: data flows one way, extract and
 * normalize do no I/O, no reader knows another reader, nothing imports a face.
 */
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sources(path)));
    else if (entry.name.endsWith('.ts')) out.push(path);
  }
  return out;
}

/** Every import specifier of a file (static and dynamic). */
async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specs.map((m) => m[1] ?? m[2]);
}

/** The part of the project a path belongs to: its first folder under src/ (or workers). */
function partOf(path: string): string {
  const rel = relative(root, path);
  if (rel.startsWith('workers')) return 'workers';
  const [top, part] = rel.split('/');
  return top === 'src' ? part.replace(/\.(ts|js|json)$/, '') : top;
}

const ALLOWED: Record<string, string[]> = {
  layout: [],
  normalize: [],
  criteria: [],
  errors: [],
  messages: ['errors'],
  ingest: ['layout', 'normalize', 'errors', 'config'],
  extract: ['layout', 'normalize', 'criteria', 'errors'],
  store: ['layout', 'extract', 'errors', 'config', 'criteria'],
  pipeline: ['ingest', 'extract', 'store', 'layout', 'errors', 'config', 'normalize'],
  query: ['store', 'extract', 'criteria', 'normalize', 'errors', 'config'],
  // A face: parses requests, calls query and the pipeline, serialises. Nothing imports it but the CLI's `serve`.
  api: ['pipeline', 'workers', 'query', 'store', 'errors', 'config', 'messages'],
  eval: ['normalize'],
  // The generated corpus (a dev tool): gold comes from the spec, so it never asks the extractor or
  // the normalizer; it takes the contract's types, the criteria, and pdfjs as khcl opens it.
  corpus: ['criteria', 'extract', 'ingest'],
};
const IO_MODULES = /^(node:)?(fs|fs\/promises|child_process|net|http|https|os|worker_threads)$/;

describe('layering', async () => {
  const files = [...(await sources('src')), ...(await sources('workers').catch(() => []))];
  it.each(files.filter((f) => ALLOWED[partOf(join(root, f))]))('%s imports only what its part may', async (file) => {
    const part = partOf(join(root, file));
    for (const spec of await importsOf(file)) {
      if (!spec.startsWith('.')) {
        if (part === 'extract' || part === 'normalize') expect(spec, `${file} does I/O through ${spec}`).not.toMatch(IO_MODULES);
        continue;
      }
      const target = partOf(resolve(root, dirname(file), spec));
      if (target === part) continue;
      expect(ALLOWED[part], `${file} imports ${spec} (${target})`).toContain(target);
    }
  });

  it('keeps the corpus independent of the code it measures: only the contract types and the pdfjs loader', async () => {
    for (const file of await sources('src/corpus')) {
      for (const spec of await importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(root, resolve(root, dirname(file), spec));
        if (partOf(join(root, target)) === 'extract') expect(target, `${file} imports ${spec}`).toBe('src/extract/contract.js');
        if (partOf(join(root, target)) === 'ingest') expect(target, `${file} imports ${spec}`).toBe('src/ingest/pdfjs.js');
      }
    }
  });

  it('keeps each reader ignorant of the other readers and of the extractor', async () => {
    const readers = (await sources('src/ingest')).filter((f) => /src\/ingest\/(docx|pdf|doc|scan)\.ts$/.test(f));
    for (const file of readers) {
      for (const spec of await importsOf(file)) {
        expect(spec, `${file} imports ${spec}`).not.toMatch(/^\.\/(docx|pdf|doc|scan)(\.js)?$|registry|extract/);
      }
    }
  });
});
