/**
 * The Word 97–2003 binary container: the OLE streams, the FIB, and the piece table that maps
 * character positions (CPs) of the main document to bytes (FCs) of the WordDocument stream.
 * Field and structure references are to [MS-DOC].
 */
import * as CFB from 'cfb';
import { KhclError } from '../../errors.js';
import { Bytes, corrupt } from './bytes.js';

/** The parts of the FIB this reader uses. */
export interface Fib {
  nFib: number;
  encrypted: boolean;
  /** Name of the table stream chosen by fWhichTblStm. */
  tableStream: '0Table' | '1Table';
  /** Characters of main document text (the story this reader reads). */
  ccpText: number;
  /** [fc, lcb] pairs of FibRgFcLcb97 by index. */
  fcLcb: (index: number) => [number, number];
}

/** FibRgFcLcb97 indexes. */
export const FC = { plcfBteChpx: 12, plcfBtePapx: 13, clx: 33 } as const;

/** One entry of the piece table: CPs [cpStart, cpEnd) stored at FC `fc`, 8-bit or UTF-16LE. */
export interface Piece {
  cpStart: number;
  cpEnd: number;
  /** Byte offset of the piece's first character in the WordDocument stream. */
  fc: number;
  compressed: boolean;
  /** Prm: a sprm list (from a Prc) applied to this piece's paragraphs, when the Prm is complex. */
  grpprl?: Uint8Array;
}

export interface WordFile {
  fib: Fib;
  wordDocument: Bytes;
  table: Bytes;
  /** The Data stream (huge paragraph properties), empty when absent. */
  data: Bytes;
}

const W_IDENT = 0xa5ec;
/** Word 97 and later; Word 6.0/95 files have a different FIB and no table stream. */
const NFIB_WORD97 = 0xc1;

/** Open the OLE container and read the FIB. Throws KhclErrors only. */
export function openWordFile(bytes: Uint8Array): WordFile {
  let container: CFB.CFB$Container;
  try {
    container = CFB.read(bytes, { type: 'array' });
  } catch (cause) {
    throw new KhclError('file.corrupt', 'not a readable DOC (the OLE container is damaged)', { cause });
  }
  const stream = (name: string): Bytes | null => {
    const entry = CFB.find(container, name);
    if (!entry || entry.type !== 2 || !entry.content) return null;
    const content = entry.content instanceof Uint8Array ? entry.content : Uint8Array.from(entry.content);
    return new Bytes(content.subarray(0, Math.min(content.byteLength, entry.size ?? content.byteLength)), name);
  };
  const wordDocument = stream('WordDocument');
  if (!wordDocument) {
    if (stream('EncryptedPackage')) {
      throw new KhclError('file.encrypted', 'the DOCX is password-protected; save it without a password');
    }
    if (stream('Workbook') || stream('Book') || stream('PowerPoint Document')) {
      throw new KhclError('file.unsupported', 'an Excel or PowerPoint file, not a Word document or PDF');
    }
    throw corrupt('no WordDocument stream in the OLE container');
  }
  const fib = readFib(wordDocument);
  if (fib.encrypted) throw new KhclError('file.encrypted', 'the DOC is password-protected');
  const table = stream(fib.tableStream);
  if (!table) throw corrupt(`the ${fib.tableStream} stream is missing`);
  return { fib, wordDocument, table, data: stream('Data') ?? new Bytes(new Uint8Array(0), 'Data') };
}

/** FibBase, then the counted FibRgW97 / FibRgLw97 / FibRgFcLcb blocks. */
export function readFib(wd: Bytes): Fib {
  if (wd.length < 0x22) throw corrupt('the FIB is truncated');
  if (wd.u16(0) !== W_IDENT) throw corrupt('the WordDocument stream does not start with a Word FIB');
  const nFib = wd.u16(2);
  const flags = wd.u16(0x0a);
  const encrypted = (flags & 0x0100) !== 0;
  // Encryption is reported before anything else: an encrypted file's other fields are noise.
  if (encrypted) return { nFib, encrypted, tableStream: '0Table', ccpText: 0, fcLcb: () => [0, 0] };
  if (nFib < NFIB_WORD97) {
    throw new KhclError('file.unsupported', 'a Word 6.0/95 document; open it in Word and save it as DOCX');
  }
  const csw = wd.u16(0x20, 'FIB csw');
  const lwStart = 0x22 + csw * 2 + 2;
  const cslw = wd.u16(lwStart - 2, 'FIB cslw');
  if (cslw < 4) throw corrupt('the FIB has no character counts');
  const ccpText = wd.i32(lwStart + 3 * 4, 'FIB ccpText');
  const fcStart = lwStart + cslw * 4 + 2;
  const cbRgFcLcb = wd.u16(fcStart - 2, 'FIB cbRgFcLcb');
  if (cbRgFcLcb <= FC.clx) throw corrupt('the FIB has no piece table entry');
  wd.check(fcStart, cbRgFcLcb * 8, 'the FIB');
  if (ccpText < 0) throw corrupt('negative text length in the FIB');
  return {
    nFib,
    encrypted,
    tableStream: flags & 0x0200 ? '1Table' : '0Table',
    ccpText,
    fcLcb: (index) => [wd.u32(fcStart + index * 8), wd.u32(fcStart + index * 8 + 4)],
  };
}

