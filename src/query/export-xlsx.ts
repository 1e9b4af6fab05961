/**
 * XLSX with exceljs' streaming writer (rows are written and forgotten, so a 100,000-item export
 * does not hold a workbook in memory): a bold, frozen header row with an autofilter on it (each
 * column can be filtered and sorted in Excel at once), real numbers in number columns and a
 * thousands format on amounts in đồng. Text is written as text, never as a formula, so a
 * cell starting with "=" cannot run in the spreadsheet.
 */
import { PassThrough, type Writable } from 'node:stream';
import { headerOf, type Column, type ColumnType, type HeaderLang } from './export-columns.js';

const FORMATS: Partial<Record<ColumnType, string>> = { vnd: '#,##0', int: '0', ratio: '0.00' };

export interface XlsxOptions {
  /** The worksheet's name. */
  sheet?: string;
  headers?: HeaderLang;
}

/** Write batches of rows as one worksheet to `stream`; resolves when the file is complete. */
export async function writeXlsx<T>(batches: AsyncIterable<T[]> | Iterable<T[]>, columns: Column<T>[], stream: Writable, options: XlsxOptions = {}): Promise<void> {
  // Loaded when a spreadsheet is written: exceljs is a large part of a command's start-up otherwise.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet(options.sheet ?? 'items', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  sheet.columns = columns.map((c, i) => ({
    header: headerOf(c, options.headers ?? 'vi'),
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
export async function xlsxBuffer<T>(rows: T[], columns: Column<T>[], options: XlsxOptions = {}): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  await writeXlsx([rows], columns, out, options);
  await done;
  return Buffer.concat(chunks);
}
