/**
 * Words → text lines → fragments. A "line" is every word sharing a baseline; a "fragment" is a
 * piece of a line between wide gaps (the left and right halves of a letterhead share baselines
 * but are separate text).
 */
import type { Box } from '../../layout/layout.js';
import type { PositionedWord } from './types.js';
import { boxHeight, centreY, median, overlapX, overlapY, unionBoxes } from './boxes.js';

export interface TextLine {
  /** Left to right. */
  words: PositionedWord[];
  box: Box;
  text: string;
  /** Median word box height: the local "em" for decisions about this line. */
  height: number;
  /** Most of the line's characters are bold. */
  bold: boolean;
  /** Mean OCR confidence of the words, weighted by length; undefined for text-layer words. */
  confidence?: number;
}

/**
 * Group words into lines, top to bottom.
 *
 * Words are taken in order of their vertical centre; a word joins the current line while its
 * centre is within 0.45 × (the larger of its height and the line's median height) of the line's
 * mean centre. Relative, so OCR boxes (tight around "a", tall around "Đ") still group, while the
 * next line (a full line height away) never does.
 */
export function groupLines(words: readonly PositionedWord[]): TextLine[] {
  const sorted = words
    .filter((w) => w.text.trim() !== '')
    .sort((a, b) => centreY(a.box) - centreY(b.box) || a.box.x0 - b.box.x0);
  const groups: PositionedWord[][] = [];
  let cur: PositionedWord[] = [];
  let sumCy = 0;
  for (const w of sorted) {
    if (cur.length) {
      const h = Math.max(boxHeight(w.box), median(cur.map((x) => boxHeight(x.box)), 0));
      if (Math.abs(centreY(w.box) - sumCy / cur.length) > 0.45 * h) {
        groups.push(cur);
        cur = [];
        sumCy = 0;
      }
    }
    cur.push(w);
    sumCy += centreY(w.box);
  }
  if (cur.length) groups.push(cur);
  return groups.map((g) => makeLine(g));
}

/** A line from words already known to share a baseline. */
export function makeLine(words: readonly PositionedWord[]): TextLine {
  const sorted = dropOverprint([...words].sort((a, b) => a.box.x0 - b.box.x0));
  const height = median(
    sorted.map((w) => boxHeight(w.box)),
    1,
  );
  let boldChars = 0;
  let chars = 0;
  let confSum = 0;
  let confChars = 0;
  for (const w of sorted) {
    const n = w.text.trim().length;
    chars += n;
    if (w.bold) boldChars += n;
    if (w.confidence != null) {
      confSum += w.confidence * n;
      confChars += n;
    }
  }
  return {
    words: sorted,
    box: unionBoxes(sorted.map((w) => w.box))!,
    text: joinWords(sorted),
    height,
    bold: chars > 0 && boldChars * 2 > chars,
    ...(confChars > 0 ? { confidence: confSum / confChars } : {}),
  };
}

/**
 * Words of one line (left to right) as text. A space goes between two words when the gap is more
 * than 0.12 × the line height: text PDFs that place every glyph separately have no gap inside a
 * word, and a space is about 0.25 em wide. OCR words (they carry a confidence) are words the
 * engine already told apart by a space, whose boxes are tight around the ink and may touch or
 * overlap (the hook of "ừ" over the gap of "Từ tháng"): a space always goes between them.
 */
export function joinWords(words: readonly PositionedWord[]): string {
  let out = '';
  let prev: PositionedWord | undefined;
  for (const w of words) {
    const text = w.text.trim();
    if (!text) continue;
    if (prev) {
      const gap = w.box.x0 - prev.box.x1;
      const h = Math.min(boxHeight(w.box), boxHeight(prev.box)) || 1;
      const ocr = w.confidence != null && prev.confidence != null;
      out += ocr || gap > 0.12 * h ? ' ' : '';
    }
    out += text;
    prev = w;
  }
  return out.replace(/\s+/g, ' ');
}

