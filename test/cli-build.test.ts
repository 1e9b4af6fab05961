/**
 * The compiled form of khcl (dist/, built by `npm install` through `prepare`) behaves as the
 * sources do, and bin/khcl.js runs it only while it is fresh.
 *  - A build into a folder of this test's own: `extract` of a text PDF (pdfjs, loaded through its
 *    load hook, which the build must carry along), a DOCX and a DOC gives the same JSON as the
 *    sources through tsx, and `query`/`sum` over a store filled by the built `import` answer as
 *    the sources do.
 *  - bin/khcl.js, copied beside a stand-in dist/ and src/, picks dist/ when its stamp is newer
 *    than every source and the sources through tsx as soon as one is newer.
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..');

async function node(args: string[], env: Record<string, string> = {}) {
  // The embedded defaults in a data folder of the test's own, whatever servers the suite was given:
  // with REDIS_URL set, `import` would only queue the files for workers this test does not start.
  const { DATABASE_URL: _db, REDIS_URL: _redis, ...inherited } = process.env;
  const { stdout } = await run(process.execPath, args, { cwd: root, env: { ...inherited, ...env }, maxBuffer: 1 << 26 });
  return stdout;
}

describe('the compiled CLI', () => {
  let out: string;
  let data: string;
  beforeAll(async () => {
    await mkdir(join(root, '.tmp'), { recursive: true });
    // Inside the project, where the compiled code finds node_modules.
    out = await mkdtemp(join(root, '.tmp', 'build-'));
    data = await mkdtemp(join(root, '.tmp', 'data-'));
    await node(['scripts/build.mjs', out]);
  }, 300_000);
  afterAll(async () => {
    await rm(out, { recursive: true, force: true });
    await rm(data, { recursive: true, force: true });
  });

  const built = (...args: string[]) => node([join(out, 'src', 'cli', 'main.js'), ...args], { KHCL_DATA: data });
  const sources = (...args: string[]) => node(['--import', 'tsx', 'src/cli/main.ts', ...args], { KHCL_DATA: data });

  it('extracts a text PDF, a DOCX and a DOC as the sources do', async () => {
    const files = ['fixtures/kh-2024-mn-tayuc.pdf', 'fixtures/kh-2021-mn-thanhyen.docx', 'fixtures/kh-2023-th-hemuong.doc'];
    const fromBuild = JSON.parse(await built('extract', ...files, '--json'));
    expect(fromBuild).toHaveLength(3);
    expect(fromBuild.every((x: { items: unknown[] }) => x.items.length > 0)).toBe(true);
    expect(fromBuild).toEqual(JSON.parse(await sources('extract', ...files, '--json')));
  }, 120_000);

  it('prints the version of package.json', async () => {
    expect((await built('--version')).trim()).toBe((await sources('--version')).trim());
    expect((await built('--version')).trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('imports, lists and sums as the sources do', async () => {
    await built('import', 'fixtures/kh-2024-mn-tayuc.docx', 'fixtures/bc-2021-mn-ketqua.docx');
    const list = JSON.parse(await built('query', '--format', 'json', '--limit', '200'));
    expect(list.total).toBeGreaterThan(0);
    expect(list).toEqual(JSON.parse(await sources('query', '--format', 'json', '--limit', '200')));
    // Both kinds, so the sum counts what the list shows (plans only is the default).
    const sum = JSON.parse(await built('sum', '--by', 'standard', '--kind', 'plan,report', '--format', 'json'));
    expect(sum.total.items).toBe(list.total);
    expect(sum).toEqual(JSON.parse(await sources('sum', '--by', 'standard', '--kind', 'plan,report', '--format', 'json')));
    const plans = JSON.parse(await built('sum', '--by', 'standard', '--format', 'json'));
    expect(plans.total.items).toBeLessThan(list.total);
  }, 120_000);
});

describe('bin/khcl.js', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(root, '.tmp', 'bin-'));
    await mkdir(join(dir, 'bin'));
    for (const f of ['khcl.js', 'fresh-build.js']) await cp(join(root, 'bin', f), join(dir, 'bin', f));
    await symlink(join(root, 'node_modules'), join(dir, 'node_modules'));
    for (const d of ['src/cli', 'workers', 'drizzle', 'web', 'dist/src/cli']) await mkdir(join(dir, d), { recursive: true });
    await writeFile(join(dir, 'src', 'cli', 'main.ts'), "const from: string = 'sources';\nconsole.log(from);\n");
    await writeFile(join(dir, 'dist', 'src', 'cli', 'main.js'), "console.log('dist');\n");
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const which = async () => (await run(process.execPath, [join(dir, 'bin', 'khcl.js')])).stdout.trim();

  it('runs the sources when there is no build', async () => {
    expect(await which()).toBe('sources');
  });

  it('runs the build while it is newer than every source, and the sources once one is newer', async () => {
    const stampFile = join(dir, 'dist', '.build-stamp');
    await writeFile(stampFile, '');
    const now = Date.now() / 1000;
    await utimes(stampFile, now, now);
    for (const f of ['src/cli/main.ts']) await utimes(join(dir, f), now - 60, now - 60);
    expect(await which()).toBe('dist');
    await writeFile(join(dir, 'drizzle', '0099_new.sql'), 'select 1;');
    await utimes(join(dir, 'drizzle', '0099_new.sql'), now + 5, now + 5);
    expect(await which()).toBe('sources');
  });
});
