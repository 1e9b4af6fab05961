/**
 * The database schema: the one source of row types (`$inferSelect` / `$inferInsert`). Property
 * names are the extraction contract's field names (src/extract/contract.ts); SQL column names are
 * their snake_case form. drizzle-kit reads this file to generate `drizzle/` migrations, so it
 * imports nothing of the project but types.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import type { ExtractionIssue, Form, Kind, Provenance, SchoolLevel, Segment, TaskStatus } from '../extract/contract.js';
import type { Layout } from '../layout/layout.js';

export const DOCUMENT_STATUSES = ['queued', 'ingesting', 'extracting', 'stored', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
};

/**
 * One row per document. A file's content (SHA-256) has one row, whose names accumulate; a file that
 * holds several documents (a binder) has one more row per document after the first, pointing to it
 * by `fileId` (same hash, same names): the bytes and the layout are stored once, with the file's row.
 */
export const documents = pgTable(
  'documents',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    sha256: text('sha256').notNull(),
    fileNames: text('file_names').array().notNull().default(sql`'{}'::text[]`),
    mediaType: text('media_type'),
    size: bigint('size', { mode: 'number' }).notNull(),
    /** The reader's format (`docx`, `pdf`, `scan`, …), known once ingested. */
    format: text('format'),
    kind: text('kind').$type<Kind>(),
    form: text('form').$type<Form>(),
    circular: text('circular'),
    number: text('number'),
    place: text('place'),
    issuedOn: date('issued_on', { mode: 'string' }),
    schoolYear: text('school_year'),
    school: text('school'),
    schoolLevel: text('school_level').$type<SchoolLevel>(),
    status: text('status').$type<DocumentStatus>().notNull().default('queued'),
    errorCode: text('error_code'),
    error: text('error'),
    /** The extractor's RULES_VERSION that produced the stored items. */
    rulesVersion: text('rules_version'),
    /** The extractor's warnings for the stored extraction. */
    issues: jsonb('issues').$type<ExtractionIssue[]>().notNull().default([]),
    /**
     * The document this one is a copy of (the same plan as other bytes: a scan of a DOCX), decided
     * by src/extract/copies.ts; null for an original. Copies are left out of sums and item lists.
     */
    duplicateOf: integer('duplicate_of').references((): AnyPgColumn => documents.id, { onDelete: 'set null' }),
    /**
     * What a copy of this document must have exactly in common with it (src/extract/copies.ts,
     * copyKey), written with each extraction: the copy check finds candidates by it. Null until
     * the document is first extracted.
     */
    copyKey: text('copy_key'),
    /** For the 2nd, 3rd… document of a binder: the row of the file it was read from (null for a file's own row). */
    fileId: integer('file_id').references((): AnyPgColumn => documents.id, { onDelete: 'cascade' }),
    /** Which document of its file this is (1 for the file's own row): null when the file holds one document. */
    segmentNumber: smallint('segment_number'),
    /** Where it sits in its file (the contract's `segment`: number, of, page range, title); null for a file of one document. */
    segment: jsonb('segment').$type<Segment>(),
    ...timestamps,
  },
  (t) => [
    // One row per file content; the other documents of a binder share its hash, one row per number.
    uniqueIndex('documents_sha256_key').on(t.sha256).where(sql`${t.fileId} is null`),
    uniqueIndex('documents_file_segment_key').on(t.fileId, t.segmentNumber).where(sql`${t.fileId} is not null`),
    index('documents_status_idx').on(t.status),
    index('documents_kind_year_idx').on(t.kind, t.schoolYear),
    // The read side's filters (src/query/where.ts): level with year, circular.
    index('documents_level_year_idx').on(t.schoolLevel, t.schoolYear),
    index('documents_circular_idx').on(t.circular),
    index('documents_duplicate_of_idx').on(t.duplicateOf),
    index('documents_copy_key_idx').on(t.copyKey),
    // Documents extracted before copy keys were stored, for the one-time fill on open (src/store/db.ts).
    index('documents_copy_key_missing_idx').on(t.id).where(sql`${t.copyKey} is null and ${t.rulesVersion} is not null`),
    check('documents_copy_check', sql`${t.duplicateOf} <> ${t.id}`),
    check('documents_file_check', sql`${t.fileId} <> ${t.id}`),
    check('documents_status_check', sql`${t.status} in ('queued', 'ingesting', 'extracting', 'stored', 'failed')`),
  ],
);

