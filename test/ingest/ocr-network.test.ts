/**
 * OCR never touches the network. tesseract.js fetches its language data (and, in browsers, its
 * core) from a CDN unless told otherwise, and it does so inside worker threads, where a spy in
 * this process cannot see. So the proof runs OCR in a child process whose every thread (main and
 * workers: a `--require` preload runs in each) has fetch, DNS and socket connects replaced by a
 * trap that records the attempt and fails, with HTTP(S)_PROXY pointing at a dead port for good
 * measure. A positive control (a fetch from a worker thread, after the OCR) shows the trap works.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { OCR_PATHS } from '../../src/ingest/ocr/engine.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'khcl-ocr-net-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const TRAP = `
const fs = require('node:fs');
const { isMainThread, threadId } = require('node:worker_threads');
const record = (what) => {
  fs.appendFileSync(process.env.KHCL_NET_LOG, (isMainThread ? 'main' : 'worker') + ' ' + what + '\\n');
  return new Error('network blocked: ' + what);
};
globalThis.fetch = async (url) => { throw record('fetch ' + String(url)); };
const net = require('node:net');
const connect = net.Socket.prototype.connect;
// Local IPC (tsx talks to itself over a Unix socket) is not network; TCP and UDP are.
net.Socket.prototype.connect = function (...args) {
  // Node's own callers pass the normalised [options, callback] pair as one argument.
  const o = Array.isArray(args[0]) ? args[0][0] : args[0];
  if ((o && typeof o === 'object' && o.path) || (typeof o === 'string' && isNaN(Number(o)))) return connect.apply(this, args);
  throw record('connect ' + JSON.stringify(o));
};
const dns = require('node:dns');
dns.lookup = (host) => { throw record('dns ' + host); };
dns.promises.lookup = async (host) => { throw record('dns ' + host); };
`;

const requireHere = createRequire(import.meta.url);
// Imports by absolute URL: the child runs in a scratch directory with no node_modules.
const CHILD = `
import sharp from ${JSON.stringify(pathToFileURL(requireHere.resolve('sharp')).href)};
import { Worker } from 'node:worker_threads';
import { ingestImage, shutdownOcr } from ${JSON.stringify(pathToFileURL(join(root, 'src/ingest/scan.ts')).href)};
const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="1000" height="300"><rect width="100%" height="100%" fill="white"/>' +
  '<text x="60" y="150" font-family="DejaVu Serif" font-size="40">Kế hoạch cải tiến chất lượng</text></svg>';
const png = await sharp(Buffer.from(svg)).withMetadata({ density: 200 }).png().toBuffer();
const layout = await ingestImage(png);
await shutdownOcr();
// Positive control: a worker thread trying to fetch must be trapped and recorded.
const control = await new Promise((resolve) => {
  const w = new Worker("fetch('https://cdn.jsdelivr.net/npm/@tesseract.js-data/vie').then(() => 'fetched', (e) => e.message).then((m) => require('node:worker_threads').parentPort.postMessage(m))", { eval: true });
  w.on('message', (m) => { resolve(m); w.terminate(); });
});
console.log(JSON.stringify({ text: layout.pages.flatMap((p) => p.blocks.flatMap((b) => b.type === 'paragraph' ? b.lines : [])).join(' '), control }));
`;

describe('OCR without network', () => {
  it('keeps every engine path local (no URL)', () => {
    for (const path of Object.values(OCR_PATHS)) {
      expect(path).not.toMatch(/^[a-z]+:\/\//i);
      expect(readdirSync(join(path, '..')).length).toBeGreaterThan(0);
    }
    expect(readdirSync(OCR_PATHS.langPath)).toContain('vie.traineddata.gz');
  });

  it('reads an image with fetch, DNS and sockets trapped in every thread, and writes no cache file', async () => {
    const log = join(dir, 'network.log');
    writeFileSync(log, '');
    writeFileSync(join(dir, 'trap.cjs'), TRAP);
    writeFileSync(join(dir, 'child.mts'), CHILD);
    const work = mkdtempSync(join(dir, 'cwd-'));
    const tsx = pathToFileURL(requireHere.resolve('tsx')).href;
    const stdout = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--require', join(dir, 'trap.cjs'), '--import', tsx, join(dir, 'child.mts')],
        {
          cwd: work,
          env: { ...process.env, KHCL_NET_LOG: log, HTTP_PROXY: 'http://127.0.0.1:9', HTTPS_PROXY: 'http://127.0.0.1:9', NODE_OPTIONS: '' },
          timeout: 90_000,
        },
        (err, out, errOut) => (err ? reject(new Error(`${err.message}\n${errOut}`)) : resolve(out)),
      );
    });
    const result = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(result.text).toMatch(/hoạch/);
    expect(result.control).toMatch(/network blocked/);
    // The only attempt on record is the control's, from its worker thread.
    const attempts = readFileSync(log, 'utf8').trim().split('\n');
    expect(attempts).toEqual([expect.stringMatching(/^worker fetch https:\/\/cdn\.jsdelivr\.net/)]);
    // cacheMethod 'none': tesseract.js did not drop vie.traineddata into the working directory.
    expect(readdirSync(work)).toEqual([]);
  }, 120_000);
});
