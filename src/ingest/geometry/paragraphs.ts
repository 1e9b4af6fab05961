/**
 * Free text (fragments outside tables) → paragraphs.
 *
 * A fragment continues the paragraph right above it when it sits one normal line step below,
 * overlaps it horizontally, and has the same size and weight; a larger gap, a first-line indent,
 * a list marker or a change of size or weight starts a new paragraph. Side-by-side text never
 * overlaps horizontally, so a letterhead's agency half and motto half become separate
 * paragraphs, and {@link readingOrder} puts the left one first.
 */
import type { Paragraph } from '../../layout/layout.js';
import { centreX, centreY, overlapX, roundBox, unionBoxes } from './boxes.js';
import { meanConfidence, type TextLine } from './text-lines.js';

/** A line opening a list item or a numbered heading: "1.", "a)", "-", "+", "•", "II.". */
const MARKER = /^(?:[-–—•+*▪►✓]\s|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s|\(?[a-zđ][.)]\s|[IVXLC]{1,5}\.\s)/u;

/**
 * Group fragments into paragraphs (each a list of fragments, top to bottom).
 *
 * The "normal line step" is learnt from the page: the most common distance between a fragment
 * and the overlapping fragment above it, in units of line height. A step more than 0.2 line
 * heights larger than that is paragraph spacing. Relative, so single- and 1.5-spaced documents
 * and OCR pages of any resolution behave alike.
 */
export function groupParagraphs(fragments: readonly TextLine[]): TextLine[][] {
  const sorted = [...fragments].sort((a, b) => a.box.y0 - b.box.y0 || a.box.x0 - b.box.x0);
  const normal = normalStep(sorted);
  const paras: TextLine[][] = [];
  for (const f of sorted) {
    let best: TextLine[] | undefined;
    for (const p of paras) {
      const last = p[p.length - 1];
      if (last.box.y1 > f.box.y0 + 0.3 * f.height) continue; // not above f
      if (!overlapsEnough(last, f)) continue;
      if (!best || last.box.y1 > best[best.length - 1].box.y1) best = p;
    }
    if (best && continues(best, f, normal)) best.push(f);
    else paras.push([f]);
  }
  return paras;
}

function overlapsEnough(a: TextLine, b: TextLine): boolean {
  const wa = a.box.x1 - a.box.x0;
  const wb = b.box.x1 - b.box.x0;
  return overlapX(a.box, b.box) >= 0.5 * Math.min(wa, wb);
}

function continues(para: TextLine[], f: TextLine, normal: number): boolean {
  const last = para[para.length - 1];
  const h = Math.max(last.height, f.height);
  if (Math.abs(last.height - f.height) > 0.2 * h) return false;
  if (last.bold !== f.bold) return false;
  if (MARKER.test(f.text)) return false;
  const step = (centreY(f.box) - centreY(last.box)) / h;
  if (step > normal + 0.2 || step > 2.5) return false;
  const left = Math.min(...para.map((l) => l.box.x0));
  const centred = Math.abs(centreX(f.box) - centreX(last.box)) <= 0.5 * h && Math.abs(f.box.x0 - last.box.x0) > h;
  // A first-line indent opens a paragraph; centred title lines are not indents.
  if (f.box.x0 > left + h && !centred) return false;
  return true;
}

/** The most common line step (in line heights) between vertically adjacent, overlapping fragments. */
function normalStep(sorted: readonly TextLine[]): number {
  const bins = new Map<number, number>();
  for (let i = 0; i < sorted.length; i++) {
    const f = sorted[i];
    for (let j = i - 1; j >= 0; j--) {
      const a = sorted[j];
      if (f.box.y0 - a.box.y0 > 3 * f.height) break;
      if (a.box.y1 > f.box.y0 + 0.3 * f.height || !overlapsEnough(a, f)) continue;
      const h = Math.max(a.height, f.height);
      if (Math.abs(a.height - f.height) > 0.2 * h) break;
      const step = (centreY(f.box) - centreY(a.box)) / h;
      if (step <= 2.5) {
        const bin = Math.round(step * 20);
        bins.set(bin, (bins.get(bin) ?? 0) + 1);
      }
      break;
    }
  }
  let best = -1;
  let count = 0;
  for (const [bin, n] of bins) if (n > count || (n === count && bin < best)) [best, count] = [bin, n];
  // Fewer than two observations say nothing; 1.2 is single spacing with ordinary leading.
  return count >= 2 ? best / 20 : 1.2;
}

/** A paragraph block from its fragments. */
export function toParagraph(lines: readonly TextLine[], page: number): Paragraph {
  const confidence = meanConfidence(lines);
  return {
    type: 'paragraph',
    lines: lines.map((l) => l.text),
    page,
    box: roundBox(unionBoxes(lines.map((l) => l.box))!),
    ...(confidence != null ? { confidence } : {}),
    ...(lines.every((l) => l.bold) ? { bold: true } : {}),
  };
}
