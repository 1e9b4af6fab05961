/**
 * Whether two stored documents are one plan (or report) kept twice: a school sends the DOCX and
 * also a PDF or a scan of it, the bytes differ, so both are stored, and summing both counts every
 * đồng twice. Pure: facts and items in, a verdict out, so the rule is tested with plain data and
 * the pipeline only fetches and records.
 *
 * Two documents are copies when they agree on what makes a plan itself — kind, form, circular,
 * school year, school — and item by item: the same criterion code (2018 form) or task number
 * (2026 form), the same budget, and text that differs by no more than OCR does. OCR turns
 * "Chi bộ" into "Chỉ bộ" and "kế hoạch" into "kếhoạch.", so text is compared without accents,
 * spaces and punctuation, and with {@link COPY_SIMILARITY} of its letters the same.
 *
 * The decision is made when an extraction is stored and kept while a re-extraction changes
 * nothing, so a change to this rule bumps RULES_REVISION (./rules-version.ts) for
 * `khcl reextract --rules-before` to apply it to stored documents.
 */
import { createHash } from 'node:crypto';
import { stripAccents } from '../normalize/text.js';
import type { Form, Item, Kind } from './contract.js';
import { withinEdits } from './header-match.js';

/**
 * The share of letters (1 − edit distance / length) two items' folded texts must have in common.
 * The fixtures' OCR copies come out at 0.996 or more against the DOCX; a rewritten sentence or a
 * different plan is far below.
 */
export const COPY_SIMILARITY = 0.9;

/** What the decision reads of a stored document. */
export interface CopyCandidate {
  id: number;
  /** The reader's format (`docx`, `doc`, `pdf`, `scan`, `image`): which copy is the original. */
  format: string | null;
  kind: Kind | null;
  form: Form | null;
  circular: string | null;
  schoolYear: string | null;
  school: string | null;
  items: readonly Item[];
}

/** Why two documents are not copies; `null` when they are. */
export type CopyDifference = 'kind' | 'form' | 'circular' | 'school-year' | 'school' | 'no-items' | 'item-count' | 'item-key' | 'budget' | 'text';

/** Letters and digits only, no accents, lower case: what survives OCR of the same words. */
export function copyText(value: string): string {
  return stripAccents(value.normalize('NFC')).replace(/[^\p{L}\p{N}]+/gu, '');
}

const SCHOOLS = new Map<string, { letters: string; numbers: string }>();

/** A school name folded for comparing, memoised: a school year's names are compared again and again. */
function schoolKey(name: string): { letters: string; numbers: string } {
  let key = SCHOOLS.get(name);
  if (!key) {
    const letters = copyText(name);
    key = { letters, numbers: letters.replace(/\D+/g, ' ').trim() };
    if (SCHOOLS.size > 20_000) SCHOOLS.clear();
    SCHOOLS.set(name, key);
  }
  return key;
}

/** Whether two texts are the same up to OCR noise (both folded by {@link copyText}). */
export function similarText(a: string, b: string, threshold = COPY_SIMILARITY): boolean {
  if (a === b) return true;
  const longest = Math.max(a.length, b.length);
  return withinEdits(a, b, Math.floor((1 - threshold) * longest));
}

/**
 * One school, however each copy spells it: the folded names agree within OCR noise and their
 * numbers are the same ("số 2" and "số 3" are two schools one edit apart). Two documents whose
 * school nobody could read agree; one that names a school and one that does not are not known to
 * be one school, so they do not.
 */
export function sameSchool(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  const ka = schoolKey(a);
  const kb = schoolKey(b);
  return ka.numbers === kb.numbers && similarText(ka.letters, kb.letters);
}

/** The part of an item {@link copyKey} reads (contract items and `items` rows both have it). */
export interface KeyedItem {
  criterion?: string | null;
  rowNo?: string | null;
  budgetVnd?: number | null;
}

/** What {@link copyKey} reads of a document. */
export type CopyKeyFacts = Pick<CopyCandidate, 'kind' | 'form' | 'circular' | 'schoolYear' | 'school'> & { items: readonly KeyedItem[] };

/**
 * Everything two copies must have exactly in common, as one key: kind, form, circular, school
 * year, the numbers in the school's name (null when it was not read), and item by item the
 * criterion or task number and the amount. Documents with different keys are never copies, so the
 * copy check looks a document's candidates up by this key (an index lookup) instead of reading
 * every document of its school year, and its locks are per key. The fuzzy parts of the rule (the
 * school's letters, the items' words) are left to {@link isCopy} on those few candidates.
 */
export function copyKey(d: CopyKeyFacts): string {
  const school = d.school === null ? null : schoolKey(d.school).numbers;
  const items = d.items.map((item) => [itemKey(item, d.form), item.budgetVnd ?? null]);
  return createHash('sha256')
    .update(JSON.stringify([d.kind, d.form, d.circular, d.schoolYear, school, items]))
    .digest('base64url')
    .slice(0, 24);
}

