/**
 * The database being down is not a bug: a connection-class failure of PostgreSQL (refused,
 * dropped, shutting down, starting up, timed out) becomes the retryable `store.unavailable`,
 * naming where the database was expected. Everything else (constraint violations, bad SQL, our
 * bugs) stays the error it was. Applied once, to the Db that {@link openStore} returns
 * ({@link guardDb}), so the pipeline, the queries, the API and the CLI all see the same error.
 */
import { KhclError } from '../errors.js';
import type { Db } from './db.js';

/** SQLSTATEs that mean "no usable connection": class 08, admin/crash shutdown, cannot connect now, too many connections, no such database, bad credentials. */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300|3D000|28000|28P01)$/;
/** postgres.js's own connection errors (node_modules/postgres/src/errors.js `connection`). */
const DRIVER_CODES = new Set(['CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED', 'CONNECT_TIMEOUT']);
/** Socket and name-resolution failures from node:net / node:dns. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'EHOSTDOWN',
  'ENETUNREACH', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'EADDRNOTAVAIL',
]);
/** For driver errors that carry no code (node-postgres style). */
const MESSAGES = /^(connection terminated|terminating connection|server closed the connection)/i;

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  cause?: unknown;
  errors?: unknown;
  address?: unknown;
  port?: unknown;
}

/**
 * The connection-class failure inside `e`, if there is one: `e` itself, or along its `cause`
 * chain (drizzle's DrizzleQueryError carries the driver's error as `cause`), or inside an
 * AggregateError (a host name resolving to several addresses).
 */
export function connectionFailure(e: unknown, depth = 0): ErrorLike | undefined {
  if (typeof e !== 'object' || e === null || depth > 5 || e instanceof KhclError) return undefined;
  const err = e as ErrorLike;
  if (typeof err.code === 'string') {
    if (DRIVER_CODES.has(err.code) || SOCKET_CODES.has(err.code) || SQLSTATE.test(err.code)) return err;
  } else if (err.cause === undefined && typeof err.message === 'string' && MESSAGES.test(err.message)) {
    return err;
  }
  if (Array.isArray(err.errors)) {
    for (const inner of err.errors) {
      const found = connectionFailure(inner, depth + 1);
      if (found) return found;
    }
  }
  return connectionFailure(err.cause, depth + 1);
}

/** `host:port` of a PostgreSQL URL, never its user or password (undefined when it does not parse). */
export function endpointOf(url: string): string | undefined {
  try {
    const u = new URL(url);
    const socket = u.searchParams.get('host');
    if (!u.hostname && socket) return socket;
    return `${u.hostname || 'localhost'}:${u.port || '5432'}`;
  } catch {
    // postgres.js also takes several hosts (`h1:5432,h2:5432`), which URL rejects.
    const m = /^[a-z]+:\/\/(?:[^@/]*@)?([^/?#]+)/i.exec(url.trim());
    return m?.[1];
  }
}

/** The `store.unavailable` error for a failure, whatever it was. */
export function storeUnavailable(cause: unknown, endpoint?: string): KhclError {
  const found = connectionFailure(cause) ?? (cause as ErrorLike | null) ?? {};
  const where = endpoint ?? (typeof found.address === 'string' && found.port !== undefined ? `${found.address}:${String(found.port)}` : undefined);
  const reason = reasonOf(found);
  return new KhclError(
    'store.unavailable',
    `the database${where ? ` at ${where}` : ''} is not reachable${reason ? ` (${reason})` : ''}; start PostgreSQL or check DATABASE_URL`,
    { cause, details: where ? { endpoint: where } : undefined },
  );
}

/** Connection-class failures as `store.unavailable`; any other value is returned unchanged. */
export function asStoreError(cause: unknown, endpoint?: string): unknown {
  return connectionFailure(cause) ? storeUnavailable(cause, endpoint) : cause;
}

function reasonOf(e: ErrorLike): string {
  const message = typeof e.message === 'string' ? e.message.split('\n')[0].trim() : '';
  const code = typeof e.code === 'string' ? e.code : '';
  if (!message) return code;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

/**
 * The Db with every query's failure passed through {@link asStoreError}. Builders, `execute` and
 * transactions all reach the database through the Db's session (`prepareQuery`, `transaction`),
 * so that is where the guard sits; a query failing inside a transaction fails the transaction,
 * whose promise is guarded. (drizzle's relational `db.query.*` keeps its own session and is not
 * guarded; the project does not use it.)
 */
export function guardDb(db: Db, endpoint?: string): Db {
  const rethrow = (e: unknown): never => {
    throw asStoreError(e, endpoint);
  };
  const settled = (value: unknown): unknown => (value instanceof Promise ? value.catch(rethrow) : value);
  const prepared = (query: unknown): unknown => (typeof query === 'object' && query !== null ? wrap(query, { execute: settled, all: settled }) : query);
  const session = wrap(db._.session, { prepareQuery: prepared, transaction: settled });
  return new Proxy(db, { get: (t, prop, receiver) => (prop === 'session' ? session : Reflect.get(t, prop, receiver)) });

  /** `target` with the named methods' results passed through their wrapper (and sync throws rethrown). */
  function wrap<T extends object>(target: T, methods: Record<string, (result: unknown) => unknown>): T {
    return new Proxy(target, {
      get(t, prop, receiver) {
        const value = Reflect.get(t, prop, receiver) as unknown;
        const after = typeof prop === 'string' && Object.hasOwn(methods, prop) ? methods[prop] : undefined;
        if (!after || typeof value !== 'function') return value;
        return function (this: unknown, ...args: unknown[]) {
          try {
            return after(Reflect.apply(value, this, args));
          } catch (e) {
            return rethrow(e);
          }
        };
      },
    });
  }
}
