/**
 * The engine's own Array.prototype.push, taken when khcl's ingest is first imported: before
 * pdfjs-dist's legacy build replaces it with core-js's (see pdfjs.ts), even when something else
 * loads pdfjs before the first PDF is read here (pdf-parse, in the bench, imported after khcl's
 * readers but before pdfjs.ts, which loads lazily). Taken in pdfjs.ts, it would be core-js's.
 */
export const NATIVE_PUSH = Object.getOwnPropertyDescriptor(Array.prototype, 'push')!;
