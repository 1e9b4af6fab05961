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
  // "Tiêu chí" / "1.3" in a narrow column, "Tiêu" / "chí" / "1.3" in a narrower one, and
  // "Tiêu" / "chí" / "1." / "3" where even the code breaks: the first three lines together, or four.
  const head = filled.slice(0, 3).join(' ');
  for (const opening of [head, filled.slice(0, 4).join(' ')]) {
    const code = parseCriterion(opening);
    // Only a code that opens the cell, not one mentioned inside running text.
    if (code && /^(?:ti[eê]u\s*ch[ií]|tc\b|\(?\s*\d)/iu.test(opening)) return { kind: 'code', value: code.code };
  }
  const standard = parseStandardHeading(head);
  if (standard) return { kind: 'standard', value: String(standard.standard) };
  // "Tiêu chí 11": a label over two digits is a code whose dot a scan lost, kept as its digits
  // (see keysDiffer).
  const dotLost = /^(?:ti[eê]u\s*ch[ií]|tc)\s*[.:]?\s*(\d\d)(?![\d.,])/iu.exec(head);
  if (dotLost) return { kind: 'number', value: dotLost[1] };
  return null;
}

/**
 * Whether two item keys name different items: of one kind, different values. A two-digit number
 * beside a code of the same standard is that code with its dot lost by a scan ("54" above "5.5"),
 * and is compared as one.
 */
export function keysDiffer(a: { kind: string; value: string }, b: { kind: string; value: string }): boolean {
  if (a.kind === b.kind) return a.value !== b.value;
  const number = [a, b].find((k) => k.kind === 'number');
  const code = [a, b].find((k) => k.kind === 'code');
  if (!number || !code || !/^\d\d$/.test(number.value)) return false;
  const [standard, criterion] = code.value.split('.');
  return number.value[0] === standard && number.value !== `${standard}${criterion}`;
}
