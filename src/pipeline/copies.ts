/**
 * When a document's extraction is stored (first time or again): is it a copy of a stored
 * document, or is a stored document a copy of it? The rule is src/extract/copies.ts; this step
 * fetches the documents it could concern, lets the rule group them, and records the answer, in
 * the transaction that stores the extraction.
 *
 * The documents looked at: those of the same kind, form, circular and school year whose school is
 * this one's, plus every member of their groups and of this document's own group (a re-extraction
 * may take it out of one). The groups among them are worked out again from scratch, so the outcome
 * does not depend on which copy came first.
 */
import { copyBucket, groupCopies, sameSchool, type CopyCandidate } from '../extract/copies.js';
import {
  copyGroupsOf,
  copyNeighbourhood,
  itemShapeOf,
  replaceExtractionIn,
  rowToItem,
  setDuplicateOf,
  withCopyLocks,
  type CopyDocumentRow,
  type CopyItemRow,
  type Db,
  type DocumentRow,
  type ExtractionRows,
  type ItemRow,
  type ReplaceOptions,
  type ReplaceResult,
  type Tx,
} from '../store/index.js';

/** What the copy check found for one document. */
export interface CopyCheck {
  /** The document it is a copy of, or null. */
  duplicateOf: number | null;
  /** Documents whose `duplicateOf` changed (this one included). */
  changed: number;
}

function candidate(doc: CopyDocumentRow, rows: CopyItemRow[]): CopyCandidate {
  const shape = itemShapeOf(doc.kind, doc.form);
  return {
    id: doc.id,
    format: doc.format,
    kind: doc.kind,
    form: doc.form,
    circular: doc.circular,
    schoolYear: doc.schoolYear,
    school: doc.school,
    // Without provenance, which the rule does not read (src/store/copies.ts leaves it behind).
    items: rows.map((r) => rowToItem(r as ItemRow, shape)),
  };
}

/** What two copies always share (see copyBucket). */
type Bucket = Pick<DocumentRow, 'kind' | 'form' | 'circular' | 'schoolYear'>;

const bucketOf = (f: ExtractionRows['facts']): Bucket => ({ kind: f.kind ?? null, form: f.form ?? null, circular: f.circular ?? null, schoolYear: f.schoolYear ?? null });

/**
 * The locks a decision about a document takes: the bucket (kind, form, circular, school year) it
 * is in now, which its group's members share (copies are in one bucket), and the bucket of its
 * new facts.
 */
function lockKeys(doc: DocumentRow, next: Bucket): string[] {
  // A document never extracted is in no group: first extractions do not all queue on one key.
  return doc.kind === null ? [copyBucket(next)] : [copyBucket(doc), copyBucket(next)];
}

/** Inside the lock: regroup the documents this one concerns, and record the links that change. */
async function decide(tx: Tx, documentId: number, facts: Bucket): Promise<CopyCheck> {
  const here = await copyNeighbourhood(tx, documentId, facts);
  if (!here) return { duplicateOf: null, changed: 0 };
  // Schools first, from two columns: items are read only for documents of this school.
  const neighbours = here.candidates.filter((d) => sameSchool(here.school, d.school)).map((d) => d.id);
  // Most plans have no copy and are no one's: nothing more to read or write.
  if (neighbours.length === 0 && here.duplicateOf === null && !here.hasCopies) return { duplicateOf: null, changed: 0 };
  const { documents: involved, items } = await copyGroupsOf(tx, [documentId, ...neighbours]);
  const itemsOf = new Map<number, CopyItemRow[]>(involved.map((d) => [d.id, []]));
  for (const r of items) itemsOf.get(r.documentId)?.push(r);
  const links = groupCopies(involved.map((d) => candidate(d, itemsOf.get(d.id)!)));
  const changed = await setDuplicateOf(tx, links, new Map(involved.map((d) => [d.id, d.duplicateOf])));
  return { duplicateOf: links.get(documentId) ?? null, changed };
}

/**
 * Replace a document's extraction (src/store's replaceExtraction) and decide its copies in the
 * same transaction: nobody sees it stored and not yet known to be a copy, which a sum in between
 * would count twice. A re-extraction that changes nothing under the rules version the document
 * was stored with keeps the decision made then (the copy rule is part of the rules version).
 */
export async function storeExtraction(
  db: Db,
  doc: DocumentRow,
  rows: ExtractionRows,
  rulesVersion: string,
  options: ReplaceOptions = {},
): Promise<ReplaceResult & { copies: CopyCheck }> {
  const facts = bucketOf(rows.facts);
  return withCopyLocks(db, lockKeys(doc, facts), async (tx) => {
    const replaced = await replaceExtractionIn(tx, doc.id, rows, rulesVersion, options);
    const before = replaced.previous.document;
    if (!replaced.written && before.rulesVersion === rulesVersion) return { ...replaced, copies: { duplicateOf: before.duplicateOf, changed: 0 } };
    return { ...replaced, copies: await decide(tx, doc.id, facts) };
  });
}
