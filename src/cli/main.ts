/**
 * `khcl` — the command line. Each command lives in src/cli/commands/<name>.ts and exports a
 * `register…(program)`; this file only wires them and turns errors into one line and an exit code.
 * Only the command asked for is loaded (all of them for help or an unknown word): `khcl query`
 * never loads the PDF, OCR, Word or Excel code, which is most of the start-up time.
 */
import { createRequire } from 'node:module';
import { Command } from 'commander';
import { langFromEnv } from '../config.js';
import { ERROR_CODES, isKhclError } from '../errors.js';
import { explain } from '../messages.js';

type Register = (program: Command) => void;

/** Each command's module, loaded when asked for. */
const COMMANDS: Record<string, () => Promise<Register>> = {
  extract: async () => (await import('./commands/extract.js')).registerExtract,
  import: async () => (await import('./commands/import.js')).registerImport,
  reextract: async () => (await import('./commands/reextract.js')).registerReextract,
  status: async () => (await import('./commands/status.js')).registerStatus,
  migrate: async () => (await import('./commands/migrate.js')).registerMigrate,
  worker: async () => (await import('./commands/worker.js')).registerWorker,
  query: async () => (await import('./commands/query.js')).registerQuery,
  sum: async () => (await import('./commands/sum.js')).registerSum,
  link: async () => (await import('./commands/link.js')).registerLink,
  serve: async () => (await import('./commands/serve.js')).registerServe,
};

/** Commands that may start file readers (a pdfjs instance, OCR workers) to release at the end. */
const READS_FILES = new Set(['extract', 'import', 'worker', 'serve']);

const { version } = createRequire(import.meta.url)('../../package.json') as { version: string };

const program = new Command('khcl')
  .description('Vietnamese quality-improvement plans (KH) and reports (BC) into structured records')
  .version(version, '-V, --version', 'print the version of khcl')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

// The first word that is not an option names the command (khcl's global options take no value).
const asked = process.argv.slice(2).find((a) => !a.startsWith('-'));
const wanted = asked !== undefined && Object.hasOwn(COMMANDS, asked) ? [asked] : Object.keys(COMMANDS);

let ran: string | undefined;
program.hook('preAction', (_program, command) => {
  ran = command.name();
});

try {
  for (const register of await Promise.all(wanted.map((name) => COMMANDS[name]()))) register(program);
  await program.parseAsync(process.argv);
} catch (e) {
  process.stderr.write(`khcl: ${explain(e, langFromEnv())}\n`);
  process.exitCode = isKhclError(e) ? ERROR_CODES[e.code].exit : 1;
} finally {
  if (ran !== undefined && READS_FILES.has(ran)) await (await import('../pipeline/extract-file.js')).releaseReaders();
}
