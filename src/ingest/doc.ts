/**
 * DOC (Word 97–2003 binary) → Layout, read directly from the file with `cfb` (the OLE container)
 * and this folder's decoders — no Word, no LibreOffice, nothing spawned.
 *
 * What is read: the FIB, the piece table (8-bit CP1252 and UTF-16 pieces) for the main document
 * text, paragraph properties (PAPX FKPs, huge PAPX in the Data stream) for table cells, row ends,
 * nesting and each row's TAP (cell boundaries, merges, header rows), and direct character bold
 * (CHPX FKPs) for the paragraph `bold` hint. Like DOCX the result is one unpaginated page; page
 * headers, footers, footnotes, comments and text boxes are not read. See `doc/` for the parts.
 */
import { KhclError } from '../errors.js';
import type { Layout } from '../layout/layout.js';
import { openWordFile, readMainText, readPieces } from './doc/binary.js';
import { buildBlocks } from './doc/blocks.js';
import { readProperties } from './doc/props.js';

export interface DocOptions {
  /** Name used in error messages only. */
  fileName?: string;
}

/** Read a .doc file's bytes into the common Layout. Failures are KhclErrors (`file.corrupt`, `file.encrypted`, …). */
export async function ingestDoc(bytes: Uint8Array, options: DocOptions = {}): Promise<Layout> {
  try {
    return readDoc(bytes);
  } catch (e) {
    if (e instanceof KhclError) {
      if (options.fileName && !e.file) e.file = options.fileName;
      throw e;
    }
    // Offsets the bounds checks did not foresee: still a damaged file, not a crash.
    const reason = e instanceof Error ? e.message.split('\n')[0].slice(0, 120) : String(e);
    throw new KhclError('file.corrupt', `not a readable DOC (${reason})`, { cause: e, file: options.fileName });
  }
}

function readDoc(bytes: Uint8Array): Layout {
  const file = openWordFile(bytes);
  const pieces = readPieces(file);
  const { text, truncated } = readMainText(file, pieces);
  const { blocks, issues } = buildBlocks(text, readProperties(file, pieces));
  if (truncated) {
    issues.push({
      code: 'doc.text-truncated',
      severity: 'warning',
      message: 'the piece table ends before the document text does; the rest is missing',
    });
  }
  return {
    source: { format: 'doc', reader: 'word-binary', paginated: false },
    pages: [{ number: 1, blocks }],
    issues,
  };
}
