/**
 * Vietnamese number words, the one table for amounts written out ("Ba trăm triệu đồng",
 * "Mười tám triệu đồng chẵn"). Forms are canonical lower case with accents: without them too many
 * words collide ("sáu" six / "sau" after, "tư" four / "từ" from, "tám" / "tâm").
 */

/** What a number word does to the value being built. */
export type NumberWordRole =
  /** 0–9. */
  | 'digit'
  /** "mười": ten, as in "mười tám" (18). */
  | 'ten'
  /** "mươi"/"chục": times ten, as in "hai mươi" (20), "hai chục" (20). */
  | 'tens'
  /** "trăm": times a hundred. */
  | 'hundred'
  /** "linh"/"lẻ": an empty tens place, as in "một trăm linh năm" (105). */
  | 'link'
  /** "rưỡi": and a half of the unit before it, as in "hai triệu rưỡi" (2 500 000). */
  | 'half';

/** A number word's role and, for digits, its value. */
export interface NumberWord {
  readonly role: NumberWordRole;
  readonly value: number;
}

const digit = (value: number): NumberWord => ({ role: 'digit', value });

/**
 * Some digits change form by position: "mốt" (1 after "mươi"), "tư" (4 after "mươi"), "lăm"/"nhăm"
 * (5 after "mười"/"mươi"); "bẩy" is a common spelling of "bảy".
 */
export const NUMBER_WORDS: Readonly<Record<string, NumberWord>> = {
  không: digit(0),
  một: digit(1),
  mốt: digit(1),
  hai: digit(2),
  ba: digit(3),
  bốn: digit(4),
  tư: digit(4),
  năm: digit(5),
  lăm: digit(5),
  nhăm: digit(5),
  sáu: digit(6),
  bảy: digit(7),
  bẩy: digit(7),
  tám: digit(8),
  chín: digit(9),
  mười: { role: 'ten', value: 10 },
  mươi: { role: 'tens', value: 10 },
  chục: { role: 'tens', value: 10 },
  trăm: { role: 'hundred', value: 100 },
  linh: { role: 'link', value: 0 },
  lẻ: { role: 'link', value: 0 },
  rưỡi: { role: 'half', value: 0 },
};

/** The number word `word` (canonical lower case) is, or undefined. */
export function numberWordOf(word: string): NumberWord | undefined {
  return Object.prototype.hasOwnProperty.call(NUMBER_WORDS, word) ? NUMBER_WORDS[word] : undefined;
}

/** Words that may open a written amount ("ba trăm triệu", "mười tám triệu", "trăm triệu"). */
export function canStartAmount(word: NumberWord): boolean {
  return word.role === 'digit' || word.role === 'ten' || word.role === 'hundred';
}
