import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { ingestDocx } from '../../src/ingest/docx.js';
import { ingest } from '../../src/ingest/registry.js';
import { LayoutSchema, tableGrid, tablesOf } from '../../src/layout/layout.js';
import { makeDocx } from '../helpers/make-docx.js';
import { makeZip } from '../helpers/zip.js';

const fixtures = join(import.meta.dirname, '..', '..', 'fixtures');

describe('DOCX reader', () => {
  it('keeps horizontal and vertical merges as spans, and line breaks inside cells as lines', async () => {
    const layout = await ingestDocx(
      await makeDocx([
        {
          header: [[{ text: 'TT', rowSpan: 2 }, { text: 'Kết quả thực hiện', colSpan: 2 }], ['Đã xong', 'Chưa xong']],
          rows: [
            [{ text: ['dòng một', 'dòng hai'], vMerge: 'restart' }, 'a', 'b'],
            [{ text: '', vMerge: 'continue' }, 'c', 'd'],
          ],
        },
      ]),
    );
    const [table] = tablesOf(layout);
    expect(table.rows).toBe(4);
    expect(table.cols).toBe(3);
    const at = (r: number, c: number) => table.cells.find((x) => x.row === r && x.col === c);
    expect(at(0, 0)).toMatchObject({ rowSpan: 2, colSpan: 1, lines: ['TT'], header: true });
    expect(at(0, 1)).toMatchObject({ colSpan: 2, lines: ['Kết quả thực hiện'] });
    expect(at(1, 1)).toMatchObject({ lines: ['Đã xong'] });
    expect(at(2, 0)).toMatchObject({ rowSpan: 2, lines: ['dòng một', 'dòng hai'] });
    const grid = tableGrid(table);
    expect(grid[3][0]?.cell).toBe(at(2, 0));
    expect(grid[3][0]?.origin).toBe(false);
    expect(grid[3][2]?.cell.lines).toEqual(['d']);
  });

  it.each(['kh-2021-mn-thanhyen', 'bc-2021-mn-ketqua', 'kh-2023-th-hemuong', 'kh-2024-mn-7cot', 'kh-2024-mn-tayuc', 'kh-2026-thcs-dongson'])(
    'reads fixture %s into a schema-valid layout that survives JSON',
    async (name) => {
      const layout = await ingest(new Uint8Array(await readFile(join(fixtures, `${name}.docx`))), { fileName: name });
      expect(LayoutSchema.parse(layout)).toEqual(layout);
      expect(JSON.parse(JSON.stringify(layout))).toEqual(layout);
      expect(layout.source).toEqual({ format: 'docx', reader: 'mammoth', paginated: false });
      expect(tablesOf(layout).length).toBeGreaterThan(0);
    },
  );

  it('reads the two-row report header of the BC fixture with its spans', async () => {
    const layout = await ingestDocx(new Uint8Array(await readFile(join(fixtures, 'bc-2021-mn-ketqua.docx'))));
    const table = tablesOf(layout)[0];
    const headerCells = table.cells.filter((c) => c.row < 2);
    expect(headerCells.map((c) => [c.row, c.col, c.rowSpan, c.colSpan])).toEqual([
      [0, 0, 2, 1], [0, 1, 2, 1], [0, 2, 1, 2], [0, 4, 1, 3], [0, 7, 2, 1],
      [1, 2, 1, 1], [1, 3, 1, 1], [1, 4, 1, 1], [1, 5, 1, 1], [1, 6, 1, 1],
    ]);
  });

  it('turns bytes that are not a DOCX into a typed error', async () => {
    await expect(ingest(makeZip([{ name: 'a.txt', data: 'x' }]), { fileName: 'a.docx' })).rejects.toMatchObject({ code: 'file.unsupported', file: 'a.docx' });
    const broken = makeZip([{ name: 'word/document.xml', data: '<w:document' }]);
    await expect(ingest(broken, { fileName: 'b.docx' })).rejects.toBeInstanceOf(KhclError);
    await expect(ingest(new Uint8Array(), { fileName: 'c.docx' })).rejects.toMatchObject({ code: 'file.empty' });
  });
});

