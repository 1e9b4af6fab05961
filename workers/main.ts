/**
 * A worker process without the rest of the CLI: `node --import tsx workers/main.ts [--concurrency N]`.
 * Does exactly what `khcl worker` does; tests and process managers spawn this one because it
 * loads nothing but the worker.
 */
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/config.js';
import { describeError } from '../src/errors.js';
import { workerProcess } from './run-worker.js';

const { values } = parseArgs({ options: { concurrency: { type: 'string' } } });
try {
  const concurrency = values.concurrency ? Number(values.concurrency) : undefined;
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency > 0)) throw new Error('--concurrency must be a positive integer');
  await workerProcess(loadConfig(), { concurrency });
} catch (e) {
  process.stderr.write(`khcl worker: ${describeError(e)}\n`);
  process.exitCode = 1;
}
