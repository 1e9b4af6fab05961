/**
 * The text a PDF page shows, read from its drawing operators → positioned words.
 *
 * pdfjs gives a page's text twice over: `getTextContent` (text items) and the operator list
 * (every glyph shown, with the text state around it). The reader needs the operator list anyway
 * for the ruling lines, and reading the page's content a second time for its text was two fifths
 * of a text PDF's reading time. This follows the text state the way pdfjs's canvas does when it
 * draws (text and line matrices, font size, character and word spacing, horizontal scale, rise,
 * the CTM through save/restore and form XObjects) and cuts the glyphs into words at spaces and at
 * gaps: what the table builder groups into lines, as it does pdfjs's text items.
 *
 * Takes an operator list in pdfjs's shape with the `OPS` code table passed in, and the fonts
 * through a lookup, so it imports nothing from pdfjs and is tested with hand-built lists. Returns
 * null where it does not follow the text (a vertical font, a font it cannot see): the caller then
 * reads the page's text content instead.
 */
import { IDENTITY, multiply, type Matrix } from './paths.js';
import type { OperatorList } from './operators.js';
import type { PositionedWord } from './types.js';

/** The text operator codes this walker reads (pdfjs's `OPS` satisfies it). */
export interface TextOpCodes {
  save: number;
  restore: number;
  transform: number;
  paintFormXObjectBegin: number;
  paintFormXObjectEnd: number;
  beginText: number;
  setFont: number;
  setTextMatrix: number;
  moveText: number;
  setLeadingMoveText: number;
  nextLine: number;
  setLeading: number;
  setCharSpacing: number;
  setWordSpacing: number;
  setHScale: number;
  setTextRise: number;
  showText: number;
}

/** What a word's box needs from its font (pdfjs's font object has these). */
export interface ShownFont {
  fontMatrix?: ArrayLike<number>;
  /** Of the em, above and below the baseline (descent negative). */
  ascent?: number;
  descent?: number;
  vertical?: boolean;
  bold: boolean;
}

/** A glyph in a `showText`'s list; numbers between glyphs move the pen (thousandths of the em). */
interface Glyph {
  unicode?: string;
  width?: number;
  isSpace?: boolean;
}

/** A gap wider than this share of the font size is a space between words (as in pdfjs's text content). */
const WORD_GAP = 0.102;

/** Characters that take no place in text: zero-width spaces, joiners, direction marks, BOM. */
const INVISIBLE = /[\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

/** Ligatures and spacing characters pdfjs's text content spells out ("ﬁ" → "fi", NBSP → space). */
const COMPATIBILITY = /[\u00a0\u2000-\u200a\u202f\ufb00-\ufb06]/g;

interface TextState {
  ctm: Matrix;
  textMatrix: Matrix;
  x: number;
  y: number;
  lineX: number;
  lineY: number;
  font: ShownFont | null;
  fontSize: number;
  direction: 1 | -1;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
}

/**
 * The words a page's operator list shows, in page points (top-left origin) through `viewport`
 * (pdfjs's `viewport.transform` at scale 1). `fontOf` gives the font behind a loaded font name,
 * or null when it is not known.
 */
export function wordsShown(
  ops: OperatorList,
  OPS: TextOpCodes,
  viewport: readonly number[],
  fontOf: (loadedName: string) => ShownFont | null,
): PositionedWord[] | null {
  let s: TextState = {
    ctm: IDENTITY,
    textMatrix: IDENTITY,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    font: null,
    fontSize: 0,
    direction: 1,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
  };
  const stack: TextState[] = [];
  const words: PositionedWord[] = [];
  const moveText = (x: number, y: number) => {
    s.x = s.lineX += x;
    s.y = s.lineY += y;
  };
  for (let i = 0; i < ops.fnArray.length; i++) {
    const fn = ops.fnArray[i];
    const args = ops.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push({ ...s });
    else if (fn === OPS.restore) s = stack.pop() ?? s;
    else if (fn === OPS.transform && args) s.ctm = multiply(s.ctm, args as number[]);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push({ ...s });
      const m = args?.[0] as ArrayLike<number> | null | undefined;
      if (m && m.length === 6) s.ctm = multiply(s.ctm, Array.from(m));
    } else if (fn === OPS.paintFormXObjectEnd) s = stack.pop() ?? s;
    else if (fn === OPS.beginText) {
      s.textMatrix = IDENTITY;
      s.x = s.lineX = s.y = s.lineY = 0;
    } else if (fn === OPS.setTextMatrix && args) {
      const m = (args.length === 6 ? args : args[0]) as ArrayLike<number>;
      s.textMatrix = Array.from(m) as Matrix;
      s.x = s.lineX = s.y = s.lineY = 0;
    } else if (fn === OPS.moveText && args) moveText(args[0] as number, args[1] as number);
    else if (fn === OPS.setLeadingMoveText && args) {
      s.leading = args[1] as number;
      moveText(args[0] as number, args[1] as number);
    } else if (fn === OPS.nextLine) moveText(0, s.leading);
    else if (fn === OPS.setLeading && args) s.leading = -(args[0] as number);
    else if (fn === OPS.setCharSpacing && args) s.charSpacing = args[0] as number;
    else if (fn === OPS.setWordSpacing && args) s.wordSpacing = args[0] as number;
    else if (fn === OPS.setHScale && args) s.hScale = (args[0] as number) / 100;
    else if (fn === OPS.setTextRise && args) s.rise = args[0] as number;
    else if (fn === OPS.setFont && args) {
      s.font = fontOf(String(args[0]));
      if (!s.font || s.font.vertical) return null;
      const size = args[1] as number;
      s.fontSize = Math.abs(size);
      s.direction = size < 0 ? -1 : 1;
    } else if (fn === OPS.showText && args) {
      if (!s.font) return null;
      showText(s, args[0] as (Glyph | number)[], viewport, words);
    }
  }
  return words;
}

