/**
 * The 2018 form: one item per criterion row of a KH or BC table. Around the criterion rows sit
 * standard rows ("Tiêu chuẩn 1: …", often a cell spanning the table), section rows ("MỨC 1, 2, 3"),
 * and continuation rows (a row cut by a page break, or a criterion spanning several rows): these
 * join the item above, column by column.
 */
import {
  oneCharApart,
  oneCharLess,
  parseBudget,
  parseLevel,
  parseTimeline,
  phraseMarksRestorer,
  scannedOwnerMender,
  tidyScannedBudget,
  tidyScannedTimeline,
  splitOwners,
  stripAccents,
} from '../normalize/index.js';
import { CELL_WORDS } from './wordings.js';
import type { GridSlot } from '../layout/layout.js';
import { bodyRows, budgetColumnHasDecimals, budgetHeaderUnit, type BodyRow, type LogicalTable } from './collect.js';
import { bareDotLostCode, codeOrder, dotLostBetween, dotLostCode, extraDigitBetween, garbledStandardBetween, inOrder, unreadCodeBetween, onesReadAsLetters, readCriterionCode, type CriterionCode } from './criterion-code.js';
import type { ExtractionIssue, PlanItem, ReportItem } from './contract.js';
import { checkContinuation, Draft, itemConfidence, ownText } from './draft.js';
import { cellStandardHeading, foldedCellText } from './cell-text.js';
import { bareStandard } from './column-content.js';
import { checkAmounts, isTotalRow } from './amount-checks.js';

interface RowContext {
  standard: number | null;
  current: { draft: Draft; code: CriterionCode; standard: number | null } | null;
}

const CODE_ONLY = /^\s*\d{1,2}\s*\.\s*\d{1,2}\s*$/;

/** Fields whose cells hold running text: a code quoted there ("đáp ứng tiêu chí 2.3") starts no row. */
const TEXT_FIELDS = new Set(['target', 'solution', 'owner', 'timeline', 'budgetText', 'support', 'note', 'planned', 'adjusted', 'done', 'inProgress', 'notDone']);

/**
 * The criterion a row starts: from its criterion column, else a bare "1.1" in its TT column,
 * else a cell of another non-text column that begins with a code (a table whose first column is
 * a merged standard cell, mapped as the criterion column, with "Tiêu chí 1.1" beside it).
 */
function rowCriterion(row: BodyRow, t: LogicalTable) {
  const fromCriterion = readCriterionCode(ownText(row, t.columns.criterion));
  if (fromCriterion) return fromCriterion;
  const rowNo = ownText(row, t.columns.rowNo);
  if (rowNo && CODE_ONLY.test(rowNo)) return readCriterionCode(rowNo);
  const textCols = new Set(Object.entries(t.columns).filter(([f]) => TEXT_FIELDS.has(f)).map(([, c]) => c));
  for (let col = 0; col < row.slots.length; col++) {
    if (textCols.has(col) || col === t.columns.criterion) continue;
    const code = readCriterionCode(leadingCode(ownText(row, col)));
    if (code) return code;
  }
  return null;
}

/** The cell's text when it begins with a criterion code ("Tiêu chí 1.1: …", "1.1. …"), else null. */
function leadingCode(text: string | null): string | null {
  return text && /^\s*(?:ti[eê]u\s*ch[ií]\s*|TC\s*)?\d{1,2}\s*\.\s*\d/iu.test(text) ? text : null;
}

/** A row whose text is one cell spanning at least half the table: a heading, not content. */
function spanningHeading(slots: (GridSlot | null)[]): string | null {
  const cells = new Set(slots.filter((s): s is GridSlot => s != null).map((s) => s.cell));
  const filled = [...cells].filter((c) => c.lines.some((l) => l.trim()));
  if (filled.length === 0) return null;
  const widest = filled.reduce((a, b) => (b.colSpan > a.colSpan ? b : a));
  if (widest.colSpan * 2 < slots.length) return null;
  // A TT number beside the heading ("2 | Tiêu chuẩn 2: …") is part of the heading row.
  const others = filled.filter((c) => c !== widest);
  if (others.some((c) => c.lines.join(' ').trim().length > 4)) return null;
  return widest.lines.join(' ');
}

/** The standard a row names, and the cell that names it. */
function standardOfRow(slots: (GridSlot | null)[]): { standard: number; cell: GridSlot['cell'] } | null {
  const seen = new Set<unknown>();
  for (const slot of slots) {
    if (!slot || seen.has(slot.cell)) continue;
    seen.add(slot.cell);
    const heading = cellStandardHeading(slot.cell);
    if (heading) return { standard: heading.standard, cell: slot.cell };
  }
  return null;
}

