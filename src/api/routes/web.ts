/**
 * The web page (web/) from the API's own process, at `/`. The files are listed once, when the
 * plugin registers, and each becomes one exact route: no part of a request's path ever reaches the
 * file system, so "/..%2f..%2fetc/passwd" is just a route that does not exist (the API's JSON 404).
 * @fastify/static is not a dependency, and a flat folder of five files does not need it.
 *
 * Caching: there is no build step, so names carry no content hash and nothing may be cached as
 * immutable. Every file is sent with `Cache-Control: no-cache` and a strong ETag (its SHA-256):
 * the browser asks each time and gets a bodiless 304 while the file is unchanged.
 * Files are read at start-up: after editing web/, restart `khcl serve`.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/** web/ at the root of the repository. */
export const WEB_ROOT = fileURLToPath(new URL('../../../web/', import.meta.url));

// Only these types are served; anything else in web/ (notes, editor backups) stays private.
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// The page loads nothing from elsewhere (no CDN, no fonts) and runs no inline script, so it can
// forbid both: a value injected into the page by a document's text could not run or phone home.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

interface WebFile {
  body: Buffer;
  type: string;
  etag: string;
}

async function loadFiles(root: string): Promise<Map<string, WebFile>> {
  const files = new Map<string, WebFile>();
  for (const entry of await readdir(root, { withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    if (!entry.isFile() || !type || !/^[\w.-]+$/.test(entry.name) || entry.name.startsWith('.')) continue;
    const body = await readFile(join(root, entry.name));
    files.set(entry.name, { body, type, etag: `"${createHash('sha256').update(body).digest('base64url')}"` });
  }
  return files;
}

/** If-None-Match may list several tags, weak ones included (RFC 9110 §13.1.2 compares weakly). */
function matches(header: string | undefined, etag: string): boolean {
  return !!header && header.split(',').some((t) => t.trim().replace(/^W\//, '') === etag || t.trim() === '*');
}

/** Register `/` (index.html) and `/<file>` for each file of web/. */
export async function webRoutes(app: FastifyInstance, options: { root?: string } = {}): Promise<void> {
  const files = await loadFiles(options.root ?? WEB_ROOT);
  for (const [name, file] of files) {
    const urls = name === 'index.html' ? ['/', '/index.html'] : [`/${name}`];
    for (const url of urls) {
      app.get(url, async (request, reply) => {
        void reply
          .header('cache-control', 'no-cache')
          .header('etag', file.etag)
          .header('x-content-type-options', 'nosniff')
          .header('referrer-policy', 'no-referrer');
        if (file.type.startsWith('text/html')) void reply.header('content-security-policy', CSP);
        if (matches(request.headers['if-none-match'], file.etag)) return reply.status(304).send();
        return reply.type(file.type).send(file.body);
      });
    }
  }
}
