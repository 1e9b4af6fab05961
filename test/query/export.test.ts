/** CSV and XLSX exports: what Excel needs to show Vietnamese, keep cells whole and never run a formula. */
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { BOM, csvChunks, csvField, ITEM_COLUMNS, LINK_COLUMNS, sumColumns, toCsv, writeXlsx, xlsxBuffer, type ItemRecord, type SumResult } from '../../src/query/index.js';

function record(patch: Partial<ItemRecord>): ItemRecord {
  const base = Object.fromEntries(ITEM_COLUMNS.map((c) => [c.header, null])) as unknown as ItemRecord;
  return { ...base, documentId: 1, ordinal: 0, confidence: 1, owners: null, ...patch };
}

/** A small RFC 4180 reader, written for the test (quotes, doubled quotes, CRLF inside fields). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"', i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\r' && text[i + 1] === '\n') (row.push(field), rows.push(row), (row = []), (field = ''), i++);
    else field += c;
  }
  return rows;
}

const ROWS = [
  record({ school: 'Trường Mầm non Tây Úc', target: 'Bổ sung đồ chơi, "ngoài trời"\nvà sân chơi', budgetVnd: 250_000_000, owners: ['Hiệu trưởng', 'Phó hiệu trưởng'] }),
  record({ ordinal: 1, target: '=HYPERLINK("http://example.invalid")', solution: '-Tham mưu', owner: '+84 912', note: '@SUM(A1)', budgetVnd: 0 }),
  record({ ordinal: 2, target: '\tcmd', budgetVnd: null, criterion: '3.1', confidence: 0.5 }),
];

describe('CSV export', () => {
  it('starts with a UTF-8 byte-order mark and ends lines with CRLF', () => {
    const csv = toCsv(ROWS, ITEM_COLUMNS);
    expect(csv.startsWith(BOM)).toBe(true);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('heads its columns in Vietnamese by default, with the field names when asked', () => {
    const head = (csv: string) => parseCsv(csv.slice(1))[0];
    const vi = head(toCsv(ROWS, ITEM_COLUMNS));
    expect(vi.slice(0, 5)).toEqual(['Mã văn bản', 'Bản sao của văn bản', 'Thứ tự mục', 'Trường', 'Năm học']);
    expect(vi).toContain('Kinh phí (đồng)');
    expect(vi).toContain('Tiêu chí');
    expect(vi.some((h) => /^[a-z]+[A-Z]/.test(h))).toBe(false); // no camelCase field name left
    expect(new Set(vi).size).toBe(vi.length);
    expect(head(toCsv(ROWS, ITEM_COLUMNS, 'en'))).toEqual(ITEM_COLUMNS.map((c) => c.header));
    for (const columns of [LINK_COLUMNS]) expect(new Set(columns.map((c) => c.label)).size).toBe(columns.length);
  });

  it('quotes fields with commas, quotes and line breaks, and reads back to the same values', () => {
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('plain')).toBe('plain');
    expect(csvField(null)).toBe('');
    const rows = parseCsv(toCsv(ROWS, ITEM_COLUMNS, 'en').slice(1));
    expect(rows).toHaveLength(4);
    const col = (name: string) => ITEM_COLUMNS.findIndex((c) => c.header === name);
    expect(rows[1][col('target')]).toBe('Bổ sung đồ chơi, "ngoài trời"\nvà sân chơi');
    expect(rows[1][col('owners')]).toBe('Hiệu trưởng; Phó hiệu trưởng');
    expect(rows[1][col('budgetVnd')]).toBe('250000000');
    expect(rows[3][col('budgetVnd')]).toBe('');
  });

  it.each([
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+84 912', "'+84 912"],
    ['-Tham mưu', "'-Tham mưu"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['a=b', 'a=b'],
  ])('defuses %j as %j so a spreadsheet shows it as text', (text, cell) => {
    expect(csvField(text)).toBe(cell);
  });

  it('leaves numbers alone, negative or not', () => {
    expect(csvField(-5)).toBe('-5');
    expect(csvField(2_500_000_000)).toBe('2500000000');
  });

  it('streams the same document in chunks', async () => {
    let out = '';
    async function* batches() {
      yield ROWS.slice(0, 2);
      yield ROWS.slice(2);
    }
    for await (const chunk of csvChunks(batches(), ITEM_COLUMNS)) out += chunk;
    expect(out).toBe(toCsv(ROWS, ITEM_COLUMNS));
  });
});

describe('XLSX export', () => {
  async function readBack(buffer: Buffer) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    return wb.worksheets[0];
  }

  it('writes budgets as numbers with a thousands format, text as text, freezes the header and puts an autofilter on it', async () => {
    const sheet = await readBack(await xlsxBuffer(ROWS, ITEM_COLUMNS));
    const col = ITEM_COLUMNS.findIndex((c) => c.header === 'budgetVnd') + 1;
    expect(sheet.getRow(1).getCell(col).value).toBe('Kinh phí (đồng)');
    expect(sheet.getRow(1).font?.bold).toBe(true);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:${sheet.getRow(1).getCell(ITEM_COLUMNS.length).address}`);
    const en = await readBack(await xlsxBuffer(ROWS, ITEM_COLUMNS, { headers: 'en' }));
    expect(en.getRow(1).getCell(col).value).toBe('budgetVnd');
    const budget = sheet.getRow(2).getCell(col);
    expect(budget.type).toBe(ExcelJS.ValueType.Number);
    expect(budget.value).toBe(250_000_000);
    expect(budget.numFmt).toBe('#,##0');
    expect(sheet.getRow(3).getCell(col).value).toBe(0);
    expect(sheet.getRow(4).getCell(col).value).toBeNull();
    const target = ITEM_COLUMNS.findIndex((c) => c.header === 'target') + 1;
    expect(sheet.getRow(2).getCell(target).value).toBe('Bổ sung đồ chơi, "ngoài trời"\nvà sân chơi');
    // A formula-looking text stays text: no formula cell is ever written.
    const formulaLike = sheet.getRow(3).getCell(target);
    expect(formulaLike.type).toBe(ExcelJS.ValueType.String);
    expect(formulaLike.value).toBe('=HYPERLINK("http://example.invalid")');
    expect(sheet.getRow(4).getCell(ITEM_COLUMNS.findIndex((c) => c.header === 'confidence') + 1).value).toBe(0.5);
  });

  it('writes sums with numeric totals', async () => {
    const result: SumResult = {
      by: 'standard',
      groups: [{ key: { circular: '19/2018', standard: 3, name: 'Cơ sở vật chất và thiết bị dạy học' }, items: 8, withBudget: 2, totalVnd: 355_000_000, documents: 2 }],
      total: { items: 8, withBudget: 2, totalVnd: 355_000_000, documents: 2 },
    };
    const columns = sumColumns(result);
    expect(columns.map((c) => c.header)).toEqual(['circular', 'standard', 'name', 'items', 'withBudget', 'totalVnd', 'documents']);
    const sheet = await readBack(await xlsxBuffer(result.groups, columns, { sheet: 'sums' }));
    expect(sheet.getRow(1).values).toEqual([undefined, 'Thông tư', 'Tiêu chuẩn', 'Tên', 'Số mục', 'Số mục có kinh phí', 'Tổng kinh phí (đồng)', 'Số văn bản']);
    expect(sheet.name).toBe('sums');
    expect(sheet.getRow(2).getCell(6).value).toBe(355_000_000);
    expect(sheet.getRow(2).getCell(6).numFmt).toBe('#,##0');
  });

  it('streams batches into one sheet', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeXlsx([ROWS, ROWS], ITEM_COLUMNS, out);
    const sheet = await readBack(Buffer.concat(chunks));
    expect(sheet.rowCount).toBe(7);
  });
});
