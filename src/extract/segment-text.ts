/**
 * Where documents sit in a file, as a person reads it: "pages 1–4", "binder.pdf → 3 documents
 * (pages 1–4, 5–6, 7–9)". Text only (no extraction code), so `khcl status` can say it cheaply.
 */
import type { Segment } from './contract.js';

/** "pages 1–4", or "blocks 0–12" for a source without pages. */
export function describeRange(segment: Pick<Segment, 'pages' | 'blocks'>): string {
  const { pages, blocks } = segment;
  if (pages) return pages.first === pages.last ? `page ${pages.first}` : `pages ${pages.first}–${pages.last}`;
  return `blocks ${blocks.first}–${blocks.last}`;
}

/**
 * What a person is told about a file that holds several documents:
 * "binder.pdf → 3 documents (pages 1–4, 5–6, 7–9)"; null for a file of one document.
 */
export function describeDocuments(file: string, segments: readonly (Segment | null | undefined)[]): string | null {
  const known = segments.filter((s): s is Segment => s != null);
  if (known.length <= 1) return null;
  const ranges = known.map((s) => describeRange(s).replace(/^(pages?|blocks) /, ''));
  const unit = known.every((s) => s.pages) ? 'pages' : 'blocks';
  return `${file} → ${known.length} documents (${unit} ${ranges.join(', ')})`;
}
