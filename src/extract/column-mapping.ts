/**
 * Which column carries which field: the header's words and the column's cells, weighed together.
 * Where the header decides clearly, its choice stands and the cells only confirm it (or, when
 * they plainly hold something else, raise `column.disagree`); a field the header leaves open is
 * filled from the cells, and says so (`column.by_content`), so a person can add the wording to
 * ./wordings.json. Each field keeps how it was decided: 'header', 'content' or 'both'.
 */
import { headerStatesMoney } from '../normalize/budget.js';
import { foldText } from '../normalize/text.js';
import { isColumnNumber, isGarbledNumber, isNumberingTexts, kindOf, type ColumnContent, type ContentKind } from './column-content.js';
import type { ExtractionIssue } from './contract.js';
import { MATCHER, type TableProfile } from './profiles.js';

/** A header must speak for a field at least this well to name it. */
export const FIELD_THRESHOLD = 0.6;
/** Below this the header says nothing about the field; between the two it supports the cells. */
const HEADER_SUPPORT = 0.3;
/** A header leaning to a typed field this much, over cells reading as it this much, names the column. */
const HEADER_LEANS = 0.45;
const CONTENT_LEANS = 0.4;
const LEANING_FIELDS = new Set(['owner', 'timeline', 'budgetText']);
/** What a stated unit of money gives the budget field: enough to map, less than a wording matched whole. */
const MONEY_UNIT_SCORE = 0.75;
/** A column's cells must share one reading at least this much to contradict its header. */
const CONTRADICTION = 0.8;
/** How far the cells alone are trusted, against a header score, for the item's confidence. */
const CONTENT_TRUST = 0.6;

export type FieldSource = 'header' | 'content' | 'both';

export interface ColumnHeader {
  col: number;
  /** Every header cell text above the column, top to bottom, deduplicated. */
  texts: string[];
  /** The most specific (bottom-most) header text. */
  leaf: string | null;
}

export interface ColumnMapping {
  columns: Record<string, number>;
  /** How sure the mapping is, per field (0–1). */
  scores: Record<string, number>;
  how: Record<string, FieldSource>;
  issues: ExtractionIssue[];
}

/** The field a typed column holds, per kind (each kind is also the name of its share in ColumnContent). */
const FIELD_OF_KIND = {
  code: 'criterion',
  rowNo: 'rowNo',
  level: 'level',
  money: 'budgetText',
  time: 'timeline',
  owner: 'owner',
} as const satisfies Partial<Record<ContentKind, string>>;
type TypedKind = keyof typeof FIELD_OF_KIND;
const KIND_OF_FIELD = new Map(Object.entries(FIELD_OF_KIND).map(([k, f]) => [f as string, k as TypedKind]));
const fieldOfKind = (kind: ContentKind): string | undefined => FIELD_OF_KIND[kind as TypedKind];

/** The share of a column's cells that read as the field's kind (0 for a text field). */
function contentShare(field: string, c: ColumnContent): number {
  const kind = KIND_OF_FIELD.get(field);
  return kind ? c[kind] : 0;
}

const TYPED_FIELDS = new Set<string>(Object.values(FIELD_OF_KIND));

/** The header text of a column, parents first, as one line; null when blank. */
export function headerText(h: ColumnHeader): string | null {
  return foldText(h.texts.join(' '));
}

/**
 * How well the column's header speaks for each field of the profile: the leaf alone, the parent
 * and leaf read together ("Nội dung kế hoạch …" + "Điều chỉnh"), or a parent alone, which speaks
 * for the columns under it only weakly ("Kết quả thực hiện" over three).
 */
const SCORES_MEMO = new Map<string, Map<string, number>>();

export function headerScores(profile: TableProfile, h: ColumnHeader): Map<string, number> {
  if (!h.leaf) return new Map();
  const key = `${profile.name}\u0000${h.texts.join('\u0000')}`;
  let out = SCORES_MEMO.get(key);
  if (!out) {
    out = scoreHeader(profile, h.texts, h.leaf);
    if (SCORES_MEMO.size > 20_000) SCORES_MEMO.clear();
    SCORES_MEMO.set(key, out);
  }
  return out;
}

function scoreHeader(profile: TableProfile, texts: string[], leaf: string): Map<string, number> {
  const out = new Map<string, number>();
  const put = (text: string, weight: number, only?: Set<string>) => {
    for (const s of MATCHER.scores(profile.name, text)) {
      if (!only || only.has(s.field)) out.set(s.field, Math.max(out.get(s.field) ?? 0, weight * s.score));
    }
  };
  put(leaf, 1);
  // A unit of money in the header ("(triệu đồng)") heads a column of amounts, however the words
  // before it read: a scan glues and misreads them ("KPdưựkiên (triệu đông)") more than a unit.
  if (profile.fields.includes('budgetText') && headerStatesMoney(texts.join(' '))) {
    out.set('budgetText', Math.max(out.get('budgetText') ?? 0, MONEY_UNIT_SCORE));
  }
  if (texts.length > 1) {
    // A child that names a field on its own ("Xây dựng đầu năm", "Cần đạt") is the column's own
    // word: the parent then only chooses among the fields the child may mean. A child that does
    // not ("Lý do", "(đồng)") takes its meaning from the parent.
    const decides = [...out.values()].some((v) => v >= FIELD_THRESHOLD);
    const only = decides ? new Set(out.keys()) : undefined;
    put(texts.join(' '), 1, only);
    for (const parent of texts.slice(0, -1)) put(parent, 0.9, only);
  }
  return out;
}

