/**
 * What the generated documents say: schools, places, agencies, and the sentences of plan and
 * report rows, written in the register of the real plans in /work/shared/seeds. Cells are drawn
 * from these pools; none of them contains a criterion code, an amount or a period, so the only
 * codes, amounts and periods in a row are the ones the generator decided (and put in the gold).
 */
import type { SchoolLevel } from '../extract/contract.js';

export interface School {
  /** As the body writes it: "Trường Mầm non Hoa Sen". */
  name: string;
  /** Letters for the document number: "MNHS". */
  abbr: string;
  level: SchoolLevel;
  /** The type part of the name ("Trường PTDTBT Tiểu học"): where a letterhead breaks the line. */
  prefix: string;
  /** The commune or town: the place of the date line. */
  place: string;
}

interface SchoolPattern {
  level: SchoolLevel;
  prefix: string;
  abbr: string;
}

const SCHOOL_PATTERNS: SchoolPattern[] = [
  { level: 'preschool', prefix: 'Trường Mầm non', abbr: 'MN' },
  { level: 'preschool', prefix: 'Trường mầm non', abbr: 'MN' },
  { level: 'preschool', prefix: 'Trường Mẫu giáo', abbr: 'MG' },
  { level: 'primary', prefix: 'Trường Tiểu học', abbr: 'TH' },
  { level: 'primary', prefix: 'Trường PTDTBT Tiểu học', abbr: 'TH' },
  { level: 'lower-secondary', prefix: 'Trường THCS', abbr: 'THCS' },
  { level: 'lower-secondary', prefix: 'Trường PTDTBT THCS', abbr: 'THCS' },
  { level: 'lower-secondary', prefix: 'Trường Trung học cơ sở', abbr: 'THCS' },
  { level: 'upper-secondary', prefix: 'Trường THPT', abbr: 'THPT' },
  { level: 'multi-level', prefix: 'Trường TH và THCS', abbr: 'THCS' },
  { level: 'multi-level', prefix: 'Trường PTDTBT TH và THCS', abbr: 'THCS' },
];

/** Names that follow the prefix: a person, a flower, or "số N xã …" / "xã …" (the place). */
const PROPER_NAMES = ['Hoa Sen', 'Hoa Mai', 'Sơn Ca', 'Họa Mi', 'Bình Minh', 'Sao Mai', 'Hướng Dương', 'Tây Úc', 'Kim Đồng', 'Lê Văn Tám', 'Nguyễn Du', 'Chu Văn An', 'Lê Quý Đôn', 'Võ Thị Sáu', 'Phan Đình Giót', 'Hoa Ban', 'Ánh Dương', 'Tuổi Thơ'];
const PLACES = ['Thanh Xương', 'Thanh Yên', 'Hệ Muông', 'Nà Tấu', 'Đông Sơn', 'Mường Phăng', 'Na Sang', 'Si Pa Phìn', 'Thanh Luông', 'Noong Hẹt', 'Mường Nhé', 'Pú Nhi', 'Quài Tở', 'Tỏa Tình', 'Sam Mứn', 'Pom Lót', 'Thanh Chăn', 'Mường Ảng'];
const DISTRICTS = ['ĐIỆN BIÊN', 'TUẦN GIÁO', 'MƯỜNG ẢNG', 'ĐIỆN BIÊN ĐÔNG', 'MƯỜNG CHÀ', 'NẬM PỒ', 'TỦA CHÙA'];

function initials(words: string): string {
  return words
    .split(/\s+/)
    .filter((w) => /^\p{L}/u.test(w))
    .map((w) => w[0].toUpperCase())
    .join('');
}

export function makeSchool(pick: <T>(list: readonly T[]) => T, chance: (p: number) => boolean, int: (a: number, b: number) => number, level?: SchoolLevel): School {
  const patterns = level ? SCHOOL_PATTERNS.filter((p) => p.level === level) : SCHOOL_PATTERNS;
  const pattern = pick(patterns);
  const place = pick(PLACES);
  let rest: string;
  if (chance(0.45)) rest = pick(PROPER_NAMES);
  else if (chance(0.4)) rest = `số ${int(1, 3)} xã ${place}`;
  else rest = `xã ${place}`;
  const restAbbr = rest.startsWith('số') ? `${rest.split(' ')[1]}${initials(place)}` : initials(rest.replace(/^xã /, ''));
  return { name: `${pattern.prefix} ${rest}`, abbr: `${pattern.abbr}${restAbbr}`, level: pattern.level, prefix: pattern.prefix, place };
}

