/**
 * Scoring an extraction against a hand-checked gold file (fixtures/<case>.expected.json). Items
 * are matched by criterion (2018 form) or by TT (2026 form); a gold value "__skip__" is not
 * scored. Text is compared after NFC and white-space folding, nothing else.
 */
import { createRequire } from 'node:module';
import { foldText } from '../normalize/text.js';

const require = createRequire(import.meta.url);
const { LevenshteinDistance } = require('natural/lib/natural/distance/levenshtein_distance.js') as {
  LevenshteinDistance: (a: string, b: string) => number;
};

export const SKIP = '__skip__';
type Json = Record<string, unknown>;

export interface Score {
  expectedItems: number;
  extractedItems: number;
  matchedItems: number;
  recall: number;
  precision: number;
  /** Exact fields / scored fields, over matched items. */
  fieldExact: number;
  /** Mean normalised similarity (1 − edit distance / length) of scored fields. */
  fieldSimilarity: number;
  /** budgetVnd, timelineStart, timelineEnd exact / scored. */
  moneyTimeExact: number;
  metadataExact: number;
  kindExact: boolean;
  focusFound: number;
  focusExpected: number;
  monitoringFound: number;
  monitoringExpected: number;
  /** Every field that differed: for reading, not for scoring. */
  misses: { key: string; field: string; expected: unknown; actual: unknown }[];
}

const MONEY_TIME = new Set(['budgetVnd', 'timelineStart', 'timelineEnd']);

/** Text folded; a list (owners) as its folded parts joined by "; ", so lists compare like texts. */
function norm(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => foldText(String(v)) ?? '').join('; ');
  return typeof value === 'string' ? foldText(value) : value ?? null;
}

/** 1 for equal, down to 0: normalised Levenshtein similarity of folded texts (non-text: exact). */
export function similarity(expected: unknown, actual: unknown): number {
  const a = norm(expected);
  const b = norm(actual);
  if (a === b) return 1;
  if (typeof a !== 'string' || typeof b !== 'string') return 0;
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : Math.max(0, 1 - LevenshteinDistance(a, b) / longest);
}

function keyOf(item: Json, byRowNo: boolean): string {
  return String(byRowNo ? item.rowNo : item.criterion);
}

/** Pair gold and extracted items by key, in order (a key may repeat). */
function pairItems(expected: Json[], actual: Json[], byRowNo: boolean) {
  const pool = new Map<string, Json[]>();
  for (const a of actual) {
    const k = keyOf(a, byRowNo);
    pool.set(k, [...(pool.get(k) ?? []), a]);
  }
  return expected.map((e) => {
    const list = pool.get(keyOf(e, byRowNo));
    return { expected: e, actual: list?.shift() ?? null };
  });
}

export function scoreExtraction(gold: Json, actual: Json): Score {
  const goldDoc = (gold.document ?? {}) as Json;
  const byRowNo = goldDoc.form === 'task-rows';
  const goldItems = (gold.items ?? []) as Json[];
  const items = (actual.items ?? []) as Json[];
  const pairs = pairItems(goldItems, items, byRowNo);
  const misses: Score['misses'] = [];
  let fields = 0;
  let exact = 0;
  let sim = 0;
  let mt = 0;
  let mtExact = 0;
  for (const { expected, actual: got } of pairs) {
    if (!got) continue;
    for (const [field, want] of Object.entries(expected)) {
      if (want === SKIP) continue;
      const s = similarity(want, got[field]);
      fields++;
      sim += s;
      if (s === 1) exact++;
      else misses.push({ key: keyOf(expected, byRowNo), field, expected: want, actual: got[field] });
      if (MONEY_TIME.has(field)) {
        mt++;
        if (s === 1) mtExact++;
      }
    }
  }
  const doc = (actual.document ?? {}) as Json;
  let metaFields = 0;
  let metaExact = 0;
  for (const [field, want] of Object.entries(goldDoc)) {
    if (want === SKIP) continue;
    metaFields++;
    if (similarity(want, doc[field]) === 1) metaExact++;
    else misses.push({ key: 'document', field, expected: want, actual: doc[field] });
  }
  const matched = pairs.filter((p) => p.actual).length;
  const found = (goldList: unknown, gotList: unknown, key: string) => {
    const want = ((goldList ?? []) as Json[]).map((x) => String(x[key]));
    const have = ((gotList ?? []) as Json[]).map((x) => String(x[key]));
    return want.filter((w) => {
      const i = have.indexOf(w);
      if (i < 0) return false;
      have.splice(i, 1);
      return true;
    }).length;
  };
  const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);
  return {
    expectedItems: goldItems.length,
    extractedItems: items.length,
    matchedItems: matched,
    recall: ratio(matched, goldItems.length),
    precision: ratio(matched, items.length),
    fieldExact: ratio(exact, fields),
    fieldSimilarity: ratio(sim, fields),
    moneyTimeExact: ratio(mtExact, mt),
    metadataExact: ratio(metaExact, metaFields),
    kindExact: gold.kind === actual.kind,
    focusFound: found(gold.focusIssues, actual.focusIssues, 'criterion'),
    focusExpected: ((gold.focusIssues ?? []) as unknown[]).length,
    monitoringFound: found(gold.monitoring, actual.monitoring, 'when'),
    monitoringExpected: ((gold.monitoring ?? []) as unknown[]).length,
    misses,
  };
}

/** An amount read differently from the document, with nothing telling a person to check it. */
export interface SilentAmount {
  key: string;
  expected: unknown;
  actual: unknown;
  confidence: number;
}

/**
 * Items whose budgetVnd differs from the gold while the item claims confidence ≥ `threshold` and
 * no issue points at its row: the silent wrong amounts the issues call a defect (an analyst's sum
 * is wrong and nothing says so). A null reading is a miss, not a wrong amount; a gold "__skip__"
 * is not judged.
 */
export function silentAmounts(gold: Json, actual: Json, threshold = 0.9): SilentAmount[] {
  const byRowNo = ((gold.document ?? {}) as Json).form === 'task-rows';
  const issues = (actual.issues ?? []) as Json[];
  const out: SilentAmount[] = [];
  for (const { expected, actual: got } of pairItems((gold.items ?? []) as Json[], (actual.items ?? []) as Json[], byRowNo)) {
    if (!got || !('budgetVnd' in expected) || expected.budgetVnd === SKIP) continue;
    if (got.budgetVnd == null || got.budgetVnd === expected.budgetVnd) continue;
    const confidence = typeof got.confidence === 'number' ? got.confidence : 1;
    if (confidence < threshold) continue;
    const prov = (got.provenance ?? {}) as { table?: number; row?: number; cells?: { table: number; row: number }[] };
    const rows = new Set([`${prov.table}:${prov.row}`, ...(prov.cells ?? []).map((c) => `${c.table}:${c.row}`)]);
    if (issues.some((i) => rows.has(`${i.table}:${i.row}`))) continue;
    out.push({ key: keyOf(expected, byRowNo), expected: expected.budgetVnd, actual: got.budgetVnd, confidence });
  }
  return out;
}
