/**
 * Scoring a binder (several documents in one file): each expected document is paired with the
 * extracted document that covers most of its pages (in order, for a source without pages), then
 * scored as one document. Items found in the binder's wrong document, and items the binder lost
 * compared with the same document read alone, are counted apart: they are what segmenting costs.
 */
import { scoreExtraction } from './score.js';

type Json = Record<string, unknown>;

export interface ExpectedInBinder {
  name: string;
  gold: Json;
  /** Pages in the binder, both included; absent for a DOCX binder (paired in order). */
  pages?: [number, number];
  /** How many of its items come out when the document is read alone (for "lost to binder"). */
  aloneMatched?: number;
  /** The item keys (criterion, or task number) the document gives read alone: a misreading it makes alone too is not the binder's. */
  aloneKeys?: string[];
}

export interface BinderScore {
  expected: number;
  found: number;
  /** Extracted documents that no expected one was paired with. */
  extra: number;
  pagesExact: number;
  itemsRight: number;
  itemsTotal: number;
  /** Items found when the document is read alone but not in the binder. */
  lost: number;
  /** Items that came out under a document whose gold does not hold them but another's does. */
  misattributed: number;
  /** One line per expected document that was not found exactly. */
  notes: string[];
}

export const itemKey = (gold: Json, item: Json) => String((gold.document as Json | undefined)?.form === 'task-rows' ? item.rowNo : item.criterion);

function overlap(a: [number, number], b: { first: number; last: number }): number {
  return Math.max(0, Math.min(a[1], b.last) - Math.max(a[0], b.first) + 1);
}

export function scoreBinder(expected: readonly ExpectedInBinder[], extracted: readonly Json[]): BinderScore {
  const pagesOf = (x: Json) => ((x.segment as Json | undefined)?.pages ?? null) as { first: number; last: number } | null;
  const taken = new Set<number>();
  const pairs = expected.map((e, i) => {
    let best = -1;
    if (e.pages) {
      let most = 0;
      extracted.forEach((x, j) => {
        const p = pagesOf(x);
        const o = p ? overlap(e.pages!, p) : 0;
        if (!taken.has(j) && o > most) [best, most] = [j, o];
      });
      // More than half of the document's pages, or it was not found.
      if (best >= 0 && most * 2 <= e.pages[1] - e.pages[0] + 1) best = -1;
    } else if (extracted.length === expected.length) {
      best = i;
    }
    if (best >= 0) taken.add(best);
    return { e, x: best >= 0 ? extracted[best] : null };
  });
  const score: BinderScore = { expected: expected.length, found: 0, extra: extracted.length - taken.size, pagesExact: 0, itemsRight: 0, itemsTotal: 0, lost: 0, misattributed: 0, notes: [] };
  const keysOf = (gold: Json) => new Set(((gold.items ?? []) as Json[]).map((it) => itemKey(gold, it)));
  for (const { e, x } of pairs) {
    const items = ((e.gold.items ?? []) as unknown[]).length;
    score.itemsTotal += items;
    if (!x) {
      score.lost += e.aloneMatched ?? items;
      score.notes.push(`${e.name}${e.pages ? ` (pages ${e.pages[0]}–${e.pages[1]})` : ''}: not found`);
      continue;
    }
    score.found++;
    const p = pagesOf(x);
    if (!e.pages || (p && p.first === e.pages[0] && p.last === e.pages[1])) score.pagesExact++;
    else score.notes.push(`${e.name}: pages ${e.pages[0]}–${e.pages[1]}, read as ${p ? `${p.first}–${p.last}` : 'none'}`);
    const s = scoreExtraction(e.gold, x);
    score.itemsRight += s.matchedItems;
    if (e.aloneMatched != null) score.lost += Math.max(0, e.aloneMatched - s.matchedItems);
    // Extracted items this document's gold does not hold but another document's does.
    const own = keysOf(e.gold);
    const others = new Set(expected.filter((o) => o !== e).flatMap((o) => [...keysOf(o.gold)].map((k) => `${o.name}:${k}`)));
    for (const it of (x.items ?? []) as Json[]) {
      const k = itemKey(e.gold, it);
      if (!own.has(k) && !e.aloneKeys?.includes(k) && expected.some((o) => o !== e && others.has(`${o.name}:${k}`))) score.misattributed++;
    }
  }
  // Every item of a document no expected one was paired with is in the wrong place.
  extracted.forEach((x, j) => {
    if (!pairs.some((p) => p.x === x)) score.misattributed += ((x.items ?? []) as unknown[]).length;
    void j;
  });
  return score;
}
