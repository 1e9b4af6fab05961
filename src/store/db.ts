/**
 * Two databases, one schema: embedded PGlite (a directory, or memory for tests) when no
 * DATABASE_URL is configured, PostgreSQL through postgres.js when one is. Both speak the same SQL,
 * so every repository function takes a {@link Db} and never knows which one it has.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { KhclError } from '../errors.js';
import { asStoreError, endpointOf, guardDb, storeUnavailable } from './errors.js';
import { fillMissingCopyKeys } from './extractions.js';
import * as schema from './schema.js';

/** A drizzle database over either driver. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** The transaction handle `db.transaction` passes to its callback. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

/** Where the data lives: a PostgreSQL URL, a PGlite directory, or PGlite in memory. */
export type StoreTarget = { databaseUrl: string } | { pgliteDir: string } | { memory: true };

/** An open database and how to close it. */
export interface Store {
  db: Db;
  driver: 'pglite' | 'postgres';
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Apply pending migrations before returning (default true: "migrate on start"). */
  migrate?: boolean;
  /** postgres.js pool size (default 5). */
  poolSize?: number;
}

const MIGRATIONS = fileURLToPath(new URL('../../drizzle', import.meta.url));
/** Any fixed number: serialises concurrent `migrate` calls from several worker processes. */
const MIGRATION_LOCK = 727_465_001;

/**
 * Open the store and (by default) bring its schema up to date. Throws `store.unavailable` when the
 * database cannot be reached; on PostgreSQL every later query does too (see ./errors.ts).
 */
export async function openStore(target: StoreTarget, options: OpenOptions = {}): Promise<Store> {
  const store = 'databaseUrl' in target ? await openPostgres(target.databaseUrl, options) : await openPglite(target);
  if (options.migrate ?? true) {
    try {
      await migrateStore(store, target);
      await fillMissingCopyKeys(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

/** Apply the migrations in drizzle/ (idempotent). */
export async function migrateStore(store: Store, target: StoreTarget): Promise<void> {
  if (store.driver === 'pglite') {
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    await migrate(store.db as never, { migrationsFolder: MIGRATIONS });
    return;
  }
  // drizzle's migrator takes no lock, and two workers starting together would both try to create
  // the tables. A session-level advisory lock needs one connection, hence a pool of one.
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const { migrate } = await import('drizzle-orm/postgres-js/migrator');
  const client = postgres((target as { databaseUrl: string }).databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const db = drizzle({ client });
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK})`);
    try {
      await migrate(db, { migrationsFolder: MIGRATIONS });
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK})`);
    }
  } catch (e) {
    throw asStoreError(e, endpointOf((target as { databaseUrl: string }).databaseUrl));
  } finally {
    await client.end({ timeout: 5 });
  }
}

async function openPostgres(url: string, options: OpenOptions): Promise<Store> {
  const { default: postgres } = await import('postgres');
  const { drizzle } = await import('drizzle-orm/postgres-js');
  const client = postgres(url, { max: options.poolSize ?? 5, onnotice: () => {}, connect_timeout: 10 });
  const endpoint = endpointOf(url);
  const db = guardDb(drizzle({ client, schema }) as unknown as Db, endpoint);
  try {
    await db.execute(sql`select 1`);
  } catch (e) {
    await client.end({ timeout: 1 }).catch(() => {});
    // Whatever stops `select 1` (refused, bad password, TLS) means there is no database to use.
    throw e instanceof KhclError ? e : storeUnavailable(e, endpoint);
  }
  return { db, driver: 'postgres', close: () => client.end({ timeout: 5 }) };
}

async function openPglite(target: { pgliteDir: string } | { memory: true }): Promise<Store> {
  const { PGlite } = await import('@electric-sql/pglite');
  const { drizzle } = await import('drizzle-orm/pglite');
  let dataDir: string | undefined;
  if ('pgliteDir' in target) {
    mkdirSync(target.pgliteDir, { recursive: true });
    dataDir = target.pgliteDir;
  }
  const client = await PGlite.create(dataDir ? { dataDir } : {}).catch((e: unknown) => {
    const reason = e instanceof Error ? e.message : String(e);
    throw new KhclError('store.unavailable', `the embedded database${dataDir ? ` in ${dataDir}` : ''} cannot be opened (${reason})`, { cause: e });
  });
  const db = drizzle({ client, schema }) as unknown as Db;
  return { db, driver: 'pglite', close: () => client.close() };
}

/** Rows of `db.execute`, whichever driver answered (PGlite: `{ rows }`, postgres.js: an array). */
export function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** The store a configuration points at (DATABASE_URL, else PGlite under the data directory). */
export function targetOf(config: { databaseUrl?: string; pgliteDir: string }): StoreTarget {
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { pgliteDir: config.pgliteDir };
}
