/** The HTTP API: build it with {@link buildApi} over a runtime's parts and an {@link ApiConfig}. */
export { buildApi, apiRoutes, type ApiOptions } from './server.js';
export { loadApiConfig, type ApiConfig } from './config.js';
export { apiDepsOf, type ApiDeps } from './deps.js';
export { tokenHash } from './auth.js';
export { openApiDocument } from './openapi.js';