/** Greedy assignment by header alone, best pair first: the mapping before any cell is read. */
export function mapByHeader(profile: TableProfile, headers: ColumnHeader[]): ColumnMapping & { total: number } {
  const pairs: { field: string; col: number; score: number }[] = [];
  for (const h of headers) {
    for (const [field, score] of headerScores(profile, h)) if (score >= FIELD_THRESHOLD) pairs.push({ field, col: h.col, score });
  }
  pairs.sort((a, b) => b.score - a.score || a.col - b.col);
  const columns: Record<string, number> = {};
  const scores: Record<string, number> = {};
  const how: Record<string, FieldSource> = {};
  const taken = new Set<number>();
  for (const { field, col, score } of pairs) {
    if (field in columns || taken.has(col)) continue;
    columns[field] = col;
    scores[field] = score;
    how[field] = 'header';
    taken.add(col);
  }
  const total = Object.values(scores).reduce((a, b) => a + b, 0);
  return { columns, scores, how, issues: [], total };
}

/** Whether the fields found satisfy the profile (its required groups, and enough fields beyond). */
export function satisfies(profile: TableProfile, columns: Record<string, number>): boolean {
  const satisfied = profile.required.every((group) => group.some((f) => f in columns));
  return satisfied && Object.keys(columns).length >= profile.required.length + profile.minFields;
}

/** Whether the cells confirm what the header says the column is. */
function confirms(field: string, c: ColumnContent): boolean {
  if (c.filled === 0) return false;
  if (TYPED_FIELDS.has(field)) return contentShare(field, c) >= 0.5 || (field === 'rowNo' && c.level >= 0.5);
  return kindOf(c) === 'text';
}

/** Fields whose cells may name anything (the people who help, a source, a remark). */
const FREE_FIELDS = new Set(['support', 'note', 'evidence', 'extra']);

/** The kind the cells plainly hold when it is not the header's field, else null. */
function contradiction(field: string, c: ColumnContent): ContentKind | null {
  const kind = kindOf(c);
  const kindField = fieldOfKind(kind);
  if (!kindField || kindField === field || FREE_FIELDS.has(field) || c.filled - c.blankish < 3 || confirms(field, c)) return null;
  // A level written in the TT column ("Mức 2") is read as the row's level: not a contradiction.
  if (field === 'rowNo' && kind === 'level') return null;
  return contentShare(kindField, c) >= CONTRADICTION ? kind : null;
}

interface Context {
  profile: TableProfile;
  headers: ColumnHeader[];
  contents: ColumnContent[];
  /** The column the criterion codes are in, by the cells. */
  codeCol: number | null;
  /** A column of bare standard numbers beside the codes, by the cells (see standardColumnByContent). */
  standardCol?: number | null;
  table: number;
}

/**
 * The header's mapping, checked and completed by the cells: typed fields (criterion, level,
 * owner, timeline, budget, row number) from columns whose cells read as them, then the text
 * fields of the profile (target and solution; a report's planned, adjusted and result columns).
 */
