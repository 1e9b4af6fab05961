import { describe, expect, it } from 'vitest';
import { readMetadata, readNumber, withLostDash, withoutSpeckDigit } from '../../src/extract/metadata.js';

const front = (school: string, number: string) => [
  'UBND HUYỆN ĐIỆN BIÊN',
  school,
  number,
  'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
  'Độc lập - Tự do - Hạnh phúc',
  'Hệ Muông, ngày 18 tháng 9 năm 2023',
  'KẾ HOẠCH',
  'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC',
  'NĂM HỌC 2023-2024',
];

describe('document metadata', () => {
  it.each([
    ['Số 76/KH - THHM', '76/KH-THHM'],
    ['Số: 85/KH-“THCSĐS', '85/KH-THCSĐS'],
    ['Số : 06/KH-MNTU', '06/KH-MNTU'],
    ['Số lượng học sinh: 300', null],
    // OCR of a bold slash: read as I, or an I added beside it.
    ['Số: 15IKH-MNHB', '15/KH-MNHB'],
    ['Số: 15/IKH-MNHB', '15/KH-MNHB'],
    ['Số: 7 l BC-THCS', '7/BC-THCS'],
    // A letterhead in capitals, and OCR's upper-case Ố inside a lower-case line.
    ['SỐ:108/KH-THPT2TX', '108/KH-THPT2TX'],
    ['SỐ 44/KH-THPTHM', '44/KH-THPTHM'],
    // A slash OCR dropped, or read as a fraction slash.
    ['Số 33BC-MNTX', '33/BC-MNTX'],
    ['Số 133⁄KH-THLVT', '133/KH-THLVT'],
    // The slash read twice (once as a fraction slash), and "Số" without its acute.
    ['Số: 233⁄/BC-THCS2HM', '233/BC-THCS2HM'],
    ['Sô: 7/BC-TH3TX', '7/BC-TH3TX'],
    ['Sô lượng: 12/15 lớp', null],
  ])('reads the number in %j as %j', (line, number) => {
    expect(readNumber([line])).toBe(number);
  });

  it('takes the school name as the body writes it, even when OCR garbled a word of the letterhead', () => {
    const lines = front('TRƯỜNG FLU1LIBL TIỂU HỌC XÃ HỆ MUÔNG', 'Số 76/KH-THHM');
    const all = [...lines, 'Căn cứ Kế hoạch số 74/KH-THHM của Trường PTDTBT Tiểu học xã Hệ Muông về kế hoạch.'];
    expect(readMetadata({ front: lines, all })).toMatchObject({
      school: 'Trường PTDTBT Tiểu học xã Hệ Muông',
      schoolLevel: 'primary',
      place: 'Hệ Muông',
      issuedOn: '2023-09-18',
      schoolYear: '2023-2024',
      titleKind: 'plan',
    });
  });

  it('falls back to the letterhead in sentence case when the body never names the school', () => {
    const lines = front('TRƯỜNG MẦM NON SỐ 2 XÃ THANH YÊN', 'Số 216/KH-MNS2TY');
    expect(readMetadata({ front: lines, all: lines }).school).toBe('Trường mầm non số 2 xã Thanh Yên');
  });

  it('does not take a "Căn cứ … số …" below the title for the document number', () => {
    const lines = ['KẾ HOẠCH', 'Năm học 2024-2025', 'Căn cứ công văn Số 5942/BGDĐT-QLCL ngày 28/12/2018'];
    expect(readMetadata({ front: lines, all: lines }).number).toBeNull();
  });

  it.each([
    [['TRƯỜNG PTDTBT TIỂU HỌC', 'VÀ TRUNG HỌC CƠ SỞ', 'XÃ NẬM PỒ'], 'Trường PTDTBT Tiểu học và Trung học cơ sở xã Nậm Pồ', 'multi-level'],
    [['TRƯỜNG MẦM NON', 'HOA BAN'], 'Trường mầm non Hoa Ban', 'preschool'],
    [['TRƯỜNG THPT', 'SỐ 2 XÃ THANH XƯƠNG'], 'Trường THPT số 2 xã Thanh Xương', 'upper-secondary'],
  ])('reads a school name wrapped over the letterhead lines %j whole', (lines, school, level) => {
    const head = ['UBND HUYỆN NẬM PỒ', ...lines, 'Số: 12/KH-TH', 'Nậm Pồ, ngày 5 tháng 9 năm 2024', 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC'];
    const all = [...head, `Căn cứ Báo cáo tự đánh giá của ${school}, nhà trường xây dựng kế hoạch.`];
    expect(readMetadata({ front: head, all })).toMatchObject({ school, schoolLevel: level });
  });

  it.each(['Số: 108/KH-THPT2TX', 'số 108/KH-THPT2TX', 'SỐ:108/KH-THPT2TX'])('stops a school name at the number line %j under it', (numberLine) => {
    const head = ['UBND HUYỆN ĐIỆN BIÊN', 'TRƯỜNG THPT SỐ 2 XÃ THANH XƯƠNG', numberLine, 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC'];
    expect(readMetadata({ front: head, all: head })).toMatchObject({ school: 'Trường THPT số 2 xã Thanh Xương', number: '108/KH-THPT2TX' });
  });

  it('stops a one-line school name at the title under it', () => {
    const head = ['UBND HUYỆN NẬM PỒ', 'TRƯỜNG THCS NẬM PỒ', 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC'];
    expect(readMetadata({ front: head, all: head })).toMatchObject({ school: 'Trường THCS Nậm Pồ' });
  });

  it('takes the whole name the body writes when a scan cut the letterhead\'s last word into the other column', () => {
    const lines = ['PHÒNG GD&ĐT HUYỆN ĐIỆN BIÊN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TRƯỜNG PTDTBT TIỂU HỌC SAO', 'Độc lập - Tự do - Hạnh phúc', 'MAI', 'Số:213/KH-THSM', 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'NĂM HỌC 2019 - 2020'];
    const all = [...lines, 'Căn cứ Báo cáo tự đánh giá của Trường PTDTBT Tiểu học Sao Mai, nhà trường xây dựng kế hoạch.'];
    expect(readMetadata({ front: lines, all }).school).toBe('Trường PTDTBT Tiểu học Sao Mai');
    // A capitalised word after the name that the letterhead does not hold, or a title word, is not added.
    const other = [...lines.slice(0, 3), ...lines.slice(4)];
    expect(readMetadata({ front: other, all: [...other, 'Kế hoạch của Trường PTDTBT Tiểu học Sao Năm học 2019 - 2020.'] }).school).toBe('Trường PTDTBT Tiểu học Sao');
  });

  it('takes a name of three words the body wraps onto its next line, and not the place after a letterhead line', () => {
    const lines = ['PHÒNG GD&ĐT HUYỆN MƯỜNG CHÀ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TRƯỜNG PTDTBT TIỂU HỌC', 'Độc lập - Tự do - Hạnh phúc', 'CHU VĂN AN', 'Số: 43/KH-THCVA', 'KẾ HOẠCH', 'NĂM HỌC 2023-2024'];
    const all = [...lines, 'Căn cứ Báo cáo tự đánh giá của Trường PTDTBT Tiểu học Chu Văn', 'An, nhà trường xây dựng kế hoạch.'];
    expect(readMetadata({ front: lines, all }).school).toBe('Trường PTDTBT Tiểu học Chu Văn An');
    const commune = ['PHÒNG GIÁO DỤC CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'TRƯỜNG PTDTBT', 'TIỂU HỌC', 'Độc lập - Tự do - Hạnh phúc', 'XÃ QUÀI TỞ', 'Số: 107 /KH-THQT'];
    expect(readMetadata({ front: commune, all: [...commune, 'Căn cứ kết quả tự đánh giá của Trường PTDTBT Tiểu học xã Quài Tở, nhà trường xây dựng kế hoạch.'] }).school).toBe('Trường PTDTBT Tiểu học xã Quài Tở');
    const own = ['UBND XÃ MƯỜNG ẢNG', 'TRƯỜNG MẦM NON XÃ MƯỜNG ẢNG', 'Mường Ảng, ngày 5 tháng 9 năm 2024', 'KẾ HOẠCH'];
    expect(readMetadata({ front: own, all: own }).school).toBe('Trường mầm non xã Mường Ảng');
  });

  it('reads through what a scan did to the name: a word the body cut ("Gi ót"), capitals read small ("Cơ / sơ")', () => {
    const cut = front('TRƯỜNG TIỂU HỌC PHAN ĐÌNH GIÓT', 'Số: 201/KH-THPĐG');
    expect(readMetadata({ front: cut, all: [...cut, 'Căn cứ Báo cáo tự đánh giá của Trường Tiểu học Phan Đình Gi ót, nhà trường xây dựng kế hoạch.'] }).school).toBe('Trường Tiểu học Phan Đình Giót');
    const small = ['UBND XÃ HỆ MUÔNG', 'TRƯỜNG TRUNG HỌC Cơ', 'sơ', 'SỐ 2 XÃ HỆ MUÔNG', 'Số 47/KH-THCS2HM', 'KẾ HOẠCH'];
    const body = 'Căn cứ Báo cáo tự đánh giá của Trường Trung học cơ sở số 2 xã Hệ Muông, nhà trường xây dựng kế hoạch.';
    expect(readMetadata({ front: small, all: [...small, body] }).school).toBe('Trường Trung học cơ sở số 2 xã Hệ Muông');
  });

  it('reads a letterhead whose kind a scan garbled into signs ("TRƯỜNG F1u+ø TIỂU HỌC" / "LÊ QUÝ ĐÔN") by the body\'s cleanest mention', () => {
    const lines = ['UBND HUYỆN NẬM PỒ', 'TRƯỜNG F1u+ø TIỂU HỌC', 'LÊ QUÝ ĐÔN', 'SỐ: 198 /BC-THLQĐ', 'BÁO CÁO'];
    const all = [...lines, 'Căn cứ Kế hoạch số 85/KH-THLQĐ của Trường 1151 Tiếu học Lê Quý Đôn về cải tiến.', 'Căn cứ Báo cáo tự đánh giá của Trường PTDTBT Tiểu học Lê Quý Đôn, nhà trường xây dựng báo cáo.'];
    expect(readMetadata({ front: lines, all }).school).toBe('Trường PTDTBT Tiểu học Lê Quý Đôn');
    // A speck after the letterhead's last word is no part of the name.
    const stop = ['UBND XÃ MƯỜNG PHĂNG', 'TRƯỜNG PTDTBT THCS', 'ÁNH DƯƠNG.', 'Số 160/KH-THCSÁD', 'KẾ HOẠCH'];
    expect(readMetadata({ front: stop, all: [...stop, 'Căn cứ Báo cáo tự đánh giá của Trường PTDTBT THCS Ánh Dương, nhà trường xây dựng kế hoạch.'] }).school).toBe('Trường PTDTBT THCS Ánh Dương');
  });

  it('drops a speck between two words of the name, so the level it names is read ("TIỂU. HỌC", not the "mầm non" of a cited circular)', () => {
    const lines = ['UBND XÃ THANH LUÔNG', 'TRƯỜNG PTDTBT TIỂU. HỌC XÃ THANH LUÔNG', 'Số: 1/KH-THTL', 'KẾ HOẠCH', 'Cải tiến chất lượng giáo dục năm học 2027- 2028'];
    const all = [...lines, 'Căn cứ Thông tư số 57/2026/TT-BGDĐT quy định về kiểm định chất lượng cơ sở giáo dục mầm non, cơ sở giáo dục phổ thông;'];
    expect(readMetadata({ front: lines, all })).toMatchObject({ school: 'Trường PTDTBT Tiểu học xã Thanh Luông', schoolLevel: 'primary' });
  });

  it('reads a letterhead whose "TRƯỜNG" stands on a line of its own, and takes no lone "Trường" for a name', () => {
    const lines = ['SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐIỆN BIÊN', 'TRƯỜNG', 'THPT XÃ POM LÓT', 'Số:117/KH-THPTPL', 'KẾ HOẠCH', 'Cải tiến chất lượng giáo dục năm học 2023-2024'];
    expect(readMetadata({ front: lines, all: lines })).toMatchObject({ school: 'Trường THPT xã Pom Lót', schoolLevel: 'upper-secondary' });
    const lone = ['KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'Trường', 'phối hợp với địa phương.'];
    expect(readMetadata({ front: lone, all: lone }).school).toBeNull();
  });

  it('takes no school from a body sentence wrapped at "trường" in a document with no letterhead', () => {
    const lines = ['KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'NĂM HỌC 2025-2026', 'I. MỤC ĐÍCH, YÊU CẦU', 'Kế hoạch phải cụ thể, khả thi, phù hợp với điều kiện thực tế của nhà', 'trường và địa phương.'];
    expect(readMetadata({ front: lines, all: lines }).school).toBeNull();
  });

  it('reads a school year that the title wrapped in two ("NĂM HỌC 2025 -" / "2026")', () => {
    const head = ['TRƯỜNG TIỂU HỌC TUỔI THƠ', 'BÁO CÁO', 'KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC NĂM HỌC 2025 -', '2026'];
    expect(readMetadata({ front: head, all: head })).toMatchObject({ schoolYear: '2025-2026' });
  });

  it('gives a name back the marks a scan lost in one place and kept in another (the letterhead in capitals)', () => {
    const front = ['PHÒNG GD&ĐT HUYỆN MƯỜNG ẢNG', 'TRƯỜNG MẦM NON XÃ MƯỜNG ẢNG', 'Số: 119/KH-MN', 'Mường Ang, ngày 12 tháng 8 năm 2022', 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC'];
    const all = [...front, 'Căn cứ Báo cáo tự đánh giá của Trường Mầm non xã Mường Ang,'];
    expect(readMetadata({ front, all })).toMatchObject({ place: 'Mường Ảng', school: 'Trường Mầm non xã Mường Ảng' });
    // Where no line shows the marks, the name stays as read: nothing is guessed.
    const unmarked = front.map((l) => l.replace('MƯỜNG ẢNG', 'MƯỜNG ANG'));
    expect(readMetadata({ front: unmarked, all: unmarked }).place).toBe('Mường Ang');
  });

  it('reads a school year whose year a speck gave one more digit ("20324 - 2025"), and no other number so', () => {
    const head = ['TRƯỜNG TH VÀ THCS TUỔI THƠ', 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'NĂM HỌC 20324 - 2025'];
    expect(readMetadata({ front: head, all: head }).schoolYear).toBe('2024-2025');
    expect(withoutSpeckDigit('Năm hoc 20109 - 2020')).toBe('Năm hoc 2019 - 2020');
    expect(withoutSpeckDigit('NĂM HỌC 20325 - 2025')).toBe('NĂM HỌC 20325 - 2025');
  });

  it('reads a letterhead name whose "TRƯỜNG" lost its mark, or whose first line a speck closed', () => {
    const front = ['UBND HUYỆN MƯỜNG CHÀ', 'TRƯƠNG THCS XÃ SI PA PHÌN', 'Số: 139/KH-THCSSPP', 'KẾ HOẠCH'];
    const all = [...front, 'Căn cứ Báo cáo tự đánh giá của Trường THCS xã Si Pa Phìn, nhà trường xây dựng kế hoạch như sau:'];
    expect(readMetadata({ front, all }).school).toBe('Trường THCS xã Si Pa Phìn');
    const wrapped = ['UBND HUYỆN MƯỜNG ẢNG', 'TRƯỜNG PTDTBT TIỂU HỌC.', 'SƠN CA', 'Số 153/KH - THSC', 'KẾ HOẠCH'];
    const body = [...wrapped, 'Căn cứ Báo cáo tự đánh giá của Trường PTDTBT Tiểu học Sơn Ca, nhà trường xây dựng kế hoạch như sau:'];
    expect(readMetadata({ front: wrapped, all: body }).school).toBe('Trường PTDTBT Tiểu học Sơn Ca');
    // A body sentence wrapped at "trường" is still no school.
    const noLetterhead = ['trường và địa phương.', 'KẾ HOẠCH'];
    expect(readMetadata({ front: noLetterhead, all: noLetterhead }).school).toBeNull();
  });

  it('reads a school year whose dash a scan lost ("NĂM HỌC 2021 2022"), and no other pair of years so', () => {
    const head = ['TRƯỜNG TIỂU HỌC THANH XƯƠNG', 'KẾ HOẠCH', 'CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC', 'NĂM HỌC 2021 2022'];
    expect(readMetadata({ front: head, all: head }).schoolYear).toBe('2021-2022');
    expect(withLostDash('Năm học 2021 2023')).toBe('Năm học 2021 2023');
    expect(withLostDash('giai đoạn 2021 2022')).toBe('giai đoạn 2021 2022');
  });

  it('ends a letterhead school name at the number line a scan read with a doubled slash', () => {
    const head = ['TRƯỜNG TRUNG HỌC CƠ SỞ SỐ 2 XÃ HỆ MUÔNG', 'Số: 233⁄/BC-THCS2HM', 'BÁO CÁO', 'KẾT QUẢ THỰC HIỆN KẾ HOẠCH CẢI TIẾN CHẤT LƯỢNG GIÁO DỤC'];
    const meta = readMetadata({ front: head, all: head });
    expect(meta.number).toBe('233/BC-THCS2HM');
    expect(meta.school).toBe('Trường trung học cơ sở số 2 xã Hệ Muông');
  });

  it('reads a number whose code a narrow letterhead column wrapped after its dash', () => {
    expect(readNumber(['Số: 147/BC-', 'THCSBM', 'Bình Minh, ngày 20 tháng 5 năm 2024'])).toBe('147/BC-THCSBM');
    expect(readNumber(['Số: 147/BC-THCSBM', 'KẾ HOẠCH'])).toBe('147/BC-THCSBM');
  });
});
