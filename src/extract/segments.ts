/**
 * Binders: one file that holds several plans and reports (a school archive scanned a binder at a
 * time, PDFs joined, a Word file with two plans). {@link segmentLayout} cuts a layout where a new
 * document starts, before any table is assembled, so a table is never joined to the next
 * document's table and no item is attributed to the wrong school or year. Pure.
 *
 * A new document starts at a letterhead (agency, school, "Số …/KH-…", the national motto, the
 * place and date) and a KH/BC title, and only after the document before it has shown a data table
 * (a plan, report or task table): a title above a document's own table is its own title, not a
 * new document. Weaker evidence still cuts but is reported (`uncertain`): a motto or number
 * without a title, a bare title without a letterhead.
 */
import type { Block, Layout, Page } from '../layout/layout.js';
import { parseSchoolYear, stripAccents } from '../normalize/index.js';
import { readNumber } from './metadata.js';
import { mapTable } from './tables.js';

export interface LayoutSegment {
  /** 1-based, in file order. */
  number: number;
  of: number;
  /** First and last page of the document in the file; null where the source has no pages (DOCX). */
  pages: { first: number; last: number } | null;
  /** First and last block (0-based, in reading order over the whole file). */
  blocks: { first: number; last: number };
  /** The title's first line as read, when one was found. */
  title: string | null;
  /** Why the cut before this segment is not certain (null: letterhead and title seen, or the first segment). */
  uncertain: string | null;
  /** The segment's pages and blocks, as a layout of its own (page numbers and table indices as in the file). */
  layout: Layout;
}

/**
 * `fold` with its answer kept per line. The tests below fold their line, and segmentLayout asks
 * several of them about each line, some lines again and again (anchors, heads, titles): folding
 * was most of segmentLayout's time in the profile. Emptied when full: it holds the lines of the
 * documents at hand, it is not a store.
 */
function perLine(fold: (line: string) => string): (line: string) => string {
  const kept = new Map<string, string>();
  return (line) => {
    let folded = kept.get(line);
    if (folded === undefined) {
      if (kept.size >= 10_000) kept.clear();
      folded = fold(line);
      kept.set(line, folded);
    }
    return folded;
  };
}

/** Lower case, no tone marks, white space folded: "Kế hoạch  số" → "ke hoach so". */
const bare = perLine((line) => stripAccents(line.normalize('NFC')).toLowerCase().replace(/\s+/g, ' ').trim());

/** Letters and digits only, lower case, no tone marks: OCR- and spacing-tolerant comparisons. */
const squash = perLine((line) => bare(line).replace(/[^a-z0-9]+/g, ''));

/** "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc", with OCR's slips. */
export function isMotto(line: string): boolean {
  const s = squash(line);
  if (s.length < 8) return false;
  return /conghoa|xahoichu|chunghiaviet|hoichunghia/.test(s) || (/doclap|tudo/.test(s) && /hanhphuc|tudo/.test(s)) || /hanhphuc$/.test(s);
}

/** Share of upper-case letters among the letters of a line (OCR lowers a letter here and there). */
function upperShare(line: string): number {
  const letters = [...line].filter((ch) => ch.toLowerCase() !== ch.toUpperCase());
  if (letters.length === 0) return 0;
  return letters.filter((ch) => ch === ch.toUpperCase()).length / letters.length;
}

/** A KH/BC title line: "KẾ HOẠCH …", "BÁO CÁO …" in capitals. */
export function isTitle(line: string): boolean {
  return /^(ke hoach|bao cao)\b/.test(bare(line)) && upperShare(line) >= 0.8;
}

/** "Số: 216/KH-MNS2TY", "Số 12/BC-THHM". */
function isNumberLine(line: string): boolean {
  return /^s[o0]\b/.test(bare(line)) && readNumber([line]) != null;
}

/** The agency and school of a letterhead: "UBND HUYỆN …", "PHÒNG GD&ĐT …", "TRƯỜNG …" in capitals. */
function isAgencyLine(line: string): boolean {
  return /^(ubnd|uy ban|phong gd|phong giao duc|so gd|so giao duc|truong)\b/.test(bare(line)) && upperShare(line) >= 0.7 && line.length <= 90;
}

function isDateLine(line: string): boolean {
  const b = bare(line);
  return b.length <= 80 && /ngay\b.*\bthang\b.*\bnam\b/.test(b);
}

/**
 * A line a letterhead or title is made of; a short line in capitals too (the second line of an
 * agency or school name: "TẠO ĐIỆN BIÊN", "XÃ THANH LUÔNG"), and OCR's specks around a seal ("ch", "pPỒ").
 */
function isHeadLine(line: string): boolean {
  const t = line.trim();
  return (
    t === '' || /^[-_–—=.\s]+$/.test(t) || t.length <= 4 || isMotto(t) || isNumberLine(t) || isAgencyLine(t) || isDateLine(t) || isTitle(t) || (t.length <= 60 && upperShare(t) >= 0.85)
  );
}

