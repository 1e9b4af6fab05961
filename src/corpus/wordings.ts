/**
 * Column header wordings of the generated tables, by table and field, tagged by where they come
 * from, so the eval can say how the extractor does on each class:
 *
 * - `contract`: the wordings docs/extraction-contract.md itself lists;
 * - `variant`: synonyms, abbreviations and two-row forms schools use (issue 15: ND, KH, KP, TG,
 *   GP, TC, "Đang thực hiện", "chậm tiến độ", "Chưa thực hiện", "Xây dựng đầu năm", "Điều chỉnh");
 * - `unlisted`: the held-out set (wordings-heldout.ts), never to be copied into the extractor;
 * - `blank`: a header row with no text; `numbered`: a header row of "(1)", "(2)", … only.
 */
import { UNLISTED, UNLISTED_UNIT_HEADERS } from './wordings-heldout.js';
import type { HeaderUnit } from './money.js';

export type WordingClass = 'contract' | 'variant' | 'unlisted' | 'blank' | 'numbered';
export const WORDING_CLASSES: readonly WordingClass[] = ['contract', 'variant', 'unlisted', 'blank', 'numbered'];

export type TableKind = 'plan' | 'report' | 'tasks';

export type PlanField = 'rowNo' | 'standard' | 'criterion' | 'level' | 'target' | 'solution' | 'owner' | 'timeline' | 'budgetText' | 'support' | 'note';
export type ReportField = 'rowNo' | 'standard' | 'criterion' | 'level' | 'planned' | 'adjusted' | 'done' | 'inProgress' | 'notDone' | 'note';
export type TaskField = 'rowNo' | 'content' | 'target' | 'solution' | 'indicator' | 'timeline' | 'owner' | 'budgetText' | 'evidence' | 'statusText' | 'note';
export type Field = PlanField | ReportField | TaskField;

interface Pools {
  contract: string[];
  variant: string[];
}

const shared = {
  rowNo: { contract: ['TT', 'STT'], variant: ['Số TT', 'TT.'] },
  standard: { contract: ['Tiêu chuẩn'], variant: ['TC', 'Tiêu chuẩn số'] },
  criterion: { contract: ['Tiêu chuẩn, tiêu chí', 'Tiêu chí'], variant: ['TC, tiêu chí', 'Tiêu chuẩn/tiêu chí', 'Tiêu chí cần cải tiến', 'Tên tiêu chí'] },
  level: { contract: ['Mức'], variant: ['Mức đạt', 'Mức cần đạt', 'Mức độ đạt'] },
  note: { contract: ['Ghi chú'], variant: ['Ghi chú khác'] },
} satisfies Record<string, Pools>;

export const WORDINGS: { plan: Record<PlanField, Pools>; report: Record<ReportField, Pools>; tasks: Record<TaskField, Pools> } = {
  plan: {
    ...shared,
    target: {
      contract: ['Kết quả cần đạt (so với hiện trạng)', 'Mục tiêu cần đạt', 'Kết quả/sản phẩm', 'Điểm yếu cần khắc phục / kết quả cần đạt'],
      variant: ['Mục tiêu', 'Kết quả cần đạt', 'Kết quả dự kiến', 'Sản phẩm/kết quả cần đạt', 'MT cần đạt'],
    },
    solution: {
      contract: ['Công việc/giải pháp cần thực hiện', 'Biện pháp thực hiện', 'Giải pháp', 'Nội dung'],
      variant: ['GP thực hiện', 'ND công việc', 'Các giải pháp', 'Biện pháp', 'Nội dung công việc/giải pháp', 'Giải pháp thực hiện', 'ND, GP cần thực hiện'],
    },
    owner: {
      contract: ['Chủ trì và phối hợp thực hiện', 'Người chịu trách nhiệm', 'Người thực hiện'],
      variant: ['Người phụ trách', 'Chủ trì, phối hợp', 'Đơn vị thực hiện', 'Phân công thực hiện', 'Bộ phận thực hiện', 'Người/bộ phận thực hiện'],
    },
    timeline: {
      contract: ['Thời gian thực hiện và hoàn thành', 'Thời gian'],
      variant: ['TG thực hiện', 'Thời gian thực hiện', 'TG hoàn thành', 'Tiến độ', 'TG thực hiện và hoàn thành'],
    },
    budgetText: {
      contract: ['Dự kiến kinh phí'],
      variant: ['KP dự kiến', 'Kinh phí', 'Kinh phí dự kiến', 'Dự trù kinh phí', 'Nguồn kinh phí', 'Dự kiến KP'],
    },
    support: { contract: ['Điều kiện hỗ trợ khác'], variant: ['Điều kiện hỗ trợ', 'ĐK hỗ trợ khác', 'Hỗ trợ khác'] },
  },
  report: {
    ...shared,
    planned: {
      contract: ['ND kế hoạch xây dựng đầu năm'],
      variant: ['ND Kế hoạch cải tiến chất lượng được XD đầu năm', 'ND KH xây dựng đầu năm', 'Nội dung kế hoạch đề ra', 'Kế hoạch ban đầu'],
    },
    adjusted: {
      contract: ['ND kế hoạch đã được điều chỉnh'],
      variant: ['ND KH đã điều chỉnh', 'Nội dung kế hoạch điều chỉnh', 'KH điều chỉnh'],
    },
    done: {
      contract: ['Những công việc đã triển khai xong', 'Đã hoàn thành'],
      variant: ['Đã triển khai xong theo đúng KH', 'Công việc đã hoàn thành', 'Đã thực hiện xong'],
    },
    inProgress: {
      contract: ['Đang triển khai, chậm so với kế hoạch (lý do)'],
      variant: ['Đang thực hiện hoặc chậm tiến độ (lý do)', 'Đang triển khai/chậm so với KH', 'Đang thực hiện, chậm so với kế hoạch', 'Đang triển khai, chậm tiến độ (lý do)'],
    },
    notDone: {
      contract: ['Chưa triển khai (lý do)'],
      variant: ['Chưa thực hiện (lý do)', 'Chưa triển khai', 'Những công việc chưa thực hiện', 'Chưa thực hiện'],
    },
  },
  tasks: {
    rowNo: { contract: ['TT'], variant: ['STT'] },
    content: { contract: ['Nội dung cải tiến', 'Nội dung'], variant: ['ND cải tiến', 'Vấn đề cần cải tiến', 'Nhiệm vụ cải tiến'] },
    target: { contract: ['Mục tiêu cải tiến', 'Mục tiêu'], variant: ['MT cải tiến', 'Mục tiêu cần đạt'] },
    solution: { contract: ['Hoạt động/giải pháp', 'Giải pháp'], variant: ['GP', 'Hoạt động', 'Biện pháp', 'Hoạt động, giải pháp'] },
    indicator: { contract: ['Chỉ số đánh giá kết quả', 'Chỉ số kết quả'], variant: ['Chỉ số', 'Chỉ số đánh giá'] },
    timeline: { contract: ['Thời gian thực hiện', 'Thời gian'], variant: ['TG thực hiện', 'TG'] },
    owner: { contract: ['Đơn vị/cá nhân phụ trách', 'Phụ trách'], variant: ['Người phụ trách', 'Đơn vị phụ trách', 'Cá nhân/đơn vị phụ trách'] },
    budgetText: { contract: ['Nguồn lực bảo đảm', 'Nguồn lực'], variant: ['Kinh phí', 'Nguồn lực, kinh phí', 'KP/nguồn lực'] },
    evidence: { contract: ['Thông tin, dữ liệu hoặc minh chứng dự kiến', 'Minh chứng dự kiến'], variant: ['Minh chứng', 'MC dự kiến', 'Dữ liệu, minh chứng'] },
    statusText: { contract: ['Mức độ thực hiện', 'Mức độ'], variant: ['Tình trạng', 'Kết quả thực hiện', 'Mức độ hoàn thành'] },
    note: shared.note,
  },
};

