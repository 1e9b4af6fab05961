/**
 * Every fixture PDF (text layer, rebuilt from the seeds) ingests into a schema-valid Layout whose
 * plan table is one table, shaped like its DOCX twin's, with the gold rows' texts in its cells.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ingestDocx } from '../../src/ingest/docx.js';
import { ingest } from '../../src/ingest/registry.js';
import { ingestPdf, pdfPagesWithoutText } from '../../src/ingest/pdf.js';
import { LayoutSchema, tableGrid, tablesOf, type Layout, type Table } from '../../src/layout/layout.js';
import { foldText, joinLines } from '../../src/normalize/text.js';

const DIR = join(import.meta.dirname, '../../fixtures');
const CASES = readdirSync(DIR)
  .filter((f) => f.endsWith('.pdf') && !f.endsWith('.scan.pdf'))
  .map((f) => f.replace(/\.pdf$/, ''));

/** Contract fields whose value is a cell's text as written (see extraction-contract.md). */
const TEXT_FIELDS = [
  'target', 'solution', 'owner', 'timeline', 'budgetText', 'support', 'note',
  'planned', 'adjusted', 'done', 'inProgress', 'notDone',
  'content', 'indicator', 'evidence', 'statusText',
];

interface Gold {
  items: Record<string, unknown>[];
}

/**
 * A cell's text as the extractor reads it: lines joined by the extractor's own rule (spaces, and
 * none inside a number a break split), white space folded. One layout fact the gold cannot show
 * is added: a PDF line may break right after a hyphen between digits ("năm học 2028-" / "2029"),
 * which the DOCX-derived gold has as "2028-2029".
 */
function cellText(lines: string[]): string {
  const glued: string[] = [];
  for (const line of lines.map((l) => l.trim())) {
    if (glued.length && /\d[-–]$/u.test(glued[glued.length - 1]) && /^\d/u.test(line)) glued[glued.length - 1] += line;
    else glued.push(line);
  }
  return joinLines(glued) ?? '';
}

/** The texts a gold item expects to find in its row's cells. */
function expectedTexts(item: Record<string, unknown>): string[] {
  return TEXT_FIELDS.map((k) => item[k]).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => foldText(v)!);
}

/** Each row's cell texts (a merged cell's text on every row it spans). */
function rowTexts(table: Table): string[][] {
  return tableGrid(table).map((row) => row.map((slot) => (slot ? cellText(slot.cell.lines) : '')));
}

/** The table holding the most of the gold texts. */
function planTable(layout: Layout, gold: Gold): Table {
  const wanted = new Set(gold.items.flatMap(expectedTexts));
  const score = (t: Table) => rowTexts(t).flat().filter((x) => wanted.has(x)).length;
  return tablesOf(layout).reduce((best, t) => (score(t) > score(best) ? t : best));
}

describe.each(CASES)('fixture %s.pdf', (name) => {
  const gold = JSON.parse(readFileSync(join(DIR, `${name}.expected.json`), 'utf8')) as Gold;
  let layout: Layout;
  beforeAll(async () => {
    layout = await ingestPdf(new Uint8Array(readFileSync(join(DIR, `${name}.pdf`))));
  });

  it('ingests into a schema-valid, paginated Layout that survives JSON', () => {
    expect(LayoutSchema.parse(layout)).toEqual(layout);
    expect(JSON.parse(JSON.stringify(layout))).toEqual(layout);
    expect(layout.source).toEqual({ format: 'pdf', reader: 'pdfjs', paginated: true });
    expect(layout.issues).toEqual([]);
    for (const page of layout.pages) {
      for (const block of page.blocks) {
        expect(block.box).toBeDefined();
        if (block.type === 'paragraph') expect(block.page).toBe(page.number);
        else for (const cell of block.cells) expect(cell.page && cell.box).toBeTruthy();
      }
    }
    const indices = tablesOf(layout).map((t) => t.index);
    expect(indices).toEqual(indices.map((_, i) => i));
  });

  it('has one plan table shaped like the DOCX twin, with no repeated header rows', async () => {
    const docx = await ingestDocx(new Uint8Array(readFileSync(join(DIR, `${name}.docx`))));
    const pdfTable = planTable(layout, gold);
    const docxTable = planTable(docx, gold);
    expect(pdfTable.cols).toBe(docxTable.cols);
    expect(pdfTable.rows).toBe(docxTable.rows);
    const rows = rowTexts(pdfTable).map((r) => r.join('|'));
    expect(rows.slice(1)).not.toContain(rows[0]);
    // The table's pages run without gaps and every cell's page is one of them.
    const pages = pdfTable.pages!;
    expect(pages).toEqual(pages.map((_, i) => pages[0] + i));
    for (const cell of pdfTable.cells) expect(pages).toContain(cell.page);
  });

  it('has every gold row in that one table, each field a whole cell', () => {
    const table = planTable(layout, gold);
    const rows = rowTexts(table);
    for (const item of gold.items) {
      const want = expectedTexts(item);
      const best = rows.reduce((b, r) => (want.filter((w) => r.includes(w)).length > want.filter((w) => b.includes(w)).length ? r : b), rows[0]);
      for (const w of want) expect(best, `criterion ${String(item.criterion)}`).toContain(w);
    }
  });

  it('reads the same through the registry, which sniffs the content', async () => {
    expect(await ingest(new Uint8Array(readFileSync(join(DIR, `${name}.pdf`))), { fileName: `${name}.pdf` })).toEqual(layout);
  });
});

describe('fixture scans (no text layer)', () => {
  const scans = readdirSync(DIR).filter((f) => f.endsWith('.scan.pdf'));

  it.each(scans)('%s fails fast with scan.no_text, listing every page', async (file) => {
    const bytes = new Uint8Array(readFileSync(join(DIR, file)));
    const started = Date.now();
    const error = await ingestPdf(bytes).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'scan.no_text', message: 'scanned document: no text layer' });
    const { pages, pagesWithoutText } = (error as { details: { pages: number; pagesWithoutText: number[] } }).details;
    expect(pagesWithoutText).toEqual(Array.from({ length: pages }, (_, i) => i + 1));
    expect(await pdfPagesWithoutText(bytes)).toEqual(pagesWithoutText);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});
