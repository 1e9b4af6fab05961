/**
 * The 2026 form's status column ("Mức độ thực hiện"), read accent- and case-insensitively.
 */
import { foldText, stripAccents } from './text.js';

/** A 2026-form task's status (the contract's `status`). */
export type TaskStatus = 'done' | 'in-progress' | 'not-done';

/** Leading wording → status; "chưa …" comes first so "Chưa hoàn thành" is not read as "hoàn thành". */
const STATUS_WORDS: ReadonlyArray<readonly [string, TaskStatus]> = [
  ['chua hoan thanh', 'not-done'],
  ['chua thuc hien', 'not-done'],
  ['chua trien khai', 'not-done'],
  ['dang thuc hien', 'in-progress'],
  ['dang trien khai', 'in-progress'],
  ['da hoan thanh', 'done'],
  ['hoan thanh', 'done'],
];

/**
 * "Hoàn thành"/"Đã hoàn thành" → 'done', "Đang thực hiện"/"Đang triển khai" → 'in-progress',
 * "Chưa hoàn thành"/"Chưa thực hiện"/"Chưa triển khai" → 'not-done'; anything else null.
 */
export function parseStatus(text: string | null | undefined): TaskStatus | null {
  const cell = foldText(text);
  if (cell == null) return null;
  const plain = stripAccents(cell).replace(/^[^a-z]+/, '');
  for (const [words, status] of STATUS_WORDS) {
    if (plain === words || (plain.startsWith(words) && !/[a-z0-9]/.test(plain[words.length]))) return status;
  }
  return null;
}
