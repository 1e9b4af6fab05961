/**
 * The version of the extraction rules, stored with every extraction so `khcl reextract
 * --rules-before` knows which documents are behind. It is a hand-bumped number for changes to the
 * code, plus a digest of the header wordings table (./wordings.json), so adding a wording changes it by itself.
 */
import { createHash } from 'node:crypto';
import { WORDINGS_DATA } from './wordings.js';

/**
 * Bump when a change to the extraction or normalisation code changes what comes out, or the rule
 * that marks copies (./copies.ts), which is decided with each extraction. 2: copies recorded.
 * 3: headers read by meaning, tables and columns recognised by their cells. 4: rows continued over
 * page breaks told from rows of their own, narrow-column mends, numbered 2026 headers; a file cut
 * into documents (binders of several plans and reports), each with its `segment`. 5: a header row
 * left empty above the column numbers, a criterion label followed by a stop ("Tiêu chí. 3.4").
 * 6: a result column the header leaves open beside two it names; "SỐ:" in capitals, a dropped
 * slash in the number ("33BC-…"), a misread "tháng" in the date line; a plan's missing target
 * is sought only left of its solution. 7: a unit of money in a header names the budget column
 * ("KPdưựkiên (triệu đông)"); a header leaning to a typed field over cells half reading as it;
 * "đông" after an amount is "đồng". 8: a separator lost for a space ("80.000 000 đồng"), one number
 * with budget.ambiguous; a scan's bare amount where a decimal comma may be lost, at most 0.8 with
 * budget.comma_doubtful; a lone amount beside "Không" types a column of two rows as money; a
 * semester left as strokes ("Học kỳ H", "I!") is the second; "Giữ vững. mức,1" is level 1.
 * 9: a table of one row typed by its one cell per column; a code a narrow column broke over lines;
 * dot-lost codes ("11" under standard 1) and a column of bare standard numbers found by the cells;
 * a result "…: đạt" is done; a report's one column before the results is the adjusted plan when its
 * cells say so; a scan's "15 tỷ" (or "25 triệu" beside "2,5") is doubted; a heading row under the
 * header is never a header row; headers naming the standard and criterion columns the other way
 * round are swapped by the cells; a dot-lost code between the codes around it ("33" between 2.3
 * and 3.4) is restored; "M. ức 2" is a level. 11: a 2026 task table whose header row is blank, or
 * gone (a PDF drops a blank row), is read in the form's column order when its cells agree; a
 * one-row report's empty result columns beside a cued one make its triple; an amount in words
 * whose first word a scan misread ("Bồn mươi lăm triệu") is no amount, with budget.ambiguous; a
 * scan's owner roles get their marks back ("Tổ trướng" → "Tổ trưởng"). 12: a plan's target and
 * solution are sought left of the codes when no text column stands right of them. 13: a scan's
 * criterion code read again as digits (a code a narrow column broke over two lines) gives the row
 * ocr.code_reread; a scanned code out of order between its neighbours is doubted (and taken as the
 * one code that fits when one digit differs), criterion.out_of_order; "11. Phương hướng", "1⁄4"
 * under their standard, "Tiêu chí 5:5", "Tiêu chí - 4.2", and a dot-lost code at the top or foot
 * of the column beside a code of its standard are read; a criterion cell naming two criteria
 * gives item.merged_rows; a scanned budget cell's sources get their marks back and a ";" read
 * as ":" after a unit; a timeline's dash read as "=" or a colon between consecutive years; a
 * typed field's header over an empty column gives way to a column whose cells plainly hold it; a
 * plan of three columns (number, criterion, measures) is a plan; a scanned owner cell's broken
 * and look-alike words are mended ("TPC M", "trưởn gCM", "PHI").
 * 14: the last column of a table whose header says nothing, holding remarks, is the note; a lone
 * plan column with two cells that keep or change the plan is the adjusted one; "dở dang" is in
 * progress; a title and table that disagree on the kind say so (document.kind_conflict).
 * 15: a label cut by a page break is joined; a support column is read by its cells; dot-lost codes
 * find the code column; scanned owners get lost commas back, scanned quarters their numerals.
 * 16: a scanned code with a digit too many ("1.22 (Mức 2)") or a misread standard digit is
 * taken as the code its neighbours vouch for (criterion.digit_dropped, criterion.standard_restored);
 * a label cut beside a merged standard cell is joined; a dot-lost code alone above its name is
 * read; a headerless plan's one left-over column is the note; a scanned text's known phrases get
 * their marks back, its criterion names the listed spelling when only marks differ, its periods
 * lose specks read as stops; a school year with a speck digit ("20324 - 2025") is read; a name's
 * marks come from where the document shows them; a scanned task ending in a cut code ("G3)") says so.
 * 17: of two result triples with equal cues, the one filled once per row; a report's lone plan
 * column filled in under half its rows is a remark; a headerless report's left-over column is the
 * note; a column of standard headings by its cells; a standard named in the row vouches for a
 * misread standard digit, and "Tiêu chí D.5" between 5.4 and 5.6 is 5.5; a scanned TT loses its
 * specks; scanned text gets spaces read one letter off moved back, lone specks dropped, capital
 * look-alikes ending a word lowered; owners lose stray stops and doubled separators; a report's
 * plan column filled in every row beside two results filled in turn; a page break's stray words
 * between two pieces of a table no longer split it; "Tiêu - chí", "Tiêu chí 1: 2", "Tiêu chí D3",
 * "7.32" beside TT 7, "52(Mức 2)" are codes; periods that lost a month or a semester numeral say so;
 * a 2026 task's cut "(11)" is the focus table's one criterion with those digits; school names are
 * read past a letterhead word a scan garbled into signs.
 * 18: a scanned amount whose reader found it too wide for its digits is a doubtful comma
 * (budget.comma_doubtful); a cell asking for help ("Cần hỗ trợ") is a remark, not support; of two
 * columns of row numbers, the one that numbers every row is the TT (not the standards merged beside it);
 * a scanned budget cell loses a speck closing it after the amount ("15.000.000.", "10 triệu đồng:"),
 * gets "tỷ" back from "ty"/"tÿ" after an amount and the space after a source's colon ("NS:20");
 * a header word a scan ran into an abbreviation ("KPthực hiện") is split and the abbreviation read out;
 * a letterhead's "TRƯƠNG" is "TRƯỜNG", a stop closing its capitals line a speck; "NĂM HỌC 2021 2022" a school year;
 * a place keeps its words past a speck (".Noong Hẹt") and is read when the date is garbled; a
 * capital echoing the letter before it in a scanned word ("ẢẲng") goes; "Tiêu chí5'6" is 5.6; a
 * scanned capital gets back the vowel mark that alone makes its word a syllable ("Uu" → "Ưu"); a
 * stop standing alone and a comma closing an owner list are specks; a scanned task's TT read as a
 * speck ("-") is a lost number (item.no_row_number), numbered between its neighbours when they allow;
 * the column of codes the header took for another field ("TG, tiêu chí") is the criterion column; a
 * report's plan column ("Nhà trường sẽ …") is read left of the codes too; a standard heading with a
 * letter read twice ("TIÊU CHUẤẨN. 5", "TTiêu chuẩn 3") is read, and "1,4" under standard 1 is 1.4.
 * 19: a header naming no field over columns with no people, periods or money is a report under a
 * report's title; a result column is found left of the codes too; a column of a few words right of
 * a plan's long texts is the remarks, not the target; "Tiêu chí LI" is 1.1 (criterion.dot_restored);
 * a scanned task TT that breaks its neighbours' run ("3", "1", "5") is 4 (item.row_number_misread),
 * and tasks that lost their TT at the table's end are numbered on from the last.
 * 20: a scanned word in small letters that is no syllable gets back the one vowel mark or "đ" bar
 * that makes it one ("tien" → "tiên"); a lone capital O between small words is small ("Ở mức");
 * a text's first or last word takes a known pair's marks from its one neighbour ("Quần lý"); a
 * scanned owner's "HI" is HT and "PHĨT" PHT;
 * a document number's doubled slash ("233⁄/BC") and "Sô:" are read (the school name ends there);
 * a numbered header's one column left that asks for help is the support; a result triple read by
 * words alone needs each column to say its result; digits in brackets that neither restate nor
 * add up to the amount before them are budget.ambiguous.
 * 21: a Word table's next piece whose repeated header is followed by a continued row that reads
 * like a second header row still continues it; a word a page break cut ("Quả" | "n lý") is joined;
 * of "TC" and "Tiêu chí", the column holding the codes is the criterion, the other the standard;
 * a headerless table's first standard heading is a body row, and vouches for a dot-lost code;
 * scanned periods: a tilde beside the dash ("2019~– 2020"), two months whose dash was lost, "Quý."
 * and "các năm học tiếp teg" are read; a month over a three-digit year is timeline.ambiguous; a
 * scanned "(Mực 1)" after the code is the level, not the name, and a name of a lone "(" is none;
 * a row opening with a criterion code ("1.2 (Mức 3)") is never a header row; numbers merged down
 * their criteria that are the standards of the codes beside them are the standard, not the TT.
 * 22: a filled column none of whose cells says a result is no result column away from the place
 * the form gives that result (a remark after "Chưa …" is the note, not "done"); a cell opening
 * with a code behind a speck ("Tiêu chí . 5.2") opens with a code; a row of column numbers
 * that a scan garbled but for three counting up ("u", "O2)", "(3)", "đ)", "(5)", "(6)", "()") is one;
 * a stop between two words of the school's name is a speck ("TIỂU. HỌC"); a school level only the
 * text's words give is said to be a guess (document.level_guessed); Circular 18/2018 (THCS, THPT
 * and schools of several levels) no longer makes a school lower-secondary; a letterhead's
 * "TRƯỜNG" on a line of its own is read with the capitals under it.
 * 23: one column filled in several rows beside two empty ones no longer outranks three result
 * columns that take turns ("Đang …" alone beside "không" and a note made "Đã …" the adjusted plan);
 * "Giữ vững mức 2" whose middle words a scan garbled ("Giữ vừữn 5 Mức 2") is level 2; a label whose
 * code the scan could not read ("Tiêu chí J.t") takes the one code that fits between its neighbours
 * (criterion.code_restored), and is no longer joined to the row below as a cut label when that row
 * has a label of its own.
 * 24: a report whose columns run in another order reads the one column after a result whose cells
 * keep or change the plan ("Giữ nguyên nội dung kế hoạch") as the adjusted plan, not as a note;
 * a speck inside the label ("Tiêu : chí 5.2") is read through; a scanned criterion column whose
 * every cell lost its dot ("15", "31", "51" in the order of codes) vouches for them all; a colon
 * between two scanned owners ("Hội đồng trường: UBND xã") is the semicolon the scan misread; a
 * scanned item whose budget cell took text from the next page is item.continuation_doubtful; a
 * scan's "35 ty đồng" (the mark of "tỷ" lost with the comma of "3,5") is budget.comma_doubtful.
 * (Stored layouts are not read again: a next-page task opening in capitals under one that ended
 * naming its criterion is kept apart by the stitcher only when the file is read again.)
 * 25: a scanned code out of order across a change of standard is the one code between its
 * neighbours a misread or an added digit explains ("3.11" between 2.2 and 3.2 is 3.1), never one
 * of two. (Read again only with the file: a label cut after its dot, "Tiêu chí 1.", is read again
 * whole on its own; a code broken over two lines of a narrow column, "3." / "2", keeps a next-page
 * row apart.) A scanned owner whose letters spell a role of several words with other gaps ("Nhân viên
 * ytế", "PhóHT", "Tổng-phụ trách Đội") takes the role's gaps.
 */
