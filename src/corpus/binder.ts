/**
 * Binders made of any documents: generated specs and existing files (the fixtures), in one PDF or
 * one DOCX, each with its gold and, in a PDF, its page range. What `npm run eval:binders` and the
 * segmentation tests join; {@link renderBinder} is the generated-only variant.
 */
import { PDFDocument } from 'pdf-lib';
import { docxBlocks } from './blocks.js';
import { documentDocx } from './docx.js';
import type { Gold } from './gold.js';
import type { DocSpec } from './spec.js';

/** One document of a binder: its PDF and what should come out of it. */
export interface BinderPart {
  name: string;
  pdf: Uint8Array;
  gold: Gold;
}

export interface JoinedBinder {
  pdf: Uint8Array;
  /** One per part, in binder order, with its pages (1-based, both included). */
  documents: { name: string; gold: Gold; pages: [number, number] }[];
  pageCount: number;
}

/** The parts in one PDF, in the order given, with a blank A4 sheet between two when `blankSeparators`. */
export async function joinPdfBinder(parts: readonly BinderPart[], options: { blankSeparators?: boolean } = {}): Promise<JoinedBinder> {
  const binder = await PDFDocument.create();
  const documents: JoinedBinder['documents'] = [];
  for (const [i, part] of parts.entries()) {
    if (i > 0 && options.blankSeparators) binder.addPage([595.28, 841.89]);
    const source = await PDFDocument.load(part.pdf);
    const first = binder.getPageCount() + 1;
    for (const page of await binder.copyPages(source, source.getPageIndices())) binder.addPage(page);
    documents.push({ name: part.name, gold: part.gold, pages: [first, binder.getPageCount()] });
  }
  return { pdf: await binder.save(), documents, pageCount: binder.getPageCount() };
}

/**
 * Several generated documents in ONE Word file, one after another (a district's plans typed into
 * one .docx): the first spec's page layout for all.
 */
export async function docxBinder(specs: readonly DocSpec[]): Promise<Uint8Array> {
  if (specs.length === 0) throw new Error('a binder needs a document');
  return documentDocx(specs.flatMap((s) => docxBlocks(s)), specs[0].layout);
}
