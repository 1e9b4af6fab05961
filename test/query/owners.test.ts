/**
 * The owner filter understands the abbreviations owner cells are written with, both ways: a
 * store of plans whose owners are written as people write them, queried on every database, each
 * result compared with a predicate over the spelled-out roles written here by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction } from '../../src/extract/contract.js';
import { splitOwners } from '../../src/normalize/index.js';
import { sql } from 'drizzle-orm';
import { foldSql, ItemFilterSchema, listItems } from '../../src/query/index.js';
import { extractionToRows, items, registerDocument, replaceExtraction, rowsOf, sha256Hex } from '../../src/store/index.js';
import { DRIVERS, openTestStore, type TestStore } from '../store/support/databases.js';
import { plan } from './support/data.js';

/** Owner cells as written, and the roles each names, spelled out by hand. */
const OWNERS: readonly [string, readonly string[]][] = [
  ['Phó HT, Tổ trưởng CM', ['phó hiệu trưởng', 'tổ trưởng chuyên môn']],
  ['PHT', ['phó hiệu trưởng']],
  ['P.HT; GVCN', ['phó hiệu trưởng', 'giáo viên chủ nhiệm']],
  ['Phó hiệu trưởng', ['phó hiệu trưởng']],
  ['Hiệu trưởng', ['hiệu trưởng']],
  ['HT, kế toán', ['hiệu trưởng', 'kế toán']],
  ['BGH, TTCM', ['ban giám hiệu', 'tổ trưởng chuyên môn']],
  ['Tổ trưởng chuyên môn, giáo viên', ['tổ trưởng chuyên môn', 'giáo viên']],
  ['TPCM, GV, NV', ['tổ phó chuyên môn', 'giáo viên', 'nhân viên']],
  ['CBQL, GV, NV', ['cán bộ quản lý', 'giáo viên', 'nhân viên']],
  ['Cán bộ quản lý', ['cán bộ quản lý']],
  ['Trưởng Ban ĐDCMHS', ['trưởng ban đại diện cha mẹ học sinh']],
  ['BĐD CMHS, GVCN', ['ban đại diện cha mẹ học sinh', 'giáo viên chủ nhiệm']],
  ['Ban đại diện cha mẹ học sinh', ['ban đại diện cha mẹ học sinh']],
  ['Nhân viên y tế', ['nhân viên y tế']],
  ['Kế toán', ['kế toán']],
];

const extraction: Extraction = {
  kind: 'plan',
  document: { form: 'criterion-rows', circular: '19/2018', number: null, place: null, issuedOn: null, schoolYear: '2024-2025', school: 'Trường Mầm non Sơn Ca', schoolLevel: 'preschool' },
  items: OWNERS.map(([owner], n) => plan(n, { criterion: `1.${n + 1}`, owner, owners: splitOwners(owner) })),
  focusIssues: [],
  monitoring: [],
  issues: [],
};

/** The owner cells that name `role` (spelled out): a role "contains" the words asked for. */
const naming = (words: string) => OWNERS.filter(([, roles]) => roles.some((r) => r.includes(words))).map(([owner]) => owner).sort();

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`the owner filter on ${d.title}`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(d.driver);
      const bytes = new TextEncoder().encode('owners test');
      const { document } = await registerDocument(store.db, { sha256: sha256Hex(bytes), size: bytes.length, fileName: 'owners.docx' });
      await replaceExtraction(store.db, document.id, extractionToRows(document.id, extraction), 'test');
    });
    afterAll(async () => store?.dispose());

    const owners = async (owner: string) =>
      (await listItems(store.db, ItemFilterSchema.parse({ owner }), { limit: 100, offset: 0 })).items.map((i) => i.owner!).sort();

    it.each([
      ['Phó hiệu trưởng', 'phó hiệu trưởng'],
      ['phó HT', 'phó hiệu trưởng'],
      ['PHT', 'phó hiệu trưởng'],
      ['pho hieu truong', 'phó hiệu trưởng'],
      ['Hiệu trưởng', 'hiệu trưởng'],
      ['HT', 'hiệu trưởng'],
      ['Tổ trưởng chuyên môn', 'tổ trưởng chuyên môn'],
      ['TTCM', 'tổ trưởng chuyên môn'],
      ['Tổ trưởng CM', 'tổ trưởng chuyên môn'],
      ['tổ phó chuyên môn', 'tổ phó chuyên môn'],
      ['Giáo viên chủ nhiệm', 'giáo viên chủ nhiệm'],
      ['GV', 'giáo viên'],
      ['Nhân viên', 'nhân viên'],
      ['CBQL', 'cán bộ quản lý'],
      ['cán bộ quản lý', 'cán bộ quản lý'],
      ['BGH', 'ban giám hiệu'],
      ['BĐD CMHS', 'ban đại diện cha mẹ học sinh'],
      ['Ban đại diện cha mẹ học sinh', 'ban đại diện cha mẹ học sinh'],
      ['cha mẹ học sinh', 'cha mẹ học sinh'],
      ['Kế toán', 'kế toán'],
    ])('"%s" finds every owner cell naming %s, however written', async (query, role) => {
      const expected = naming(role);
      expect(expected.length).toBeGreaterThan(0);
      expect(await owners(query)).toEqual(expected);
    });

    it('finds "Phó HT, Tổ trưởng CM" by "Phó hiệu trưởng" and "Phó hiệu trưởng" by "PHT"', async () => {
      expect(await owners('Phó hiệu trưởng')).toContain('Phó HT, Tổ trưởng CM');
      expect(await owners('PHT')).toContain('Phó hiệu trưởng');
    });

    it('stores every owner cell folded exactly as the filter folds any other column', async () => {
      // items.owner_folded is the schema's copy of the filter's expression: they must not drift.
      const [row] = rowsOf<{ n: number; differ: number }>(
        await store.db.execute(sql`select count(*)::int as n,
          count(*) filter (where ${items.ownerFolded} is distinct from regexp_replace(${foldSql(items.owner)}, '[.[:space:]]+', ' ', 'g'))::int as differ
          from ${items}`),
      );
      expect(row).toEqual({ n: OWNERS.length, differ: 0 });
    });

    it('does not find an abbreviation inside another word', async () => {
      // "nv" and "ht" are no part of "Nhân viên y tế" or "Kế toán".
      expect(await owners('NV')).not.toContain('Kế toán');
      expect(await owners('TPCM')).toEqual(['TPCM, GV, NV']);
    });
  });
}