/**
 * A standard column ("Tiêu chuẩn" in the header) whose cell holds the bare number ("3", "III"),
 * as merged standard columns often do: the row's standard, the way "Tiêu chuẩn 3" would be.
 */
function standardInColumn(slots: (GridSlot | null)[], col: number | undefined): { standard: number; cell: GridSlot['cell'] } | null {
  const slot = col === undefined ? null : slots[col];
  const standard = bareStandard(slot);
  return standard != null ? { standard, cell: slot!.cell } : null;
}

/**
 * A standard named in a merged first column ("Tiêu chuẩn 1" spanning its criteria's rows) beside
 * content: the row belongs to the standard but is a content row, not a heading. A TT number
 * beside a heading does not count as content.
 */
function contentBesideStandard(row: BodyRow, standardCell: GridSlot['cell']): boolean {
  if (spansHalf(standardCell, row)) return false;
  const seen = new Set<unknown>([standardCell]);
  for (const slot of row.slots) {
    if (!slot || !slot.origin || seen.has(slot.cell)) continue;
    seen.add(slot.cell);
    if (slot.cell.lines.join(' ').trim().length > 4) return true;
  }
  return false;
}

/**
 * A scanned criterion column, named so by its header, in which the scan lost every dot: no cell
 * reads as a code, two or more are bare numbers that read as codes without their dots ("15",
 * "31", "51": 1.5, 3.1, 5.1), every filled cell is one, and they run in the order of codes. With
 * no standard row and no readable neighbour to vouch for any of them, the column vouches for
 * them all, unless its numbers count rows (each one more than the one above: "11", "12", "13"),
 * when the table has no other row-number column.
 */
function dotLostColumn(rows: readonly BodyRow[], t: LogicalTable, readable: readonly (CriterionCode | null)[]): boolean {
  const col = t.columns.criterion;
  if (col == null || t.how.criterion === 'content' || readable.some((c) => c != null)) return false;
  const filled = rows.flatMap((row) => {
    const text = ownText(row, col);
    return text?.trim() ? [{ text, cell: row.slots[col]?.cell }] : [];
  });
  // Read by OCR (its cells carry a confidence): a text layer does not lose dots.
  if (filled.some(({ cell }) => cell?.confidence == null)) return false;
  const texts = filled.map(({ text }) => text);
  const codes = texts.map(bareDotLostCode);
  if (codes.length < 2 || codes.some((c) => c == null)) return false;
  const order = (codes as CriterionCode[]).map(codeOrder);
  if (order.some((o, i) => i > 0 && o <= order[i - 1])) return false;
  const numbers = texts.map((text) => Number(text.replace(/\D/g, '')));
  const counting = numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
  return !counting || t.columns.rowNo != null;
}

