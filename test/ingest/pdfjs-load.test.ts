/**
 * pdfjs is loaded by Node itself with source maps off. Under tsx (how khcl runs) every ES module
 * is rewritten and given an inline source map, which for pdfjs cost ~300 MB of memory, and a
 * stack trace through pdfjs would parse its map into ~200 MB of heap more. The check runs in a child process started the way
 * bin/khcl.js starts khcl (tsx's loader, source maps on), since vitest loads modules its own way.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('loading pdfjs', () => {
  it('loads pdfjs as Node would (untouched by tsx, no source map), keeps khcl’s own maps and the engine’s own Array push, and leaves source maps on', async () => {
    const script = `
      import { findSourceMap } from 'node:module';
      import { readFileSync } from 'node:fs';
      const push = Array.prototype.push;
      const here = ${JSON.stringify(pathToFileURL(join(root, 'src', 'ingest', 'pdfjs.ts')).href)};
      const { loadPdfjs } = await import(here);
      const { pdfPagesWithoutText } = await import(${JSON.stringify(pathToFileURL(join(root, 'src', 'ingest', 'pdf.ts')).href)});
      const pdfjs = await loadPdfjs();
      // tsx appends '.then(<unwrap default>)' to every dynamic import() of a module it loads.
      const getter = Object.getOwnPropertyDescriptor(pdfjs.PDFWorker, '_setupFakeWorkerGlobal').get.toString();
      // A scanned PDF: every page is without text, which pdfjs reports through its worker.
      const pages = await pdfPagesWithoutText(readFileSync(${JSON.stringify(join(root, 'fixtures', 'bc-2021-mn-ketqua.scan.pdf'))}));
      const entry = Object.keys(globalThis).includes('pdfjsWorker');
      const pdfjsFile = import.meta.resolve('pdfjs-dist/legacy/build/pdf.mjs');
      console.log(JSON.stringify({
        pages,
        importsPdfjsItself: getter.includes('import('),
        rewrittenByTsx: getter.includes('__esModule'),
        worker: entry,
        enabled: process.sourceMapsEnabled,
        pdfjsMap: !!findSourceMap(new URL(pdfjsFile).pathname),
        ownMap: !!findSourceMap(new URL(here).pathname),
        // core-js dresses its polyfills up as native code in toString: compare the function itself.
        nativePush: Array.prototype.push === push,
      }));
    `;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.pages).toEqual([1, 2]);
    expect(result.importsPdfjsItself).toBe(true);
    expect(result.rewrittenByTsx).toBe(false);
    expect(result.worker).toBe(true);
    expect(result.enabled).toBe(true);
    expect(result.ownMap).toBe(true);
    expect(result.pdfjsMap).toBe(false);
    // pdfjs's legacy build replaces Array.prototype.push with a slow polyfill on Node 20; khcl puts the engine's back.
    expect(result.nativePush).toBe(true);
  }, 60_000);

  it('puts the engine’s own push back even when pdfjs was loaded first by something else (pdf-parse, as the bench does)', async () => {
    const script = `
      import { readFileSync } from 'node:fs';
      const push = Array.prototype.push;
      const { ingest } = await import(${JSON.stringify(pathToFileURL(join(root, 'src', 'ingest', 'registry.ts')).href)});
      await import('pdf-parse');
      const replaced = Array.prototype.push !== push;
      const layout = await ingest(readFileSync(${JSON.stringify(join(root, 'fixtures', 'kh-2026-thcs-dongson.pdf'))}));
      console.log(JSON.stringify({ replaced, pages: layout.pages.length, nativePush: Array.prototype.push === push }));
    `;
    const out = await new Promise<string>((resolve, reject) =>
      execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root }, (err, stdout, stderr) =>
        err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      ),
    );
    const result = JSON.parse(out.trim().split('\n').pop()!);
    expect(result.replaced, 'pdf-parse loading pdfjs replaces push').toBe(true);
    expect(result.pages).toBeGreaterThan(0);
    expect(result.nativePush).toBe(true);
  }, 60_000);
});
