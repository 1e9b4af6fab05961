/**
 * CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Vietnamese as Windows-1252
 * mojibake), CRLF line ends and RFC 4180 quoting. A text cell starting with = + - @ (or a tab or
 * carriage return) gets a leading apostrophe so a spreadsheet shows it instead of running it as a
 * formula: plan cells often start with "- " bullets, which then show the apostrophe, a price paid
 * for never executing "=HYPERLINK(…)" from a document someone else wrote.
 */
import { headerOf, type Column, type HeaderLang } from './export-columns.js';

/** The UTF-8 byte-order mark Excel needs to read the file as UTF-8. */
export const BOM = '\ufeff';

/** A text cell made inert for spreadsheets. */
export function defuse(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/** One field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function csvField(value: string | number | null | undefined): string {
  if (value == null) return '';
  const text = typeof value === 'number' ? String(value) : defuse(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record as a CSV line, CRLF included. */
export function csvLine<T>(row: T, columns: Column<T>[]): string {
  return `${columns.map((c) => csvField(c.value(row))).join(',')}\r\n`;
}

/** The header line (BOM first): Vietnamese labels, or the field names. */
export function csvHeader<T>(columns: Column<T>[], headers: HeaderLang = 'vi'): string {
  return `${BOM}${columns.map((c) => csvField(headerOf(c, headers))).join(',')}\r\n`;
}

/** A whole CSV document. */
export function toCsv<T>(rows: Iterable<T>, columns: Column<T>[], headers: HeaderLang = 'vi'): string {
  let out = csvHeader(columns, headers);
  for (const row of rows) out += csvLine(row, columns);
  return out;
}

/** A CSV document from batches of rows, as chunks (for streaming large exports). */
export async function* csvChunks<T>(batches: AsyncIterable<T[]>, columns: Column<T>[], headers: HeaderLang = 'vi'): AsyncGenerator<string> {
  yield csvHeader(columns, headers);
  for await (const batch of batches) yield batch.map((row) => csvLine(row, columns)).join('');
}
