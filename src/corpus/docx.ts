/**
 * Blocks → DOCX with the `docx` package: the letterhead as a borderless two-column table, header
 * rows marked "repeat as header row" when the layout repeats them, merged cells as gridSpan and
 * vMerge (rowSpan), fixed column widths in twips, the page in portrait or landscape.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { Block, GridCell, GridTable, StyledLine } from './blocks.js';
import type { LayoutSpec } from './spec.js';

const A4 = { width: 11906, height: 16838 }; // twips
const MM = 56.7; // twips per millimetre
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

function run(line: StyledLine): TextRun {
  return new TextRun({ text: line.text, bold: line.bold, italics: line.italic, underline: line.underline ? {} : undefined });
}

function centred(lines: StyledLine[]): Paragraph[] {
  return lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [run(l)] }));
}

function gridCell(c: GridCell, width: number): TableCell {
  const lines = c.lines.length ? c.lines : [''];
  return new TableCell({
    width: { size: Math.round(width), type: WidthType.DXA },
    columnSpan: c.colSpan,
    rowSpan: c.rowSpan,
    children: lines.map(
      (text) => new Paragraph({ alignment: c.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [new TextRun({ text, bold: c.bold })] }),
    ),
  });
}

/** Widths of each row's cells: the sum of the grid columns a cell spans (covered slots skipped). */
function rowCells(rows: GridCell[][], columns: number[]): TableCell[][] {
  const covered = rows.map(() => new Set<number>());
  return rows.map((row, r) => {
    const out: TableCell[] = [];
    let col = 0;
    for (const c of row) {
      while (covered[r].has(col)) col++;
      const span = c.colSpan ?? 1;
      const width = columns.slice(col, col + span).reduce((a, b) => a + b, 0);
      out.push(gridCell(c, width));
      for (let k = 1; k < (c.rowSpan ?? 1); k++) for (let j = 0; j < span; j++) covered[r + k]?.add(col + j);
      col += span;
    }
    return out;
  });
}

function table(t: GridTable, textWidth: number): Table {
  const total = t.widths.reduce((a, b) => a + b, 0);
  const columns = t.widths.map((w) => Math.round((w / total) * textWidth));
  const cells = rowCells([...t.header, ...t.body], columns);
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: columns,
    layout: t.fixed ? TableLayoutType.FIXED : TableLayoutType.AUTOFIT,
    rows: cells.map((children, i) => new TableRow({ children, tableHeader: t.repeatHeader && i < t.header.length ? true : undefined })),
  });
}

function twoColumns(left: StyledLine[], right: StyledLine[], textWidth: number): Table {
  const half = Math.round(textWidth / 2);
  return new Table({
    width: { size: textWidth, type: WidthType.DXA },
    columnWidths: [half, half],
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: half, type: WidthType.DXA }, borders: NO_BORDERS, children: centred(left) }),
          new TableCell({ width: { size: half, type: WidthType.DXA }, borders: NO_BORDERS, children: centred(right) }),
        ],
      }),
    ],
  });
}

export async function documentDocx(blocks: Block[], layout: LayoutSpec): Promise<Uint8Array> {
  const landscape = layout.orientation === 'landscape';
  const margin = Math.round(layout.marginMm * MM);
  const pageWidth = landscape ? A4.height : A4.width;
  const textWidth = pageWidth - 2 * margin - Math.round(5 * MM);
  const children = blocks.flatMap((b): (Paragraph | Table)[] => {
    switch (b.type) {
      case 'letterhead':
        return [twoColumns(b.left, b.right, textWidth), new Paragraph('')];
      case 'title':
        return b.lines.map((l) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: l, bold: true })] }));
      case 'heading':
        return [new Paragraph({ children: [new TextRun({ text: b.text, bold: true })] })];
      case 'para':
        return [new Paragraph({ alignment: AlignmentType.JUSTIFIED, children: [new TextRun(b.text)] })];
      case 'table':
        return [table(b.table, textWidth), new Paragraph('')];
      case 'signature':
        return [twoColumns(b.left, b.right, textWidth)];
    }
  });
  const doc = new Document({
    styles: { default: { document: { run: { font: 'Times New Roman', size: layout.fontPt * 2 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: A4.width, height: A4.height, orientation: landscape ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
            margin: { top: margin, bottom: margin, left: margin + Math.round(5 * MM), right: margin },
          },
        },
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}