/** Read the items of a plan or report table (2018 form). */
export function readCriterionRows(t: LogicalTable, issues: ExtractionIssue[]): (PlanItem | ReportItem)[] {
  const drafts: NonNullable<RowContext['current']>[] = [];
  const ctx: RowContext = { standard: null, current: null };
  const critCol = t.columns.criterion;
  issues.push(...t.issues);
  const rows = bodyRows(t);
  const readable = rows.map((row) => rowCriterion(row, t));
  const joinedBelow = joinSplitLabels(rows, readable, critCol);
  // The rest of the current item: a continuation row, every mapped field and extra column added.
  const addToCurrent = (row: BodyRow) => {
    ctx.current!.draft.addRow(row, t.columns);
    for (const x of t.extra) ctx.current!.draft.addCell(`extra:${x.header}`, row, x.col);
  };
  // The first code read below each row: what vouches for a dot-lost code from underneath.
  const nextReadable: (CriterionCode | null)[] = [];
  for (let i = rows.length - 1; i >= 0; i--) nextReadable[i] = readable[i + 1] ?? nextReadable[i + 1] ?? null;
  const columnVouches = dotLostColumn(rows, t, readable);

  rows.forEach((row, index) => {
    if (joinedBelow.has(index) && ctx.current) {
      addToCurrent(row);
      return;
    }
    const named = standardOfRow(row.slots) ?? standardInColumn(row.slots, t.columns.standard);
    const beside = named != null && named.cell !== row.slots[critCol ?? -1]?.cell && !spansHalf(named.cell, row);
    let code = readable[index];
    let weaklyVouched = false;
    // The codes around the row, which vouch for a code the scan damaged.
    const previous = drafts.at(-1)?.code ?? null;
    const next = nextReadable[index];
    const text = ownText(row, critCol);
    if (code && onesReadAsLetters(text)) {
      issues.push({
        code: 'criterion.dot_restored',
        severity: 'warning',
        message: `the criterion cell reads "${text}", taken as ${code.code} (a scan reads a thin 1 as a letter and drops small dots)`,
        table: row.table,
        row: row.row,
      });
    }
    if (!code) {
      const standard = beside ? named!.standard : ctx.standard;
      code = dotLostCode(text, standard);
      let vouched = code ? `under standard ${code.standard}` : '';
      if (!code) {
        // "11" alone on the cell's first line, the name below: the code stands alone, as a stop would make it.
        code = dotLostBetween(text, previous, next) ?? dotLostBetween(codeLine(row, critCol), previous, next) ?? dotLostBetween(withoutRowNumber(row, t.columns.rowNo, text, drafts.at(-1)?.draft.text('rowNo')), previous, next);
        if (code) vouched = previous && next ? `between ${previous.code} and ${next.code}` : previous ? `after ${previous.code}` : `before ${next!.code}`;
      }
      if (!code && columnVouches) {
        code = bareDotLostCode(text);
        if (code) vouched = 'by its column, whose every cell is a code without its dot';
        // Weaker than a neighbour or a standard vouching: the reading is trusted as little as a code the order restored.
        weaklyVouched = code != null;
      }
      const extraDigit = code ? null : extraDigitBetween(text, previous, next);
      const garbled = code || extraDigit ? null : garbledStandardBetween(text, previous, next);
      const unread = code || extraDigit || garbled ? null : unreadCodeBetween(text, previous, next);
      if (unread) {
        code = unread;
        weaklyVouched = true;
        issues.push({
          code: 'criterion.code_restored',
          severity: 'warning',
          message: `the criterion cell reads "${text}", a label whose code the scan could not read; taken as ${code.code}, the one code that fits between the codes around it: check it`,
          table: row.table,
          row: row.row,
        });
      } else if (garbled) {
        code = garbled;
        issues.push({
          code: 'criterion.standard_restored',
          severity: 'warning',
          message: `the criterion cell reads "${text}", whose standard is no digit; taken as ${code.code}, which fits between the codes around it (a scan misreads a digit as a letter): check it`,
          table: row.table,
          row: row.row,
        });
      } else if (extraDigit) {
        code = extraDigit;
        issues.push({
          code: 'criterion.digit_dropped',
          severity: 'warning',
          message: `the criterion cell reads "${text}", a code no circular has; taken as ${code.code}, which fits between the codes around it (a scan reads a bracket or a speck as a digit)`,
          table: row.table,
          row: row.row,
        });
      } else if (code) {
        issues.push({
          code: 'criterion.dot_restored',
          severity: 'warning',
          message: `the criterion cell reads "${text}", taken as ${code.code} ${vouched} (a scan drops small dots)`,
          table: row.table,
          row: row.row,
        });
      }
    }
    if (code) {
      // A standard column beside the criterion (often merged down its rows): the row's standard.
      if (beside) ctx.standard = named!.standard;
      const headed = ctx.standard != null && ctx.standard !== code.standard ? misreadStandard(row, critCol, code, ctx.standard, { previous, next, namedInRow: beside }) : null;
      if (headed) {
        issues.push({
          code: 'criterion.standard_restored',
          severity: 'warning',
          message: `the scan reads criterion ${code.code} under standard ${ctx.standard}, out of the order of the codes around it; taken as ${headed.code}, which fits (a scan misreads one digit): check it`,
          table: row.table,
          row: row.row,
        });
        code = headed;
      } else if (ctx.standard != null && ctx.standard !== code.standard) {
        issues.push({
          code: 'criterion.standard_mismatch',
          severity: 'warning',
          message: `criterion ${code.code} sits under standard ${ctx.standard}; the code's standard is used`,
          table: row.table,
          row: row.row,
        });
      }
      const draft = new Draft(row);
      if (weaklyVouched) draft.doubt(RESTORED_CODE_CONFIDENCE);
      draft.addRow(row, t.columns);
      for (const x of t.extra) draft.addCell(`extra:${x.header}`, row, x.col);
      const labels = ownText(row, critCol)?.match(CRITERION_LABEL) ?? [];
      if (labels.length > 1) {
        // Two labelled criteria in one cell: a scan lost the rule between two rows, or a school
        // wrote one row for two criteria. Either way the item stands for more than its code.
        draft.doubt(MERGED_ROWS_CONFIDENCE);
        issues.push({
          code: 'item.merged_rows',
          severity: 'warning',
          message: `the criterion cell names ${labels.length} criteria ("${labels.map((l) => l.trim()).join('", "')}"), read as one item ${code.code}: a line between two rows may be lost; check it`,
          table: row.table,
          row: row.row,
        });
      }
      ctx.current = { draft, code, standard: code.standard };
      drafts.push(ctx.current);
      return;
    }
    if (isTotalRow(row)) {
      ctx.current = null; // "Tổng cộng": checked against the items by checkAmounts, never an item
      return;
    }
    if (named && contentBesideStandard(row, named.cell)) {
      // A row of a merged standard column whose code could not be read: content, not a heading.
      if (named.standard !== ctx.standard) ctx.current = null;
      ctx.standard = named.standard;
    } else if (named && (spanningHeading(row.slots) != null || !ctx.current || critHasText(row, critCol))) {
      ctx.standard = named.standard;
      ctx.current = null;
      return;
    }
    if (spanningHeading(row.slots) != null) {
      ctx.current = null; // "MỨC 1, 2, 3", "Mức 4: không": a section, not content
      return;
    }
    const critSlot = critCol === undefined ? null : row.slots[critCol];
    const continues = !critSlot || !critSlot.origin || !critHasText(row, critCol) || continuesNameOverPage(row, rows[index - 1], critCol);
    if (continues && ctx.current) {
      addToCurrent(row);
    } else if (rowHasText(row)) {
      issues.push({
        code: 'row.no_criterion',
        severity: 'warning',
        message: `a row with text but no criterion code was skipped`,
        table: row.table,
        row: row.row,
      });
      ctx.current = null;
    }
  });
  doubtOutOfOrder(drafts, issues);
  const items = drafts.map(({ draft, code }) => finishItem(t, draft, code, issues));
  reportDropped(t, new Set(items.map((i) => i.criterion)), issues);
  if (t.profile.name !== 'report') checkAmounts(t, items as PlanItem[], issues);
  return items;
}

