/**
 * DOCX → Layout, through mammoth's HTML.
 *
 * mammoth keeps what the extractor needs: paragraphs, tables, merged cells (gridSpan → colspan,
 * vMerge → rowspan), repeated header rows (tblHeader → <thead>/<th>) and line breaks (<br>).
 * What it drops: pages (DOCX has none until Word lays it out), page headers and footers, and
 * section orientation. None of these carry plan content, so the layout is one unpaginated page.
 */
import mammoth from 'mammoth';
import { parse, type HTMLElement, type Node } from 'node-html-parser';
import { KhclError } from '../errors.js';
import type { Block, Cell, Layout, Paragraph, Table } from '../layout/layout.js';

const ELEMENT = 1;
const TEXT = 3;

/** Read a DOCX file's bytes into the common Layout. */
export async function ingestDocx(bytes: Uint8Array): Promise<Layout> {
  let html: string;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      { includeDefaultStyleMap: true, ignoreEmptyParagraphs: true },
    );
    html = result.value;
    messages = result.messages;
  } catch (cause) {
    throw new KhclError('file.corrupt', `not a readable DOCX (${reason(cause)})`, { cause });
  }
  const root = parse(html, { comment: false });
  const blocks: Block[] = [];
  let tableIndex = 0;
  const readBlocks = (nodes: Node[]) => {
    for (const node of nodes) {
      if (node.nodeType !== ELEMENT) continue;
      const el = node as HTMLElement;
      if (el.tagName !== 'TABLE') {
        blocks.push(...readParagraphs(el));
        continue;
      }
      const rows = ownRows(el);
      const cells = rows.flatMap((tr) => tr.childNodes.filter((n) => n.nodeType === ELEMENT) as HTMLElement[]);
      // A one-cell table used as a frame around the page's content: its content is the document.
      if (rows.length === 1 && cells.length === 1) {
        readBlocks(cells[0].childNodes);
        continue;
      }
      pushTable(el);
    }
  };
  /** A table, then the tables nested in its cells as tables of their own (their text is not also put in the cell). */
  const pushTable = (el: HTMLElement) => {
    blocks.push(readTable(el, tableIndex++));
    const cells = ownRows(el).flatMap((tr) => tr.childNodes.filter((n) => n.nodeType === ELEMENT) as HTMLElement[]);
    for (const nested of cells.flatMap((c) => descendants(c, 'TABLE'))) {
      const owner = ownerCell(nested);
      if (owner && cells.includes(owner)) pushTable(nested);
    }
  };
  readBlocks(root.childNodes);
  return {
    source: { format: 'docx', reader: 'mammoth', paginated: false },
    pages: [{ number: 1, blocks }],
    issues: messages
      .filter((m) => m.type === 'error')
      .map((m) => ({ code: 'docx.reader', severity: 'warning' as const, message: m.message })),
  };
}

function reason(cause: unknown): string {
  const text = cause instanceof Error ? cause.message : String(cause);
  if (/end of central directory|zip/i.test(text)) return 'the ZIP container is damaged';
  if (/main document part|word\/document\.xml/i.test(text)) return 'no word/document.xml inside';
  return text.split('\n')[0].slice(0, 200);
}

/** A top-level non-table element: one paragraph per line-run (headings, lists, paragraphs). */
function readParagraphs(el: HTMLElement): Paragraph[] {
  if (el.tagName === 'UL' || el.tagName === 'OL') {
    return el.childNodes
      .filter((n): n is HTMLElement => n.nodeType === ELEMENT)
      .flatMap((li) => readParagraphs(li));
  }
  const lines = textLines(el);
  if (lines.length === 0) return [];
  const strong = descendants(el, 'STRONG')[0];
  const bold = strong != null && strong.text.trim() === el.text.trim();
  return [{ type: 'paragraph', lines, page: undefined, ...(bold ? { bold } : {}) }];
}

