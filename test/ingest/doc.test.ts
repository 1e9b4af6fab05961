/**
 * The DOC (Word 97–2003 binary) reader: the fixture against its DOCX twin, damaged and encrypted
 * files, and the decoders (piece table, sprms, cell and row marks) on hand-built data — including
 * small .doc files built here byte by byte for what the fixture does not show (vertical merges,
 * 8-bit pieces, fields, nested tables).
 */
import { readFileSync } from 'node:fs';
import * as CFB from 'cfb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { ingestDoc } from '../../src/ingest/doc.js';
import { Bytes } from '../../src/ingest/doc/bytes.js';
import { decodeCp1252, FC, fcOf, pieceAt, readMainText, readPieces, type WordFile } from '../../src/ingest/doc/binary.js';
import { buildBlocks, buildTable, type PropertySource } from '../../src/ingest/doc/blocks.js';
import { defTable, paraInfo, sprms, type ParaInfo, type Tap } from '../../src/ingest/doc/props.js';
import { ingestDocx } from '../../src/ingest/docx.js';
import { ingest } from '../../src/ingest/registry.js';
import { LayoutSchema, tablesOf, type Layout, type Table } from '../../src/layout/layout.js';

const FIXTURE = new URL('../../fixtures/kh-2023-th-hemuong.doc', import.meta.url);
const TWIN = new URL('../../fixtures/kh-2023-th-hemuong.docx', import.meta.url);
const docBytes = () => new Uint8Array(readFileSync(FIXTURE));

const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim();

/** The plan table: the one with the most rows. */
function planTable(layout: Layout): Table {
  return tablesOf(layout).reduce((a, b) => (b.rows > a.rows ? b : a));
}

async function errorOf(p: Promise<unknown>): Promise<KhclError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(KhclError);
    return e as KhclError;
  }
  throw new Error('expected a KhclError, got a result');
}

describe('ingestDoc on the fixture', () => {
  it('gives a schema-valid, unpaginated Layout from the word-binary reader', async () => {
    const layout = LayoutSchema.parse(await ingestDoc(docBytes()));
    expect(layout.source).toEqual({ format: 'doc', reader: 'word-binary', paginated: false });
    expect(layout.pages).toHaveLength(1);
    expect(layout.issues).toEqual([]);
    expect(tablesOf(layout).map((t) => t.index)).toEqual([0, 1]);
  });

  it('reads the plan table cell by cell as the DOCX twin does, merged cells included', async () => {
    const doc = planTable(await ingestDoc(docBytes()));
    const docx = planTable(await ingestDocx(new Uint8Array(readFileSync(TWIN))));
    expect([doc.rows, doc.cols]).toEqual([docx.rows, docx.cols]);
    expect([doc.rows, doc.cols]).toEqual([13, 9]);
    const key = (t: Table) =>
      t.cells.map((c) => ({ row: c.row, col: c.col, rowSpan: c.rowSpan, colSpan: c.colSpan, text: c.lines.map(fold).join('\n'), header: c.header ?? false }));
    const [a, b] = [key(doc), key(docx)];
    expect(a).toHaveLength(b.length);
    for (let i = 0; i < b.length; i++) expect(a[i], `cell ${b[i].row},${b[i].col}`).toEqual(b[i]);
    // The standard rows: an empty number cell, then one cell across the other eight columns.
    expect(doc.cells.find((c) => c.row === 1 && c.col === 1)).toMatchObject({ colSpan: 8, lines: ['Tiêu chuẩn 1: Tổ chức quản lý nhà trường'] });
  });

  it('gives the same paragraphs, bold hints and letterhead table as the DOCX twin', async () => {
    const strip = (l: Layout) =>
      l.pages[0].blocks.map((b) =>
        b.type === 'paragraph'
          ? { p: b.lines.map(fold), bold: b.bold ?? false }
          : { t: b.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.lines.map(fold).join('\n')]) },
      );
    const doc = strip(await ingestDoc(docBytes()));
    const docx = strip(await ingestDocx(new Uint8Array(readFileSync(TWIN))));
    expect(doc).toEqual(docx);
    const boldLines = doc.flatMap((b) => ('p' in b && b.bold ? [b.p?.[0]] : []));
    expect(boldLines).toEqual([
      'KẾ HOẠCH',
      'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC',
      'NĂM HỌC 2023-2024',
    ]);
  });

  it('keeps Vietnamese text exactly, in NFC', async () => {
    const layout = await ingestDoc(docBytes());
    const lines = layout.pages[0].blocks.flatMap((b) => (b.type === 'paragraph' ? b.lines : b.cells.flatMap((c) => c.lines)));
    for (const line of lines) expect(line).toBe(line.normalize('NFC'));
    expect(lines).toContain('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM');
    expect(lines).toContain('Tiêu chí 3.3: Khối phòng phục vụ học tập và khối phòng hành chính - quản trị');
    expect(lines).toContain('Ngô Ngọc Tấn');
  });

  it('is what the routing table uses for OLE Word files', async () => {
    const layout = await ingest(docBytes(), { fileName: 'kh.doc' });
    expect(layout.source.format).toBe('doc');
    expect(planTable(layout).rows).toBe(13);
  });
});

