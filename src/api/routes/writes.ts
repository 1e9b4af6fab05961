/** Writes (token required): uploads and re-extraction. */
import type { MultipartFile } from '@fastify/multipart';
import { ReextractFilterSchema } from '../../query/index.js';
import { getDocument } from '../../store/index.js';
import type { ApiDeps } from '../deps.js';
import { ApiError } from '../errors.js';
import { intake, type UploadOutcome } from '../intake.js';
import { route, type RouteSpec } from '../route.js';
import { IdParams } from './documents.js';

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
export function writeRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    route({
      method: 'POST',
      url: '/documents',
      tag: 'documents',
      summary: 'Upload documents (DOCX, DOC, PDF, scans, or a ZIP of them): stored by content and queued for processing',
      description: 'multipart/form-data with one or more file parts. Answers 202 with one outcome per document; poll /documents/{id}/status.',
      access: 'write',
      upload: true,
      status: 202,
      errors: { 413: 'a file is above the upload limit', 406: 'the request is not multipart' },
      handler: async ({ request }) => {
        const files: UploadOutcome[] = [];
        const parts = request.parts()[Symbol.asyncIterator]();
        for (;;) {
          const next = await reading(() => parts.next());
          if (next.done) break;
          if (next.value.type !== 'file') continue;
          const part = next.value as MultipartFile;
          const bytes = await reading(() => part.toBuffer()); // 413 past the size limit
          files.push(...(await intake(deps, new Uint8Array(bytes), part.filename)));
        }
        if (files.length === 0) throw new ApiError('request.invalid', 'no file in the upload: send multipart/form-data with a file part');
        return { files };
      },
    }),
    route({
      method: 'POST',
      url: '/documents/:id/reextract',
      tag: 'documents',
      summary: "Re-run the current extraction rules on a document's stored layout and report what changed",
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