function blockLines(block: Block): string[] {
  if (block.type === 'paragraph') return block.lines;
  return [...block.cells].sort((a, b) => a.row - b.row || a.col - b.col).flatMap((c) => c.lines);
}

/** A paragraph, or a small table (a Word letterhead laid out in two columns), made only of head lines. */
function isHeadBlock(block: Block): boolean {
  if (block.type === 'table' && block.cols > 3) return false;
  const lines = blockLines(block);
  return lines.length > 0 && lines.length <= 12 && lines.every(isHeadLine);
}

interface Flat {
  block: Block;
  page: number | null;
  /** The block's lines, for the table of a letterhead its cells' lines. */
  lines: string[];
  /** A plan, report or task table (or a wide table nothing else claims): a document's data. */
  data: boolean;
}

function flatten(layout: Layout): Flat[] {
  const out: Flat[] = [];
  for (const page of layout.pages) {
    for (const block of page.blocks) {
      const isTable = block.type === 'table';
      let data: boolean | undefined = isTable ? undefined : false;
      out.push({
        block,
        page: layout.source.paginated ? page.number : null,
        lines: isTable && block.cols > 3 ? [] : blockLines(block),
        // Read on first use: mapping a table is the costly part, and a file with one letterhead
        // and title (nearly every file) never asks about the tables after it.
        get data() {
          if (data === undefined) {
            const profile = block.type === 'table' ? mapTable(block)?.profile.name : undefined;
            // A wide table no profile fits (a header of "(1) (2) …" only) may still be the document's data.
            data = profile === 'plan' || profile === 'report' || profile === 'tasks' || (block.type === 'table' && profile === undefined && block.cols > 3 && block.rows >= 3);
          }
          return data;
        },
      });
    }
  }
  return out;
}

/** What the letterhead and title around an anchor show. */
interface Evidence {
  motto: boolean;
  number: boolean;
  agency: boolean;
  title: string | null;
  year: string | null;
}

function evidenceOf(flat: Flat[], from: number, to: number): Evidence {
  const e: Evidence = { motto: false, number: false, agency: false, title: null, year: null };
  for (let k = from; k < to; k++) {
    const lines = flat[k].lines;
    for (const [n, line] of lines.entries()) {
      if (isMotto(line)) e.motto = true;
      else if (isNumberLine(line)) e.number = true;
      else if (isAgencyLine(line)) e.agency = true;
      else if (isTitle(line) && e.title == null) {
        e.title = line.trim();
        for (const next of lines.slice(n, n + 5)) e.year ??= parseSchoolYear(next);
      }
    }
    if (e.title && e.year == null) for (const line of lines) e.year ??= parseSchoolYear(line);
  }
  return e;
}

function isAnchor(f: Flat): boolean {
  return f.lines.some((l) => isMotto(l) || isNumberLine(l) || isTitle(l));
}

/**
 * Where the head around anchor `k` starts: back over head blocks on the same page, and to the top
 * of the page when what is left above is a few short lines (a letterhead OCR misread), never
 * past a table or a paragraph of body text.
 */
function headStart(flat: Flat[], k: number, floor: number): number {
  let start = k;
  while (start - 1 > floor && k - start < 12 && flat[start - 1].page === flat[k].page && isHeadBlock(flat[start - 1].block)) start--;
  if (flat[k].page == null) return start;
  let top = start;
  let chars = 0;
  while (top - 1 > floor && flat[top - 1].page === flat[k].page && flat[top - 1].block.type === 'paragraph' && start - top < 4) {
    chars += flat[top - 1].lines.join(' ').length;
    top--;
  }
  const pageTop = top === 0 || flat[top - 1].page !== flat[k].page;
  return pageTop && top < start && chars <= 160 ? top : start;
}

/**
 * Where the head around anchor `k` ends: the title under the letterhead, or the letterhead a
 * title-first scan reads after it, sit in the next few blocks of the page, before any wide table.
 */
function headEnd(flat: Flat[], k: number): number {
  let end = k + 1;
  while (end < flat.length && end - k < 12 && flat[end].page === flat[k].page && !isWideTable(flat[end].block)) end++;
  return end;
}

function isWideTable(block: Block): boolean {
  return block.type === 'table' && block.cols > 3;
}

/** A letterhead and title at the top of a page, below a document with a KH/BC title of its own. */
function strongAt(flat: Flat[], k: number, current: number): boolean {
  const start = headStart(flat, k, current);
  if (start === current || (start > 0 && flat[start - 1].page === flat[k].page)) return false;
  const e = evidenceOf(flat, start, headEnd(flat, k));
  return (e.motto || e.number) && e.title != null && titleIn(flat, current, start) != null;
}

/** The school year the current document's own title gives, if any. */
function yearOf(flat: Flat[], from: number, to: number): string | null {
  for (let k = from; k < Math.min(to, from + 12); k++) {
    const title = flat[k].lines.findIndex(isTitle);
    if (title < 0) continue;
    for (let j = k; j < Math.min(to, k + 3); j++) {
      for (const line of flat[j].lines.slice(j === k ? title : 0)) {
        const y = parseSchoolYear(line);
        if (y) return y;
      }
    }
  }
  return null;
}