/** Budget headers that state a unit; the unit then applies to bare numbers in the cells. */
export const UNIT_HEADERS: Record<Exclude<HeaderUnit, 'none'>, Pools & { unlisted: readonly string[] }> = {
  trieu: { contract: ['Kinh phí (triệu đồng)'], variant: ['Dự kiến kinh phí (triệu đồng)', 'KP dự kiến (triệu đồng)', 'Kinh phí (tr.đ)'], unlisted: UNLISTED_UNIT_HEADERS.trieu },
  dong: { contract: ['Kinh phí (đồng)'], variant: ['Dự kiến kinh phí (đồng)', 'KP (đồng)'], unlisted: UNLISTED_UNIT_HEADERS.dong },
  vnd: { contract: ['Kinh phí (VNĐ)'], variant: ['Dự kiến kinh phí (VNĐ)', 'KP (VNĐ)'], unlisted: UNLISTED_UNIT_HEADERS.vnd },
};

/** Parent cells of two-row headers: the parent carries the meaning the children leave out. */
export const PARENTS = {
  /** Over planned + adjusted (reports). */
  plan: {
    contract: ['Nội dung kế hoạch cải tiến chất lượng'],
    variant: ['ND Kế hoạch cải tiến chất lượng giáo dục', 'Nội dung KH cải tiến chất lượng'],
    /** Children when the parent is there: short, meaningful only under it. */
    children: { planned: ['Xây dựng đầu năm', 'Đề ra đầu năm', 'Ban đầu'], adjusted: ['Điều chỉnh', 'Đã điều chỉnh', 'Sau điều chỉnh'] },
  },
  /** Over done + inProgress + notDone (reports). */
  results: {
    contract: ['Kết quả thực hiện'],
    variant: ['Kết quả thực hiện kế hoạch', 'KQ thực hiện'],
    children: {
      done: ['Đã hoàn thành', 'Đã triển khai xong'],
      inProgress: ['Đang thực hiện hoặc chậm tiến độ (lý do)', 'Đang triển khai, chậm so với kế hoạch', 'Đang thực hiện'],
      notDone: ['Chưa thực hiện (lý do)', 'Chưa triển khai'],
    },
  },
  /** Over owner + timeline (plans). */
  organisation: { contract: ['Tổ chức thực hiện'], variant: ['Tổ chức thực hiện'], children: {} },
} as const;

/** The pool of a field for a class; blank and numbered are not pools (they carry no words). */
export function poolOf(table: TableKind, field: Field, cls: 'contract' | 'variant' | 'unlisted'): readonly string[] {
  if (cls === 'unlisted') return (UNLISTED[table] as Record<string, readonly string[]>)[field] ?? [];
  const pools = (WORDINGS[table] as Record<string, Pools>)[field];
  return pools ? pools[cls] : [];
}
