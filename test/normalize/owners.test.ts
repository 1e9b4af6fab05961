import { describe, expect, it } from 'vitest';
import { scannedOwnerMender, splitOwners } from '../../src/normalize/index.js';

describe('splitOwners splits an owner cell into units and roles', () => {
  it.each([
    {
      text: 'CBQL, UBND xã, nhân dân địa phương, nhân viên nấu ăn, nhân viên bảo vệ',
      owners: ['CBQL', 'UBND xã', 'nhân dân địa phương', 'nhân viên nấu ăn', 'nhân viên bảo vệ'],
    },
    {
      text: 'Phòng GD&ĐT, UBND xã Thanh Yên, CBQL, GV, NV, cha mẹ trẻ.',
      owners: ['Phòng GD&ĐT', 'UBND xã Thanh Yên', 'CBQL', 'GV', 'NV', 'cha mẹ trẻ'],
    },
    { text: 'Hiệu trưởng và phó hiệu trưởng', owners: ['Hiệu trưởng', 'phó hiệu trưởng'] },
    { text: 'Phó HT, Tổ trưởng CM', owners: ['Phó HT', 'Tổ trưởng CM'] },
    { text: 'Hiệu trưởng; Phó hiệu trưởng', owners: ['Hiệu trưởng', 'Phó hiệu trưởng'] },
    { text: 'Hiệu trưởng + Kế toán', owners: ['Hiệu trưởng', 'Kế toán'] },
    { text: 'Hiệu trưởng\nKế toán', owners: ['Hiệu trưởng', 'Kế toán'] },
    { text: '- Hiệu trưởng\n- Phó HT\n- GV', owners: ['Hiệu trưởng', 'Phó HT', 'GV'] },
    { text: '- HT - PHT - GV', owners: ['HT', 'PHT', 'GV'] },
    { text: 'Chủ trì: Hiệu trưởng; phối hợp: tổ CM', owners: ['Hiệu trưởng', 'tổ CM'] },
    { text: 'CHỦ TRÌ: Hiệu trưởng\nPhối hợp: GV, NV', owners: ['Hiệu trưởng', 'GV', 'NV'] },
    { text: 'Tổ trưởng tổ MGL – Nhỡ', owners: ['Tổ trưởng tổ MGL – Nhỡ'] },
    { text: 'Tổ trưởng Tổ MGB-NT', owners: ['Tổ trưởng Tổ MGB-NT'] },
    { text: 'Ban giám hiệu, Chủ tịch: Công đoàn, Khuyến học', owners: ['Ban giám hiệu', 'Chủ tịch: Công đoàn', 'Khuyến học'] },
    { text: 'Giáo viên, giáo viên, Giáo viên', owners: ['Giáo viên', 'giáo viên'] },
    { text: 'Văn phòng, Vàng Thị A', owners: ['Văn phòng', 'Vàng Thị A'] },
    { text: 'Hie\u0302\u0323u trươ\u0309ng', owners: ['Hiệu trưởng'] },
    { text: 'Trưởng Ban ĐDCM HS', owners: ['Trưởng Ban ĐDCM HS'] },
  ])('splits $text', ({ text, owners }) => {
    expect(splitOwners(text)).toEqual(owners);
  });

  it.each([null, undefined, '', ' , ; ', '-'])('gives no owners for %j', (text) => {
    expect(splitOwners(text)).toEqual([]);
  });
});

