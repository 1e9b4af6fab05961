/**
 * What a table's columns hold, read from their cells: criterion codes, row numbers, levels,
 * amounts of money, periods, people and units, ticks, or running text (led by an action, or by a
 * result). The header's words say what a column is meant to be; this says what it is, so a column
 * whose header is blank, numbered or worded as no table lists can still be read.
 */
import type { GridSlot } from '../layout/layout.js';
import { canonicalVietnamese, parseBudget, parseLevel, parseStandardHeading, parseTimeline, splitOwners, stripAccents } from '../normalize/index.js';
import { dotLostCode, readCriterionCode, type CriterionCode } from './criterion-code.js';
import { anyWordOf, CELL_WORDS } from './wordings.js';
import { cellStandardHeading, foldedCellText } from './cell-text.js';
import { romanOrDigitValue } from '../normalize/roman.js';

/** A column's cells, typed: each share is of the column's filled cells (see the fields). */
export interface ColumnContent {
  col: number;
  /** Rows read (body rows, headings left out) and how many of them have text in this column. */
  rows: number;
  filled: number;
  /** Cells that say "none" ("Không", "-", "0"): neither money nor text, left out of the typed shares. */
  blankish: number;
  code: number;
  rowNo: number;
  level: number;
  /** Reads as an amount or a source of money (parseBudget), of the non-"none" cells. */
  money: number;
  /** Cells that state an amount of money. */
  amounts: number;
  /** Reads as a period (parseTimeline, or words of time only), of the non-"none" cells. */
  time: number;
  /** Reads as a list of roles and units ("Hiệu trưởng, tổ chuyên môn"), of the non-"none" cells. */
  owner: number;
  ticks: number;
  /** Of the cells that are running text: the share led by an action ("Tổ chức …", "Nhà trường sẽ …"). */
  verbLed: number;
  /** Leading words of a report's result columns: "Đã …", "Đang …/Tiếp tục …", "Chưa …/Không". */
  done: number;
  inProgress: number;
  notDone: number;
  /** Cells that say the plan was changed or kept: a report's adjusted column. */
  adjusts: number;
  /** Short cells naming help from outside ("Sự hỗ trợ của …", "Tài liệu, trang thiết bị"), of the non-"none" cells. */
  support: number;
  /** Cells saying what will be done ("Nhà trường sẽ …"), of the filled cells: a plan column. */
  plans: number;
  /** Cells naming a standard ("Tiêu chuẩn 1: …"), of the filled cells: a standard column merged down its rows. */
  standards: number;
  meanWords: number;
  /** Per row read: whether this column has text there other than "none". */
  filledAt: boolean[];
}

/** The kinds a column can be typed as by its cells alone. */
export type ContentKind = 'code' | 'rowNo' | 'level' | 'money' | 'time' | 'owner' | 'ticks' | 'text' | 'empty';

/** A typed share at least this high names the column's kind. */
export const KIND_SHARE = 0.6;
/** At most this many body rows are read: a column says what it is in its first rows. */
const SAMPLE_ROWS = 40;

const OWNER_WORD = anyWordOf(CELL_WORDS.owner);
const ACTION_WORD = anyWordOf(CELL_WORDS.action, '^(?:\S+\s+){0,2}');
const TIME_WORDS = new Set(CELL_WORDS.time.map(stripAccents));
const STRONG_TIME = /(?<![a-z])(?:thang|quy|hoc ky|hk|nam|thuong xuyen|hang|tuan|ngay|giai doan)(?![a-z])/;
const TICKS = new Set(CELL_WORDS.ticks);
const DONE = anyWordOf(CELL_WORDS.done, '^');
const IN_PROGRESS = anyWordOf(CELL_WORDS.inProgress, '^');
const NOT_DONE = anyWordOf(CELL_WORDS.notDone, '^');
const ADJUSTS = anyWordOf(CELL_WORDS.adjusted, '^');
const SUPPORT = anyWordOf(CELL_WORDS.support);
/** A support cell names the help in a few words; a solution that mentions help is longer. */
const SUPPORT_MAX_WORDS = 8;
/**
 * "Cần hỗ trợ", "Đề nghị hỗ trợ": a remark that help is wanted, not the help the plan counts on
 * (a support column names it: "Sự hỗ trợ của Phòng GD&ĐT", "Được đầu tư vốn").
 */
