/** A LedgerbridgeError as the HTTP answer: its catalogue status, code, message and fix. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/catalogue.js';
import { asLedgerbridgeError } from '../errors/ledgerbridge-error.js';

export function errorJson(c: Context, code: ErrorCode, message: string): Response {
  const { httpStatus, fix } = ERROR_CATALOGUE[code];
  return c.json({ code, message, fix }, httpStatus as ContentfulStatusCode);
}

export function errorResponse(c: Context, error: unknown): Response {
  const e = asLedgerbridgeError(error);
  return c.json(
    { code: e.code, message: e.message, fix: e.fix },
    e.httpStatus as ContentfulStatusCode,
  );
}
