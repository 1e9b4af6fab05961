/**
 * The copy check at the size of a province: with 5,000 plans of one school year stored, storing
 * one more reads only the documents that share its copy key (its copies), not the school year.
 * The stored documents go in through the batch writer re-extraction uses (storeExtractions).
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Extraction, PlanItem } from '../../src/extract/contract.js';
import { storeExtraction, storeExtractions } from '../../src/pipeline/copies.js';
import { documents, extractionToRows, getDocument, type DocumentRow } from '../../src/store/index.js';
import { plan } from '../query/support/data.js';
import { DRIVERS, openTestStore, type TestStore } from '../store/support/databases.js';

const YEAR = '2024-2025';
const STORED = 5_000;
const CRITERIA = ['1.1', '1.2', '1.3', '1.4', '1.5', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '4.1', '4.2', '5.1', '5.2'];
const PLACES = ['Thanh Yên', 'Hệ Muông', 'Tây Úc', 'Đông Sơn', 'Hòa Bình', 'Sen Hồng', 'Mường Phăng', 'Nà Tấu', 'Thanh Xương', 'Noong Luống'];

const WORDS = ['Hoa Mai', 'Sơn Ca', 'Bình Minh', 'Họa Mi', 'Tuổi Thơ', 'Ánh Dương', 'Sao Mai', 'Hướng Dương', 'Phong Lan', 'Vành Khuyên', 'Măng Non', 'Thủy Tiên', 'Bông Sen', 'Hoa Hồng', 'Tân Lập', 'Quyết Tiến', 'Đoàn Kết', 'Kim Đồng', 'Rạng Đông', 'Việt Bắc'];

/** Plan n: a school of its own (half of them named without a number), 3 to 8 rows, its own amounts. */
function schoolPlan(n: number): Extraction {
  const school =
    n % 2
      ? `Trường Mầm non số ${n} xã ${PLACES[n % PLACES.length]}`
      : `Trường mầm non ${WORDS[(n >> 1) % 20]} ${PLACES[Math.floor(n / 40) % 10]} ${WORDS[Math.floor(n / 400) % 20]}`;
  const items: PlanItem[] = Array.from({ length: 3 + (n % 6) }, (_, r) => {
    const criterion = CRITERIA[(n + r) % CRITERIA.length];
    return plan(r, {
      standard: Number(criterion.split('.')[0]),
      criterion,
      level: 2,
      target: `Mục tiêu ${r + 1} của trường ${n}: bổ sung đồ dùng, đồ chơi`,
      solution: 'Tham mưu với UBND xã',
      owner: 'Hiệu trưởng',
      owners: ['Hiệu trưởng'],
      timeline: `Năm học ${YEAR}`,
      timelineStart: '2024-09',
      timelineEnd: '2025-05',
      budgetVnd: r % 3 === 2 ? null : (n * 10 + r) * 100_000,
    });
  });
  return {
    kind: 'plan',
    document: { form: 'criterion-rows', circular: '19/2018', number: null, place: null, issuedOn: null, schoolYear: YEAR, school, schoolLevel: 'preschool' },
    items,
    focusIssues: [],
    monitoring: [],
    issues: [],
  };
}

async function register(store: TestStore, count: number, format = 'docx'): Promise<DocumentRow[]> {
  const out: DocumentRow[] = [];
  for (let i = 0; i < count; i += 1_000) {
    const rows = Array.from({ length: Math.min(1_000, count - i) }, () => ({ sha256: randomBytes(32).toString('hex'), size: 1, format, status: 'extracting' as const }));
    out.push(...(await store.db.insert(documents).values(rows).returning()));
  }
  return out;
}

for (const d of DRIVERS) {
  describe.skipIf(!d.run)(`the copy check among ${STORED} plans of one school year on ${d.title}`, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await openTestStore(d.driver);
      const docs = await register(store, STORED);
      for (let i = 0; i < docs.length; i += 500) {
        const batch = docs.slice(i, i + 500).map((doc, j) => ({ doc, rows: extractionToRows(doc.id, schoolPlan(i + j)) }));
        const stored = await storeExtractions(store.db, batch, 'test');
        expect(stored.copiesChanged).toBe(0);
      }
    }, 300_000);
    afterAll(async () => {
      await store?.dispose();
    });

    it('reads no candidate for a plan of a school it has not seen', async () => {
      const [doc] = await register(store, 1);
      const { copies } = await storeExtraction(store.db, doc, extractionToRows(doc.id, schoolPlan(STORED + 1)), 'test');
      expect(copies).toEqual({ duplicateOf: null, changed: 0, candidates: 0 });
    });

    it('reads only the copies of a plan it has: its scan, and the school name as OCR spelled it', async () => {
      const original = schoolPlan(1234);
      const [scan, ocr] = await register(store, 2, 'scan');
      const misread = { ...original, document: { ...original.document, school: original.document.school!.toUpperCase().replace('Mường', 'Muờng') } };
      const first = await storeExtraction(store.db, scan, extractionToRows(scan.id, original), 'test');
      expect(first.copies).toMatchObject({ candidates: 1, changed: 1 });
      const second = await storeExtraction(store.db, ocr, extractionToRows(ocr.id, misread), 'test');
      expect(second.copies.candidates).toBe(2);
      const stored = await store.db.select({ id: documents.id }).from(documents).where(undefined);
      expect(stored.length).toBe(STORED + 3);
      // The DOCX stored first is the one counted.
      const docx = first.copies.duplicateOf!;
      expect((await getDocument(store.db, docx))!.format).toBe('docx');
      expect(second.copies.duplicateOf).toBe(docx);
      expect((await getDocument(store.db, scan.id))!.duplicateOf).toBe(docx);
    });
  });
}