const ASKS_FOR = /^(?:cần|đề nghị|mong|xin)(?![\p{L}])/iu;
const DONE_INSIDE = /(?<![\p{L}])đã (?:hoàn thành|thực hiện|triển khai|có|được)(?![\p{L}])/u;
/** "Các nội dung đang thực hiện đúng tiến độ": the work is under way, said after a subject. */
const IN_PROGRESS_INSIDE = /(?<![\p{L}])đang (?:thực hiện|triển khai|tiến hành)(?![\p{L}])/u;
/** The target restated and marked achieved: "Nhà vệ sinh đạt chuẩn: đạt", "…: Hoàn thành". */
const DONE_AT_END = /:\s*(?:đã\s+)?(?:đạt|hoàn thành)\s*[.;]?\s*$/iu;
/**
 * A criterion column's cell opens with its code ("1.1", "Tiêu chí 2.3: …", "TC 3.2"); a code
 * mentioned inside a sentence ("Viết báo cáo tiêu chí 1.1", "… (Tiêu chí 1.4)") does not make the
 * column one.
 */
// A scan's speck between the label and the code ("Tiêu chí . 5.2") or inside the label ("Tiêu : chí") is no word.
const LEADING_CODE = /^[^a-z0-9]*(?:tieu\s*[-–.,_~:;]?\s*chi|tc)?[\s.,:;]*(?:so\s*)?\d/;

/** The criterion code a cell opens with, if it opens with one. */
export function openingCode(text: string): CriterionCode | null {
  return LEADING_CODE.test(stripAccents(text)) ? readCriterionCode(text) : null;
}

/** Whether a cell opens with a criterion code. */
export function opensWithCode(text: string): boolean {
  return openingCode(text) != null;
}

const ROW_NO = /^\s*(?:\d{1,3}|[ivx]{1,5})\s*[.)]?\s*$/i;
const BLANKISH = /^(?:khong(?: co)?|-+|–|0|\.+)$/;
/**
 * A subject or a time before the action: "Nhà trường sẽ …", "Năm học 2024-2025 thành lập …".
 * Its "sẽ" (will) says on its own that an action follows.
 */
const LEAD_IN =
  /^(?:(?:nhà trường|trường|hiệu trưởng|ban giám hiệu|bgh|tổ chuyên môn|giáo viên|trong năm học|năm học|trong năm|năm)\s*(?:\d{4}\s*[-–]?\s*(?:\d{2,4})?)?\s*)?(sẽ\s+|tiếp tục\s+)?/u;
const CURRENCY = /(?<![a-z])(?:dong|d|vnd|trieu|tr|ty|ti|nghin|ngan)(?![a-z])/;

function wordCount(plain: string): number {
  return plain.match(/[a-z0-9]+/g)?.length ?? 0;
}

interface CellReading {
  blankish: boolean;
  /** States an amount of money (not only its source). */
  amount: boolean;
  code: boolean;
  rowNo: boolean;
  level: boolean;
  money: number;
  time: boolean;
  owner: boolean;
  ticks: boolean;
  verbLed: boolean;
  text: boolean;
  done: boolean;
  inProgress: boolean;
  notDone: boolean;
  /** Opens by saying the plan was changed or kept ("Điều chỉnh …", "Giữ nguyên …"). */
  adjusts: boolean;
  support: boolean;
  /** Says what will be done ("Nhà trường sẽ …"): a plan's words, never a result's. */
  plans: boolean;
  /** Names a standard ("Tiêu chuẩn 1: Tổ chức và quản lý nhà trường"). */
  standard: boolean;
  words: number;
}

