import { describe, expect, it } from 'vitest';
import { schoolLevelFromName } from '../../src/normalize/index.js';

describe('schoolLevelFromName reads the level a school name states', () => {
  it.each([
    { name: 'Trường mầm non số 2 xã Thanh Yên', level: 'preschool' },
    { name: 'TRƯỜNG MẦM NON TÂY ÚC', level: 'preschool' },
    { name: 'Trường MN Hoa Sen', level: 'preschool' },
    { name: 'Trường Mẫu giáo Hoa Hồng', level: 'preschool' },
    { name: 'Nhà trẻ Sơn Ca', level: 'preschool' },
    { name: 'Trường PTDTBT Tiểu học xã Hệ Muông', level: 'primary' },
    { name: 'Trường TH Kim Đồng', level: 'primary' },
    { name: 'Truong tieu hoc Kim Dong', level: 'primary' },
    { name: 'Trường THCS Đông Sơn', level: 'lower-secondary' },
    { name: 'Trường Trung học cơ sở Đông Sơn', level: 'lower-secondary' },
    { name: 'Trường THPT Chu Văn An', level: 'upper-secondary' },
    { name: 'Trường Trung học phổ thông Chu Văn An', level: 'upper-secondary' },
    { name: 'Trường TH&THCS Hòa Bình', level: 'multi-level' },
    { name: 'Trường TH và THCS Hòa Bình', level: 'multi-level' },
    { name: 'Trường PTDTBT TH và THCS Nậm Kè', level: 'multi-level' },
    { name: 'Trường Tiểu học và THCS Lê Lợi', level: 'multi-level' },
    { name: 'Trường THCS&THPT Nguyễn Du', level: 'multi-level' },
    { name: 'Trường Liên cấp Hà Nội', level: 'multi-level' },
  ])('reads $name as $level', ({ name, level }) => {
    expect(schoolLevelFromName(name)).toBe(level);
  });

  it.each([null, '', 'UBND xã Thanh Yên', 'Trường Thanh Hà', 'Phòng GD&ĐT'])('reads %j as no level', (name) => {
    expect(schoolLevelFromName(name)).toBeNull();
  });
});
