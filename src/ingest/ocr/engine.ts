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
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import Tesseract from 'tesseract.js';
import { KhclError } from '../../errors.js';
import { limitExceeded } from '../limits.js';
import { message } from './raster.js';

const require = createRequire(import.meta.url);

/**
 * The Vietnamese model. Default: the LSTM-only integer model of @tesseract.js-data/vie (1.4 MB
 * gz; the `4.0.0` folder beside it adds the legacy engine's data, which LSTM mode never reads).
 * `KHCL_TESSDATA` may name another local folder holding `vie.traineddata` (plain or .gz), e.g.
 * Debian's tessdata (tesseract-ocr-vie, the smaller "fast" model): same engine, another model.
 */
function modelFolder(): { langPath: string; gzip: boolean } {
  const custom = process.env.KHCL_TESSDATA;
  if (custom) {
    if (existsSync(join(custom, 'vie.traineddata'))) return { langPath: custom, gzip: false };
    if (existsSync(join(custom, 'vie.traineddata.gz'))) return { langPath: custom, gzip: true };
    throw new KhclError('config.invalid', `KHCL_TESSDATA=${custom} holds no vie.traineddata`);
  }
  return { langPath: join(dirname(require.resolve('@tesseract.js-data/vie/package.json')), '4.0.0_best_int'), gzip: true };
}
const MODEL = modelFolder();
/** Whether the model file is gzipped (`vie.traineddata.gz`). */
export const OCR_MODEL_GZIP = MODEL.gzip;

/** Local paths of the engine's parts; exported so a test can assert none is a URL. */
export const OCR_PATHS = Object.freeze({
  langPath: MODEL.langPath,
  // tesseract.js-core is tesseract.js's dependency, not ours: resolve it from there.
  corePath: dirname(createRequire(require.resolve('tesseract.js')).resolve('tesseract.js-core/package.json')),
  workerPath: require.resolve('tesseract.js/src/worker-script/node/index.js'),
});

/**
 * Tesseract parameters khcl sets on every job (the page's mode and resolution come with it).
 * `tessedit_do_invert` off: by default every line read with low confidence is read a second time
 * as white-on-black, for negative text these documents do not have; on noisy scans that second
 * reading is 5–10% of the OCR time and never wins (the eval's scores are the same without it).
 * `debug_file` to /dev/null: the engine's diagnostics ("Image too small to scale!!", "Line cannot
 * be recognized!!", on tiny cell crops) went to the user's terminal; failures still reach the job.
 */
export const ENGINE_PARAMS = Object.freeze({ tessedit_do_invert: '0', debug_file: '/dev/null' });

/** Page segmentation modes used here (tesseract's numbering). */
export type Psm = '3' | '4' | '6' | '7' | '11';

/** How to read one image: segmentation mode, resolution, time limit. */
export interface RecognizeParams {
  psm: Psm;
  /** Resolution of the image, so tesseract's size heuristics are right for photos too. */
  dpi: number;
  /** The page's OCR time limit, milliseconds. */
  limitMs: number;
  /**
   * When the page's OCR began (performance.now()), for a job that is one of several for the
   * page: the limit then covers them all. Default: when this job starts running.
   */
  pageStarted?: number;
  /** More tesseract parameters for this job alone (e.g. a character whitelist). */
  extra?: Readonly<Record<string, string>>;
}

/**
 * Tesseract's reading of the image as its TSV (one row per page, block, paragraph, line and
 * word, with boxes and confidences), and when the job started running (performance.now()).
 * TSV rather than tesseract.js's `blocks` tree: khcl needs words with boxes and nothing else,
 * and building the tree (an object per symbol, passed between threads) costs ~7% of the OCR.
 */
export interface Recognized {
  tsv: string;
  started: number;
}

interface Pool {
  scheduler: Tesseract.Scheduler;
  workers: Tesseract.Worker[];
  /** Terminated because a job ran over its time: the other jobs on it may run again. */
  recycled?: boolean;
}

const IDLE_MS = 30_000;
let pool: Promise<Pool> | null = null;
/** The pool `pool` resolved to, once it has. */
let live: Pool | null = null;
let running = 0;
let idleTimer: NodeJS.Timeout | null = null;
const waiting: (() => void)[] = [];

/** Workers in the pool: one per core (tesseract's wasm build is single-threaded). */
export function ocrPoolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

async function createPool(): Promise<Pool> {
  const scheduler = Tesseract.createScheduler();
  const started = await Promise.allSettled(Array.from({ length: ocrPoolSize() }, startWorker));
  const workers = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) {
    await Promise.allSettled(workers.map((w) => w.terminate()));
    throw failed.reason;
  }
  for (const w of workers) scheduler.addWorker(w);
  return { scheduler, workers };
}

