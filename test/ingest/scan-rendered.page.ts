/** The plan page scan-rendered.test.ts reads: a letterhead in two halves, a standard column merged down 2–5 rows. */
import type { PlanPage, PlanRow } from './rendered-page.js';

const NAMES = ['Phương hướng', 'Hội đồng trường', 'Tổ chuyên môn', 'Hành chính', 'Hoạt động'];
const BUDGETS = ['2.000.000', 'Không', '15.000.000', '1.500.000', '300.000', '25.000.000', '4.200.000', 'Không', '7.500.000', '12.000.000', '600.000', '3.000.000', 'Không', '45.000.000'];
const HEADINGS = ['Tổ chức và quản lý nhà trường', 'Cán bộ quản lý, giáo viên', 'Cơ sở vật chất', 'Quan hệ với gia đình'];

let k = 0;
const row = (standard: number, i: number): PlanRow => ({
  criterion: `${standard}.${i + 1}`,
  name: NAMES[i],
  target: 'Đạt mức 2',
  solution: 'Bổ sung minh chứng',
  owner: 'Hiệu trưởng',
  timeline: `Tháng ${3 + i}/2025`,
  budget: BUDGETS[k++],
});

export const PAGE: PlanPage = {
  letterhead: {
    left: ['PHÒNG GD&ĐT HUYỆN ĐIỆN BIÊN', 'TRƯỜNG MẦM NON HOA BAN', 'Số: 15/KH-MNHB'],
    right: ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Hoa Ban, ngày 12 tháng 9 năm 2024'],
  },
  title: ['KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Năm học 2024 - 2025'],
  mergedStandard: true,
  standardAlign: 'middle',
  standards: [2, 3, 4, 5].map((n, s) => ({ standard: s + 1, heading: `Tiêu chuẩn ${s + 1}: ${HEADINGS[s]}`, rows: Array.from({ length: n }, (_, i) => row(s + 1, i)) })),
};
