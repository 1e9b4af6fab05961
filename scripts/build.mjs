// `npm run build` (and `npm install`, through `prepare`): compile src/ and workers/ to dist/ with
// tsc, beside copies of what the compiled code reads next to itself (the pdfjs load hook, the
// migrations, the web page), at the same relative places. bin/khcl.js runs dist/ only while no
// source is newer than dist/.build-stamp, so a stale build is never run. Plain JavaScript: it runs
// before anything is compiled. A type error is printed but does not stop the build (tsc emits
// anyway, as tsx would run it); `npm run typecheck` is where types are enforced.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';

const root = join(import.meta.dirname, '..');
// Another folder may be given (a test builds into one of its own); it must sit inside the
// project, where the compiled code finds node_modules.
const dist = resolve(process.argv[2] ?? join(root, 'dist'));
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch {
  console.warn('khcl build: typescript is not installed (a production install?): the CLI runs from the sources through tsx');
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });
const started = Date.now();
const result = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', dist], { cwd: root, stdio: 'inherit' });
if (!existsSync(join(dist, 'src', 'cli', 'main.js'))) {
  console.error('khcl build: tsc emitted nothing; the CLI will run from the sources through tsx');
  process.exit(result.status || 1);
}
if (result.status !== 0) console.warn('khcl build: tsc reported type errors (above); dist/ was written anyway');

/** Plain JavaScript modules among the sources (tsc copies only what it compiles). */
function copyModules(dir) {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) copyModules(path);
    else if (entry.name.endsWith('.mjs')) cpSync(join(root, path), join(dist, path));
  }
}
copyModules('src');
for (const dir of ['drizzle', 'web']) cpSync(join(root, dir), join(dist, dir), { recursive: true });
// `khcl --version` reads the version from package.json two folders above the CLI, here as in the sources.
cpSync(join(root, 'package.json'), join(dist, 'package.json'));
// Dated when the build started: a source saved while tsc ran counts as newer than the build.
const stamp = join(dist, '.build-stamp');
writeFileSync(stamp, `${new Date(started).toISOString()}\n`);
utimesSync(stamp, started / 1000, started / 1000);
console.log(`khcl build: ${dist} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