export function agencyOf(pick: <T>(list: readonly T[]) => T, school: School, year: number): string {
  const district = pick(DISTRICTS);
  if (school.level === 'upper-secondary') return pick(['SỞ GD&ĐT ĐIỆN BIÊN', 'SỞ GIÁO DỤC VÀ ĐÀO TẠO ĐIỆN BIÊN']);
  // From mid-2025 the districts are gone: schools answer to the commune.
  if (year >= 2025) return `UBND XÃ ${school.place.toUpperCase()}`;
  return pick([`UBND HUYỆN ${district}`, `PHÒNG GD&ĐT HUYỆN ${district}`, `PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN ${district}`]);
}

/** One theme of a criterion row: what is wanted and what will be done. */
export interface Theme {
  target: string;
  solution: string;
  /** A short version of the solution, for compact rows. */
  short: string;
}

/** Themes by 2018 standard (1–5); the 2026 form reuses them by its own standards. */
export const THEMES: Record<number, Theme[]> = {
  1: [
    { target: 'Phương hướng, chiến lược phát triển nhà trường được công khai và có sự tham gia của cộng đồng', solution: 'Đa dạng các hình thức công khai phương hướng, chiến lược xây dựng và phát triển nhà trường; tổ chức lấy ý kiến cha mẹ học sinh', short: 'Công khai chiến lược phát triển' },
    { target: 'Hội đồng trường hoạt động đúng quy chế, họp định kỳ', solution: 'Kiện toàn Hội đồng trường; xây dựng quy chế hoạt động và lịch họp định kỳ của Hội đồng', short: 'Kiện toàn Hội đồng trường' },
    { target: 'Các tổ chức đoàn thể phát huy vai trò trong nhà trường', solution: 'Chi bộ chỉ đạo Công đoàn, Chi đoàn xây dựng kế hoạch hoạt động gắn với nhiệm vụ năm học', short: 'Phát huy vai trò đoàn thể' },
    { target: 'Hồ sơ tổ chuyên môn, tổ văn phòng đầy đủ, khoa học', solution: 'Rà soát, bổ sung hồ sơ của tổ chuyên môn và tổ văn phòng; kiểm tra định kỳ mỗi học kỳ', short: 'Hoàn thiện hồ sơ các tổ' },
    { target: 'Quản lý tài chính, tài sản đúng quy định, công khai minh bạch', solution: 'Xây dựng quy chế chi tiêu nội bộ; công khai tài chính theo quy định tại các cuộc họp hội đồng', short: 'Công khai tài chính' },
    { target: 'Bảo đảm an ninh trật tự, an toàn trường học', solution: 'Xây dựng phương án phòng cháy chữa cháy; tập huấn kỹ năng phòng chống tai nạn thương tích cho cán bộ, giáo viên', short: 'Tập huấn an toàn trường học' },
    { target: 'Ứng dụng công nghệ thông tin trong quản lý nhà trường', solution: 'Sử dụng phần mềm quản lý trường học, hồ sơ điện tử; bồi dưỡng kỹ năng tin học cho cán bộ quản lý', short: 'Ứng dụng phần mềm quản lý' },
  ],
  2: [
    { target: 'Cán bộ quản lý đạt chuẩn hiệu trưởng ở mức khá trở lên', solution: 'Tham gia các lớp bồi dưỡng nghiệp vụ quản lý; tự học, tự bồi dưỡng nâng cao năng lực lãnh đạo', short: 'Bồi dưỡng cán bộ quản lý' },
    { target: 'Giáo viên đạt chuẩn trình độ đào tạo theo quy định', solution: 'Tạo điều kiện về thời gian cho giáo viên tham gia học nâng chuẩn; bố trí dạy thay hợp lý', short: 'Hỗ trợ giáo viên học nâng chuẩn' },
    { target: 'Đủ nhân viên kế toán, y tế, văn thư theo quy định', solution: 'Tham mưu cấp trên bổ sung biên chế nhân viên; hợp đồng thêm nhân viên nấu ăn', short: 'Tham mưu bổ sung nhân viên' },
    { target: 'Giáo viên tham gia hội thi giáo viên dạy giỏi cấp huyện đạt giải', solution: 'Tổ chức hội giảng cấp trường; dự giờ, góp ý, bồi dưỡng giáo viên tham gia hội thi', short: 'Tổ chức hội giảng cấp trường' },
    { target: 'Nhân viên hoàn thành tốt nhiệm vụ được giao', solution: 'Tạo điều kiện cho nhân viên tham gia học tập, bồi dưỡng nâng cao nghiệp vụ tay nghề', short: 'Bồi dưỡng nghiệp vụ nhân viên' },
    { target: 'Học sinh được rèn luyện kỹ năng sống, thực hiện tốt nội quy', solution: 'Tổ chức các buổi sinh hoạt dưới cờ theo chủ đề; phối hợp với cha mẹ học sinh giáo dục kỹ năng sống', short: 'Giáo dục kỹ năng sống' },
  ],
  3: [
    { target: 'Khuôn viên xanh, sạch, đẹp; sân chơi an toàn cho trẻ', solution: 'Tham mưu với chính quyền địa phương đầu tư cải tạo sân trường, bổ sung cây xanh và đồ chơi ngoài trời', short: 'Cải tạo sân trường' },
    { target: 'Đủ phòng học theo quy định, bổ sung phòng chức năng', solution: 'Lập dự toán xây dựng thêm phòng học; sửa chữa, nâng cấp các phòng học đã xuống cấp', short: 'Sửa chữa phòng học' },
    { target: 'Khối phòng hành chính quản trị đáp ứng yêu cầu', solution: 'Sắp xếp lại các phòng làm việc; mua sắm bổ sung bàn ghế, tủ đựng hồ sơ', short: 'Mua sắm bàn ghế, tủ hồ sơ' },
    { target: 'Nhà vệ sinh học sinh đủ, đạt chuẩn vệ sinh', solution: 'Xây dựng kế hoạch, lộ trình sửa chữa nâng cấp nhà vệ sinh; vận động xã hội hóa', short: 'Nâng cấp nhà vệ sinh' },
    { target: 'Thư viện đạt chuẩn, có góc đọc sách thân thiện', solution: 'Bổ sung đầu sách, báo, tạp chí; xây dựng thư viện xanh, thư viện lớp học', short: 'Bổ sung sách thư viện' },
    { target: 'Thiết bị dạy học đủ theo danh mục tối thiểu', solution: 'Rà soát, mua sắm bổ sung thiết bị dạy học; khuyến khích giáo viên tự làm đồ dùng dạy học', short: 'Bổ sung thiết bị dạy học' },
    { target: 'Bếp ăn một chiều đảm bảo an toàn thực phẩm', solution: 'Cải tạo bếp ăn theo quy trình một chiều; trang bị tủ lưu mẫu thức ăn và dụng cụ nấu ăn', short: 'Cải tạo bếp ăn một chiều' },
  ],
  4: [
    { target: 'Ban đại diện cha mẹ học sinh hoạt động hiệu quả', solution: 'Phối hợp với Ban đại diện cha mẹ học sinh xây dựng kế hoạch hoạt động; họp định kỳ mỗi học kỳ', short: 'Phối hợp Ban đại diện cha mẹ' },
    { target: 'Huy động được sự tham gia của cộng đồng vào hoạt động giáo dục', solution: 'Tuyên truyền, vận động các tổ chức, cá nhân ủng hộ cơ sở vật chất và học bổng cho học sinh', short: 'Vận động cộng đồng ủng hộ' },
    { target: 'Phối hợp chặt chẽ với chính quyền địa phương', solution: 'Tham mưu với cấp ủy, chính quyền địa phương trong công tác phổ cập giáo dục và huy động trẻ ra lớp', short: 'Tham mưu chính quyền địa phương' },
    { target: 'Giáo dục truyền thống văn hóa dân tộc cho học sinh', solution: 'Tổ chức các hoạt động trải nghiệm tại di tích lịch sử địa phương; mời nghệ nhân giới thiệu văn hóa dân tộc', short: 'Hoạt động trải nghiệm văn hóa' },
  ],
  5: [
    { target: 'Thực hiện chương trình giáo dục phổ thông đúng kế hoạch', solution: 'Xây dựng kế hoạch giáo dục nhà trường; chỉ đạo các tổ chuyên môn thực hiện chương trình theo hướng phát triển năng lực', short: 'Thực hiện chương trình giáo dục' },
    { target: 'Tỷ lệ trẻ suy dinh dưỡng giảm so với đầu năm', solution: 'Xây dựng thực đơn phù hợp; phối hợp với cha mẹ trẻ chăm sóc trẻ suy dinh dưỡng, thấp còi', short: 'Chăm sóc trẻ suy dinh dưỡng' },
    { target: 'Học sinh tham gia các hoạt động giáo dục STEM', solution: 'Tổ chức các chủ đề STEM theo khối lớp; bồi dưỡng giáo viên xây dựng bài học STEM', short: 'Tổ chức hoạt động STEM' },
    { target: 'Chất lượng giáo dục đại trà được nâng lên', solution: 'Phụ đạo học sinh chưa hoàn thành; bồi dưỡng học sinh năng khiếu; đổi mới kiểm tra, đánh giá', short: 'Phụ đạo, bồi dưỡng học sinh' },
    { target: 'Trẻ mạnh dạn, tự tin trong giao tiếp', solution: 'Tổ chức các hoạt động ngoại khóa, lễ hội; tạo môi trường cho trẻ được trải nghiệm', short: 'Tổ chức hoạt động ngoại khóa' },
    { target: 'Học sinh có kỹ năng sử dụng công nghệ thông tin', solution: 'Tổ chức câu lạc bộ tin học; hướng dẫn học sinh khai thác học liệu số an toàn', short: 'Câu lạc bộ tin học' },
  ],
};

