/**
 * What khcl says to a person, in Vietnamese or English. Errors keep their code and their English
 * message everywhere they are stored or logged (the database's `error`, the API for a client that
 * asks for nothing else); the faces render them here for the reader: the page in Vietnamese by
 * default, the CLI as `KHCL_LANG` says (English by default).
 *
 * One table per error code: the code's summary in both languages is in ERROR_CODES
 * (src/errors.ts); the rules below give the Vietnamese of each English message khcl raises, with
 * its values carried over. A message no rule knows is said as the code's Vietnamese summary with
 * the English detail after it, so nothing is lost while a translation is missing.
 */
import { ERROR_CODES, toKhclError, type ErrorCode } from './errors.js';

export const LANGS = ['vi', 'en'] as const;
export type Lang = (typeof LANGS)[number];

/** A text for a person in both languages. */
export interface Text {
  en: string;
  vi: string;
}

/** The text in `lang`. */
export const say = (lang: Lang, text: Text): string => text[lang];

/** The language a request asks for (Accept-Language, or a `KHCL_LANG` value): Vietnamese when it prefers vi, else English. */
export function langOf(value: string | undefined | null, fallback: Lang = 'en'): Lang {
  if (!value) return fallback;
  const first = value.split(',')[0].trim().toLowerCase();
  if (first.startsWith('vi')) return 'vi';
  if (first.startsWith('en')) return 'en';
  return fallback;
}

/** "120.5" → "120,5": Vietnamese writes a decimal comma. */
const dec = (n: string) => n.replace('.', ',');

/** Document statuses as the page names them. */
const STATUS_VI: Record<string, string> = { queued: 'đang chờ', ingesting: 'đang đọc tệp', extracting: 'đang trích xuất', stored: 'đã xử lý', failed: 'lỗi' };

/** Filter and parameter names (src/query/filter.ts) as the page's form names them. */
const PARAM_VI: Record<string, string> = {
  schoolYear: 'Năm học',
  school: 'Trường',
  schoolLevel: 'Cấp học',
  kind: 'Loại văn bản',
  form: 'Mẫu',
  circular: 'Thông tư',
  documentId: 'Văn bản',
  standard: 'Tiêu chuẩn',
  criterion: 'Tiêu chí',
  level: 'Mức',
  owner: 'Người phụ trách',
  budgetMin: 'Kinh phí từ',
  budgetMax: 'Kinh phí đến',
  noBudget: 'Không có kinh phí',
  from: 'Từ tháng',
  to: 'Đến tháng',
  status: 'Trạng thái',
  lowConfidence: 'Độ tin cậy dưới',
  search: 'Từ khoá',
  limit: 'Số dòng',
  offset: 'Bỏ qua',
  sort: 'Sắp xếp',
  by: 'Nhóm theo',
  format: 'Định dạng',
  headers: 'Tiêu đề cột',
};

/** zod messages of the filter schemas (src/query/filter.ts). */
const ISSUE_VI: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must look like (.+)$/, (m) => `phải có dạng ${m[1]}`],
  [/^the second year must come after the first$/, () => 'năm sau phải lớn hơn năm trước'],
  [/^must be a month, YYYY-MM$/, () => 'phải là một tháng, dạng YYYY-MM'],
  [/^must not be above budgetMax$/, () => 'không được lớn hơn "Kinh phí đến"'],
  [/^must not be after to$/, () => 'không được sau "Đến tháng"'],
  [/^Invalid option: expected one of (.+)$/, (m) => `phải là một trong ${m[1]}`],
  [/^Too big: expected \w+ to be <=?(.+)$/, (m) => `phải không lớn hơn ${m[1]}`],
  [/^Too small: expected \w+ to be >=?(.+)$/, (m) => `phải không nhỏ hơn ${m[1]}`],
  [/^Invalid input: expected (\w+), received (\w+)$/, () => 'sai kiểu giá trị'],
];

/** A zod message said in Vietnamese, or as it is. */
function zodVi(message: string): string {
  const rule = ISSUE_VI.find(([re]) => re.test(message));
  return rule ? rule[1](rule[0].exec(message)!) : message;
}

