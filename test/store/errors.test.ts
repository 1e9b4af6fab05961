/**
 * Connection-class failures become `store.unavailable`, whatever wraps them; everything else
 * stays what it was. Errors are built in the shapes postgres.js and drizzle give them
 * (node_modules/postgres/src/errors.js, node_modules/drizzle-orm/errors.js).
 */
import { DrizzleQueryError } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { ERROR_CODES, KhclError, toKhclError } from '../../src/errors.js';
import { asStoreError, connectionFailure, endpointOf, storeUnavailable } from '../../src/store/index.js';

/** postgres.js's `Errors.connection(code, options, socket)`. */
const driverConnection = (code: string, host = '127.0.0.1', port = 5432) =>
  Object.assign(new Error(`write ${code} ${host}:${port}`), { code, errno: code, address: host, port });
/** A node:net socket error. */
const socketError = (code: string, host = '127.0.0.1', port = 5432) =>
  Object.assign(new Error(`connect ${code} ${host}:${port}`), { code, errno: -111, syscall: 'connect', address: host, port });
/** A server error as postgres.js raises it (`new PostgresError(fields)`). */
const serverError = (code: string, message: string) =>
  new postgres.PostgresError({ severity: 'FATAL', code, message } as never);
/** What drizzle throws for a failing query: the driver's error is the cause. */
const failedQuery = (cause: unknown) => new DrizzleQueryError('select "id" from "documents" where "id" = $1', [7], cause as Error);

describe('asStoreError', () => {
  it.each([
    ['ECONNREFUSED', socketError('ECONNREFUSED', '127.0.0.1', 1)],
    ['ECONNRESET', socketError('ECONNRESET')],
    ['ENOTFOUND', socketError('ENOTFOUND', 'db.invalid')],
    ['CONNECTION_CLOSED', driverConnection('CONNECTION_CLOSED')],
    ['CONNECTION_ENDED', driverConnection('CONNECTION_ENDED')],
    ['CONNECTION_DESTROYED', driverConnection('CONNECTION_DESTROYED')],
    ['CONNECT_TIMEOUT', driverConnection('CONNECT_TIMEOUT')],
    ['57P01 admin_shutdown', serverError('57P01', 'terminating connection due to administrator command')],
    ['57P02 crash_shutdown', serverError('57P02', 'terminating connection because of crash of another server process')],
    ['57P03 cannot_connect_now', serverError('57P03', 'the database system is starting up')],
    ['08006 connection_failure', serverError('08006', 'connection failure')],
    ['08P01 protocol_violation', serverError('08P01', 'protocol violation')],
    ['53300 too_many_connections', serverError('53300', 'sorry, too many clients already')],
    ['"Connection terminated" without a code', new Error('Connection terminated unexpectedly')],
    ['an AggregateError of refused addresses', Object.assign(new AggregateError([socketError('ECONNREFUSED', '::1'), socketError('ECONNREFUSED')]), { code: 'ECONNREFUSED' })],
  ])('%s, bare or inside DrizzleQueryError, is store.unavailable', (_name, driverError) => {
    for (const thrown of [driverError, failedQuery(driverError)]) {
      const e = asStoreError(thrown, 'db.example:5432');
      expect(e).toBeInstanceOf(KhclError);
      expect(e).toMatchObject({ code: 'store.unavailable', retryable: true, cause: thrown });
      const message = (e as KhclError).message;
      expect(message).toMatch(/^the database at db\.example:5432 is not reachable \(.+\); start PostgreSQL or check DATABASE_URL$/);
      expect(message).not.toContain('Failed query');
      expect(message).not.toContain('select "id"');
    }
  });

  it('says what the driver said, once, and where from the error when no endpoint is given', () => {
    expect((asStoreError(failedQuery(serverError('57P01', 'terminating connection due to administrator command'))) as Error).message).toBe(
      'the database is not reachable (57P01: terminating connection due to administrator command); start PostgreSQL or check DATABASE_URL',
    );
    expect((asStoreError(socketError('ECONNREFUSED', '10.0.0.9', 6543)) as Error).message).toBe(
      'the database at 10.0.0.9:6543 is not reachable (connect ECONNREFUSED 10.0.0.9:6543); start PostgreSQL or check DATABASE_URL',
    );
  });

  it.each([
    ['a unique violation', failedQuery(serverError('23505', 'duplicate key value violates unique constraint "documents_sha256_unique"'))],
    ['a syntax error', failedQuery(serverError('42601', 'syntax error at or near "selec"'))],
    ['bad input that quotes "connection terminated"', failedQuery(serverError('22P02', 'connection terminated: invalid input syntax for type integer'))],
    ['a statement timeout', failedQuery(serverError('57014', 'canceling statement due to statement timeout'))],
    ['a postgres.js usage error', Object.assign(new Error('UNDEFINED_VALUE: Undefined values are not allowed'), { code: 'UNDEFINED_VALUE' })],
    ['a bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a string', 'boom'],
    ['another KhclError', new KhclError('file.corrupt')],
  ])('leaves %s as it is', (_name, thrown) => {
    expect(asStoreError(thrown, 'db.example:5432')).toBe(thrown);
    expect(connectionFailure(thrown)).toBeUndefined();
  });

  it('leaves an existing store.unavailable as it is', () => {
    const e = storeUnavailable(socketError('ECONNREFUSED'), 'a:1');
    expect(asStoreError(e, 'b:2')).toBe(e);
  });

  it('maps to a retry, HTTP 503 and exit code 3 through the one table', () => {
    const e = toKhclError(asStoreError(failedQuery(driverConnection('CONNECTION_CLOSED'))));
    expect(e.code).toBe('store.unavailable');
    expect(e.retryable).toBe(true);
    expect(ERROR_CODES[e.code]).toMatchObject({ retryable: true, http: 503, exit: 3 });
  });
});

describe('endpointOf', () => {
  it.each([
    ['postgres://khcl:s3cret@db.example:6543/khcl?sslmode=require', 'db.example:6543'],
    ['postgresql://khcl@127.0.0.1/test', '127.0.0.1:5432'],
    ['postgres://khcl:s3cret@h1:5432,h2:5433/khcl', 'h1:5432,h2:5433'],
    ['postgres:///khcl?host=/var/run/postgresql', '/var/run/postgresql'],
  ])('%s → %s, never the password', (url, endpoint) => {
    expect(endpointOf(url)).toBe(endpoint);
  });
});