/** Extra sentences a school adds to a solution cell as a second bullet or line. */
export const FOLLOW_UPS = [
  'Kiểm tra, đánh giá kết quả thực hiện cuối mỗi học kỳ',
  'Báo cáo kết quả về Hội đồng trường',
  'Lưu trữ hồ sơ minh chứng đầy đủ',
  'Tuyên truyền trên trang thông tin điện tử của trường',
  'Phân công cụ thể từng thành viên phụ trách',
  'Sơ kết, rút kinh nghiệm sau mỗi đợt thực hiện',
];

/** Owners as schools write them: titles, units, abbreviations. None holds "," ";" or "và". */
export const OWNER_PARTS = [
  'Hiệu trưởng', 'Phó hiệu trưởng', 'HT', 'PHT', 'Phó HT', 'TTCM', 'Tổ trưởng chuyên môn', 'Tổ trưởng CM', 'TPCM',
  'GV', 'giáo viên', 'Giáo viên chủ nhiệm', 'GVCN', 'NV', 'nhân viên', 'CBQL', 'BGH', 'Ban giám hiệu', 'Kế toán',
  'kế toán', 'Tổ văn phòng', 'Nhân viên y tế', 'Tổng phụ trách Đội', 'BĐD CMHS', 'Ban đại diện CMHS', 'Công đoàn',
  'Chi đoàn', 'UBND xã', 'Phòng GD&ĐT', 'Hội đồng trường', 'Tổ chuyên môn', 'Nhân viên thư viện', 'Nhân viên thiết bị',
];