export function mapColumns(ctx: Context): ColumnMapping {
  const { profile, headers, contents } = ctx;
  const m = mapByHeader(profile, headers);
  const issues: ExtractionIssue[] = [];
  const has = (f: string) => profile.fields.includes(f) && !(f in m.columns);
  const taken = () => new Set(Object.values(m.columns));
  const scoreOf = (field: string, col: number) => headerScores(profile, headers[col]).get(field) ?? 0;
  const where = { table: ctx.table };
  const label = (col: number) => {
    const text = headerText(headers[col]);
    return text ? `"${text}"` : '(no header)';
  };
  /** Forget the header's reading of a field. */
  const unmap = (field: string) => {
    delete m.columns[field];
    delete m.scores[field];
    delete m.how[field];
  };
  /** The column of codes is the criterion column, whatever the header says (`why` tells the person what it said). */
  const criterionByCodes = (col: number, why: string) => {
    m.columns.criterion = col;
    m.scores.criterion = CONTENT_TRUST * contents[col].code;
    m.how.criterion = 'content';
    issues.push({
      code: 'column.by_content',
      severity: 'warning',
      message: `column ${col + 1} ${label(col)} is read as criterion from its cells (criterion codes), ${why}`,
      field: 'criterion',
      table: ctx.table,
    });
  };

  // A column the header names the standard ("Tiêu chuẩn, tiêu ch 1": a scan lost the "chí") whose
  // cells are criterion codes is the criterion column: a code says its standard too.
  // So is one beside a column the header took for the criterion ("TC") whose cells are no codes
  // (the standard merged down its rows, "TIÊU CHUẨN 1: …"): the two headers are swapped.
  const standardCol = m.columns.standard;
  const criterionCol = m.columns.criterion;
  const notCodes = criterionCol === undefined || (contents[criterionCol] !== undefined && contents[criterionCol].code < 0.2);
  if (profile.fields.includes('criterion') && notCodes && standardCol !== undefined && contents[standardCol] && kindOf(contents[standardCol]) === 'code') {
    unmap('standard');
    if (criterionCol !== undefined) {
      m.columns.standard = criterionCol;
      m.scores.standard = m.scores.criterion;
      m.how.standard = m.how.criterion;
    }
    criterionByCodes(standardCol, `though its header names the standard${criterionCol !== undefined ? `; column ${criterionCol + 1} ${label(criterionCol)}, whose cells hold no codes, as the standard` : ''}`);
  }

  // Two headers that may name the criterion ("TC", tiêu chí or tiêu chuẩn, beside "Tiêu chí"): the
  // header took the first, whose cells hold no codes ("Tiêu chuẩn 1: …" merged down its rows),
  // while a column it left unclaimed holds them. The codes win; the other column, when its cells
  // name standards, is the standard.
  const claimed = taken();
  const unclaimedCodes = contents.find((c) => c && !claimed.has(c.col) && kindOf(c) === 'code' && scoreOf('criterion', c.col) >= FIELD_THRESHOLD);
  if (profile.fields.includes('criterion') && m.columns.criterion !== undefined && contents[m.columns.criterion]?.code < 0.2 && unclaimedCodes) {
    const before = m.columns.criterion;
    unmap('criterion');
    const standards = profile.fields.includes('standard') && m.columns.standard === undefined && contents[before].standards >= 0.5;
    if (standards) {
      m.columns.standard = before;
      m.scores.standard = CONTENT_TRUST * contents[before].standards;
      m.how.standard = 'content';
    }
    criterionByCodes(unclaimedCodes.col, `not column ${before + 1} ${label(before)}, whose cells hold none${standards ? ' (read as the standard)' : ''}`);
  }

  // The column of codes row after row, which the header took for another field ("TG, tiêu chí":
  // a scan read "TC" as "TG", thời gian) while naming no criterion column: its cells win, and the
  // field its header named is looked for by the cells elsewhere.
  const codeCol = ctx.codeCol;
  const misnamed = codeCol === null ? undefined : Object.keys(m.columns).find((f) => m.columns[f] === codeCol && f !== 'criterion');
  if (profile.fields.includes('criterion') && m.columns.criterion === undefined && codeCol !== null && misnamed && contents[codeCol] && contradiction(misnamed, contents[codeCol]) === 'code') {
    unmap(misnamed);
    criterionByCodes(codeCol, `though its header names ${misnamed}`);
  }

  for (const [field, col] of Object.entries(m.columns)) {
    const c = contents[col];
    if (!c) continue;
    if (confirms(field, c)) m.how[field] = 'both';
    const other = contradiction(field, c);
    if (other) {
      issues.push({
        code: 'column.disagree',
        severity: 'warning',
        message: `column ${col + 1} ${label(col)} is read as ${field} by its header, but its cells read as ${fieldOfKind(other)}; the header's reading is kept`,
        field,
        ...where,
      });
    }
  }

  // A typed field whose header's column is empty while another column's cells plainly hold it
  // (a scan's "(1)" read as "đ)", the unit, over an empty TT column; the amounts in column 6):
  // the header gives way, and the cells' column is read as the field below.
  for (const [field, col] of Object.entries(m.columns)) {
    if (!TYPED_FIELDS.has(field) || contents[col]?.filled !== 0) continue;
    const used = taken();
    const plain = contents.some((o) => o && !used.has(o.col) && fieldOfKind(kindOf(o)) === field && contentShare(field, o) >= 0.5);
    if (plain) unmap(field);
  }

  const assignByContent = (field: string, col: number, share: number) => {
    const header = scoreOf(field, col);
    m.columns[field] = col;
    if (header >= HEADER_SUPPORT) {
      m.how[field] = 'both';
      m.scores[field] = Math.max(header, CONTENT_TRUST * share);
    } else {
      m.how[field] = 'content';
      m.scores[field] = CONTENT_TRUST * share;
      issues.push({
        code: 'column.by_content',
        severity: 'warning',
        message: `column ${col + 1} ${label(col)} is read as ${field} from its cells; if the header names it, add the wording to src/extract/wordings.json`,
        field,
        ...where,
      });
    }
  };

  // Typed fields, most distinctive first.
  for (const field of ['criterion', 'level', 'budgetText', 'timeline', 'owner', 'rowNo']) {
    if (!has(field)) continue;
    const used = taken();
    let best: { col: number; share: number } | null = null;
    for (const c of contents) {
      if (used.has(c.col) || fieldOfKind(kindOf(c)) !== field) continue;
      const share = contentShare(field, c);
      if (field === 'criterion' && ctx.codeCol !== null && c.col !== ctx.codeCol) continue;
      // Numbers that are the standards of the codes beside them, some merged down several rows
      // ("1" over 1.1 and 1.5, "2" over 2.2 and 2.3): the standard column, not the TT.
      if (field === 'rowNo' && c.col === ctx.standardCol && c.filled < c.rows) continue;
      if (!best || rank(field, c, share) > rank(field, contents[best.col], best.share)) best = { col: c.col, share };
    }
    // The column the table was recognised by (codes opening row after row) is the criterion
    // column even when noise rows (a header repeated after a page break, a row cut in two) keep
    // its share of codes too low for the column to read as codes on its own.
    if (!best && field === 'criterion' && ctx.codeCol !== null && !used.has(ctx.codeCol)) {
      const share = contentShare(field, contents[ctx.codeCol]);
      if (share >= 0.5) best = { col: ctx.codeCol, share };
    }
    // A header half-read (a scan's "Ngư Ơi/bO hạ thực hiện") that leans to the field above all
    // others, over cells that half read as it (words a narrow column broke: "UBN" / "Dxã"):
    // the two halves agree, where neither alone would name the column.
    if (!best && LEANING_FIELDS.has(field)) {
      for (const c of contents) {
        if (used.has(c.col) || kindOf(c) !== 'text') continue;
        const share = contentShare(field, c);
        const leading = leadingField(headerScores(profile, headers[c.col]));
        if (leading?.[0] !== field || leading[1] < HEADER_LEANS || share < CONTENT_LEANS) continue;
        if (!best || share > best.share) best = { col: c.col, share };
      }
    }
    if (best) assignByContent(field, best.col, best.share);
  }

  if (has('standard') && ctx.standardCol != null && !taken().has(ctx.standardCol)) assignByContent('standard', ctx.standardCol, 1);
  // A column left of the codes half of whose cells name a standard ("TIÊU CHUẨN 5: …", the rest
  // a name carried over a page break) is the standard column merged down its rows, not remarks.
  if (has('standard') && ctx.codeCol !== null) {
    const named = contents.find((c) => c && c.col < ctx.codeCol! && !taken().has(c.col) && c.standards >= STANDARD_SHARE);
    if (named) assignByContent('standard', named.col, named.standards);
  }

  if (has('support')) supportByContent(ctx, taken(), assignByContent);
  if (profile.name === 'plan' || profile.name === 'tasks') planTextFields(ctx, m, has, taken, scoreOf, assignByContent);
  if (profile.name === 'report') reportTextFields(ctx, m, has, taken, assignByContent);
  if (has('note')) noteByPlace(ctx, m, assignByContent);

  m.issues.push(...issues);
  return m;
}

