/**
 * `khcl` — the command line. Each command lives in src/cli/commands/<name>.ts and exports a
 * `register(program)`; this file only wires them and turns errors into one line and an exit code.
 */
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { langFromEnv } from '../config.js';
import { ERROR_CODES, isKhclError } from '../errors.js';
import { explain } from '../messages.js';
import { releaseReaders } from '../pipeline/extract-file.js';
import { registerExtract } from './commands/extract.js';
import { registerImport } from './commands/import.js';
import { registerReextract } from './commands/reextract.js';
import { registerStatus } from './commands/status.js';
import { registerMigrate } from './commands/migrate.js';
import { registerWorker } from './commands/worker.js';
import { registerQuery } from './commands/query.js';
import { registerSum } from './commands/sum.js';
import { registerLink } from './commands/link.js';
import { registerServe } from './commands/serve.js';

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = new Command('khcl')
  .description('Vietnamese quality-improvement plans (KH) and reports (BC) into structured records')
  .version(version, '-V, --version', 'print the version of khcl')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

registerExtract(program);
registerImport(program);
registerReextract(program);
registerStatus(program);
registerMigrate(program);
registerWorker(program);
registerQuery(program);
registerSum(program);
registerLink(program);
registerServe(program);

try {
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`khcl: ${explain(e, langFromEnv())}\n`);
  process.exitCode = isKhclError(e) ? ERROR_CODES[e.code].exit : 1;
} finally {
  await releaseReaders();
}
