/**
 * XLSX with exceljs' streaming writer (rows are written and forgotten, so a 100,000-item export
 * does not hold a workbook in memory): a bold, frozen header row, real numbers in number columns
 * and a thousands format on amounts in đồng. Text is written as text, never as a formula, so a
 * cell starting with "=" cannot run in the spreadsheet.
 */
import { PassThrough, type Writable } from 'node:stream';
import type { Column, ColumnType } from './export-columns.js';

const FORMATS: Partial<Record<ColumnType, string>> = { vnd: '#,##0', int: '0', ratio: '0.00' };

/** Write batches of rows as one worksheet to `stream`; resolves when the file is complete. */
export async function writeXlsx<T>(batches: AsyncIterable<T[]> | Iterable<T[]>, columns: Column<T>[], stream: Writable, sheetName = 'items'): Promise<void> {
  // Loaded when a spreadsheet is written: exceljs is a large part of a command's start-up otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c, i) => ({
    header: c.header,
    key: String(i),
    width: c.width,
    style: FORMATS[c.type] ? { numFmt: FORMATS[c.type] } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  for await (const batch of batches) {
    for (const row of batch) sheet.addRow(columns.map((c) => c.value(row))).commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** A whole XLSX file in memory (small exports, tests). */
export async function xlsxBuffer<T>(rows: T[], columns: Column<T>[], sheetName = 'items'): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeXlsx([rows], columns, out, sheetName);
  await done;
  return Buffer.concat(chunks);
}