export const RULES_REVISION = 25;

const digest = createHash('sha256')
  .update(JSON.stringify(WORDINGS_DATA))
  .digest('hex')
  .slice(0, 8);

/** e.g. "2.3f9a0c2e": compare with {@link isOlderRules}, never as strings. */
export const RULES_VERSION = `${RULES_REVISION}.${digest}`;

/**
 * How a rules version is written: the revision, optionally with the digest of the header tables
 * after a dot ("2", "2.8afedb84"). `khcl reextract --rules-before` takes either.
 */
export const RULES_VERSION_FORMAT = /^(\d{1,9})(?:\.([0-9a-f]{1,64}))?$/;

/** The revision and digest of a version, or undefined for a string this code never wrote. */
function parseRules(v: string): { revision: number; digest?: string } | undefined {
  const m = RULES_VERSION_FORMAT.exec(v.trim());
  return m ? { revision: Number(m[1]), digest: m[2] } : undefined;
}

/**
 * Whether version `a` (a document's) is older than `b`. Revisions compare as numbers. `b` given as
 * a revision alone ("2") means "before revision 2": every digest of revision 2 is not older. Two
 * full versions of one revision differ only in their header tables, which have no order: a
 * different digest is treated as older, so it is re-extracted. A version that does not parse (hand
 * edited, from a test) is older than any.
 */
export function isOlderRules(a: string, b: string = RULES_VERSION): boolean {
  const pb = parseRules(b);
  if (!pb) return false;
  const pa = parseRules(a);
  if (!pa) return true;
  if (pa.revision !== pb.revision) return pa.revision < pb.revision;
  return pb.digest !== undefined && pa.digest !== pb.digest;
}
