/**
 * The abbreviations owner cells are written with ("Phó HT, Tổ trưởng CM", "BGH, GVCN", "Ban
 * ĐDCMHS"): the one table of them, with what each stands for. `splitOwners` keeps owners as written;
 * the owner filter uses this table so that "Phó hiệu trưởng" finds "Phó HT" and "PHT" finds "Phó
 * hiệu trưởng".
 *
 * Only abbreviations that mean one thing in an owner cell are listed: "TT" alone (tổ trưởng, thông
 * tư, thứ tự) and "TP" (tổ phó, thành phố) are not, but "TT CM" is.
 */
import { SIZE_ONLY_LETTERS, stripAccents } from './text.js';

/** One abbreviation (or several spellings of it) and the words it stands for. */
export interface OwnerAbbreviation {
  /** As written: capitals, with or without dots and inner spaces. */
  readonly forms: readonly string[];
  /** The words spelled out, lower case. */
  readonly words: string;
}

export const OWNER_ABBREVIATIONS: readonly OwnerAbbreviation[] = [
  { forms: ['HT'], words: 'hiệu trưởng' },
  { forms: ['PHT', 'P.HT', 'P. HT'], words: 'phó hiệu trưởng' },
  { forms: ['BGH'], words: 'ban giám hiệu' },
  { forms: ['CBQL'], words: 'cán bộ quản lý' },
  { forms: ['QL'], words: 'quản lý' },
  { forms: ['CB'], words: 'cán bộ' },
  { forms: ['TTCM', 'TT CM'], words: 'tổ trưởng chuyên môn' },
  { forms: ['TPCM', 'TP CM'], words: 'tổ phó chuyên môn' },
  { forms: ['CM'], words: 'chuyên môn' },
  { forms: ['GVCN'], words: 'giáo viên chủ nhiệm' },
  { forms: ['GV'], words: 'giáo viên' },
  { forms: ['NV'], words: 'nhân viên' },
  { forms: ['TPT'], words: 'tổng phụ trách' },
  { forms: ['BĐD CMHS', 'BĐDCMHS', 'BĐD CM HS'], words: 'ban đại diện cha mẹ học sinh' },
  { forms: ['ĐDCMHS', 'ĐD CMHS', 'ĐDCM HS'], words: 'đại diện cha mẹ học sinh' },
  { forms: ['BĐD'], words: 'ban đại diện' },
  { forms: ['CMHS', 'CM HS'], words: 'cha mẹ học sinh' },
  { forms: ['HS'], words: 'học sinh' },
  { forms: ['UBND'], words: 'ủy ban nhân dân' },
  { forms: ['GD&ĐT', 'GDĐT', 'GD-ĐT'], words: 'giáo dục và đào tạo' },
];

/** Folded (no accents, lower case, single spaces, dots dropped) as both sides are compared. */
function fold(text: string): string {
  return stripAccents(text.normalize('NFC')).replace(/\./g, ' ').replace(/\s+/g, ' ').trim();
}

interface Spelling {
  /** Folded abbreviation ("pht", "p ht", "bdd cmhs"). */
  readonly short: string;
  /** Folded words ("pho hieu truong"). */
  readonly long: string;
}

const SPELLINGS: readonly Spelling[] = OWNER_ABBREVIATIONS.flatMap((a) => a.forms.map((f) => ({ short: fold(f), long: fold(a.words) })));

/** Every abbreviation as written, for rules that must recognise one ("TT"+"CM" broken by a column). */
export const OWNER_ABBREVIATION_FORMS: ReadonlySet<string> = new Set(OWNER_ABBREVIATIONS.flatMap((a) => a.forms));

/**
 * Owner text with every abbreviation (a whole word, any case) spelled out, folded: "Phó HT, Tổ
 * trưởng CM" → "pho hieu truong, to truong chuyen mon". Longer abbreviations first, so "GVCN" is
 * one role and not "GV" plus something.
 */
export function spellOutOwner(text: string): string {
  let out = fold(text);
  for (const s of BY_LENGTH) out = out.replace(wordPattern(s.short), (_m, before: string) => `${before}${s.long}`);
  return out;
}

const BY_LENGTH = [...SPELLINGS].sort((a, b) => b.short.length - a.short.length);
const PATTERNS = new Map<string, RegExp>();

function wordPattern(short: string): RegExp {
  let p = PATTERNS.get(short);
  if (p == null) {
    p = new RegExp(`(^|[^a-z0-9&])${short.replace(/[.*+?^${}()|[\]\\&-]/g, '\\$&')}(?![a-z0-9&])`, 'g');
    PATTERNS.set(short, p);
  }
  return p;
}