describe('damaged, foreign and protected files', () => {
  it('a truncated .doc is file.corrupt', async () => {
    const bytes = docBytes();
    for (const n of [600, 4096, 9000, 20_000, bytes.length - 300]) {
      const err = await errorOf(ingestDoc(bytes.subarray(0, n), { fileName: 'cut.doc' }));
      expect(err.code, `cut at ${n}`).toBe('file.corrupt');
      expect(err.message).toMatch(/^not a readable DOC \(/);
      expect(err.file).toBe('cut.doc');
    }
    // Through the router too, where anything below 512 bytes is still sniffed as OLE.
    expect((await errorOf(ingest(bytes.subarray(0, 100), { fileName: 'cut.doc' }))).code).toBe('file.corrupt');
  });

  it('an OLE signature followed by garbage is file.corrupt', async () => {
    const garbage = new Uint8Array(8192);
    let seed = 7;
    for (let i = 0; i < garbage.length; i++) garbage[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
    garbage.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const err = await errorOf(ingestDoc(garbage));
    expect(err.code).toBe('file.corrupt');
    expect(err.message).toBe('not a readable DOC (the OLE container is damaged)');
  });

  it('a valid OLE container without a Word document is file.corrupt, an Excel one file.unsupported', async () => {
    expect((await errorOf(ingestDoc(ole({ Foo: new Uint8Array(600) })))).code).toBe('file.corrupt');
    expect((await errorOf(ingestDoc(ole({ Workbook: new Uint8Array(600) })))).code).toBe('file.unsupported');
  });

  it('a WordDocument stream that is not a FIB is file.corrupt', async () => {
    const err = await errorOf(ingestDoc(ole({ WordDocument: new Uint8Array(1024).fill(0x41), '1Table': new Uint8Array(64) })));
    expect(err.code).toBe('file.corrupt');
    expect(err.message).toMatch(/does not start with a Word FIB/);
  });

  it('an encrypted .doc (FIB fEncrypted set) is file.encrypted', async () => {
    const bytes = docBytes();
    const at = wordDocumentOffset(bytes);
    expect(bytes[at] | (bytes[at + 1] << 8)).toBe(0xa5ec);
    bytes[at + 0x0b] |= 0x01; // flags at 0x0A, fEncrypted = 0x0100
    const err = await errorOf(ingestDoc(bytes));
    expect(err.code).toBe('file.encrypted');
    expect(err.message).toBe('the DOC is password-protected');
    expect((await errorOf(ingest(bytes, { fileName: 'locked.doc' }))).file).toBe('locked.doc');
  });

  it('a Word 6/95 file is file.unsupported', async () => {
    const bytes = docBytes();
    const at = wordDocumentOffset(bytes);
    bytes[at + 2] = 0x68; // nFib of Word 95
    bytes[at + 3] = 0x00;
    expect((await errorOf(ingestDoc(bytes))).code).toBe('file.unsupported');
  });

  it('never throws anything but a KhclError, and never hangs, on damaged copies of the fixture', async () => {
    const base = docBytes();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }),
        fc.boolean(),
        fc.nat(base.length),
        async (edits, cut, cutAt) => {
          const bytes = Uint8Array.from(base);
          // Half the edits land in the header, FAT and directory sectors, where they do most harm.
          for (const [i, v] of edits) bytes[i % 2 ? i % 4096 : i] = v;
          const input = cut ? bytes.subarray(0, cutAt) : bytes;
          const started = performance.now();
          try {
            LayoutSchema.parse(await ingestDoc(input));
          } catch (e) {
            expect(e).toBeInstanceOf(KhclError);
            expect(['file.corrupt', 'file.encrypted', 'file.unsupported']).toContain((e as KhclError).code);
          }
          expect(performance.now() - started).toBeLessThan(2000);
        },
      ),
      { numRuns: 300, seed: 4 },
    );
  });
});

