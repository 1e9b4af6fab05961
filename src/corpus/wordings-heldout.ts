/**
 * THE HELD-OUT HEADER WORDINGS. Columns headed by these measure whether the extractor
 * understands a header it was never told about (issues 15 and 18). They must never be copied
 * into the extractor's wordings table (src/extract/wordings.json): the figure for the
 * `unlisted` class is only honest while the extractor has never seen them. Every quoted string
 * of this file counts as held out (test/extract/header-matcher.test.ts reads them as text).
 *
 * Issue 18 also names two wordings for the owner and the deadline columns; both were already
 * in the extractor's table when this set was written, so they are not held out here.
 */
export const UNLISTED = {
  plan: {
    rowNo: ['Thứ tự'],
    standard: ['Nhóm tiêu chuẩn'],
    criterion: ['Mã tiêu chí', 'Tiêu chí số'],
    level: ['Mức phấn đấu', 'Mức dự kiến đạt'],
    target: ['KQ cần đạt', 'Chỉ tiêu phấn đấu', 'Yêu cầu cần đạt được', 'Đích cần hướng tới'],
    solution: ['Việc cần làm', 'Cách thức tiến hành', 'Hoạt động triển khai', 'Các bước thực hiện'],
    owner: ['Lực lượng thực hiện', 'Cá nhân, tổ chức thực hiện', 'Đầu mối thực hiện', 'Người đảm nhận'],
    timeline: ['Thời điểm hoàn thành', 'Lộ trình', 'Hạn hoàn thành', 'Mốc thời gian'],
    budgetText: ['Dự toán kinh phí', 'KP thực hiện', 'Chi phí dự kiến', 'Ngân sách dự kiến'],
    support: ['Điều kiện đảm bảo', 'Các điều kiện khác'],
    note: ['Lưu ý'],
  },
  report: {
    rowNo: ['Thứ tự'],
    standard: ['Nhóm tiêu chuẩn'],
    criterion: ['Mã tiêu chí', 'Tiêu chí số'],
    level: ['Mức phấn đấu'],
    planned: ['Dự kiến ban đầu', 'Việc định làm đầu năm'],
    adjusted: ['Nội dung sửa đổi, bổ sung', 'Phần điều chỉnh'],
    done: ['Kết quả đạt được', 'Đã làm xong'],
    inProgress: ['Còn đang làm (nguyên nhân)', 'Việc dang dở'],
    notDone: ['Chưa làm được (nguyên nhân)', 'Việc chưa làm'],
    note: ['Lưu ý'],
  },
  tasks: {
    rowNo: ['Thứ tự'],
    content: ['Việc cần cải thiện', 'Điểm cần cải tiến'],
    target: ['Đích đến', 'Kết quả mong đợi'],
    solution: ['Cách làm', 'Các việc sẽ làm'],
    indicator: ['Thước đo kết quả', 'Căn cứ đánh giá'],
    timeline: ['Hạn chót', 'Mốc hoàn thành'],
    owner: ['Người đảm nhận', 'Đầu mối'],
    budgetText: ['Điều kiện bảo đảm', 'Dự toán'],
    evidence: ['Hồ sơ lưu', 'Sản phẩm lưu trữ'],
    statusText: ['Tiến độ đạt được', 'Đánh giá việc thực hiện'],
    note: ['Lưu ý'],
  },
} as const;

/** Budget headers stating a unit, worded outside the extractor's table. */
export const UNLISTED_UNIT_HEADERS = {
  trieu: ['Dự toán (triệu đồng)', 'Chi phí dự kiến (triệu đồng)'],
  dong: ['Dự toán kinh phí (đồng)'],
  vnd: ['Chi phí dự kiến (VNĐ)'],
} as const;

/** Every held-out wording, once: what a test checks the extractor's table against. */
export const HELD_OUT_WORDINGS: readonly string[] = [
  ...new Set([
    ...Object.values(UNLISTED).flatMap((table) => Object.values(table).flat() as string[]),
    ...Object.values(UNLISTED_UNIT_HEADERS).flat(),
  ]),
];
