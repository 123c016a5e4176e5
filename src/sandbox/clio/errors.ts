/**
 * Refusals, and their wire form. Clio documents the statuses (400 for an invalid field, 401, 403,
 * 404, 410 for a retired API version, 412 for a stale `If-Match`, 429) but not the body of an
 * error answer; the emulator answers `{"error": {"type": "...", "message": "..."}}` — an
 * assumption listed in docs/clio-emulator.md.
 *
 * @module
 */

export class ClioEmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** Headers the answer carries (Retry-After, WWW-Authenticate, rate-limit headers). */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ClioEmulatorError';
  }
}

export const badRequest = (message: string): ClioEmulatorError =>
  new ClioEmulatorError(400, 'BadRequest', message);

export const notFound = (message: string): ClioEmulatorError =>
  new ClioEmulatorError(404, 'RecordNotFound', message);

export const unprocessable = (message: string): ClioEmulatorError =>
  new ClioEmulatorError(422, 'UnprocessableEntity', message);

/** An error answer as a Response. */
export function errorResponse(
  error: ClioEmulatorError,
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ error: { type: error.type, message: error.message } }), {
    status: error.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...error.headers, ...headers },
  });
}