type Assign = (field: string, col: number, share: number) => void;

/** The field a header's words lean to most, with its score; null when they lean nowhere. */
function leadingField(scores: Map<string, number>): [string, number] | null {
  return [...scores].reduce<[string, number] | null>((a, b) => (!a || b[1] > a[1] ? b : a), null);
}

/** Most letters of a garbled "Ghi chú" (it has six). */
const GARBLED_NOTE_LETTERS = 8;

/** Fields claimed before the last column may be taken for the remarks by its place. */
const NOTE_AFTER_FIELDS = 3;

/**
 * The last column of a table whose header says nothing (blank, or only its number) or leans to the note (a scan's "Gh 1 chu"), right of every column the other fields
 * took, holding short remarks rather than typed values: the form's "Ghi chú". Taken as the note
 * (with `column.by_content`), not kept as "(cột N)" under extra, where no note filter finds it.
 */
function noteByPlace(ctx: Context, m: ColumnMapping, assign: Assign) {
  const claimed = Object.values(m.columns);
  if (claimed.length < NOTE_AFTER_FIELDS) return;
  // The left-over column of a headerless table half of whose cells read as a typed field no column
  // took ("Thường xuyên" over a cell the scan garbled): that field, not the remarks.
  const leftOver = leftOverColumn(ctx, claimed);
  const leftContent = leftOver ? ctx.contents[leftOver.col] : undefined;
  if (leftOver && leftContent) {
    const unclaimed = [...TYPED_FIELDS].filter((f) => ctx.profile.fields.includes(f) && m.columns[f] === undefined);
    const typed = unclaimed.map((f) => [f, contentShare(f, leftContent)] as const).sort((a, b) => b[1] - a[1])[0];
    if (typed && typed[1] >= CONTENT_LEANS) {
      assign(typed[0], leftOver.col, typed[1]);
      return;
    }
    // Or whose cells ask for help ("Sự hỗ trợ của Phòng GD&ĐT" beside "Không"): the support
    // column, however few its cells (supportByContent wants two).
    if (ctx.profile.fields.includes('support') && m.columns.support === undefined && leftContent.filled > leftContent.blankish && leftContent.support >= SUPPORT_SHARE) {
      assign('support', leftOver.col, leftContent.support);
      return;
    }
  }
  // The left-over column wherever it stands, else the last column, right of every claimed one.
  const last = leftOver ?? ctx.headers.reduce((a, b) => (b.col > a.col ? b : a), ctx.headers[0]);
  const c = ctx.contents[last?.col ?? -1];
  if (!last || !c || claimed.includes(last.col) || (!leftOver && last.col < Math.max(...claimed))) return;
  const header = headerText(last);
  // A short header a scan garbled ("Gh 1 chu" for "Ghi chú") still leans to the note, if weakly;
  // a longer one that only leans there ("Ý kiến phê duyệt") says what else it is.
  const leansToNote = () => {
    if ((header?.match(/\p{L}/gu)?.length ?? 0) > GARBLED_NOTE_LETTERS) return false;
    const best = leadingField(headerScores(ctx.profile, last));
    return best?.[0] === 'note' && best[1] >= HEADER_SUPPORT;
  };
  if (header && !isColumnNumber(header) && !leansToNote()) return;
  const kind = kindOf(c);
  if (c.filled - c.blankish < 1 || fieldOfKind(kind) || kind === 'ticks') return;
  assign('note', last.col, 1);
}

