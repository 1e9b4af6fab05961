/**
 * What a file is, read from its bytes, never from its name: a PDF named .docx still works and a
 * text file renamed .docx gets a clear error. The one place that sniffs content.
 */
import { KhclError } from '../errors.js';

export type MediaKind = 'docx' | 'doc' | 'pdf' | 'image' | 'zip';

export interface Detected {
  kind: MediaKind;
  mediaType: string;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** Sniff the media type of a file's bytes; throws `file.empty` / `file.unsupported` / `file.encrypted`. */
export function detectMedia(bytes: Uint8Array): Detected {
  if (bytes.byteLength === 0) throw new KhclError('file.empty', 'the file is empty (0 bytes)');
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) || findAscii(bytes.subarray(0, 1024), '%PDF-') >= 0) {
    return { kind: 'pdf', mediaType: 'application/pdf' };
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    // OOXML packages name their parts in the central directory. A ZIP that merely *stores* a DOCX
    // uncompressed also holds the text `word/document.xml`, so the names are read from the
    // directory when it is intact; a damaged one (a truncated DOCX) falls back to a byte search.
    const names = centralNames(bytes);
    const has = (part: string) => (names ? names.has(part) : findAscii(bytes, part) >= 0);
    if (has('word/document.xml')) return { kind: 'docx', mediaType: DOCX };
    if (has('xl/workbook.xml') || has('ppt/presentation.xml')) {
      throw new KhclError('file.unsupported', 'an Excel or PowerPoint file, not a Word document or PDF');
    }
    return { kind: 'zip', mediaType: 'application/zip' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    // A password-protected DOCX is an OLE container holding EncryptionInfo + EncryptedPackage.
    if (findUtf16(bytes, 'EncryptedPackage') >= 0) {
      throw new KhclError('file.encrypted', 'the DOCX is password-protected; save it without a password');
    }
    return { kind: 'doc', mediaType: 'application/msword' };
  }
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: 'image', mediaType: 'image/jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'image', mediaType: 'image/png' };
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) {
    return { kind: 'image', mediaType: 'image/tiff' };
  }
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) {
    throw new KhclError('file.unsupported', 'an RTF file; save it as DOCX or PDF');
  }
  const looksText = [...bytes.subarray(0, 512)].every((b) => b === 9 || b === 10 || b === 13 || b >= 32);
  throw new KhclError(
    'file.unsupported',
    looksText ? 'a plain text file, not a DOCX, DOC, PDF or image' : 'not a DOCX, DOC, PDF or image file',
  );
}

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.byteLength >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function findAscii(bytes: Uint8Array, needle: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(needle, 0, 'latin1');
}

function findUtf16(bytes: Uint8Array, needle: string): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(Buffer.from(needle, 'utf16le'));
}

/** The entry names in a ZIP's central directory, or undefined when it cannot be found intact. */
function centralNames(bytes: Uint8Array): Set<string> | undefined {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]), Math.max(0, buf.length - 22));
  if (eocd < 0 || eocd + 22 > buf.length || eocd < buf.length - 22 - 0xffff) return undefined;
  const entries = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const names = new Set<string>();
  for (let i = 0; i < entries; i++) {
    if (at + 46 > buf.length || buf.readUInt32LE(at) !== 0x02014b50) return undefined;
    const nameLength = buf.readUInt16LE(at + 28);
    if (at + 46 + nameLength > buf.length) return undefined;
    names.add(buf.toString('latin1', at + 46, at + 46 + nameLength));
    at += 46 + nameLength + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  return names;
}
