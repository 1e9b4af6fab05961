/**
 * Paragraph and character properties: the PAPX and CHPX formatted-disk pages (FKPs) found through
 * the PlcBtePapx / PlcBteChpx bin tables, their sprm lists, and from those the table facts this
 * reader needs — in a table, row end (TTP), nesting depth, and the row's TAP (cell boundaries,
 * horizontal and vertical merge flags, header row) — and direct bold.
 *
 * Style-sheet properties are not resolved: table membership, row ends and table properties are
 * always direct paragraph properties in files Word and LibreOffice write, and `bold` is only a hint.
 */
import { Bytes, corrupt } from './bytes.js';
import { FC, fcOf, pieceAt, type Piece, type WordFile } from './binary.js';

/** One row's table properties (TAP), from the row-end paragraph. */
export interface Tap {
  /** Cell boundaries in twips, itcMac + 1 of them (rgdxaCenter). */
  boundaries: number[];
  /**
   * Per cell: horzMerge (0 none, 1 first, 2/3 merged into the previous cell) and vertMerge
   * (0 none, 1 continues the cell above, 3 starts a merge).
   */
  cells: { horzMerge: number; vertMerge: number }[];
  /** sprmTTableHeader: a repeated header row. */
  header: boolean;
}

/** What the builder needs to know about one paragraph, from the properties of its mark. */
export interface ParaInfo {
  /** sprmPFInTable */
  inTable: boolean;
  /** sprmPFTtp: the row-end mark of a depth-1 table. */
  ttp: boolean;
  /** sprmPItap: table depth (1 for an ordinary table; nested tables are deeper). */
  depth: number;
  /** On row ends: the row's TAP, when the paragraph carries one. */
  tap?: Tap;
}

export const PLAIN: ParaInfo = Object.freeze({ inTable: false, ttp: false, depth: 0 });

const SPRM = {
  pFInTable: 0x2416,
  pFTtp: 0x2417,
  pItap: 0x6649,
  pDtap: 0x664a,
  pFInnerTtp: 0x244c,
  pHugePapx: 0x6645,
  pHugePapx2: 0x6646,
  pTableProps: 0x646b,
  tDefTable: 0xd608,
  tInsert: 0x7621,
  tDelete: 0x5622,
  tMerge: 0x5624,
  tSplit: 0x5625,
  tVertMerge: 0xd62b,
  tTableHeader: 0x3404,
  cFBold: 0x0835,
  pChgTabs: 0xc615,
} as const;

/** A sprm and its operand bytes. */
export interface Sprm {
  code: number;
  operand: Uint8Array;
}

/**
 * Walk a grpprl (list of sprms), calling `visit` with each sprm's code and the offset and size of
 * its operand. Stops quietly at a sprm whose operand would run past the end.
 */
export function eachSprm(grpprl: Uint8Array, visit: (code: number, at: number, size: number) => void): void {
  let p = 0;
  const n = grpprl.length;
  while (p + 2 <= n) {
    const code = grpprl[p] | (grpprl[p + 1] << 8);
    p += 2;
    let size: number;
    switch (code >> 13) {
      case 0:
      case 1:
        size = 1;
        break;
      case 2:
      case 4:
      case 5:
        size = 2;
        break;
      case 3:
        size = 4;
        break;
      case 7:
        size = 3;
        break;
      default: // 6: variable length
        if (p >= n) return;
        if (code === SPRM.tDefTable || code === 0xd606) {
          if (p + 2 > n) return;
          // cb counts the rest of the operand plus one; the operand handed out starts after cb.
          size = (grpprl[p] | (grpprl[p + 1] << 8)) - 1;
          p += 2;
        } else if (code === SPRM.pChgTabs && grpprl[p] === 255) {
          const del = grpprl[p + 1] ?? 0;
          const add = grpprl[p + 2 + del * 4] ?? 0;
          size = 1 + del * 4 + 1 + add * 3;
          p += 1;
        } else {
          size = grpprl[p];
          p += 1;
        }
    }
    if (size < 0 || p + size > n) return;
    visit(code, p, size);
    p += size;
  }
}

/** The sprms of a grpprl as a list (for tests and one-off reads). */
export function sprms(grpprl: Uint8Array): Sprm[] {
  const out: Sprm[] = [];
  eachSprm(grpprl, (code, at, size) => out.push({ code, operand: grpprl.subarray(at, at + size) }));
  return out;
}

/**
 * One FKP run: FCs [fcStart, fcEnd) of the WordDocument stream share the property record at
 * stream offset `at` (-1: none). Runs of a page often share one record, so it is read once.
 */
interface Run {
  fcStart: number;
  fcEnd: number;
  at: number;
}