/**
 * In a plan or report whose header says nothing anywhere, the one column left when every other
 * column has been placed by its cells: the remarks, wherever the school put them ("Tiếp tục duy
 * trì", "Theo lộ trình" between the criterion and the solution; "Ưu tiên thực hiện" before the results).
 */
function leftOverColumn(ctx: Context, claimed: number[]): ColumnHeader | null {
  if (ctx.profile.name !== 'plan' && ctx.profile.name !== 'report') return null;
  // An empty column (a TT column whose numbers stand beside the headings only) is no remark.
  const left = ctx.headers.filter((h) => !claimed.includes(h.col) && (ctx.contents[h.col]?.filled ?? 0) > 0);
  const texts = ctx.headers.map(headerText).filter((t): t is string => t !== null);
  // Blank or numbers only ("(1)", "(2)", … some garbled by a scan: "Ga)").
  const noise = (t: string) => isColumnNumber(t) || isGarbledNumber(t);
  if (left.length !== 1 || !(texts.every(noise) || isNumberingTexts(texts))) return null;
  return left[0];
}

/**
 * How strongly a column reads as the field, to choose between columns of one kind. Row numbers
 * weigh by how many rows hold one too: a TT column numbers every row, a standard column merged
 * down its criteria ("1", "2" over several rows each) only a few, and a scan's noise ("11.4" for
 * "11") must not hand the TT to the standard numbers.
 */
function rank(field: string, c: ColumnContent, share: number): number {
  return field === 'rowNo' ? share * ((c.filled - c.blankish) / Math.max(1, c.rows)) : share;
}

/** Share of a column's filled cells that must name a standard for it to be the standard column. */
const STANDARD_SHARE = 0.5;

/** Share of a column's cells that must name outside help for it to be read as support. */
const SUPPORT_SHARE = 0.6;

/**
 * A column of short cells naming help from outside ("Sự hỗ trợ của Phòng GD&ĐT", "Được đầu tư
 * vốn", "Tài liệu, trang thiết bị") under a header that says nothing: the form's "Điều kiện hỗ trợ
 * khác". Read as support before target and solution are chosen from the text columns, so it is
 * not taken for a solution (its cells are led by "Phối hợp …") or for the remarks by its place.
 */
function supportByContent(ctx: Context, taken: Set<number>, assign: Assign) {
  let best: ColumnContent | null = null;
  for (const c of ctx.contents) {
    if (!c || taken.has(c.col) || c.col === ctx.codeCol) continue;
    const kind = kindOf(c);
    if ((kind !== 'text' && kind !== 'owner') || c.filled - c.blankish < Math.min(2, c.rows) || c.support < SUPPORT_SHARE) continue;
    if (!best || c.support > best.support) best = c;
  }
  if (best) assign('support', best.col, best.support);
}

/** Text columns (or columns of `kinds`) not yet claimed, right of the criterion column (or left of it), left to right. */
function freeTextColumns(ctx: Context, taken: Set<number>, kinds: readonly ContentKind[] = ['text'], side: 'right' | 'left' = 'right'): ColumnContent[] {
  const onSide = (col: number) => ctx.codeCol === null || (side === 'right' ? col > ctx.codeCol : col < ctx.codeCol);
  return ctx.contents.filter((c) => !taken.has(c.col) && c.col !== ctx.codeCol && onSide(c.col) && kinds.includes(kindOf(c)));
}

/**
 * The result triple among `texts`; when they are fewer than three (a report of one or two rows
 * leaves result columns empty), among `texts` and the empty columns (`withEmpty`), provided one
 * of the three opens with a result's words ("Đang …", "Chưa …"): empty columns alone say nothing.
 */
export function findResultColumns(texts: ColumnContent[], withEmpty: ColumnContent[]): ReturnType<typeof findResultTriple> {
  const byText = texts.length >= 3 ? findResultTriple(texts) : null;
  const triple = findResultTriple(withEmpty);
  const cued = triple?.cols.some((col) => {
    const c = withEmpty.find((x) => x.col === col)!;
    return c.done + c.inProgress + c.notDone > 0;
  });
  const byEmpty = cued ? triple : null;
  // Three text columns apart ("Tiếp tục …" planned, "Giữ nguyên …", and "Chưa …" past two empty
  // columns) read as results only on weak cues; the empty columns beside the cued one, one
  // filled in each row, say better where the results are. Only a better score wins over the texts.
  if (!byText || !byEmpty) return byText ?? byEmpty;
  // Equal cues: the triple whose rows fill one column each is the results ("Tiếp tục …" planned
  // beside "Hoàn thành …" and "Chưa …" fills two of three in every row).
  if (byEmpty.score === byText.score) return byEmpty.pattern > byText.pattern ? byEmpty : byText;
  return byEmpty.score > byText.score ? byEmpty : byText;
}

/**
 * Target and solution from the text columns: the longest texts; the more action-led of the two is
 * the solution, the other the target (what is to be achieved). When the cells do not tell them
 * apart, the header's leaning decides, then the order of the plan form (target first).
 */
