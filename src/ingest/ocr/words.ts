/**
 * Tesseract's TSV → positioned words in page points. The table builder and paragraph
 * grouping work on words with boxes, whatever made them, so OCR output is reduced to exactly
 * that: text, box, confidence.
 */
import type { PositionedWord } from '../geometry/types.js';
import { fixLineWords } from './word-fixes.js';

/**
 * Where the page image's pixels sit on the page: page point = origin + (pixel + offset) × ptPerPx.
 * The offset is where the OCR'd crop starts within the page image.
 */
export interface PixelFrame {
  /** Page position of the page image's top-left corner, points. */
  originX: number;
  originY: number;
  /** Points per pixel (72 / dpi); pixels are square by the time OCR sees them. */
  ptPerPx: number;
  /** Left and top of the OCR'd crop within the page image, pixels. */
  offsetX: number;
  offsetY: number;
}

/** A pixel position of the page image → page points. */
export function toPoints(frame: PixelFrame, x: number, y: number): [number, number] {
  return [frame.originX + (x + frame.offsetX) * frame.ptPerPx, frame.originY + (y + frame.offsetY) * frame.ptPerPx];
}

/**
 * Words of tesseract's TSV in page points (top-left origin), confidence scaled to 0–1.
 * Dropped: empty words; low-confidence words with no letter or digit — what speckle, stamps'
 * edges and leftover bits of rules come out as (`~`, `‘`) — except a dash as wide as one:
 * tesseract is rarely sure of a lone "-", and "2019 - 2020" without it is two years, not a
 * range; and bars (`|`) and lone accents (`ˆ`) whatever their confidence. The words of each line then get the fixes of
 * ./word-fixes.ts (stray stops, the case of marked capitals, lost spaces).
 */
export function wordsOf(tsv: string, frame: PixelFrame): PositionedWord[] {
  const lines = new Map<string, { text: string; confidence: number; left: number; top: number; width: number; height: number }[]>();
  for (const row of tsv.split('\n')) {
    // level page block paragraph line word left top width height conf text; level 5 = a word.
    if (!row.startsWith('5\t')) continue;
    const cols = row.split('\t');
    if (cols.length < 12) continue;
    // The eth ("Ð", "ð") tesseract gives now and then for "Đ", "đ": Vietnamese has no other.
    const text = cols.slice(11).join('\t').normalize('NFC').replace(/Ð/g, 'Đ').replace(/ð/g, 'đ').trim();
    if (!text) continue;
    const [left, top, width, height, conf] = cols.slice(6, 11).map(Number);
    const confidence = clamp01(conf / 100);
    if (!/[\p{L}\p{N}]/u.test(text) && confidence < 0.6 && !isDash(text, width, height)) continue;
    // A bar is a ruling line the crop kept (a tilted border beside a cell's text), never a word:
    // the plans and reports have no use for "|", however sure tesseract is of it.
    if (/^[|¦]+$/.test(text)) continue;
    // An accent standing alone ("ˆ", "˜", "´") is a mark the image left above a line, never a
    // word: Vietnamese writes its marks on letters.
    if (/^[\p{Lm}\p{Sk}]+$/u.test(text)) continue;
    const key = cols.slice(1, 5).join('.');
    let line = lines.get(key);
    if (!line) lines.set(key, (line = []));
    line.push({ text, confidence, left, top, width, height });
  }
  const out: PositionedWord[] = [];
  for (const line of lines.values()) {
    enDashes(line);
    const fixed = fixLineWords(line);
    line.forEach((w, i) => {
      // A word split in several: each piece takes a share of the box by its letters, with a
      // space's width between them (the line's text puts a space only where there is a gap).
      const pieces = fixed[i];
      const letters = pieces.reduce((n, p) => n + p.length, 0);
      const space = pieces.length === 1 ? 0 : Math.min(0.3 * w.height, w.width / (4 * pieces.length));
      let at = w.left;
      for (const piece of pieces) {
        const width = pieces.length === 1 ? w.width : ((w.width - space * (pieces.length - 1)) * piece.length) / letters;
        const [x0, y0] = toPoints(frame, at, w.top);
        const [x1, y1] = toPoints(frame, at + width, w.top + w.height);
        out.push({ text: piece, confidence: w.confidence, box: { x0, y0, x1, y1 } });
        at += width + space;
      }
    });
  }
  return out;
}

/** Ink length of a lone dash, over the height of the line's digits, from which it is an en dash. */
const EN_DASH_LENGTH = 0.34;

/**
 * Tesseract reads the en dash of "2024 – 2025" as a hyphen. Beside a number the two differ in
 * length: a hyphen's ink is about a quarter of a digit's height, an en dash's half. A lone dash
 * next to a word with digits is measured against those digits (its blur taken off: the dash's own
 * thickness), and longer than {@link EN_DASH_LENGTH} is written as the en dash it is.
 */
function enDashes(line: { text: string; width: number; height: number }[]): void {
  const heights = line.filter((w) => /^\p{P}*\d[\d/.,]*\p{P}*$/u.test(w.text)).map((w) => w.height).sort((a, b) => a - b);
  if (heights.length === 0) return;
  const digit = heights[heights.length >> 1];
  line.forEach((w, i) => {
    if (w.text !== '-' || w.height > 0.4 * digit) return;
    if (!/\d/.test(line[i - 1]?.text ?? '') && !/\d/.test(line[i + 1]?.text ?? '')) return;
    if ((w.width - w.height) / digit > EN_DASH_LENGTH) w.text = '–';
  });
}

/** A lone hyphen or dash whose box is at least a quarter as wide as its line is tall (not a speck). */
function isDash(text: string, width: number, height: number): boolean {
  return /^[-–—]$/.test(text) && width >= 0.25 * height;
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}
