/**
 * Every API failure answers `{code, message, fix}` with the catalogue's httpStatus
 * (src/errors/catalogue.ts), so a script handles the API's errors as it handles the CLI's.
 *
 * @module
 */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import { asLedgerbridgeError, LedgerbridgeError } from '../errors/ledgerbridge-error.js';

export const ApiErrorSchema = z
  .object({
    code: z.string().describe('A stable code from the error catalogue, e.g. LB_USAGE'),
    message: z.string(),
    fix: z.string().describe('What to do about it'),
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .meta({ id: 'ApiError' });

export function answerError(c: Context, error: unknown): Response {
  const e = asLedgerbridgeError(error);
  const details = Object.keys(e.details).length > 0 ? { details: e.details } : {};
  // An unexpected fault's own message may carry internals: users get the catalogue's words.
  const message = e.code === 'LB_INTERNAL' ? 'Something went wrong on the server.' : e.message;
  return c.json(
    { code: e.code, message, fix: e.fix, ...details },
    e.httpStatus as ContentfulStatusCode,
  );
}

/** A request zod refused, naming the first field and what was wrong with it. */
export function invalidRequest(
  part: string,
  issues: readonly z.core.$ZodIssue[],
): LedgerbridgeError {
  const first = issues[0];
  const field = first && first.path.length > 0 ? first.path.join('.') : part;
  return new LedgerbridgeError(
    'LB_USAGE',
    `Invalid ${part} "${field}": ${first?.message ?? 'invalid'}`,
    {
      fix: 'See /api/openapi.json for what this route accepts.',
      details: {
        part,
        field,
        issues: issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      },
    },
  );
}

export function notFound(what: string, id: string): LedgerbridgeError {
  return new LedgerbridgeError('LB_API_NOT_FOUND', `No ${what} "${id}"`, {
    details: { [what]: id },
  });
}
