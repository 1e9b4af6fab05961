/**
 * A store for the query and API suites: the DOCX fixtures through the real pipeline, plus the
 * generated documents of data.ts written through the store's API. `universe` is every stored item
 * as the tests know it independently of SQL: fixtures from their hand-checked .expected.json, the
 * rest from data.ts, each with its document's facts.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Extraction } from '../../../src/extract/contract.js';
import { extractionToRows, getStoredExtraction, itemShapeOf, registerDocument, replaceExtraction, rowToItem, sha256Hex } from '../../../src/store/index.js';
import { openTestRuntime, type TestRuntime } from '../../pipeline/support/runtime.js';
import { GENERATED } from './data.js';

export const FIXTURES = path.resolve('fixtures');

/** One item the tests expect to find, with its document's facts. */
export interface Known {
  /** Fixture base name or generated key. */
  doc: string;
  documentId: number;
  ordinal: number;
  kind: Extraction['kind'];
  meta: Extraction['document'];
  item: Record<string, unknown>;
}

export interface Seeded {
  rt: TestRuntime;
  /** Document id by fixture base name / generated key. */
  ids: Record<string, number>;
  universe: Known[];
  /** Gold (or generated) extraction by the same keys. */
  golds: Record<string, Extraction>;
  dispose(): Promise<void>;
}

/** Open a runtime on the driver and store everything. */
export async function seed(driver: 'pglite' | 'postgres', env: Record<string, string> = {}): Promise<Seeded> {
  const rt = await openTestRuntime(driver, { env });
  const ids: Record<string, number> = {};
  const golds: Record<string, Extraction> = {};
  const docx = (await readdir(FIXTURES)).filter((f) => f.endsWith('.docx')).sort();
  for (const file of docx) {
    const outcome = await rt.pipeline.processDocument(new Uint8Array(await readFile(path.join(FIXTURES, file))), { fileName: file });
    if (outcome.status !== 'stored') throw new Error(`fixture ${file} was not stored: ${JSON.stringify(outcome)}`);
    const key = file.replace(/\.docx$/, '');
    ids[key] = outcome.documentId;
    // Gold files hold kind, document and items only.
    const gold = JSON.parse(await readFile(path.join(FIXTURES, `${key}.expected.json`), 'utf8')) as Pick<Extraction, 'kind' | 'document' | 'items'>;
    golds[key] = { focusIssues: [], monitoring: [], issues: [], ...gold };
  }
  for (const [key, x] of Object.entries(GENERATED)) {
    const bytes = new TextEncoder().encode(`generated:${key}`);
    const { document } = await registerDocument(rt.store.db, { sha256: sha256Hex(bytes), size: bytes.length, fileName: `${key}.docx` });
    await replaceExtraction(rt.store.db, document.id, extractionToRows(document.id, x), 'test');
    ids[key] = document.id;
    golds[key] = x;
  }
  // Gold fields first; what the gold leaves out (confidence, owners, fundingSource) or marks
  // "__skip__" comes from the stored row, read back through the store's own mapping.
  const universe: Known[] = [];
  for (const [doc, x] of Object.entries(golds)) {
    const stored = (await getStoredExtraction(rt.store.db, ids[doc]))!;
    const shape = itemShapeOf(stored.document.kind, stored.document.form);
    x.items.forEach((gold, ordinal) => {
      const known = Object.fromEntries(Object.entries(gold).filter(([, v]) => v !== '__skip__'));
      const item = { ...(rowToItem(stored.items[ordinal], shape) as unknown as Record<string, unknown>), ...known };
      universe.push({ doc, documentId: ids[doc], ordinal, kind: x.kind, meta: x.document, item });
    });
  }
  return { rt, ids, universe, golds, dispose: () => rt.dispose() };
}
