/**
 * Uploads a careless or hostile client sends with a valid write token (issue 17, points 5–8),
 * through the real HTTP API (buildApi over a runtime: PGlite in memory, blobs in a temp folder,
 * the in-process queue). Each case says what it owes and measures what it cost: the answer's
 * status and counts, the `documents` rows and blob bytes it added, the time. Shared by
 * uploads.test.ts and `npm run reliability`.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { count } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { documents } from '../../src/store/index.js';
import { AUTH, multipart, settled, testApp } from '../api/support.js';
import { makeZip, zipOf } from '../helpers/zip.js';
import { generatePlanDocx } from '../pipeline/support/generate-docx.js';
import { openTestRuntime, type TestRuntime } from '../pipeline/support/runtime.js';

export interface UploadCaseResult {
  name: string;
  expected: string;
  /** HTTP status and the answer's counts. */
  outcome: string;
  /** `documents` rows the case added. */
  rows: number;
  /** Bytes the case added to the blob store. */
  bytes: number;
  /** Time the API took to answer the case's requests. */
  ms: number;
  problems: string[];
  passed: boolean;
}

interface Answer {
  status: number;
  counts?: Record<string, number>;
  files?: { name: string; status: string; code?: string; reason?: string; documentId?: number }[];
  error?: { code: string; message: string };
}

interface UploadCase {
  name: string;
  expected: string;
  /** API settings for the case (its own app: limits and the token's hour start fresh). */
  env?: Record<string, string>;
  run(send: (files: { name: string; bytes: Uint8Array }[]) => Promise<Answer>, app: FastifyInstance, problems: string[]): Promise<Answer>;
  /** What the case may add at most. */
  maxRows: number;
  maxBytes: number;
}

const MB = 1024 * 1024;

/** Bytes that deflate about 30×: mostly zeros with a random byte now and then (not a document). */
function sparse(size: number, seed = 7): Uint8Array {
  const out = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i += 1 + ((x = (x * 1103515245 + 12345) >>> 0) % 61)) out[i] = x >>> 24;
  return out;
}

/** A ZIP holding `n` entries with the same (already deflated) body: cheap to build at any size. */
function zipOfCopies(n: number, body: Uint8Array, name: (i: number) => string): Uint8Array {
  const raw = Buffer.from(body);
  const deflated = deflateRawSync(raw);
  return zipOf(Array.from({ length: n }, (_, i) => ({ name: name(i), body: deflated, crc: crc32(raw), size: raw.length, method: 8 as const })));
}

/** "207: refused 5001, queued 2" (counts of 0 left out). */
const summary = (a: Answer) =>
  a.counts
    ? `${a.status}: ${Object.entries(a.counts).filter(([, n]) => n).map(([k, n]) => `${k} ${n}`).join(', ') || 'nothing'}`
    : `${a.status} ${a.error?.code ?? ''}`;