/** All runs of a PlcBte* (PAPX or CHPX), in FC order. */
function readRuns(file: WordFile, kind: 'papx' | 'chpx'): Run[] {
  const [fc, lcb] = file.fib.fcLcb(kind === 'papx' ? FC.plcfBtePapx : FC.plcfBteChpx);
  if (lcb < 12) return [];
  if ((lcb - 4) % 8 !== 0) throw corrupt(`the ${kind.toUpperCase()} bin table has a bad size`);
  const { table, wordDocument: wd } = file;
  table.check(fc, lcb, `the ${kind.toUpperCase()} bin table`);
  const n = (lcb - 4) / 8;
  const runs: Run[] = [];
  for (let i = 0; i < n; i++) {
    const pn = table.u32(fc + (n + 1) * 4 + i * 4) & 0x3fffff;
    const page = pn * 512;
    wd.check(page, 512, 'a formatting page');
    const crun = wd.u8(page + 511);
    if (crun === 0 || crun > (kind === 'papx' ? 0x1d : 0x65)) throw corrupt('a formatting page has a bad run count');
    for (let r = 0; r < crun; r++) {
      const fcStart = wd.u32(page + r * 4);
      const fcEnd = wd.u32(page + (r + 1) * 4);
      const b = kind === 'papx' ? wd.u8(page + (crun + 1) * 4 + r * 13) : wd.u8(page + (crun + 1) * 4 + r);
      runs.push({ fcStart, fcEnd, at: b === 0 ? -1 : page + b * 2 });
    }
  }
  runs.sort((a, b) => a.fcStart - b.fcStart);
  return runs;
}

/** PapxInFkp at `at`: cb (or 0 then cb'), then istd + grpprl. The istd is skipped. */
function papxGrpprl(wd: Bytes, at: number): Uint8Array | null {
  const page = at - (at % 512);
  const cb = wd.u8(at);
  const [start, size] = cb === 0 ? [at + 2, wd.u8(at + 1) * 2] : [at + 1, cb * 2 - 1];
  if (size < 2 || start + size > page + 511) return null;
  return wd.slice(start + 2, size - 2);
}

/** Chpx at `at`: cb then grpprl. */
function chpxGrpprl(wd: Bytes, at: number): Uint8Array | null {
  const page = at - (at % 512);
  const cb = wd.u8(at);
  if (at + 1 + cb > page + 511) return null;
  return wd.slice(at + 1, cb);
}

function findRun(runs: Run[], fc: number): Run | undefined {
  let lo = 0;
  let hi = runs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const run = runs[mid];
    if (fc < run.fcStart) hi = mid - 1;
    else if (fc >= run.fcEnd) lo = mid + 1;
    else return run;
  }
  return undefined;
}

/** Lookups of paragraph info and direct bold by CP, over one file. */
export interface Properties {
  /** Whether the file had paragraph properties at all (without them, rows cannot be told apart). */
  hasParagraphs: boolean;
  paragraphAt(cpOfMark: number): ParaInfo;
  boldAt(cp: number): boolean;
}

export function readProperties(file: WordFile, pieces: Piece[]): Properties {
  const papx = readRuns(file, 'papx');
  // Character runs only feed the bold hint: damage there costs the hint, not the document.
  let chpx: Run[];
  try {
    chpx = readRuns(file, 'chpx');
  } catch {
    chpx = [];
  }
  const wd = file.wordDocument;
  // Parsed once per property record (records are shared by runs and paragraphs).
  const infoCache = new Map<number, ParaInfo>();
  const boldCache = new Map<number, boolean>();
  return {
    hasParagraphs: papx.length > 0,
    paragraphAt(cp) {
      const piece = pieceAt(pieces, cp);
      if (!piece) return PLAIN;
      const at = findRun(papx, fcOf(piece, cp))?.at ?? -1;
      if (!piece.grpprl) {
        if (at < 0) return PLAIN;
        let info = infoCache.get(at);
        if (!info) {
          const grpprl = papxGrpprl(wd, at);
          infoCache.set(at, (info = grpprl ? paraInfo([grpprl], file.data) : PLAIN));
        }
        return info;
      }
      const grpprl = at < 0 ? null : papxGrpprl(wd, at);
      return paraInfo(grpprl ? [grpprl, piece.grpprl] : [piece.grpprl], file.data);
    },
    boldAt(cp) {
      const piece = pieceAt(pieces, cp);
      const at = piece ? (findRun(chpx, fcOf(piece, cp))?.at ?? -1) : -1;
      if (at < 0) return false;
      let bold = boldCache.get(at);
      if (bold === undefined) {
        bold = false;
        const grpprl = chpxGrpprl(wd, at);
        // 1 = on, 0x81 = the opposite of the style's (styles are taken as not bold).
        if (grpprl) {
          eachSprm(grpprl, (code, op) => {
            if (code === SPRM.cFBold) bold = grpprl[op] === 1 || grpprl[op] === 0x81;
          });
        }
        boldCache.set(at, bold);
      }
      return bold;
    },
  };
}