function planTextFields(
  ctx: Context,
  m: ColumnMapping,
  has: (f: string) => boolean,
  taken: () => Set<number>,
  scoreOf: (field: string, col: number) => number,
  assign: Assign,
) {
  const missing = ['target', 'solution'].filter(has);
  if (missing.length === 0 || ctx.profile.name === 'tasks') return;
  // The plan form puts the target before the solution: the one the header named fixes the side
  // the other is on, so a note column at the far right ("Gh hú khác" as OCR read "Ghi chú khác")
  // is not taken for a target because its cells are sentences.
  const side = (col: number) =>
    missing.length === 2 || (missing[0] === 'target' ? col < m.columns.solution : col > m.columns.target);
  // Text right of the codes, as the form has it; where there is none (a numbered header over
  // columns in another order, the codes last but one), the text columns left of them.
  const right = freeTextColumns(ctx, taken());
  const long = (cs: ColumnContent[]) => cs.filter((c) => c.meanWords >= 3).length;
  // Both sides when the right holds fewer long-text columns than fields to fill (a header of
  // numbers over shuffled columns: the target left of the codes, the solution right of them).
  const left = ctx.codeCol === null ? [] : freeTextColumns(ctx, taken(), ['text'], 'left').filter((c) => c.standards < 0.5);
  const pool = long(right) >= missing.length || ctx.codeCol === null ? right : long(right) > 0 ? [...left, ...right] : left;
  const candidates = pool
    .filter((c) => side(c.col))
    .filter((c) => c.meanWords >= 3 && c.filled * 3 >= c.rows)
    .sort((a, b) => b.meanWords - a.meanWords)
    .slice(0, missing.length)
    .sort((a, b) => a.col - b.col);
  if (candidates.length === 0) return;
  if (missing.length === 1) {
    assign(missing[0], candidates[0].col, 1);
    return;
  }
  if (candidates.length === 1) {
    const c = candidates[0];
    const lean = scoreOf('solution', c.col) - scoreOf('target', c.col);
    assign(lean > 0 || (lean === 0 && c.verbLed >= 0.5) ? 'solution' : 'target', c.col, 1);
    return;
  }
  const [a, b] = candidates;
  const headerLean = scoreOf('solution', b.col) - scoreOf('target', b.col) - (scoreOf('solution', a.col) - scoreOf('target', a.col));
  // Right of a long column, a column of a few words each ("Tiếp tục duy trì", "Theo lộ trình")
  // under a header that says nothing is the remarks, not a target: the form puts the target
  // before the solution, and says in a sentence what is to be achieved.
  if (Math.abs(headerLean) < 0.2 && b.meanWords <= REMARK_WORDS && a.meanWords >= SOLUTION_LENGTH * REMARK_WORDS) {
    const lean = scoreOf('solution', a.col) - scoreOf('target', a.col);
    assign(lean > 0 || (lean === 0 && a.verbLed >= 0.5) ? 'solution' : 'target', a.col, 1);
    return;
  }
  let solutionFirst: boolean;
  if (Math.abs(headerLean) >= 0.2) solutionFirst = headerLean < 0;
  else if (Math.abs(a.verbLed - b.verbLed) >= 0.3) solutionFirst = a.verbLed > b.verbLed;
  // Neither leads with actions clearly: a solution runs to sentences where a target is a phrase,
  // so a left column twice as long as the right one, and no less action-led, is the solution.
  else solutionFirst = a.meanWords >= SOLUTION_LENGTH * b.meanWords && a.verbLed >= b.verbLed;
  assign('target', (solutionFirst ? b : a).col, 1);
  assign('solution', (solutionFirst ? a : b).col, 1);
}

/** How many times longer than the target column the solution column runs, to be told by its length. */
const SOLUTION_LENGTH = 2;

/** Mean words per cell at or under which a column right of the long texts reads as remarks. */
const REMARK_WORDS = 4;

const RESULT_FIELDS = ['done', 'inProgress', 'notDone'] as const;

/** The most a triple with one filled column scores by its rows' pattern (the least that passes). */
const ONE_COLUMN_PATTERN = 0.5;
const PERMUTATIONS: number[][] = [
  [0, 1, 2],
  [0, 2, 1],
  [1, 0, 2],
  [1, 2, 0],
  [2, 0, 1],
  [2, 1, 0],
];

/**
 * A report's three result columns among the text columns: in each row mostly one of the three is
 * filled, or their cells open with "Đã …", "Đang …" and "Chưa …". Returns the columns in
 * done, in-progress, not-done order, or null.
 */
