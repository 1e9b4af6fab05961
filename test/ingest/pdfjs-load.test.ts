/**
 * pdfjs is loaded with Node's source maps off. Under tsx (how khcl runs) every module gets an
 * inline source map, and a stack trace through pdfjs would parse pdfjs's 9 MB of map into some
 * 200 MB of heap for the rest of the process. The check runs in a child process started the way
 * bin/khcl.js starts khcl (tsx's loader, source maps on), since vitest loads modules its own way.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('loading pdfjs', () => {
  it('keeps no source map for pdfjs, keeps khcl’s own, and leaves source maps on', async () => {
    const script = `
      import { findSourceMap } from 'node:module';
      import { readFileSync } from 'node:fs';
      const here = ${JSON.stringify(pathToFileURL(join(root, 'src', 'ingest', 'pdfjs.ts')).href)};
      const { loadPdfjs } = await import(here);
      const { pdfPagesWithoutText } = await import(${JSON.stringify(pathToFileURL(join(root, 'src', 'ingest', 'pdf.ts')).href)});
      await loadPdfjs();
      // A scanned PDF: every page is without text, which pdfjs reports through its worker.
      const pages = await pdfPagesWithoutText(readFileSync(${JSON.stringify(join(root, 'fixtures', 'bc-2021-mn-ketqua.scan.pdf'))}));
      const entry = Object.keys(globalThis).includes('pdfjsWorker');
      const pdfjsFile = import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
      console.log(JSON.stringify({
        pages,
        worker: entry,
        enabled: process.sourceMapsEnabled,
        pdfjsMap: !!findSourceMap(new URL(pdfjsFile).pathname),
        ownMap: !!findSourceMap(new URL(here).pathname),
      }));
    `;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.pages).toEqual([1, 2]);
    expect(result.worker).toBe(true);
    expect(result.enabled).toBe(true);
    expect(result.ownMap).toBe(true);
    expect(result.pdfjsMap).toBe(false);
  }, 60_000);
});
