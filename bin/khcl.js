#!/usr/bin/env node
// The khcl command. Runs the compiled JavaScript in dist/ (built by `npm install` through
// `prepare`, or `npm run build`) when no source, migration or web file is newer than that build;
// otherwise the TypeScript sources through tsx, as in development. Either way what runs is what
// the sources say: a stale build is never used.
import { join } from 'node:path';
import { freshBuild } from './fresh-build.js';

if (freshBuild(join(import.meta.dirname, '..'))) {
  await import('../dist/src/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