describe('piece table and text', () => {
  it('reads 8-bit (CP1252) and UTF-16 pieces in CP order, after a property list', () => {
    // WordDocument: UTF-16 "Hệ " at 0x100, 8-bit “Q1” €\r at 0x200, UTF-16 "Muông\r" at 0x300.
    const wd = new Uint8Array(0x400);
    wd.set(Buffer.from('Hệ ', 'utf16le'), 0x100);
    wd.set([0x93, 0x51, 0x31, 0x94, 0x20, 0x80, 0x0d], 0x200);
    wd.set(Buffer.from('Muông\r', 'utf16le'), 0x300);
    const prc = [0x01, 0x03, 0x00, 0x16, 0x24, 0x01]; // Prc: sprmPFInTable 1
    const cps = [0, 3, 10, 16];
    const pcds = [
      [0x100, 0],
      [(0x200 * 2) | 0x40000000, 0],
      [0x300, 1], // Prm: complex, Prc 0
    ];
    const plc = [...cps.flatMap(u32), ...pcds.flatMap(([fcv, prm]) => [0, 0, ...u32(fcv), ...u16(prm)])];
    const clx = [...prc, 0x02, ...u32(plc.length), ...plc];
    const file = fakeFile(wd, new Uint8Array(clx), 16);
    const pieces = readPieces(file);
    expect(pieces.map((p) => [p.cpStart, p.cpEnd, p.fc, p.compressed])).toEqual([
      [0, 3, 0x100, false],
      [3, 10, 0x200, true],
      [10, 16, 0x300, false],
    ]);
    expect(pieces[2].grpprl && [...pieces[2].grpprl]).toEqual([0x16, 0x24, 0x01]);
    expect(readMainText(file, pieces)).toEqual({ text: 'Hệ “Q1” €\rMuông\r', truncated: false });
    expect(fcOf(pieceAt(pieces, 12)!, 12)).toBe(0x304);
    expect(fcOf(pieceAt(pieces, 5)!, 5)).toBe(0x202);
    expect(pieceAt(pieces, 16)).toBeUndefined();
    // ccpText beyond the pieces: what there is, flagged.
    expect(readMainText(fakeFile(wd, new Uint8Array(clx), 20), pieces).truncated).toBe(true);
  });

  it('rejects a piece table with a piece outside the stream', () => {
    const plc = [...u32(0), ...u32(4), 0, 0, ...u32(0x7000), 0, 0];
    const file = fakeFile(new Uint8Array(0x100), new Uint8Array([0x02, ...u32(plc.length), ...plc]), 4);
    expect(() => readMainText(file, readPieces(file))).toThrow(/a text piece lies outside the WordDocument stream/);
  });

  it('maps 0x80–0x9F as CP1252, the rest as Latin-1', () => {
    expect(decodeCp1252(new Uint8Array([0x80, 0x85, 0x8a, 0x91, 0x92, 0x96, 0x97, 0x9f, 0xa0, 0xe9, 0x81]))).toBe(
      '€…Š‘’–—Ÿ\u00a0é\u0081',
    );
  });
});

