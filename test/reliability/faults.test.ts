/**
 * Issue 8, faults: services and processes failing under a running import. Runs only when
 * DATABASE_URL and REDIS_URL are set; when CI is set and either is unreachable the suite runs
 * anyway and fails, because a green CI that skipped its fault tests proves nothing.
 * These tests stop and start the machine's PostgreSQL and Redis; afterAll leaves both running.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { postgresService } from '../store/support/databases.js';
import { requireService, titled } from '../store/support/services.js';
import { redisService } from '../workers/support/redis.js';
import { SCENARIOS, type FaultResult } from './faults.js';
import { ensureUp } from './support/services.js';

const both = { ...redisService, run: redisService.run && postgresService.run, reason: redisService.reason ?? postgresService.reason };

/**
 * Worker crashes are printed, not asserted: on a PostgreSQL restart postgres.js 3.4.9 can throw
 * from a setImmediate (porsager/postgres#1154) and kill the process; recovery (a process manager
 * restarting it) is what this suite checks, and the crash is a driver bug reported upstream.
 */
function report(r: FaultResult) {
  console.info(`${r.name}: expected ${r.expected}, stored ${r.stored}, duplicated ${r.duplicated}, lost ${r.lost}, partial ${r.partial}, worker crashes ${r.workerCrashes} (${r.ms} ms)\n  ${r.notes.join('\n  ')}`);
  expect({ stored: r.stored, duplicated: r.duplicated, lost: r.lost, partial: r.partial }, r.notes.join('\n')).toEqual({ stored: r.expected, duplicated: 0, lost: 0, partial: 0 });
}

describe.skipIf(!both.run)(titled('faults under a running import (PostgreSQL + Redis)', both), () => {
  afterAll(ensureUp, 60_000);

  it('services are reachable', () => {
    requireService(postgresService);
    requireService(redisService);
  });

  it('(a) Redis restarted mid-import: every document stored once', async () => report(await SCENARIOS.redisRestart()), 300_000);
  it('(b) PostgreSQL restarted mid-import: every document stored once', async () => report(await SCENARIOS.postgresRestart()), 300_000);
  it('(c) a worker SIGKILLed during a slow job: taken over, stored once', async () => report(await SCENARIOS.workerKilled()), 300_000);
  it('(d) reextract killed part-way: no half-written document, a second run completes', async () => report(await SCENARIOS.reextractKilled()), 300_000);
});
