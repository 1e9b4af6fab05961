/**
 * The extraction contract (shared/spec/extraction-contract.md) as zod schemas. These names are
 * the names everywhere: the CLI's JSON, the store's columns, the API and the exports.
 */
import { z } from 'zod';

export const SCHOOL_LEVELS = ['preschool', 'primary', 'lower-secondary', 'upper-secondary', 'multi-level'] as const;
export const SchoolLevelSchema = z.enum(SCHOOL_LEVELS);
export type SchoolLevel = z.infer<typeof SchoolLevelSchema>;

export const KindSchema = z.enum(['plan', 'report']);
export type Kind = z.infer<typeof KindSchema>;

export const FormSchema = z.enum(['criterion-rows', 'task-rows']);
export type Form = z.infer<typeof FormSchema>;

export const TaskStatusSchema = z.enum(['done', 'in-progress', 'not-done']);
export type TaskStatus = z.infer<typeof TaskStatusSchema>;

const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);

export const DocumentMetaSchema = z.object({
  form: FormSchema,
  circular: z.string().nullable(),
  number: z.string().nullable(),
  place: z.string().nullable(),
  issuedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/).nullable(),
  school: z.string().nullable(),
  schoolLevel: SchoolLevelSchema.nullable(),
});
export type DocumentMeta = z.infer<typeof DocumentMetaSchema>;

/** Where an item came from: enough to show a person the source cells. */
export const ProvenanceSchema = z.object({
  /** Page of the row's first line; null where the source has no pages (DOCX). */
  page: z.number().int().positive().nullable(),
  /** Table index in the layout (the first piece, for a table stitched across pages). */
  table: z.number().int().nonnegative(),
  /** Layout row index of the item's first row. */
  row: z.number().int().nonnegative(),
  /** Every (table, row, col) that contributed text, with the field it went to. */
  cells: z.array(
    z.object({
      field: z.string(),
      table: z.number().int().nonnegative(),
      row: z.number().int().nonnegative(),
      col: z.number().int().nonnegative(),
      page: z.number().int().positive().nullable(),
    }),
  ),
  /**
   * How each field's column was decided: by its header's words (`header`), by what its cells hold
   * (`content`), or both agreeing (`both`). Absent on extractions made before rules 3.
   */
  columns: z.record(z.string(), z.enum(['header', 'content', 'both'])).optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

const text = z.string().nullable();

const itemBase = {
  standard: z.number().int().min(1).max(5).nullable(),
  criterion: z.string().regex(/^\d+\.\d+$/).nullable(),
  criterionName: text,
  level: z.number().int().min(1).max(4).nullable(),
  rowNo: text,
  note: text,
  extra: z.record(z.string(), z.string()),
  provenance: ProvenanceSchema,
  confidence: z.number().min(0).max(1),
};

const planned = {
  owner: text,
  owners: z.array(z.string()),
  timeline: text,
  timelineStart: yearMonth.nullable(),
  timelineEnd: yearMonth.nullable(),
  budgetText: text,
  budgetVnd: z.number().int().nonnegative().nullable(),
  fundingSource: text,
};

/** One criterion row of a KH table (2018 form). */
export const PlanItemSchema = z.object({
  ...itemBase,
  target: text,
  solution: text,
  support: text,
  ...planned,
});
export type PlanItem = z.infer<typeof PlanItemSchema>;

/** One criterion row of a BC table (2018 form). */
export const ReportItemSchema = z.object({
  ...itemBase,
  planned: text,
  adjusted: text,
  done: text,
  inProgress: text,
  notDone: text,
});
export type ReportItem = z.infer<typeof ReportItemSchema>;

/** One improvement task of a 2026-form plan (Circular 57/2026); reported on through `status`. */
export const TaskItemSchema = z.object({
  ...itemBase,
  content: text,
  target: text,
  solution: text,
  indicator: text,
  evidence: text,
  statusText: text,
  status: TaskStatusSchema.nullable(),
  ...planned,
});
export type TaskItem = z.infer<typeof TaskItemSchema>;

export type Item = PlanItem | ReportItem | TaskItem;

export const FocusIssueSchema = z.object({
  rowNo: text,
  standard: z.number().int().min(1).max(5).nullable(),
  criterion: z.string().nullable(),
  currentState: text,
  limitation: text,
  cause: text,
});
export type FocusIssue = z.infer<typeof FocusIssueSchema>;

export const MonitoringRowSchema = z.object({
  when: text,
  content: text,
  result: text,
  adjustment: text,
  assessor: text,
});
export type MonitoringRow = z.infer<typeof MonitoringRowSchema>;

export const ExtractionIssueSchema = z.object({
  code: z.string(),
  severity: z.enum(['info', 'warning', 'error']),
  message: z.string(),
  table: z.number().int().optional(),
  row: z.number().int().optional(),
  field: z.string().optional(),
});
export type ExtractionIssue = z.infer<typeof ExtractionIssueSchema>;

/** Where a document sits in its file: a binder of several plans and reports gives one per document. */
export const SegmentSchema = z.object({
  /** 1-based, in file order. */
  number: z.number().int().positive(),
  /** How many documents the file holds. */
  of: z.number().int().positive(),
  /** First and last page of the document in the file (both included); null where the source has no pages (DOCX). */
  pages: z.object({ first: z.number().int().positive(), last: z.number().int().positive() }).nullable(),
  /** First and last block (0-based, reading order over the whole file's layout). */
  blocks: z.object({ first: z.number().int().nonnegative(), last: z.number().int().nonnegative() }),
  /** The title line that opens the document, as read; null when none was found. */
  title: z.string().nullable(),
});
export type Segment = z.infer<typeof SegmentSchema>;

export const ExtractionSchema = z.object({
  kind: KindSchema,
  document: DocumentMetaSchema,
  items: z.array(z.union([PlanItemSchema, ReportItemSchema, TaskItemSchema])),
  focusIssues: z.array(FocusIssueSchema),
  monitoring: z.array(MonitoringRowSchema),
  issues: z.array(ExtractionIssueSchema),
  /** Set by extractDocuments (absent on extractions made one document per file, before rules 4). */
  segment: SegmentSchema.optional(),
});
export type Extraction = z.infer<typeof ExtractionSchema>;