/**
 * What to look for in the (folded) owner cells so that a search for `query` finds every way of
 * writing it: `phrases` to find anywhere (the query spelled out, and with its spelled-out roles
 * abbreviated again: "pho hieu truong", "pho ht"), `words` to find as whole words (abbreviations:
 * "pht", "p ht"; and those whose words hold the whole query: "Hiệu trưởng" finds "PHT" as it finds
 * "Phó hiệu trưởng"). Folded like {@link stripAccents}; dots in abbreviations become spaces, so a
 * cell is compared with its dots made spaces too.
 */
export function ownerSpellings(query: string): { phrases: string[]; words: string[] } {
  const long = spellOutOwner(query);
  if (!/[a-z0-9]/.test(long)) return { phrases: [], words: [] };
  const phrases = new Set<string>([fold(query), long]);
  const words = new Set<string>();
  for (const s of SPELLINGS) if (` ${s.long} `.includes(` ${long} `)) words.add(s.short);
  // Roles inside the query abbreviated again, in every combination: "to truong chuyen mon" →
  // "to truong cm"; "ban dai dien cha me hoc sinh" → "ban ddcmhs", "bdd cha me hs", …
  const queue = [long];
  while (queue.length > 0 && phrases.size < MAX_SPELLINGS) {
    const phrase = queue.shift()!;
    for (const s of SPELLINGS) {
      for (const variant of replaceEach(phrase, s.long, s.short)) {
        if (phrases.has(variant)) continue;
        phrases.add(variant);
        queue.push(variant);
      }
    }
  }
  // An abbreviation alone ("ttcm") is looked for as a word, not inside one.
  for (const p of phrases) {
    if (SHORT_FORMS.has(p)) {
      phrases.delete(p);
      words.add(p);
    }
  }
  return { phrases: [...phrases], words: [...words] };
}

/** Enough for any role name written out; a query longer than a role only needs its own spellings. */
const MAX_SPELLINGS = 64;
const SHORT_FORMS: ReadonlySet<string> = new Set(SPELLINGS.map((s) => s.short));

/** `text` with each occurrence of `from` (whole words) replaced by `to`, one at a time. */
function replaceEach(text: string, from: string, to: string): string[] {
  const out: string[] = [];
  let at = text.indexOf(from);
  while (at >= 0) {
    const end = at + from.length;
    const whole = (at === 0 || !/[a-z0-9]/.test(text[at - 1])) && (end === text.length || !/[a-z0-9]/.test(text[end]));
    if (whole) out.push(text.slice(0, at) + to + text.slice(end));
    at = text.indexOf(from, at + 1);
  }
  return out;
}

/** Letters a scan confuses in capitals: "PHI" for PHT, "BOH" for BGH, "GVƠN" for GVCN. */
const CONFUSABLE: readonly (readonly [string, string])[] = [
  ['I', 'T'],
  ['O', 'G'],
  ['Ơ', 'C'],
  ['0', 'O'],
  ['1', 'I'],
  ['l', 'I'],
];
/** Marks a scan reads as a capital of their own between two letters. */
const STROKES: ReadonlySet<string> = new Set(['I', 'Ĩ', 'Í', 'Ì', 'Ỉ', 'Ị', 'Ơ', 'l', '1', '|']);
const confusable = (a: string, b: string) => CONFUSABLE.some(([x, y]) => (a === x && b === y) || (a === y && b === x));

/**
 * Mends what a scan did to the words of an owner cell, knowing its vocabulary: the abbreviations
 * ({@link OWNER_ABBREVIATIONS}) and the role words of `phrases` (lower case, e.g. "tổ trưởng cm").
 * Only a piece that is no known word is touched, and only into known words:
 * - pieces of one abbreviation split by a space: "TPC M" → "TPCM", "CMH s" → "CMHS";
 * - a word's last letter pushed onto the next word: "trưởn gCM" → "trưởng CM", "UBN Dxã" → "UBND xã";
 * - a capital misread as a look-alike, when exactly one abbreviation fits: "PHI" → "PHT", "BOH" → "BGH", "HI" → "HT";
 * - a stroke read as a letter of its own, marks and all: "GVƠCN" → "GVCN", "PHĨT" → "PHT";
 * - a final "g" read as a digit: "Hiệu trưởn 8" → "Hiệu trưởng".
 * The function returned is what runs per cell. Only for text read from images.
 */
