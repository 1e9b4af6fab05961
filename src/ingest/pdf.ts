/**
 * Text-layer PDF → Layout.
 *
 * pdf-parse's text API flattens a page to a string and loses where each piece sat, which is
 * exactly what rebuilds a table, so this reader goes down to the pdfjs-dist that pdf-parse ships:
 * `getOperatorList` for the glyphs shown (read into words by geometry/shown-text.ts) and the
 * drawn ruling lines, in one pass over the page's content; `getTextContent` only to ask whether
 * a page has text before its images are decoded, and for the fonts that walker does not follow.
 * Each page becomes a {@link PositionedPage}; the shared table builder
 * ({@link buildPage}, {@link stitchTables}) turns the pages into Layout pages, joining tables
 * that continue across page breaks and dropping running headers and footers.
 *
 * Pages without a text layer (scans) are reported, not guessed at: a document with no text on
 * any page fails with `scan.no_text`; a mixed document keeps its text pages and lists the others
 * as `pdf.page_without_text` issues, for the OCR reader to fill in.
 */
import { KhclError } from '../errors.js';
import type * as Pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { openPdf, TEXT_ONLY, type PdfjsModule } from './pdfjs.js';
import { checkLimit, DEFAULT_OCR_LIMITS } from './limits.js';
import type { Layout, LayoutIssue } from '../layout/layout.js';
import { buildPage } from './geometry/page.js';
import { stitchTables } from './geometry/stitch.js';
import { readDrawing } from './geometry/operators.js';
import { wordsShown, type ShownFont } from './geometry/shown-text.js';
import { tolerancesFor } from './geometry/tolerances.js';
import type { PositionedPage, PositionedWord } from './geometry/types.js';

type PDFDocumentProxy = Pdfjs.PDFDocumentProxy;
type TextItem = Extract<Awaited<ReturnType<Pdfjs.PDFPageProxy['getTextContent']>>['items'][number], { str: string }>;

/**
 * Bytes per page under which a PDF is taken for text before its first page says so: a scanned
 * page is an image of 100 KB or more (A4 at 150 dpi, JPEG quality 40), a page of text with its
 * embedded fonts a few tens of KB.
 */
const SMALL_PAGE_BYTES = 60_000;

/** Issue code for a page with no text layer in an otherwise digital PDF (route it to OCR). */
export const PAGE_WITHOUT_TEXT = 'pdf.page_without_text';

/** Issue code for a page that is a full-page image under a text layer (a "searchable" scan). */
export const IMAGE_PAGE_WITH_TEXT = 'pdf.image_page_with_text';

/**
 * Fewer non-blank characters than this on top of an image covering half the page or more is a
 * scan with a stamp ("Trang 1", a scanner's watermark), not a text layer.
 */
const SCAN_STAMP_CHARS = 20;

/** Read a text-layer PDF's bytes into the common Layout. */
export async function ingestPdf(bytes: Uint8Array, options: { fileName?: string } = {}): Promise<Layout> {
  const read = await withDocument(bytes, options.fileName, async (pdfjs, doc) => {
    // Checked before any page is read: a small file can declare thousands of pages (issue 8).
    checkLimit('pages per document', doc.numPages, DEFAULT_OCR_LIMITS.maxPages);
    const pages: { page: PositionedPage; imageCover: number }[] = [];
    // Once a page has shown text, the pages after it are read without asking: a scan's pages are
    // asked first (cheaply) so that their images are not decoded for nothing. A file this small
    // for its pages holds no page-sized images: its first page is read without asking too (a
    // wrong guess costs one image's decoding, not a wrong reading).
    let textPdf = bytes.byteLength / doc.numPages < SMALL_PAGE_BYTES;
    for (let n = 1; n <= doc.numPages; n++) {
      const read = await readPositionedPage(pdfjs, doc, n, textPdf);
      pages.push(read);
      textPdf = read.page.words.length > 0;
    }
    return pages;
  });
  const positioned = read.map((r) => r.page);
  const empty = positioned.filter((p) => p.words.length === 0).map((p) => p.number);
  if (empty.length === positioned.length) {
    throw new KhclError('scan.no_text', 'scanned document: no text layer', {
      file: options.fileName,
      details: { pages: positioned.length, pagesWithoutText: empty },
    });
  }
  const issues: LayoutIssue[] = empty.map((page) => ({
    code: PAGE_WITHOUT_TEXT,
    severity: 'warning',
    message: `page ${page} has no text layer (a scanned page?)`,
    page,
  }));
  // A scan with an OCR text layer (a scanner app's "searchable PDF"): the words are real but the
  // table rules are pixels in the image, so tables there come out only if borderless detection
  // finds them. Say so; the OCR reader's line detection can supply the rules.
  for (const { page, imageCover } of read) {
    if (page.words.length > 0 && page.segments.length === 0 && imageCover >= 0.5) {
      const message = `page ${page.number} is an image with a text layer; its table rules are not drawn`;
      issues.push({ code: IMAGE_PAGE_WITH_TEXT, severity: 'info', message, page: page.number });
    }
  }
  issues.sort((a, b) => (a.page ?? 0) - (b.page ?? 0));
  return {
    source: { format: 'pdf', reader: 'pdfjs', paginated: true },
    pages: stitchTables(positioned.map((p) => buildPage(p))),
    issues,
  };
}

