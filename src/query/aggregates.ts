/**
 * Budget sums and item counts grouped by one dimension. Standards and criteria are grouped with
 * their circular (and named from the registry for that circular and school level): "1.4" of
 * 57/2026 and "1.4" of 19/2018 are different criteria and never land in one group.
 *
 * Two steps in one query: items are first summed per document (and per item-level key: standard,
 * criterion, funding source), touching `documents` only through the filter's semi-join; those
 * per-document rows are then joined to their documents and summed per group. Joining before
 * aggregating moves every item through the join and needs count(distinct) for documents.
 *
 * Most sums an analyst asks for (by standard, criterion, school year, level or circular, filtered
 * by those facts) are answered from the item sums instead (src/store/item-sums.ts): a few thousand
 * cells kept in step with the items by triggers, whatever the number of items. Any other filter
 * (a school, a search, an owner, amounts, timelines) reads the items.
 */
import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { documents, ITEM_SUM_GRAINS, items, itemSums, rowsOf, type Db } from '../store/index.js';
import type { ItemFilter } from './filter.js';
import { foldSql } from './fold.js';
import { registryCriterionName, registryStandardName } from './names.js';
import { FACT_FILTERS, factConditions, itemConditions, itemDocumentConditions, itemOnlyWhere } from './where.js';

/** What sums can be grouped by. */
export const SUM_DIMENSIONS = ['standard', 'criterion', 'school', 'school-year', 'school-level', 'funding-source', 'circular'] as const;
export type SumDimension = (typeof SUM_DIMENSIONS)[number];

/** One group: what identifies it, and its totals. */
export interface SumGroup {
  key: {
    circular?: string | null;
    standard?: number | null;
    criterion?: string | null;
    /** The registry's name of the standard or criterion under `circular`. */
    name?: string | null;
    school?: string | null;
    schoolYear?: string | null;
    schoolLevel?: string | null;
    fundingSource?: string | null;
  };
  /** Items in the group. */
  items: number;
  /** Items with an amount (budgetVnd not null; 0 counts). */
  withBudget: number;
  /** Sum of budgetVnd in đồng. */
  totalVnd: number;
  documents: number;
}

/** The groups and the grand total of a sum. */
export interface SumResult {
  by: SumDimension;
  groups: SumGroup[];
  total: Omit<SumGroup, 'key'>;
}

/** A column of the query: grouped on, or (a label for a folded key) one spelling of the group. */
interface Key {
  as: string;
  expr: SQL;
  group: boolean;
}

interface Grouping {
  /** Keys computed per document from items (the inner step). */
  inner: Key[];
  /** Keys of the result: document columns, or inner keys as `p.<as>` (the outer step). */
  outer: Key[];
}

const p = (as: string) => sql.raw(`p.${as}`);
const g = (as: string, expr: SQL): Key => ({ as, expr, group: true });
const label = (as: string, expr: SQL): Key => ({ as, expr, group: false });
const fundingLabel = sql`rtrim(${items.fundingSource}, '. ')`;

// Free-text keys (school names, funding sources) group by their folded form, so "Trường Mầm non"
// and "Trường mầm non" are one school; the label shown is one spelling of it.
const GROUPINGS: Record<SumDimension, Grouping> = {
  standard: {
    inner: [g('standard', sql`${items.standard}`)],
    outer: [g('circular', sql`${documents.circular}`), g('school_level', sql`${documents.schoolLevel}`), g('standard', p('standard'))],
  },
  criterion: {
    inner: [g('standard', sql`${items.standard}`), g('criterion', sql`${items.criterion}`)],
    outer: [g('circular', sql`${documents.circular}`), g('school_level', sql`${documents.schoolLevel}`), g('standard', p('standard')), g('criterion', p('criterion'))],
  },
  school: { inner: [], outer: [g('school_key', foldSql(sql`coalesce(${documents.school}, '')`)), label('school', sql`min(${documents.school})`)] },
  'school-year': { inner: [], outer: [g('school_year', sql`${documents.schoolYear}`)] },
  'school-level': { inner: [], outer: [g('school_level', sql`${documents.schoolLevel}`)] },
  'funding-source': {
    inner: [g('funding_key', foldSql(sql`coalesce(${fundingLabel}, '')`)), label('funding_label', sql`min(${fundingLabel})`)],
    outer: [g('funding_key', p('funding_key')), label('funding_source', sql`min(${p('funding_label')})`)],
  },
  circular: { inner: [], outer: [g('circular', sql`${documents.circular}`)] },
};

type Row = Record<string, unknown> & { items: number; with_budget: number; total_vnd: string | null; documents: number };

const select = (keys: Key[]) => keys.map((k) => sql`${k.expr} as ${sql.raw(k.as)}`);
const grouped = (keys: Key[]) => keys.filter((k) => k.group).map((k) => k.expr);