/** The piece table from the CLX in the table stream: Prc* (property lists) then one Pcdt. */
export function readPieces(file: WordFile): Piece[] {
  const { table } = file;
  const [fcClx, lcbClx] = file.fib.fcLcb(FC.clx);
  if (lcbClx === 0) throw corrupt('no piece table');
  table.check(fcClx, lcbClx, 'the piece table');
  const end = fcClx + lcbClx;
  const prcs: Uint8Array[] = [];
  let p = fcClx;
  while (p < end && table.u8(p) === 0x01) {
    const cb = table.i16(p + 1, 'a piece property list');
    if (cb < 0) throw corrupt('a negative piece property size');
    prcs.push(table.slice(p + 3, cb, 'a piece property list'));
    p += 3 + cb;
  }
  if (p >= end || table.u8(p) !== 0x02) throw corrupt('the piece table has no Pcdt');
  const lcb = table.u32(p + 1, 'the piece table size');
  const plc = p + 5;
  if (plc + lcb > end || (lcb - 4) % 12 !== 0 || lcb < 16) throw corrupt('the piece table has a bad size');
  const n = (lcb - 4) / 12;
  const pieces: Piece[] = [];
  let last = 0;
  for (let i = 0; i < n; i++) {
    const cpStart = table.u32(plc + i * 4);
    const cpEnd = table.u32(plc + (i + 1) * 4);
    if (cpStart < last || cpEnd < cpStart) throw corrupt('piece positions are out of order');
    last = cpEnd;
    const pcd = plc + (n + 1) * 4 + i * 8;
    const fcRaw = table.u32(pcd + 2);
    const compressed = (fcRaw & 0x40000000) !== 0;
    const fcValue = fcRaw & 0x3fffffff;
    const prm = table.u16(pcd + 6);
    const piece: Piece = { cpStart, cpEnd, fc: compressed ? fcValue / 2 : fcValue, compressed };
    // A complex Prm names a Prc by index; a simple Prm (one sprm by short index) is not read.
    if (prm & 1 && prcs[prm >> 1]) piece.grpprl = prcs[prm >> 1];
    if (cpEnd > cpStart) pieces.push(piece);
  }
  return pieces;
}

/** CP1252 0x80–0x9F; the other bytes of an 8-bit piece are Latin-1. Undefined slots stay C1 controls. */
const CP1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8d, 0x017d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x9d, 0x017e, 0x0178,
];

export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 4096) {
    const chunk = bytes.subarray(i, i + 4096);
    const codes = new Array<number>(chunk.length);
    for (let j = 0; j < chunk.length; j++) {
      const b = chunk[j];
      codes[j] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80] : b;
    }
    out += String.fromCharCode(...codes);
  }
  return out;
}

/**
 * The main document text, CPs [0, ccpText): one string whose index is the CP, and a CP → FC map
 * for looking up properties. Text past the last piece is cut (with `truncated` set).
 */
export function readMainText(file: WordFile, pieces: Piece[]): { text: string; truncated: boolean } {
  const { wordDocument } = file;
  const ccp = file.fib.ccpText;
  let text = '';
  for (const piece of pieces) {
    if (piece.cpStart >= ccp) break;
    if (piece.cpStart !== text.length) throw corrupt('the piece table has a gap');
    const count = Math.min(piece.cpEnd, ccp) - piece.cpStart;
    if (piece.compressed) {
      text += decodeCp1252(wordDocument.slice(piece.fc, count, 'a text piece'));
    } else {
      const raw = wordDocument.slice(piece.fc, count * 2, 'a text piece');
      text += Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf16le');
    }
  }
  return { text, truncated: text.length < ccp };
}

/** The piece holding a CP (binary search), or undefined past the text. */
export function pieceAt(pieces: Piece[], cp: number): Piece | undefined {
  let lo = 0;
  let hi = pieces.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const piece = pieces[mid];
    if (cp < piece.cpStart) hi = mid - 1;
    else if (cp >= piece.cpEnd) lo = mid + 1;
    else return piece;
  }
  return undefined;
}

/** The WordDocument byte offset of the character at `cp`. */
export function fcOf(piece: Piece, cp: number): number {
  return piece.fc + (cp - piece.cpStart) * (piece.compressed ? 1 : 2);
}
