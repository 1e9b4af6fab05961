/**
 * The generated corpus (issue 14): random document specs from a seed, their gold read off the
 * spec, and renderers to DOCX, text PDF (Chromium), scans and phone photos. A dev tool: khcl's
 * extractor and normalizer are what it measures, so nothing here imports them.
 */
export { buildCorpus, corpusSpec, DEFAULT_MIN_SCAN_PAGES, DEFAULT_SEED, type CorpusOptions, type Manifest, type ManifestDocument } from './build.js';
export { hasChromium, PdfPrinter } from './browser.js';
export { goldOf, cellText, SKIP, type Gold, type GoldItem } from './gold.js';
export { amountInWords, dotted, type BudgetCell, type BudgetForm } from './money.js';
export { Rng, mixSeed } from './random.js';
export {
  CORPUS_FORMATS,
  FORMAT_SUFFIX,
  photographPdf,
  renderBinder,
  renderDocument,
  renderPdf,
  scanPdf,
  type BinderGold,
  type CorpusFormat,
  type RenderContext,
  type RenderedBinder,
  type RenderedDocument,
} from './render.js';
export { DEFAULT_WORDING_MIX, randomDocSpec, type DocSpec, type SpecOptions } from './spec.js';
export { WORDING_CLASSES, WORDINGS, type WordingClass } from './wordings.js';
export { HELD_OUT_WORDINGS, UNLISTED } from './wordings-heldout.js';
export { docxBinder, joinPdfBinder, type BinderPart, type JoinedBinder } from './binder.js';