/**
 * The SQL of a sum: per-document sums, then per group. A per-document row is one (document,
 * inner key) pair and every outer key is a document column or an inner key, so a group's
 * count(*) of those rows is its number of documents: no count(distinct), no sort.
 */
export function sumQuery(by: SumDimension, filter: ItemFilter): SQL {
  const { inner, outer } = GROUPINGS[by];
  const perDocument = sql`select ${sql.join([sql`${items.documentId} as document_id`, ...select(inner)], sql`, `)},
      count(*) as n, count(${items.budgetVnd}) as nb, sum(${items.budgetVnd}) as total
    from ${items} where ${itemOnlyWhere(filter) ?? sql`true`}
    group by ${sql.join([sql`${items.documentId}`, ...grouped(inner)], sql`, `)}`;
  return sql`select ${sql.join(select(outer), sql`, `)},
      sum(p.n)::int as items, sum(p.nb)::int as with_budget, sum(p.total)::text as total_vnd, count(*)::int as documents
    from (${perDocument}) p join ${documents} on ${documents.id} = p.document_id
    group by ${sql.join(grouped(outer), sql`, `)}`;
}

/**
 * How many documents have a matching item. Only needed where a document can fall in several
 * groups (standards, criteria, funding sources); asked per document with EXISTS, which probes
 * each document's items through the primary key instead of reading every item again.
 */
export function documentCountQuery(filter: ItemFilter): SQL {
  const onItems = and(...itemConditions(filter));
  const onDocuments = and(...itemDocumentConditions(filter));
  return sql`select count(*)::int as documents from ${documents}
    where ${onDocuments ?? sql`true`} and exists (select 1 from ${items} where ${items.documentId} = ${documents.id} and ${onItems ?? sql`true`})`;
}

/**
 * The item sums' answer for each dimension they keep: the grain whose rows count the documents
 * of one group, the columns grouped on, and the item filters that grain can apply exactly (a
 * filter on criteria cannot be applied to standards' rows, nor any to the documents' rows).
 */
const SUMMED: Partial<Record<SumDimension, { grain: number; keys: Key[]; itemFilters: ('standard' | 'criterion')[] }>> = {
  standard: {
    grain: ITEM_SUM_GRAINS.standard,
    keys: [g('circular', sql`${itemSums.circular}`), g('school_level', sql`${itemSums.schoolLevel}`), g('standard', sql`${itemSums.standard}`)],
    itemFilters: ['standard'],
  },
  criterion: {
    grain: ITEM_SUM_GRAINS.criterion,
    keys: [g('circular', sql`${itemSums.circular}`), g('school_level', sql`${itemSums.schoolLevel}`), g('standard', sql`${itemSums.standard}`), g('criterion', sql`${itemSums.criterion}`)],
    itemFilters: ['standard', 'criterion'],
  },
  'school-year': { grain: ITEM_SUM_GRAINS.document, keys: [g('school_year', sql`${itemSums.schoolYear}`)], itemFilters: [] },
  'school-level': { grain: ITEM_SUM_GRAINS.document, keys: [g('school_level', sql`${itemSums.schoolLevel}`)], itemFilters: [] },
  circular: { grain: ITEM_SUM_GRAINS.document, keys: [g('circular', sql`${itemSums.circular}`)], itemFilters: [] },
};

const FACTS: ReadonlySet<string> = new Set([...FACT_FILTERS, 'includeDuplicates']);

/** Whether the item sums can answer this sum exactly: only filters they keep are given. */
export function answeredFromItemSums(by: SumDimension, filter: ItemFilter): boolean {
  const summed = SUMMED[by];
  if (!summed) return false;
  return Object.entries(filter).every(([k, v]) => v === undefined || FACTS.has(k) || (summed.itemFilters as string[]).includes(k));
}

/** The item sums' rows a filter selects at a grain. */
function summedWhere(grain: number, filter: ItemFilter): SQL {
  return and(
    eq(itemSums.grain, grain),
    ...factConditions(filter, itemSums),
    filter.includeDuplicates ? undefined : eq(itemSums.isCopy, false),
    filter.standard ? inArray(itemSums.standard, filter.standard) : undefined,
    filter.criterion ? inArray(itemSums.criterion, filter.criterion) : undefined,
  )!;
}

/** A sum from the item sums, in the shape of {@link sumQuery}'s rows (see {@link answeredFromItemSums}). */
export function summedQuery(by: SumDimension, filter: ItemFilter): SQL {
  const { grain, keys } = SUMMED[by]!;
  return sql`select ${sql.join(select(keys), sql`, `)},
      sum(${itemSums.items})::int as items, sum(${itemSums.withBudget})::int as with_budget,
      case when sum(${itemSums.withBudget}) > 0 then sum(${itemSums.totalVnd})::text end as total_vnd, sum(${itemSums.documents})::int as documents
    from ${itemSums} where ${summedWhere(grain, filter)}
    group by ${sql.join(grouped(keys), sql`, `)} having sum(${itemSums.items}) > 0`;
}

