/**
 * The measuring scripts behind `npm run eval|corpus|bench…` answer `--help` with their usage
 * (their opening comment) and refuse an unknown option in one line, without a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const run = (script: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(root, 'scripts', script), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, DATABASE_URL: '', REDIS_URL: '' } });

describe('measuring scripts', () => {
  it.each([
    ['eval.ts', '`npm run eval`'],
    ['corpus.ts', '`npm run corpus`'],
    ['bench.ts', '`npm run bench`'],
    ['bench-store.ts', 'Store benchmark'],
    ['bench-query.ts', 'bench-query.ts'],
    ['bench-cli.ts', '`npm run bench:cli`'],
    ['reliability.ts', '`npm run reliability`'],
  ])('%s --help prints its usage and exits 0', (script, opening) => {
    const r = run(script, '--help');
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[0]).toContain(opening);
  }, 60_000);

  it.each(['eval.ts', 'corpus.ts', 'bench-store.ts', 'bench-query.ts', 'bench-cli.ts'])('%s refuses an unknown option in one line', (script) => {
    const r = run(script, '--no-such-option');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("Unknown option '--no-such-option'");
    expect(r.stderr).not.toContain('    at ');
  }, 60_000);
});