/**
 * A scanned code whose standard digit was misread ("2.5" under "TIÊU CHUẨN 5", between 3.6 and
 * 5.6): when the code read breaks the order of its neighbours and the same criterion under the
 * heading's standard keeps it, the heading is believed. A standard named in the row itself (a
 * merged standard cell beside the code, "TIÊU CHUẨN 5" | "Tiêu chí 2.5" after 3.5) vouches for
 * a new standard on its own: the code need only follow the one before it. Only on a scan: a typed
 * code under the wrong heading is the school's own, and kept.
 */
function misreadStandard(
  row: BodyRow,
  critCol: number | undefined,
  code: CriterionCode,
  standard: number,
  around: { previous: CriterionCode | null; next: CriterionCode | null; namedInRow: boolean },
): CriterionCode | null {
  const { previous, next } = around;
  const slot = critCol === undefined ? null : row.slots[critCol];
  if (slot?.cell.confidence === undefined || inOrder(code, previous, next)) return null;
  const headed = { ...code, code: `${standard}.${code.code.split('.')[1]}`, standard };
  if (inOrder(headed, previous, next)) return headed;
  const follows = (!previous || codeOrder(previous) < codeOrder(headed)) && (!next || codeOrder(headed) < codeOrder(next));
  return around.namedInRow && (previous || next) && follows ? headed : null;
}

/**
 * A bare number in the criterion cell that opens with the row's TT ("7.32" beside TT "7"): a
 * narrow TT column's number read into the code beside it, whose dot the scan moved or lost. The
 * rest ("32"), for the neighbours to vouch for as a dot-lost code; null otherwise.
 */
function withoutRowNumber(row: BodyRow, rowNoCol: number | undefined, text: string | null, rowNoAbove?: string | null): string | null {
  const read = text?.replace(/\s/g, '');
  if (!read || !/^[\d.,]+$/.test(read)) return null;
  // The TT as read, or the one after the row above's (the TT itself garbled: '1"' for 11).
  const above = Number(rowNoAbove);
  const tts = [ownText(row, rowNoCol)?.replace(/\D/g, ''), rowNoAbove && Number.isInteger(above) ? String(above + 1) : undefined];
  for (const tt of tts) {
    if (!tt || !read.startsWith(tt)) continue;
    const rest = read.slice(tt.length).replace(/[.,]/g, '');
    // A standard (1–5) and a criterion (1–20): "32", "110"; not "153".
    if (/^[1-5](?:[1-9]|1\d|20)$/.test(rest)) return rest;
  }
  return null;
}

/**
 * A scanned TT that runs on into the code beside it ("185.4" beside 5.4, "13.41" beside 4.1): a
 * narrow column's rule lost between them. The TT is the number before the code.
 */
function withoutCode(rowNo: string | null, code: CriterionCode): string | null {
  if (!rowNo || !/^\d{2,}[.,]?\d+(?:\.\d+)?$/.test(rowNo)) return rowNo;
  for (let k = 1; k <= 3 && k < rowNo.length; k++) {
    const rest = rowNo.slice(k).replace(/^[.,]/, '');
    if (rest === code.code || rest === code.code.replace('.', '')) return rowNo.slice(0, k);
  }
  return rowNo;
}

