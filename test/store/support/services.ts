/**
 * Outside services for tests (PostgreSQL, Redis). Locally a suite whose service is down is
 * skipped, and says why; when CI is set the suite runs anyway and fails on its first connection,
 * because a green CI run that silently skipped the database is worse than a red one.
 */
import net from 'node:net';

export interface Service {
  name: string;
  url: string | undefined;
  /** Run the suite: the service answered, or CI is set (then failing is the point). */
  run: boolean;
  /** Why the suite is skipped or will fail. */
  reason?: string;
}

const inCi = () => !!process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0';

/** Probe a service by TCP connect to the URL's host and port. */
export async function service(name: string, envVar: 'DATABASE_URL' | 'REDIS_URL', defaultPort: number): Promise<Service> {
  const url = process.env[envVar]?.trim() || undefined;
  if (!url) {
    const reason = `${envVar} is not set`;
    if (!inCi()) console.warn(`[skip] ${name} tests: ${reason}`);
    return { name, url, run: inCi(), reason };
  }
  const u = new URL(url);
  const ok = await reachable(u.hostname || '127.0.0.1', Number(u.port) || defaultPort);
  if (ok) return { name, url, run: true };
  const reason = `${name} at ${u.hostname}:${u.port || defaultPort} is not reachable`;
  if (!inCi()) console.warn(`[skip] ${name} tests: ${reason}`);
  return { name, url, run: inCi(), reason };
}

/** Throw the reason a required service is missing (called first in a suite's beforeAll). */
export function requireService(s: Service): string {
  if (!s.url || s.reason) throw new Error(`${s.name} is required when CI is set: ${s.reason}`);
  return s.url;
}

/** A title that shows, in the test report, why a suite was skipped. */
export function titled(base: string, s: Service): string {
  return s.reason && !s.run ? `${base} (skipped: ${s.reason})` : base;
}

function reachable(host: string, port: number, timeoutMs = 1500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
