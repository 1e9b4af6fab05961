import { describe, expect, it } from 'vitest';
import { budgetUnitFromHeader, headerStatesMoney, parseBudget } from '../../src/normalize/index.js';

describe('parseBudget reads the amounts the extraction contract names', () => {
  it.each([
    { text: '250.000.000 đồng', amount: 250_000_000 },
    { text: '250.000.00\n0 đồng', amount: 250_000_000 },
    { text: '250.000.00 0 đồng', amount: 250_000_000 },
    { text: '250.000. 000 đồng', amount: 250_000_000 },
    { text: '1,5 tỷ đồng', amount: 1_500_000_000 },
    { text: '2 tỷ 500 triệu đồng', amount: 2_500_000_000 },
    { text: 'Ba trăm triệu đồng', amount: 300_000_000 },
    { text: 'Ngân sách: 30.000.000 đồng; XHH: 20.000.000 đồng', amount: 50_000_000 },
    { text: '18.000.000 đồng (Mười tám triệu đồng chẵn)', amount: 18_000_000 },
    // "đồng" as a scan leaves it, the grave lost
    { text: '5 triệu đông', amount: 5_000_000 },
  ])('reads $text as $amount đồng', ({ text, amount }) => {
    expect(parseBudget(text).amount).toBe(amount);
  });

  it.each([
    { text: '15', unit: 1_000_000, amount: 15_000_000 },
    { text: '2,5', unit: 1_000_000, amount: 2_500_000 },
    { text: '2,500', unit: 1_000_000, amount: 2_500_000 },
    { text: '150', unit: 1_000, amount: 150_000 },
    { text: '2,500', unit: undefined, amount: 2_500 },
    { text: '3 tỷ đồng', unit: 1_000_000, amount: 3_000_000_000 },
    { text: '500.000 đồng', unit: 1_000_000, amount: 500_000 },
    { text: 'Ngân sách: 15', unit: 1_000_000, amount: 15_000_000 },
  ])('applies a header unit of $unit to the bare number in $text', ({ text, unit, amount }) => {
    expect(parseBudget(text, { unitMultiplier: unit }).amount).toBe(amount);
  });

  it.each([{ unit: 0 }, { unit: -1_000_000 }, { unit: Number.NaN }, { unit: Number.POSITIVE_INFINITY }])(
    'treats a nonsensical header unit $unit as đồng',
    ({ unit }) => {
      expect(parseBudget('15.000', { unitMultiplier: unit }).amount).toBe(15_000);
    },
  );
});

describe('parseBudget reads how real cells write numbers and units', () => {
  it.each([
    { text: '250 000 000', amount: 250_000_000 },
    { text: '250,000,000 đồng', amount: 250_000_000 },
    { text: '250000000', amount: 250_000_000 },
    { text: '250.000.000đ', amount: 250_000_000 },
    { text: '250.000.000 đ.', amount: 250_000_000 },
    { text: '50.000.000 VNĐ', amount: 50_000_000 },
    { text: '50.000.000 VND', amount: 50_000_000 },
    { text: '50.000.000 vnđ', amount: 50_000_000 },
    { text: '200 nghìn đồng', amount: 200_000 },
    { text: '200 ngàn đồng', amount: 200_000 },
    { text: '200 ngh', amount: 200_000 },
    { text: '350 triệu đồng', amount: 350_000_000 },
    { text: '5tr', amount: 5_000_000 },
    { text: '5 tr', amount: 5_000_000 },
    { text: '15trđ', amount: 15_000_000 },
    { text: '5 tr.đ', amount: 5_000_000 },
    { text: '3 tỷ đồng', amount: 3_000_000_000 },
    { text: '3 tỉ đồng', amount: 3_000_000_000 },
    { text: '1.5 tỷ', amount: 1_500_000_000 },
    { text: '1 tỷ 2', amount: 1_200_000_000 },
    { text: '5 triệu 500 nghìn đồng', amount: 5_500_000 },
    { text: '2,25 triệu đồng', amount: 2_250_000 },
  ])('reads $text as $amount đồng', ({ text, amount }) => {
    expect(parseBudget(text)).toEqual({ amount, fundingSource: null });
  });
});