describe('sprms and table properties', () => {
  it('walks a grpprl by operand size, with the two-byte count of sprmTDefTable', () => {
    const def = tDefTable([0, 1000, 3000], [{}, { v: 3 }]);
    const list = new Uint8Array([...sprm(0x2416, [1]), ...sprm(0x6649, u32(1)), ...def, ...sprm(0x2417, [1]), ...sprm(0xd62b, [2, 1, 1])]);
    expect([...sprms(list)].map((s) => [s.code.toString(16), s.operand.length])).toEqual([
      ['2416', 1],
      ['6649', 4],
      ['d608', def.length - 4],
      ['2417', 1],
      ['d62b', 2],
    ]);
    // A sprm whose operand runs past the end ends the walk.
    expect([...sprms(new Uint8Array([...sprm(0x2416, [1]), 0x49, 0x66, 0x01]))]).toHaveLength(1);
  });

  it('reads a row end: in table, TTP, boundaries, merge flags, later edits and the header flag', () => {
    const info = paraInfo([
      new Uint8Array([
        ...sprm(0x2416, [1]),
        ...sprm(0x2417, [1]),
        ...tDefTable([0, 500, 1500, 3000], [{}, { h: 1 }, { h: 2 }]),
        ...sprm(0xd62b, [2, 0, 3]), // sprmTVertMerge: cell 0 starts a vertical merge
        ...sprm(0x3404, [1]),
      ]),
    ]);
    expect(info).toEqual({
      inTable: true,
      ttp: true,
      depth: 1,
      tap: {
        boundaries: [0, 500, 1500, 3000],
        cells: [
          { horzMerge: 0, vertMerge: 3 },
          { horzMerge: 1, vertMerge: 0 },
          { horzMerge: 2, vertMerge: 0 },
        ],
        header: true,
      },
    });
    // A nested table's row end is a plain paragraph of its outer cell.
    const inner = paraInfo([new Uint8Array([...sprm(0x2416, [1]), ...sprm(0x6649, u32(2)), ...sprm(0x244c, [1]), ...tDefTable([0, 10], [{}])])]);
    expect(inner).toEqual({ inTable: true, ttp: false, depth: 2 });
    expect(defTable(new Uint8Array([0]), false)).toBeUndefined();
  });

  it('follows sprmPHugePapx into the Data stream', () => {
    const huge = [...sprm(0x2417, [1]), ...tDefTable([0, 100, 200], [{}, {}])];
    const data = new Bytes(new Uint8Array([0, 0, 0, 0, ...u16(huge.length), ...huge]), 'Data');
    const info = paraInfo([new Uint8Array([...sprm(0x2416, [1]), ...sprm(0x6646, u32(4))])], data);
    expect(info.ttp).toBe(true);
    expect(info.tap?.boundaries).toEqual([0, 100, 200]);
  });
});

