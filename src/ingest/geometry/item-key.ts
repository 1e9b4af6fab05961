/**
 * What opens an item in a plan table's key cell: a row number, a criterion code or a standard
 * heading. Used where the geometry alone cannot tell rows apart (a page break, a table drawn
 * without row rules).
 */
import { parseCriterion, parseStandardHeading } from '../../normalize/criterion.js';

/** What a cell's first line says about starting an item: a code, a standard, a row number. */
export function itemKey(lines: readonly string[]): { kind: string; value: string } | null {
  const filled = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (filled.length === 0) return null;
  if (/^\d{1,3}\s*[.)]?$/.test(filled[0])) return { kind: 'number', value: String(parseInt(filled[0], 10)) };
  // "Tiêu chí" / "1.3" in a narrow column, or "Tiêu" / "chí" / "1.3" in a narrower one: the
  // first three lines together.
  const head = filled.slice(0, 3).join(' ');
  const code = parseCriterion(head);
  // Only a code that opens the cell, not one mentioned inside running text.
  if (code && /^(?:ti[eê]u\s*ch[ií]|tc\b|\(?\s*\d)/iu.test(head)) return { kind: 'code', value: code.code };
  const standard = parseStandardHeading(head);
  if (standard) return { kind: 'standard', value: String(standard.standard) };
  return null;
}