describe('parseBudget reads amounts written in words', () => {
  it.each([
    { text: 'Ba trăm triệu đồng', amount: 300_000_000 },
    { text: 'Mười tám triệu đồng chẵn', amount: 18_000_000 },
    { text: 'hai mươi lăm triệu', amount: 25_000_000 },
    { text: 'một trăm năm mươi nghìn', amount: 150_000 },
    { text: 'hai mươi mốt triệu đồng', amount: 21_000_000 },
    { text: 'ba mươi tư nghìn đồng', amount: 34_000 },
    { text: 'một trăm linh năm nghìn đồng', amount: 105_000 },
    { text: 'một trăm lẻ năm triệu', amount: 105_000_000 },
    { text: 'hai tỷ năm trăm triệu đồng', amount: 2_500_000_000 },
    { text: 'hai triệu rưỡi', amount: 2_500_000 },
    { text: 'Bảy triệu đồng', amount: 7_000_000 },
    { text: 'bẩy triệu đồng', amount: 7_000_000 },
    { text: 'một nghìn tỷ đồng', amount: 1_000_000_000_000 },
  ])('reads $text as $amount đồng', ({ text, amount }) => {
    expect(parseBudget(text).amount).toBe(amount);
  });
});

describe('parseBudget reads "none", sources and free text', () => {
  it.each(['Không', 'không', 'Không.', 'Không có', 'không cần kinh phí', '0', '0 đồng', 'không đồng'])(
    'reads "%s" as no money needed (0)',
    (text) => {
      expect(parseBudget(text)).toEqual({ amount: 0, fundingSource: null });
    },
  );

  it.each([
    'Từ nguồn ngân sách',
    'XHH',
    'Ngân sách nhà nước',
    'Xã hội hóa',
    'Xã hội hoá',
    'Nhân lực của nhà trường',
    'Từ Ban ĐDCMHS',
    'Ngân sách năm 2024',
    'Vận động phụ huynh',
  ])('reads "%s" as a source without an amount', (text) => {
    expect(parseBudget(text)).toEqual({ amount: null, fundingSource: text });
  });

  it.each([
    { text: 'Ngân sách: 30.000.000 đồng; XHH: 20.000.000 đồng', amount: 50_000_000, source: 'Ngân sách; XHH' },
    { text: 'Ngân sách xã 350 triệu đồng; xã hội hóa 50 triệu đồng', amount: 400_000_000, source: 'Ngân sách xã; xã hội hóa' },
    { text: 'Chi thường xuyên 5 triệu đồng', amount: 5_000_000, source: 'Chi thường xuyên' },
    { text: 'Ngân sách nhà nước: 24.000.000 đồng', amount: 24_000_000, source: 'Ngân sách nhà nước' },
    { text: 'NS 30 triệu + XHH 20 triệu', amount: 50_000_000, source: 'NS; XHH' },
    { text: 'Ngân sách năm 2024 là 5 triệu đồng', amount: 5_000_000, source: 'Ngân sách năm 2024' },
    { text: 'Mua 02 bộ bàn ghế: 5.000.000 đồng', amount: 5_000_000, source: null },
    { text: 'Năm học 2024-2025: 5.000.000 đồng', amount: 5_000_000, source: null },
    { text: 'Sửa chữa 5 triệu đồng, tháng 9/2024', amount: 5_000_000, source: null },
  ])('reads $text as $amount đồng from $source', ({ text, amount, source }) => {
    expect(parseBudget(text)).toEqual({ amount, fundingSource: source });
  });

  it.each([
    { text: 'Tổng: 50 triệu; NS 30 triệu; XHH 20 triệu', amount: 50_000_000 },
    { text: 'NS 30 triệu, trong đó XHH 10 triệu', amount: 30_000_000 },
    { text: '50 triệu đồng (NS 30 triệu, XHH 20 triệu)', amount: 50_000_000 },
    { text: '(Mười tám triệu đồng)', amount: 18_000_000 },
  ])('counts a total, a breakdown or a restatement once in $text', ({ text, amount }) => {
    expect(parseBudget(text).amount).toBe(amount);
  });

  it.each(['năm 2024', '02 giáo viên', '100%', '9/2024', 'Thực hiện theo dự án', 'Ngân quỹ 15', 'Mua 15 bộ đồ chơi'])(
    'does not read "%s" as money and warns that it is unparsed',
    (text) => {
      const reading = parseBudget(text);
      expect(reading.amount).toBeNull();
      if (reading.fundingSource == null) expect(reading.warning?.code).toBe('budget.unparsed');
    },
  );

  it.each([
    { text: 'Mua 15 bộ đồ chơi từ nguồn XHH', source: 'Mua 15 bộ đồ chơi từ nguồn XHH' },
    { text: 'Ngân sách: 15', source: 'Ngân sách: 15' },
  ])('ignores a small bare number beside text in $text when no header unit is given', ({ text, source }) => {
    expect(parseBudget(text)).toEqual({ amount: null, fundingSource: source });
  });

  it.each([null, undefined, '', '   ', '\n', '-', '…'])('reads the empty cell %j as nothing, without a warning', (text) => {
    expect(parseBudget(text)).toEqual({ amount: null, fundingSource: null });
  });

  it.each(['1.000.000.000.000.000.000 đồng', '9'.repeat(400), '2000000 tỷ đồng'])(
    'rejects the nonsense amount "%s" with an out-of-range warning',
    (text) => {
      const reading = parseBudget(text);
      expect(reading.amount).toBeNull();
      expect(reading.warning?.code).toBe('budget.out_of_range');
    },
  );

  it('never returns a negative amount for a leading dash', () => {
    expect(parseBudget('- 5.000.000 đồng').amount).toBe(5_000_000);
  });
});