export function scannedOwnerMender(phrases: readonly string[]): (text: string) => string {
  const abbreviations = new Set([...OWNER_ABBREVIATION_FORMS].filter((f) => !/[\s.]/.test(f)));
  const words = new Set([...phrases, ...OWNER_ABBREVIATIONS.map((a) => a.words), 'xã'].flatMap((p) => p.split(' ')).map((w) => w.toLowerCase()));
  const known = (w: string) => abbreviations.has(w) || words.has(w.toLowerCase());
  const lower = phrases.map((p) => p.toLowerCase());
  // The last two words of a role ("chuyên môn", "thư viện", "gd&đt"): a role ends there.
  const phraseEnds = new Set(lower.filter((p) => p.includes(' ')).map((p) => p.split(' ').slice(-2).join(' ')));
  const firstWords = new Set(lower.filter((p) => p.includes(' ')).map((p) => p.split(' ')[0]));
  // The roles of several words, by their letters alone (see respaced).
  const spaced = new Map([...lower, ...OWNER_ABBREVIATIONS.map((a) => a.words.toLowerCase())].filter((p) => p.includes(' ')).map((p) => [squashed(p), p]));
  const lookAlike = (w: string): string | null => {
    // "cBQL", "Gv": a capital read in lower case ("C" and "c", "V" and "v" differ only in size).
    if ((/^\p{Ll}\p{Lu}{2,}$/u.test(w) || CAPITAL_THEN_LOOK_ALIKE.test(w)) && abbreviations.has(w.toUpperCase())) return w.toUpperCase();
    // "GD&DĐT", "GD&PĐT": a stroke of the "Đ" read as a letter of its own.
    if (/^GD&[A-ZĐ]ĐT$/u.test(w)) return 'GD&ĐT';
    // Two letters too ("HI" for HT): only where exactly one abbreviation of two fits.
    if (w.length < 2 || w !== w.toUpperCase() || known(w)) return null;
    const fits = [...abbreviations].filter((a) => a.length === w.length && [...a].filter((ch, i) => ch !== w[i]).length === 1 && [...a].every((ch, i) => ch === w[i] || confusable(ch, w[i])));
    if (fits.length === 1) return fits[0];
    // A stroke read as a letter of its own inside the capitals: "GVƠCN", "TTICM" for GVCN, TTCM.
    const dropped = new Set([...w].map((ch, i) => (STROKES.has(ch) ? w.slice(0, i) + w.slice(i + 1) : '')).filter((x) => abbreviations.has(x) && x.length >= 3));
    return dropped.size === 1 ? [...dropped][0] : null;
  };
  return (text) => {
    // Each piece: its letters (with "&"), and what follows it up to the next piece.
    const pieces = [...text.matchAll(/([\p{L}\p{N}&]+)([^\p{L}\p{N}&]*)/gu)].map((m) => ({ core: m[1], tail: m[2] }));
    const out: { core: string; tail: string }[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const p = { ...pieces[i] };
      const next = pieces[i + 1];
      const spaceOnly = /^\s+$/.test(p.tail);
      if (next && spaceOnly && !known(p.core)) {
        const joined = p.core + next.core;
        if (abbreviations.has(joined.toUpperCase()) && joined.length <= 6 && !known(next.core) && (next.core === next.core.toUpperCase() || next.core.length === 1)) {
          out.push({ core: joined.toUpperCase(), tail: next.tail });
          i++;
          continue;
        }
        const moved = p.core + next.core[0];
        const rest = next.core.slice(1);
        if (rest && known(moved) && known(rest)) {
          out.push({ core: moved, tail: p.tail }, { core: rest, tail: next.tail });
          i++;
          continue;
        }
        if (/^[589]$/.test(next.core) && words.has((p.core + 'g').toLowerCase())) {
          out.push({ core: p.core + 'g', tail: next.tail });
          i++;
          continue;
        }
      }
      out.push({ core: lookAlike(p.core) ?? p.core, tail: p.tail });
    }
    // A comma the scan lost (or read as a dot) between two owners: "GV HT" → "GV, HT", "NV Phó HT"
    // → "NV, Phó HT", "Tổ trưởng chuyên môn BGH" → "…, BGH". Only after a whole role and before
    // the start of another, so "Phó HT", "BĐD CMHS", "Tổ trưởng CM" and "UBND xã" stay as written.
    // "UBND xa": the commune's mark lost after the committee it always follows.
    for (let i = 1; i < out.length; i++) if (out[i].core === 'xa' && out[i - 1].core === 'UBND') out[i].core = 'xã';
    // A semicolon read as a colon between two owners ("Hội đồng trường: UBND xã; Phó HT"): the
    // two differ by a stroke a scan loses. Only in a list that separates its owners with
    // semicolons and no commas: "Ban giám hiệu, Chủ tịch: Công đoàn" is written so.
    const semicolons = text.includes(';') && !text.includes(',');
    for (let i = 0; i + 1 < out.length; i++) {
      const colon = semicolons && /^\s*:\s*$/.test(out[i].tail);
      if (!colon && !/^(?:\s+|\.\s*)$/.test(out[i].tail)) continue;
      const lastTwo = out.slice(Math.max(0, i - 1), i + 1).map((p) => p.core).join(' ').toLowerCase();
      const ends = ROLES.has(out[i].core) || phraseEnds.has(lastTwo);
      const next = out[i + 1].core;
      const nextTwo = out.slice(i + 1, i + 3).map((p) => p.core).join(' ').toLowerCase();
      // Another role starts: an abbreviation that is one, a phrase's first word in capitals
      // ("Phó", "UBND"), or after an abbreviation a two-word role in lower case ("NV giáo viên";
      // "Nhân viên y tế" is one owner).
      const starts = ROLES.has(next) || (/^\p{Lu}[\p{Lu}\p{Ll}]*$/u.test(next) && firstWords.has(next.toLowerCase())) || (ROLES.has(out[i].core) && /^\p{Ll}/u.test(next) && lower.includes(nextTwo));
      if (ends && starts) {
        out[i].tail = colon ? '; ' : ', ';
        continue;
      }
      if (colon) continue;
      // "TTCM va PHT": the "và" between two owners, its mark lost, so the owners split there too.
      const after = out[i + 2]?.core;
      if (ends && next === 'va' && /^\s+$/.test(out[i + 1].tail) && after && (ROLES.has(after) || firstWords.has(after.toLowerCase()) || known(after))) out[i + 1].core = 'và';
    }
    // A speck between two words of one role ("Phòng. GD&ĐT", "Tổng phụ trách. Đội") is no stop.
    for (let i = 0; i + 1 < out.length; i++) {
      if (!/^\.\s+$/.test(out[i].tail)) continue;
      const pair = `${out[i].core} ${out[i + 1].core}`.toLowerCase();
      if (lower.some((phrase) => ` ${phrase} `.includes(` ${pair} `))) out[i].tail = ' ';
    }
    // Two marks where one separates ("NV,, Nhân viên", "CBQL,; Nhân viên"): the cell's own
    // separator, the one its other gaps use, else the first of the two.
    const used = (mark: string) => out.filter((p) => p.tail.trim() === mark).length;
    for (const p of out) {
      const marks = p.tail.replace(/\s/g, '');
      if (!/^[,;.]{2,}$/.test(marks) || p === out.at(-1)) continue;
      const choices = [...new Set(marks.replace(/\./g, ''))];
      p.tail = `${choices.sort((a, b) => used(b) - used(a))[0] ?? ','} `;
    }
    // A comma the scan ran into the next owner ("GV,TTCM"): the space after it back.
    for (const p of out) if (p.tail === ',' && p !== out.at(-1)) p.tail = ', ';
    const lead = text.match(/^[^\p{L}\p{N}&]*/u)![0];
    // A speck under the line's end ("BĐD CMHS._", "Tổ trưởng CM_") is no part of the owners, nor
    // is a "?" or "~" standing alone, or a stroke after an abbreviation ("CBQL/;").
    const mended = (lead + out.map((p) => p.core + p.tail).join(''))
      .replace(/[.\s]*_+$/u, '')
      .replace(/\s+[?~¿]+(?=\s)/gu, '')
      .replace(/(?<=\p{Lu}{2})\/(?=[;,]|$)/gu, '');
    return mended
      .split(/(\s*[,;]\s*)/u)
      .map((part, k) => (k % 2 === 1 ? part : respaced(part, spaced.get(squashed(part)))))
      .join('');
  };
}

