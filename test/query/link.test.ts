/** Plan ↔ report linking on every database, and the reading of a 2018 report row's result columns. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linkPlansToReports, LinkRequestSchema, reportRowStatus, says, type PlanLink } from '../../src/query/index.js';
import { DRIVERS } from '../store/support/databases.js';
import { DONGSON_TASK_5 } from './support/data.js';
import { seed, type Seeded } from './support/seed.js';

describe('report row status', () => {
  it.each([
    ['Đã hoàn thành', null, null, 'done'],
    ['Đã xây dựng kế hoạch', 'không', 'Không', 'done'],
    ['Đã sửa 2 phòng', 'Đang sửa phòng 3, chậm do thiếu kinh phí', 'Không', 'in-progress'],
    ['Đã trang bị', 'Các nội dung đã triển khai và thực hiện đúng tiến độ', 'không', 'done'],
    ['Đã thay vách ngăn', 'Được thay theo đúng kế hoạch đề ra.', 'không', 'done'],
    [null, null, 'Chưa triển khai do thiếu kinh phí', 'not-done'],
    ['Một phần đã xong', null, 'Cấp dưỡng chưa tham gia lớp', 'not-done'],
    [null, 'Chưa', 'Không có', 'unknown'],
    ['  ', '-', '0', 'unknown'],
  ] as const)('done %j, in progress %j, not done %j → %s', (done, inProgress, notDone, status) => {
    expect(reportRowStatus({ done, inProgress, notDone })).toBe(status);
  });

  it.each([
    ['không', false],
    ['KHÔNG.', false],
    ['Chưa', false],
    ['khong co', false],
    ['Không tổ chức được vì thiếu kinh phí', true],
    ['x', true],
  ])('reads %j as saying something: %s', (text, said) => {
    expect(says(text)).toBe(said);
  });
});

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`plan/report links on ${d.title}`, () => {
    let s: Seeded;
    beforeAll(async () => {
      s = await seed(d.driver);
    });
    afterAll(async () => s?.dispose());

    const link = (input: Record<string, unknown>) => linkPlansToReports(s.rt.store.db, LinkRequestSchema.parse(input));
    const statuses = (l: PlanLink) => Object.fromEntries(l.items.map((i) => [i.plan.criterion ?? i.plan.rowNo, i.status]));

    it('links a 2018 plan to the report of the same school and year, matching rows by criterion', async () => {
      const r = await link({ schoolYear: '2024-2025', school: 'hoa binh' });
      expect(r.links).toHaveLength(1);
      const [l] = r.links;
      expect([l.plan.id, l.report?.id]).toEqual([s.ids['hoabinh-kh'], s.ids['hoabinh-bc']]);
      expect(statuses(l)).toEqual({ '1.1': 'done', '3.1': 'in-progress', '3.3': 'not-done', '5.2': 'missing', '2.1': 'missing' });
      expect(l.counts).toEqual({ done: 1, 'in-progress': 1, 'not-done': 1, missing: 2, unknown: 0 });
      expect(l.unplanned.map((u) => u.criterion)).toEqual(['4.1']);
      expect(l.items[1].reported).toEqual({ done: true, inProgress: true, notDone: false });
      expect(l.items[0].plan.criterionRegistryName).toBeTruthy();
      expect(r.unlinkedReports).toEqual([]);
    });

    it('answers "which planned items were reported as not done" with a status filter', async () => {
      const r = await link({ schoolYear: '2024-2025', status: 'not-done' });
      const notDone = r.links.flatMap((l) => l.items.map((i) => `${l.plan.school} ${i.plan.criterion}`));
      expect(notDone).toEqual(['Trường Tiểu học Hòa Bình 3.3']);
      // Plans with no report in that year are listed too, every item missing.
      const all = await link({ schoolYear: '2024-2025' });
      const tayuc = all.links.find((l) => l.plan.id === s.ids['kh-2024-mn-tayuc'])!;
      expect(tayuc.report).toBeNull();
      expect(tayuc.counts.missing).toBe(25);
    });

    it('links a 2026 plan to its report task by TT, then by content, with the task statuses', async () => {
      const r = await link({ schoolYear: '2026-2027', school: 'Đông Sơn' });
      expect(r.links).toHaveLength(1);
      const [l] = r.links;
      expect(l.report?.id).toBe(s.ids['dongson-bc']);
      expect(l.items.map((i) => [i.plan.rowNo, i.status])).toEqual([
        ['1', 'in-progress'],
        ['2', 'done'],
        ['3', 'missing'],
        ['4', 'not-done'],
        ['5', 'done'],
      ]);
      expect(l.items[4].report?.content).toBe(DONGSON_TASK_5);
      expect(l.unplanned.map((u) => u.rowNo)).toEqual(['6']);
    });

    it('reads a 2026 plan whose status column is filled as its own report', async () => {
      const r = await link({ schoolYear: '2026-2027', school: 'sen hong' });
      expect(r.links[0].report?.id).toBe(s.ids['senhong-kh']);
      expect(r.links[0].items.map((i) => i.status)).toEqual(['not-done', 'done', 'unknown', 'in-progress']);
      expect(r.links[0].unplanned).toEqual([]);
    });

    it('lists a report whose school was not read as unlinked, and links it when asked by id', async () => {
      const byYear = await link({ schoolYear: '2020-2021' });
      expect(byYear.unlinkedReports.map((u) => u.id)).toEqual([s.ids['bc-2021-mn-ketqua']]);
      expect(byYear.links.map((l) => [l.plan.id, l.report])).toEqual([[s.ids['kh-2021-mn-thanhyen'], null]]);

      const r = await link({ planId: s.ids['kh-2021-mn-thanhyen'], reportId: s.ids['bc-2021-mn-ketqua'] });
      const [l] = r.links;
      expect(statuses(l)).toEqual({ '2.3': 'missing', '3.1': 'missing', '3.2': 'missing', '3.4': 'in-progress', '3.6': 'done', '5.1': 'missing', '5.3': 'missing' });
      expect(l.unplanned.map((u) => u.criterion)).toEqual(['1.7', '2.1']);
    });

    it('finds the reports of a plan given by id inside its period', async () => {
      const r = await link({ planId: s.ids['hoabinh-kh'] });
      expect(r.links[0].report?.id).toBe(s.ids['hoabinh-bc']);
    });

    it('refuses a request without a school year or a plan, and a report without its plan', () => {
      expect(LinkRequestSchema.safeParse({ school: 'x' }).success).toBe(false);
      expect(LinkRequestSchema.safeParse({ reportId: 3, schoolYear: '2024-2025' }).success).toBe(false);
      expect(LinkRequestSchema.safeParse({ schoolYear: '2024-2025', status: 'gone' }).success).toBe(false);
    });
  });
}
