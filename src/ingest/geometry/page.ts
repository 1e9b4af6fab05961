/**
 * One positioned page → one Layout page. Shared by the text-PDF reader and the OCR reader, so a
 * scanned table and a digital one are rebuilt by the same rules:
 *
 * 1. ruling segments → rules → ruled grids; words whose centre lies in a grid fill its cells;
 * 2. the other words → text lines → fragments (split at wide gaps, and at narrower ones under
 *    a letterhead's gutter);
 * 3. borderless tables from fragment alignment (conservative);
 * 4. the remaining fragments → paragraphs;
 * 5. tables and paragraphs in reading order (XY-cut).
 *
 * Table indices are page-local (0, 1, …); {@link stitchTables} renumbers them across the document.
 */
import type { Block, Page, Table } from '../../layout/layout.js';
import type { PositionedPage, PositionedWord } from './types.js';
import { findBorderlessTables, type Row } from './borderless.js';
import { findGrids, gridToTable, inGrid, splitUnruledRows } from './grid.js';
import { toRules } from './lines.js';
import { groupParagraphs, toParagraph } from './paragraphs.js';
import { readingOrder } from './reading-order.js';
import { groupLines, splitAtGutters, splitFragments } from './text-lines.js';
import { tolerancesFor } from './tolerances.js';

/**
 * Build the Layout page for one positioned page (text-layer or OCR words, plus ruling lines).
 *
 * Coordinates are page points from the top-left corner, as {@link PositionedPage} says. Every
 * tolerance is relative to the page's median word height or its size ({@link tolerancesFor}),
 * so OCR boxes that wobble by a few points and image-detected lines a few points thick or
 * slightly skewed give the same table as exact text-layer geometry. Words with an OCR
 * `confidence` give cells and paragraphs the length-weighted mean confidence of their words.
 */
export function buildPage(p: PositionedPage): Page {
  const words = p.words.filter((w) => w.text.trim() !== '' && Number.isFinite(w.box.x0 + w.box.y0 + w.box.x1 + w.box.y1));
  const tol = tolerancesFor({ ...p, words });
  const { h, v } = toRules(p.segments, tol.snap, Math.max(tol.snap, 0.5 * tol.em));
  const grids = findGrids(h, v, tol);

  const inTables: PositionedWord[][] = grids.map(() => []);
  const free: PositionedWord[] = [];
  for (const w of words) {
    const g = grids.findIndex((grid) => inGrid(grid, w, tol.snap));
    if (g >= 0) inTables[g].push(w);
    else free.push(w);
  }
  const tables: Table[] = grids.map((g, i) => gridToTable(splitUnruledRows(g, inTables[i], tol), inTables[i], p.number));

  const rows: Row[] = splitAtGutters(groupLines(free).map((line) => splitFragments(line)));
  const borderless = findBorderlessTables(rows, p.number);
  tables.push(...borderless.tables);
  const fragments = rows.filter((_, i) => !borderless.used.has(i)).flat();
  const paragraphs = groupParagraphs(fragments).map((lines) => toParagraph(lines, p.number));

  const blocks: Block[] = readingOrder<Block>([...tables, ...paragraphs], 0.1 * tol.em);
  let index = 0;
  for (const b of blocks) if (b.type === 'table') b.index = index++;
  return {
    number: p.number,
    ...(p.width > 0 ? { width: round(p.width) } : {}),
    ...(p.height > 0 ? { height: round(p.height) } : {}),
    blocks,
  };
}

function round(v: number): number {
  return Math.round(v * 100) / 100;
}