export const UPLOAD_CASES: UploadCase[] = [
  {
    name: '50,000 tiny junk entries in one ZIP',
    expected: '207, nothing stored, stops at 5,000 files',
    maxRows: 0,
    maxBytes: 0,
    async run(send, _app, problems) {
      const zip = makeZip(Array.from({ length: 50_000 }, (_, i) => ({ name: `r/${i}.docx`, data: `x${i}` })));
      const a = await send([{ name: 'rac.zip', bytes: zip }]);
      if (a.status !== 207) problems.push(`status ${a.status}`);
      if (a.counts?.refused !== 5_001) problems.push(`refused ${a.counts?.refused}, not 5,000 entries and the rest in one line`);
      const last = a.files?.at(-1);
      if (last?.code !== 'limit.exceeded' || !/more than 5000 files/.test(last.reason ?? '')) problems.push(`last line: ${JSON.stringify(last)}`);
      return a;
    },
  },
  {
    name: 'ZIP of 10 entries of 24 MB that are not documents',
    expected: '207, 240 MB unpacked, 0 stored',
    maxRows: 0,
    maxBytes: 0,
    async run(send, _app, problems) {
      const zip = zipOfCopies(10, sparse(24 * MB), (i) => `kh-${i}.pdf`);
      const a = await send([{ name: `lon.zip`, bytes: zip }]);
      if (a.status !== 207 || a.counts?.refused !== 10) problems.push(`answer ${summary(a)}`);
      if (!a.files?.every((f) => f.code === 'file.unsupported')) problems.push('an entry was not refused as not a document');
      return a;
    },
  },
  {
    name: 'ZIP of 10 "PDFs" of 24 MB, request limit 100 MB',
    expected: '207, 4 stored (96 MB), the rest refused',
    env: { KHCL_API_REQUEST_MAX_MB: '100' },
    maxRows: 4,
    maxBytes: 4 * 24 * MB,
    async run(send, _app, problems) {
      const body = sparse(24 * MB, 11);
      body.set(new TextEncoder().encode('%PDF-1.7\n'), 0);
      // Ten different files: the same body with a different last byte each.
      const parts = Array.from({ length: 10 }, (_, i) => {
        const b = body.slice();
        b[b.length - 1] = i + 1;
        return { name: `kh-${i}.pdf`, data: b };
      });
      const a = await send([{ name: 'pdfs.zip', bytes: makeZip(parts) }]);
      if (a.status !== 207 || a.counts?.queued !== 4) problems.push(`answer ${summary(a)}`);
      const refused = a.files?.find((f) => f.status === 'refused');
      if (refused?.code !== 'limit.exceeded') problems.push(`refusal ${JSON.stringify(refused)}`);
      return a;
    },
  },
  {
    name: 'one part over the size limit between two plans',
    expected: '207, both plans stored, the big part refused alone',
    env: { KHCL_API_MAX_UPLOAD_MB: '5' },
    maxRows: 2,
    maxBytes: 2 * MB,
    async run(send, app, problems) {
      const [a, b] = await Promise.all([generatePlanDocx(7001), generatePlanDocx(7002)]);
      const r = await send([
        { name: 'a.docx', bytes: a.bytes },
        { name: 'to.pdf', bytes: sparse(6 * MB) },
        { name: 'b.docx', bytes: b.bytes },
      ]);
      const lines = r.files?.map((f) => `${f.name} ${f.status}`);
      if (r.status !== 207 || JSON.stringify(lines) !== JSON.stringify(['a.docx queued', 'to.pdf refused', 'b.docx queued'])) problems.push(`answer ${r.status} ${JSON.stringify(lines)}`);
      for (const f of r.files ?? []) if (f.documentId) await settled(app, f.documentId);
      return r;
    },
  },
  {
    name: 'one plan under 120 names in 5 requests',
    expected: 'one row, 20 distinct names',
    maxRows: 1,
    maxBytes: MB,
    async run(send, app, problems) {
      const { bytes } = await generatePlanDocx(7003);
      let a: Answer = { status: 0 };
      for (let round = 0; round < 5; round++) {
        a = await send([{ name: `dot-${round}.zip`, bytes: makeZip(Array.from({ length: 24 }, (_, i) => ({ name: `kh-${i}.docx`, data: bytes }))) }]);
      }
      const id = a.files?.[0]?.documentId;
      const doc = (await app.inject({ method: 'GET', url: `/documents/${id}` })).json() as { fileNames: string[] };
      if (doc.fileNames.length !== 20 || new Set(doc.fileNames).size !== 20) problems.push(`${doc.fileNames.length} names`);
      if (id) await settled(app, id);
      return { ...a, counts: { ...a.counts, names: doc.fileNames.length } };
    },
  },
  {
    name: 'file name with U+202E and other format characters',
    expected: 'stored as "khxcod.exe"',
    maxRows: 1,
    maxBytes: MB,
    async run(send, app, problems) {
      const { bytes } = await generatePlanDocx(7004);
      const a = await send([{ name: 'kh\u202excod.exe', bytes }]);
      const f = a.files?.[0];
      if (f?.name !== 'khxcod.exe') problems.push(`answered as ${JSON.stringify(f?.name)}`);
      const doc = (await app.inject({ method: 'GET', url: `/documents/${f?.documentId}` })).json() as { fileNames: string[] };
      if (doc.fileNames.some((n) => /\p{Cf}/u.test(n))) problems.push(`stored ${JSON.stringify(doc.fileNames)}`);
      if (f?.documentId) await settled(app, f.documentId);
      return a;
    },
  },
  {
    name: "a token's hour: 10 files, then more",
    expected: '202, 207 at the 11th file, then 429 unread',
    env: { KHCL_API_HOURLY_MAX_FILES: '10' },
    maxRows: 10,
    maxBytes: 10 * MB,
    async run(send, app, problems) {
      const plans = await Promise.all(Array.from({ length: 12 }, (_, i) => generatePlanDocx(7100 + i)));
      const first = await send(plans.slice(0, 8).map((p, i) => ({ name: `p${i}.docx`, bytes: p.bytes })));
      const second = await send(plans.slice(8).map((p, i) => ({ name: `q${i}.docx`, bytes: p.bytes })));
      const third = await send([{ name: 'r.docx', bytes: plans[0].bytes }]);
      if (first.status !== 202 || second.status !== 207 || second.counts?.queued !== 2 || third.status !== 429) {
        problems.push(`answers ${summary(first)}; ${summary(second)}; ${summary(third)}`);
      }
      for (const f of [...(first.files ?? []), ...(second.files ?? [])]) if (f.documentId) await settled(app, f.documentId);
      return { status: third.status, counts: { 'queued first': first.counts?.queued ?? 0, 'queued then': second.counts?.queued ?? 0, 'refused then': second.counts?.refused ?? 0 } };
    },
  },
];