describe('parseBudget never gives a silent wrong amount', () => {
  it.each([
    // Digits that are no thousands grouping: no reading is safe.
    { text: '1.20.000 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '1.200.00 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '1.200.0000 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '1250.000 đồng', amount: null, code: 'budget.ambiguous' },
    { text: 'Ngân sách: 1.20.000 đồng; XHH: 5.000.000 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '1.20.000', amount: null, code: 'budget.ambiguous' },
    // … unless the same amount is written in words beside them.
    { text: '1.20.000 đồng (Một trăm hai mươi nghìn đồng)', amount: 120_000, code: 'budget.ambiguous' },
    // A number a space cut inside a group: one number, said so.
    { text: '250,00 0,000 đồng', amount: 250_000_000, code: 'budget.ambiguous' },
    { text: '250.000.00 0 đồng', amount: 250_000_000, code: 'budget.ambiguous' },
    // An amount in words whose first word a scan misread ("Bồn" for "Bốn"): not its tail, 5 triệu.
    { text: 'Bồn mươi lăm triệu đồng', amount: null, code: 'budget.ambiguous' },
    { text: 'Hal trăm năm mươi triệu đồng', amount: null, code: 'budget.ambiguous' },
    // A separator a scan lost, a space in its place: one number, said so (not 80 000 and 0).
    { text: 'Ngân sách: 80.000 000 đồng; XHH: 25.000 000 đồng', amount: 105_000_000, code: 'budget.ambiguous' },
    { text: '1.200 000.000 đ', amount: 1_200_000_000, code: 'budget.ambiguous' },
    // Fractions of a đồng, and less than 1 000 đồng with no unit.
    { text: '12.5', amount: null, code: 'budget.ambiguous' },
    { text: '12.5 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '2,5', amount: null, code: 'budget.ambiguous' },
    { text: '15', amount: null, code: 'budget.ambiguous' },
    { text: '500 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '250.000000 đồng', amount: null, code: 'budget.ambiguous' },
    { text: '1.250.000,5 đồng', amount: 1_250_001, code: 'budget.ambiguous' },
    // One comma group and no unit anywhere: 2 500 or 2,5?
    { text: '2,500', amount: 2_500, code: 'budget.ambiguous' },
    // Ranges: the upper bound.
    { text: '10-15 triệu', amount: 15_000_000, code: 'budget.range' },
    { text: '10 - 15 triệu đồng', amount: 15_000_000, code: 'budget.range' },
    { text: '10 triệu - 15 triệu', amount: 15_000_000, code: 'budget.range' },
    { text: 'Từ 10 đến 15 triệu đồng', amount: 15_000_000, code: 'budget.range' },
    { text: '10.000.000 – 15.000.000 đồng', amount: 15_000_000, code: 'budget.range' },
    { text: '1,5 - 2 tỷ đồng', amount: 2_000_000_000, code: 'budget.range' },
    { text: '500 nghìn ~ 1 triệu', amount: 1_000_000, code: 'budget.range' },
    // A minus sign.
    { text: '-5.000.000 đồng', amount: 5_000_000, code: 'budget.negative' },
    { text: 'Ngân sách: -5 triệu', amount: 5_000_000, code: 'budget.negative' },
    // Digits against words in brackets.
    { text: '18.000.000 đồng (Mười tám triệu đồng)', amount: 18_000_000, code: undefined },
    { text: '18.000.000 đồng (Mười sáu triệu đồng)', amount: 18_000_000, code: 'budget.words_mismatch' },
    { text: '180.000.000 đồng (Mười tám triệu đồng chẵn)', amount: 180_000_000, code: 'budget.words_mismatch' },
    // Digits in brackets: the same amount, or its parts, say nothing; another amount is a doubt.
    { text: '50.000.000 đồng (50.000.000 đồng)', amount: 50_000_000, code: undefined },
    { text: '50.000.000 đồng (NS: 30.000.000 đồng; XHH: 20.000.000 đồng)', amount: 50_000_000, code: undefined },
    { text: '50.000.000 đồng (trong đó NS: 30.000.000 đồng)', amount: 50_000_000, code: undefined },
    { text: '50.000.000 đồng (30.000.000 đồng)', amount: 50_000_000, code: 'budget.ambiguous' },
    // A scan's speck opened a bracket before the second source's amount: not silently dropped.
    { text: 'Chi thường xuyên: 40.000.000 đồng; Ngân sách xã: ( 25.000.000 đồng', amount: 40_000_000, code: 'budget.ambiguous' },
  ])('reads $text as $amount with $code', ({ text, amount, code }) => {
    const reading = parseBudget(text);
    expect(reading.amount).toBe(amount);
    expect(reading.warning?.code).toBe(code);
  });

  it.each([
    // The header's unit against the cell.
    { text: '25', unit: 1_000_000, amount: 25_000_000, code: undefined },
    { text: '25 (Hai mươi lăm triệu đồng)', unit: 1_000_000, amount: 25_000_000, code: undefined },
    { text: '25 (Hai triệu năm trăm nghìn đồng)', unit: 1_000_000, amount: 25_000_000, code: 'budget.words_mismatch' },
    { text: '25.000.000', unit: 1_000_000, amount: 25_000_000, code: 'budget.unit_mismatch' },
    { text: '250.000.000', unit: 1_000, amount: 250_000_000, code: 'budget.unit_mismatch' },
    { text: '150000000', unit: 1_000_000, amount: null, code: 'budget.unit_mismatch' },
    { text: '2,500', unit: 1_000_000, amount: 2_500_000, code: undefined },
    { text: '10-15', unit: 1_000_000, amount: 15_000_000, code: 'budget.range' },
    { text: '10 - 15', unit: undefined, amount: null, code: 'budget.ambiguous' },
  ])('reads $text under a unit of $unit as $amount with $code', ({ text, unit, amount, code }) => {
    const reading = parseBudget(text, { unitMultiplier: unit });
    expect(reading.amount).toBe(amount);
    expect(reading.warning?.code).toBe(code);
  });

  it.each(['Năm học 2024-2025: 5 triệu đồng', 'Quý 1 - 5 triệu đồng', 'năm 2024 - 5 triệu', '- 5 triệu đồng', 'Hoàn thành 10.3.2021; 5 triệu đồng', '5 triệu - 2 triệu'])(
    'does not take %j for a range, a negative or unreadable digits',
    (text) => {
      const reading = parseBudget(text);
      expect(reading.warning).toBeUndefined();
      expect(reading.amount).not.toBeNull();
    },
  );
});

describe('parseBudget reads every budget cell of the fixtures', () => {
  it.each([
    { fixture: 'kh-2021-mn-thanhyen', text: 'Không', amount: 0 },
    { fixture: 'kh-2021-mn-thanhyen', text: '250.000.000 đồng', amount: 250_000_000 },
    { fixture: 'kh-2021-mn-thanhyen', text: '5.000.000 đồng', amount: 5_000_000 },
    { fixture: 'kh-2021-mn-thanhyen', text: '100.000.000 đồng', amount: 100_000_000 },
    { fixture: 'kh-2023-th-hemuong', text: '3 tỷ đồng', amount: 3_000_000_000 },
    { fixture: 'kh-2023-th-hemuong', text: '350 triệu đồng', amount: 350_000_000 },
    { fixture: 'kh-2023-th-hemuong', text: null, amount: null },
    { fixture: 'kh-2024-mn-7cot', text: null, amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ Ban ĐDCMHS', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn ngân sách', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn kinh phí hoạt động của cán bộ và tổ chức đoàn thể', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn kinh phí hoạt động của nhà trường', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn kinh phí hoạt động của nhà trường.', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn kinh phí vận động tài trợ', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn ngân sách của nhà nước', amount: null },
    { fixture: 'kh-2024-mn-tayuc', text: 'Từ nguồn kinh phí hoạt động ban đại diện cha mẹ học sinh', amount: null },
    { fixture: 'kh-2026-thcs-dongson', text: 'Nhân lực của nhà trường', amount: null },
    { fixture: 'kh-2026-thcs-dongson', text: 'Ngân sách nhà nước: 24.000.000 đồng', amount: 24_000_000 },
    { fixture: 'kh-2026-thcs-dongson', text: 'Chi thường xuyên 5 triệu đồng', amount: 5_000_000 },
    { fixture: 'kh-2026-thcs-dongson', text: 'Ngân sách xã 350 triệu đồng; xã hội hóa 50 triệu đồng', amount: 400_000_000 },
    { fixture: 'kh-2026-thcs-dongson', text: 'Xã hội hóa', amount: null },
  ])('$fixture: reads $text as $amount without a warning', ({ text, amount }) => {
    const reading = parseBudget(text);
    expect(reading.amount).toBe(amount);
    expect(reading.warning).toBeUndefined();
  });
});

describe('budgetUnitFromHeader reads the unit a budget column header states', () => {
  it.each([
    { header: 'Kinh phí (triệu đồng)', unit: 1_000_000 },
    { header: 'Dự kiến kinh phí (Triệu đồng)', unit: 1_000_000 },
    { header: 'Kinh phí (tr.đ)', unit: 1_000_000 },
    { header: 'Kinh phí (trđ)', unit: 1_000_000 },
    { header: 'Kinh phí (triệu)', unit: 1_000_000 },
    { header: 'Kinh phí (nghìn đồng)', unit: 1_000 },
    { header: 'Kinh phí (ngàn đồng)', unit: 1_000 },
    { header: 'ĐVT: 1.000đ', unit: 1_000 },
    { header: 'Kinh phí (tỷ đồng)', unit: 1_000_000_000 },
    { header: 'Kinh phí (đồng)', unit: undefined },
    { header: 'Kinh phí (VNĐ)', unit: undefined },
    { header: 'Dự kiến kinh phí', unit: undefined },
    { header: 'Nguồn lực bảo đảm', unit: undefined },
    { header: 'Tỷ lệ (%)', unit: undefined },
  ])('reads $header as a unit of $unit', ({ header, unit }) => {
    expect(budgetUnitFromHeader(header)).toBe(unit);
  });
});

describe('headerStatesMoney', () => {
  it.each(['Kinh phí (triệu đồng)', 'KPdưựkiên (triệu đông)', 'Dự toán (đồng)', 'Kinh phí (VNĐ)', '(nghìn đồng)', 'KP (tr.đ)'])('says %j heads amounts', (h) => {
    expect(headerStatesMoney(h)).toBe(true);
  });
  it.each(['Kinh phí', 'Cộng đồng', 'Thời gian (tháng)', 'Tỷ lệ (%)', 'Ghi chú'])('says %j states no unit of money', (h) => {
    expect(headerStatesMoney(h)).toBe(false);
  });
});