/** The reader's output, kept so re-extraction never re-reads (or re-OCRs) the file. */
export const layouts = pgTable('layouts', {
  documentId: integer('document_id')
    .primaryKey()
    .references(() => documents.id, { onDelete: 'cascade' }),
  layout: jsonb('layout').$type<Layout>().notNull(),
  reader: text('reader').notNull(),
  createdAt: timestamps.createdAt,
});

/**
 * The folded (accent-free, lower-case) text of an item's searched fields as a tsvector: the
 * expression of src/query/fold.ts's itemSearchVector(), written out because this file imports
 * nothing of the project but types.
 */
const ITEM_SEARCH_VECTOR = sql.raw(
  `to_tsvector('simple'::regconfig, translate(lower(regexp_replace(normalize(${[
    'criterion_name',
    'content',
    'target',
    'solution',
    'support',
    'indicator',
    'evidence',
    'owner',
    'budget_text',
    'status_text',
    'planned',
    'adjusted',
    'done',
    'in_progress',
    'not_done',
    'note',
  ]
    .map((c) => `coalesce("${c}", '')`)
    .join(" || ' ' || ")}, NFD), '[\u0300-\u036f]', '', 'g')), 'đĐ', 'dd'))`,
);

/**
 * The owner cell as the owner filter reads it: folded (src/query/fold.ts, foldSql) with dots and
 * runs of spaces as one space ("P.HT" → "p ht"), written out here for the same reason as
 * {@link ITEM_SEARCH_VECTOR}. Stored, so a filter by owner matches a regular expression against
 * it instead of folding every candidate cell again (a tenth of the time at 10^6 items).
 */
const OWNER_FOLDED = sql.raw(
  `regexp_replace(translate(lower(regexp_replace(normalize("owner", NFD), '[̀-ͯ]', '', 'g')), 'đĐ', 'dd'), '[.[:space:]]+', ' ', 'g')`,
);

/** One plan/report/task row; the columns of all three item shapes, null where a shape lacks one. */
export const items = pgTable(
  'items',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    standard: integer('standard'),
    criterion: text('criterion'),
    criterionName: text('criterion_name'),
    level: integer('level'),
    rowNo: text('row_no'),
    note: text('note'),
    // plans (2018 form) and tasks (2026 form)
    content: text('content'),
    target: text('target'),
    solution: text('solution'),
    support: text('support'),
    indicator: text('indicator'),
    evidence: text('evidence'),
    owner: text('owner'),
    owners: text('owners').array(),
    /** `owner` folded for the owner filter (OWNER_FOLDED); written by the database, never by khcl. */
    ownerFolded: text('owner_folded').generatedAlwaysAs(OWNER_FOLDED),
    timeline: text('timeline'),
    /** First day of the start month (the contract's `YYYY-MM`). */
    timelineStart: date('timeline_start', { mode: 'string' }),
    /** First day of the end month. */
    timelineEnd: date('timeline_end', { mode: 'string' }),
    budgetText: text('budget_text'),
    budgetVnd: bigint('budget_vnd', { mode: 'number' }),
    fundingSource: text('funding_source'),
    statusText: text('status_text'),
    status: text('status').$type<TaskStatus>(),
    // reports (2018 form)
    planned: text('planned'),
    adjusted: text('adjusted'),
    done: text('done'),
    inProgress: text('in_progress'),
    notDone: text('not_done'),
    extra: jsonb('extra').$type<Record<string, string>>().notNull().default({}),
    provenance: jsonb('provenance').$type<Provenance>().notNull(),
    confidence: real('confidence').notNull(),
  },
  (t) => [
    // The key makes "half an extraction twice" impossible even if two writers raced.
    primaryKey({ columns: [t.documentId, t.ordinal] }),
    index('items_criterion_idx').on(t.criterion),
    index('items_standard_idx').on(t.standard),
    index('items_budget_idx').on(t.budgetVnd),
    // Sums read items per document (src/query/aggregates.ts): this covers the grouping columns
    // and the amount, so a sum over every item is an index-only scan already in group order.
    index('items_document_standard_criterion_idx').on(t.documentId, t.standard, t.criterion, t.budgetVnd),
    // Full-text search (src/query/fold.ts, itemSearchVector): the folded text of the searched
    // fields. It must stay the query's expression exactly or the planner will not use it;
    // test/query/items.test.ts checks that a search is served by this index.
    index('items_search_idx').using('gin', ITEM_SEARCH_VECTOR),
  ],
);

/** The grains of {@link itemSums}: what a row's `documents` counts documents with an item in. */
export const ITEM_SUM_GRAINS = { criterion: 1, standard: 2, document: 3 } as const;