export function findResultTriple(candidates: ColumnContent[]): { cols: [number, number, number]; score: number; pattern: number } | null {
  let best: { cols: [number, number, number]; score: number; pattern: number; cue: number } | null = null;
  for (let i = 0; i + 2 < candidates.length; i++) {
    const three = candidates.slice(i, i + 3);
    // Rows filling one column each say the three are results when the rows fill different ones;
    // one column filled in several rows beside two empty ones ("Đang …" twice, "không" and
    // nothing) says it no more than any column does: enough to pass, not to win over three that
    // take turns. (A one-row report shows no turns at all: there one filled column counts.)
    const filledCols = three.filter((c) => c.filledAt.some(Boolean)).length;
    const usedRows = new Set(three.flatMap((c) => c.filledAt.flatMap((filled, r) => (filled ? [r] : [])))).size;
    const pattern = filledCols >= 2 || usedRows < 2 ? onlyOneFilled(three) : Math.min(onlyOneFilled(three), ONE_COLUMN_PATTERN);
    let cue = { perm: PERMUTATIONS[0], score: 0 };
    for (const perm of PERMUTATIONS) {
      const score = RESULT_FIELDS.reduce((s, f, k) => s + three[perm[k]][f], 0) / 3;
      if (score > cue.score + 0.05) cue = { perm, score };
    }
    // Read as results by their words alone (the rows do not fill one column each), every column
    // must say its result often enough, or say nothing: a remarks column with one "Đã có kế hoạch
    // chi tiết" among "Theo lộ trình" is no "done" column of a report that has none.
    const weak = pattern < 0.5 && RESULT_FIELDS.some((f, k) => three[cue.perm[k]].filled > three[cue.perm[k]].blankish && three[cue.perm[k]][f] < RESULT_CUE);
    const score = weak ? pattern : Math.max(pattern, cue.score);
    // Of equal scores, the better cued triple, then the rightmost: the result columns come last
    // in the report form (but an empty note column after them is not a result).
    if (score >= 0.5 && (!best || score > best.score || (score === best.score && cue.score >= best.cue))) {
      // Weak cues order the three too when every filled column of them is cued (the others empty).
      const onlyCuedFilled = three.filter((c) => c.filled > c.blankish).every((c) => c.done + c.inProgress + c.notDone > 0);
      const order = cue.score >= 0.4 || (cue.score > 0 && onlyCuedFilled) ? cue.perm : PERMUTATIONS[0];
      // A filled column none of whose cells says its result is that result by its place alone:
      // the place the form gives it (done, in progress, not done). Moved elsewhere by the cues of
      // the other two, nothing says it is a result ("Ưu tiên thực hiện" after "Chưa …": a remark).
      if (order.some((k, at) => k !== at && three[k].filled > three[k].blankish && three[k][RESULT_FIELDS[at]] === 0)) continue;
      best = { cols: order.map((k) => three[k].col) as [number, number, number], score, pattern, cue: cue.score };
    }
  }
  return best;
}

/**
 * A report with two result columns: of three text columns, one filled in every row ("Tiếp tục …",
 * the plan each row carries) beside two filled in turn, one per row, each opening with one
 * result's words ("Đã …", "Chưa …"). The two are those results; the full column is left for the
 * plan. Null when the three do not fall so.
 */
function resultsBesidePlan(cols: readonly number[], contents: readonly (ColumnContent | undefined)[]): [string, number][] | null {
  const three = cols.map((c) => contents[c]);
  if (three.some((c) => !c)) return null;
  const rows = Math.max(...three.map((c) => c!.filledAt.length));
  const used = Array.from({ length: rows }, (_, r) => r).filter((r) => three.some((c) => c!.filledAt[r]));
  if (used.length < 2) return null;
  const full = three.filter((c) => used.every((r) => c!.filledAt[r]));
  if (full.length !== 1) return null;
  const [a, b] = three.filter((c) => c !== full[0]) as ColumnContent[];
  if (!used.every((r) => a.filledAt[r] !== b.filledAt[r])) return null;
  const cue = (c: ColumnContent) => RESULT_FIELDS.reduce<(typeof RESULT_FIELDS)[number]>((best, f) => (c[f] > c[best] ? f : best), 'done');
  const [fa, fb] = [cue(a), cue(b)];
  if (fa === fb || a[fa] < RESULT_CUE || b[fb] < RESULT_CUE) return null;
  return [
    [fa, a.col],
    [fb, b.col],
  ];
}

/** Of the rows with any of the three filled, the share with exactly one ("không" counts as empty). */
function onlyOneFilled(three: ColumnContent[]): number {
  const rows = Math.max(...three.map((c) => c.filledAt.length));
  let any = 0;
  let one = 0;
  for (let r = 0; r < rows; r++) {
    const n = three.filter((c) => c.filledAt[r]).length;
    if (n > 0) any++;
    if (n === 1) one++;
  }
  return any === 0 ? 0 : one / any;
}

