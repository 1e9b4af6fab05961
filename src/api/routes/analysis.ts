/** Aggregates (budget sums and counts by one dimension) and plan ↔ report links. */
import { z } from 'zod';
import { linkPlansToReports, LinkRequestSchema, sumBudget, SUM_DIMENSIONS, withItemFilters } from '../../query/index.js';
import type { ApiDeps } from '../deps.js';
import { route, type RouteSpec } from '../route.js';

/** Routes for sums and links. */
export function analysisRoutes(deps: ApiDeps): RouteSpec[] {
  return [
    route({
      method: 'GET',
      url: '/aggregates',
      tag: 'analysis',
      summary: 'Budget (sum of budgetVnd) and item counts of the filtered items, grouped by one dimension',
      description:
        'Standards and criteria are grouped with their circular and named from the registry for it: codes of different circulars are never mixed. Documents that are copies of another stored document (duplicateOf: the scan of a DOCX) are left out unless includeDuplicates=true.',
      access: 'read',
      query: withItemFilters({ by: z.enum(SUM_DIMENSIONS) }),
      handler: ({ query: { by, ...filter } }) => sumBudget(deps.db, by, filter),
    }),
    route({
      method: 'GET',
      url: '/link',
      tag: 'analysis',
      summary: "Plans linked to their reports: each planned item with the report's status for it (done, in-progress, not-done, missing, unknown)",
      access: 'read',
      query: LinkRequestSchema,
      handler: ({ query }) => linkPlansToReports(deps.db, query),
    }),
  ];
}