/**
 * Split a line at horizontal gaps wider than `gapEm` × its height. 1.6 em is wider than any word
 * space in justified text yet narrower than the gutter between a letterhead's two halves or
 * between the columns of a borderless table.
 */
export function splitFragments(line: TextLine, gapEm = 1.6): TextLine[] {
  const parts: PositionedWord[][] = [];
  let cur: PositionedWord[] = [];
  let right = -Infinity;
  for (const w of line.words) {
    if (cur.length && w.box.x0 - right > gapEm * line.height) {
      parts.push(cur);
      cur = [];
    }
    cur.push(w);
    right = Math.max(right, w.box.x1);
  }
  if (cur.length) parts.push(cur);
  return parts.length === 1 ? [line] : parts.map((p) => makeLine(p));
}

/**
 * Split the lines of a letterhead whose halves are set close together. Its left half wraps in a
 * narrow column, so a line can end 1.4 em before the motto half begins ("… ĐIỆN BIÊN  CỘNG HÒA
 * …"): {@link splitFragments} keeps that line whole, but a line just above or below, split at
 * a wide gap, shows the column of white between the halves. A gap of at least `minEm` (wider
 * than a word space, even a justified one) that lies in such a column is split as well.
 */
export function splitAtGutters(rows: TextLine[][], minEm = 0.9): TextLine[][] {
  const out = rows.map((r) => r);
  for (let pass = 0; pass < 2; pass++) {
    const bands = out.map(gutterBands);
    out.forEach((row, i) => {
      const h = median(row.map((l) => l.height), 1);
      const near = (j: number) => j !== i && bands[j].length > 0 && Math.abs(centreY(out[j][0].box) - centreY(row[0].box)) <= 2.2 * h;
      const open = out.flatMap((_, j) => (near(j) ? bands[j] : []));
      if (open.length === 0) return;
      const split = row.flatMap((line) => {
        const parts: PositionedWord[][] = [[]];
        line.words.forEach((w, k) => {
          const prev = line.words[k - 1];
          if (prev && w.box.x0 - prev.box.x1 >= minEm * line.height && open.some(([a, b]) => Math.min(b, w.box.x0) - Math.max(a, prev.box.x1) >= 0.5 * line.height)) parts.push([]);
          parts.at(-1)!.push(w);
        });
        return parts.length === 1 ? [line] : parts.map((p) => makeLine(p));
      });
      if (split.length !== row.length) out[i] = split;
    });
  }
  return out;
}

/** The white bands between a split line's fragments: [right edge of one, left edge of the next]. */
function gutterBands(row: TextLine[]): [number, number][] {
  const sorted = [...row].sort((a, b) => a.box.x0 - b.box.x0);
  return sorted.slice(1).map((l, k) => [sorted[k].box.x1, l.box.x0]);
}

/**
 * Some producers fake bold by painting the same text twice, a fraction of a point apart; keep one
 * copy so the text does not read "TTiêêuu".
 */
function dropOverprint(words: PositionedWord[]): PositionedWord[] {
  const out: PositionedWord[] = [];
  for (const w of words) {
    // Sorted by x0, so a copy is among the last few kept words.
    const i = out.findIndex(
      (o, k) =>
        k >= out.length - 3 &&
        o.text === w.text &&
        overlapX(o.box, w.box) > 0.7 * Math.min(o.box.x1 - o.box.x0, w.box.x1 - w.box.x0) &&
        overlapY(o.box, w.box) > 0.7 * Math.min(boxHeight(o.box), boxHeight(w.box)),
    );
    if (i >= 0) out[i] = { ...out[i], bold: true };
    else out.push(w);
  }
  return out;
}

/** Mean OCR confidence of lines, weighted by text length; undefined when none has one. */
export function meanConfidence(lines: readonly TextLine[]): number | undefined {
  let sum = 0;
  let n = 0;
  for (const l of lines) {
    if (l.confidence == null) continue;
    sum += l.confidence * l.text.length;
    n += l.text.length;
  }
  return n > 0 ? sum / n : undefined;
}