/** A role's letters, digits and "&" alone, lower case: "Tổng-phụ trách Đội" and "Tổng phụ trách Đội" are one. */
const squashed = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}&]/gu, '');

/**
 * An owner the scan read with the right letters and the wrong gaps ("Nhân viên ytế", "Tổ trưởng
 * chuy en môn", "PhóHT", "Tổng-phụ trách Đội") in the spacing of the one role of several words
 * they spell, its letters and their case as read; any other owner as read.
 */
function respaced(part: string, role: string | undefined): string {
  if (role == null) return part;
  // What comes before its first letter and after its last ("- ", ".") stays as read.
  const [, lead, inner, trail] = /^([^\p{L}\p{N}&]*)(.*?)([^\p{L}\p{N}&]*)$/su.exec(part)!;
  if (inner.toLowerCase() === role) return part;
  const letters = [...inner].filter((ch) => /[\p{L}\p{N}&]/u.test(ch));
  let k = 0;
  return lead + [...role].map((ch) => (ch === ' ' ? ' ' : letters[k++])).join('') + trail;
}

/** A capital and a small letter shaped like its capital ("Gv"): two capitals as a scan may read them. */
const CAPITAL_THEN_LOOK_ALIKE = new RegExp(`^\\p{Lu}[${SIZE_ONLY_LETTERS}]$`, 'u');

/** Abbreviations that are a whole owner on their own (not "CM", "BĐD", "UBND": parts of one). */
const ROLES: ReadonlySet<string> = new Set(['HT', 'PHT', 'BGH', 'CBQL', 'TTCM', 'TPCM', 'GVCN', 'GV', 'NV', 'TPT']);