describe('cell marks, row marks and fields', () => {
  /** Properties from a per-mark table: `rows` maps the CP of a row mark to its TAP. */
  function marks(text: string, taps: Record<number, Tap> = {}, inTable: (cp: number) => boolean = () => false): PropertySource {
    return {
      hasParagraphs: true,
      paragraphAt(cp): ParaInfo {
        if (taps[cp]) return { inTable: true, ttp: true, depth: 1, tap: taps[cp] };
        if (text[cp] === '\x07' || inTable(cp)) return { inTable: true, ttp: false, depth: 1 };
        return { inTable: false, ttp: false, depth: 0 };
      },
    };
  }
  const tap = (boundaries: number[], cells: Partial<{ horzMerge: number; vertMerge: number }>[] = []): Tap => ({
    boundaries,
    cells: boundaries.slice(1).map((_, i) => ({ horzMerge: 0, vertMerge: 0, ...cells[i] })),
    header: false,
  });

  it('splits paragraphs, cells and rows, with line breaks, fields and objects', () => {
    const text =
      'Title\x0bsecond line\r' +
      'a\x07b1\rb2\x07\x07' + // row 1: cells "a", "b1/b2"
      '\x13 PAGE \x14c\x15\x01\x07d\x07\x07' + // row 2: a field's result "c" (code dropped), an object dropped
      'After  \t table\r';
    const rowEnd1 = text.indexOf('\x07\x07') + 1;
    const rowEnd2 = text.lastIndexOf('\x07\x07') + 1;
    const { blocks, issues } = buildBlocks(
      text,
      marks(text, { [rowEnd1]: tap([0, 100, 200]), [rowEnd2]: tap([0, 100, 200]) }, (cp) => cp === text.indexOf('\rb2')),
    );
    expect(issues).toEqual([]);
    expect(blocks).toEqual([
      { type: 'paragraph', lines: ['Title', 'second line'] },
      {
        type: 'table',
        index: 0,
        rows: 2,
        cols: 2,
        cells: [
          { row: 0, col: 0, rowSpan: 1, colSpan: 1, lines: ['a'] },
          { row: 0, col: 1, rowSpan: 1, colSpan: 1, lines: ['b1', 'b2'] },
          { row: 1, col: 0, rowSpan: 1, colSpan: 1, lines: ['c'] },
          { row: 1, col: 1, rowSpan: 1, colSpan: 1, lines: ['d'] },
        ],
      },
      { type: 'paragraph', lines: ['After table'] },
    ]);
  });

  it('starts a new table after a paragraph, and numbers tables in order', () => {
    const text = 'x\x07\x07mid\ry\x07\x07';
    const { blocks } = buildBlocks(text, marks(text, { 2: tap([0, 10]), 9: tap([0, 10]) }));
    expect(blocks.map((b) => (b.type === 'table' ? `table ${b.index}` : b.lines[0]))).toEqual(['table 0', 'mid', 'table 1']);
  });

  it('guesses rows from doubled cell marks when a file has no paragraph properties', () => {
    const text = 'before\ra1\ra2\x07b\x07\x07c\x07d\x07\x07end\r';
    const { blocks, issues } = buildBlocks(text, { hasParagraphs: false, paragraphAt: () => ({ inTable: false, ttp: false, depth: 0 }) });
    expect(issues.map((i) => i.code)).toContain('doc.table-guessed');
    expect(blocks.map((b) => b.type)).toEqual(['paragraph', 'table', 'paragraph']);
    expect(blocks[1]).toMatchObject({ type: 'table', rows: 2, cols: 2 });
    expect((blocks[1] as Table).cells[0].lines).toEqual(['a1', 'a2']);
  });

  it('places cells on the grid of all rows’ boundaries: column spans', () => {
    const table = buildTable(
      [
        { cells: [['TT'], ['A'], ['B'], ['C']], tap: tap([0, 700, 2000, 3000, 4000]) },
        { cells: [[], ['Tiêu chuẩn 1']], tap: tap([5, 705, 4010]) }, // boundaries a few twips off
        { cells: [['1'], ['x'], ['y']], tap: tap([0, 700, 3000, 4000]) },
      ],
      0,
    );
    expect(table).toMatchObject({ rows: 3, cols: 4 });
    expect(table.cells.map((c) => [c.row, c.col, c.colSpan])).toEqual([
      [0, 0, 1], [0, 1, 1], [0, 2, 1], [0, 3, 1],
      [1, 0, 1], [1, 1, 3],
      [2, 0, 1], [2, 1, 2], [2, 3, 1],
    ]);
  });

  it('joins horizontally merged cells and extends vertically merged ones', () => {
    const table = buildTable(
      [
        { cells: [['Tiêu chuẩn 3'], ['3.1'], ['a'], []], tap: tap([0, 10, 20, 30, 40], [{ vertMerge: 3 }, {}, { horzMerge: 1 }, { horzMerge: 2 }]) },
        { cells: [[], ['3.2'], ['b'], ['c']], tap: tap([0, 10, 20, 30, 40], [{ vertMerge: 1 }]) },
        { cells: [[], ['3.3'], ['d'], ['e']], tap: tap([0, 10, 20, 30, 40], [{ vertMerge: 1 }]) },
      ],
      0,
    );
    expect(table.cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.lines.join('|')])).toEqual([
      [0, 0, 3, 1, 'Tiêu chuẩn 3'],
      [0, 1, 1, 1, '3.1'],
      [0, 2, 1, 2, 'a'],
      [1, 1, 1, 1, '3.2'],
      [1, 2, 1, 1, 'b'],
      [1, 3, 1, 1, 'c'],
      [2, 1, 1, 1, '3.3'],
      [2, 2, 1, 1, 'd'],
      [2, 3, 1, 1, 'e'],
    ]);
  });

  it('places cells one after another when a row has no matching TAP, and says so', () => {
    const notes: string[] = [];
    const table = buildTable([{ cells: [['a'], ['b'], ['c']], tap: tap([0, 10]) }, { cells: [['d']] }], 0, (code) => notes.push(code));
    expect(table).toMatchObject({ rows: 2, cols: 3 });
    expect(notes).toContain('doc.table-approximate');
  });
});