/** The first line of a criterion cell when it is a number alone and a name follows below ("11" / "Phương hướng…"). */
function codeLine(row: BodyRow, critCol: number | undefined): string | null {
  const slot = critCol === undefined ? null : row.slots[critCol];
  const lines = slot?.origin ? slot.cell.lines : [];
  return lines.length > 1 && /^\s*[1-5]\d{1,2}\s*$/.test(lines[0]) ? lines[0] : null;
}

/** Longest criterion-cell text taken for the first piece of a label a row break cut ("Tiêu", "Tiêu chí"). */
const LABEL_PIECE_CHARS = 12;

/**
 * A row cut by a page break inside its criterion label: "Tiêu" at the foot of one page, "chí 3.2"
 * under the repeated header of the next. Neither piece reads as a code alone (or only the second
 * does), but together they do: the upper row takes the code and the lower one is read as its
 * continuation, so the item is neither skipped nor cut in two. Returns the rows so joined.
 */
function joinSplitLabels(rows: readonly BodyRow[], readable: (CriterionCode | null)[], critCol: number | undefined): Set<number> {
  const joined = new Set<number>();
  for (let i = 0; i + 1 < rows.length; i++) {
    // A heading row is no label piece; a row beside a merged standard cell is content.
    const named = standardOfRow(rows[i].slots);
    if (readable[i] || spanningHeading(rows[i].slots) != null || (named && !contentBesideStandard(rows[i], named.cell))) continue;
    const above = ownText(rows[i], critCol)?.trim();
    const below = ownText(rows[i + 1], critCol)?.trim();
    if (!above || !below || above.length > LABEL_PIECE_CHARS || /\d/.test(above)) continue;
    // A row below whose cell opens with its own label ("Tiêu chí 1.2") holds a whole code: the
    // label above is another row's, whose code the scan could not read ("Tiêu chí J.t").
    if (readable[i + 1] && OPENS_WITH_LABEL.test(below)) continue;
    const code = readCriterionCode(`${above} ${below}`);
    if (!code || (readable[i + 1] && readable[i + 1]!.code !== code.code)) continue;
    readable[i] = code;
    readable[i + 1] = null;
    joined.add(i + 1);
    i++;
  }
  return joined;
}

/** A criterion cell that opens with the label ("Tiêu chí", "TC"). */
const OPENS_WITH_LABEL = /^(?:ti[eê]u\s*ch[ií]|tc)(?!\p{L})/iu;

/** "Tiêu chí 3.3", "Tiêu chí 33:": a criterion's label and the start of its code. */
const CRITERION_LABEL = /ti[eê]u\s*ch[ií]\s*[.,\-–]?\s*\d+(?:\s*[.,:;]\s*\d+)?/giu;
/** Highest confidence of an item whose criterion cell names several criteria. */
export const MERGED_ROWS_CONFIDENCE = 0.6;

/**
 * Highest confidence of an item whose code no character of the cell gave, only its place
 * (criterion.code_restored), or whose dot only its column vouches for (criterion.dot_restored).
 */
const RESTORED_CODE_CONFIDENCE = 0.8;

/** Highest confidence of a scanned item whose code breaks the order of the codes around it. */
export const OUT_OF_ORDER_CONFIDENCE = 0.6;

/**
 * Plans list criteria in order. On a scan, a code that breaks an ascending run ("1.1" read between
 * 1.3 and 1.5) is a digit misread more often than the school's order: the item says so and is
 * trusted less. When exactly one code fits the gap and the reading differs from it in one digit
 * ("1.1" for 1.4), that code is taken, with the same issue naming both.
 */