/** A report's result triple, then its planned and adjusted columns (the text columns before it). */
function reportTextFields(ctx: Context, m: ColumnMapping, has: (f: string) => boolean, taken: () => Set<number>, assign: Assign) {
  // Columns that say what will be done ("Nhà trường sẽ …") or how the plan was changed hold the
  // plan, wherever they stand: never results, though "Tiếp tục …" reads like work under way.
  const planLike = (c: ColumnContent) => c.plans >= PLAN_SHARE || c.adjusts >= PLAN_SHARE;
  const notPlan = (cs: ColumnContent[]) => cs.filter((c) => !planLike(c));
  if (RESULT_FIELDS.every(has)) {
    const triple = findResultColumns(notPlan(freeTextColumns(ctx, taken())), notPlan(freeTextColumns(ctx, taken(), ['text', 'empty'])));
    const pair = triple ? resultsBesidePlan(triple.cols, ctx.contents) : null;
    if (pair) for (const [field, col] of pair) assign(field, col, triple!.score);
    else if (triple) RESULT_FIELDS.forEach((f, k) => assign(f, triple.cols[k], triple.score));
    else resultsByCue(ctx, has, () => new Set([...taken(), ...freeTextColumns(ctx, taken()).filter(planLike).map((c) => c.col)]), assign);
  } else {
    completeResultGroup(ctx, m, has, taken, assign);
  }
  const firstResult = Math.min(...RESULT_FIELDS.filter((f) => f in m.columns).map((f) => m.columns[f]));
  // A column left of the codes counts when its cells plainly hold the plan ("Nhà trường sẽ …"):
  // a report whose columns run in another order puts it there.
  const free = [...freeTextColumns(ctx, taken(), ['text'], 'left').filter(planLike), ...freeTextColumns(ctx, taken())];
  // The plan columns stand before the results in the form; a table in another order shows them by their words.
  const before = free.some((c) => c.col < firstResult && c.meanWords >= 3) ? free.filter((c) => c.col < firstResult && c.meanWords >= 3) : free.filter(planLike);
  const missing = ['planned', 'adjusted'].filter(has);
  if (missing.length === 2 && before.length >= 2) {
    const [a, b] = before.slice(-2);
    // The form's order (planned, then adjusted) unless the cells say the other way round.
    const swapped = a.adjusts >= PLAN_SHARE && a.adjusts > b.adjusts && b.plans >= a.plans;
    assign('planned', (swapped ? b : a).col, 1);
    assign('adjusted', (swapped ? a : b).col, 1);
  } else if (missing.length > 0 && before.length >= 1) {
    // One column for two fields: its cells say which ("Giữ nguyên …", "Điều chỉnh …" are adjustments:
    // a plan as first written does not say it keeps or changes itself, so half its cells, or two
    // cells and a third of them, are enough).
    const last = before.at(-1)!;
    const adjusting = last.adjusts >= 0.5 || (last.adjusts >= ADJUSTS_SHARE && Math.round(last.adjusts * last.filled) >= 2);
    const field = missing.length === 2 && adjusting ? 'adjusted' : missing[0];
    // Every item of a report was planned: a column filled in fewer than half its rows, with no
    // word of adjusting, is a remark beside the plan ("Ưu tiên thực hiện"), not the plan.
    if (field === 'planned' && last.filled * 2 < last.rows) return;
    assign(field, last.col, 1);
  }
  // The adjusted plan in a table of another order stands after a result column; its cells keep or
  // change the plan ("Giữ nguyên nội dung kế hoạch"), more often than they say what will be done.
  // One such column only: of two, nothing says which is the plan and which a remark.
  if (has('adjusted') && !has('planned')) {
    const adjusting = freeTextColumns(ctx, taken()).filter((c) => c.col > firstResult && c.adjusts >= PLAN_SHARE && c.adjusts > c.plans);
    if (adjusting.length === 1) assign('adjusted', adjusting[0].col, 1);
  }
}

/** Cells of a lone plan-content column that speak of adjusting it, for it to be the adjusted one. */
const ADJUSTS_SHARE = 0.3;

/** A result column's cells must open with its words ("Đang …") at least this often to be taken by them. */
const RESULT_CUE = 0.3;

/** Share of a column's cells that say what will be done, or how the plan changed, for it to be a plan column. */
const PLAN_SHARE = 0.3;

/**
 * The column among `columns` whose cells open with the words of `field` ("Đã …", "Đang …",
 * "Chưa …") most often, at least {@link RESULT_CUE} and more than with another result's words.
 */
function cuedColumn(field: (typeof RESULT_FIELDS)[number], columns: readonly ColumnContent[]): ColumnContent | null {
  const others = RESULT_FIELDS.filter((f) => f !== field);
  let best: ColumnContent | null = null;
  for (const c of columns) {
    if (c[field] < RESULT_CUE || others.some((f) => c[f] > c[field])) continue;
    if (!best || c[field] > best[field]) best = c;
  }
  return best;
}

/**
 * Each result field in the column whose cells open with its words, when no three columns read
 * as the results together (a report that has two of the three, the others missing from its table).
 */
function resultsByCue(ctx: Context, has: (f: string) => boolean, taken: () => Set<number>, assign: Assign) {
  for (const field of RESULT_FIELDS.filter(has)) {
    // Right of the codes, as the form has them; else left of them (a table in another order).
    const best = cuedColumn(field, freeTextColumns(ctx, taken())) ?? cuedColumn(field, freeTextColumns(ctx, taken(), ['text'], 'left'));
    if (best) assign(field, best.col, best[field]);
  }
}

/**
 * Result columns the header left open when it named the others ("Việc dang dở" beside "Đã hoàn
 * thành" and "Chưa thực hiện"): a free text column that sits with the named ones (the three are
 * side by side) and whose cells open with the missing field's words. Position alone is not
 * enough: a report may have only two result columns, with an unnamed one beside them.
 */
function completeResultGroup(ctx: Context, m: ColumnMapping, has: (f: string) => boolean, taken: () => Set<number>, assign: Assign) {
  const named = RESULT_FIELDS.filter((f) => f in m.columns).map((f) => m.columns[f]);
  if (named.length === 0) return;
  for (const field of RESULT_FIELDS.filter(has)) {
    const group = RESULT_FIELDS.filter((f) => f in m.columns).map((f) => m.columns[f]);
    const fits = (col: number) => Math.max(col, ...group) - Math.min(col, ...group) <= RESULT_FIELDS.length - 1;
    const best = cuedColumn(field, freeTextColumns(ctx, taken()).filter((c) => fits(c.col)));
    if (best) assign(field, best.col, best[field]);
  }
}
