/**
 * The words that give a number its size in đồng: the one table of budget units. Forms are in
 * canonical lower case (canonicalVietnamese); unaccented spellings are listed where authors type
 * them ("trieu", "ty"), but never ones that clash with common accented words ("ngân" ≠ "ngàn").
 */

/** Scale words after a number: "350 triệu", "1,5 tỷ", "2 tỷ 500 triệu", "5tr", "200 ngh". */
export const SCALE_WORDS: ReadonlyArray<{ readonly value: number; readonly forms: readonly string[] }> = [
  { value: 1_000, forms: ['nghìn', 'ngàn', 'ngh', 'nghin', 'ngan'] },
  { value: 1_000_000, forms: ['triệu', 'tr', 'trieu'] },
  // "tỉ" is the older spelling of "tỷ"; both are in use.
  { value: 1_000_000_000, forms: ['tỷ', 'tỉ', 'ty', 'ti'] },
];

/** "trđ" fuses the scale and the currency: "15trđ" is 15 triệu đồng. */
export const SCALE_CURRENCY_WORDS: Readonly<Record<string, number>> = { trđ: 1_000_000, trd: 1_000_000 };

/**
 * Currency words after an amount: "đồng", "đ", "VNĐ", "VND" (and their unaccented forms). "đông"
 * is "đồng" as scans leave it (the grave over the circumflex lost); after an amount it can mean
 * nothing else, as "dong" cannot.
 */
export const CURRENCY_WORDS: readonly string[] = ['đồng', 'đ', 'vnđ', 'vnd', 'dong', 'd', 'đông'];

/** Abbreviations an author may close with a dot ("tr.đ", "250.000đ."): the dot stays part of the word. */
export const DOTTED_ABBREVIATIONS: readonly string[] = ['tr', 'ngh', 'đ', 'd', 'vnđ', 'vnd'];

/** Filler after an amount that adds nothing: "Mười tám triệu đồng chẵn". */
export const AMOUNT_FILLERS: readonly string[] = ['chẵn', 'chẳn', 'chan'];

const SCALE_BY_FORM = new Map<string, number>(
  SCALE_WORDS.flatMap(({ value, forms }) => forms.map((form) => [form, value] as const)),
);

/** The multiplier a scale word stands for, or undefined. `word` is canonical lower case. */
export function scaleOf(word: string): number | undefined {
  return SCALE_BY_FORM.get(word);
}

/** Whether `word` (canonical lower case) is a currency word. */
export function isCurrencyWord(word: string): boolean {
  return CURRENCY_WORDS.includes(word);
}