describe('hand-built .doc files end to end', () => {
  it('reads a table with a vertical merge, an 8-bit piece, a field and a nested table', async () => {
    const inTable = sprm(0x2416, [1]);
    const row = (bounds: number[], tcs: Tc[], ...more: number[][]) => [...inTable, ...sprm(0x2417, [1]), ...tDefTable(bounds, tcs), ...more.flat()];
    const b4 = [0, 1000, 2000, 3000, 4000];
    const bytes = buildDoc(
      [
        { text: 'Plain “quoted” text\r' }, // 8-bit piece
        { text: 'TT\x07', sprms: inTable },
        { text: 'Tên tiêu chí\x07', sprms: inTable },
        { text: 'Ghi chú\x07', sprms: inTable },
        { text: '\x07', sprms: row([0, 1000, 3000, 4000], [{}, {}, {}], sprm(0x3404, [1])) },
        { text: 'Tiêu chuẩn 1\x07', sprms: inTable },
        { text: '1.1\x07', sprms: inTable },
        { text: '\x13 HYPERLINK "x" \x14Kế hoạch\x15\x07', sprms: inTable },
        { text: 'note\x07', sprms: inTable },
        { text: '\x07', sprms: row(b4, [{ v: 3 }, {}, {}, {}]) },
        { text: '\x07', sprms: inTable },
        { text: '1.2\r', sprms: inTable },
        // A nested table inside this cell: its cells end with \r (sprmPFInnerTableCell), its row with sprmPFInnerTtp.
        { text: 'inner a\r', sprms: [...inTable, ...sprm(0x6649, u32(2)), ...sprm(0x244b, [1])] },
        { text: 'inner b\r', sprms: [...inTable, ...sprm(0x6649, u32(2)), ...sprm(0x244b, [1])] },
        { text: '\r', sprms: [...inTable, ...sprm(0x6649, u32(2)), ...sprm(0x244c, [1]), ...tDefTable([0, 500, 1000], [{}, {}])] },
        { text: 'after inner\x07', sprms: inTable },
        { text: 'x\x0by\x07', sprms: inTable },
        { text: 'z\x07', sprms: inTable },
        { text: '\x07', sprms: row(b4, [{ v: 1 }, {}, {}, {}], sprm(0xd62b, [2, 0, 1])) },
        { text: 'Hết.\r' },
      ],
      { eightBit: 0 },
    );
    const layout = LayoutSchema.parse(await ingestDoc(bytes));
    expect(layout.issues).toEqual([]);
    const [first, table, last] = layout.pages[0].blocks;
    expect(first).toEqual({ type: 'paragraph', lines: ['Plain “quoted” text'] });
    expect(last).toEqual({ type: 'paragraph', lines: ['Hết.'] });
    expect(table).toMatchObject({ type: 'table', rows: 3, cols: 4 });
    const cells = (table as Table).cells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan, c.lines.join('|'), c.header ?? false]);
    expect(cells).toEqual([
      [0, 0, 1, 1, 'TT', true],
      [0, 1, 1, 2, 'Tên tiêu chí', true],
      [0, 3, 1, 1, 'Ghi chú', true],
      [1, 0, 2, 1, 'Tiêu chuẩn 1', false],
      [1, 1, 1, 1, '1.1', false],
      [1, 2, 1, 1, 'Kế hoạch', false],
      [1, 3, 1, 1, 'note', false],
      [2, 1, 1, 1, '1.2|inner a|inner b|after inner', false],
      [2, 2, 1, 1, 'x|y', false],
      [2, 3, 1, 1, 'z', false],
    ]);
  });

  it('spreads many paragraphs over several formatting pages', async () => {
    const paras = Array.from({ length: 120 }, (_, i) => ({ text: `Đoạn ${i + 1}\r` }));
    const layout = await ingestDoc(buildDoc(paras));
    const blocks = layout.pages[0].blocks;
    expect(blocks).toHaveLength(120);
    expect(blocks[119]).toEqual({ type: 'paragraph', lines: ['Đoạn 120'] });
  });
});

