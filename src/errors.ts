/**
 * Typed failures. Every error khcl raises for bad input is a KhclError with a literal `code`;
 * one table says whether a code is worth retrying, which HTTP status and which CLI exit code it
 * maps to, with its summary in English and in Vietnamese (`vi`: what the page and `KHCL_LANG=vi`
 * say; src/messages.ts renders a whole message). Content problems that still leave a usable result
 * are issues (warnings as data), not errors.
 */

export const ERROR_CODES = {
  'file.empty': { retryable: false, http: 422, exit: 2, summary: 'the file is empty (0 bytes)', vi: 'tệp rỗng (0 byte)' },
  'file.unsupported': { retryable: false, http: 415, exit: 2, summary: 'not a supported document type', vi: 'không phải loại văn bản được hỗ trợ (DOCX, DOC, PDF, ảnh quét)' },
  'file.corrupt': { retryable: false, http: 422, exit: 2, summary: 'the file is damaged and cannot be read', vi: 'tệp bị hỏng, không đọc được' },
  'file.encrypted': { retryable: false, http: 422, exit: 2, summary: 'the file is password-protected', vi: 'tệp có mật khẩu; hãy lưu lại không đặt mật khẩu' },
  'file.too_large': { retryable: false, http: 413, exit: 2, summary: 'the file exceeds a configured limit', vi: 'tệp vượt giới hạn kích thước đã cấu hình' },
  'file.not_found': { retryable: false, http: 404, exit: 2, summary: 'no such file', vi: 'không có tệp này' },
  'scan.no_text': { retryable: false, http: 422, exit: 2, summary: 'scanned document: no text layer', vi: 'văn bản quét: không có lớp chữ' },
  'ocr.failed': { retryable: true, http: 500, exit: 3, summary: 'OCR failed', vi: 'nhận dạng chữ (OCR) không thành công' },
  'extract.no_table': { retryable: false, http: 422, exit: 2, summary: 'no plan or report table found', vi: 'không tìm thấy bảng kế hoạch hay báo cáo' },
  'limit.exceeded': { retryable: false, http: 413, exit: 2, summary: 'a configured limit was exceeded', vi: 'vượt giới hạn đã cấu hình' },
  'store.unavailable': { retryable: true, http: 503, exit: 3, summary: 'the database is not reachable; start PostgreSQL or check DATABASE_URL', vi: 'không kết nối được cơ sở dữ liệu; hãy khởi động PostgreSQL hoặc kiểm tra DATABASE_URL' },
  'queue.unavailable': { retryable: true, http: 503, exit: 3, summary: 'the queue is not reachable', vi: 'không kết nối được hàng đợi (Redis)' },
  'config.invalid': { retryable: false, http: 500, exit: 2, summary: 'invalid configuration', vi: 'cấu hình không hợp lệ' },
  internal: { retryable: true, http: 500, exit: 1, summary: 'internal error', vi: 'lỗi nội bộ' },
  // The HTTP API's own failures (src/api raises them as ApiErrors); the CLI never meets them.
  'request.invalid': { retryable: false, http: 400, exit: 2, summary: 'the request is invalid', vi: 'yêu cầu không hợp lệ' },
  'request.unsupported_media_type': { retryable: false, http: 415, exit: 2, summary: 'the request body has an unsupported media type', vi: 'nội dung yêu cầu có định dạng không được hỗ trợ' },
  'auth.required': { retryable: false, http: 401, exit: 2, summary: 'this request needs a valid token', vi: 'cần mã truy cập hợp lệ' },
  'not.found': { retryable: false, http: 404, exit: 2, summary: 'no such document, item or route', vi: 'không tìm thấy văn bản, mục hay địa chỉ này' },
  'document.no_layout': { retryable: false, http: 409, exit: 2, summary: 'the document has no stored layout yet', vi: 'văn bản chưa đọc xong tệp, chưa có gì để trích xuất lại' },
  'rate.limited': { retryable: true, http: 429, exit: 3, summary: 'too many requests', vi: 'quá nhiều yêu cầu, vui lòng thử lại sau' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export class KhclError extends Error {
  override name = 'KhclError';
  readonly code: ErrorCode;
  /** The file the error is about, when there is one; the CLI prints it before the reason. */
  file?: string;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message?: string,
    options?: { cause?: unknown; file?: string; details?: Record<string, unknown> },
  ) {
    super(message ?? ERROR_CODES[code].summary, { cause: options?.cause });
    this.code = code;
    this.file = options?.file;
    this.details = options?.details;
  }

  get retryable(): boolean {
    return ERROR_CODES[this.code].retryable;
  }
}

export function isKhclError(e: unknown): e is KhclError {
  return e instanceof KhclError;
}

/** Any thrown value as a KhclError: unknown failures become `internal` and keep their cause. */
export function toKhclError(e: unknown, file?: string): KhclError {
  if (e instanceof KhclError) {
    if (file && !e.file) e.file = file;
    return e;
  }
  const message = e instanceof Error ? e.message : String(e);
  return new KhclError('internal', message, { cause: e, file });
}

/** One line for a person: `file: reason`. */
export function describeError(e: unknown, file?: string): string {
  const err = toKhclError(e, file);
  const where = err.file ?? file;
  return where ? `${where}: ${err.message}` : err.message;
}
