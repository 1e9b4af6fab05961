/**
 * Byte builders for the bad-input corpus. Everything is generated at test time from the fixtures
 * or from strings, so no hostile binary (a zip bomb, an encrypted file) is ever committed.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import { makeZip, zipOf } from '../helpers/zip.js';

export const FIXTURES = path.resolve('fixtures');

export async function fixture(name: string): Promise<Uint8Array> {
  return new Uint8Array(await readFile(path.join(FIXTURES, name)));
}

/** The first `fraction` of the bytes: what an interrupted download or copy leaves. */
export function truncate(bytes: Uint8Array, fraction: number): Uint8Array {
  return bytes.slice(0, Math.floor(bytes.length * fraction));
}

/** Overwrite `count` bytes from `at` (a fraction of the length) with a deterministic pattern. */
export function flip(bytes: Uint8Array, at: number, count: number): Uint8Array {
  const out = bytes.slice();
  const start = Math.floor(out.length * at);
  for (let i = start; i < Math.min(out.length, start + count); i++) out[i] = (out[i] ^ 0xa5) & 0xff;
  return out;
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
export const para = (text: string) => `<w:p><w:r><w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
export const row = (cells: string[]) => `<w:tr>${cells.map((c) => `<w:tc>${para(c)}</w:tc>`).join('')}</w:tr>`;

/**
 * A DOCX written by hand (the three parts Word needs), so a test controls document.xml byte for
 * byte: a DOCTYPE with entities, or 10,000 rows without the `docx` package's minutes of work.
 */
export function rawDocx(body: string, prolog = ''): Uint8Array {
  const xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>${prolog}<w:document ${W}><w:body>${body}</w:body></w:document>`;
  return makeZip([
    { name: '[Content_Types].xml', data: CONTENT_TYPES },
    { name: '_rels/.rels', data: RELS },
    { name: 'word/document.xml', data: xml },
  ]);
}

/**
 * A ZIP with one deflated entry of `size` zero bytes (200 MB compresses ~1000:1 to ~200 KB): the
 * headers tell the truth, so a reader that trusts the ratio check refuses it before inflating.
 */
export function zipBomb(entryName: string, size: number): Uint8Array {
  const zeros = Buffer.alloc(size);
  return zipOf([{ name: entryName, body: deflateRawSync(zeros, { level: 9 }), crc: crc32(zeros), size, method: 8 }]);
}

/** A stored (uncompressed) ZIP entry from raw bytes. */
export function storedEntry(name: string | Buffer, data: Uint8Array | string, utf8 = true) {
  const body = Buffer.from(typeof data === 'string' ? Buffer.from(data) : data);
  return { name, body, crc: crc32(body), size: body.length, method: 0 as const, utf8 };
}

/** A deflated ZIP entry from raw bytes; `utf8: false` leaves the name to the CP437 default. */
export function deflatedEntry(name: string | Buffer, data: Uint8Array, utf8 = true) {
  return { name, body: deflateRawSync(data), crc: crc32(data), size: data.length, method: 8 as const, utf8 };
}

/** A PDF from object bodies (1-based), with a correct xref table. */
export function pdfOf(objects: string[], trailerExtra = ''): Uint8Array {
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailerExtra}>>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

const stream = (content: string) => `<< /Length ${content.length} >>\nstream\n${content}\nendstream`;

/** A real PDF of `pages` pages, each with one line of text (shared content stream and font). */
export function manyPagePdf(pages: number): Uint8Array {
  // 1 catalog, 2 pages, 3 font, 4 content, 5.. pages
  const kids = Array.from({ length: pages }, (_, i) => `${i + 5} 0 R`).join(' ');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    `<< /Type /Pages /Kids [${kids}] /Count ${pages} >>`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    stream('BT /F1 12 Tf 72 720 Td (Ke hoach cai tien chat luong) Tj ET'),
  ];
  for (let i = 0; i < pages; i++) {
    objects.push('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>');
  }
  return pdfOf(objects);
}

/** A one-page PDF whose trailer has a Standard-security /Encrypt dictionary no empty password opens. */
export function encryptedPdf(): Uint8Array {
  const hex32 = (seed: number) => Array.from({ length: 32 }, (_, i) => ((i * 37 + seed) & 0xff).toString(16).padStart(2, '0')).join('');
  return pdfOf(
    [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
      stream('BT /F1 12 Tf 72 720 Td (secret) Tj ET'),
      `<< /Filter /Standard /V 1 /R 2 /O <${hex32(1)}> /U <${hex32(2)}> /P -44 >>`,
    ],
    `/Encrypt 5 0 R /ID [<${hex32(3).slice(0, 32)}> <${hex32(3).slice(0, 32)}>] `,
  );
}

/** A PNG whose header claims width × height; the pixel data is one tiny (wrong) deflate block. */
export function pngClaiming(width: number, height: number): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]));
}