/** Time a worker may take to load the wasm core and the language data (normally under 1 s). */
const START_MS = 60_000;

/**
 * One worker, started. tesseract.js never settles `createWorker` when loading the language
 * data fails (it swallows the rejection), so the failure is caught through `errorHandler`, with
 * a timeout behind it.
 */
function startWorker(): Promise<Tesseract.Worker> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (cause: unknown) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      reject(cause instanceof Error ? cause : new Error(String(cause)));
    };
    const timer = setTimeout(() => fail(new Error(`the OCR worker did not start within ${START_MS / 1000} s`)), START_MS);
    timer.unref();
    Tesseract.createWorker('vie', Tesseract.OEM.LSTM_ONLY, {
      langPath: OCR_PATHS.langPath,
      corePath: OCR_PATHS.corePath,
      workerPath: OCR_PATHS.workerPath,
      cacheMethod: 'none',
      gzip: OCR_MODEL_GZIP,
      // Without a handler tesseract.js rethrows a failed job inside its message listener, an
      // uncaught exception; job failures reach the job's promise anyway.
      errorHandler: fail,
    }).then((w) => {
      if (settled) return void w.terminate();
      settled = true;
      clearTimeout(timer);
      resolve(w);
    }, fail);
  });
}

function getPool(): Promise<Pool> {
  if (!pool) {
    const starting: Promise<Pool> = createPool().then(
      (p) => {
        if (pool === starting) live = p; // unless shut down meanwhile
        return p;
      },
      (cause) => {
        if (pool === starting) pool = null;
        throw new KhclError('ocr.failed', `could not start the OCR engine (${message(cause)})`, { cause });
      },
    );
    pool = starting;
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
  live = null;
  if (!current) return;
  const p = await current.catch(() => null);
  // scheduler.terminate() does not wait for its workers; terminate them one by one instead.
  if (p) await Promise.allSettled(p.workers.map((w) => w.terminate()));
}

/**
 * OCR one image (an encoded PNG/JPEG/PGM buffer) on the pool. At most one job per worker is
 * handed to the scheduler at a time, so the clock measures recognition, not waiting for a
 * worker; past the limit the pool is recycled (a wasm call cannot be interrupted) and the call
 * fails with `limit.exceeded`.
 */
export async function recognize(image: Buffer, params: RecognizeParams): Promise<Recognized> {
  await acquire();
  try {
    for (let attempt = 0; ; attempt++) {
      const p = await getPool();
      try {
        return await withTimeout(p, image, params);
      } catch (e) {
        // Another page's timeout recycled the pool under this job: run it again once.
        if (attempt === 0 && !(e instanceof KhclError) && p.recycled) continue;
        if (e instanceof KhclError) throw e;
        throw new KhclError('ocr.failed', `OCR failed (${message(e)})`, { cause: e });
      }
    }
  } finally {
    release();
  }
}

async function withTimeout(p: Pool, image: Buffer, params: RecognizeParams): Promise<Recognized> {
  const started = params.pageStarted ?? performance.now();
  const timeoutMs = params.limitMs;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const elapsed = (performance.now() - started) / 1000;
      // The worker is stuck in wasm until the page is done; only terminating it stops it.
      if (!p.recycled) {
        p.recycled = true;
        if (live === p) void shutdownOcr();
      }
      reject(limitExceeded('OCR time per page', elapsed, timeoutMs / 1000, ' s'));
    }, Math.max(1, started + timeoutMs - performance.now()));
  });
  // Tesseract parameters passed with the job apply to it alone and are restored afterwards,
  // so pages with different modes can share workers.
  const options = { ...ENGINE_PARAMS, ...params.extra, tessedit_pageseg_mode: params.psm, user_defined_dpi: String(Math.round(params.dpi)) };
  const job = p.scheduler.addJob('recognize', image, options as unknown as Partial<Tesseract.RecognizeOptions>, {
    text: false,
    tsv: true,
  });
  try {
    const result = await Promise.race([job, timeout]);
    return { tsv: result.data.tsv ?? '', started };
  } finally {
    clearTimeout(timer);
  }
}

/** A slot on the pool: at most one job per worker is with the scheduler. */
async function acquire(): Promise<void> {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  if (running < ocrPoolSize()) {
    running++;
    return;
  }
  await new Promise<void>((resolve) => waiting.push(resolve)); // the releaser hands its slot over
}

function release(): void {
  const next = waiting.shift();
  if (next) return next();
  running--;
  if (running === 0 && pool) {
    // Worker threads keep the process alive; an idle pool lets go on its own.
    idleTimer = setTimeout(() => void shutdownOcr(), IDLE_MS);
    idleTimer.unref();
  }
}
