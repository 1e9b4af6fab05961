/**
 * `npm run bench:cli`: how long `khcl query`, `khcl sum` and `khcl status` take as a person runs
 * them (`node bin/khcl.js …`: the compiled dist/ when it is fresh, the sources through tsx
 * otherwise), beside a bare node process that opens the same PGlite store and counts its items:
 * the library underneath. Goal: each command within 1.5× the bare process. Also the same
 * commands on the sources through tsx, to show what the build saves.
 * The store: the DOCX and DOC fixtures imported into a PGlite directory of its own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { scriptArgs } from './args.js';
// @ts-expect-error plain JavaScript beside bin/khcl.js, no types
import { freshBuild } from '../bin/fresh-build.js';

const { values } = scriptArgs(import.meta.filename, { rounds: { type: 'string', default: '7' } });
const ROUNDS = Number(values.rounds);
const root = path.join(import.meta.dirname, '..');
const bin = path.join(root, 'bin', 'khcl.js');
const data = await mkdtemp(path.join(os.tmpdir(), 'khcl-bench-cli-'));
const env = { ...process.env, KHCL_DATA: data, DATABASE_URL: '', REDIS_URL: '' };

const BARE = `
  import { PGlite } from '@electric-sql/pglite';
  const db = await PGlite.create({ dataDir: ${JSON.stringify(path.join(data, 'pglite'))} });
  const { rows } = await db.query('select count(*)::int as n from items');
  await db.close();
  console.log(rows[0].n);
`;

/** Median wall time of a command, in ms, after one warm-up run. */
function time(args: string[]): number {
  const once = () => {
    const t = performance.now();
    execFileSync(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'ignore', 'inherit'] });
    return performance.now() - t;
  };
  once();
  const ms = Array.from({ length: ROUNDS }, once).sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

try {
  const fixtures = (await readdir(path.join(root, 'fixtures'))).filter((f) => /\.(docx|doc)$/.test(f)).map((f) => path.join('fixtures', f));
  execFileSync(process.execPath, [bin, 'import', ...fixtures], { cwd: root, env, stdio: 'ignore' });
  const items = execFileSync(process.execPath, ['--input-type=module', '-e', BARE], { cwd: root, env, encoding: 'utf8' }).trim();
  const fresh = freshBuild(root);
  process.stdout.write(`khcl CLI bench — node ${process.version}, PGlite store with ${fixtures.length} fixtures (${items} items), median of ${ROUNDS} runs, load ${os.loadavg()[0].toFixed(1)}\n`);
  const bare = time(['--input-type=module', '-e', BARE]);
  process.stdout.write(`${'bare node: open PGlite, count items'.padEnd(44)} ${bare.toFixed(0).padStart(6)} ms\n`);
  const commands: [string, string[]][] = [
    ['khcl query --limit 20', ['query', '--limit', '20']],
    ['khcl sum --by standard', ['sum', '--by', 'standard']],
    ['khcl status', ['status']],
  ];
  for (const [label, args] of commands) {
    const ms = time([bin, ...args]);
    const tsx = time(['--import', 'tsx', 'src/cli/main.ts', ...args]);
    process.stdout.write(
      `${label.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms  ${(ms / bare).toFixed(2)}× bare${fresh ? '' : ' (no build: bin/khcl.js ran the sources)'}   sources through tsx ${tsx.toFixed(0).padStart(6)} ms  ${(tsx / bare).toFixed(2)}×\n`,
    );
  }
} finally {
  await rm(data, { recursive: true, force: true });
}
