/**
 * The header wordings table (./wordings.json) in typed form: per table profile, field → the
 * wordings seen for it and where each came from; and the lexicon the matcher reads them with
 * (abbreviations, synonyms, words that carry a field's meaning, words that type a cell).
 */
import { canonicalVietnamese, escapeRegExp } from '../normalize/text.js';
import data from './wordings.json' with { type: 'json' };

/** Where a wording came from: the contract, a real document's header, or common school usage. */
export type WordingSource = 'contract' | 'documents' | 'practice';

export interface Wording {
  text: string;
  from: WordingSource;
}

/** field → wordings, for one table profile. */
export type FieldWordings = Record<string, Wording[]>;

export interface Lexicon {
  /** "nd" → "nội dung": lower-case abbreviation → what it stands for. */
  abbreviations: Record<string, string>;
  /** Phrases that mean the same; the first of each group is the one the others read as. */
  synonyms: string[][];
  /** field → words that say on their own that a header is about that field ("dự toán" → budgetText). */
  meanings: Record<string, string[]>;
}

/** Words that say what a body cell holds (column typing by content). */
export interface CellWords {
  owner: string[];
  time: string[];
  action: string[];
  done: string[];
  inProgress: string[];
  notDone: string[];
  /** A report's adjusted plan: what was changed or kept ("Điều chỉnh thời gian: …", "Giữ nguyên"). */
  adjusted: string[];
  /** Help from outside the plan's budget: "Sự hỗ trợ của Phòng GD&ĐT", "Được đầu tư vốn". */
  support: string[];
  ticks: string[];
}

interface WordingsFile {
  abbreviations: Record<string, string>;
  synonyms: { groups: string[][] };
  meanings: { fields: Record<string, string[]> };
  common: Record<string, Wording[] | string>;
  profiles: Record<string, Record<string, Wording[] | string[]>>;
  cells: CellWords & { about: string };
}

const file = data as unknown as WordingsFile;

export const LEXICON: Lexicon = {
  abbreviations: file.abbreviations,
  synonyms: file.synonyms.groups,
  meanings: file.meanings.fields,
};

export const CELL_WORDS: CellWords = file.cells;

/**
 * A pattern for any of the words, whole, after `at` (by default: not inside a word), accents kept
 * and compared in canonical form ("hoà" = "hòa"); the longest first, so "tổ chức" wins over "tổ".
 */
export function anyWordOf(list: readonly string[], at = '(?<![\\p{L}\\p{N}])'): RegExp {
  return new RegExp(`${at}(?:${list.map(canonicalVietnamese).sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

/** The wordings of every field of one profile, the shared fields it names included. */
export function profileWordings(profile: string): FieldWordings {
  const entry = file.profiles[profile];
  if (!entry) throw new Error(`no wordings for table profile ${profile}`);
  const out: FieldWordings = {};
  for (const field of entry.common as string[]) out[field] = file.common[field] as Wording[];
  for (const [field, list] of Object.entries(entry)) if (field !== 'common') out[field] = list as Wording[];
  return out;
}

/** Every profile's wordings: profile → field → wordings. */
export function allWordings(): Record<string, FieldWordings> {
  return Object.fromEntries(Object.keys(file.profiles).map((p) => [p, profileWordings(p)]));
}

/** The whole table as stored, for the rules version digest. */
export const WORDINGS_DATA: unknown = data;

/** Every wording of the table (headers and cell words) as text: words known to be written right. */
export function wordingTexts(): string[] {
  const headers = Object.values(allWordings()).flatMap((fields) => Object.values(fields).flatMap((list) => list.map((w) => w.text)));
  const cells = Object.entries(file.cells).flatMap(([k, v]) => (k === 'about' ? [] : (v as string[])));
  return [...headers, ...cells];
}
