/**
 * The HTTP API as a Fastify app: plugins (rate limit, CORS when configured, multipart with the
 * upload limit), the one error shape, the routes, /openapi.json and /health. With the in-process
 * queue (no REDIS_URL) the app also runs the workers' job handlers itself, as `khcl import` does,
 * so an upload is processed by this process; with BullMQ, `khcl worker` processes do it.
 */
import cors from '@fastify/cors';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { jobHandlers } from '../../workers/jobs.js';
import type { ApiConfig } from './config.js';
import type { ApiDeps } from './deps.js';
import { ApiError, handleError } from './errors.js';
import { openApiDocument } from './openapi.js';
import { registerRoutes, route, type RouteSpec } from './route.js';
import { analysisRoutes } from './routes/analysis.js';
import { documentRoutes } from './routes/documents.js';
import { itemRoutes } from './routes/items.js';
import { writeRoutes } from './routes/writes.js';

/** How the app runs (logging, the in-process worker), as opposed to what it allows (ApiConfig). */
export interface ApiOptions {
  logger?: FastifyServerOptions['logger'];
  /** Jobs processed at once by the in-process worker (memory queue only); false: none. */
  inProcessWorker?: { concurrency: number } | false;
}

/** Every route of the API. */
export function apiRoutes(deps: ApiDeps, config: ApiConfig): RouteSpec[] {
  const routes = [...documentRoutes(deps, config), ...itemRoutes(deps, config), ...analysisRoutes(deps), ...writeRoutes(deps, config)];
  let openapi: unknown;
  const meta: RouteSpec[] = [
    route({ method: 'GET', url: '/health', tag: 'meta', summary: 'Liveness', access: 'read', handler: async () => ({ ok: true }) }),
    route({
      method: 'GET',
      url: '/openapi.json',
      tag: 'meta',
      summary: 'This description (OpenAPI 3.1)',
      access: 'read',
      handler: async (): Promise<unknown> => (openapi ??= openApiDocument(all, config)),
    }),
  ];
  const all: RouteSpec[] = [...routes, ...meta];
  return all;
}

/** Build the app (not listening yet: call `listen`, or `inject` in tests). */
export async function buildApi(deps: ApiDeps, config: ApiConfig, options: ApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, trustProxy: config.trustProxy, bodyLimit: 1024 * 1024 });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void reply.status(404).send({ error: { code: 'not.found', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
  if (config.rateLimitPerMinute > 0) {
    await app.register(rateLimit, {
      max: config.rateLimitPerMinute,
      timeWindow: 60_000,
      errorResponseBuilder: (_request, ctx) => new ApiError('rate.limited', `too many requests: at most ${ctx.max} a minute from one address; retry in ${ctx.after}`),
    });
  }
  if (config.corsOrigins.length > 0) {
    await app.register(cors, { origin: config.corsOrigins.includes('*') ? '*' : config.corsOrigins, methods: ['GET', 'POST'] });
  }
  // A part above fileSize is cut (file.truncated), not thrown: the upload answers for it alone and
  // goes on with the next part (src/api/routes/writes.ts).
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: config.maxUploadBytes, files: 20, fields: 20, parts: 40, fieldSize: 64 * 1024 },
  });
  registerRoutes(app, apiRoutes(deps, config), config);
  await app.register((await import('./routes/web.js')).webRoutes); // the web page (web/) at /

  if (deps.queue.backend === 'memory' && options.inProcessWorker !== false) {
    const worker = deps.queue.work(jobHandlers(deps.pipeline, deps.queue, deps.db), { concurrency: options.inProcessWorker?.concurrency ?? 2 });
    app.addHook('onClose', async () => worker.close());
  }
  return app;
}