export const SUPPORT = ['Không', 'Được đầu tư vốn', 'Thực hiện theo dự án', 'Sự hỗ trợ của Phòng GD&ĐT', 'Phối hợp với Ban đại diện CMHS', 'Tài liệu, trang thiết bị', 'Sự quan tâm của chính quyền địa phương'];
export const NOTES = ['Ưu tiên thực hiện', 'Tiếp tục duy trì', 'Đã có kế hoạch chi tiết', 'Theo lộ trình', 'Cần hỗ trợ'];

/** Report rows: the plan as written at the start of the year, as adjusted, and the results. */
export function reportTexts(theme: Theme) {
  const lower = theme.solution.charAt(0).toLowerCase() + theme.solution.slice(1);
  return {
    planned: [`Nhà trường sẽ ${lower}`, `Tiếp tục ${lower}`],
    adjusted: [`Nhà trường đã ${lower}`, 'Giữ nguyên nội dung kế hoạch', `Điều chỉnh thời gian: ${lower}`],
    done: [`Đã ${theme.short.charAt(0).toLowerCase()}${theme.short.slice(1)} theo đúng kế hoạch`, `${theme.target}: đạt`, 'Hoàn thành đúng tiến độ, đạt chất lượng'],
    inProgress: [`Đang ${theme.short.charAt(0).toLowerCase()}${theme.short.slice(1)}, chậm do thiếu kinh phí`, 'Đang triển khai, chậm tiến độ do thời tiết', 'Các nội dung đang thực hiện đúng tiến độ'],
    notDone: [`Chưa ${theme.short.charAt(0).toLowerCase()}${theme.short.slice(1)} do chưa được cấp kinh phí`, 'Chưa triển khai vì chưa có hướng dẫn của cấp trên', 'Chưa thực hiện do thiếu nhân lực'],
  };
}

