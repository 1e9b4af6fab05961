/**
 * One page image → one Layout page: prepare (straighten, rules, erase, crop), OCR on the pool,
 * words and rules into the shared table builder, then a second look at the cells the first
 * reading missed.
 *
 * Why whole-page OCR in sparse-text mode (PSM 11) with the rules erased, and not cell by cell:
 * measured on the fixtures (word recall against the gold texts), PSM 11 found 0.98–1.00 of the
 * words, PSM 3 ("auto", whose column finder runs across cell borders) 0.94–0.99, and OCR of
 * every cell crop (PSM 6) 0.94, for about the same CPU (1.8 s against 1.6 s a page). Whole-page
 * OCR also reads the text around the tables and needs no cell geometry of its own, so the one
 * table builder stays the only place that decides what a cell is. What PSM 11 drops (a digit
 * alone on its line, a list number) is recovered by re-reading just those cells (cell-pass.ts).
 */
import type { LayoutIssue, Page } from '../../layout/layout.js';
import { buildPage } from '../geometry/page.js';
import type { PositionedWord } from '../geometry/types.js';
import { recognize, type Psm } from './engine.js';
import { preparePage } from './prepare.js';
import type { GrayImage } from './raster.js';
import { rereadCells } from './cell-pass.js';
import { markDisagreements, rereadCodes, rereadNumbers } from './digit-pass.js';
import { rereadNumerals } from './numeral-pass.js';
import { fixBlockLines } from './word-fixes.js';
import { wordsOf } from './words.js';

/** The page segmentation mode khcl uses (see the module comment). */
export const PAGE_PSM: Psm = '11';

/** Below this mean word confidence a page gets a warning: check the scan. */
const LOW_CONFIDENCE = 0.6;

/** One upright page image and where it sits on its page. */
export interface PageImageInput {
  /** 1-based page number. */
  number: number;
  /** Page size in points. */
  width: number;
  height: number;
  /** The upright page image and where its top-left pixel sits (points) at what scale. */
  image: GrayImage;
  originX: number;
  originY: number;
  ptPerPx: number;
}

/** The Layout page read from an image, its issues, and what it took. */
export interface OcrPage {
  page: Page;
  issues: LayoutIssue[];
  /** Skew removed (degrees), words recognised, cells read again, seconds spent in OCR. */
  stats: { skew: number; words: number; cellsReread: number; numbersReread: number; ocrSeconds: number };
}

