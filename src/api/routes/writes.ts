/** Writes (token required): uploads and re-extraction. */
import type { MultipartFile } from '@fastify/multipart';
import { KhclError, type ErrorCode } from '../../errors.js';
import { localize, type Lang } from '../../messages.js';
import { ReextractFilterSchema } from '../../query/index.js';
import { getDocument } from '../../store/index.js';
import { tokenOf } from '../auth.js';
import type { ApiConfig } from '../config.js';
import type { ApiDeps } from '../deps.js';
import { ApiError, errorResponse, requestLang } from '../errors.js';
import { Allowance, Intake, TokenUsage, type UploadOutcome } from '../intake.js';
import { route, type RouteSpec } from '../route.js';
import { IdParams } from './documents.js';

/** Multipart framing around the files (boundaries, part headers): what a body may add to them. */
const MULTIPART_SLACK = 1024 * 1024;
const mb = (n: number) => (n / 1024 / 1024).toFixed(1);

/** Read a part to its end without keeping it (it is refused, but the next part lies behind it). */
async function drain(part: MultipartFile): Promise<void> {
  for await (const _chunk of part.file) {
    // discarded
  }
}

/** An outcome with its reason in the reader's language. */
function said(o: UploadOutcome, lang: Lang): UploadOutcome {
  if (o.status === 'refused') return { ...o, reason: localize(o.code, o.reason, lang) };
  if (o.status === 'queued' && o.retried) return { ...o, retried: { ...o.retried, reason: localize(o.retried.code, o.retried.reason, lang) } };
  if (o.status === 'passed-over' && lang === 'vi') return { ...o, reason: 'không phải văn bản, không đọc' };
  return o;
}

/**
 * Read from the multipart stream: the parser's own errors carry a 4xx status (limits, not
 * multipart) and pass; anything else it throws is a body cut short or malformed, the client's
 * fault, not a 500.
 */
async function reading<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (e) {
    if (typeof (e as { statusCode?: unknown }).statusCode === 'number') throw e;
    throw new ApiError('request.invalid', `the multipart body is malformed (${e instanceof Error ? e.message : String(e)})`);
  }
}

/** Routes that change the store (token required). */
export function writeRoutes(deps: ApiDeps, config: ApiConfig): RouteSpec[] {
  const usage = new TokenUsage();
  return [
    route({
      method: 'POST',
      url: '/documents',
      tag: 'documents',
      summary: 'Upload documents (DOCX, DOC, PDF, scans, or a ZIP of them): recognised, stored by content and queued for processing',
      description:
        'multipart/form-data with one or more file parts. Only DOCX, DOC, PDF and images are stored; anything else is refused with a one-line reason and leaves nothing behind. ' +
        'The answer lists every file (each entry of a ZIP too): queued (stored; `retried` when it had failed before), duplicate (stored already; `sameAs` another file of this upload), ' +
        'refused (nothing stored: code and reason) or passed-over (inside an archive, by its name not a document). 202 when every file was taken, 207 when the list holds refusals ' +
        '(a part above the size limit, the request\'s or the token\'s hourly limits reached: the files before it stay stored and are listed). ' +
        'Poll /documents/{id}/status for each queued document.',
      access: 'write',
      upload: true,
      status: 202,
      errors: {
        207: 'some files were refused or passed over; the list says which and why (the others are stored)',
        413: 'the request is larger than the per-request limit: nothing was read or stored',
        429: "the token's hourly limit is reached: nothing was read or stored",
        406: 'the request is not multipart',
      },
      handler: async ({ request, reply }) => {
        const allowance = new Allowance(config.uploads, usage, tokenOf(request) ?? '');
        // The token's hour spent, or a body longer than the request may hold even unpacked: refused
        // before a byte is read.
        const refused = allowance.refuseUnread(Number(request.headers['content-length'] ?? 0) - MULTIPART_SLACK);
        if (refused) throw refused;

        const intake = new Intake(deps, allowance);
        let rest: KhclError | undefined; // why the end of the body could not be read, after files were taken
        try {
          const parts = request.parts()[Symbol.asyncIterator]();
          for (;;) {
            const next = await reading(() => parts.next());
            if (next.done) break;
            if (next.value.type !== 'file') continue;
            const part = next.value as MultipartFile;
            if (intake.exhausted) {
              await reading(() => drain(part));
              intake.refuse(part.filename, intake.exhausted);
              continue;
            }
            const bytes = await reading(() => part.toBuffer());
            if (part.file.truncated) {
              intake.refuse(part.filename, new KhclError('file.too_large', `the file is larger than the upload limit of ${mb(config.maxUploadBytes)} MB`));
              continue;
            }
            await intake.add(new Uint8Array(bytes), part.filename);
          }
        } catch (e) {
          // Nothing taken: the error is the answer. Something taken: it is listed, never hidden.
          if (intake.outcomes.length === 0) throw e;
          const { body } = errorResponse(e);
          rest = new KhclError(body.error.code as ErrorCode, body.error.message);
        } finally {
          allowance.settle(usage);
        }
        if (intake.outcomes.length === 0) throw new ApiError('request.invalid', 'no file in the upload: send multipart/form-data with a file part');
        const lang = requestLang(request);
        const counts = intake.counts();
        const files = intake.outcomes.map((o) => said(o, lang));
        if (rest) files.push({ name: '(the rest of the request)', status: 'refused', code: rest.code, reason: localize(rest.code, rest.message, lang) });
        void reply.status(counts.refused + counts['passed-over'] > 0 || rest ? 207 : 202);
        return { counts: { ...counts, refused: counts.refused + (rest ? 1 : 0) }, files };
      },
    }),
    route({
      method: 'POST',
      url: '/documents/:id/reextract',
      tag: 'documents',
      summary: "Re-run the current extraction rules on a document's stored layout and report what changed (a document of a file holding several re-runs the whole file: the cut between them may move)",
      access: 'write',
      params: IdParams,
      errors: { 404: 'no such document', 409: 'the document has no stored layout yet' },
      handler: async ({ params }) => {
        const doc = await getDocument(deps.db, params.id);
        if (!doc) throw new ApiError('not.found', `no document ${params.id}`);
        const report = await deps.pipeline.reextractDocuments({ documentIds: [params.id] });
        if (report.documents === 0) throw new ApiError('document.no_layout', `document ${params.id} has no stored layout yet (status ${doc.status})`);
        return report;
      },
    }),
    route({
      method: 'POST',
      url: '/reextract',
      tag: 'documents',
      summary: 'Re-run the current extraction rules on every stored layout matching kind / school year / rules version',
      access: 'write',
      body: ReextractFilterSchema,
      handler: ({ body }) => deps.pipeline.reextractDocuments(body),
    }),
  ];
}
