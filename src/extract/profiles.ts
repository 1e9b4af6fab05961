/**
 * The tables khcl knows, each as the fields its columns carry and the header wordings seen for
 * each field. This is the one home of header synonyms: add a wording here and every format, the
 * eval and re-extraction pick it up. Wordings are matched by words, accent- and typo-tolerant
 * (header-match.ts), so list each distinct phrasing once, not its spelling variants.
 */
import { phrase, type Phrase } from './header-match.js';

export type ProfileName = 'plan' | 'report' | 'tasks' | 'focus' | 'monitoring' | 'results-matrix';

export interface TableProfile {
  name: ProfileName;
  fields: Record<string, Phrase[]>;
  /** Fields at least one of which must be found, per group, for a table to be of this profile. */
  required: string[][];
  /** How many fields beyond the required must match. */
  minFields: number;
}

const p = (...texts: string[]) => texts.map(phrase);

const rowNo = p('TT', 'STT', 'Số TT', 'Số thứ tự');
const criterion = p(
  'Tiêu chuẩn, tiêu chí',
  'Tên tiêu chí',
  'Tiêu chí',
  'Nội dung tiêu chí',
  'Tiêu chí đánh giá',
  'Tiêu chuẩn tiêu chí cần cải tiến',
);
const level = p('Mức', 'Mức đạt', 'Mức độ đạt', 'Mức tiêu chí cần đạt', 'Mức đánh giá', 'Mức cần đạt');
const note = p('Ghi chú');
// A standard column of its own (often merged vertically): read for the standard, never an extra.
const standard = p('Tiêu chuẩn');
const timeline = p('Thời gian thực hiện và hoàn thành', 'Thời gian', 'Thời gian thực hiện', 'Thời hạn hoàn thành', 'Thời hạn', 'Tiến độ');

export const PLAN: TableProfile = {
  name: 'plan',
  fields: {
    rowNo,
    standard,
    criterion,
    level,
    target: p(
      'Kết quả cần đạt (so với hiện trạng)',
      'Mục tiêu cần đạt',
      'Kết quả/sản phẩm',
      'Điểm yếu cần khắc phục / kết quả cần đạt',
      'Kết quả cần đạt',
      'Mục tiêu',
      'Sản phẩm',
      'Kết quả dự kiến',
    ),
    solution: p(
      'Công việc/giải pháp cần thực hiện',
      'Biện pháp thực hiện',
      'Giải pháp',
      'Nội dung',
      'Biện pháp',
      'Các hoạt động cần thực hiện',
      'Nội dung công việc',
      'Biện pháp cải tiến',
    ),
    owner: p(
      'Chủ trì và phối hợp thực hiện',
      'Người chịu trách nhiệm',
      'Người thực hiện',
      'Người phụ trách',
      'Bộ phận thực hiện',
      'Người/bộ phận thực hiện',
      'Chủ trì, phối hợp',
      'Đơn vị thực hiện',
      'Phân công thực hiện',
    ),
    timeline,
    budgetText: p('Dự kiến kinh phí', 'Kinh phí (đồng)', 'Kinh phí', 'Kinh phí dự kiến', 'Kinh phí thực hiện', 'Nguồn kinh phí', 'Dự trù kinh phí'),
    support: p('Điều kiện hỗ trợ khác', 'Điều kiện hỗ trợ', 'Hỗ trợ khác', 'Nguồn lực hỗ trợ'),
    note,
  },
  required: [['criterion'], ['target', 'solution']],
  minFields: 2,
};

