/**
 * A ruled table drawn into a test PDF from the same cell specs as make-docx.ts: text wrapped to
 * the column width (words kept whole), merged cells (colSpan, and rowSpan or vMerge runs), one
 * page, landscape A4. So a generated plan can be checked in DOCX and PDF from one spec.
 */
import type { PDFPage } from 'pdf-lib';
import type { CellSpec, TableSpec } from './make-docx.js';
import { TestPdf } from '../ingest/pdf-builder.js';

interface Placed {
  row: number;
  col: number;
  colSpan: number;
  rowSpan: number;
  lines: string[];
}

const SIZE = 8;
const LINE = 10;
const PAD = 3;

/** Cells of the spec on a grid: vMerge 'continue' cells extend the cell above, as Word does. */
function place(rows: CellSpec[][]): Placed[] {
  const out: Placed[] = [];
  const covering: (Placed | null)[][] = [];
  rows.forEach((row, r) => {
    covering[r] ??= [];
    let c = 0;
    for (const spec of row) {
      while (covering[r][c]) c++;
      const s = spec == null || typeof spec === 'string' ? { text: spec ?? '' } : spec;
      const colSpan = s.colSpan ?? 1;
      if (s.vMerge === 'continue') {
        const above = covering[r - 1]?.[c];
        if (above) {
          above.rowSpan++;
          for (let k = 0; k < colSpan; k++) covering[r][c + k] = above;
          c += colSpan;
          continue;
        }
      }
      const cell: Placed = { row: r, col: c, colSpan, rowSpan: s.rowSpan ?? 1, lines: Array.isArray(s.text) ? s.text : [s.text] };
      out.push(cell);
      for (let dr = 0; dr < cell.rowSpan; dr++) {
        covering[r + dr] ??= [];
        for (let k = 0; k < colSpan; k++) covering[r + dr][c + k] = cell;
      }
      c += colSpan;
    }
  });
  return out;
}

function wrap(pdf: TestPdf, text: string, width: number, bold: boolean): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (line && pdf.width(next, SIZE, bold) > width) {
        lines.push(line);
        line = word;
      } else line = next;
    }
    if (line) lines.push(line);
  }
  return lines;
}

/**
 * Draw the table (header rows in bold, then body rows) at `top` with the given column widths;
 * returns the bottom of the table.
 */
export function drawTable(pdf: TestPdf, page: PDFPage, spec: TableSpec, widths: number[], x0 = 30, top = 60): number {
  const rows = [...spec.header, ...spec.rows];
  const headerRows = spec.header.length;
  const cells = place(rows);
  const xs = widths.reduce((acc, w) => [...acc, acc.at(-1)! + w], [x0]);
  const wrapped = new Map<Placed, string[]>();
  for (const cell of cells) {
    const width = xs[cell.col + cell.colSpan] - xs[cell.col] - 2 * PAD;
    wrapped.set(cell, cell.lines.flatMap((l) => wrap(pdf, l, width, cell.row < headerRows)));
  }
  const heights = rows.map(() => LINE + 2 * PAD);
  for (const cell of cells) {
    if (cell.rowSpan !== 1) continue;
    heights[cell.row] = Math.max(heights[cell.row], wrapped.get(cell)!.length * LINE + 2 * PAD);
  }
  const ys = heights.reduce((acc, h) => [...acc, acc.at(-1)! + h], [top]);
  for (const cell of cells) {
    const [left, right] = [xs[cell.col], xs[cell.col + cell.colSpan]];
    const [upper, lower] = [ys[cell.row], ys[cell.row + cell.rowSpan]];
    wrapped.get(cell)!.forEach((line, i) => pdf.text(page, line, left + PAD, upper + PAD + i * LINE, SIZE, cell.row < headerRows));
    pdf.line(page, left, upper, right, upper);
    pdf.line(page, left, lower, right, lower);
    pdf.line(page, left, upper, left, lower);
    pdf.line(page, right, upper, right, lower);
  }
  return ys.at(-1)!;
}

/** A one-page landscape PDF: title lines, then the table. */
export async function makeTablePdf(title: string[], spec: TableSpec, widths: number[]): Promise<Uint8Array> {
  const pdf = await TestPdf.create();
  const page = pdf.addPage(841.89, 595.28);
  let top = 30;
  for (const line of title) {
    pdf.text(page, line, 300, top, 11, true);
    top += 16;
  }
  drawTable(pdf, page, spec, widths, 30, top + 10);
  return pdf.save();
}
