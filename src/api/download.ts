/**
 * The Content-Disposition of a downloaded original. The name is the document's first stored name,
 * cut to its last segment (stored names can be "batch.zip:truong-a/kh.docx"); the header carries
 * an ASCII fallback and the UTF-8 name (RFC 6266, RFC 8187), with nothing that could end the
 * header or the quoted string. The file itself is found by the document's hash, never by a path
 * the client sent, so no request can reach outside the blob store.
 */
/** The last segment of a stored name. */
export function downloadName(stored: string | null | undefined, fallback: string): string {
  const last = (stored ?? '').split(/[\\/:]/).pop()?.replace(/[\u0000-\u001f\u007f"]/g, '').trim();
  return last ? last : fallback;
}

/** `attachment; filename="…"; filename*=UTF-8''…`. */
export function contentDisposition(name: string): string {
  const plain = name.normalize('NFD').replace(/\p{M}+/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  const ascii = plain.replace(/[^A-Za-z0-9._ ()-]/g, '_') || 'download';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
