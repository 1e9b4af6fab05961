/**
 * A worker process whose reader sleeps KHCL_TEST_SLOW_MS before reading: a stand-in for a scan's
 * minutes of OCR, so a fault test can SIGKILL a worker in the middle of a slow job without
 * waiting for tesseract. Everything else is the real worker (queue, pipeline, store).
 */
import { loadConfig } from '../../../src/config.js';
import { describeError } from '../../../src/errors.js';
import { ingest } from '../../../src/ingest/registry.js';
import { openRuntime } from '../../../workers/runtime.js';
import { runWorker } from '../../../workers/run-worker.js';

const slowMs = Number(process.env.KHCL_TEST_SLOW_MS ?? 3000);
try {
  const rt = await openRuntime(loadConfig(), {
    pipeline: { ingest: async (bytes, options) => (await new Promise((r) => setTimeout(r, slowMs)), ingest(bytes, options)) },
  });
  try {
    await runWorker(rt, { concurrency: 1 });
  } finally {
    await rt.close();
  }
} catch (e) {
  process.stderr.write(`khcl slow worker: ${describeError(e)}\n`);
  process.exitCode = 1;
}
