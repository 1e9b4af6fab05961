// What the API's values (the extraction contract's English names) are called on the page,
// and how numbers and dates are written for a Vietnamese reader.

const money = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });

/** 250000000 → "250.000.000 đ"; null → "—" (no amount stated, not zero). */
export const vnd = (n) => (n == null ? '—' : `${money.format(n)} đ`);

export const SCHOOL_LEVEL = {
  preschool: 'Mầm non',
  primary: 'Tiểu học',
  'lower-secondary': 'THCS',
  'upper-secondary': 'THPT',
  'multi-level': 'Nhiều cấp học',
};
export const KIND = { plan: 'Kế hoạch', report: 'Báo cáo' };

/** A segment's pages: "trang 5–6", "trang 3" (a Word file has none: ""). */
export const segmentPages = (s) => (!s?.pages ? '' : s.pages.first === s.pages.last ? `trang ${s.pages.first}` : `trang ${s.pages.first}–${s.pages.last}`);

/** Where a document sits in a file holding several: "văn bản 2/3 trong tệp, trang 5–6"; "" for a file of one. */
export const segmentText = (s) => (s ? [`văn bản ${s.number}/${s.of} trong tệp`, segmentPages(s)].filter(Boolean).join(', ') : '');
export const FORM = { 'criterion-rows': 'Theo tiêu chí', 'task-rows': 'Theo nhiệm vụ (TT 57/2026)' };
export const DOC_STATUS = {
  queued: 'Đang chờ',
  ingesting: 'Đang đọc tệp',
  extracting: 'Đang trích xuất',
  stored: 'Đã xử lý',
  failed: 'Lỗi',
};
export const BUSY = new Set(['queued', 'ingesting', 'extracting']);
export const TASK_STATUS = { done: 'Hoàn thành', 'in-progress': 'Đang thực hiện', 'not-done': 'Chưa hoàn thành' };

/** Item fields (provenance cell fields too) as the table headers of the documents call them. */
export const FIELD = {
  standard: 'Tiêu chuẩn',
  criterion: 'Tiêu chí',
  criterionName: 'Tên tiêu chí',
  level: 'Mức',
  rowNo: 'TT',
  content: 'Nội dung cải tiến',
  target: 'Kết quả cần đạt',
  solution: 'Giải pháp',
  support: 'Điều kiện hỗ trợ khác',
  indicator: 'Chỉ số đánh giá',
  evidence: 'Minh chứng dự kiến',
  owner: 'Chủ trì, phối hợp',
  timeline: 'Thời gian',
  budgetText: 'Kinh phí',
  fundingSource: 'Nguồn kinh phí',
  statusText: 'Mức độ thực hiện',
  planned: 'Kế hoạch đầu năm',
  adjusted: 'Kế hoạch điều chỉnh',
  done: 'Đã hoàn thành',
  inProgress: 'Đang triển khai',
  notDone: 'Chưa triển khai',
  note: 'Ghi chú',
};

export const label = (table, value) => (value == null ? '—' : (table[value] ?? value));

/** "2020-09" → "09/2020". */
export const month = (m) => (m ? `${m.slice(5)}/${m.slice(0, 4)}` : '');

/** A file's size: 812 → "812 B", 45_312 → "44,3 KB", 3_400_000 → "3,2 MB". */
const size1 = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
export function fileSize(n) {
  if (n == null) return '';
  if (n < 1024) return `${n} B`;
  return n < 1024 * 1024 ? `${size1.format(n / 1024)} KB` : `${size1.format(n / 1024 / 1024)} MB`;
}

/** 0.8731 → "87%". */
export const percent = (r) => (r == null ? '—' : `${Math.round(r * 100)}%`);

/** "Tiêu chí 3.1" with the name the document or the registry gives it. */
export function criterionTitle(item) {
  const code = item.criterion ? `Tiêu chí ${item.criterion}` : item.rowNo ? `Mục ${item.rowNo}` : 'Không rõ tiêu chí';
  const name = item.criterionName ?? item.criterionRegistryName;
  return name ? `${code}: ${name}` : code;
}

/** The two text columns of an item, whichever form it has (plan, report or 2026 task). */
export const mainText = (it) => it.target ?? it.content ?? it.planned ?? it.adjusted ?? '';
export const secondText = (it) => it.solution ?? it.done ?? it.inProgress ?? it.notDone ?? '';

/** Create an element with text content and attributes (never innerHTML: cells hold document text). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') node.className = v;
    else if (k === 'text') node.textContent = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? '' : v);
  }
  node.append(...children.filter((c) => c != null));
  return node;
}
