/**
 * A fresh store per test file, on each database: PGlite in memory, and PostgreSQL in a database
 * created for the run (dropped afterwards), so parallel test files and CI runs never collide.
 * A database rather than a schema because drizzle-kit writes `"public".` into foreign keys.
 */
import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openStore, type Store, type StoreTarget } from '../../../src/store/index.js';
import { requireService, service, titled, type Service } from './services.js';

export const postgresService: Service = await service('PostgreSQL', 'DATABASE_URL', 5432);

export interface TestStore extends Store {
  target: StoreTarget;
  /** The connection string when on PostgreSQL (for child processes). */
  url?: string;
  dispose(): Promise<void>;
}

/**
 * The database drivers a shared suite runs against: PGlite always; PostgreSQL when DATABASE_URL
 * answers (or CI is set). Use as `describe.skipIf(!d.run)(d.title, …)` so a skip shows its reason.
 */
export const DRIVERS = [
  { driver: 'pglite' as const, run: true, title: 'pglite' },
  { driver: 'postgres' as const, run: postgresService.run, title: titled('postgres', postgresService) },
];

/** Create an empty PostgreSQL database next to DATABASE_URL's; returns its URL and a drop function. */
export async function createTestDatabase(prefix = 'khcl_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = requireService(postgresService);
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await a.end({ timeout: 5 });
      }
    },
  };
}

/** Open a migrated, empty store on the given driver. */
export async function openTestStore(driver: 'pglite' | 'postgres'): Promise<TestStore> {
  if (driver === 'pglite') {
    const target: StoreTarget = { memory: true };
    const store = await openStore(target);
    return { ...store, target, dispose: () => store.close() };
  }
  const db = await createTestDatabase();
  const target: StoreTarget = { databaseUrl: db.url };
  const store = await openStore(target);
  return {
    ...store,
    target,
    url: db.url,
    async dispose() {
      await store.close();
      await db.drop();
    },
  };
}
