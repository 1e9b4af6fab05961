/** `khcl migrate`: bring the database schema up to date (every other command does this on start too). */
import type { Command } from 'commander';
import { loadConfig } from '../../config.js';
import { openStore, targetOf } from '../../store/index.js';

/** Register `khcl migrate`. */
export function registerMigrate(program: Command): void {
  program
    .command('migrate')
    .description('apply pending database migrations (PGlite under KHCL_DATA, or DATABASE_URL)')
    .action(async () => {
      const config = loadConfig();
      const store = await openStore(targetOf(config));
      await store.close();
      const where = store.driver === 'postgres' ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${config.pgliteDir}`;
      process.stdout.write(`database schema is up to date: ${where}\n`);
    });
}