/** The first fact two documents differ in, without looking at their items. */
export function factDifference(a: CopyCandidate, b: CopyCandidate): CopyDifference | null {
  if (a.kind !== b.kind) return 'kind';
  if (a.form !== b.form) return 'form';
  if (a.circular !== b.circular) return 'circular';
  if (a.schoolYear !== b.schoolYear) return 'school-year';
  if (!sameSchool(a.school, b.school)) return 'school';
  return null;
}

// Compared as the item's key, or derived from a text that is compared (timeline → months,
// budget text → funding source, owner → owners), or not the author's words (provenance).
const NOT_TEXT = new Set(['criterion', 'rowNo', 'standard', 'level', 'budgetVnd', 'confidence', 'provenance', 'extra', 'owners', 'timelineStart', 'timelineEnd', 'fundingSource', 'status']);

const TEXTS = new WeakMap<Item, string>();

/** An item's own words, folded, in field-name order (both copies have the same fields). */
function itemText(item: Item): string {
  let text = TEXTS.get(item);
  if (text === undefined) {
    const fields = item as unknown as Record<string, unknown>;
    text = Object.keys(fields)
      .filter((k) => !NOT_TEXT.has(k) && typeof fields[k] === 'string')
      .sort()
      .map((k) => copyText(fields[k] as string))
      .join('|');
    TEXTS.set(item, text); // a document is compared with each of its group's members
  }
  return text;
}

/** What pairs an item with its copy: the criterion in the 2018 form, the task number (TT) in 2026's. */
function itemKey(item: KeyedItem | Item, form: Form | null): string {
  const f = item as KeyedItem;
  return form === 'task-rows' ? copyText(String(f.rowNo ?? '')) : String(f.criterion ?? '');
}

/** The first way two item lists differ, item by item in document order. */
export function itemDifference(a: readonly Item[], b: readonly Item[], form: Form | null): CopyDifference | null {
  // Nothing to compare: two empty extractions say nothing about being one document.
  if (a.length === 0 || b.length === 0) return 'no-items';
  if (a.length !== b.length) return 'item-count';
  for (let i = 0; i < a.length; i++) {
    if (itemKey(a[i], form) !== itemKey(b[i], form)) return 'item-key';
    if (((a[i] as { budgetVnd?: number | null }).budgetVnd ?? null) !== ((b[i] as { budgetVnd?: number | null }).budgetVnd ?? null)) return 'budget';
  }
  for (let i = 0; i < a.length; i++) if (!similarText(itemText(a[i]), itemText(b[i]))) return 'text';
  return null;
}

/** Why `a` and `b` are not one document stored twice, or null when they are. */
export function copyDifference(a: CopyCandidate, b: CopyCandidate): CopyDifference | null {
  return factDifference(a, b) ?? itemDifference(a.items, b.items, a.form);
}

/** Whether `a` and `b` are one document stored twice. */
export function isCopy(a: CopyCandidate, b: CopyCandidate): boolean {
  return copyDifference(a, b) === null;
}

/** The digital original before a rendering of it: DOCX and DOC, then a text PDF, then a scan. */
export function formatRank(format: string | null): number {
  switch (format) {
    case 'docx':
    case 'doc':
      return 0;
    case 'pdf':
      return 1;
    case 'scan':
    case 'image':
      return 2;
    default:
      return 3;
  }
}

/** Which of two copies is the one to count: the better format, then the one stored first. */
function better(a: CopyCandidate, b: CopyCandidate): CopyCandidate {
  const order = formatRank(a.format) - formatRank(b.format) || a.id - b.id;
  return order <= 0 ? a : b;
}

/**
 * Group documents into copies of one another and name each group's canonical one. Every
 * document maps to the id of its group's canonical document, or null when it is the canonical
 * one (or has no copy). Copies of copies are one group. The answer depends on the set, not on
 * the order the documents came in, so a DOCX stored after its scan takes the scan's place.
 */
export function groupCopies(docs: readonly CopyCandidate[]): Map<number, number | null> {
  const parent = new Map(docs.map((d) => [d.id, d.id]));
  const root = (id: number): number => {
    let r = id;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(id, r);
    return r;
  };
  // Only documents with one copy key can be copies: pairs are compared within a key.
  const byKey = new Map<string, CopyCandidate[]>();
  for (const d of docs) {
    const key = copyKey(d);
    byKey.set(key, [...(byKey.get(key) ?? []), d]);
  }
  for (const same of byKey.values()) {
    for (let i = 0; i < same.length; i++) {
      for (let j = i + 1; j < same.length; j++) {
        if (root(same[i].id) !== root(same[j].id) && isCopy(same[i], same[j])) parent.set(root(same[j].id), root(same[i].id));
      }
    }
  }
  const canonical = new Map<number, CopyCandidate>();
  for (const d of docs) {
    const r = root(d.id);
    const seen = canonical.get(r);
    canonical.set(r, seen ? better(seen, d) : d);
  }
  return new Map(
    docs.map((d) => {
      const c = canonical.get(root(d.id))!;
      return [d.id, c.id === d.id ? null : c.id];
    }),
  );
}
