// Whether dist/ (the compiled khcl: scripts/build.mjs) is at least as new as every file it was
// built from: the TypeScript sources, the workers, the migrations and the web page it copies.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The newest modification time under `dir` (0 when it does not exist). */
function newest(dir) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  let latest = 0;
  for (const entry of entries) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** True when `root`/dist holds a build newer than every file under src, workers, drizzle and web. */
export function freshBuild(root) {
  let built;
  try {
    built = statSync(join(root, 'dist', '.build-stamp')).mtimeMs;
  } catch {
    return false;
  }
  return ['src', 'workers', 'drizzle', 'web'].every((dir) => newest(join(root, dir)) <= built);
}
