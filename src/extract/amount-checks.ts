/**
 * The amount checks that need the whole table, after its rows are read: an item whose budget
 * reading is doubtful gets a lower confidence, and a "Tổng cộng" (total) row, which is never an
 * item, is compared with the sum of the items above it. Never a silent wrong amount: an analyst
 * summing budgets sees either an issue or a confidence below 0.9 wherever a reading may be wrong.
 */
import { DOUBTFUL_AMOUNT_CODES, parseBudget, stripAccents } from '../normalize/index.js';
import type { GridSlot } from '../layout/layout.js';
import { bodyRows, budgetHeaderUnit, type BodyRow, type LogicalTable } from './collect.js';
import type { ExtractionIssue, PlanItem, TaskItem } from './contract.js';
import { ownText } from './draft.js';

/** The confidence an item keeps at most when its amount may differ from the document's. */
export const DOUBTFUL_AMOUNT_CONFIDENCE = 0.8;

/** Words a total row's label is made of ("Tổng cộng", "Cộng", "Tổng số kinh phí", "Tổng cộng (I+II)"). */
const TOTAL_WORDS = new Set(['tong', 'cong', 'so', 'kinh', 'phi', 'tien', 'du', 'toan', 'chi', 'ca', 'bo', 'nam', 'hoc', 'ke', 'hoach', 'i', 'ii', 'iii', 'iv', 'v']);
/** Units that may follow the amount when it stands in the label's own cell ("Tổng cộng: 350 triệu đồng"). */
const UNIT_WORDS = new Set(['dong', 'd', 'vnd', 'trieu', 'tr', 'ty', 'ti', 'nghin', 'ngan', 'trd']);

/** Whether a label is a total's: it opens with "tổng" or "cộng" and holds nothing but total words. */
export function isTotalLabel(text: string): boolean {
  const plain = stripAccents(text);
  const words = plain.match(/[a-z]+/g) ?? [];
  if (words.length === 0 || (words[0] !== 'tong' && words[0] !== 'cong')) return false;
  const hasDigits = /\d/.test(plain);
  // "Cộng đồng" is a community, "Cộng: 5 triệu đồng" a total.
  return words.every((w) => TOTAL_WORDS.has(w) || (hasDigits && UNIT_WORDS.has(w)));
}

/** The row's cells with text, left to right, each once. */
function filledCells(slots: readonly (GridSlot | null)[]): { col: number; text: string }[] {
  const out: { col: number; text: string }[] = [];
  const seen = new Set<unknown>();
  slots.forEach((slot, col) => {
    if (!slot || seen.has(slot.cell)) return;
    seen.add(slot.cell);
    const text = slot.cell.lines.join(' ').trim();
    if (text) out.push({ col, text });
  });
  return out;
}

/** A "Tổng cộng" row: its first cell with text is a total's label (and the row names no criterion). */
export function isTotalRow(row: BodyRow): boolean {
  const first = filledCells(row.slots)[0];
  return first != null && isTotalLabel(first.text);
}

type Priced = Pick<PlanItem | TaskItem, 'budgetVnd' | 'confidence' | 'provenance'>;

/**
 * After a table's items are read: lower the confidence of items with a doubtful amount (the
 * issues `plannedFields` raised), and check each total row against the items above it.
 */
export function checkAmounts(t: LogicalTable, items: readonly Priced[], issues: ExtractionIssue[]): void {
  const at = (table: number | undefined, row: number | undefined) => `${table}:${row}`;
  const doubtful = new Set(
    issues.filter((i) => i.field === 'budgetVnd' && DOUBTFUL_AMOUNT_CODES.includes(i.code)).map((i) => at(i.table, i.row)),
  );
  const byRow = new Map(items.map((item) => [at(item.provenance.table, item.provenance.row), item]));
  for (const item of items) if (doubtful.has(at(item.provenance.table, item.provenance.row))) doubt(item);
  if (t.columns.budgetText === undefined) return;
  checkTotals(t, byRow, issues);
}

function doubt(item: Priced): void {
  item.confidence = Math.min(item.confidence, DOUBTFUL_AMOUNT_CONFIDENCE);
}

/**
 * Each total row against the items since the last total (a subtotal), all items above it, or the
 * totals above it (a grand total of subtotals). When none agrees, an issue on the table, and the
 * items it sums are doubtful: one of them, or the total, is misread.
 */
function checkTotals(t: LogicalTable, byRow: Map<string, Priced>, issues: ExtractionIssue[]): void {
  const col = t.columns.budgetText!;
  const unitMultiplier = budgetHeaderUnit(t);
  let segment: Priced[] = [];
  const above: Priced[] = [];
  const totals: number[] = [];
  for (const row of bodyRows(t)) {
    const item = byRow.get(`${row.table}:${row.row}`);
    if (item) {
      segment.push(item);
      above.push(item);
      continue;
    }
    if (!isTotalRow(row)) continue;
    const text = ownText(row, col) ?? filledCells(row.slots).map((c) => c.text).join(' ');
    const stated = parseBudget(text, { unitMultiplier }).amount;
    if (stated == null) continue;
    const sum = (xs: readonly Priced[]) => xs.reduce((s, x) => s + (x.budgetVnd ?? 0), 0);
    const agrees = [sum(segment), sum(above), totals.reduce((s, x) => s + x, 0)].some((x) => x === stated);
    if (!agrees) {
      const unread = segment.filter((x) => x.budgetVnd == null).length;
      issues.push({
        code: 'table.total_mismatch',
        severity: 'warning',
        message:
          `the total row states ${stated} đồng but the items above it sum to ${sum(segment)} đồng` +
          (unread > 0 ? ` (${unread} item${unread > 1 ? 's' : ''} with no amount read)` : '') +
          ': an amount, or the total, is misread',
        table: row.table,
        row: row.row,
        field: 'budgetVnd',
      });
      segment.forEach(doubt);
    }
    totals.push(stated);
    segment = [];
  }
}
