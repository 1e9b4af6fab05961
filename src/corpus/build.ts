/**
 * A whole corpus on disk from one seed: `<id>.docx`, `<id>.pdf`, `<id>.scan.pdf`,
 * `<id>.photo.jpg` (one-page documents only) and `<id>.expected.json` per document, and a
 * manifest.json saying, per document, which header wordings, layout and degradations it has.
 * Document i is drawn from mixSeed(seed, i) alone, so a seed always gives the same documents and
 * the same gold, and a corpus with more documents starts with the same ones.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PdfPrinter } from './browser.js';
import { goldOf } from './gold.js';
import { mixSeed } from './random.js';
import type { PhotoDegradation } from './degrade.js';
import { FORMAT_SUFFIX, renderDocument, type CorpusFormat, type RenderedDocument, type ScanPageRecord } from './render.js';
import { randomDocSpec, SPEC_VERSION, type DocSpec, type SpecOptions } from './spec.js';
import type { WordingClass } from './wordings.js';

export const DEFAULT_SEED = 20260714;
/** The default corpus stops once its scans hold at least this many pages. */
export const DEFAULT_MIN_SCAN_PAGES = 150;
/** Share of documents made one page long and photographed by phone. */
const PHOTO_SHARE = 0.15;

export interface CorpusOptions {
  seed?: number;
  /** Number of documents; unset: as many as it takes to reach `minScanPages` scanned pages. */
  docs?: number;
  formats?: readonly CorpusFormat[];
  out: string;
  minScanPages?: number;
  wordingMix?: SpecOptions['wordingMix'];
  /** Called after each document is written (progress). */
  onDocument?: (entry: ManifestDocument, index: number) => void;
  /** Called with what the build could not do (a format whose converter is missing). */
  onNote?: (note: string) => void;
}

export interface ManifestDocument {
  id: string;
  seed: number;
  kind: DocSpec['kind'];
  form: DocSpec['form'];
  circular: string | null;
  schoolLevel: string;
  items: number;
  compact: boolean;
  wordingMode: WordingClass;
  wordingClasses: WordingClass[];
  table: {
    columns: string[];
    headers: { field: string; text: string; cls: WordingClass }[];
    parents: string[];
    headerUnit: string;
    standardStyle: string;
    levelStyle: string;
    criterionStyle: string;
    numberingRow: boolean;
  };
  layout: DocSpec['layout'];
  budgetForms: Record<string, number>;
  timelineForms: Record<string, number>;
  files: Partial<Record<CorpusFormat, string>>;
  pdfPages?: number;
  scanPages?: ScanPageRecord[];
  photo?: { page: number; degradation: PhotoDegradation };
  skipped?: RenderedDocument['skipped'];
}

export interface Manifest {
  generator: string;
  specVersion: number;
  seed: number;
  formats: CorpusFormat[];
  /** The wording mix asked for (null: DEFAULT_WORDING_MIX). */
  wordingMix: SpecOptions['wordingMix'] | null;
  totals: { docs: number; items: number; pdfPages: number; scanPages: number; photos: number };
  documents: ManifestDocument[];
}

const LEVEL_ABBR: Record<string, string> = { preschool: 'mn', primary: 'th', 'lower-secondary': 'thcs', 'upper-secondary': 'thpt', 'multi-level': 'lc' };

/** The spec of document `index` of the corpus of `seed`. */
export function corpusSpec(seed: number, index: number, wordingMix?: SpecOptions['wordingMix']): DocSpec {
  const docSeed = mixSeed(seed, index);
  const compact = mixSeed(seed, `photo:${index}`) % 1000 < PHOTO_SHARE * 1000;
  const spec = randomDocSpec(docSeed, { compact, wordingMix });
  spec.id = `${String(index).padStart(3, '0')}-${spec.kind === 'plan' ? 'kh' : 'bc'}-${spec.form === 'task-rows' ? '2026-' : ''}${LEVEL_ABBR[spec.meta.schoolLevel]}`;
  return spec;
}

function countBy(values: (string | undefined)[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) if (v) out[v] = (out[v] ?? 0) + 1;
  return out;
}

function manifestEntry(spec: DocSpec, rendered: RenderedDocument, files: Partial<Record<CorpusFormat, string>>): ManifestDocument {
  const t = spec.table;
  return {
    id: spec.id,
    seed: spec.seed,
    kind: spec.kind,
    form: spec.form,
    circular: spec.meta.circular,
    schoolLevel: spec.meta.schoolLevel,
    items: t.rows.length,
    compact: spec.compact,
    wordingMode: t.wordingMode,
    wordingClasses: spec.wordingClasses,
    table: {
      columns: t.columns.map((c) => c.field),
      headers: t.columns.map((c) => ({ field: c.field, text: c.header.text, cls: c.header.cls })),
      parents: t.parents.map((p) => p.text),
      headerUnit: t.headerUnit,
      standardStyle: t.standardStyle,
      levelStyle: t.levelStyle,
      criterionStyle: t.criterionStyle,
      numberingRow: t.numberingRow,
    },
    layout: spec.layout,
    budgetForms: countBy(t.rows.map((r) => r.budget?.form)),
    timelineForms: countBy(t.rows.map((r) => r.timeline?.form)),
    files,
    pdfPages: rendered.pdfPages,
    scanPages: rendered.scan?.pages,
    photo: rendered.photo ? { page: rendered.photo.page, degradation: rendered.photo.degradation } : undefined,
    skipped: rendered.skipped,
  };
}