const CELL_MEMO = new Map<string, CellReading>();

/** One cell's text typed. Memoised: the same short cells ("Hiệu trưởng", "Không") recur. */
export function readCell(text: string): CellReading {
  let r = CELL_MEMO.get(text);
  if (r) return r;
  const plain = stripAccents(text).trim();
  const words = wordCount(plain);
  const blankish = BLANKISH.test(plain.replace(/[.\s]+$/, ''));
  const code = opensWithCode(text);
  const ticks = TICKS.has(plain);
  const rowNo = !ticks && ROW_NO.test(text);
  const level = parseLevel(text) != null;
  const opening = canonicalVietnamese(text.normalize('NFC')).replace(/^[^\p{L}\p{N}]+/u, '').trim();
  const lead = LEAD_IN.exec(opening)!;
  const rest = opening.slice(lead[0].length);
  const actionLed = lead[1] != null || ACTION_WORD.test(rest);
  const result = { done: DONE.test(opening) || DONE_INSIDE.test(opening.slice(0, 60)) || DONE_AT_END.test(opening), inProgress: IN_PROGRESS.test(opening) || IN_PROGRESS_INSIDE.test(opening.slice(0, 60)), notDone: !blankish && NOT_DONE.test(opening), adjusts: ADJUSTS.test(opening) };
  let time = false;
  let money = 0;
  let amount = false;
  let owner = false;
  if (!blankish && !code && !rowNo && !level && !ticks) {
    const tokens = plain.match(/[a-z0-9]+/g) ?? [];
    const timeShare = tokens.filter((t) => /^\d+$/.test(t) || TIME_WORDS.has(t)).length / Math.max(1, tokens.length);
    const period = parseTimeline(text);
    time = period.start != null || period.end != null ? timeShare >= 0.6 : timeShare >= 0.8 && STRONG_TIME.test(plain);
    const budget = !time && words <= 24 ? parseBudget(text) : null;
    amount = budget?.amount != null && budget.amount > 0 && (budget.amount >= 1000 || CURRENCY.test(plain));
    if (!time && !amount && !actionLed && words <= 30) {
      const parts = splitOwners(text);
      const roles = parts.filter((p) => wordCount(stripAccents(p)) <= 8 && OWNER_WORD.test(canonicalVietnamese(p))).length;
      // Half is enough in a list of short names ("GVƠN, HT": a scan garbled one role of two).
      const shortList = parts.length >= 2 && parts.every((p) => wordCount(stripAccents(p)) <= 2);
      owner = parts.length > 0 && (roles / parts.length >= 0.6 || (shortList && roles * 2 >= parts.length));
    }
    // Naming a source of money alone ("Từ nguồn ngân sách") is weaker evidence than an amount:
    // parents, unions and boards are sources of money and owners alike.
    // "Huy động xã hội hóa" (raising it from the community) is led by an action and names money all the same.
    const raising = actionLed && words <= 5 && MONEY_RAISED.test(plain);
    if (amount) money = 1;
    else if (!owner && (!actionLed || raising) && !result.done && !result.inProgress && !result.notDone && budget?.amount == null && budget?.fundingSource != null && words <= 10) money = 0.6;
  }
  const support = !blankish && words <= SUPPORT_MAX_WORDS && SUPPORT.test(opening) && !ASKS_FOR.test(opening);
  const plans = /^sẽ\s/u.test(lead[1] ?? '');
  const standard = parseStandardHeading(text) != null;
  const text_ = !blankish && !code && !rowNo && !level && !ticks && !time && money === 0 && !owner && words >= 3;
  r = {
    blankish,
    amount,
    code,
    rowNo,
    level,
    money,
    time,
    owner,
    ticks,
    text: text_,
    verbLed: text_ && actionLed,
    ...result,
    support,
    plans,
    standard,
    words,
  };
  if (CELL_MEMO.size > 20_000) CELL_MEMO.clear();
  CELL_MEMO.set(text, r);
  return r;
}