/**
 * The 1-based numbers of the pages that carry no text layer, read cheaply: text only, plus the
 * drawing operators of pages with a few stray characters (to tell a stamped scan apart), by the
 * same rule {@link ingestPdf} applies. For routing: every page listed → OCR the document; some →
 * OCR those pages. Throws the same `file.encrypted` / `file.corrupt` errors as {@link ingestPdf}.
 */
export async function pdfPagesWithoutText(bytes: Uint8Array): Promise<number[]> {
  return withDocument(bytes, undefined, async (pdfjs, doc) => {
    const out: number[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      try {
        const chars = textCharCount((await page.getTextContent()).items);
        if (chars === 0 || (chars < SCAN_STAMP_CHARS && (await imageCover(pdfjs, page)) >= 0.5)) out.push(n);
      } finally {
        page.cleanup();
      }
    }
    return out;
  });
}

async function imageCover(pdfjs: PdfjsModule, page: Pdfjs.PDFPageProxy): Promise<number> {
  const viewport = page.getViewport({ scale: 1 });
  return readDrawing(await page.getOperatorList(), pdfjs.OPS, viewport.transform, viewport, 3).imageCover;
}

/**
 * One page as positioned words and ruling segments, in points from the top-left corner.
 *
 * A page whose text layer is empty, or is a few stray characters on top of a full-page image (a
 * scan stamped with a page number), comes back with no words: it is a page for OCR.
 */
async function readPositionedPage(
  pdfjs: PdfjsModule,
  doc: PDFDocumentProxy,
  n: number,
  afterText: boolean,
): Promise<{ page: PositionedPage; imageCover: number }> {
  const page = await doc.getPage(n);
  try {
    const viewport = page.getViewport({ scale: 1 });
    const size = { number: n, width: viewport.width, height: viewport.height };
    // Until a page has shown text, a page is asked for its text content first: for a scanned
    // page far cheaper than its operator list, which decodes the page's images. (Reading only
    // the first items of that content would be cheaper still for a page of text, but pdfjs 5.4
    // throws, uncaught, at a chunk that arrives after the stream is cancelled, and cannot close
    // the document while one is left unread.)
    let content = afterText ? null : await page.getTextContent();
    if (content && textCharCount(content.items) === 0) return { page: { ...size, words: [], segments: [] }, imageCover: 0 };
    // The text as the operator list shows it: the same list gives the rules, and the page's
    // content is parsed once, not twice (text content, then operators).
    const ops = await page.getOperatorList();
    const shown = wordsShown(ops, pdfjs.OPS, viewport.transform, (name) => shownFont(page, name));
    if (shown) return positionedPage(pdfjs, size, shown, ops, viewport.transform, nonBlankChars(shown.map((w) => w.text)));
    // A vertical font, or a font pdfjs could not load: pdfjs's own text content.
    content ??= await page.getTextContent();
    const styles = content.styles;
    const items = content.items.filter((i): i is TextItem => 'str' in i);
    const words = items.flatMap((item) => {
      const word = toWord(pdfjs, item, viewport.transform, styles[item.fontName], shownFont(page, item.fontName)?.bold ?? false);
      return word ? [word] : [];
    });
    return positionedPage(pdfjs, size, words, ops, viewport.transform, textCharCount(items));
  } finally {
    page.cleanup();
  }
}

/** A page's words and the rules its operators draw; a few characters over a full-page image is a scan (no words). */
function positionedPage(
  pdfjs: PdfjsModule,
  size: { number: number; width: number; height: number },
  words: PositionedWord[],
  ops: { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> },
  viewport: number[],
  chars: number,
): { page: PositionedPage; imageCover: number } {
  const tol = tolerancesFor({ ...size, words });
  const drawn = readDrawing(ops, pdfjs.OPS, viewport, size, tol.thinRule);
  const { imageCover } = drawn;
  if (chars === 0 || (chars < SCAN_STAMP_CHARS && imageCover >= 0.5)) return { page: { ...size, words: [], segments: [] }, imageCover };
  return { page: { ...size, words, segments: drawn.segments }, imageCover };
}

