/**
 * `npx tsx scripts/bench-query.ts [--items 100000 | --million] [--requests 200] [--no-indexes] [--keep] [--database NAME]`:
 * the read side's speed on PostgreSQL. Creates a scratch database next to DATABASE_URL (default
 * postgres://postgres@127.0.0.1:5432/test), migrates it, inserts generated documents and items in
 * bulk (the item sums kept by their triggers, then folded as the pipeline folds them), starts the
 * HTTP API on loopback and times requests made with fetch, one at a time: p50/p95 for filtered,
 * searched lists and for sums. Goals: p95 ≤ 50 ms at 10^5 items, ≤ 200 ms at 10^6 (--million).
 * A searched list counts its matches to a cap (SEARCH_TOTAL_CAP); the row below it times the same
 * requests with exactTotal=true, every match counted, for comparison.
 * --no-indexes drops the read side's indexes (migration 0001) first, to see what they buy.
 * --database NAME uses that database (created if missing) instead of a scratch one; if it already
 * holds the items of an earlier run with the same --items (the seed is fixed, so the data is the
 * same), they are not inserted again: with --keep, building 10^6 items once serves several runs
 * (--no-indexes on a kept database drops its indexes for the later runs too).
 * The header names the server's shared_buffers beside the size of the items table and its search
 * index: a table that does not fit in the buffers is read from the OS cache on every search.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scriptArgs } from './args.js';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { buildApi, loadApiConfig } from '../src/api/index.js';
import { loadConfig } from '../src/config.js';
import { criteriaOf, type RegistrySchoolLevel } from '../src/criteria/registry.js';
import { createPipeline } from '../src/pipeline/index.js';
import { SEARCH_TOTAL_CAP } from '../src/query/index.js';
import { DirectoryBlobStore, documents, foldItemSums, insertRows, items, openStore, rowsOf, type NewDocumentRow, type NewItemRow } from '../src/store/index.js';
import { MemoryQueue } from '../workers/memory-queue.js';

const { values: args } = scriptArgs(import.meta.filename, {
  items: { type: 'string', default: '100000' },
  million: { type: 'boolean', default: false },
  requests: { type: 'string', default: '200' },
  'no-indexes': { type: 'boolean', default: false },
  keep: { type: 'boolean', default: false },
  database: { type: 'string' },
});
/** The indexes migration 0001 adds for the read side. */
const READ_SIDE_INDEXES = ['items_search_idx', 'items_document_standard_criterion_idx', 'items_standard_idx', 'items_budget_idx', 'documents_level_year_idx', 'documents_circular_idx'];
const ITEMS = args.million ? 1_000_000 : Number(args.items);
const REQUESTS = Number(args.requests);
const PER_DOC = 25;
const base = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/test';

