/**
 * `khcl serve [--port 3000] [--host 127.0.0.1]`: the HTTP API (src/api) until SIGTERM/SIGINT. It
 * listens on loopback unless told otherwise; writes need a token from KHCL_API_TOKENS.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { apiDepsOf, buildApi, loadApiConfig } from '../../api/index.js';
import { intParam } from '../../query/index.js';
import { loadConfig } from '../../config.js';
import { openRuntime } from '../../../workers/runtime.js';
import { parseOptions } from './query.js';

const ServeOptions = z.strictObject({
  port: intParam(0, 65_535),
  host: z.string().min(1).max(255),
});

/** Register `khcl serve`. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('serve the HTTP API (lists, aggregates, links, uploads, downloads; /openapi.json describes it)')
    .option('--port <port>', 'TCP port', '3000')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .action(async (opts: Record<string, unknown>) => {
      const { port, host } = parseOptions(ServeOptions, { port: opts.port, host: opts.host });
      const config = loadConfig();
      const apiConfig = loadApiConfig(process.env);
      const rt = await openRuntime(config);
      const app = await buildApi(apiDepsOf(rt), apiConfig, { logger: { level: 'info' }, inProcessWorker: { concurrency: config.worker.concurrency } });
      const stop = async () => {
        await app.close();
        await rt.close();
      };
      try {
        await app.listen({ port, host });
      } catch (e) {
        await stop();
        throw e;
      }
      if (apiConfig.tokenHashes.length === 0) process.stderr.write('khcl serve: no KHCL_API_TOKENS configured: uploads and re-extraction are refused\n');
      await new Promise<void>((resolve) => {
        const on = () => resolve();
        process.once('SIGTERM', on);
        process.once('SIGINT', on);
      });
      await stop();
    });
}