/**
 * The DOCX files of `ids` saved as Word 97 .doc by LibreOffice (`soffice --headless`), the way a
 * school's old computer writes them: one batch, a profile of its own so a running LibreOffice
 * does not take the job. Says why when LibreOffice is not installed (scripts/install-peers.sh).
 */
function saveAsDoc(from: string, out: string, ids: string[]): { ids: Set<string>; missing?: string } {
  if (ids.length === 0) return { ids: new Set() };
  const profile = `file://${join(tmpdir(), `khcl-lo-${process.pid}`)}`;
  const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'doc:MS Word 97', '--outdir', out, ...ids.map((id) => join(from, `${id}.docx`))], { encoding: 'utf8' });
  if (run.error) return { ids: new Set(), missing: 'LibreOffice (soffice) is not installed; scripts/install-peers.sh installs it' };
  return { ids: new Set(ids.filter((id) => existsSync(join(out, `${id}.doc`)))) };
}

/** Write a corpus to `out` and return its manifest (also written, as manifest.json). */
export async function buildCorpus(options: CorpusOptions): Promise<Manifest> {
  const seed = options.seed ?? DEFAULT_SEED;
  const formats = [...(options.formats ?? ['docx', 'pdf', 'scan', 'photo'])];
  const minScanPages = options.minScanPages ?? DEFAULT_MIN_SCAN_PAGES;
  // Without scans there is no page target: a fixed number of documents.
  const docs = options.docs ?? (formats.includes('scan') ? Infinity : 48);
  await mkdir(options.out, { recursive: true });
  const needsBrowser = formats.some((f) => f !== 'docx');
  const printer = needsBrowser ? await PdfPrinter.launch() : undefined;
  const documents: ManifestDocument[] = [];
  let scanPages = 0;
  const docxForDoc = join(options.out, '.docx-for-doc');
  if (formats.includes('doc')) await mkdir(docxForDoc, { recursive: true });
  try {
    for (let i = 0; i < docs && (Number.isFinite(docs) || scanPages < minScanPages); i++) {
      const spec = corpusSpec(seed, i, options.wordingMix);
      const rendered = await renderDocument(spec, formats, { printer });
      const files: Partial<Record<CorpusFormat, string>> = {};
      const write = async (format: CorpusFormat, bytes: Uint8Array | undefined) => {
        if (!bytes) return;
        files[format] = `${spec.id}.${FORMAT_SUFFIX[format]}`;
        await writeFile(join(options.out, files[format]!), bytes);
      };
      if (formats.includes('docx')) await write('docx', rendered.docx);
      if (formats.includes('doc') && rendered.docx) await writeFile(join(docxForDoc, `${spec.id}.docx`), rendered.docx);
      await write('pdf', rendered.pdf);
      await write('scan', rendered.scan?.bytes);
      await write('photo', rendered.photo?.bytes);
      await writeFile(join(options.out, `${spec.id}.expected.json`), `${JSON.stringify(goldOf(spec), null, 1)}\n`);
      scanPages += rendered.scan?.pages.length ?? 0;
      const entry = manifestEntry(spec, rendered, files);
      documents.push(entry);
      options.onDocument?.(entry, i);
    }
  } finally {
    await printer?.close();
  }
  if (formats.includes('doc')) {
    const saved = saveAsDoc(docxForDoc, options.out, documents.map((d) => d.id));
    await rm(docxForDoc, { recursive: true, force: true });
    if (saved.missing) {
      formats.splice(formats.indexOf('doc'), 1);
      options.onNote?.(`no .doc files: ${saved.missing}`);
    } else for (const d of documents) if (saved.ids.has(d.id)) d.files.doc = `${d.id}.${FORMAT_SUFFIX.doc}`;
  }
  const manifest: Manifest = {
    generator: 'khcl npm run corpus',
    specVersion: SPEC_VERSION,
    seed,
    formats,
    wordingMix: options.wordingMix ?? null,
    totals: {
      docs: documents.length,
      items: documents.reduce((a, d) => a + d.items, 0),
      pdfPages: documents.reduce((a, d) => a + (d.pdfPages ?? 0), 0),
      scanPages,
      photos: documents.filter((d) => d.photo).length,
    },
    documents,
  };
  await writeFile(join(options.out, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`);
  return manifest;
}
