/**
 * Errors as JSON, `{ error: { code, message } }`, with the status from one place, the table in
 * src/errors.ts: the API's own failures (a bad parameter, a missing token, an unknown id, too many
 * requests) are {@link ApiError}s, KhclErrors with the request codes of that table.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isKhclError, KhclError, type ErrorCode } from '../errors.js';
import { langOf, localize, type Lang } from '../messages.js';

/**
 * The language a request's messages are answered in: Vietnamese when its Accept-Language prefers
 * vi (the page always asks so), English otherwise; codes are the same in both.
 */
export function requestLang(request: FastifyRequest): Lang {
  return langOf(request.headers['accept-language']);
}

/** The codes of a failure of the request itself. */
export type ApiErrorCode = Extract<ErrorCode, 'request.invalid' | 'auth.required' | 'not.found' | 'document.no_layout' | 'rate.limited'>;

/** A failure of the request itself, with its code and (from the table) its status. */
export class ApiError extends KhclError {
  override name = 'ApiError';
  declare readonly code: ApiErrorCode;
  readonly statusCode: number;
  constructor(code: ApiErrorCode, message: string) {
    super(code, message);
    this.statusCode = ERROR_CODES[code].http;
  }
}

/** The one error shape. */
export interface ErrorBody {
  error: { code: string; message: string };
}

/** Framework errors by their status: the request's fault, said in the request's terms. */
function frameworkCode(status: number): ErrorCode {
  if (status === 413) return 'file.too_large';
  if (status === 415 || status === 406) return 'request.unsupported_media_type';
  if (status === 429) return 'rate.limited';
  if (status === 404) return 'not.found';
  return 'request.invalid';
}

/** The status and body for any thrown value. Internal errors never leak their message. */
export function errorResponse(e: unknown): { status: number; body: ErrorBody } {
  if (e instanceof ApiError) return { status: e.statusCode, body: { error: { code: e.code, message: e.message } } };
  if (isKhclError(e)) {
    const status = ERROR_CODES[e.code].http;
    const message = status >= 500 && e.code === 'internal' ? 'internal error' : e.message;
    return { status, body: { error: { code: e.code, message } } };
  }
  const status = (e as FastifyError | null)?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return { status, body: { error: { code: frameworkCode(status), message: (e as Error).message } } };
  }
  return { status: 500, body: { error: { code: 'internal', message: 'internal error' } } };
}

/** Fastify's error handler: log what is ours to fix, answer in the one error shape, in the request's language. */
export function handleError(e: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): void {
  const { status, body } = errorResponse(e);
  if (status >= 500) request.log.error({ err: e }, 'request failed');
  body.error.message = localize(body.error.code, body.error.message, requestLang(request));
  void reply.status(status).send(body);
}
