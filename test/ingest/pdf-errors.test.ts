/**
 * Bad PDFs: each a KhclError with the right code and a one-line reason, fast, never a crash, a
 * stack trace in the message, or console noise from pdfjs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument, PDFHexString } from 'pdf-lib';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KhclError } from '../../src/errors.js';
import { ingestPdf, pdfPagesWithoutText } from '../../src/ingest/pdf.js';
import { ingest } from '../../src/ingest/registry.js';

const FIXTURE = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/kh-2024-mn-tayuc.pdf')));

/**
 * An encrypted PDF: pdf-lib cannot encrypt, so the standard security handler's /Encrypt dict is
 * put in the trailer by hand. Its /U entry does not match the empty user password, so a reader
 * needs a password, exactly as for a file protected in Word or Acrobat.
 */
async function encryptedPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('secret');
  const ctx = doc.context;
  const filler = PDFHexString.of('ab'.repeat(32));
  ctx.trailerInfo.Encrypt = ctx.register(ctx.obj({ Filter: 'Standard', V: 1, R: 2, Length: 40, O: filler, U: filler, P: -44 }));
  ctx.trailerInfo.ID = ctx.obj([PDFHexString.of('0123456789abcdef0123456789abcdef'), PDFHexString.of('0123456789abcdef0123456789abcdef')]);
  return doc.save({ useObjectStreams: false });
}

const garbage = (): Uint8Array => {
  const body = Uint8Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 256);
  return new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...body]);
};

async function failure(run: Promise<unknown>): Promise<KhclError> {
  const started = Date.now();
  const error = await run.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  expect(Date.now() - started).toBeLessThan(3_000);
  expect(error).toBeInstanceOf(KhclError);
  const k = error as KhclError;
  expect(k.message).not.toMatch(/\n|\bat .+:\d+:\d+/);
  return k;
}

describe('bad PDF input', () => {
  afterEach(() => vi.restoreAllMocks());

  it('an encrypted PDF is file.encrypted', async () => {
    const e = await failure(ingestPdf(await encryptedPdf()));
    expect(e).toMatchObject({ code: 'file.encrypted', message: 'the PDF is password-protected' });
  });

  it('a truncated PDF (the first half of a fixture) is file.corrupt, saying it is truncated', async () => {
    const e = await failure(ingestPdf(FIXTURE.subarray(0, FIXTURE.length >> 1)));
    expect(e).toMatchObject({ code: 'file.corrupt', message: 'the PDF is truncated (no end-of-file marker)' });
  });

  it('garbage after a %PDF header is file.corrupt', async () => {
    const e = await failure(ingestPdf(garbage()));
    expect(e.code).toBe('file.corrupt');
  });

  it('a bare %PDF header is file.corrupt', async () => {
    const e = await failure(ingestPdf(new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))));
    expect(e).toMatchObject({ code: 'file.corrupt', message: 'not a readable PDF (invalid PDF structure)' });
  });

  it('pdfPagesWithoutText fails the same way', async () => {
    expect((await failure(pdfPagesWithoutText(await encryptedPdf()))).code).toBe('file.encrypted');
    expect((await failure(pdfPagesWithoutText(garbage()))).code).toBe('file.corrupt');
  });

  it('through the registry the error names the file', async () => {
    const e = await failure(ingest(FIXTURE.subarray(0, 5000), { fileName: 'ke-hoach.pdf' }));
    expect(e).toMatchObject({ code: 'file.corrupt', file: 'ke-hoach.pdf' });
  });

  it('pdfjs prints nothing while failing or reading', async () => {
    const spies = (['log', 'warn', 'error', 'info'] as const).map((m) => vi.spyOn(console, m));
    await ingestPdf(garbage()).catch(() => undefined);
    await ingestPdf(FIXTURE.subarray(0, FIXTURE.length >> 1)).catch(() => undefined);
    await ingestPdf(FIXTURE);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });

  it('leaves the caller’s bytes intact (pdfjs would detach a buffer it is handed)', async () => {
    const bytes = FIXTURE.slice();
    await ingestPdf(bytes);
    expect(bytes.byteLength).toBe(FIXTURE.byteLength);
    expect(Buffer.compare(bytes, FIXTURE)).toBe(0);
  });
});
