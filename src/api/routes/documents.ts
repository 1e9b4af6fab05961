/** Documents: lists, one document, its status, its original file and an item's source cells. */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { localize } from '../../messages.js';
import { documentDetail, DocumentFilterSchema, documentStatus, intParam, itemSource, listDocuments, pageShape } from '../../query/index.js';
import { getDocument } from '../../store/index.js';
import type { ApiConfig } from '../config.js';
import type { ApiDeps } from '../deps.js';
import { contentDisposition, downloadName } from '../download.js';
import { ApiError, requestLang } from '../errors.js';
import { route, type RouteSpec } from '../route.js';

/** A document id in a path: digits only, so "..%2Fetc", "0x1" or "1/../../x" never reaches anything. */
export const IdParams = z.strictObject({ id: intParam(1, 2_147_483_647) });
const ItemParams = z.strictObject({ id: intParam(1, 2_147_483_647), ordinal: intParam(0, 1_000_000) });

const notFound = (id: number) => new ApiError('not.found', `no document ${id}`);

/** A document's failure reason in the request's language (stored in English, with its code). */
function withReason<T extends { errorCode: string | null; error: string | null }>(doc: T, request: FastifyRequest): T {
  return doc.errorCode && doc.error ? { ...doc, error: localize(doc.errorCode, doc.error, requestLang(request)) } : doc;
}

/** Routes for documents (reads). */
export function documentRoutes(deps: ApiDeps, config: ApiConfig): RouteSpec[] {
  const ListQuery = DocumentFilterSchema.extend({ ...pageShape(config.maxPageSize, 50), sort: z.enum(['id', '-id']).optional() });
  return [
    route({
      method: 'GET',
      url: '/documents',
      tag: 'documents',
      summary: 'List documents (newest first), filtered by school year, school, level, kind, form, circular, status; copies are listed too, with duplicateOf naming their original',
      access: 'read',
      query: ListQuery,
      handler: async ({ query: { limit, offset, sort, ...filter }, request }) => {
        const page = await listDocuments(deps.db, filter, { limit, offset, sort: sort === 'id' ? 'id' : undefined });
        return { ...page, documents: page.documents.map((d) => withReason(d, request)) };
      },
    }),
    route({
      method: 'GET',
      url: '/documents/:id',
      tag: 'documents',
      summary: 'One document: metadata, processing status, item count, extraction warnings, hasLayout (its file has been read, so it can be re-extracted), and duplicateOf: the stored document it is a copy of (null for an original)',
      access: 'read',
      params: IdParams,
      errors: { 404: 'no such document' },
      handler: async ({ params, request }) => {
        const doc = await documentDetail(deps.db, params.id);
        if (!doc) throw notFound(params.id);
        return withReason(doc, request);
      },
    }),
    route({
      method: 'GET',
      url: '/documents/:id/status',
      tag: 'documents',
      summary: "Where a document is in the pipeline (queued, ingesting, extracting, stored, failed) and why it failed",
      access: 'read',
      params: IdParams,
      errors: { 404: 'no such document' },
      handler: async ({ params, request }) => {
        const status = await documentStatus(deps.db, params.id);
        if (!status) throw notFound(params.id);
        return withReason(status, request);
      },
    }),
    route({
      method: 'GET',
      url: '/documents/:id/file',
      tag: 'documents',
      summary: 'Download the original file, under the name it was uploaded or imported with',
      access: 'read',
      params: IdParams,
      produces: ['application/octet-stream'],
      errors: { 404: 'no such document, or its file is not stored' },
      handler: async ({ params, reply }) => {
        const doc = await getDocument(deps.db, params.id);
        if (!doc) throw notFound(params.id);
        const bytes = await deps.blobs.get(doc.sha256); // by hash from the database: no client path
        const name = downloadName(doc.fileNames[0], `document-${doc.id}`);
        return reply
          .header('content-disposition', contentDisposition(name))
          .header('x-content-type-options', 'nosniff')
          .type(doc.mediaType ?? 'application/octet-stream')
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    }),
    route({
      method: 'GET',
      url: '/documents/:id/items/:ordinal/source',
      tag: 'items',
      summary: "An item's source cells: text, page, box and OCR confidence of every cell it was read from",
      access: 'read',
      params: ItemParams,
      errors: { 404: 'no such item' },
      handler: async ({ params }) =>
        (await itemSource(deps.db, params.id, params.ordinal)) ??
        Promise.reject(new ApiError('not.found', `no item ${params.ordinal} in document ${params.id}`)),
    }),
  ];
}
