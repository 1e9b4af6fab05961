import { describe, expect, it } from 'vitest';
import { parseStatus } from '../../src/normalize/index.js';

describe('parseStatus reads the 2026 form status column', () => {
  it.each([
    { text: 'Hoàn thành', status: 'done' },
    { text: 'Đã hoàn thành', status: 'done' },
    { text: 'HOÀN THÀNH', status: 'done' },
    { text: 'hoan thanh', status: 'done' },
    { text: 'Hoàn thành (100%)', status: 'done' },
    { text: 'Đang thực hiện', status: 'in-progress' },
    { text: 'Đang triển khai', status: 'in-progress' },
    { text: 'Đang thực hiện, chậm tiến độ', status: 'in-progress' },
    { text: 'Chưa hoàn thành', status: 'not-done' },
    { text: 'Chưa thực hiện', status: 'not-done' },
    { text: 'Chưa triển khai', status: 'not-done' },
    { text: 'chua trien khai', status: 'not-done' },
  ])('reads $text as $status', ({ text, status }) => {
    expect(parseStatus(text)).toBe(status);
  });

  it.each([null, '', 'x', 'Tốt', 'Hoàn thànhx', '(9)'])('reads %j as no status', (text) => {
    expect(parseStatus(text)).toBeNull();
  });
});
