/**
 * Stopping and starting the local PostgreSQL and Redis for the fault tests, with the commands the
 * test machine documents. `ensureUp` is what every fault test's finally/afterAll calls: whatever
 * happened, the services are left running for the next suite.
 */
import { execSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import net from 'node:net';

const pgVersion = () => readdirSync('/etc/postgresql')[0];
const run = (cmd: string) => execSync(cmd, { stdio: 'pipe', timeout: 60_000 }).toString();

export const pg = {
  stop: () => run(`pg_ctlcluster --skip-systemctl-redirect ${pgVersion()} main stop`),
  start: () => run(`pg_ctlcluster --skip-systemctl-redirect ${pgVersion()} main start`),
  port: 5432,
};

export const redis = {
  stop: () => run('redis-cli shutdown nosave'),
  start: () => run('redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no'),
  port: 6379,
};

export function reachable(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => (s.destroy(), resolve(ok));
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** Start whichever of the two is down, and wait until it answers. */
export async function ensureUp(): Promise<void> {
  for (const s of [pg, redis]) {
    if (await reachable(s.port)) continue;
    try {
      s.start();
    } catch {
      // already starting, or a stale pid file: the wait below decides
    }
    for (let i = 0; i < 100 && !(await reachable(s.port)); i++) await new Promise((r) => setTimeout(r, 200));
  }
  // PostgreSQL accepts TCP before it accepts queries; give recovery a moment.
  await new Promise((r) => setTimeout(r, 500));
}

/** Stop a service, keep it down for `downMs`, start it again. */
export async function bounce(s: typeof pg | typeof redis, downMs: number): Promise<void> {
  s.stop();
  await new Promise((r) => setTimeout(r, downMs));
  s.start();
  for (let i = 0; i < 100 && !(await reachable(s.port)); i++) await new Promise((r) => setTimeout(r, 200));
}