// ─── helpers ───────────────────────────────────────────────────────────────────────────────────

function u16(v: number): number[] {
  return [v & 0xff, (v >> 8) & 0xff];
}
function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}
function sprm(code: number, operand: number[]): number[] {
  return [...u16(code), ...operand];
}

interface Tc {
  h?: number;
  v?: number;
}
/** sprmTDefTable: cb (rest + 1), itcMac, rgdxaCenter, TC80s (tcgrf + 18 bytes of width and borders). */
function tDefTable(bounds: number[], tcs: Tc[]): number[] {
  const body = [bounds.length - 1, ...bounds.flatMap((b) => u16(b & 0xffff)), ...tcs.flatMap((t) => [...u16((t.h ?? 0) | ((t.v ?? 0) << 5)), ...new Array(18).fill(0)])];
  return [...u16(0xd608), ...u16(body.length + 1), ...body];
}

function ole(streams: Record<string, Uint8Array>): Uint8Array {
  const container = CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(container, name, Buffer.from(content));
  return new Uint8Array(CFB.write(container, { type: 'buffer' }) as Buffer);
}

/** Where the WordDocument stream starts in the raw file (its first bytes are unique). */
function wordDocumentOffset(file: Uint8Array): number {
  const entry = CFB.find(CFB.read(file, { type: 'array' }), 'WordDocument')!;
  const head = Buffer.from(Uint8Array.from(entry.content as Uint8Array).subarray(0, 64));
  const at = Buffer.from(file.buffer, file.byteOffset, file.byteLength).indexOf(head);
  expect(at).toBeGreaterThan(0);
  return at;
}

function fakeFile(wd: Uint8Array, clx: Uint8Array, ccpText: number): WordFile {
  return {
    fib: { nFib: 0xc1, encrypted: false, tableStream: '1Table', ccpText, fcLcb: (i) => (i === FC.clx ? [0, clx.length] : [0, 0]) },
    wordDocument: new Bytes(wd, 'WordDocument'),
    table: new Bytes(clx, '1Table'),
    data: new Bytes(new Uint8Array(0), 'Data'),
  };
}

const CP1252_REVERSE = new Map([...Array(32).keys()].map((i) => [decodeCp1252(new Uint8Array([0x80 + i])), 0x80 + i]));

/**
 * A minimal Word 97 file: FIB, text in one UTF-16 piece per paragraph (or 8-bit for the paragraph
 * at `eightBit`), PAPX FKPs with one run per paragraph, and a 1Table stream with the CLX and the
 * PAPX bin table. No CHPX, no style sheet.
 */