/** 2026 form: indicators and evidence of a task. */
export const INDICATORS = ['Số lần cập nhật; thời điểm công khai', 'Số giáo viên có bằng tốt nghiệp đại học', 'Số chuyên đề; tỷ lệ đề kiểm tra đạt yêu cầu', 'Tỷ lệ thiết bị so với danh mục tối thiểu', 'Số lượt mượn sách mỗi tháng', 'Tỷ lệ học sinh tham gia', 'Số buổi sinh hoạt chuyên môn', 'Tỷ lệ cha mẹ học sinh hài lòng'];
export const EVIDENCE = ['Ảnh chụp trang thông tin điện tử; biên bản họp hội đồng', 'Quyết định cử đi học; bằng tốt nghiệp', 'Kế hoạch chuyên đề; biên bản sinh hoạt tổ', 'Dự toán; biên bản bàn giao thiết bị', 'Sổ theo dõi mượn sách', 'Báo cáo sơ kết, tổng kết', 'Phiếu khảo sát; báo cáo tổng hợp'];
export const CURRENT_STATES = ['Đạt Mức 1', 'Đạt Mức 2', 'Chưa đạt Mức 1', 'Đạt Mức 3'];
export const LIMITATIONS = ['Kết quả tự đánh giá chưa được công khai kịp thời', 'Còn giáo viên chưa đạt chuẩn trình độ đào tạo', 'Việc đánh giá học sinh theo hướng phát triển năng lực chưa đồng đều', 'Phòng học bộ môn thiếu thiết bị thực hành', 'Sân chơi chưa đủ đồ chơi ngoài trời', 'Sự phối hợp với cha mẹ học sinh chưa thường xuyên'];
export const CAUSES = ['Chưa phân công người phụ trách cập nhật', 'Giáo viên lớn tuổi, khó sắp xếp thời gian đi học', 'Một số giáo viên còn lúng túng khi xây dựng ma trận đề', 'Kinh phí mua sắm hằng năm còn hạn chế', 'Địa bàn rộng, giao thông khó khăn'];
export const MONITORING_WHEN = ['Cuối học kỳ I', 'Giữa năm học', 'Cuối năm học'];
export const MONITORING_CONTENT = ['Tiến độ thực hiện các nhiệm vụ cải tiến', 'Mức độ hoàn thành các mục tiêu cải tiến', 'Việc sử dụng nguồn lực'];
export const MONITORING_RESULT = ['Các nhiệm vụ thực hiện đúng tiến độ', 'Hoàn thành phần lớn mục tiêu', 'Còn một nhiệm vụ chậm tiến độ'];
export const MONITORING_ADJUST = ['Không', 'Điều chỉnh thời gian nhiệm vụ 3', 'Bổ sung nguồn lực'];
export const ASSESSORS = ['Hiệu trưởng', 'Hội đồng tự đánh giá', 'Phó hiệu trưởng', 'Ban kiểm tra nội bộ'];

/** Body paragraphs around the table (none holds a school year, a circular or a "Số"). */
export const PURPOSES = [
  'Xây dựng kế hoạch cải tiến chất lượng giáo dục nhằm đưa ra các giải pháp phát huy điểm mạnh, khắc phục điểm yếu, từng bước nâng cao chất lượng giáo dục.',
  'Kế hoạch phải cụ thể, khả thi, phù hợp với điều kiện thực tế của nhà trường và địa phương.',
  'Huy động các nguồn lực cho giáo dục, góp phần tạo điều kiện nâng cao chất lượng, hiệu quả giáo dục.',
  'Đảm bảo thực hiện đúng tiến độ, đạt chất lượng, hiệu quả; nâng cao vai trò, trách nhiệm của đội ngũ trong thực hiện kế hoạch.',
];
export const ORGANISATION = [
  'Hiệu trưởng chỉ đạo chung, phân công nhiệm vụ cụ thể cho từng thành viên; kiểm tra, giám sát việc thực hiện kế hoạch.',
  'Các tổ chuyên môn, tổ văn phòng căn cứ kế hoạch này xây dựng kế hoạch của tổ và triển khai thực hiện.',
  'Các đoàn thể trong nhà trường phối hợp tuyên truyền, vận động cán bộ, giáo viên, nhân viên thực hiện tốt kế hoạch.',
];
export const SIGNERS = ['Nguyễn Văn Hùng', 'Lò Thị Hoa', 'Trần Thị Mai', 'Quàng Văn Thắng', 'Lê Thị Thu Hà', 'Vàng A Dính', 'Phạm Thị Lan'];
