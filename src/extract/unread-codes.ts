/**
 * Criterion codes in tables the extractor could not read as part of the plan or report (a scanned
 * page whose rules came out broken, a fragment without a header): each such table whose cells
 * open with codes that are in no item gives `item.dropped`, naming its page and the codes, so a
 * lost row is never silent.
 */
import type { Layout } from '../layout/layout.js';
import { openingCode } from './column-content.js';
import type { ExtractionIssue } from './contract.js';

/** Issues for the tables not in `readTables` (layout table indexes) holding codes not among `criteria`. */
export function codesInUnreadTables(layout: Layout, readTables: ReadonlySet<number>, criteria: ReadonlySet<string>): ExtractionIssue[] {
  const issues: ExtractionIssue[] = [];
  for (const page of layout.pages) {
    for (const block of page.blocks) {
      if (block.type !== 'table' || readTables.has(block.index)) continue;
      const codes = new Set<string>();
      for (const cell of block.cells) {
        for (const line of [cell.lines.join(' '), ...cell.lines]) {
          const code = openingCode(line);
          if (!code) continue;
          if (!criteria.has(code.code)) codes.add(code.code);
          break;
        }
      }
      if (codes.size === 0) continue;
      const list = [...codes].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
      issues.push({
        code: 'item.dropped',
        severity: 'warning',
        message: `a table on page ${page.number} could not be read as part of the plan or report table, and it holds criterion ${list.length > 1 ? 'codes' : 'code'} ${list.join(', ')} that ${list.length > 1 ? 'are' : 'is'} in no item: check that page`,
        table: block.index,
      });
    }
  }
  return issues;
}