function buildDoc(paras: { text: string; sprms?: number[] }[], opts: { eightBit?: number } = {}): Uint8Array {
  const TEXT_AT = 0x400;
  const chunks: number[] = [];
  const pieces: { cp: number; fc: number; compressed: boolean; len: number }[] = [];
  const runs: { fcStart: number; fcEnd: number; grpprl: number[] }[] = [];
  let cp = 0;
  paras.forEach((p, i) => {
    const compressed = i === opts.eightBit;
    const fcStart = TEXT_AT + chunks.length;
    if (compressed) for (const ch of p.text) chunks.push(CP1252_REVERSE.get(ch) ?? ch.charCodeAt(0));
    else chunks.push(...Buffer.from(p.text, 'utf16le'));
    pieces.push({ cp, fc: fcStart, compressed, len: p.text.length });
    runs.push({ fcStart, fcEnd: TEXT_AT + chunks.length, grpprl: p.sprms ?? [] });
    cp += p.text.length;
  });
  // FKPs: rgfc and BxPap from the front, PapxInFkp from the back, crun in the last byte.
  const pages: Uint8Array[] = [];
  const pageFirstFc: number[] = [];
  let i = 0;
  while (i < runs.length) {
    const page = new Uint8Array(512);
    const placed: { run: (typeof runs)[number]; offset: number }[] = [];
    let top = 511;
    while (i < runs.length && placed.length < 0x1d) {
      const g = [0, 0, ...runs[i].grpprl]; // istd 0, then the sprms
      const papx = g.length % 2 ? [(g.length + 1) / 2, ...g] : [0, g.length / 2, ...g];
      const offset = (top - papx.length) & ~1;
      const n = placed.length + 1;
      if (4 * (n + 1) + 13 * n > offset) break;
      page.set(papx, offset);
      placed.push({ run: runs[i], offset });
      top = offset;
      i++;
    }
    placed.forEach((p, r) => {
      page.set(u32(p.run.fcStart), r * 4);
      page[(placed.length + 1) * 4 + r * 13] = p.offset / 2;
    });
    page.set(u32(placed.at(-1)!.run.fcEnd), placed.length * 4);
    page[511] = placed.length;
    pageFirstFc.push(placed[0].run.fcStart);
    pages.push(page);
  }
  const fkpAt = Math.ceil((TEXT_AT + chunks.length) / 512) * 512;
  const wd = new Uint8Array(fkpAt + pages.length * 512);
  wd.set(chunks, TEXT_AT);
  pages.forEach((p, k) => wd.set(p, fkpAt + k * 512));
  // Table stream: CLX, then PlcBtePapx.
  const plcPcd = [...pieces.map((p) => p.cp), cp].flatMap(u32).concat(
    pieces.flatMap((p) => [0, 0, ...u32(p.compressed ? (p.fc * 2) | 0x40000000 : p.fc), 0, 0]),
  );
  const clx = [0x02, ...u32(plcPcd.length), ...plcPcd];
  const bte = [...pageFirstFc, runs.at(-1)!.fcEnd].flatMap(u32).concat(pages.flatMap((_, k) => u32(fkpAt / 512 + k)));
  const table = new Uint8Array([...clx, ...bte]);
  // FIB: FibBase, csw 14, cslw 22 (ccpText at index 3), cbRgFcLcb 93.
  const fib = new DataView(wd.buffer);
  fib.setUint16(0, 0xa5ec, true);
  fib.setUint16(2, 0xc1, true);
  fib.setUint16(0x0a, 0x0200, true); // fWhichTblStm: 1Table
  fib.setUint16(0x20, 14, true);
  const lw = 0x22 + 28 + 2;
  fib.setUint16(lw - 2, 22, true);
  fib.setInt32(lw + 12, cp, true);
  const fcl = lw + 88 + 2;
  fib.setUint16(fcl - 2, 93, true);
  fib.setUint32(fcl + FC.clx * 8, 0, true);
  fib.setUint32(fcl + FC.clx * 8 + 4, clx.length, true);
  fib.setUint32(fcl + FC.plcfBtePapx * 8, clx.length, true);
  fib.setUint32(fcl + FC.plcfBtePapx * 8 + 4, bte.length, true);
  return ole({ WordDocument: wd, '1Table': table });
}
