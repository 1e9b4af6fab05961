/**
 * DOCX → Layout, from mammoth's document model.
 *
 * mammoth reads the file into a tree of paragraphs, runs and tables, with merged cells already
 * resolved (gridSpan → colSpan, vMerge → rowSpan) and repeated header rows marked (tblHeader →
 * isHeader). khcl takes that tree through mammoth's `transformDocument` hook and hands mammoth an
 * empty document to write: writing HTML, encoding images into it and parsing it back cost a
 * quarter of the reading and told us nothing the tree does not.
 * What DOCX does not have: pages (none until Word lays it out), and the page headers, footers,
 * footnotes and comments carry no plan content, so the layout is one unpaginated page.
 */
import mammoth from 'mammoth';
import { KhclError } from '../errors.js';
import type { Block, Cell, Layout, Paragraph, Table } from '../layout/layout.js';

/** The part of mammoth's document model this reader walks (mammoth/lib/documents.js). */
interface DocxElement {
  type: string;
  children?: DocxElement[];
  /** text */
  value?: string;
  /** break: "line", "page" or "column" */
  breakType?: string;
  /** run */
  isBold?: boolean;
  /** tableRow: a repeated header row (w:tblHeader) */
  isHeader?: boolean;
  /** tableCell */
  colSpan?: number;
  rowSpan?: number;
}

/** Read a DOCX file's bytes into the common Layout. */
export async function ingestDocx(bytes: Uint8Array): Promise<Layout> {
  let document: DocxElement | undefined;
  let messages: { type: string; message: string }[];
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        transformDocument: (read: DocxElement) => {
          document = read;
          return { ...read, children: [] };
        },
      },
    );
    messages = result.messages;
  } catch (cause) {
    throw new KhclError('file.corrupt', `not a readable DOCX (${reason(cause)})`, { cause });
  }
  const blocks: Block[] = [];
  let tableIndex = 0;
  const readBlocks = (elements: DocxElement[]) => {
    for (const el of elements) {
      if (el.type !== 'table') {
        const paragraph = readParagraph(el);
        if (paragraph) blocks.push(paragraph);
        continue;
      }
      const rows = ownRows(el);
      const cells = rows.flatMap(cellsOf);
      // A one-cell table used as a frame around the page's content: its content is the document.
      if (rows.length === 1 && cells.length === 1) {
        readBlocks(cells[0].children ?? []);
        continue;
      }
      pushTable(el);
    }
  };
  /** A table, then the tables nested in its cells as tables of their own (their text is not also put in the cell). */
  const pushTable = (el: DocxElement) => {
    blocks.push(readTable(el, tableIndex++));
    for (const cell of ownRows(el).flatMap(cellsOf)) for (const nested of tablesIn(cell)) pushTable(nested);
  };
  readBlocks(document?.children ?? []);
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

/** A top-level paragraph (heading, list item, body text), or null when it holds no text. */
function readParagraph(el: DocxElement): Paragraph | null {
  const lines = textLines(el);
  if (lines.length === 0) return null;
  return { type: 'paragraph', lines, page: undefined, ...(allBold(el) ? { bold: true } : {}) };
}

/** Every run that shows text is bold (a title line); runs of blanks do not count. */
function allBold(el: DocxElement): boolean {
  let bold = 0;
  let plain = 0;
  const walk = (node: DocxElement) => {
    if (node.type === 'table') return;
    if (node.type === 'run') {
      const shown = (node.children ?? []).some((c) => c.type === 'text' && /\S/.test(c.value ?? ''));
      if (shown) node.isBold ? bold++ : plain++;
    }
    for (const child of node.children ?? []) walk(child);
  };
  walk(el);
  return bold > 0 && plain === 0;
}

/**
 * The text of an element as lines: every paragraph and every line break starts a new line; the
 * text of a table nested inside is left to that table.
 */
function textLines(el: DocxElement): string[] {
  const lines: string[] = [];
  let current = '';
  const flush = () => {
    // Runs of white space to one space; a lone space stays as it is, so most lines are not rebuilt.
    const line = current.replace(/\s{2,}|[^\S ]/g, ' ').trim();
    if (line) lines.push(line);
    current = '';
  };
  const walk = (node: DocxElement) => {
    switch (node.type) {
      case 'text':
        current += node.value ?? '';
        return;
      case 'tab':
        current += '\t';
        return;
      case 'break':
        // A page or column break inside a paragraph does not end its line.
        if (node.breakType === 'line') flush();
        return;
      case 'table':
        if (node !== el) return flush();
        break;
      // Footnote and comment markers, images, check boxes, bookmarks: no text of the plan.
      case 'noteReference':
      case 'commentReference':
        return;
    }
    const block = BLOCK_TYPES.has(node.type);
    if (block) flush();
    for (const child of node.children ?? []) walk(child);
    if (block) flush();
  };
  walk(el);
  flush();
  return lines;
}

const BLOCK_TYPES = new Set(['paragraph', 'table', 'tableRow', 'tableCell']);

/**
 * A table into layout cells. Positions are computed the way a browser lays out the same table: a
 * cell takes the first column of its row not already covered by a row span from above. The
 * leading rows marked as header rows are the table's header.
 */
function readTable(table: DocxElement, index: number): Table {
  const rows = ownRows(table);
  const cells: Cell[] = [];
  const covered: boolean[][] = [];
  const headerRows = rows.findIndex((tr) => !tr.isHeader);
  let cols = 0;
  rows.forEach((tr, r) => {
    covered[r] ??= [];
    let c = 0;
    for (const td of cellsOf(tr)) {
      while (covered[r][c]) c++;
      const rowSpan = Math.max(1, Math.min(td.rowSpan ?? 1, rows.length - r));
      const colSpan = Math.max(1, td.colSpan ?? 1);
      for (let dr = 0; dr < rowSpan; dr++) {
        covered[r + dr] ??= [];
        for (let dc = 0; dc < colSpan; dc++) covered[r + dr][c + dc] = true;
      }
      const header = headerRows === -1 || r < headerRows;
      cells.push({ row: r, col: c, rowSpan, colSpan, lines: textLines(td), ...(header ? { header: true } : {}) });
      c += colSpan;
      cols = Math.max(cols, c);
    }
  });
  return { type: 'table', index, rows: rows.length, cols, cells };
}

function ownRows(table: DocxElement): DocxElement[] {
  return (table.children ?? []).filter((c) => c.type === 'tableRow');
}

function cellsOf(row: DocxElement): DocxElement[] {
  return (row.children ?? []).filter((c) => c.type === 'tableCell');
}

/** The tables directly inside a cell (not those nested in them: each table pushes its own). */
function tablesIn(node: DocxElement): DocxElement[] {
  return (node.children ?? []).flatMap((child) => (child.type === 'table' ? [child] : tablesIn(child)));
}
