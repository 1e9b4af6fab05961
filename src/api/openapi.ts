/**
 * The OpenAPI 3.1 description, written from the route list: parameters from each route's zod
 * schemas (z.toJSONSchema, JSON Schema 2020-12, which OpenAPI 3.1 uses as is), so the document
 * cannot drift from what the server validates.
 */
import { z } from 'zod';
import { FILTER_HELP } from '../query/index.js';
import type { ApiConfig } from './config.js';
import type { RouteSpec } from './route.js';

type Json = Record<string, unknown>;

function jsonSchema(schema: z.ZodType): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'query' | 'path'): Json[] {
  if (!schema) return [];
  const s = jsonSchema(schema) as { properties?: Record<string, Json>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: where,
    required: where === 'path' || (s.required ?? []).includes(name),
    ...(FILTER_HELP[name] ? { description: FILTER_HELP[name] } : {}),
    schema: prop,
    ...(prop.type === 'array' ? { style: 'form', explode: true } : {}),
  }));
}

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

function operation(spec: RouteSpec, config: ApiConfig): Json {
  const secured = spec.access === 'write' || config.readRequiresToken;
  const responses: Json = {
    [String(spec.status ?? 200)]: {
      description: 'success',
      content: Object.fromEntries((spec.produces ?? ['application/json']).map((t) => [t, { schema: {} }])),
    },
    400: errorResponse('a parameter is invalid: the message says which and why'),
    ...(secured ? { 401: errorResponse('no token, or not a valid one') } : {}),
    ...Object.fromEntries(Object.entries(spec.errors ?? {}).map(([code, why]) => [code, errorResponse(why)])),
    429: errorResponse('too many requests from this address; retry later'),
    500: errorResponse('internal error'),
  };
  const op: Json = {
    operationId: `${spec.method.toLowerCase()}${spec.url.replace(/\/:?(\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query')],
    responses,
    ...(secured ? { security: [{ bearer: [] }] } : {}),
  };
  if (spec.body) op.requestBody = { required: false, content: { 'application/json': { schema: jsonSchema(spec.body) } } };
  if (spec.upload) {
    op.requestBody = {
      required: true,
      content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'array', items: { type: 'string', contentMediaType: 'application/octet-stream' } } }, required: ['file'] } } },
    };
  }
  return op;
}

/** The OpenAPI document for a route list. */
export function openApiDocument(routes: RouteSpec[], config: ApiConfig, version = '0.1.0'): Json {
  const paths: Record<string, Json> = {};
  for (const spec of routes) {
    const path = spec.url.replace(/:(\w+)/g, '{$1}');
    paths[path] = { ...paths[path], [spec.method.toLowerCase()]: operation(spec, config) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'khcl',
      version,
      description: "Vietnamese schools' quality-improvement plans (KH) and reports (BC) as structured records: items, budgets, plan/report links.",
    },
    servers: [{ url: '/' }],
    tags: [{ name: 'documents' }, { name: 'items' }, { name: 'analysis' }, { name: 'meta' }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'a token whose SHA-256 is listed in KHCL_API_TOKENS' } },
      schemas: {
        Error: {
          type: 'object',
          required: ['error'],
          properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' } } } },
        },
      },
    },
  };
}