/**
 * The documents of a layout, in order. A layout with one document gives one segment holding the
 * whole layout (the same object). Pages with nothing on them between two documents (blank
 * separator sheets) belong to none.
 */
export function segmentLayout(layout: Layout): LayoutSegment[] {
  const flat = flatten(layout);
  const cuts: { at: number; uncertain: string | null; title: string | null }[] = [{ at: 0, uncertain: null, title: null }];
  // Whether the current document has shown a data table, asked only at an anchor (see Flat.data).
  let from = 0;
  let dataSeen = false;
  const dataSinceCut = (k: number) => {
    for (; !dataSeen && from < k; from++) dataSeen = flat[from].data;
    return dataSeen;
  };
  for (let k = 0; k < flat.length; k++) {
    const f = flat[k];
    if (!isAnchor(f)) continue;
    const dataSince = dataSinceCut(k);
    // Before the current document has shown a table, only a full letterhead and title at the top of
    // a page, under a document that has its own KH/BC title, start another (a table OCR lost).
    if (dataSince || (f.page != null && strongAt(flat, k, cuts[cuts.length - 1].at))) {
      const current = cuts[cuts.length - 1].at;
      const start = headStart(flat, k, current);
      const end = headEnd(flat, k);
      const e = evidenceOf(flat, start, end);
      const ahead = flat.slice(end).findIndex((x) => x.data || x.lines.some(isTitle));
      const tableFollows = ahead >= 0 && flat[end + ahead].data;
      const pageTop = f.page != null && (start === 0 || flat[start - 1].page !== f.page);
      const letterhead = e.motto || e.number;
      const newYear = e.year != null && yearOf(flat, current, start) != null && e.year !== yearOf(flat, current, start);
      let accept = false;
      let uncertain: string | null = null;
      if (letterhead && e.title) accept = true;
      else if (e.title && (tableFollows || newYear)) {
        accept = true;
        if (!pageTop && !newYear) uncertain = 'a title with no letterhead above it';
      } else if (letterhead && (e.agency || pageTop) && tableFollows) {
        accept = true;
        uncertain = 'a letterhead with no KH/BC title under it';
      }
      if (accept) {
        cuts.push({ at: start, uncertain, title: e.title });
        from = end;
        dataSeen = false;
        k = end - 1;
      }
    }
  }
  if (cuts.length === 1) {
    const all = { first: 0, last: Math.max(0, flat.length - 1) };
    return [{ number: 1, of: 1, pages: pageRange(layout, layout.pages), blocks: all, title: titleIn(flat, 0, flat.length), uncertain: null, layout }];
  }
  return cuts.map((cut, i) => {
    const to = cuts[i + 1]?.at ?? flat.length;
    const sub = subLayout(layout, new Set(flat.slice(cut.at, to).map((f) => f.block)));
    return {
      number: i + 1,
      of: cuts.length,
      pages: pageRange(layout, sub.pages),
      blocks: { first: cut.at, last: to - 1 },
      title: cut.title ?? titleIn(flat, cut.at, to),
      uncertain: cut.uncertain,
      layout: sub,
    };
  });
}

function titleIn(flat: Flat[], from: number, to: number): string | null {
  for (let k = from; k < to; k++) {
    if (flat[k].data) break;
    const line = flat[k].lines.find(isTitle);
    if (line) return line.trim();
  }
  return null;
}

/** The layout cut to the given blocks: pages keep their numbers, tables their indices. */
function subLayout(layout: Layout, keep: Set<Block>): Layout {
  const pages: Page[] = [];
  for (const page of layout.pages) {
    const blocks = page.blocks.filter((b) => keep.has(b));
    if (blocks.length > 0) pages.push({ ...page, blocks });
  }
  // A page a kept table runs onto (stitched there, so it has no block of its own) is the document's too.
  const covered = new Set(pages.flatMap((p) => [p.number, ...p.blocks.flatMap((b) => (b.type === 'table' ? (b.pages ?? []) : []))]));
  const first = Math.min(...covered);
  const last = Math.max(...covered);
  const full = layout.pages.filter((p) => p.number >= first && p.number <= last).map((p) => pages.find((q) => q.number === p.number) ?? { ...p, blocks: [] });
  return {
    source: layout.source,
    pages: full,
    issues: layout.issues.filter((i) => i.page == null || (i.page >= first && i.page <= last)),
  };
}

/** First and last page with something of the document on it; null for an unpaginated source. */
function pageRange(layout: Layout, pages: readonly Page[]): { first: number; last: number } | null {
  if (!layout.source.paginated) return null;
  const numbers = pages.flatMap((p) => (p.blocks.length > 0 ? [p.number, ...p.blocks.flatMap((b) => (b.type === 'table' ? (b.pages ?? []) : []))] : []));
  if (numbers.length === 0) return layout.pages.length ? { first: layout.pages[0].number, last: layout.pages[layout.pages.length - 1].number } : null;
  return { first: Math.min(...numbers), last: Math.max(...numbers) };
}
