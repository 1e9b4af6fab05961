/**
 * PostgreSQL down, for real: a store pointed at a port where nothing listens, and a store whose
 * database goes away after it opened (a TCP relay in front of PostgreSQL is stopped, a backend is
 * terminated mid-query). Every call rejects with `store.unavailable` naming host:port; an SQL
 * error on a live connection stays what it was.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { countByStatus, documents, getDocument, markFailed, openStore, registerDocument, type Store } from '../../src/store/index.js';
import { createTestDatabase, postgresService } from './support/databases.js';
import { requireService, titled } from './support/services.js';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy.js';

describe('a store where nothing listens', () => {
  it('rejects with store.unavailable naming host:port, not the password', async () => {
    const opened = openStore({ databaseUrl: 'postgres://khcl:s3cret@127.0.0.1:1/test' });
    await expect(opened).rejects.toBeInstanceOf(KhclError);
    const e = (await opened.catch((err: unknown) => err)) as KhclError;
    expect(e.code).toBe('store.unavailable');
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/^the database at 127\.0\.0\.1:1 is not reachable \(.*ECONNREFUSED.*\); start PostgreSQL or check DATABASE_URL$/);
    expect(e.message).not.toContain('s3cret');
  });
});

describe.skipIf(!postgresService.run)(titled('a PostgreSQL store that loses its database', postgresService), () => {
  let pg: { url: string; drop: () => Promise<void> };
  let proxy: TcpProxy;
  let store: Store;
  beforeAll(async () => {
    requireService(postgresService);
    pg = await createTestDatabase();
    const u = new URL(pg.url);
    proxy = await startTcpProxy({ host: u.hostname, port: Number(u.port) || 5432 });
    store = await openStore({ databaseUrl: proxy.via(pg.url) });
  });
  afterAll(async () => {
    await store?.close();
    await proxy?.stop();
    await pg?.drop();
  });

  it('keeps SQL errors as they are while the database is up', async () => {
    expect(await countByStatus(store.db)).toMatchObject({ stored: 0 });
    const e = await store.db.execute(sql`select 1 / 0`).catch((err: unknown) => err);
    expect(e).not.toBeInstanceOf(KhclError);
    expect((e as { cause?: { code?: string } }).cause?.code).toBe('22012');
  });

  it('turns a backend terminated mid-query (57P01) into store.unavailable', async () => {
    const pending = store.db.execute(sql`select pg_sleep(30) as "khcl_unavailable_probe"`).catch((err: unknown) => err);
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    try {
      for (let i = 0; i < 100; i++) {
        const [row] = await admin`select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where query like '%khcl_unavailable_probe%' and pid <> pg_backend_pid()`;
        if (row.n > 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    } finally {
      await admin.end({ timeout: 5 });
    }
    const e = (await pending) as KhclError;
    expect(e).toBeInstanceOf(KhclError);
    expect(e.code).toBe('store.unavailable');
    expect(e.message).toContain(`127.0.0.1:${proxy.port}`);
    // postgres.js reports the server's FATAL 57P01 as the connection closing under the query.
    expect(e.message).toMatch(/57P01|terminating connection|CONNECTION_CLOSED/);
  });

  it('rejects every kind of call with store.unavailable once the database is gone', async () => {
    await proxy.stop();
    const calls: [string, () => Promise<unknown>][] = [
      ['a repository read', () => getDocument(store.db, 1)],
      ['a repository write', () => markFailed(store.db, 1, 'internal', 'x')],
      ['a builder query', () => store.db.select().from(documents).limit(1)],
      ['a repository insert', () => registerDocument(store.db, { sha256: '0'.repeat(64), size: 1, fileName: 'a.docx' })],
      ['raw SQL', () => store.db.execute(sql`select 1`)],
      ['a transaction callback', () => store.db.transaction(async (tx) => tx.execute(sql`select 1`))],
    ];
    for (const [name, call] of calls) {
      const e = (await call().catch((err: unknown) => err)) as KhclError;
      expect(e, name).toBeInstanceOf(KhclError);
      expect(e.code, name).toBe('store.unavailable');
      expect(e.message, name).toMatch(new RegExp(`^the database at 127\\.0\\.0\\.1:${proxy.port} is not reachable \\(.+\\); start PostgreSQL or check DATABASE_URL$`));
    }
  });
});
