/**
 * A spec as the blocks both renderers draw: letterhead, title, headings, paragraphs, and tables
 * as grids of cells with row and column spans (cells covered by a span are left out, as in
 * HTML). One builder, so the PDF and the DOCX of a document show the same table.
 */
import type { DocSpec, MainTableSpec, RowSpec } from './spec.js';
import type { Field } from './wordings.js';

export interface GridCell {
  lines: string[];
  colSpan?: number;
  rowSpan?: number;
  bold?: boolean;
  center?: boolean;
}

export interface GridTable {
  role: 'main' | 'focus' | 'monitoring';
  header: GridCell[][];
  body: GridCell[][];
  /** Relative widths, one per column. */
  widths: number[];
  repeatHeader: boolean;
  /** Fixed layout: columns keep their widths and long words break inside. */
  fixed: boolean;
}

export interface StyledLine {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type Block =
  | { type: 'letterhead'; left: StyledLine[]; right: StyledLine[] }
  | { type: 'title'; lines: string[] }
  | { type: 'heading'; text: string }
  | { type: 'para'; text: string }
  | { type: 'table'; table: GridTable }
  | { type: 'signature'; left: StyledLine[]; right: StyledLine[] };

const cell = (lines: string[] | undefined, extra: Partial<GridCell> = {}): GridCell => ({ lines: lines ?? [], ...extra });

function headerRows(t: MainTableSpec): GridCell[][] {
  const rows: GridCell[][] = [];
  if (t.parents.length === 0) {
    rows.push(t.columns.map((c) => cell(c.header.text ? c.header.text.split('\n') : [], { bold: true, center: true })));
  } else {
    const top: GridCell[] = [];
    const bottom: GridCell[] = [];
    t.columns.forEach((c, i) => {
      const parent = t.parents.find((p) => i >= p.from && i <= p.to);
      if (!parent) top.push(cell([c.header.text], { rowSpan: 2, bold: true, center: true }));
      else {
        if (i === parent.from) top.push(cell([parent.text], { colSpan: parent.to - parent.from + 1, bold: true, center: true }));
        bottom.push(cell([c.header.text], { bold: true, center: true }));
      }
    });
    rows.push(top, bottom);
  }
  if (t.numberingRow) {
    let n = 0;
    rows.push(t.columns.map((c) => cell(c.field === 'rowNo' ? [] : [`(${++n})`], { center: true })));
  }
  return rows;
}

/** The body rows of the main table: group and standard rows, item rows, merged standard cells. */
function bodyRows(t: MainTableSpec, rows: RowSpec[] = t.rows): GridCell[][] {
  const n = t.columns.length;
  const out: GridCell[][] = [];
  if (t.levelGroupRow) out.push([cell([t.levelGroupRow], { colSpan: n, bold: true })]);
  let lastStandard: number | null = null;
  rows.forEach((row, i) => {
    const newStandard = row.standard !== lastStandard;
    if (t.standardStyle === 'heading-rows' && newStandard && row.standard != null) {
      const text = t.standardTexts[row.standard];
      if (t.standardRowNos && t.columns[0].field === 'rowNo') out.push([cell([t.standardRowNos[row.standard]], { bold: true }), cell([text], { colSpan: n - 1, bold: true })]);
      else out.push([cell([text], { colSpan: n, bold: true })]);
    }
    const cells: GridCell[] = [];
    for (const c of t.columns) {
      if (c.field === 'standard') {
        if (!newStandard) continue;
        let span = 1;
        while (i + span < rows.length && rows[i + span].standard === row.standard) span++;
        cells.push(cell(row.cells.standard, { rowSpan: span > 1 ? span : undefined, bold: true }));
      } else cells.push(cell(row.cells[c.field]));
    }
    out.push(cells);
    lastStandard = row.standard;
  });
  return out;
}

function mainGrid(spec: DocSpec, rows?: RowSpec[]): GridTable {
  const t = spec.table;
  return {
    role: 'main',
    header: headerRows(t),
    body: bodyRows(t, rows),
    widths: t.columns.map((c) => c.width),
    repeatHeader: spec.layout.repeatHeader,
    fixed: spec.layout.narrow,
  };
}

function focusGrid(spec: DocSpec): GridTable {
  const head = ['TT', 'Tiêu chuẩn', 'Tiêu chí', 'Đánh giá hiện trạng', 'Điểm hạn chế', 'Nguyên nhân của hạn chế'];
  return {
    role: 'focus',
    header: [head.map((h) => cell([h], { bold: true, center: true }))],
    body: spec.focus!.map((f) => [f.rowNo, f.standardText, f.criterion, f.currentState, f.limitation, f.cause].map((v) => cell([v]))),
    widths: [4, 10, 7, 12, 30, 30],
    repeatHeader: spec.layout.repeatHeader,
    fixed: false,
  };
}

function monitoringGrid(spec: DocSpec): GridTable {
  const head = ['Thời điểm', 'Nội dung theo dõi', 'Kết quả thực hiện', 'Điều chỉnh (nếu có)', 'Người đánh giá'];
  return {
    role: 'monitoring',
    header: [head.map((h) => cell([h], { bold: true, center: true }))],
    body: spec.monitoring!.map((r) => [r.when, r.content, r.result, r.adjustment, r.assessor].map((v) => cell(v ? [v] : []))),
    widths: [14, 30, 22, 18, 16],
    repeatHeader: spec.layout.repeatHeader,
    fixed: false,
  };
}

function frontBlocks(spec: DocSpec): Block[] {
  const m = spec.meta;
  const blocks: Block[] = [];
  if (m.letterhead) {
    const lh = m.letterhead;
    blocks.push({
      type: 'letterhead',
      left: [{ text: lh.agency }, ...lh.schoolLines.map((text) => ({ text, bold: true })), ...(lh.numberLine ? [{ text: lh.numberLine }] : [])],
      right: [
        { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', bold: true },
        { text: 'Độc lập - Tự do - Hạnh phúc', bold: true, underline: true },
        { text: lh.placeDateLine, italic: true },
      ],
    });
  }
  blocks.push({ type: 'title', lines: m.title });
  return blocks;
}

function signature(spec: DocSpec): Block {
  return {
    type: 'signature',
    left: [{ text: 'Nơi nhận:', bold: true, italic: true }, { text: '- Như trên;' }, { text: '- Lưu: VT.' }],
    right: [{ text: 'HIỆU TRƯỞNG', bold: true }, { text: '' }, { text: '' }, { text: spec.meta.signer, bold: true }],
  };
}

/** The document as blocks, its main table as one table (what a PDF shows, paginated by the renderer). */
export function documentBlocks(spec: DocSpec): Block[] {
  return assemble(spec, [mainGrid(spec)]);
}

function assemble(spec: DocSpec, mainPieces: GridTable[]): Block[] {
  const blocks = frontBlocks(spec);
  for (const b of spec.body) {
    if (b.type !== 'table') blocks.push(b);
    else if (b.ref === 'main') for (const table of mainPieces) blocks.push({ type: 'table', table });
    else blocks.push({ type: 'table', table: b.ref === 'focus' ? focusGrid(spec) : monitoringGrid(spec) });
  }
  if (!spec.compact) blocks.push(signature(spec));
  return blocks;
}

/** Fields whose text a continued row may carry on into the next piece. */
const CONTINUABLE: Field[] = ['target', 'solution', 'owner', 'planned', 'adjusted', 'done', 'inProgress', 'notDone', 'content', 'indicator', 'evidence', 'support'];

/** Split a cell's lines in two at a word boundary of its last line (or return null). */
function splitLines(lines: string[] | undefined): [string[], string[]] | null {
  if (!lines || lines.length === 0) return null;
  const last = lines[lines.length - 1].split(' ');
  if (last.length < 4) return null;
  const cut = Math.ceil(last.length / 2);
  return [[...lines.slice(0, -1), last.slice(0, cut).join(' ')], [last.slice(cut).join(' ')]];
}

/**
 * The DOCX variant: the main table written as several tables, each with the header again (a
 * Word file converted from a PDF), and, when the layout says so, the row at each cut continued
 * in the next piece as a row with no criterion (the seeds' "continuation rows after page breaks").
 */
export function docxBlocks(spec: DocSpec): Block[] {
  const { docxPieces, docxContinuation } = spec.layout;
  const rows = spec.table.rows;
  if (docxPieces <= 1 || rows.length < docxPieces * 2) return documentBlocks(spec);
  // Cuts between rows; with a merged standard column, only where the standard changes.
  const candidates = rows.map((_, i) => i).filter((i) => i > 0 && (spec.table.standardStyle !== 'merged-column' || rows[i].standard !== rows[i - 1].standard));
  if (candidates.length === 0) return documentBlocks(spec);
  const cuts = [...new Set(Array.from({ length: docxPieces - 1 }, (_, k) => candidates[Math.floor(((k + 1) * candidates.length) / docxPieces)]))].filter((c) => c !== undefined).sort((a, b) => a - b);
  const pieces: GridTable[] = [];
  let from = 0;
  let carried: GridCell[] | null = null;
  for (const to of [...cuts, rows.length]) {
    const slice = rows.slice(from, to);
    const grid = mainGrid({ ...spec, table: { ...spec.table, levelGroupRow: from === 0 ? spec.table.levelGroupRow : null } }, slice);
    if (from > 0 && spec.table.standardStyle === 'heading-rows' && rows[from].standard === rows[from - 1].standard) {
      // The standard's heading row belongs to the previous piece.
      grid.body.splice(0, 1);
    }
    if (carried) grid.body.unshift(carried);
    carried = null;
    if (docxContinuation && to < rows.length) {
      // Carry the second half of the last row's texts over to the next piece.
      const last = grid.body[grid.body.length - 1];
      const next: GridCell[] = spec.table.columns.map(() => cell([]));
      let any = false;
      spec.table.columns.forEach((c, i) => {
        if (!CONTINUABLE.includes(c.field)) return;
        const halves = splitLines(last[i]?.lines);
        if (!halves) return;
        last[i] = { ...last[i], lines: halves[0] };
        next[i] = cell(halves[1]);
        any = true;
      });
      if (any) carried = next;
    }
    pieces.push(grid);
    from = to;
  }
  return assemble(spec, pieces);
}