function doubtOutOfOrder(drafts: { draft: Draft; code: CriterionCode; standard: number | null }[], issues: ExtractionIssue[]): void {
  // The first code, above one of its standard that it should precede ("1.4" above 1.2): the one
  // code before that one a single misread digit away ("1.1"), if there is exactly one.
  if (drafts.length >= 2 && drafts[0].draft.scanned()) {
    const [first, next] = [drafts[0].code, drafts[1].code];
    if (first.standard === next.standard && codeOrder(first) > codeOrder(next)) {
      const fits = Array.from({ length: codeOrder(next) % 100 - 1 }, (_, k) => `${next.standard}.${k + 1}`).filter((c) => oneCharApart(c, first.code));
      const draft = drafts[0].draft;
      draft.doubt(OUT_OF_ORDER_CONFIDENCE);
      issues.push({
        code: 'criterion.out_of_order',
        severity: 'warning',
        message:
          fits.length === 1
            ? `the criterion cell reads ${first.code} above ${next.code}; taken as ${fits[0]}, the one code that fits (a scan misreads a digit): check it`
            : `the criterion code ${first.code} breaks the order above ${next.code}: check it against the scan`,
        table: draft.first.table,
        row: draft.first.row,
      });
      if (fits.length === 1) drafts[0].code = { ...first, code: fits[0] };
    }
  }
  for (let i = 1; i + 1 < drafts.length; i++) {
    const [previous, current, next] = [drafts[i - 1].code, drafts[i].code, drafts[i + 1].code];
    const draft = drafts[i].draft;
    if (!draft.scanned() || !(codeOrder(previous) < codeOrder(next))) continue;
    if (codeOrder(previous) <= codeOrder(current) && codeOrder(current) <= codeOrder(next)) continue;
    // A digit misread or one added ("3.11" for 3.1): the one code between the neighbours it could be.
    const misreadAs = (code: string) => oneCharApart(code, current.code) || oneCharLess(current.code, code);
    const fits = codesBetween(previous, next).filter(misreadAs);
    const gap = fits.length === 1 ? fits[0] : null;
    draft.doubt(OUT_OF_ORDER_CONFIDENCE);
    issues.push({
      code: 'criterion.out_of_order',
      severity: 'warning',
      message: gap
        ? `the criterion cell reads ${current.code} between ${previous.code} and ${next.code}; taken as ${gap}, the one code that fits (a scan misreads a digit): check it`
        : `the criterion code ${current.code} breaks the order between ${previous.code} and ${next.code}: check it against the scan`,
      table: draft.first.table,
      row: draft.first.row,
    });
    if (gap) {
      const standard = Number(gap.split('.')[0]);
      drafts[i].code = { code: gap, standard, name: current.name };
      drafts[i].standard = standard;
    }
  }
}

/**
 * The codes a plan in order may hold between two codes: the gap within one standard; across a
 * change of standard, the rest of the first (up to x.10, criteria lists being no longer) and the
 * start of the second, so that a reading two codes could explain ("3.3" between 2.2 and 3.2: 2.3
 * or 3.1) is explained by neither.
 */
function codesBetween(previous: CriterionCode, next: CriterionCode): string[] {
  const minor = (c: CriterionCode) => codeOrder(c) % 100;
  const range = (standard: number, from: number, to: number) => Array.from({ length: Math.max(0, to - from + 1) }, (_, k) => `${standard}.${from + k}`);
  if (previous.standard === next.standard) return range(next.standard, minor(previous) + 1, minor(next) - 1);
  return [...range(previous.standard, minor(previous) + 1, 10), ...range(next.standard, 1, minor(next) - 1)];
}

/**
 * Never lose a row silently: a criterion code read in a row of the table (its criterion or TT
 * column, or a cell starting with one) that became no item is an issue, so a reader checks it.
 */
function reportDropped(t: LogicalTable, kept: Set<string | null>, issues: ExtractionIssue[]): void {
  const textCols = new Set(Object.entries(t.columns).filter(([f]) => TEXT_FIELDS.has(f)).map(([, c]) => c));
  const reported = new Set<string>();
  for (const piece of t.pieces) {
    piece.grid.forEach((slots, r) => {
      if (r < piece.skip) return;
      slots.forEach((slot, col) => {
        if (!slot?.origin || textCols.has(col)) return;
        const text = foldedCellText(slot.cell);
        const code = readCriterionCode(col === t.columns.criterion ? text : leadingCode(text));
        if (!code || kept.has(code.code) || reported.has(code.code)) return;
        reported.add(code.code);
        issues.push({
          code: 'item.dropped',
          severity: 'warning',
          message: `criterion ${code.code} appears in a table row but no item was made from it; check the row`,
          table: piece.table.index,
          row: r,
        });
      });
    });
  }
}

/** A cell spanning at least half the row: a heading across the table. */
function spansHalf(cell: GridSlot['cell'], row: BodyRow): boolean {
  return cell.colSpan * 2 >= row.slots.length;
}

/**
 * "Tiêu chí 1.1 (Mức 2)": a level written after the code is the row's level, not part of the name.
 * On a scan the bracketed word may come out with its vowel misread ("(Mực 1)", "(M ựưc 2)"); what
 * is left with no letter or digit ("(" alone) is no name.
 */
function splitLevelFromName(name: string | null, scanned: boolean): { name: string | null; level: number | null } {
  if (!name) return { name, level: null };
  let m = /[(\[-–]?\s*((?:giữ vững\s+|đạt\s+)?mức\s*(?:\d|i{1,3}|iv))\s*[)\]]?\s*$/iu.exec(name);
  let level = m ? parseLevel(m[1]) : null;
  if (level == null && scanned) {
    m = SCANNED_LEVEL.exec(name);
    level = m ? Number(m[1]) : null;
  }
  const rest = m && level != null ? name.slice(0, m.index).replace(/[\s:,.;-]+$/u, '').trim() : name;
  return { name: /[\p{L}\p{N}]/u.test(rest) ? rest : null, level };
}