async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (e.isFile()) total += (await stat(path.join(e.parentPath, e.name))).size;
  }
  return total;
}

/** Run every upload case, each on its own app over one runtime. */
export async function runUploadCases(only = ''): Promise<UploadCaseResult[]> {
  const rt: TestRuntime = await openTestRuntime('pglite');
  const out: UploadCaseResult[] = [];
  try {
    for (const c of UPLOAD_CASES.filter((x) => !only || x.name.toLowerCase().includes(only))) {
      const app = await testApp(rt, { ...c.env });
      const problems: string[] = [];
      const rowsBefore = await rowCount(rt);
      const bytesBefore = await folderBytes(rt.config.blobDir);
      let spent = 0; // time in the API's answers, not in building the inputs or waiting for processing
      let outcome = '';
      try {
        const send = async (files: { name: string; bytes: Uint8Array }[]): Promise<Answer> => {
          const body = multipart(files);
          const t0 = performance.now();
          const r = await app.inject({ method: 'POST', url: '/documents', payload: body.payload, headers: { ...body.headers, ...AUTH } });
          spent += performance.now() - t0;
          return { status: r.statusCode, ...(r.json() as object) };
        };
        outcome = summary(await c.run(send, app, problems));
      } catch (e) {
        problems.push(`threw ${(e as Error).message}`);
      } finally {
        await app.close();
      }
      const ms = Math.round(spent);
      const rows = (await rowCount(rt)) - rowsBefore;
      const bytes = (await folderBytes(rt.config.blobDir)) - bytesBefore;
      if (rows > c.maxRows) problems.push(`${rows} rows stored, at most ${c.maxRows}`);
      if (bytes > c.maxBytes) problems.push(`${bytes} bytes stored, at most ${c.maxBytes}`);
      out.push({ name: c.name, expected: c.expected, outcome, rows, bytes, ms, problems, passed: problems.length === 0 });
    }
  } finally {
    await rt.dispose();
  }
  return out;
}

async function rowCount(rt: TestRuntime): Promise<number> {
  return Number((await rt.store.db.select({ n: count() }).from(documents))[0].n);
}