/**
 * Lay out one `showText`'s glyphs from the pen position, add its runs of text, and move the pen.
 * Like pdfjs's text items, a run goes on over spaces and small gaps (a space is put there) and
 * ends at a gap wider than {@link RUN_GAP} or a step back.
 */
function showText(s: TextState, glyphs: readonly (Glyph | number)[], viewport: readonly number[], out: PositionedWord[]): void {
  const font = s.font!;
  const size = s.fontSize;
  const advance = size * (font.fontMatrix?.[0] ?? 0.001);
  const space = WORD_GAP * size;
  const runGap = RUN_GAP * size;
  // Text space → page, for this showText (the text matrix and CTM do not change inside it).
  const m = multiply(viewport, multiply(s.ctm, s.textMatrix));
  const scale = s.hScale * s.direction;
  const ascent = (font.ascent && font.ascent > 0 ? font.ascent : 0.8) * size;
  const descent = Math.abs(font.descent && font.descent < 0 ? font.descent : -0.2) * size;
  // Pen position along the baseline in text space, before the horizontal scale (as pdfjs's canvas keeps it).
  let x = 0;
  let text = '';
  let from = 0;
  let to = 0;
  let spaced = false;
  const flush = () => {
    const shown = text.replace(INVISIBLE, '').replace(COMPATIBILITY, (c) => c.normalize('NFKC')).normalize('NFC').trim();
    if (shown) out.push(runBox(m, s, shown, s.x + from * scale, s.x + to * scale, ascent, descent, font.bold));
    text = '';
  };
  for (const g of glyphs) {
    if (typeof g === 'number') {
      x -= (g * size) / 1000;
      continue;
    }
    const width = (g.width ?? 0) * advance;
    const spacing = ((g.isSpace ? s.wordSpacing : 0) + s.charSpacing) * s.direction;
    const unicode = g.unicode ?? '';
    // A space by what it shows: the code 32 that takes word spacing (isSpace) may be any glyph in a subset font.
    if (/^\s+$/u.test(unicode)) {
      spaced = true;
    } else if (unicode) {
      const gap = x - to;
      if (text && (gap > runGap || gap < -space)) flush();
      if (!text) from = x;
      else if (spaced || gap > space) text += ' ';
      text += unicode;
      to = x + width;
      spaced = false;
    }
    x += width + spacing;
  }
  flush();
  s.x += x * scale;
}

/** Gaps wider than this share of the font size end a run of text (pdfjs's text content starts a new item there). */
const RUN_GAP = 0.6;

/** A run's box: from `x0` to `x1` along the baseline (text space), from the font's descent to its ascent, on the page. */
function runBox(m: Matrix, s: TextState, text: string, x0: number, x1: number, ascent: number, descent: number, bold: boolean): PositionedWord {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const tx of [x0, x1]) {
    for (const across of [ascent, -descent]) {
      const ty = s.y + s.rise + across;
      const px = m[0] * tx + m[2] * ty + m[4];
      const py = m[1] * tx + m[3] * ty + m[5];
      minX = Math.min(minX, px);
      maxX = Math.max(maxX, px);
      minY = Math.min(minY, py);
      maxY = Math.max(maxY, py);
    }
  }
  return { text, box: { x0: minX, y0: minY, x1: maxX, y1: maxY }, ...(bold ? { bold: true } : {}) };
}
