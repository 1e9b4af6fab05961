/**
 * Accent folding in SQL, the same on PGlite and PostgreSQL, with no extension: decompose (NFD),
 * drop the combining marks, lower-case, and map the one Vietnamese letter that does not
 * decompose (đ/Đ) to d. This is {@link stripAccents} in SQL, so "Kế hoạch" → "ke hoach", and "hoà"
 * / "hòa" (tone mark on a different vowel) both → "hoa". Decomposing first matters: lower() under
 * the C locale (PGlite's, many servers') leaves "Ế" upper case but does lower the "E" it
 * decomposes to. (A translate() map of every accented letter does the same but compares each
 * character with the whole map: three times slower on 100,000 items.)
 *
 * Full-text search runs over the folded text of an item's text fields with the `simple` text
 * search configuration: after folding every letter is ASCII, so the tokenizer splits Vietnamese
 * syllables the same way whatever the database locale. The expression is one constant
 * ({@link itemSearchVector}), so a GIN expression index over it (see indexes.ts) serves the query.
 */
import { sql, type SQL } from 'drizzle-orm';
import { ownerSpellings } from '../normalize/owner-roles.js';
import { stripAccents } from '../normalize/text.js';
import { items } from '../store/index.js';

// Literals, not bound parameters: an expression index only matches a query whose expression is
// textually the same. The class holds the marks themselves, not \u escapes, so no server setting
// (standard_conforming_strings) can change its meaning.
const MARKS = sql.raw(`'[\u0300-\u036f]'`);

/** `expr` folded: lower-case, no diacritics. */
export function foldSql(expr: SQL | SQL.Aliased | unknown): SQL {
  return sql`translate(lower(regexp_replace(normalize(${expr}, NFD), ${MARKS}, '', 'g')), 'đĐ', 'dd')`;
}

/** The same folding in JS (tests and in-memory matching). */
export function foldText(value: string): string {
  return stripAccents(value);
}

/** A LIKE pattern that matches `text` anywhere, with `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Accent- and case-insensitive "column contains text"; wildcard characters in `text` are literal. */
export function foldedContains(column: unknown, text: string): SQL {
  return sql`${foldSql(column)} like ${foldSql(sql`${containsPattern(text)}::text`)} escape '\\'`;
}

/** A POSIX regular expression matching `text` literally. */
function literalPattern(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, (c) => `\\${c}`);
}

/**
 * Owner cells that name what `text` names, however either is written: "Phó hiệu trưởng" finds
 * "Phó HT, Tổ trưởng CM" and "PHT", "TTCM" finds "Tổ trưởng chuyên môn" (the table of
 * abbreviations is normalize's {@link ownerSpellings}). Accents and case are ignored; the spelled-out
 * forms are found anywhere in the cell, as typed text always was, and abbreviations as whole words.
 */
export function ownerCondition(column: unknown, text: string): SQL {
  const { phrases, words } = ownerSpellings(text);
  if (phrases.length === 0 && words.length === 0) return foldedContains(column, text);
  const pattern = [
    ...phrases.map(literalPattern),
    ...words.map((w) => `(^|[^a-z0-9&])${literalPattern(w)}($|[^a-z0-9&])`),
  ].join('|');
  // Dots read as spaces, as in the table: "P.HT" is "p ht". The items' owner cells are stored so
  // folded (items.owner_folded, src/store/schema.ts); any other column is folded here.
  const folded = column === items.owner ? items.ownerFolded : sql`regexp_replace(${foldSql(column)}, '[.[:space:]]+', ' ', 'g')`;
  return sql`${folded} ~ ${pattern}`;
}

/** The item columns full-text search reads. */
const SEARCHED = [
  items.criterionName,
  items.content,
  items.target,
  items.solution,
  items.support,
  items.indicator,
  items.evidence,
  items.owner,
  items.budgetText,
  items.statusText,
  items.planned,
  items.adjusted,
  items.done,
  items.inProgress,
  items.notDone,
  items.note,
];

/**
 * The folded text of an item as a tsvector. `||` with coalesce, not concat_ws: concat_ws is only
 * STABLE, and an index expression must be IMMUTABLE.
 */
export function itemSearchVector(): SQL {
  const parts = SEARCHED.map((c) => sql`coalesce(${c}, '')`);
  return sql`to_tsvector('simple'::regconfig, ${foldSql(sql.join(parts, sql` || ' ' || `))})`;
}

/** Whether typed text has anything to search for (a letter or a digit). */
export function searchable(text: string): boolean {
  return /[\p{L}\p{N}]/u.test(text);
}

/**
 * Items matching typed text: every word, in any order; "quoted words" as a phrase; `-word`
 * excludes. websearch_to_tsquery never raises a syntax error, whatever the input.
 */
export function searchCondition(text: string): SQL {
  if (!searchable(text)) return sql`false`;
  return sql`${itemSearchVector()} @@ websearch_to_tsquery('simple'::regconfig, ${foldSql(sql`${text.normalize('NFC')}::text`)})`;
}