/**
 * Item counts and budget sums per document facts (kind, form, circular, level, school year, copy
 * or not) and standard and criterion: what sums read instead of every item. Kept by triggers on
 * `items` and `documents` (migration 0003) in the transaction that changes them, whatever the
 * statement (a re-extraction, a copy link, a deleted document), as rows of changes added up on
 * reading; src/store/item-sums.ts folds them together now and then. A grain-1 row counts the
 * documents with an item of its criterion, grain 2 of its standard, grain 3 with any item.
 */
export const itemSums = pgTable(
  'item_sums',
  {
    grain: smallint('grain').notNull(),
    kind: text('kind').$type<Kind>(),
    form: text('form').$type<Form>(),
    circular: text('circular'),
    schoolLevel: text('school_level').$type<SchoolLevel>(),
    schoolYear: text('school_year'),
    isCopy: boolean('is_copy').notNull(),
    standard: integer('standard'),
    criterion: text('criterion'),
    items: integer('items').notNull(),
    withBudget: integer('with_budget').notNull(),
    totalVnd: numeric('total_vnd').notNull(),
    documents: integer('documents').notNull(),
    /** Every key column as one text: what folding rows together groups by. */
    cell: text('cell')
      .notNull()
      .generatedAlwaysAs(
        sql.raw(
          `"grain"::text || '|' || coalesce("kind", '') || '|' || coalesce("form", '') || '|' || coalesce("circular", '') || '|' || coalesce("school_level", '') || '|' || coalesce("school_year", '') || '|' || "is_copy"::text || '|' || coalesce("standard"::text, '') || '|' || coalesce("criterion", '')`,
        ),
      ),
  },
  (t) => [index('item_sums_cell_idx').on(t.cell)],
);

/** Focus issues of a 2026-form plan ("Tóm tắt các vấn đề trọng tâm cần cải tiến"). */
export const focusIssues = pgTable(
  'focus_issues',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    rowNo: text('row_no'),
    standard: integer('standard'),
    criterion: text('criterion'),
    currentState: text('current_state'),
    limitation: text('limitation'),
    cause: text('cause'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.ordinal] })],
);

/** Monitoring table rows of a 2026-form plan. */
export const monitoringRows = pgTable(
  'monitoring_rows',
  {
    documentId: integer('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    ordinal: integer('ordinal').notNull(),
    when: text('when'),
    content: text('content'),
    result: text('result'),
    adjustment: text('adjustment'),
    assessor: text('assessor'),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.ordinal] })],
);

/** Rows added and removed, and per field name how many matched rows changed. */
export interface RowChangeCounts {
  added: number;
  removed: number;
  fields: Record<string, number>;
}

/** The change summary of a re-extraction run (the `changes` column). */
export interface RunChanges {
  items?: RowChangeCounts;
  focusIssues?: RowChangeCounts;
  monitoring?: RowChangeCounts;
  /** Document metadata field → number of documents where it changed. */
  documentFields?: Record<string, number>;
}

/** One re-extraction run: which rules, when, and what changed. */
export const extractionRuns = pgTable('extraction_runs', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  rulesVersion: text('rules_version').notNull(),
  filter: jsonb('filter').$type<Record<string, unknown>>().notNull().default({}),
  startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
  finishedAt: timestamp('finished_at', { withTimezone: true }),
  documents: integer('documents').notNull().default(0),
  changed: integer('changed').notNull().default(0),
  failed: integer('failed').notNull().default(0),
  itemsAdded: integer('items_added').notNull().default(0),
  itemsRemoved: integer('items_removed').notNull().default(0),
  changes: jsonb('changes').$type<RunChanges>().notNull().default({}),
});

export type DocumentRow = typeof documents.$inferSelect;
export type NewDocumentRow = typeof documents.$inferInsert;
export type LayoutRow = typeof layouts.$inferSelect;
export type ItemRow = typeof items.$inferSelect;
export type NewItemRow = typeof items.$inferInsert;
export type FocusIssueRow = typeof focusIssues.$inferSelect;
export type NewFocusIssueRow = typeof focusIssues.$inferInsert;
export type MonitoringRowRow = typeof monitoringRows.$inferSelect;
export type NewMonitoringRowRow = typeof monitoringRows.$inferInsert;
export type ExtractionRunRow = typeof extractionRuns.$inferSelect;
export type ItemSumRow = typeof itemSums.$inferSelect;
export type NewExtractionRunRow = typeof extractionRuns.$inferInsert;
