/** Messages in Vietnamese and English: one table per error code, khcl's English messages rendered with their values. */
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, KhclError } from '../src/errors.js';
import { explain, langOf, localize } from '../src/messages.js';

describe('messages for a person', () => {
  it('has a Vietnamese summary for every error code', () => {
    for (const [code, e] of Object.entries(ERROR_CODES)) {
      expect(e.vi, code).toMatch(/[a-zđ]/);
      expect(e.vi, code).not.toBe(e.summary);
    }
  });

  it.each([
    ['file.empty', 'the file is empty (0 bytes)', 'tệp rỗng (0 byte)'],
    ['file.too_large', 'the file is 120.5 MB, above the limit of 100.0 MB', 'tệp 120,5 MB, vượt giới hạn 100,0 MB'],
    ['auth.required', 'this request needs a token: Authorization: Bearer <token>', 'yêu cầu này cần mã truy cập (token)'],
    ['limit.exceeded', 'this upload holds more than 5000 files; the rest is not taken', 'lần tải lên này có hơn 5000 tệp; phần còn lại không được nhận'],
    ['rate.limited', 'this token has sent 20000 files in the last hour, the most allowed; retry in 12 min', 'mã truy cập này đã gửi 20000 tệp trong một giờ qua, mức tối đa cho phép; thử lại sau 12 phút'],
    ['request.invalid', 'invalid query: schoolYear: must look like 2024-2025; standard: Too big: expected number to be <=5', 'giá trị không hợp lệ — Năm học: phải có dạng 2024-2025; Tiêu chuẩn: phải không lớn hơn 5'],
    ['config.invalid', '--standard: Too big: expected number to be <=5', 'tuỳ chọn không hợp lệ — --standard: phải không lớn hơn 5'],
  ])('says %s "%s" in Vietnamese', (code, en, vi) => {
    expect(localize(code, en, 'vi')).toBe(vi);
    expect(localize(code, en, 'en')).toBe(en);
  });

  it('says a message it has no rule for as the code summary with the detail after it', () => {
    expect(localize('file.corrupt', 'bad xref at 1234', 'vi')).toBe('tệp bị hỏng, không đọc được (bad xref at 1234)');
    expect(localize('not-a-code', 'something', 'vi')).toBe('something');
  });

  it('reads the language asked for, and names the file in one line', () => {
    expect(langOf('vi-VN,vi;q=0.9,en;q=0.8')).toBe('vi');
    expect(langOf('en-US,vi;q=0.5')).toBe('en');
    expect(langOf(undefined)).toBe('en');
    expect(langOf('fr', 'vi')).toBe('vi');
    expect(explain(new KhclError('file.empty', 'the file is empty (0 bytes)'), 'vi', 'a/rong.docx')).toBe('a/rong.docx: tệp rỗng (0 byte)');
  });
});