function issueVi(issue: string): string {
  const unknown = /^unknown parameters?: (.+)$/.exec(issue);
  if (unknown) return `tham số không được hỗ trợ: ${unknown[1]}`;
  const at = issue.indexOf(': ');
  const [key, message] = at > 0 ? [issue.slice(0, at), issue.slice(at + 2)] : ['', issue];
  return key ? `${PARAM_VI[key] ?? key}: ${zodVi(message)}` : zodVi(message);
}

type Rule = [RegExp, (m: RegExpExecArray) => string];

/** The Vietnamese of khcl's English messages, per code. */
const VI: Partial<Record<ErrorCode, Rule[]>> = {
  'file.empty': [[/^the file is empty \(0 bytes\)$/, () => 'tệp rỗng (0 byte)']],
  'file.unsupported': [
    [/^a plain text file, not a DOCX, DOC, PDF or image$/, () => 'tệp chữ thuần, không phải DOCX, DOC, PDF hay ảnh'],
    [/^not a DOCX, DOC, PDF or image file$/, () => 'không phải tệp DOCX, DOC, PDF hay ảnh'],
    [/^an Excel or PowerPoint file, not a Word document or PDF$/, () => 'tệp Excel hoặc PowerPoint, không phải văn bản Word hay PDF'],
    [/^an RTF file; save it as DOCX or PDF$/, () => 'tệp RTF; hãy lưu lại dạng DOCX hoặc PDF'],
    [/^a Word 6\.0\/95 document; open it in Word and save it as DOCX$/, () => 'văn bản Word 6.0/95; hãy mở bằng Word và lưu lại dạng DOCX'],
    [/^a ZIP archive, not a document \(archives are opened/, () => 'tệp nén ZIP lồng quá sâu, không phải văn bản (tệp nén chỉ được mở đến 3 lớp lồng nhau)'],
    [/^a ZIP archive, not a document/, () => 'tệp nén ZIP, không phải văn bản (hãy dùng khcl import hoặc tải lên để giải nén)'],
    [/^refused archive entry: .* \(absolute and \.\.\/ paths are not extracted\)$/, () => 'từ chối mục trong tệp nén: đường dẫn tuyệt đối hoặc có "../" không được giải nén'],
    [/^not a file$/, () => 'không phải một tệp'],
  ],
  'file.encrypted': [[/^the (DOCX|DOC|PDF) is password-protected/, (m) => `tệp ${m[1]} có mật khẩu; hãy lưu lại không đặt mật khẩu`]],
  'file.too_large': [
    [/^the file is ([\d.]+) MB, above the limit of ([\d.]+) MB$/, (m) => `tệp ${dec(m[1])} MB, vượt giới hạn ${dec(m[2])} MB`],
    [/^the file is larger than the upload limit of ([\d.]+) MB$/, (m) => `tệp lớn hơn giới hạn tải lên ${dec(m[1])} MB`],
  ],
  'file.corrupt': [
    [/^not a readable (DOCX|DOC|PDF) \((.*)\)$/s, (m) => `tệp ${m[1]} bị hỏng, không đọc được (chi tiết: ${m[2]})`],
    [/^not a readable ZIP archive \((.*)\)$/s, (m) => `tệp nén ZIP bị hỏng, không mở được (chi tiết: ${m[1]})`],
    [/^not a readable image$/, () => 'ảnh bị hỏng, không đọc được'],
    [/^the archive entry cannot be read \((.*)\)$/s, (m) => `không đọc được mục này trong tệp nén (chi tiết: ${m[1]})`],
  ],
  'file.not_found': [[/^no such file or directory: (.*)$/, (m) => `không có tệp hay thư mục ${m[1]}`], [/^no such file$/, () => 'không có tệp này']],
  'limit.exceeded': [
    [/^the archive has more than (\d+) files; the rest is not imported$/, (m) => `tệp nén có hơn ${m[1]} tệp; phần còn lại không được nhận`],
    [/^refused archive entry: it expands (\d+)×, above the limit of (\d+)×$/, (m) => `từ chối mục trong tệp nén: giải nén ra gấp ${m[1]} lần, vượt giới hạn ${m[2]} lần (nghi là "bom nén")`],
    [/^the archive expands beyond ([\d.]+) MB; the rest is not imported$/, (m) => `tệp nén giải nén ra hơn ${dec(m[1])} MB; phần còn lại không được nhận`],
    [/^this upload holds more than (\d+) files; the rest is not taken$/, (m) => `lần tải lên này có hơn ${m[1]} tệp; phần còn lại không được nhận`],
    [/^this upload holds more than ([\d.]+) MB; the rest is not taken$/, (m) => `lần tải lên này vượt ${dec(m[1])} MB; phần còn lại không được nhận`],
    [/^this upload is larger than the limit of ([\d.]+) MB; nothing was taken$/, (m) => `lần tải lên này lớn hơn giới hạn ${dec(m[1])} MB; không nhận tệp nào`],
  ],
  'config.invalid': [
    // The CLI's options, each named as typed ("--standard: …; --school-year: …").
    [/^(--[\w-]+[^:]*: .*)$/s, (m) => `tuỳ chọn không hợp lệ — ${m[1].split('; ').map((i) => i.replace(/^([^:]+): (.*)$/s, (_all, flag: string, msg: string) => `${flag}: ${zodVi(msg)}`)).join('; ')}`],
  ],
  'extract.no_table': [[/^no plan or report table found/, () => 'không tìm thấy bảng kế hoạch hay báo cáo (không bảng nào có tiêu đề cột của bảng KH hoặc BC)']],
  'auth.required': [
    [/^this request needs a token/, () => 'yêu cầu này cần mã truy cập (token)'],
    [/^no API tokens are configured \(KHCL_API_TOKENS\), so no token is valid$/, () => 'máy chủ chưa cấu hình mã truy cập nào (KHCL_API_TOKENS), nên không ai ghi được; hãy báo người quản trị'],
    [/^the token is not valid$/, () => 'mã truy cập không đúng'],
  ],
  'not.found': [
    [/^no document (\d+)$/, (m) => `không có văn bản mã ${m[1]}`],
    [/^no item (\d+) in document (\d+)$/, (m) => `văn bản mã ${m[2]} không có mục ${m[1]}`],
    [/^no route \w+ (.*)$/, (m) => `không có địa chỉ ${m[1]}`],
  ],
  'rate.limited': [
    [/^this token has sent (\d+) files in the last hour, the most allowed; retry in (\d+) min$/, (m) => `mã truy cập này đã gửi ${m[1]} tệp trong một giờ qua, mức tối đa cho phép; thử lại sau ${m[2]} phút`],
    [/^this token has sent ([\d.]+) MB in the last hour, the most allowed; retry in (\d+) min$/, (m) => `mã truy cập này đã gửi ${dec(m[1])} MB trong một giờ qua, mức tối đa cho phép; thử lại sau ${m[2]} phút`],
    [/^too many requests: at most (\d+) a minute from one address; retry in (.*)$/, (m) => `quá nhiều yêu cầu: tối đa ${m[1]} yêu cầu một phút từ một địa chỉ; thử lại sau ${m[2]}`],
  ],
  'document.no_layout': [[/^document (\d+) has no stored layout yet \(status (\w+)\)$/, (m) => `văn bản mã ${m[1]} chưa đọc xong tệp, chưa có gì để trích xuất lại (trạng thái: ${STATUS_VI[m[2]] ?? m[2]})`]],
  'request.invalid': [
    [/^invalid (?:query|path|body): (.*)$/s, (m) => `giá trị không hợp lệ — ${m[1].split('; ').map(issueVi).join('; ')}`],
    [/^no file in the upload/, () => 'không có tệp nào trong yêu cầu tải lên'],
    [/^the multipart body is malformed/, () => 'nội dung tải lên bị hỏng hoặc không trọn vẹn'],
  ],
};

/** A message (code and English text, as raised or stored) in `lang`. */
export function localize(code: string, message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const known = code in ERROR_CODES ? ERROR_CODES[code as ErrorCode] : undefined;
  for (const [re, vi] of VI[code as ErrorCode] ?? []) {
    const m = re.exec(message);
    if (m) return vi(m);
  }
  if (!known) return message;
  return message === known.summary || !message ? known.vi : `${known.vi} (${message})`;
}

/** Any thrown value as one line for a person, `file: reason`, in `lang`. */
export function explain(e: unknown, lang: Lang, file?: string): string {
  const err = toKhclError(e, file);
  const said = localize(err.code, err.message, lang);
  const where = err.file ?? file;
  return where ? `${where}: ${said}` : said;
}
