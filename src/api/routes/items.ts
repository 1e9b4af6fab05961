/** Items: filtered pages, and exports of every matching item as CSV or XLSX. */
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { allItems, csvChunks, HEADER_LANGS, ITEM_COLUMNS, itemQuerySchema, listItems, pageShape, SortSchema, withItemFilters, writeXlsx } from '../../query/index.js';
import type { ApiConfig } from '../config.js';
import type { ApiDeps } from '../deps.js';
import { route, type RouteSpec } from '../route.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Routes for items and their exports. */
export function itemRoutes(deps: ApiDeps, config: ApiConfig): RouteSpec[] {
  const ExportQuery = withItemFilters({
    format: z.enum(['csv', 'xlsx']),
    /** Column headers: Vietnamese labels (default) or the field names. */
    headers: z.preprocess((v) => (v === '' ? undefined : v), z.enum(HEADER_LANGS).default('vi')),
    limit: pageShape(config.maxExportRows, config.maxExportRows).limit,
    sort: SortSchema,
  });
  return [
    route({
      method: 'GET',
      url: '/items',
      tag: 'items',
      summary: 'List items with filters, full-text search (accents optional), sorting and paging',
      description:
        'Lists accept one value, repeated keys or a comma-separated list. `search` matches every word in any order, accents and tone-mark placement ignored; "quoted words" match as a phrase. Items of documents that are copies of another stored document (duplicateOf) are left out unless includeDuplicates=true. A searched list counts its matches up to 1000 (or to the end of the page asked for): when more match, `total` is that number and `totalExact` is false ("more than total"); exactTotal=true counts them all.',
      access: 'read',
      query: itemQuerySchema(config.maxPageSize),
      handler: ({ query: { limit, offset, sort, exactTotal, ...filter } }) => listItems(deps.db, filter, { limit, offset, sort, exactTotal }),
    }),
    route({
      method: 'GET',
      url: '/items/export',
      tag: 'items',
      summary: 'Every matching item as CSV (UTF-8 with BOM, formula-safe) or XLSX (numeric budgets, frozen header with an autofilter); headers=vi (default: Vietnamese column names) or en (the field names)',
      access: 'read',
      query: ExportQuery,
      produces: ['text/csv', XLSX],
      handler: async ({ query: { format, headers, limit, sort, ...filter }, reply }) => {
        const batches = allItems(deps.db, filter, { sort, max: limit });
        const stamp = new Date().toISOString().slice(0, 10);
        void reply.header('content-disposition', `attachment; filename="khcl-items-${stamp}.${format}"`);
        if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(PassThrough.from(csvChunks(batches, ITEM_COLUMNS, headers)));
        const out = new PassThrough();
        writeXlsx(batches, ITEM_COLUMNS, out, { headers }).catch((e: unknown) => out.destroy(e as Error));
        return reply.type(XLSX).send(out);
      },
    }),
  ];
}