/**
 * The text of an element as lines: every block child (<p>, <li>, <hN>, a nested table's cell)
 * and every <br> starts a new line.
 */
function textLines(el: Node): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    // Runs of white space to one space; a lone space stays as it is, so most lines are not rebuilt.
    const line = current.replace(/\s{2,}|[^\S ]/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === TEXT) {
      current += decode(node.rawText);
      return;
    }
    if (node.nodeType !== ELEMENT) return;
    const tag = (node as HTMLElement).tagName;
    if (tag === 'BR') return flush();
    if (tag === 'TABLE' && node !== el) return flush(); // a nested table is a block of its own
    const block = BLOCK_TAGS.has(tag);
    if (block) flush();
    for (const child of node.childNodes) walk(child);
    if (block) flush();
  };
  walk(el);
  flush();
  return lines;
}

const BLOCK_TAGS = new Set(['P', 'LI', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'TD', 'TH', 'TR', 'TABLE', 'UL', 'OL', 'DIV']);

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
function decode(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[name.toLowerCase()] ?? m;
  });
}

/**
 * An HTML table into layout cells. Positions are computed the way a browser does: a cell takes
 * the first column of its row not already covered by a rowspan from above.
 */
function readTable(table: HTMLElement, index: number): Table {
  const rows = ownRows(table);
  const cells: Cell[] = [];
  const covered: boolean[][] = [];
  let cols = 0;
  rows.forEach((tr, r) => {
    covered[r] ??= [];
    let c = 0;
    for (const td of tr.childNodes) {
      if (td.nodeType !== ELEMENT) continue;
      const el = td as HTMLElement;
      if (el.tagName !== 'TD' && el.tagName !== 'TH') continue;
      while (covered[r][c]) c++;
      const rowSpan = Math.max(1, Math.min(Number(el.getAttribute('rowspan') ?? 1) || 1, rows.length - r));
      const colSpan = Math.max(1, Number(el.getAttribute('colspan') ?? 1) || 1);
      for (let dr = 0; dr < rowSpan; dr++) {
        covered[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) covered[r + dr][c + dc] = true;
      }
      cells.push({
        row: r,
        col: c,
        rowSpan,
        colSpan,
        lines: textLines(el),
        ...(el.tagName === 'TH' ? { header: true } : {}),
      });
      c += colSpan;
      cols = Math.max(cols, c);
    }
  });
  return { type: 'table', index, rows: rows.length, cols, cells };
}

/**
 * The element's descendants with the tag, in document order: what querySelectorAll finds, without
 * compiling a CSS selector at every call (that compiling was a fifth of this reader's own time).
 */
function descendants(el: Node, tag: string): HTMLElement[] {
  const found: HTMLElement[] = [];
  for (const child of el.childNodes) {
    if (child.nodeType !== ELEMENT) continue;
    if ((child as HTMLElement).tagName === tag) found.push(child as HTMLElement);
    found.push(...descendants(child, tag));
  }
  return found;
}

/** The cell (<td>/<th>) directly holding a nested table. */
function ownerCell(table: HTMLElement): HTMLElement | null {
  let node = table.parentNode as HTMLElement | null;
  while (node && node.tagName !== 'TD' && node.tagName !== 'TH') node = node.parentNode as HTMLElement | null;
  return node;
}

/** The table's own rows (thead, tbody, or direct), not those of tables nested in its cells. */
function ownRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = [];
  for (const child of table.childNodes) {
    if (child.nodeType !== ELEMENT) continue;
    const el = child as HTMLElement;
    if (el.tagName === 'TR') rows.push(el);
    else if (el.tagName === 'THEAD' || el.tagName === 'TBODY' || el.tagName === 'TFOOT') {
      for (const tr of el.childNodes) {
        if (tr.nodeType === ELEMENT && (tr as HTMLElement).tagName === 'TR') rows.push(tr as HTMLElement);
      }
    }
  }
  return rows;
}