// A fixed-seed generator, so two runs measure the same data.
let state = 20_240_905;
const rand = () => ((state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const LEVELS: RegistrySchoolLevel[] = ['preschool', 'preschool', 'preschool', 'primary', 'primary', 'primary', 'lower-secondary', 'lower-secondary', 'upper-secondary', 'multi-level'];
const CIRCULAR_2018: Record<string, string> = { preschool: '19/2018', primary: '17/2018', 'lower-secondary': '18/2018', 'upper-secondary': '18/2018', 'multi-level': '18/2018' };
const PLACES = ['Thanh Yên', 'Hệ Muông', 'Tây Úc', 'Đông Sơn', 'Hòa Bình', 'Sen Hồng', 'Mường Phăng', 'Nà Tấu', 'Thanh Xương', 'Noong Luống'];
const KINDS = { preschool: 'Mầm non', primary: 'Tiểu học', 'lower-secondary': 'THCS', 'upper-secondary': 'THPT', 'multi-level': 'TH&THCS' } as const;
const TARGETS = [
  'Xây dựng kế hoạch phát triển nhà trường giai đoạn mới',
  'Bổ sung đồ dùng, đồ chơi ngoài trời cho trẻ',
  'Sửa chữa, cải tạo phòng học và khu vệ sinh',
  'Bồi dưỡng chuyên môn nghiệp vụ cho giáo viên',
  'Nâng cao chất lượng giáo dục hòa nhập',
  'Tăng cường cơ sở vật chất, thiết bị dạy học',
  'Phối hợp với cha mẹ học sinh trong công tác giáo dục',
  'Đổi mới phương pháp kiểm tra, đánh giá',
];
const SOLUTIONS = ['Tham mưu với UBND xã', 'Huy động nguồn xã hội hóa', 'Tổ chức chuyên đề, hội thảo', 'Rà soát, xây dựng kế hoạch cụ thể', 'Phân công giáo viên cốt cán hỗ trợ'];
const OWNERS = ['Hiệu trưởng', 'Phó hiệu trưởng', 'Phó hiệu trưởng, tổ chuyên môn', 'Kế toán', 'Tổ trưởng chuyên môn, giáo viên', 'Ban đại diện cha mẹ học sinh'];
const SOURCES = ['Ngân sách nhà nước', 'Xã hội hóa', 'Nguồn kinh phí hoạt động của nhà trường', null];

function generate(count: number): { docs: NewDocumentRow[]; rows: (id: number, d: NewDocumentRow) => NewItemRow[] } {
  const docs: NewDocumentRow[] = [];
  for (let i = 0; i < Math.ceil(count / PER_DOC); i++) {
    const level = pick(LEVELS);
    const year = 2019 + Math.floor(rand() * 8);
    const circular = year >= 2026 ? '57/2026' : CIRCULAR_2018[level];
    docs.push({
      sha256: `${i.toString(16).padStart(8, '0')}${'b'.repeat(56)}`,
      size: 50_000,
      fileNames: [`bench/${i}.docx`],
      status: 'stored',
      kind: rand() < 0.7 ? 'plan' : 'report',
      form: circular === '57/2026' ? 'task-rows' : 'criterion-rows',
      circular,
      schoolYear: rand() < 0.1 ? `${year}-${year + 5}` : `${year}-${year + 1}`,
      school: `Trường ${KINDS[level]} ${pick(PLACES)} ${1 + (i % 40)}`,
      schoolLevel: level,
      rulesVersion: 'bench',
    });
  }
  const rows = (id: number, d: NewDocumentRow): NewItemRow[] => {
    const set = criteriaOf(d.circular!, d.schoolLevel as RegistrySchoolLevel)!.criteria;
    const year = Number(d.schoolYear!.slice(0, 4));
    return Array.from({ length: PER_DOC }, (_, ordinal) => {
      const c = set[(ordinal + id) % set.length];
      const budget = rand() < 0.4 ? null : rand() < 0.2 ? 0 : Math.round(rand() * 500) * 1_000_000;
      const report = d.kind === 'report' && d.form === 'criterion-rows';
      return {
        documentId: id,
        ordinal,
        standard: c.standard,
        criterion: c.code,
        criterionName: c.name,
        level: 1 + Math.floor(rand() * 3),
        rowNo: String(ordinal + 1),
        target: report ? null : `${pick(TARGETS)} (tiêu chí ${c.code})`,
        solution: report ? null : pick(SOLUTIONS),
        owner: report ? null : pick(OWNERS),
        timeline: report ? null : `Năm học ${d.schoolYear}`,
        timelineStart: report ? null : `${year}-09-01`,
        timelineEnd: report ? null : `${year + 1}-05-01`,
        budgetText: report || budget == null ? null : `${budget.toLocaleString('vi-VN')} đồng`,
        budgetVnd: report ? null : budget,
        fundingSource: report ? null : pick(SOURCES),
        planned: report ? pick(TARGETS) : null,
        done: report ? `Đã ${pick(TARGETS).toLowerCase()}` : null,
        notDone: report ? pick(['Không', 'Chưa triển khai do thiếu kinh phí']) : null,
        provenance: { page: null, table: 0, row: ordinal + 1, cells: [] },
        confidence: rand() < 0.05 ? 0.6 : 1,
      };
    });
  };
  return { docs, rows };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function time(label: string, urls: string[]): Promise<void> {
  for (const url of urls.slice(0, 20)) await (await fetch(url)).text(); // warm-up
  const ms: number[] = [];
  let rows = 0;
  let capped = 0;
  for (let i = 0; i < REQUESTS; i++) {
    const url = urls[i % urls.length];
    const t = performance.now();
    const r = await fetch(url);
    const body = (await r.json()) as { total?: number | { items: number }; totalExact?: boolean; groups?: unknown[] };
    ms.push(performance.now() - t);
    if (r.status !== 200) throw new Error(`${url}: ${r.status} ${JSON.stringify(body)}`);
    rows += typeof body.total === 'number' ? body.total : (body.total?.items ?? 0);
    if (body.totalExact === false) capped++;
  }
  ms.sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  process.stdout.write(`${label.padEnd(44)} p50 ${f(percentile(ms, 50))}  p95 ${f(percentile(ms, 95))}  max ${f(ms[ms.length - 1])}  (${REQUESTS} requests, ${(rows / REQUESTS).toFixed(0)} matching items each on average${capped ? `, counted to ${SEARCH_TOTAL_CAP} in ${capped}` : ''})\n`);
}

if (args.database !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(args.database)) {
  process.stderr.write(`--database: a lower-case name of letters, digits and _, not ${JSON.stringify(args.database)}\n`);
  process.exit(2);
}
const name = args.database ?? `khcl_bench_${process.pid}`;
const admin = postgres(base, { max: 1, onnotice: () => {} });
if ((await admin`select 1 from pg_database where datname = ${name}`).length === 0) await admin.unsafe(`create database "${name}"`);
const url = new URL(base);
url.pathname = `/${name}`;
const blobDir = await mkdtemp(path.join(os.tmpdir(), 'khcl-bench-'));
const store = await openStore({ databaseUrl: url.toString() }, { poolSize: 8 });
try {
  process.stdout.write(`khcl query bench — node ${process.version}, PostgreSQL ${base.replace(/\/\/[^@]*@/, '//')}, ${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}\n`);
  const started = performance.now();
  const [{ stored }] = rowsOf<{ stored: number }>(await store.db.execute(sql`select count(*)::int as stored from items`));
  if (stored === 0) {
    const { docs, rows } = generate(ITEMS);
    const ids: number[] = [];
    for (let i = 0; i < docs.length; i += 1_000) ids.push(...(await store.db.insert(documents).values(docs.slice(i, i + 1_000)).returning({ id: documents.id })).map((r) => r.id));
    let batch: NewItemRow[] = [];
    let inserted = 0;
    for (let i = 0; i < docs.length && inserted < ITEMS; i++) {
      batch.push(...rows(ids[i], docs[i]).slice(0, ITEMS - inserted - batch.length));
      if (batch.length >= 5_000 || i === docs.length - 1 || inserted + batch.length >= ITEMS) {
        await insertRows(store.db, items, batch);
        inserted += batch.length;
        batch = [];
      }
    }
    const folded = await foldItemSums(store.db);
    const [{ cells }] = rowsOf<{ cells: number }>(await store.db.execute(sql`select count(*)::int as cells from item_sums`));
    process.stdout.write(`inserted ${docs.length} documents and ${inserted} items in ${((performance.now() - started) / 1000).toFixed(1)} s (item sums: ${folded} rows of changes folded into ${cells} cells)\n`);
  } else if (stored === ITEMS) {
    process.stdout.write(`reused the ${stored} items of database ${name}\n`);
  } else {
    throw new Error(`database ${name} holds ${stored} items, not ${ITEMS}: drop it or give another --database`);
  }
  if (args['no-indexes']) {
    for (const index of READ_SIDE_INDEXES) await store.db.execute(sql.raw(`drop index if exists ${index}`));
    process.stdout.write(`dropped ${READ_SIDE_INDEXES.join(', ')} (--no-indexes)\n`);
  }
  // Statistics for the planner, and the visibility map without which an index-only scan reads the table.
  const t = performance.now();
  await store.db.execute(sql`vacuum analyze items`);
  await store.db.execute(sql`vacuum analyze documents`);
  await store.db.execute(sql`vacuum analyze item_sums`);
  process.stdout.write(`vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
  const [sizes] = rowsOf<{ buffers: string; items: string; search: string }>(
    await store.db.execute(
      sql`select current_setting('shared_buffers') as buffers, pg_size_pretty(pg_table_size('items')) as items, pg_size_pretty(coalesce(pg_relation_size(to_regclass('items_search_idx')), 0)) as search`,
    ),
  );
  process.stdout.write(`shared_buffers ${sizes.buffers}; items table ${sizes.items}, items_search_idx ${sizes.search}\n`);

  const config = loadConfig({});
  const deps = { db: store.db, blobs: new DirectoryBlobStore(blobDir), pipeline: createPipeline({ db: store.db, blobs: new DirectoryBlobStore(blobDir) }), queue: new MemoryQueue({ attempts: 1, backoffMs: 0 }), limits: config.limits };
  const app = await buildApi(deps, loadApiConfig({ KHCL_API_RATE_LIMIT: '0' }), { inProcessWorker: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  try {
    const searches = ['ke hoach', 'giao vien', 'co so vat chat', 'hoa nhap', 'tham muu', 'phong hoc', 'boi duong chuyen mon', 'cha me hoc sinh'];
    const levels = ['preschool', 'primary', 'lower-secondary'];
    const list = searches.flatMap((q, i) => [`${address}/items?schoolLevel=${levels[i % 3]}&standard=${1 + (i % 5)}&search=${encodeURIComponent(q)}&limit=50`]);
    await time('list: level + standard + search, 50 rows', list);
    await time('  the same, every match counted (exactTotal)', list.map((u) => `${u}&exactTotal=true`));
    await time('list: level + school year + owner, 50 rows', levels.map((l, i) => `${address}/items?schoolLevel=${l}&schoolYear=${2020 + i}-${2021 + i}&owner=${encodeURIComponent('phó hiệu trưởng')}&limit=50`));
    await time('sum by standard, all items', [`${address}/aggregates?by=standard`]);
    await time('sum by standard, one level and year', levels.map((l, i) => `${address}/aggregates?by=standard&schoolLevel=${l}&schoolYear=${2022 + i}-${2023 + i}`));
    await time('sum by criterion, all items', [`${address}/aggregates?by=criterion`]);
  } finally {
    await app.close();
  }
} finally {
  await store.close();
  await rm(blobDir, { recursive: true, force: true });
  if (!args.keep) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  else process.stdout.write(`kept database ${name}\n`);
  await admin.end({ timeout: 5 });
}