/** The number of documents with an item, from the item sums (when no item filter is given). */
function summedDocumentCount(filter: ItemFilter): SQL {
  return sql`select coalesce(sum(${itemSums.documents}), 0)::int as documents from ${itemSums} where ${summedWhere(ITEM_SUM_GRAINS.document, filter)}`;
}

/** Dimensions where a document can be in several groups. */
const SPLITS_DOCUMENTS: ReadonlySet<SumDimension> = new Set(['standard', 'criterion', 'funding-source']);


/** Sum budgets and count items of the filtered items, grouped by `by`. */
export async function sumBudget(db: Db, by: SumDimension, filter: ItemFilter): Promise<SumResult> {
  const summed = answeredFromItemSums(by, filter);
  const itemFiltered = filter.standard !== undefined || filter.criterion !== undefined;
  const [rows, counted] = await Promise.all([
    db.execute(summed ? summedQuery(by, filter) : sumQuery(by, filter)).then(rowsOf<Row>),
    SPLITS_DOCUMENTS.has(by)
      ? db.execute(summed && !itemFiltered ? summedDocumentCount(filter) : documentCountQuery(filter)).then(rowsOf<{ documents: number }>)
      : undefined,
  ]);
  const groups = merge(
    rows.map((r) => ({
      key: keyOf(by, r),
      items: Number(r.items),
      withBudget: Number(r.with_budget),
      totalVnd: r.total_vnd == null ? 0 : Number(r.total_vnd),
      documents: Number(r.documents),
    })),
  );
  groups.sort(order(by));
  // Every item is in exactly one group, so item totals add up; documents only where stated above.
  const total = groups.reduce(
    (t, g) => ({ items: t.items + g.items, withBudget: t.withBudget + g.withBudget, totalVnd: t.totalVnd + g.totalVnd, documents: t.documents + g.documents }),
    { items: 0, withBudget: 0, totalVnd: 0, documents: 0 },
  );
  if (counted) total.documents = Number(counted[0].documents);
  return { by, groups, total };
}

function keyOf(by: SumDimension, r: Row): SumGroup['key'] {
  const circular = (r.circular as string | null) ?? null;
  const level = (r.school_level as string | null) ?? null;
  const standard = r.standard == null ? null : Number(r.standard);
  switch (by) {
    case 'standard':
      return { circular, standard, name: registryStandardName(circular, level, standard) };
    case 'criterion': {
      const criterion = (r.criterion as string | null) ?? null;
      return { circular, standard, criterion, name: registryCriterionName(circular, level, criterion) };
    }
    case 'school':
      return { school: (r.school as string | null) ?? null };
    case 'school-year':
      return { schoolYear: (r.school_year as string | null) ?? null };
    case 'school-level':
      return { schoolLevel: level };
    case 'funding-source':
      return { fundingSource: (r.funding_source as string | null) ?? null };
    case 'circular':
      return { circular };
  }
}

/**
 * Standards and criteria were grouped per school level too, because the registry names them per
 * level (57/2026 has a preschool and a general set). Levels whose registry name is the same are
 * one group again. Document counts add up: a document has one school level.
 */
function merge(groups: SumGroup[]): SumGroup[] {
  const out = new Map<string, SumGroup>();
  for (const g of groups) {
    const id = JSON.stringify(g.key);
    const seen = out.get(id);
    if (!seen) out.set(id, { ...g, key: { ...g.key } });
    else {
      seen.items += g.items;
      seen.withBudget += g.withBudget;
      seen.totalVnd += g.totalVnd;
      seen.documents += g.documents;
    }
  }
  return [...out.values()];
}

const text = (v: string | null | undefined) => v ?? '\uffff'; // nulls last
const code = (c: string | null | undefined) => (c ?? '999.999').split('.').map((x) => x.padStart(3, '0')).join('.');

/** Natural order for codes and years; largest total first for schools and funding sources. */
function order(by: SumDimension): (a: SumGroup, b: SumGroup) => number {
  if (by === 'school' || by === 'funding-source') {
    return (a, b) => b.totalVnd - a.totalVnd || text(a.key.school ?? a.key.fundingSource).localeCompare(text(b.key.school ?? b.key.fundingSource));
  }
  return (a, b) => {
    const ka = [text(a.key.circular), String(a.key.standard ?? 9), code(a.key.criterion), text(a.key.name), text(a.key.schoolYear), text(a.key.schoolLevel)];
    const kb = [text(b.key.circular), String(b.key.standard ?? 9), code(b.key.criterion), text(b.key.name), text(b.key.schoolYear), text(b.key.schoolLevel)];
    for (let i = 0; i < ka.length; i++) if (ka[i] !== kb[i]) return ka[i] < kb[i] ? -1 : 1;
    return 0;
  };
}
