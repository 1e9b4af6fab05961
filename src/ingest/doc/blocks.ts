/**
 * Main-document text plus paragraph properties → Layout blocks. Pure: tested with hand-built text.
 *
 * The text is indexed by CP. Paragraphs end with \r (or \x0c, a page/section break); a cell's last
 * paragraph ends with the cell mark \x07 instead; a row ends with a paragraph of its own made of
 * one \x07 whose properties say "table terminating paragraph" (TTP) and carry the row's TAP.
 * \x0b is a line break inside a paragraph. Fields are \x13 code \x14 result \x15: the result is
 * kept and the code dropped. Objects (\x01, \x08) and other control characters are dropped.
 */
import type { Block, Cell, LayoutIssue, Paragraph, Table } from '../../layout/layout.js';
import type { ParaInfo, Tap } from './props.js';

export interface PropertySource {
  /** False when the file has no paragraph properties: rows are then guessed from the marks. */
  hasParagraphs: boolean;
  paragraphAt(cpOfMark: number): ParaInfo;
  boldAt?(cp: number): boolean;
}

export interface RawRow {
  cells: string[][];
  tap?: Tap;
}

/** Boundaries closer than this (twips; 1/20 pt) are one grid line: writers round row by row. */
const SAME_LINE_TWIPS = 20;

const CELL = 0x07;
const PARA = 0x0d;
const SECTION = 0x0c;

export function buildBlocks(text: string, props: PropertySource): { blocks: Block[]; issues: LayoutIssue[] } {
  const blocks: Block[] = [];
  const issues: LayoutIssue[] = [];
  const note = (code: string, message: string) => {
    if (!issues.some((i) => i.code === code)) issues.push({ code, severity: 'warning', message });
  };
  const guess = guesser(text);
  if (!props.hasParagraphs && text.includes('\x07')) {
    note('doc.table-guessed', 'the DOC has no paragraph properties; table rows were guessed from the cell marks');
  }

  // The paragraph being read: finished lines, the current line, and the CP ranges of its shown text.
  let lines: string[] = [];
  let line = '';
  let shownRanges: number[] = [];
  // Field nesting: one entry per open field, true once its result starts. Text shows when no open
  // field is still in its code part.
  const fields: boolean[] = [];
  let inCode = 0;
  // The table being read.
  let rows: RawRow[] = [];
  let cells: string[][] = [];
  let cellLines: string[] = [];
  let tableIndex = 0;

  const takeLines = (): string[] => {
    lines.push(line);
    const out: string[] = [];
    for (const l of lines) {
      const folded = fold(l);
      if (folded !== '') out.push(folded);
    }
    lines = [];
    line = '';
    return out;
  };

  /** Every shown non-space character of the paragraph has direct bold. */
  const allBold = (): boolean => {
    const boldAt = props.boldAt;
    if (!boldAt) return false;
    let any = false;
    for (let i = 0; i < shownRanges.length; i += 2) {
      for (let cp = shownRanges[i]; cp < shownRanges[i + 1]; cp++) {
        if (isSpace(text.charCodeAt(cp))) continue;
        if (!boldAt(cp)) return false;
        any = true;
      }
    }
    return any;
  };

  const closeTable = () => {
    if (cellLines.length) cells.push(cellLines);
    if (cells.length) {
      rows.push({ cells });
      note('doc.table-unterminated', 'a table ended without a row mark; its last row was kept as read');
    }
    if (rows.length) blocks.push(buildTable(rows, tableIndex++, note));
    rows = [];
    cells = [];
    cellLines = [];
  };

  const endParagraph = (cp: number, mark: number) => {
    const info = props.hasParagraphs ? props.paragraphAt(cp) : guess(cp, mark);
    const paraLines = takeLines();
    if (mark === CELL || info.inTable) {
      shownRanges = [];
      if (mark === CELL && info.ttp) {
        // A row mark; text in it (never written by Word) goes to the row's last cell.
        if (paraLines.length) (cells.at(-1) ?? (cells[0] = [])).push(...paraLines);
        if (cellLines.length) cells.push(cellLines);
        if (cells.length) rows.push({ cells, tap: info.tap });
        cells = [];
        cellLines = [];
      } else if (mark === CELL) {
        cells.push([...cellLines, ...paraLines]);
        cellLines = [];
      } else {
        cellLines.push(...paraLines);
      }
      return;
    }
    closeTable();
    if (paraLines.length) {
      const paragraph: Paragraph = { type: 'paragraph', lines: paraLines };
      if (allBold()) paragraph.bold = true;
      blocks.push(paragraph);
    }
    shownRanges = [];
  };

  // Ordinary characters are taken a run at a time, up to the next control character.
  let runStart = 0;
  const takeRun = (end: number) => {
    if (end > runStart && inCode === 0) {
      line += text.slice(runStart, end);
      shownRanges.push(runStart, end);
    }
  };
  for (let cp = 0; cp < text.length; cp++) {
    const ch = text.charCodeAt(cp);
    if (ch >= 0x20 && ch !== 0x7f) continue;
    takeRun(cp);
    runStart = cp + 1;
    switch (ch) {
      case 0x13:
        fields.push(false);
        inCode++;
        break;
      case 0x14:
        if (fields.length && !fields[fields.length - 1]) {
          fields[fields.length - 1] = true;
          inCode--;
        }
        break;
      case 0x15:
        if (fields.length && !fields.pop()) inCode--;
        break;
      case PARA:
      case CELL:
      case SECTION:
        endParagraph(cp, ch);
        break;
      case 0x0b: // line break
      case 0x0e: // column break
        if (inCode === 0) {
          lines.push(line);
          line = '';
        }
        break;
      case 0x09:
        if (inCode === 0) line += ' ';
        break;
      case 0x1e: // non-breaking hyphen
        if (inCode === 0) {
          line += '-';
          shownRanges.push(cp, cp + 1);
        }
        break;
      default: // objects (\x01, \x08), footnote and comment marks, optional hyphen: dropped
    }
  }
  takeRun(text.length);
  if (line !== '' || lines.length) endParagraph(text.length, PARA);
  closeTable();
  return { blocks, issues };
}