/** OCR one upright page image; `timeoutMs` bounds the recognition step. */
export async function ocrPageImage(input: PageImageInput, timeoutMs: number): Promise<OcrPage> {
  let read = await readPage(input, 0, timeoutMs);
  // The ink did not say clearly which way is up and what came out reads badly: the page may be
  // upside down. Read it turned too and keep the reading the engine is surer of.
  const firstMean = read.words.length > 0 ? meanConfidence(read.words) : 1;
  if (read.prepared.upRatio < SURE_WHICH_WAY_UP && firstMean < DOUBTFUL_READING) {
    const turned = await readPage(input, 2, timeoutMs);
    if (turned.words.length > 0 && meanConfidence(turned.words) > firstMean + TURNED_MARGIN) read = { ...turned, started: read.started };
  }
  const { prepared } = read;
  let { words } = read;
  const started = read.started;
  const issues: LayoutIssue[] = [];
  if (prepared.quarterTurns) {
    // The page was scanned sideways or upside down: it is now the upright image's size.
    input = { ...input, width: prepared.width * input.ptPerPx, height: prepared.height * input.ptPerPx };
    issues.push({
      code: 'scan.page_turned',
      severity: 'info',
      message: `page ${input.number} was turned by ${90 * prepared.quarterTurns}° clockwise to read it upright`,
      page: input.number,
    });
  }
  const positioned = { number: input.number, width: input.width, height: input.height, segments: prepared.segments };
  let page = buildPage({ ...positioned, words });
  // The second looks read crops of the whole straightened page, within the page's time limit.
  const second = { image: prepared.erased, frame: prepared.pageFrame, dpi: prepared.dpi, pageStarted: started, limitMs: timeoutMs };
  // Each look's words, when it changed any, are built into the page the next look reads.
  const adopt = <T extends { words: PositionedWord[] }>(look: T): T => {
    if (look.words !== words) {
      words = look.words;
      page = buildPage({ ...positioned, words });
    }
    return look;
  };
  const pass = adopt(await rereadCells({ ...second, page, words }));
  const codes = adopt(await rereadCodes({ ...second, page, words }));
  const digits = adopt(await rereadNumbers({ ...second, page, words }));
  const numerals = adopt(await rereadNumerals({ ...second, page, words }));
  markDisagreements(page, [...codes.disagreements, ...digits.disagreements, ...numerals.disagreements]);
  for (const b of page.blocks) {
    if (b.type === 'paragraph') b.lines = fixBlockLines(b.lines);
    else for (const cell of b.cells) cell.lines = fixBlockLines(cell.lines);
  }
  const stats = { skew: prepared.skew, words: words.length, cellsReread: pass.reread, numbersReread: digits.reread + codes.reread + numerals.reread, ocrSeconds: (performance.now() - started) / 1000 };
  if (words.length === 0) {
    issues.push({ code: 'scan.blank_page', severity: 'info', message: `page ${input.number} is blank (no text found)`, page: input.number });
    return { page: { number: input.number, width: round(input.width), height: round(input.height), blocks: [] }, issues, stats };
  }
  const mean = meanConfidence(words);
  fillConfidence(page, mean);
  if (mean < LOW_CONFIDENCE) {
    issues.push({
      code: 'ocr.low_confidence',
      severity: 'warning',
      message: `page ${input.number}: mean OCR confidence ${mean.toFixed(2)}; check the text against the scan`,
      page: input.number,
    });
  }
  return { page, issues, stats };
}

/** Up/down ink ratios below this leave which way is up in doubt (see orient.ts). */
const SURE_WHICH_WAY_UP = 1.6;
/** A page read with a mean word confidence below this, its orientation in doubt, is read turned too. */
const DOUBTFUL_READING = 0.6;
/** How much surer the turned reading must be to replace the first. */
const TURNED_MARGIN = 0.1;

/** Prepare a page (turned `extraTurns` more than its ink says) and OCR it. */
async function readPage(input: PageImageInput, extraTurns: 0 | 2, timeoutMs: number) {
  const prepared = await preparePage(input.image, input, extraTurns);
  // The page's clock starts when a worker takes its first job; the cell re-reads count too.
  let started = performance.now();
  let words: PositionedWord[] = [];
  if (prepared.ocrImage) {
    const result = await recognize(prepared.ocrImage, { psm: PAGE_PSM, dpi: prepared.dpi, limitMs: timeoutMs });
    started = result.started;
    words = wordsOf(result.tsv, prepared.frame);
  }
  return { prepared, words, started };
}

/** Mean word confidence weighted by text length. */
function meanConfidence(words: readonly PositionedWord[]): number {
  let sum = 0;
  let n = 0;
  for (const w of words) {
    sum += (w.confidence ?? 1) * w.text.length;
    n += w.text.length;
  }
  return n ? sum / n : 1;
}

/**
 * The builder sets a cell's confidence from the words in it; an empty cell has none. Every
 * OCR'd block must say how far to trust it, and "empty" is only as sure as the page's reading,
 * so those get the page's mean.
 */
function fillConfidence(page: Page, mean: number): void {
  const c = Math.round(mean * 1000) / 1000;
  for (const b of page.blocks) {
    if (b.type === 'paragraph') b.confidence ??= c;
    else for (const cell of b.cells) cell.confidence ??= c;
  }
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
