/**
 * The item sums (schema.ts, itemSums) are written by triggers (migration 0003) as rows of changes:
 * each statement that changes items or a document's facts adds a row per cell it changed, so
 * writers never wait for one another on a shared row. Reading adds the rows of a cell up; folding
 * replaces a cell's rows by their sum, so the table stays about one row per cell.
 */
import { sql } from 'drizzle-orm';
import { rowsOf, type Db } from './db.js';
import { itemSums, type ItemSumRow } from './schema.js';


const KEYS = sql.raw('grain, kind, form, circular, school_level, school_year, is_copy, standard, criterion');

/**
 * Replace the rows of every cell that has several by one row of their sums (dropping cells that
 * add up to nothing), in one statement. Safe beside writers and beside another fold: a row another
 * fold deleted first is skipped, rows written meanwhile are left for the next fold.
 * @returns how many rows were folded.
 */
export async function foldItemSums(db: Db): Promise<number> {
  const [row] = rowsOf<{ folded: number }>(
    await db.execute(sql`with many as (select cell from ${itemSums} group by cell having count(*) > 1),
      gone as (delete from ${itemSums} where cell in (select cell from many)
        returning grain, kind, form, circular, school_level, school_year, is_copy, standard, criterion, items, with_budget, total_vnd, documents),
      kept as (insert into ${itemSums} (${KEYS}, items, with_budget, total_vnd, documents)
        select ${KEYS}, sum(items), sum(with_budget), sum(total_vnd), sum(documents) from gone group by ${KEYS}
        having sum(items) <> 0 or sum(with_budget) <> 0 or sum(total_vnd) <> 0 or sum(documents) <> 0 returning 1)
      select count(*)::int as folded from gone`),
  );
  return Number(row.folded);
}

const written = new WeakMap<Db, number>();

/**
 * Note that `documents` extractions were written; fold the sums once every `every` of them (per
 * process), so reading stays a matter of about one row per cell.
 */
export async function foldItemSumsEvery(db: Db, documents: number, every = 200): Promise<void> {
  const n = (written.get(db) ?? 0) + documents;
  if (n < every) {
    written.set(db, n);
    return;
  }
  written.set(db, 0);
  await foldItemSums(db);
}

/** A cell of the item sums, added up. */
export type ItemSumCell = Omit<ItemSumRow, 'cell' | 'totalVnd'> & { totalVnd: string };

/** Every cell as the rows add up to now, in key order (cells that add up to nothing left out). */
export async function itemSumCells(db: Db): Promise<ItemSumCell[]> {
  return cellsOf(db, sql`select ${KEYS}, sum(items)::int as items, sum(with_budget)::int as with_budget, sum(total_vnd)::text as total_vnd, sum(documents)::int as documents
    from ${itemSums} group by ${KEYS}
    having sum(items) <> 0 or sum(with_budget) <> 0 or sum(total_vnd) <> 0 or sum(documents) <> 0`);
}

/** Every cell worked out from the items and documents alone (what the kept sums must equal). */
export async function derivedItemSumCells(db: Db): Promise<ItemSumCell[]> {
  return cellsOf(db, sql`select ${KEYS}, items, with_budget, total_vnd::text as total_vnd, documents from khcl_item_sums_derived()`);
}

async function cellsOf(db: Db, query: ReturnType<typeof sql>): Promise<ItemSumCell[]> {
  type Raw = { grain: number; kind: string | null; form: string | null; circular: string | null; school_level: string | null; school_year: string | null; is_copy: boolean; standard: number | null; criterion: string | null; items: number; with_budget: number; total_vnd: string; documents: number };
  const rows = rowsOf<Raw>(await db.execute(query)).map(
    (r): ItemSumCell => ({
      grain: Number(r.grain),
      kind: r.kind as ItemSumCell['kind'],
      form: r.form as ItemSumCell['form'],
      circular: r.circular,
      schoolLevel: r.school_level as ItemSumCell['schoolLevel'],
      schoolYear: r.school_year,
      isCopy: r.is_copy,
      standard: r.standard === null ? null : Number(r.standard),
      criterion: r.criterion,
      items: Number(r.items),
      withBudget: Number(r.with_budget),
      totalVnd: String(Number(r.total_vnd)),
      documents: Number(r.documents),
    }),
  );
  return rows.sort((a, b) => (JSON.stringify(Object.values(a)) < JSON.stringify(Object.values(b)) ? -1 : 1));
}