describe('DOCX tables inside tables', () => {
  it('unwraps a one-cell frame table and keeps a nested table as a table of its own', async () => {
    const { Document, Packer, Paragraph, Table, TableCell, TableRow } = await import('docx');
    const inner = new Table({
      rows: [
        new TableRow({ children: ['TT', 'Tiêu chí'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
        new TableRow({ children: ['1', 'Tiêu chí 1.1'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
      ],
    });
    const frame = new Table({ rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('KẾ HOẠCH'), inner, new Paragraph('Hết')] })] })] });
    const beside = new Table({
      rows: [new TableRow({ children: [new TableCell({ children: [new Paragraph('trái'), inner] }), new TableCell({ children: [new Paragraph('phải')] })] })],
    });
    const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [frame, new Paragraph(''), beside] }] }));
    const layout = await ingestDocx(new Uint8Array(bytes));
    const blocks = layout.pages[0].blocks;
    expect(blocks.map((b) => (b.type === 'table' ? `table ${b.rows}x${b.cols}` : b.lines.join('|')))).toEqual([
      'KẾ HOẠCH',
      'table 2x2',
      'Hết',
      'table 1x2',
      'table 2x2',
    ]);
    const outer = blocks[3];
    expect(outer.type === 'table' && outer.cells[0].lines).toEqual(['trái']);
    expect(tablesOf(layout).map((t) => t.index)).toEqual([0, 1, 2]);
  });
});

describe('DOCX paragraphs as Word keeps them', () => {
  it('keeps each list item a paragraph of its own, leaves footnotes out, and marks an all-bold title', async () => {
    const { Document, Packer, Paragraph, TextRun, Table, TableRow, TableCell, FootnoteReferenceRun, PageBreak, LevelFormat } = await import('docx');
    const numbering = {
      config: [
        {
          reference: 'plan-list',
          levels: [0, 1].map((level) => ({ level, format: LevelFormat.DECIMAL, text: `%${level + 1}.` })),
        },
      ],
    };
    const listItem = (text: string, level: number) => new Paragraph({ children: [new TextRun(text)], numbering: { reference: 'plan-list', level } });
    const table = new Table({
      rows: [
        new TableRow({ children: ['TT', 'Kinh phí'].map((t) => new TableCell({ children: [new Paragraph(t)] })) }),
        new TableRow({
          children: [
            new TableCell({ children: [new Paragraph('1')] }),
            new TableCell({ children: [new Paragraph({ children: [new TextRun('5.000.000'), new FootnoteReferenceRun(1)] })] }),
          ],
        }),
      ],
    });
    const doc = new Document({
      numbering,
      footnotes: { 1: { children: [new Paragraph('Theo dự toán đầu năm')] } },
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun({ text: 'KẾ HOẠCH ', bold: true }), new TextRun({ text: 'cải tiến chất lượng', bold: true }), new TextRun(' ')] }),
            new Paragraph({ children: [new TextRun({ text: 'Căn cứ ', bold: true }), new TextRun('Thông tư 19')] }),
            listItem('Mục tiêu chung', 0),
            listItem('Nâng cao chất lượng', 1),
            listItem('Giữ vững mức 2', 1),
            new Paragraph({ children: [new TextRun('Trang một'), new PageBreak(), new TextRun(' trang hai')] }),
            table,
          ],
        },
      ],
    });
    const layout = await ingestDocx(new Uint8Array(await Packer.toBuffer(doc)));
    const paragraphs = layout.pages[0].blocks.filter((b) => b.type === 'paragraph');
    expect(paragraphs.map((p) => p.lines)).toEqual([
      ['KẾ HOẠCH cải tiến chất lượng'],
      ['Căn cứ Thông tư 19'],
      ['Mục tiêu chung'],
      ['Nâng cao chất lượng'],
      ['Giữ vững mức 2'],
      ['Trang một trang hai'],
    ]);
    expect(paragraphs.map((p) => p.bold ?? false)).toEqual([true, false, false, false, false, false]);
    const [read] = tablesOf(layout);
    expect(read.cells.find((c) => c.row === 1 && c.col === 1)?.lines).toEqual(['5.000.000']);
    expect(JSON.stringify(layout)).not.toContain('dự toán');
  });
});
