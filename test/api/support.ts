/** An API app over a test runtime, and helpers for inject. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { apiDepsOf, buildApi, loadApiConfig, tokenHash, type ApiConfig } from '../../src/api/index.js';
import type { TestRuntime } from '../pipeline/support/runtime.js';

export const TOKEN = 'khcl-test-token-7f3a';
export const AUTH = { authorization: `Bearer ${TOKEN}` };

/** The API configuration for tests: one token, a generous rate limit unless given. */
export function testConfig(env: Record<string, string> = {}): ApiConfig {
  return loadApiConfig({ KHCL_API_TOKENS: `${tokenHash('another-token')},${tokenHash(TOKEN).toUpperCase()}`, KHCL_API_RATE_LIMIT: '100000', ...env });
}

export async function testApp(rt: TestRuntime, env: Record<string, string> = {}): Promise<FastifyInstance> {
  return buildApi(apiDepsOf(rt), testConfig(env));
}

/** A multipart/form-data body with file parts. */
export function multipart(files: { name: string; bytes: Uint8Array; field?: string }[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----khcl${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const f of files) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${f.field ?? 'file'}"; filename="${f.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
        'utf8',
      ),
      Buffer.from(f.bytes),
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** The JSON error of a response. */
export const errorOf = (r: LightMyRequestResponse) => (r.json() as { error: { code: string; message: string } }).error;

/** Poll a document's status until it leaves the pipeline. */
export async function settled(app: FastifyInstance, id: number, timeoutMs = 60_000): Promise<{ status: string; errorCode: string | null }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const r = await app.inject({ method: 'GET', url: `/documents/${id}/status` });
    const body = r.json() as { status: string; errorCode: string | null };
    if (body.status === 'stored' || body.status === 'failed') return body;
    if (Date.now() > until) throw new Error(`document ${id} still ${body.status}`);
    await new Promise((res) => setTimeout(res, 50));
  }
}
