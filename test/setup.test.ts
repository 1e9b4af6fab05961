/**
 * The set-up a fresh clone gets (`npm ci`, or `npm install`): the lock file, checked as data.
 * Every package it installs supports the Node version `engines` promises (npm's EBADENGINE
 * warnings otherwise), and it holds the optional platform packages of every system, so `npm
 * install` on another machine does not rewrite it. CI installs with `npm ci`, the README's command.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(await readFile(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(await readFile(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
  lockfileVersion: number;
  packages: Record<string, { version?: string; engines?: { node?: string }; optional?: boolean; os?: string[]; cpu?: string[] }>;
};

describe('set-up from a clean clone', () => {
  it('installs only packages that support the oldest Node `engines` allows', () => {
    const oldest = semver.minVersion(pkg.engines.node)!.version;
    expect(oldest).toBe('20.19.0');
    const refused = Object.entries(lock.packages)
      .filter(([where, p]) => where !== '' && p.engines?.node && !semver.satisfies(oldest, p.engines.node, { includePrerelease: true }))
      .map(([where, p]) => `${where}@${p.version} wants node ${p.engines!.node}`);
    expect(refused).toEqual([]);
  });

  it('holds the optional platform packages of every system, so `npm install` elsewhere leaves it as it is', () => {
    expect(lock.lockfileVersion).toBe(3);
    const platforms = (prefix: string) =>
      Object.entries(lock.packages)
        .filter(([where]) => where.startsWith(prefix))
        .flatMap(([, p]) => p.os ?? []);
    for (const prefix of ['node_modules/@img/sharp-', 'node_modules/@esbuild/', 'node_modules/@rollup/rollup-']) {
      expect(new Set(platforms(prefix)), prefix).toEqual(expect.objectContaining({ size: expect.any(Number) }));
      for (const os of ['linux', 'darwin', 'win32']) expect(platforms(prefix), `${prefix}* for ${os}`).toContain(os);
    }
  });

  it('installs with `npm ci` in CI, as the README says', async () => {
    const ci = await readFile(path.join(ROOT, '.ci', 'run'), 'utf8');
    const readme = await readFile(path.join(ROOT, 'README.md'), 'utf8');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(readme).toMatch(/^npm ci\b/m);
  });
});
