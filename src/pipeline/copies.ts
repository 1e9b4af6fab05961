/**
 * When a document's extraction is stored (first time or again): is it a copy of a stored
 * document, or is a stored document a copy of it? The rule is src/extract/copies.ts; this step
 * fetches the documents it could concern, lets the rule group them, and records the answer, in
 * the transaction that stores the extraction.
 *
 * The documents looked at: those with this one's copy key (everything copies must share exactly:
 * kind, form, circular, school year, the numbers of the school, item keys and amounts) whose school
 * is this one's, plus every member of their groups and of this document's own group (a
 * re-extraction may take it out of one). They are found through the copy key's index, so the check
 * costs the same in an empty store and in one of 10^5 documents. The groups among them are worked
 * out again from scratch, so the outcome does not depend on which copy came first.
 */
import { groupCopies, sameSchool, type CopyCandidate } from '../extract/copies.js';
import {
  copyGroupsOf,
  copyKeyOfRows,
  documentsWithCopies,
  documentsWithCopyKeys,
  foldItemSumsEvery,
  itemShapeOf,
  lockCopyKeys,
  removeDocumentsIn,
  replaceExtractionsIn,
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
  type StoredExtraction,
  type Tx,
} from '../store/index.js';

/** What the copy check found for one document. */
export interface CopyCheck {
  /** The document it is a copy of, or null. */
  duplicateOf: number | null;
  /** Documents whose `duplicateOf` changed (this one included; for a batch, the whole batch's). */
  changed: number;
  /** Rows the copy-key lookup read: the documents that could be copies (for a batch, all of its). */
  candidates: number;
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

/** A document whose copies are to be decided, as it is now stored. */
interface Decision {
  id: number;
  copyKey: string;
  school: string | null;
  hasItems: boolean;
  /** Its `duplicateOf` before the decision. */
  duplicateOf: number | null;
}

/** Inside the locks: regroup the documents these concern, and record the links that change. */
async function decide(tx: Tx, docs: Decision[]): Promise<{ links: Map<number, number | null>; changed: number; candidates: number }> {
  const ids = new Set(docs.map((d) => d.id));
  // A document without items is nobody's copy: it needs no candidates, only its own group.
  const keys = [...new Set(docs.filter((d) => d.hasItems).map((d) => d.copyKey))];
  const [found, withCopies] = await Promise.all([documentsWithCopyKeys(tx, keys), documentsWithCopies(tx, [...ids])]);
  const byKey = new Map<string, typeof found>();
  for (const c of found) byKey.set(c.copyKey, [...(byKey.get(c.copyKey) ?? []), c]);
  const links = new Map(docs.map((d) => [d.id, d.duplicateOf]));
  const involved = new Set<number>();
  for (const d of docs) {
    // Schools first, from two columns: items are read only for documents of this school.
    const neighbours = d.hasItems ? (byKey.get(d.copyKey) ?? []).filter((c) => c.id !== d.id && sameSchool(d.school, c.school)) : [];
    // Most plans have no copy and are no one's: nothing more to read or write.
    if (neighbours.length === 0 && d.duplicateOf === null && !withCopies.has(d.id)) continue;
    involved.add(d.id);
    for (const n of neighbours) involved.add(n.id);
  }
  const candidates = found.filter((c) => !ids.has(c.id)).length;
  if (involved.size === 0) return { links, changed: 0, candidates };
  const { documents: group, items } = await copyGroupsOf(tx, [...involved]);
  const itemsOf = new Map<number, CopyItemRow[]>(group.map((d) => [d.id, []]));
  for (const r of items) itemsOf.get(r.documentId)?.push(r);
  const decided = groupCopies(group.map((d) => candidate(d, itemsOf.get(d.id)!)));
  const changed = await setDuplicateOf(tx, decided, new Map(group.map((d) => [d.id, d.duplicateOf])));
  for (const id of ids) if (decided.has(id)) links.set(id, decided.get(id)!);
  return { links, changed, candidates };
}

/** One document's new extraction, for {@link storeExtractions}. */
export interface Extracted {
  /** The document as read before (its copy key names the lock of the group it is in now). */
  doc: DocumentRow;
  rows: ExtractionRows;
}

/** What storing a batch did. */
export interface StoredBatch {
  /** Removed documents (`remove`) → how many items went with each (absent: none). */
  removedItems: Map<number, number>;
  /** One per document, in order. */
  results: ReplaceResult[];
  /** Per document: the document it is a copy of now, or null. */
  duplicateOf: Map<number, number | null>;
  /** Documents whose `duplicateOf` changed. */
  copiesChanged: number;
  /** Rows the copy-key lookup read. */
  candidates: number;
}

export interface StoreOptions {
  shouldWrite?: (previous: StoredExtraction, index: number) => boolean;
  /** Documents to remove in the same transaction: those a binder no longer holds when it is cut otherwise. */
  remove?: DocumentRow[];
}

/**
 * Replace several documents' extractions (src/store's replaceExtractionsIn) and decide their copies
 * in one transaction, with a fixed number of statements however many there are: nobody sees a
 * document stored and not yet known to be a copy, which a sum in between would count twice. A
 * re-extraction that changes nothing under the rules version the document was stored with keeps
 * the decision made then (the copy rule is part of the rules version).
 */
export async function storeExtractions(db: Db, batch: Extracted[], rulesVersion: string, options: StoreOptions = {}): Promise<StoredBatch> {
  const keys = batch.map((e) => copyKeyOfRows(e.rows));
  const remove = options.remove ?? [];
  // The key of the group each document is in now, and of the one its new rows put it in. A
  // document never extracted is in no group: first extractions do not all queue on one key.
  const held = [...batch.map((e) => e.doc), ...remove].flatMap((d) => (d.copyKey === null ? [] : [d.copyKey]));
  const locks = new Set([...keys, ...held]);
  const stored = await withCopyLocks(db, locks, async (tx) => {
    const index = new Map(batch.map((e, i) => [e.doc.id, i]));
    const shouldWrite = options.shouldWrite;
    const results = await replaceExtractionsIn(
      tx,
      batch.map((e) => ({ documentId: e.doc.id, next: e.rows })),
      rulesVersion,
      shouldWrite ? { shouldWrite: (previous) => shouldWrite(previous, index.get(previous.document.id)!) } : {},
    );
    // Another writer may have moved a document to another group since it was read: lock that one too.
    const moved = results.map((r) => r.previous.document.copyKey).filter((k): k is string => k !== null && !locks.has(k));
    if (moved.length) await lockCopyKeys(tx, moved);
    const removed = await removeDocumentsIn(tx, remove.map((d) => d.id));
    const toDecide = batch.flatMap((e, i): Decision[] => {
      const before = results[i].previous.document;
      if (!results[i].written && before.rulesVersion === rulesVersion) return [];
      return [{ id: e.doc.id, copyKey: keys[i], school: e.rows.facts.school ?? null, hasItems: e.rows.items.length > 0, duplicateOf: before.duplicateOf }];
    });
    // Copies of a removed document lost their original: their group is worked out again (they
    // share its copy key, locked above).
    for (const c of removed.copies) {
      if (c.copyKey !== null && !toDecide.some((d) => d.id === c.id)) toDecide.push({ id: c.id, copyKey: c.copyKey, school: c.school, hasItems: true, duplicateOf: null });
    }
    const decided = toDecide.length ? await decide(tx, toDecide) : { links: new Map<number, number | null>(), changed: 0, candidates: 0 };
    const duplicateOf = new Map(batch.map((e, i) => [e.doc.id, decided.links.has(e.doc.id) ? decided.links.get(e.doc.id)! : results[i].previous.document.duplicateOf]));
    return { results, duplicateOf, copiesChanged: decided.changed, candidates: decided.candidates, removedItems: removed.items };
  });
  await foldItemSumsEvery(db, batch.length);
  return stored;
}

/** {@link storeExtractions} for one document. */
export async function storeExtraction(
  db: Db,
  doc: DocumentRow,
  rows: ExtractionRows,
  rulesVersion: string,
  options: ReplaceOptions = {},
): Promise<ReplaceResult & { copies: CopyCheck }> {
  const shouldWrite = options.shouldWrite;
  const stored = await storeExtractions(db, [{ doc, rows }], rulesVersion, shouldWrite ? { shouldWrite: (previous) => shouldWrite(previous) } : {});
  return { ...stored.results[0], copies: { duplicateOf: stored.duplicateOf.get(doc.id) ?? null, changed: stored.copiesChanged, candidates: stored.candidates } };
}