/** A row that is one cell across at least half the table: a standard or section heading, not content. */
export function isHeadingRow(row: readonly (GridSlot | null)[]): boolean {
  let widest = 0;
  let filled = 0;
  const seen = new Set<unknown>();
  for (const slot of row) {
    if (!slot || seen.has(slot.cell)) continue;
    seen.add(slot.cell);
    if (!slot.cell.lines.some((l) => l.trim())) continue;
    filled++;
    widest = Math.max(widest, slot.cell.colSpan);
  }
  return filled > 0 && widest * 2 >= row.length;
}

const NUMBERING = /^\(?\s*\d{1,2}\s*\)?$/;

/** A header cell that only numbers its column ("(7)", "7"). */
export const isColumnNumber = (text: string): boolean => NUMBERING.test(text);

/**
 * Texts of a row that number the columns ("(1)", "(2)", … or "1 2 3 …" counting up): not content.
 * A scan garbles some of them ("(7)" read as "Ơ", "(1)" as "q0"): a row whose texts are mostly
 * "(N)" and otherwise a few characters of noise still numbers the columns.
 */
export function isNumberingTexts(texts: readonly string[]): boolean {
  if (texts.length < 3) return false;
  if (!texts.every((t) => NUMBERING.test(t))) {
    const numbers = texts.filter((t) => NUMBERING.test(t));
    // Fewer than half may survive a bad scan ("u", "O2)", "(3)", "đ)", "(5)", "(6)", "()"): three
    // or more, counting up from left to right among the noise, still number the columns.
    const values = numbers.map((t) => Number(t.replace(/\D/g, '')));
    const countingUp = numbers.length >= 3 && values.every((v, i) => i === 0 || v > values[i - 1]) && values.at(-1)! <= texts.length;
    return (
      (numbers.length >= Math.max(3, 0.5 * texts.length) || countingUp) &&
      numbers.some((t) => /[()]/.test(t)) &&
      // Noise: three characters at most, or a number garbled in its brackets ("(Ga)" for "(1)").
      texts.every((t) => NUMBERING.test(t) || t.trim().length <= 3 || isGarbledNumber(t))
    );
  }
  if (texts.some((t) => t.includes('('))) return true;
  const numbers = texts.map((t) => Number(t.trim()));
  return numbers.every((n, i) => i === 0 || n === numbers[i - 1] + 1);
}

/** A column number a scan garbled: two letters or digits at most, whatever the brackets ("(Ga)", "Ga)" for "(1)"). */
export function isGarbledNumber(text: string): boolean {
  return text.replace(/[^\p{L}\p{N}]/gu, '').length <= 2;
}

/** The standard a heading row names ("TIÊU CHUẨN 1: …" across the table), or null. */
export function headingStandard(row: readonly (GridSlot | null)[], cols: number): number | null {
  const heading = row.find((slot) => slot?.origin && slot.cell.colSpan * 2 >= cols);
  return heading ? (cellStandardHeading(heading.cell)?.standard ?? null) : null;
}

/**
 * Read the columns of the body rows `from` on (headings and numbering rows left out), at most
 * {@link SAMPLE_ROWS} of them.
 */
export function readColumnContents(grid: (GridSlot | null)[][], from: number, cols: number, standardCol: number | null = null): ColumnContent[] {
  const cells: CellReading[][] = Array.from({ length: cols }, () => []);
  const filledAt: boolean[][] = Array.from({ length: cols }, () => []);
  let rows = 0;
  // The standard of the last heading row: under "Tiêu chuẩn 1" a bare "11" is the code 1.1 whose dot a scan lost.
  let standard: number | null = null;
  for (let r = from; r < grid.length && rows < SAMPLE_ROWS; r++) {
    const row = grid[r];
    if (isHeadingRow(row)) {
      standard = headingStandard(row, cols) ?? standard;
      continue;
    }
    const texts: (string | null)[] = row.map((slot) => (slot?.origin && slot.cell.colSpan === 1 ? foldedCellText(slot.cell) : null));
    if (isNumberingTexts(texts.filter((t): t is string => t != null))) continue;
    rows++;
    const besideStandard = standardCol == null ? null : bareStandard(row[standardCol]);
    texts.forEach((text, c) => {
      if (c >= cols) return;
      filledAt[c][rows - 1] = false;
      if (!text) return;
      let reading = readCell(text);
      if (!reading.code && dotLostCode(text, besideStandard ?? standard)) reading = { ...reading, code: true, rowNo: false };
      cells[c].push(reading);
      filledAt[c][rows - 1] = !reading.blankish;
    });
  }
  return cells.map((readings, col) => summarise(col, rows, readings, filledAt[col]));
}