describe('scannedOwnerMender', () => {
  const roles = ['hiệu trưởng', 'phó hiệu trưởng', 'tổ trưởng', 'tổ trưởng cm', 'nhân viên', 'y tế', 'kế toán', 'ubnd', 'công đoàn', 'giáo viên', 'phòng gd&đt', 'tổng phụ trách đội'];
  const mend = scannedOwnerMender(roles);
  it.each([
    ['GVCN, TPC M, HT, Kế toán', 'GVCN, TPCM, HT, Kế toán'],
    ['Phó HT; BĐD CMH s', 'Phó HT; BĐD CMHS'],
    ['UBN Dxã, Tổ trưởng chuyên môn', 'UBND xã, Tổ trưởng chuyên môn'],
    ['Tổ trưởn gCM, Phó HT, CBQL', 'Tổ trưởng CM, Phó HT, CBQL'],
    ['PHI, nhân viên', 'PHT, nhân viên'],
    ['BGH, GVƠN, Phòng GD&ĐT', 'BGH, GVCN, Phòng GD&ĐT'],
    ['Nhân viên thiết bị, BOH', 'Nhân viên thiết bị, BGH'],
    ['Hiệu trưởn 8', 'Hiệu trưởng'],
    ['Ban giám hiệu, GVƠCN', 'Ban giám hiệu, GVCN'],
    ['Hiệu trưởng, TTICM', 'Hiệu trưởng, TTCM'],
    ['nhân viên, BĐD CMHS, cBQL', 'nhân viên, BĐD CMHS, CBQL'],
    ['TPCM, BĐD CMHS._', 'TPCM, BĐD CMHS'],
    ['Gv, PHT, Phòng GD&DĐT', 'GV, PHT, Phòng GD&ĐT'],
    ['Kế toán; CBQL/; Ban giám hiệu', 'Kế toán; CBQL; Ban giám hiệu'],
    ['CBQL, Giáo viên ? chủ nhiệm, PHT', 'CBQL, Giáo viên chủ nhiệm, PHT'],
    ['Phòng. GD&ĐT, Tổng phụ trách. Đội', 'Phòng GD&ĐT, Tổng phụ trách Đội'],
    ['Nhân viên y tế,, Nhân viên thư viện', 'Nhân viên y tế, Nhân viên thư viện'],
    ['BĐD CMHS; CBQL,; Nhân viên thư viện', 'BĐD CMHS; CBQL; Nhân viên thư viện'],
    ['kế toán, HT,GV, BĐD CMHS', 'kế toán, HT, GV, BĐD CMHS'],
    ['NV, HI, Tổ văn phòng', 'NV, HT, Tổ văn phòng'],
    ['PHĨT, Giáo viên chủ nhiệm', 'PHT, Giáo viên chủ nhiệm'],
  ])('mends what the scan broke: %s', (read, mended) => {
    expect(mend(read)).toBe(mended);
  });
  it.each(['BCH Công đoàn, KT, YT, PCT, HĐT, THCS', 'Kế toán; Phó hiệu trưởng; Tổng phụ trách Đội', '- Hiệu trưởng, GV, NV', 'Tổ 5 giáo viên', 'CBQL, giáo viên, nhân viên y tế, cha mẹ trẻ.'])(
    'leaves known words and other abbreviations alone: %s',
    (text) => {
      expect(mend(text)).toBe(text);
    },
  );

  const wordings = scannedOwnerMender([...roles, 'nhân viên thư viện', 'phòng gd&đt', 'tổ trưởng chuyên môn', 'tổ văn phòng', 'ban đại diện', 'chi bộ', 'chi đoàn', 'ban đại diện cmhs', 'bđd cmhs', 'ubnd xã']);
  it.each([
    ['GV HT và Phòng GD&ĐT', 'GV, HT và Phòng GD&ĐT'],
    ['GV. PHT, Phòng GD&ĐT', 'GV, PHT, Phòng GD&ĐT'],
    ['HT Nhân viên thư viện, Hiệu trưởng', 'HT, Nhân viên thư viện, Hiệu trưởng'],
    ['UBND xã, NV Phó HT', 'UBND xã, NV, Phó HT'],
    ['Tổ trưởng chuyên môn BGH GVCN HT', 'Tổ trưởng chuyên môn, BGH, GVCN, HT'],
    ['Phòng GD&ĐT Hiệu trưởng', 'Phòng GD&ĐT, Hiệu trưởng'],
    ['BĐD CMHS Chi đoàn, HT', 'BĐD CMHS, Chi đoàn, HT'],
    ['TPCM, Ban đại diện CMHS UBND xã', 'TPCM, Ban đại diện CMHS, UBND xã'],
    ['NV giáo viên', 'NV, giáo viên'],
    ['kế toán, UBND xa TPCM', 'kế toán, UBND xã, TPCM'],
    ['BGH, TTCM va PHT', 'BGH, TTCM và PHT'],
  ])('puts back a comma the scan lost between two owners: %s', (read, mended) => {
    expect(wordings(read)).toBe(mended);
    expect(splitOwners(wordings(read)).length).toBeGreaterThan(splitOwners(read).length);
  });
  it.each([
    ['Tổ văn phòng: UBND xã; Phó HT: Phòng GD&ĐT', 'Tổ văn phòng; UBND xã; Phó HT; Phòng GD&ĐT'],
    ['BĐD CMHS: Tổ văn phòng; GVCN', 'BĐD CMHS; Tổ văn phòng; GVCN'],
  ])('reads a colon between two owners as the semicolon a scan turned it into: %s', (read, mended) => {
    expect(wordings(read)).toBe(mended);
    expect(splitOwners(wordings(read)).length).toBeGreaterThan(splitOwners(read).length);
  });
  it.each([
    ['Tổng-phụ trách Đội, Tổ trưởng CM', 'Tổng phụ trách Đội, Tổ trưởng CM'],
    ['Ban đại diện CMHS, Nhân viên ytế', 'Ban đại diện CMHS, Nhân viên y tế'],
    ['TTCM, PhóHT', 'TTCM, Phó HT'],
    ['TPCM, BĐD._ CMHS, Hiệu trưởng', 'TPCM, BĐD CMHS, Hiệu trưởng'],
    ['Phó hiệu trưởng, Tổ trưởng chuy ên môn', 'Phó hiệu trưởng, Tổ trưởng chuyên môn'],
    ['- nhân viêny tế.', '- nhân viên y tế.'],
  ])('puts the gaps of a role of several words back where its letters are all read: %s', (read, mended) => {
    const withPhrases = scannedOwnerMender([...roles, 'tổ trưởng chuyên môn', 'ban đại diện cmhs', 'bđd cmhs', 'nhân viên y tế', 'phó ht']);
    expect(withPhrases(read)).toBe(mended);
  });
  it.each(['Chủ trì: Hiệu trưởng', 'Hiệu trưởng: chỉ đạo chung', 'Ban giám hiệu, Chủ tịch: Công đoàn, Khuyến học', 'BĐD CMHS: Tổ văn phòng'])('keeps a colon that labels or explains: %s', (text) => {
    expect(wordings(text)).toBe(text);
  });
  it.each(['Nhân viên y tế, GVCN', 'Nhân viên thư viện', 'Phó HT, Tổ trưởng CM', 'BĐD CMHS, Tổ trưởng chuyên môn', 'UBND xã và Tổ văn phòng', 'Ban đại diện CMHS', 'GV chủ nhiệm', 'Chi bộ cùng các tổ chức Đoàn thể', 'P. HT, TT CM'])(
    'adds no comma inside one owner: %s',
    (text) => {
      expect(wordings(text)).toBe(text);
    },
  );
});
