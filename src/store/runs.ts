/** Extraction runs: one row per re-extraction, so "what changed when the rules changed" is on record. */
import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { extractionRuns, type ExtractionRunRow, type NewExtractionRunRow } from './schema.js';

/** Open a run; returns its id. */
export async function startRun(db: Db, rulesVersion: string, filter: Record<string, unknown>): Promise<number> {
  const [row] = await db.insert(extractionRuns).values({ rulesVersion, filter }).returning({ id: extractionRuns.id });
  return row.id;
}

/** Close a run with its counts and per-field change summary. */
export async function finishRun(
  db: Db,
  id: number,
  totals: Pick<NewExtractionRunRow, 'documents' | 'changed' | 'failed' | 'itemsAdded' | 'itemsRemoved' | 'changes'>,
): Promise<void> {
  await db
    .update(extractionRuns)
    .set({ ...totals, finishedAt: sql`now()` })
    .where(eq(extractionRuns.id, id));
}

/** The latest runs, newest first. */
export async function recentRuns(db: Db, limit = 10): Promise<ExtractionRunRow[]> {
  return db.select().from(extractionRuns).orderBy(desc(extractionRuns.id)).limit(limit);
}
