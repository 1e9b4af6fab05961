/**
 * Bearer tokens. Only SHA-256 hashes of tokens are configured, so the configuration leaks no
 * token; a presented token is hashed and compared with every configured hash in constant time
 * (crypto.timingSafeEqual on equal-length digests, no early exit), so timing says nothing about
 * how close a guess was or which token matched.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { ApiConfig } from './config.js';
import { ApiError } from './errors.js';

/** What a route needs: open reads (unless configured otherwise) or a token. */
export type Access = 'read' | 'write';

/** SHA-256 of a token, hex: what goes into KHCL_API_TOKENS. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether the token's hash is one of the configured hashes. */
export function tokenAllowed(token: string, hashes: readonly Buffer[]): boolean {
  const presented = createHash('sha256').update(token, 'utf8').digest();
  let ok = false;
  for (const h of hashes) ok = timingSafeEqual(presented, h) || ok;
  return ok;
}

function bearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const m = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m?.[1];
}

/** The SHA-256 (hex) of the request's bearer token: who is writing, for per-token limits. */
export function tokenOf(request: FastifyRequest): string | undefined {
  const token = bearer(request);
  return token === undefined ? undefined : tokenHash(token);
}

/** Throw 401 unless the request may do what the route does. */
export function authorize(request: FastifyRequest, access: Access, config: ApiConfig): void {
  if (access === 'read' && !config.readRequiresToken) return;
  const token = bearer(request);
  if (!token) throw new ApiError('auth.required', 'this request needs a token: Authorization: Bearer <token>');
  if (config.tokenHashes.length === 0) throw new ApiError('auth.required', 'no API tokens are configured (KHCL_API_TOKENS), so no token is valid');
  if (!tokenAllowed(token, config.tokenHashes)) throw new ApiError('auth.required', 'the token is not valid');
}