function isSpace(ch: number): boolean {
  return ch === 0x20 || ch === 0xa0 || (ch >= 0x2000 && ch <= 0x200b) || ch === 0x3000 || ch === 0x202f || ch === 0xfeff;
}

const FOLDABLE = /[^\S ]| {2}/;

/** Whitespace folded to one space, trimmed, NFC. */
function fold(line: string): string {
  const spaced = FOLDABLE.test(line) ? line.replace(/\s+/g, ' ') : line;
  return spaced.trim().normalize('NFC');
}

/**
 * Without paragraph properties: a cell mark right after another cell mark ends the row. An empty
 * cell reads the same, so this is only a fallback.
 */
function guesser(text: string): (cp: number, mark: number) => ParaInfo {
  let nextCell = -1;
  return (cp, mark) => {
    if (mark === CELL) return { inTable: true, ttp: cp > 0 && text.charCodeAt(cp - 1) === CELL, depth: 1 };
    // A paragraph whose next mark is a cell mark is a cell's paragraph.
    if (nextCell <= cp) {
      const at = text.indexOf('\x07', cp + 1);
      nextCell = at < 0 ? Infinity : at;
    }
    const para = text.indexOf('\r', cp + 1);
    const inTable = mark === PARA && nextCell < (para < 0 ? Infinity : para);
    return { inTable, ttp: false, depth: inTable ? 1 : 0 };
  };
}

/**
 * Rows of cell texts and TAPs → a layout table. A row whose TAP matches its cells is placed by
 * its cell boundaries on the table's grid (every distinct boundary of every row is a grid line),
 * which gives column spans; horizontally merged cells (horzMerge) join the cell before them and
 * vertically merged ones (vertMerge) extend the cell above. A row without a usable TAP is placed
 * cell after cell.
 */
export function buildTable(rows: RawRow[], index: number, note: (code: string, message: string) => void = () => {}): Table {
  const usable = (row: RawRow): boolean => {
    const tap = row.tap;
    if (!tap || tap.cells.length !== row.cells.length || tap.boundaries.length !== row.cells.length + 1) return false;
    return tap.boundaries.every((b, i) => i === 0 || b >= tap.boundaries[i - 1]);
  };
  // Grid lines: every boundary of every placeable row, those within SAME_LINE_TWIPS of a line's
  // first boundary folded into it.
  const lineOf = new Map<number, number>();
  let lines = 0;
  let lineStart = -Infinity;
  for (const v of [...new Set(rows.filter(usable).flatMap((r) => r.tap!.boundaries))].sort((a, b) => a - b)) {
    if (v - lineStart > SAME_LINE_TWIPS) {
      lineStart = v;
      lines++;
    }
    lineOf.set(v, lines - 1);
  }
  const gridIndex = (v: number): number => lineOf.get(v) ?? 0;

  const cells: Cell[] = [];
  // The cell reaching down to the previous row, by its first column: where a vertical merge continues.
  let reaching = new Map<number, Cell>();
  rows.forEach((row, r) => {
    const reachingNext = new Map<number, Cell>();
    const byBoundaries = usable(row);
    if (!byBoundaries) {
      note('doc.table-approximate', 'a table row has no usable cell boundaries; its cells were placed one after another');
    }
    const rowCells: Cell[] = [];
    let next = 0;
    row.cells.forEach((lines, i) => {
      const tc = byBoundaries ? row.tap!.cells[i] : { horzMerge: 0, vertMerge: 0 };
      let col: number;
      let end: number;
      if (byBoundaries) {
        col = Math.max(gridIndex(row.tap!.boundaries[i]), next);
        end = Math.max(gridIndex(row.tap!.boundaries[i + 1]), col + 1);
      } else {
        col = next;
        end = col + 1;
      }
      next = end;
      const before = rowCells.at(-1);
      if (tc.horzMerge >= 2 && before && before.col + before.colSpan === col) {
        before.colSpan = end - before.col;
        before.lines.push(...lines);
        return;
      }
      const above = tc.vertMerge === 1 ? reaching.get(col) : undefined;
      if (above) {
        above.rowSpan++;
        above.lines.push(...lines);
        reachingNext.set(col, above);
        return;
      }
      const cell: Cell = { row: r, col, rowSpan: 1, colSpan: end - col, lines };
      if (row.tap?.header) cell.header = true;
      rowCells.push(cell);
      cells.push(cell);
      reachingNext.set(col, cell);
    });
    reaching = reachingNext;
  });
  const cols = cells.reduce((m, c) => Math.max(m, c.col + c.colSpan), 0);
  cells.sort((a, b) => a.row - b.row || a.col - b.col);
  return { type: 'table', index, rows: rows.length, cols, cells };
}