/** A bracketed level at the end of a scanned name, its "ứ" misread: "(Mực 1)", "(M ựưc 2)", "(Mưc 3". */
const SCANNED_LEVEL = /[([]\s*m\s*[uưúùủũụứừửữự]{1,3}\s*c\s*([1-4])\s*[)\]]?\s*$/iu;

/**
 * The first row of a page whose criterion cell goes on in lower case ("cập giáo dục tiểu học"
 * under "Tiêu chí 5.4: Công tác phổ" at the foot of the page before): the rest of the row the
 * page break cut, not a row without a code.
 */
function continuesNameOverPage(row: BodyRow, previous: BodyRow | undefined, col: number | undefined): boolean {
  if (!previous || row.page == null || previous.page == null || row.page <= previous.page) return false;
  return /^\p{Ll}/u.test(ownText(row, col)?.trim() ?? '');
}

function critHasText(row: BodyRow, col: number | undefined): boolean {
  return ownText(row, col) != null;
}

function rowHasText(row: BodyRow): boolean {
  return row.slots.some((s) => s?.origin && s.cell.lines.some((l) => l.trim()));
}

function finishItem(
  t: LogicalTable,
  draft: Draft,
  code: CriterionCode,
  issues: ExtractionIssue[],
): PlanItem | ReportItem {
  const rowNoText = draft.text('rowNo');
  const rowNo = draft.scanned() ? withoutCode(rowNoText, code) : rowNoText;
  // A scan's speck or stray digit above "Mức 1" in the TT column ("Z / Mức1") hides no level.
  const levelFromRowNo = parseLevel(rowNoText) ?? (draft.scanned() && rowNoText ? parseLevel(rowNoText.replace(/^\S{1,2}\s+(?=m)/iu, '')) : null);
  // A name the page break cut ("Công tác phổ" | "cập giáo dục tiểu học"): read from all its rows.
  const whole = readCriterionCode(draft.text('criterion'));
  const name = whole?.code === code.code && whole.name && whole.name.length > (code.name?.length ?? 0) ? whole.name : code.name;
  const named = splitLevelFromName(name, draft.scanned());
  const level = parseLevel(draft.text('level')) ?? levelFromRowNo ?? named.level;
  const extra: Record<string, string> = {};
  for (const x of t.extra) {
    const text = draft.text(`extra:${x.header}`);
    if (text) extra[x.header] = text;
  }
  const base = {
    standard: code.standard,
    criterion: code.code,
    criterionName: named.name,
    level,
    // "Mức 2" in the TT column is the row's level, not its number; a bare code there is the criterion.
    rowNo: levelFromRowNo != null || (rowNo === rowNoText && rowNoText && CODE_ONLY.test(rowNoText)) ? null : rowNo,
    note: draft.text('note'),
    extra,
    provenance: draft.provenance(t.how),
    confidence: Math.min(checkContinuation(draft, ['criterion', 'rowNo', 'level'], Math.min(itemConfidence(draft, t.scores), t.confidenceCap ?? 1), issues), budgetConfidence(t, draft)),
  };
  if (t.profile.name === 'report') {
    return {
      ...base,
      planned: draft.text('planned'),
      adjusted: draft.text('adjusted'),
      done: draft.text('done'),
      inProgress: draft.text('inProgress'),
      notDone: draft.text('notDone'),
    };
  }
  return { ...base, target: draft.text('target'), solution: draft.text('solution'), support: draft.text('support'), ...plannedFields(t, draft, issues) };
}

/** The roles an owner column names ("tổ trưởng", "tổng phụ trách") with the marks a scan changed put back. */
const restoreOwnerRoles = phraseMarksRestorer(CELL_WORDS.owner);
const mendScannedOwner = scannedOwnerMender(CELL_WORDS.owner);

/** The most an item's amount lets it be trusted when a comma may be lost ({@link commaMayBeLost}). */
export const LOST_COMMA_CONFIDENCE = 0.8;

/** Two or three digits and a unit word, nothing else: "35 tỷ", "25 triệu đồng" (or their marks lost: "35 ty dong"). */
const DIGITS_AND_UNIT = /^\d{2,3}\s*(triệu|trieu|tr\.?|tỷ|tỉ|ty|ti)(?:\s*(?:đồng|dong|đ))?\s*$/iu;

