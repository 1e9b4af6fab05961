/**
 * The tesseract.js worker pool: one scheduler of `availableParallelism()` workers, created on
 * the first OCR call and reused by every page of every document until {@link shutdownOcr} (or
 * until it has been idle for a while, so a process that forgets to shut it down still exits).
 *
 * Everything is loaded from node_modules, nothing from the network: tesseract.js fetches its
 * language data from a CDN unless `langPath` is a local directory, and writes the unpacked
 * `vie.traineddata` into the working directory unless `cacheMethod` is 'none'. The wasm core is
 * `require`d from tesseract.js-core by the Node worker script (corePath is only used in
 * browsers) and the worker script itself is a file inside tesseract.js.
 */
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { KhclError } from '../../errors.js';
import { limitExceeded } from './limits.js';
import { message } from './raster.js';

const require = createRequire(import.meta.url);

/** Local paths of the engine's parts; exported so a test can assert none is a URL. */
export const OCR_PATHS = Object.freeze({
  // The LSTM-only integer model (1.4 MB gz): what tesseract.js picks for OEM LSTM_ONLY; the
  // `4.0.0` folder beside it adds the legacy engine's data, which LSTM mode never reads.
  langPath: join(dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int'),
  corePath: dirname(require.resolve('tesseract.js-core/package.json')),
  workerPath: require.resolve('tesseract.js/src/worker-script/node/index.js'),
});

/** Page segmentation modes used here (tesseract's numbering). */
export type Psm = '3' | '4' | '6' | '11';

export interface RecognizeParams {
  psm: Psm;
  /** Resolution of the image, so tesseract's size heuristics are right for photos too. */
  dpi: number;
}

interface Pool {
  scheduler: Tesseract.Scheduler;
  workers: Tesseract.Worker[];
  generation: number;
}

const IDLE_MS = 30_000;
let pool: Promise<Pool> | null = null;
let generation = 0;
let running = 0;
let idleTimer: NodeJS.Timeout | null = null;
const waiting: (() => void)[] = [];

/** Workers in the pool: one per core (tesseract's wasm build is single-threaded). */
export function ocrPoolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

async function createPool(): Promise<Pool> {
  const scheduler = Tesseract.createScheduler();
  const workers = await Promise.all(
    Array.from({ length: ocrPoolSize() }, () =>
      Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, {
        langPath: OCR_PATHS.langPath,
        corePath: OCR_PATHS.corePath,
        workerPath: OCR_PATHS.workerPath,
        cacheMethod: 'none',
        gzip: true,
        errorHandler: () => {},
      }),
    ),
  );
  for (const w of workers) scheduler.addWorker(w);
  return { scheduler, workers, generation: ++generation };
}

function getPool(): Promise<Pool> {
  if (!pool) {
    pool = createPool().catch((cause) => {
      pool = null;
      throw new KhclError('ocr.failed', `could not start the OCR engine (${message(cause)})`, { cause });
    });
  }
  return pool;
}

/**
 * Terminate every OCR worker. Safe to call at any time and more than once; the next OCR call
 * starts a fresh pool. Jobs still running fail with `ocr.failed`.
 */
export async function shutdownOcr(): Promise<void> {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  const current = pool;
  pool = null;
  if (!current) return;
  const p = await current.catch(() => null);
  // scheduler.terminate() does not wait for its workers; terminate them one by one instead.
  if (p) await Promise.allSettled(p.workers.map((w) => w.terminate()));
}

/**
 * OCR one image (an encoded PNG/JPEG/PGM buffer) on the pool. At most one job per worker is
 * handed to the scheduler at a time, so the clock started here measures recognition, not
 * queueing; past `timeoutMs` the pool is recycled (a wasm call cannot be interrupted) and the
 * call fails with `limit.exceeded`.
 */
export async function recognize(image: Buffer, params: RecognizeParams, timeoutMs: number): Promise<Tesseract.Page> {
  await acquire();
  try {
    for (let attempt = 0; ; attempt++) {
      const p = await getPool();
      try {
        return await withTimeout(p, image, params, timeoutMs);
      } catch (e) {
        // Another page's timeout recycled the pool under this job: run it again once.
        if (attempt === 0 && !(e instanceof KhclError) && p.generation !== generation) continue;
        if (e instanceof KhclError) throw e;
        throw new KhclError('ocr.failed', `OCR failed (${message(e)})`, { cause: e });
      }
    }
  } finally {
    release();
  }
}

async function withTimeout(p: Pool, image: Buffer, params: RecognizeParams, timeoutMs: number): Promise<Tesseract.Page> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const elapsed = (performance.now() - started) / 1000;
      if (pool && generation === p.generation) void shutdownOcr();
      reject(limitExceeded('OCR time per page', elapsed, timeoutMs / 1000, ' s'));
    }, timeoutMs);
  });
  // Tesseract parameters passed with the job apply to it alone and are restored afterwards,
  // so pages with different modes can share workers.
  const options = { tessedit_pageseg_mode: params.psm, user_defined_dpi: String(Math.round(params.dpi)) };
  const job = p.scheduler.addJob('recognize', image, options as unknown as Partial<Tesseract.RecognizeOptions>, {
    text: false,
    blocks: true,
  });
  try {
    const result = await Promise.race([job, timeout]);
    return result.data;
  } finally {
    clearTimeout(timer);
  }
}

async function acquire(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  if (running >= ocrPoolSize()) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
}

function release(): void {
  running--;
  const next = waiting.shift();
  if (next) next();
  else if (running === 0 && pool) {
    // Worker threads keep the process alive; an idle pool lets go on its own.
    idleTimer = setTimeout(() => void shutdownOcr(), IDLE_MS);
    idleTimer.unref();
  }
}
