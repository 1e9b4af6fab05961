/**
 * A route is data: method, path, access, zod schemas for its path, query and body, and a thin
 * handler. The same list registers the routes and writes the OpenAPI document (openapi.ts), so
 * what is validated is what is documented. Handlers receive parsed values only.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { describeIssues } from '../query/index.js';
import { authorize, type Access } from './auth.js';
import type { ApiConfig } from './config.js';
import { ApiError } from './errors.js';

/** What a handler receives: parsed path, query and body, and the raw request and reply. */
export interface HandlerInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A route as data (see the module comment). */
export interface RouteSpec<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  method: 'GET' | 'POST';
  /** Fastify path (`/documents/:id`). */
  url: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** A multipart/form-data upload (one or more `file` parts). */
  upload?: boolean;
  /** Media types of the success response (default JSON). */
  produces?: string[];
  /** Status of a success (default 200). */
  status?: number;
  /** Statuses besides 200/400/401/429/500 this route answers with, and why. */
  errors?: Record<number, string>;
  handler(input: HandlerInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** Declare a route (keeps the schema types flowing into the handler). */
export function route<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, Q, B>): RouteSpec {
  return spec as unknown as RouteSpec;
}

function parse<T extends z.ZodType>(schema: T | undefined, value: unknown, where: string): z.output<T> | undefined {
  if (!schema) return undefined;
  const r = schema.safeParse(value ?? {});
  if (!r.success) throw new ApiError('request.invalid', `invalid ${where}: ${describeIssues(r.error)}`);
  return r.data;
}

/** Register routes on an app: authorize, parse, call the handler, send what it returns. */
export function registerRoutes(app: FastifyInstance, routes: RouteSpec[], config: ApiConfig): void {
  for (const spec of routes) {
    app.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        authorize(request, spec.access, config);
        const input = {
          params: parse(spec.params, request.params, 'path'),
          query: parse(spec.query, request.query, 'query'),
          body: spec.upload ? undefined : parse(spec.body, request.body, 'body'),
          request,
          reply,
        };
        const result = await spec.handler(input);
        // A handler that streams has sent already and hands back the reply.
        if (result === reply) return reply;
        // A handler may set a status of its own (207 for a partly refused upload).
        if (spec.status && reply.statusCode === 200) void reply.status(spec.status);
        return result;
      },
    });
  }
}