export const REPORT: TableProfile = {
  name: 'report',
  fields: {
    rowNo,
    standard,
    criterion,
    level,
    planned: p(
      'ND kế hoạch xây dựng đầu năm',
      'ND kế hoạch cải tiến chất lượng được XD đầu năm',
      'Nội dung kế hoạch xây dựng đầu năm',
      'Kế hoạch đầu năm',
    ),
    adjusted: p('ND kế hoạch đã được điều chỉnh', 'Nội dung kế hoạch đã được điều chỉnh', 'Kế hoạch điều chỉnh'),
    done: p('Những công việc đã triển khai xong', 'Đã hoàn thành', 'Đã triển khai xong', 'Công việc đã hoàn thành'),
    inProgress: p(
      'Đang triển khai, chậm so với kế hoạch (lý do)',
      'Những công việc đang triển khai',
      'Đang triển khai',
      'Chậm so với kế hoạch',
    ),
    notDone: p('Chưa triển khai (lý do)', 'Những công việc chưa triển khai', 'Chưa triển khai', 'Chưa thực hiện'),
    note,
  },
  required: [['criterion'], ['done', 'notDone', 'inProgress']],
  minFields: 1,
};

export const TASKS: TableProfile = {
  name: 'tasks',
  fields: {
    rowNo,
    content: p('Nội dung cải tiến', 'Nội dung', 'Vấn đề cần cải tiến', 'Nhiệm vụ cải tiến'),
    target: p('Mục tiêu cải tiến', 'Mục tiêu'),
    solution: p('Hoạt động/giải pháp', 'Giải pháp', 'Hoạt động', 'Biện pháp'),
    indicator: p('Chỉ số đánh giá kết quả', 'Chỉ số kết quả', 'Chỉ số'),
    timeline,
    owner: p('Đơn vị/cá nhân phụ trách', 'Phụ trách', 'Người phụ trách', 'Đơn vị phụ trách'),
    budgetText: p('Nguồn lực bảo đảm', 'Nguồn lực', 'Kinh phí'),
    evidence: p('Thông tin, dữ liệu hoặc minh chứng dự kiến', 'Minh chứng dự kiến', 'Minh chứng'),
    statusText: p('Mức độ thực hiện', 'Mức độ', 'Kết quả thực hiện', 'Tình trạng'),
    note,
  },
  required: [['content', 'solution'], ['indicator', 'evidence', 'budgetText', 'statusText']],
  minFields: 3,
};

export const FOCUS: TableProfile = {
  name: 'focus',
  fields: {
    rowNo,
    standard: p('Tiêu chuẩn'),
    criterion: p('Tiêu chí'),
    currentState: p('Đánh giá hiện trạng', 'Hiện trạng'),
    limitation: p('Điểm hạn chế', 'Hạn chế'),
    cause: p('Nguyên nhân của hạn chế', 'Nguyên nhân'),
  },
  required: [['criterion'], ['limitation', 'cause', 'currentState']],
  minFields: 1,
};

export const MONITORING: TableProfile = {
  name: 'monitoring',
  fields: {
    when: p('Thời điểm', 'Thời điểm theo dõi'),
    content: p('Nội dung theo dõi', 'Nội dung'),
    result: p('Kết quả thực hiện', 'Kết quả'),
    adjustment: p('Điều chỉnh (nếu có)', 'Điều chỉnh'),
    assessor: p('Người đánh giá', 'Người theo dõi'),
  },
  required: [['when'], ['result', 'assessor', 'adjustment']],
  minFields: 1,
};

/**
 * A self-assessment results matrix ("Mức 1 / Mức 2 / Mức 3" over indicators "a b c", cells
 * marked "x"): keyed by criterion but not a plan. Recognised so it is never taken for one.
 */
export const RESULTS_MATRIX: TableProfile = {
  name: 'results-matrix',
  fields: {
    criterion,
    level1: p('Mức 1'),
    level2: p('Mức 2'),
    level3: p('Mức 3'),
    indicator: p('Chỉ báo'),
  },
  required: [['level1', 'level2', 'level3']],
  minFields: 1,
};

export const PROFILES: readonly TableProfile[] = [PLAN, REPORT, TASKS, FOCUS, MONITORING, RESULTS_MATRIX];
