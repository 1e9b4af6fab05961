/**
 * Plan documents (KH, 2018 form) generated with the `docx` package: a title, a school year and a
 * small criterion table. `seed` varies the criteria, texts and budgets, so every seed gives
 * different bytes (a different hash) and different items.
 */
import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';

const HEADERS = ['TT', 'Tiêu chí', 'Kết quả cần đạt', 'Biện pháp thực hiện', 'Người thực hiện', 'Thời gian', 'Kinh phí (đồng)'];
const TARGETS = ['Đạt mức 2', 'Giữ vững mức 1', 'Đạt mức 3', 'Bổ sung đồ dùng', 'Nâng cao chất lượng'];
const SOLUTIONS = ['Tham mưu với UBND xã', 'Bồi dưỡng giáo viên', 'Huy động xã hội hóa', 'Sửa chữa phòng học', 'Tổ chức chuyên đề'];
// Criteria that exist for preschools under Circular 19/2018, so extraction raises no warnings.
const CRITERIA = ['1.1', '1.2', '1.3', '1.4', '1.5', '1.6', '1.7', '1.8', '1.9', '1.10', '2.1', '2.2', '2.3', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '4.1', '4.2', '5.1', '5.2', '5.3', '5.4'];
const OWNERS = ['Hiệu trưởng', 'Phó hiệu trưởng, tổ chuyên môn', 'Kế toán', 'Giáo viên các lớp'];

function cell(text: string, bold = false): TableCell {
  return new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] });
}

export interface GeneratedPlan {
  bytes: Uint8Array;
  /** The criteria of its rows, in order. */
  criteria: string[];
}

/** What may vary for one seed (its school): the year, the amounts, and bytes that read the same. */
export interface PlanVariant {
  /** First year of the school year (default by seed). */
  year?: number;
  /** Added to every amount, in millions of đồng. */
  extraMillions?: number;
  /** The file's author property: other bytes, the same document. */
  creator?: string;
}

/** A plan DOCX with `rows` criterion rows (default 3 to 6, by seed). */
export async function generatePlanDocx(seed: number, rows = 3 + (seed % 4), variant: PlanVariant = {}): Promise<GeneratedPlan> {
  const year = variant.year ?? 2018 + (seed % 8);
  const criteria: string[] = [];
  const body: TableRow[] = [];
  for (let r = 0; r < rows; r++) {
    const criterion = CRITERIA[(seed * 7 + r * 5) % CRITERIA.length];
    criteria.push(criterion);
    body.push(
      new TableRow({
        children: [
          cell(String(r + 1)),
          cell(`Tiêu chí ${criterion}`),
          cell(`${TARGETS[(seed + r) % TARGETS.length]} (mẫu ${seed}-${r})`),
          cell(SOLUTIONS[(seed * 3 + r) % SOLUTIONS.length]),
          cell(OWNERS[(seed + 2 * r) % OWNERS.length]),
          cell(`Năm học ${year}-${year + 1}`),
          cell(`${((seed % 50) + r + 1 + (variant.extraMillions ?? 0)) * 1_000_000}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.') + ' đồng'),
        ],
      }),
    );
  }
  const doc = new Document({
    ...(variant.creator ? { creator: variant.creator } : {}),
    sections: [
      {
        children: [
          new Paragraph({ children: [new TextRun(`TRƯỜNG MẦM NON SỐ ${seed}`)] }),
          new Paragraph({ children: [new TextRun(`Số: ${seed}/KH-MN`)] }),
          new Paragraph({ children: [new TextRun(`Thanh Yên, ngày 10 tháng 3 năm ${year + 1}`)] }),
          new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: 'KẾ HOẠCH', bold: true })] }),
          new Paragraph({
            alignment: AlignmentType.CENTER,
            children: [new TextRun({ text: `Cải tiến chất lượng giáo dục năm học ${year}-${year + 1}`, bold: true })],
          }),
          new Paragraph({ children: [new TextRun('Căn cứ Thông tư số 19/2018/TT-BGDĐT ngày 22/8/2018 của Bộ Giáo dục và Đào tạo;')] }),
          new Table({
            width: { size: 100, type: WidthType.PERCENTAGE },
            rows: [new TableRow({ tableHeader: true, children: HEADERS.map((h) => cell(h, true)) }), ...body],
          }),
        ],
      },
    ],
  });
  return { bytes: new Uint8Array(await Packer.toBuffer(doc)), criteria };
}
