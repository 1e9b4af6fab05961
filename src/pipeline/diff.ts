/**
 * What a re-extraction changed in one document: rows added and removed, and for rows present
 * before and after, which fields changed. Rows are matched by what identifies them to a reader
 * (criterion and TT for items and focus issues, the "when" for monitoring rows), not by position,
 * so one row inserted at the top does not make every later row "changed".
 */
import { canonicalJson, type ExtractionRows, type RowChangeCounts, type StoredExtraction } from '../store/index.js';

/** Changes to one set of rows: added, removed, and field name → number of matched rows changed. */
export type RowChanges = RowChangeCounts;

/** Changes to one document. */
export interface DocumentChanges {
  /** Document metadata fields that changed (`school`, `schoolYear`, …). */
  document: string[];
  items: RowChanges;
  focusIssues: RowChanges;
  monitoring: RowChanges;
  changed: boolean;
}

const META = ['kind', 'form', 'circular', 'number', 'place', 'issuedOn', 'schoolYear', 'school', 'schoolLevel', 'segment'] as const;
/** Bookkeeping columns, not content. */
const IGNORED = new Set(['documentId', 'ordinal']);

/** Compare what is stored with what the rules produce now. */
export function diffExtraction(previous: StoredExtraction, next: ExtractionRows): DocumentChanges {
  const document = META.filter((k) => !same(previous.document[k], next.facts[k]));
  const items = diffRows(previous.items, next.items, (r) => `${r.criterion ?? ''}|${r.rowNo ?? ''}`);
  const focusIssues = diffRows(previous.focusIssues, next.focusIssues, (r) => `${r.criterion ?? ''}|${r.rowNo ?? ''}`);
  const monitoring = diffRows(previous.monitoring, next.monitoring, (r) => `${r.when ?? ''}`);
  const touched = (c: RowChanges) => c.added > 0 || c.removed > 0 || Object.keys(c.fields).length > 0;
  const changed = document.length > 0 || touched(items) || touched(focusIssues) || touched(monitoring);
  return { document, items, focusIssues, monitoring, changed };
}

/** Match rows by key (the n-th row with a key matches the n-th), then compare fields. */
export function diffRows<T extends object>(before: T[], after: T[], keyOf: (row: T) => string): RowChanges {
  const pending = new Map<string, T[]>();
  for (const row of before) {
    const k = keyOf(row);
    pending.set(k, [...(pending.get(k) ?? []), row]);
  }
  const out: RowChanges = { added: 0, removed: 0, fields: {} };
  for (const row of after) {
    const match = pending.get(keyOf(row))?.shift();
    if (!match) {
      out.added++;
      continue;
    }
    for (const [field, value] of Object.entries(row)) {
      if (IGNORED.has(field)) continue;
      if (!same((match as Record<string, unknown>)[field], value)) out.fields[field] = (out.fields[field] ?? 0) + 1;
    }
  }
  for (const rest of pending.values()) out.removed += rest.length;
  return out;
}

/**
 * Equality across a database round trip: jsonb reorders object keys, `real` keeps 24 bits of a
 * number, and an absent value and null are the same.
 */
export function same(a: unknown, b: unknown): boolean {
  if (a == null || b == null) return a == null && b == null;
  if (typeof a === 'number' && typeof b === 'number') return a === b || Math.fround(a) === Math.fround(b);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  return canonicalJson(a) === canonicalJson(b);
}

/** Add one document's changes into running totals. */
export function addChanges(total: RowChanges, c: RowChanges, prefix = ''): void {
  total.added += c.added;
  total.removed += c.removed;
  for (const [f, n] of Object.entries(c.fields)) total.fields[prefix + f] = (total.fields[prefix + f] ?? 0) + n;
}