/**
 * A scan's two- or three-digit amount that may be a decimal whose comma the image lost ("3,5"
 * read as "35", ten times too much; a second reading sees the same pixels): bare under a header
 * unit of a million or more, or with "triệu" after it, in a column that writes decimals with a
 * comma elsewhere; or with "tỷ" after it anywhere ("15 tỷ" for one school's item is far more
 * often "1,5 tỷ" than fifteen billion); or whenever the reader found the digits' box too wide for
 * the digits alone (ingest/ocr/digit-pass.ts, widerThanDigits).
 */
function commaMayBeLost(t: LogicalTable, draft: Draft): boolean {
  const text = draft.text('budgetText')?.trim();
  if (draft.cellConfidence() >= 1 || !text) return false;
  // The scan's reader saw bare digits in a box wide enough for a separator as well.
  if (draft.rereads.some((r) => r.field === 'budgetText' && r.separatorLost)) return true;
  if (/^\d{2,3}$/.test(text)) return (budgetHeaderUnit(t) ?? 1) >= 1_000_000 && budgetColumnHasDecimals(t);
  const unit = DIGITS_AND_UNIT.exec(text)?.[1];
  if (!unit) return false;
  return /^t[iy]$/.test(stripAccents(unit)) || budgetColumnHasDecimals(t);
}

/** The confidence an item's amount allows: {@link LOST_COMMA_CONFIDENCE} when a comma may be lost, else 1. */
export function budgetConfidence(t: LogicalTable, draft: Draft): number {
  return commaMayBeLost(t, draft) ? LOST_COMMA_CONFIDENCE : 1;
}

/** Owner, timeline and budget with their normalised forms: shared by criterion rows and tasks. */
export function plannedFields(t: LogicalTable, draft: Draft, issues: ExtractionIssue[]) {
  const read = draft.text('owner');
  // A scan's "Tổ trướng", "Tống phụ trách": the roles of the owner column with their marks back;
  // then its broken and look-alike words mended ("TPC M", "trưởn gCM", "PHI").
  // A comma closing the list ("giáo viên, GVCN,") is a speck: a list ends on its last owner.
  const owner = read != null && draft.cellConfidence() < 1 ? mendScannedOwner(restoreOwnerRoles(read)).replace(/\s*,+$/u, '') : read;
  const readTimeline = draft.text('timeline');
  // A scan's "Quý 11/2020": the quarter's Roman numeral back ("Quý II/2020").
  const timeline = readTimeline != null && draft.scanned() ? tidyScannedTimeline(readTimeline) : readTimeline;
  const readBudget = draft.text('budgetText');
  // A scan's "Chỉ thường xuyên", "đồng: Ngân sách xã": the sources' marks and the ";" back.
  const budgetText = readBudget != null && draft.scanned() ? tidyScannedBudget(readBudget) : readBudget;
  const budget = parseBudget(budgetText, { unitMultiplier: budgetHeaderUnit(t) });
  const time = parseTimeline(timeline);
  const where = { table: draft.first.table, row: draft.first.row };
  if (budget.warning) issues.push({ ...budget.warning, severity: 'warning', field: 'budgetVnd', ...where });
  if (time.warning) issues.push({ ...time.warning, severity: 'warning', field: 'timeline', ...where });
  if (commaMayBeLost(t, draft)) {
    issues.push({
      code: 'budget.comma_doubtful',
      severity: 'info',
      message: `the scan reads "${budgetText}": check that no decimal comma was lost (a "2,5" read as "25" is ten times too much)`,
      field: 'budgetVnd',
      ...where,
    });
  }
  for (const r of draft.rereads) {
    // A separator the reader only suspects is the doubtful comma above, not a second reading.
    if (r.separatorLost) continue;
    const field = r.field === 'budgetText' ? 'budgetVnd' : r.field;
    if (field === 'criterion') {
      issues.push({
        code: 'ocr.code_reread',
        severity: 'warning',
        message: `the scan's criterion cell read "${r.read}"; read again on its own at several sizes it gives "${r.again}", ${r.replaced ? 'which is used' : 'the first reading is kept'}: check it`,
        field,
        ...where,
      });
      continue;
    }
    if (field !== 'budgetVnd' && field !== 'timeline') continue;
    issues.push({
      code: 'ocr.number_disagrees',
      severity: 'warning',
      message: `the scan's number was read as "${r.read}" and, read again digit by digit, as "${r.again}"; ${r.replaced ? 'the second reading is used' : 'the first reading is kept'}: check it`,
      field,
      ...where,
    });
  }
  return {
    owner,
    owners: splitOwners(owner),
    timeline,
    timelineStart: time.start,
    timelineEnd: time.end,
    budgetText,
    budgetVnd: budget.amount,
    fundingSource: budget.fundingSource,
  };
}
