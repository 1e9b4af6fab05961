/**
 * An item being assembled from one or more table rows: each field's cell texts in order (a row
 * cut by a page break, or a criterion spanning several rows, adds more), and where they came from.
 */
import type { GridSlot } from '../layout/layout.js';
import { REGISTRY_NAMES } from '../criteria/registry.js';
import { dropDoubledCapitals, dropLoneSpecks, joinsBrokenWord, mendCaseLookAlikes, mendLostVowelMarks, mendShiftedSpaces } from '../normalize/broken-words.js';
import { phraseMarker } from '../normalize/phrase-marks.js';
import { joinLines } from '../normalize/text.js';
import { foldedCellText } from './cell-text.js';
import type { BodyRow } from './collect.js';
import type { ExtractionIssue, Provenance } from './contract.js';
import { wordingTexts } from './wordings.js';

/** The known phrases whose marks a scan's text takes back: the criteria's names and the wordings. Built on the first scan, not at start-up. */
let markPhrases: ((text: string) => string) | undefined;
const phraseMarks = (text: string) => (markPhrases ??= phraseMarker([...REGISTRY_NAMES, ...wordingTexts()]))(text);

/** The text a slot contributes to its row: only a cell's own top-left slot carries its text. */
export function ownText(row: BodyRow, col: number | undefined): string | null {
  if (col === undefined) return null;
  const slot: GridSlot | null = row.slots[col] ?? null;
  if (!slot || !slot.origin) return null;
  return foldedCellText(slot.cell);
}

export class Draft {
  readonly first: BodyRow;
  private readonly texts = new Map<string, string[]>();
  readonly cells: Provenance['cells'] = [];
  private confidence = 1;
  private ocr = false;
  /** Numbers OCR read twice with different results, per field. */
  readonly rereads: { field: string; read: string; again: string; replaced: boolean; separatorLost: boolean }[] = [];
  /** Fields whose cell had lines joined from the next page (a row cut by a page break), and that page. */
  readonly continued: { field: string; page: number }[] = [];

  constructor(first: BodyRow) {
    this.first = first;
  }

  /** Add the row's text for every mapped field (and extra column) to this item. */
  addRow(row: BodyRow, columns: Record<string, number>): void {
    for (const [field, col] of Object.entries(columns)) this.addCell(field, row, col);
  }

  addCell(field: string, row: BodyRow, col: number): void {
    const text = ownText(row, col);
    if (text == null) return;
    const list = this.texts.get(field) ?? [];
    const cell = row.slots[col]!.cell;
    // A row the page break cut inside a word ("1.8. Quả" | "n lý các hoạt động…" on the next page):
    // the two pieces are one word, as a narrow column's are.
    const lastPage = this.cells.filter((c) => c.field === field).at(-1)?.page;
    if (list.length > 0 && cell.page != null && lastPage != null && cell.page > lastPage && joinsBrokenWord(list[list.length - 1], text)) {
      list[list.length - 1] = list[list.length - 1].trimEnd() + text.trimStart();
    } else {
      list.push(text);
    }
    this.texts.set(field, list);
    if (cell.confidence != null) {
      this.confidence = Math.min(this.confidence, cell.confidence);
      this.ocr = true;
    }
    if (cell.continuedAt != null) this.continued.push({ field, page: cell.continuedAt });
    for (const r of cell.reread ?? []) this.rereads.push({ field, read: r.read, again: r.again, replaced: r.replaced ?? false, separatorLost: r.separatorLost ?? false });
    this.cells.push({ field, table: row.table, row: row.row, col, page: cell.page ?? null });
  }

  /** The field's text: every contributing cell's text joined, folded; null when none. A scan's marks on a known phrase are put right ({@link phraseMarker}). */
  text(field: string): string | null {
    const list = this.texts.get(field);
    if (!list) return null;
    const text = joinLines(list);
    if (!this.ocr || text == null) return text;
    // A scanned TT is its number: the specks after it ("1.„", "3,") are the paper's, not the school's.
    if (field === 'rowNo') return SPECKED_NUMBER.exec(text)?.[1] ?? text;
    return phraseMarks(mendLostVowelMarks(mendShiftedSpaces(mendCaseLookAlikes(dropDoubledCapitals(dropLoneSpecks(text))))));
  }

  /** Where the item came from; `columns`: how each field's column was decided (see MappedTable.how). */
  provenance(columns?: Provenance['columns']): Provenance {
    return { page: this.first.page, table: this.first.table, row: this.first.row, cells: this.cells, ...(columns ? { columns } : {}) };
  }

  /** Lowest OCR confidence of the contributing cells (1 for a text layer). */
  cellConfidence(): number {
    return this.confidence;
  }

  /** Whether any contributing cell was read by OCR (a text layer's cells carry no confidence). */
  scanned(): boolean {
    return this.ocr;
  }

  /** Trust the item no more than `cap`: something about it is doubtful. */
  doubt(cap: number): void {
    this.confidence = Math.min(this.confidence, cap);
  }
}

/** Item confidence: the cells' confidence, lowered when the header mapping was a loose match. */
export function itemConfidence(draft: Draft, headerScores: Record<string, number>): number {
  const scores = Object.values(headerScores);
  const header = scores.length ? Math.min(...scores) : 1;
  return Math.round(draft.cellConfidence() * (0.6 + 0.4 * Math.min(1, header)) * 1000) / 1000;
}

/** Highest confidence of an item whose row was joined across a page break on a doubtful key. */
export const DOUBTFUL_CONTINUATION_CONFIDENCE = 0.8;

/**
 * A row cut by a page break is joined back to the previous page's last row. When text joined from
 * the next page landed in one of the row's key cells (its number, criterion or level), the break
 * may have fallen inside the key ("Mức" / "2") or the next page's row may be an item of its own:
 * the join is doubtful, so the item gets `item.continuation_doubtful` and at most
 * {@link DOUBTFUL_CONTINUATION_CONFIDENCE}. On a scan the budget counts as a key too: a scan can
 * lose the number of the row opening the next page, which is then joined here as if the break had
 * cut this row, and its amount counted as this row's. Returns the confidence to use.
 */
export function checkContinuation(draft: Draft, keys: readonly string[], confidence: number, issues: ExtractionIssue[]): number {
  const doubtful = draft.scanned() ? [...keys, 'budgetText'] : keys;
  const key = draft.continued.find((c) => doubtful.includes(c.field));
  if (!key) return confidence;
  issues.push({
    code: 'item.continuation_doubtful',
    severity: 'warning',
    message: `the row continues on page ${key.page} and its ${key.field} cell was joined across the page break; check that the two pieces are one item`,
    field: key.field,
    table: draft.first.table,
    row: draft.first.row,
  });
  return Math.min(confidence, DOUBTFUL_CONTINUATION_CONFIDENCE);
}

/** A number with nothing after it but specks of punctuation. */
const SPECKED_NUMBER = /^\s*(\d{1,3})\s*[.,„"'`’‘·:;~_]+\s*$/u;
