/**
 * Vietnamese syllables, from the hunspell list of `dictionary-vi` (one syllable per line, old-style
 * tone placement: "hoà", "khoẻ", "thuỷ"). Used to decide whether two pieces of a word a narrow
 * column or an OCR engine split belong together, and to choose between readings: never to change
 * text on its own.
 *
 * Syllables are compared by a key that ignores where the tone mark sits ("hoà" = "hòa") but keeps
 * which tone it is and the vowel's own marks (â, ă, ê, ô, ơ, ư, đ), so "mức" ≠ "mực" ≠ "muc".
 */
import dictionary from 'dictionary-vi';

/** Combining tone marks (grave, acute, tilde, hook above, dot below) in NFD. */
const TONES = /[\u0300\u0301\u0303\u0309\u0323]/g;
const TONE_ID: Record<string, string> = { '\u0300': '1', '\u0301': '2', '\u0303': '3', '\u0309': '4', '\u0323': '5' };

/** The placement-free key of a syllable: letters with vowel marks, lower case, then the tone. */
export function syllableKey(word: string): string {
  const decomposed = word.normalize('NFD').toLowerCase();
  let tone = '0';
  const bare = decomposed.replace(TONES, (m) => {
    tone = TONE_ID[m];
    return '';
  });
  return `${bare.normalize('NFC')}${tone}`;
}

const SYLLABLES: ReadonlySet<string> = new Set(
  new TextDecoder()
    .decode(dictionary.dic)
    .split('\n')
    .slice(1) // the first line is the entry count
    .map((line) => line.split('/')[0].trim())
    .filter((w) => w !== '')
    .map(syllableKey),
);

/** Whether a word (letters only, any case, any tone placement) is one Vietnamese syllable. */
export function isVietnameseSyllable(word: string): boolean {
  return word !== '' && SYLLABLES.has(syllableKey(word));
}

let starts: ReadonlySet<string> | null = null;

/**
 * Whether a piece of letters is how some Vietnamese syllable begins ("thườ" of "thường", "ngh" of
 * "nghiệp"): the middle of a word a very narrow column cut in three. The piece's tone, if it has
 * one, must be the syllable's.
 */
export function isSyllableStart(piece: string): boolean {
  if (piece === '') return false;
  starts ??= syllableStarts();
  return starts.has(syllableKey(piece));
}

function syllableStarts(): ReadonlySet<string> {
  const out = new Set<string>();
  for (const key of SYLLABLES) {
    const bare = key.slice(0, -1);
    const tone = key.slice(-1);
    // Prefixes by code point over NFC: "ươ" is two letters, each a whole character.
    const letters = [...bare];
    for (let n = 1; n <= letters.length; n++) {
      const prefix = letters.slice(0, n).join('');
      out.add(prefix + tone);
      out.add(`${prefix}0`);
    }
  }
  return out;
}