/** What a word's box and weight need from the font behind a loaded name, once the operator list has resolved it. */
function shownFont(page: Pdfjs.PDFPageProxy, loadedName: string): ShownFont | null {
  try {
    if (!page.commonObjs.has(loadedName)) return null;
    const font = page.commonObjs.get(loadedName) as { name?: string; fontMatrix?: number[]; ascent?: number; descent?: number; vertical?: boolean } | null;
    if (!font || font instanceof Error) return null;
    const name = (font.name ?? '').replace(/^[A-Z]{6}\+/, '');
    return { fontMatrix: font.fontMatrix, ascent: font.ascent, descent: font.descent, vertical: font.vertical, bold: BOLD.test(name) };
  } catch {
    return null;
  }
}

/** Non-blank characters in a page's text items. */
function textCharCount(items: readonly unknown[]): number {
  return nonBlankChars(items.flatMap((i) => (i && typeof i === 'object' && 'str' in i ? [String(i.str)] : [])));
}

/** Non-blank characters in some texts. */
function nonBlankChars(texts: readonly string[]): number {
  let n = 0;
  for (const t of texts) n += t.replace(/\s+/g, '').length;
  return n;
}

/**
 * A pdfjs text item → a positioned word (a run of text on one line). The box spans the font's
 * ascent to descent around the baseline and the item's advance width along the text direction,
 * mapped through the viewport, so rotated pages and rotated text still get page-space boxes.
 * Leading and trailing blanks are cut off proportionally.
 */
function toWord(
  pdfjs: PdfjsModule,
  item: TextItem,
  viewport: number[],
  style: { ascent?: number; descent?: number } | undefined,
  bold: boolean,
): PositionedWord | null {
  const raw = item.str.normalize('NFC');
  const text = raw.trim();
  if (!text) return null;
  const m = pdfjs.Util.transform(viewport, item.transform) as number[];
  const size = Math.hypot(m[2], m[3]) || Math.hypot(m[0], m[1]);
  if (!(size > 0)) return null;
  const dir = [m[0], m[1]].map((v) => v / (Math.hypot(m[0], m[1]) || 1));
  const up = [m[2], m[3]].map((v) => v / size); // text-space "up", already flipped by the viewport
  const lead = raw.length - raw.trimStart().length;
  const trail = raw.length - raw.trimEnd().length;
  const from = (item.width * lead) / raw.length;
  const to = item.width - (item.width * trail) / raw.length;
  const ascent = (style?.ascent && style.ascent > 0 ? style.ascent : 0.8) * size;
  const descent = Math.abs(style?.descent && style.descent < 0 ? style.descent : -0.2) * size;
  const xs: number[] = [];
  const ys: number[] = [];
  for (const along of [from, to]) {
    for (const across of [ascent, -descent]) {
      xs.push(m[4] + dir[0] * along + up[0] * across);
      ys.push(m[5] + dir[1] * along + up[1] * across);
    }
  }
  const box = { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
  return { text, box, ...(bold ? { bold: true } : {}) };
}

/** Bold, black, heavy, semibold… in a font's PostScript name ("ABCDEF+TimesNewRomanPS-BoldMT"). */
const BOLD = /bold|black|heavy|demi|semibold|[-,]bd\b/i;

/** Open the document, run `work`, always release it; pdfjs failures become KhclErrors. */
async function withDocument<T>(
  bytes: Uint8Array,
  fileName: string | undefined,
  work: (pdfjs: PdfjsModule, doc: PDFDocumentProxy) => Promise<T>,
): Promise<T> {
  const { pdfjs, task } = await openPdf(bytes, TEXT_ONLY);
  let doc: PDFDocumentProxy | undefined;
  try {
    doc = await task.promise;
    return await work(pdfjs, doc);
  } catch (e) {
    throw toPdfError(e, bytes, fileName);
  } finally {
    await task.destroy().catch(() => undefined);
  }
}

/** pdfjs's exceptions (by name: they cross a worker boundary as plain objects) → KhclError. */
function toPdfError(e: unknown, bytes: Uint8Array, file: string | undefined): KhclError {
  if (e instanceof KhclError) return e;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = String((e as { message?: string } | null)?.message ?? e).split('\n')[0];
  if (name === 'PasswordException') {
    return new KhclError('file.encrypted', 'the PDF is password-protected', { cause: e, file });
  }
  let reason: string;
  if (!hasEofMarker(bytes)) reason = 'the PDF is truncated (no end-of-file marker)';
  else if (name === 'InvalidPDFException') reason = 'not a readable PDF (invalid PDF structure)';
  else reason = `the PDF is damaged (${message.slice(0, 120) || name || 'unknown error'})`;
  return new KhclError('file.corrupt', reason, { cause: e, file });
}

/** A complete PDF ends with "%%EOF" (allowing for a little trailing junk). */
function hasEofMarker(bytes: Uint8Array): boolean {
  const tail = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).subarray(Math.max(0, bytes.byteLength - 2048));
  return tail.includes('%%EOF', 0, 'latin1');
}
