/**
 * What a 2018-form report row says about its criterion, from which of its three result columns
 * say something: "Đã hoàn thành" (done), "Đang triển khai, chậm so với kế hoạch" (in progress,
 * behind plan), "Chưa triển khai" (not done). Schools fill a column they have nothing for with
 * "Không" or "Chưa", and often write "đúng tiến độ" (on schedule) in the "behind plan" column:
 * neither is a statement that something is late or missing.
 */
import { stripAccents } from '../normalize/text.js';

/** A planned item's status in the report; `missing`: the report has no row for it. */
export type LinkStatus = 'done' | 'in-progress' | 'not-done' | 'missing' | 'unknown';

/** Cell wordings that mean "nothing here", folded. */
const NOTHING = new Set(['khong', 'khong co', 'khong co gi', 'chua', 'chua co', 'ko', 'k', 'khong phat sinh', '0']);

/** "On schedule" wordings: written in the "behind plan" column, they say the opposite. */
const ON_SCHEDULE = /\b(dung|kip) (tien do|ke hoach)\b/;

function folded(text: string | null | undefined): string {
  return stripAccents(text ?? '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Whether a result cell states something (not empty, not "Không"/"Chưa"). */
export function says(text: string | null | undefined): boolean {
  const f = folded(text);
  return f !== '' && !NOTHING.has(f);
}

/** Which result columns of a report row state something. */
export interface ReportedColumns {
  done: boolean;
  inProgress: boolean;
  notDone: boolean;
}

/** The three result columns of a report row, each read with {@link says}. */
export function reportedColumns(row: { done: string | null; inProgress: string | null; notDone: string | null }): ReportedColumns {
  return {
    done: says(row.done),
    inProgress: says(row.inProgress) && !ON_SCHEDULE.test(folded(row.inProgress)),
    notDone: says(row.notDone),
  };
}

/**
 * The status of a report row: anything stated as not done makes it `not-done` (the question
 * analysts ask is "what was not done"), else anything behind plan `in-progress`, else `done` when
 * the done column states something; a row that states nothing is `unknown`.
 */
export function reportRowStatus(row: { done: string | null; inProgress: string | null; notDone: string | null }): LinkStatus {
  const c = reportedColumns(row);
  if (c.notDone) return 'not-done';
  if (c.inProgress) return 'in-progress';
  if (c.done) return 'done';
  return 'unknown';
}
