/**
 * Options of the scripts behind `npm run corpus|eval|bench…`: node's parseArgs, plus `--help`
 * (the script's opening comment, which is its usage) and a one-line error for an unknown or
 * malformed option instead of a stack trace.
 */
import { readFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** The opening /** … *\/ comment of `file`, without its stars. */
export function usageOf(file: string): string {
  const head = /^\/\*\*([\s\S]*?)\*\//.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
  return head
    .split('\n')
    .map((l) => l.replace(/^\s*\* ?/, ''))
    .join('\n')
    .trim();
}

/** For scripts that read process.argv themselves: print the usage and exit on --help / -h. */
export function helpIfAsked(file: string): void {
  if (process.argv.includes('--help') || process.argv.includes('-h')) {
    process.stdout.write(`${usageOf(file)}\n`);
    process.exit(0);
  }
}

export function scriptArgs<O extends NonNullable<ParseArgsConfig['options']>>(file: string, options: O, allowPositionals = false) {
  const argv = process.argv.slice(2);
  helpIfAsked(file);
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    process.stderr.write(`${(e as Error).message.split('\n')[0]}\nRun with --help for the options.\n`);
    process.exit(2);
  }
}