/** A standard column's cell: the bare number of the standard ("3", "III"), merged down its rows or not. */
export function bareStandard(slot: GridSlot | null): number | null {
  const m = slot ? /^\s*([1-5]|i{1,3}|iv|v)\s*[.:]?\s*$/i.exec(slot.cell.lines.join(' ')) : null;
  return m ? romanOrDigitValue(m[1]) : null;
}

function summarise(col: number, rows: number, cells: CellReading[], filledAt: boolean[]): ColumnContent {
  const filled = cells.length;
  const blankish = cells.filter((c) => c.blankish).length;
  const typed = Math.max(1, filled - blankish);
  const share = (pick: (c: CellReading) => number | boolean) => cells.reduce((n, c) => n + Number(pick(c)), 0);
  const texts = cells.filter((c) => c.text);
  return {
    col,
    rows,
    filled,
    blankish,
    code: share((c) => c.code) / Math.max(1, filled),
    rowNo: share((c) => c.rowNo) / Math.max(1, filled),
    level: share((c) => c.level) / Math.max(1, filled),
    money: share((c) => c.money) / typed,
    amounts: share((c) => c.amount),
    time: share((c) => c.time) / typed,
    owner: share((c) => c.owner) / typed,
    ticks: share((c) => c.ticks) / Math.max(1, filled),
    verbLed: texts.length ? texts.filter((c) => c.verbLed).length / texts.length : 0,
    done: share((c) => c.done) / Math.max(1, filled),
    inProgress: share((c) => c.inProgress) / Math.max(1, filled),
    notDone: share((c) => c.notDone) / Math.max(1, filled),
    adjusts: share((c) => c.adjusts) / Math.max(1, filled),
    support: share((c) => c.support) / typed,
    plans: share((c) => c.plans) / Math.max(1, filled),
    standards: share((c) => c.standard) / Math.max(1, filled),
    meanWords: filled ? cells.reduce((n, c) => n + c.words, 0) / filled : 0,
    filledAt,
  };
}

/** A source of money that no owner or action is: the community's contribution, the budget. */
const MONEY_RAISED = /\b(?:xa hoi hoa|ngan sach|kinh phi)\b/;

/** The column's kind: the typed reading most of its cells share, else text (or empty). */
export function kindOf(c: ColumnContent): ContentKind {
  if (c.filled === 0) return 'empty';
  // One cell is not a column's habit: people, periods and money need two cells reading so,
  // unless the table has one row (its one cell is all the column says); an amount with its unit
  // beside "Không" in a table of two rows is the other exception, money being what a "Không"
  // column states most.
  const enough = c.filled - c.blankish >= Math.min(2, c.rows);
  const lone = c.filled >= 2 && c.filled - c.blankish === 1 && c.amounts === 1;
  const typed: [ContentKind, number][] = [
    ['code', c.code],
    ['level', c.level],
    ['rowNo', c.rowNo],
    ['ticks', c.ticks],
    ['money', (enough || lone) && c.amounts > 0 ? c.money : 0],
    ['time', enough ? c.time : 0],
    ['owner', enough ? c.owner : 0],
  ];
  const [kind, share] = typed.reduce((a, b) => (b[1] > a[1] ? b : a));
  return share >= KIND_SHARE ? kind : 'text';
}
