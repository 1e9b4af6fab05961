/**
 * The eval's tables: one row per scored file, and means over groups of rows (per format, per
 * wording class, per degradation). Shared by the fixtures and the corpus modes of `npm run eval`.
 */
import type { Score } from './score.js';

export interface EvalRow {
  /** The document: a fixture's name or a corpus id. */
  name: string;
  format: string;
  score?: Score;
  error?: string;
  seconds: number;
  /** Silent wrong amounts (corpus mode). */
  silent?: number;
}

const f2 = (n: number) => n.toFixed(2);

export const HEADER = ['fixture', 'format', 'items', 'recall', 'prec', 'field', 'sim', 'money/time', 'meta', 'kind', 'focus', 'monit', 's'];

/** One row per file, as `npm run eval` has always printed it. */
export function rowCells(r: EvalRow): string[] {
  if (!r.score) return [r.name, r.format, 'ERROR', r.error ?? '', '', '', '', '', '', '', '', '', r.seconds.toFixed(1)];
  const s = r.score;
  return [
    r.name, r.format, `${s.matchedItems}/${s.expectedItems}`, f2(s.recall), f2(s.precision), f2(s.fieldExact), f2(s.fieldSimilarity),
    f2(s.moneyTimeExact), f2(s.metadataExact), s.kindExact ? 'ok' : 'WRONG',
    s.focusExpected ? `${s.focusFound}/${s.focusExpected}` : '-', s.monitoringExpected ? `${s.monitoringFound}/${s.monitoringExpected}` : '-', r.seconds.toFixed(1),
  ];
}

/** Mean of a score figure over scores. */
export function mean(scores: readonly Score[], key: keyof Score): number {
  return scores.reduce((a, s) => a + (s[key] as number), 0) / Math.max(1, scores.length);
}

/** The "MEAN <group>" line of the table: means over the scored rows, and how many failed. */
export function meanCells(label: string, rows: readonly EvalRow[]): string[] {
  const scored = rows.filter((r) => r.score).map((r) => r.score!);
  const failed = rows.length - scored.length;
  const m = (k: keyof Score) => f2(mean(scored, k));
  return [`MEAN ${label}`, `${scored.length} ok/${failed} err`, '', m('recall'), m('precision'), m('fieldExact'), m('fieldSimilarity'), m('moneyTimeExact'), m('metadataExact'), '', '', '', ''];
}

/** Columns padded to their widest cell. */
export function formatTable(table: string[][]): string {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  return table.map((row) => `${row.map((c, i) => (c ?? '').padEnd(widths[i])).join('  ').trimEnd()}\n`).join('');
}
