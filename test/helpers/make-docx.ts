/**
 * Build small DOCX documents in tests with the `docx` package: a letterhead, a title, paragraphs
 * and tables with merged cells, so extraction is tested on layouts the fixtures do not show.
 */
import {
  Document,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalMergeType,
  WidthType,
} from 'docx';

export type CellSpec =
  | string
  | null
  | { text: string | string[]; colSpan?: number; rowSpan?: number; vMerge?: 'restart' | 'continue' };

export interface TableSpec {
  /** Header rows (marked as repeating header rows, like Word's "Repeat as header row"). */
  header: CellSpec[][];
  rows: CellSpec[][];
  /** Do not mark the header rows as repeating (most real plans do not). */
  plainHeader?: boolean;
}

export type BlockSpec = string | string[] | TableSpec;

function cell(spec: CellSpec): TableCell {
  const s = spec == null || typeof spec === 'string' ? { text: spec ?? '' } : spec;
  const lines = Array.isArray(s.text) ? s.text : [s.text];
  return new TableCell({
    children: lines.map((line) => new Paragraph({ children: [new TextRun(line)] })),
    columnSpan: s.colSpan,
    rowSpan: s.rowSpan,
    verticalMerge: s.vMerge === 'restart' ? VerticalMergeType.RESTART : s.vMerge === 'continue' ? VerticalMergeType.CONTINUE : undefined,
  });
}

function table(spec: TableSpec): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      ...spec.header.map((r) => new TableRow({ children: r.map(cell), tableHeader: !spec.plainHeader })),
      ...spec.rows.map((r) => new TableRow({ children: r.map(cell) })),
    ],
  });
}

/** A DOCX of the given blocks: a string is a paragraph, a string[] several, a TableSpec a table. */
export async function makeDocx(blocks: BlockSpec[], options: { landscape?: boolean } = {}): Promise<Uint8Array> {
  const children = blocks.flatMap((b) => {
    if (typeof b === 'string') return [new Paragraph(b)];
    if (Array.isArray(b)) return b.map((t) => new Paragraph(t));
    return [table(b), new Paragraph('')];
  });
  const doc = new Document({
    sections: [
      {
        properties: options.landscape ? { page: { size: { orientation: PageOrientation.LANDSCAPE } } } : {},
        children,
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** The usual letterhead: agency and school on the left, motto and place/date on the right. */
export function letterhead(opts: { agency?: string; school: string; number: string; placeDate: string }): TableSpec {
  return {
    header: [],
    rows: [
      [
        { text: [opts.agency ?? 'UBND HUYỆN ĐIỆN BIÊN', opts.school, opts.number] },
        { text: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', opts.placeDate] },
      ],
    ],
  };
}