/** Apply sprm lists in order (the FKP's, then the piece's) to a fresh ParaInfo. */
export function paraInfo(lists: Uint8Array[], data?: Bytes): ParaInfo {
  const info: ParaInfo = { inTable: false, ttp: false, depth: 0 };
  let tap: Tap | undefined;
  let innerTtp = false;
  const apply = (grpprl: Uint8Array, hops: number) => {
    eachSprm(grpprl, (code, at, size) => {
      switch (code) {
        case SPRM.pFInTable:
          info.inTable = grpprl[at] !== 0;
          break;
        case SPRM.pFTtp:
          info.ttp = grpprl[at] !== 0;
          break;
        case SPRM.pItap:
          info.depth = readI32(grpprl, at);
          break;
        case SPRM.pDtap:
          info.depth += readI32(grpprl, at);
          break;
        case SPRM.pFInnerTtp:
          innerTtp = grpprl[at] !== 0;
          break;
        case SPRM.pHugePapx:
        case SPRM.pHugePapx2:
        case SPRM.pTableProps: {
          // The real list sits in the Data stream as PrcData (cbGrpprl, grpprl); one hop only.
          if (!data || hops > 0) break;
          const where = readI32(grpprl, at);
          if (where < 0 || where + 2 > data.length) break;
          const cb = data.u16(where);
          if (where + 2 + cb > data.length) break;
          apply(data.slice(where + 2, cb), hops + 1);
          break;
        }
        case SPRM.tDefTable:
          tap = defTable(grpprl.subarray(at, at + size), tap?.header ?? false);
          break;
        case SPRM.tTableHeader:
          tap ??= { boundaries: [], cells: [], header: false };
          tap.header = grpprl[at] !== 0;
          break;
        default:
          if (((code >> 10) & 7) === 5 && tap && tap.cells.length) editTap(tap, code, grpprl.subarray(at, at + size));
      }
    });
  };
  for (const list of lists) apply(list, 0);
  if (info.inTable && info.depth <= 0) info.depth = 1;
  if (info.depth > 0) info.inTable = true;
  // A nested table's row end (sprmPFInnerTtp) is only a paragraph of its outer cell: nested tables
  // are flattened into that cell, so their TAP is not kept.
  if (info.depth > 1 || innerTtp) info.ttp = false;
  if (tap && info.ttp) info.tap = tap;
  return info;
}

function readI32(bytes: Uint8Array, at: number): number {
  if (at + 4 > bytes.length) return 0;
  return bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24);
}

function readI16(operand: Uint8Array, at: number): number {
  const v = operand[at] | (operand[at + 1] << 8);
  return v >= 0x8000 ? v - 0x10000 : v;
}

/** TDefTableOperand (after cb): itcMac, rgdxaCenter[itcMac + 1], then up to itcMac TC80s of 20 bytes. */
export function defTable(operand: Uint8Array, header: boolean): Tap | undefined {
  const itcMac = operand[0];
  if (itcMac === undefined || itcMac === 0 || itcMac > 63 || 1 + (itcMac + 1) * 2 > operand.length) return undefined;
  const boundaries: number[] = [];
  for (let i = 0; i <= itcMac; i++) boundaries.push(readI16(operand, 1 + i * 2));
  const cells: Tap['cells'] = [];
  const tcStart = 1 + (itcMac + 1) * 2;
  for (let i = 0; i < itcMac; i++) {
    const at = tcStart + i * 20;
    if (at + 2 > operand.length) {
      cells.push({ horzMerge: 0, vertMerge: 0 });
      continue;
    }
    const tcgrf = operand[at] | (operand[at + 1] << 8);
    cells.push({ horzMerge: tcgrf & 0x3, vertMerge: (tcgrf >> 5) & 0x3 });
  }
  return { boundaries, cells, header };
}

/** The TAP-editing sprms that follow a sprmTDefTable (fast saves write them). */
function editTap(tap: Tap, code: number, op: Uint8Array): void {
  const n = tap.cells.length;
  switch (code) {
    case SPRM.tVertMerge: {
      // Operand (after cb): itc, vertMerge.
      const cell = tap.cells[op[0]];
      if (cell && op.length >= 2) cell.vertMerge = op[1] & 3;
      break;
    }
    case SPRM.tMerge:
    case SPRM.tSplit: {
      const [first, lim] = [op[0], Math.min(op[1], n)];
      for (let i = first; i < lim; i++) tap.cells[i].horzMerge = code === SPRM.tSplit ? 0 : i === first ? 1 : 2;
      break;
    }
    case SPRM.tDelete: {
      const [first, lim] = [op[0], Math.min(op[1], n)];
      if (first >= lim) break;
      const width = tap.boundaries[lim] - tap.boundaries[first];
      tap.cells.splice(first, lim - first);
      tap.boundaries.splice(first + 1, lim - first);
      for (let i = first + 1; i < tap.boundaries.length; i++) tap.boundaries[i] -= width;
      break;
    }
    case SPRM.tInsert: {
      const [at, count, width] = [op[0], op[1], readI16(op, 2)];
      if (at > n || n + count > 63 || width < 0) break;
      const base = tap.boundaries[at];
      const added = Array.from({ length: count }, (_, i) => base + (i + 1) * width);
      for (let i = at + 1; i < tap.boundaries.length; i++) tap.boundaries[i] += count * width;
      tap.boundaries.splice(at + 1, 0, ...added);
      tap.cells.splice(at, 0, ...Array.from({ length: count }, () => ({ horzMerge: 0, vertMerge: 0 })));
      break;
    }
  }
}
