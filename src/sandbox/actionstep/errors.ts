/**
 * Refusals, and their wire form. Actionstep's legacy API guide says an error answer carries one
 * top-level object, `errors` (actionstep.atlassian.net/wiki/spaces/API/pages/12025906/Responses),
 * and lists the HTTP statuses it uses (…/13140251/Error+Codes); the members of each error object
 * are not published, so `status`, `title`, `detail` and `source.pointer` (JSON:API's) are the
 * emulator's choice — an assumption in docs/actionstep-emulator.md.
 *
 * @module
 */

export class ActionstepEmulatorError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail: string,
    readonly pointer?: string,
    /** Headers the answer carries (Retry-After, WWW-Authenticate). */
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
    this.name = 'ActionstepEmulatorError';
  }
}

export const badRequest = (detail: string, pointer?: string): ActionstepEmulatorError =>
  new ActionstepEmulatorError(400, 'Bad Request', detail, pointer);

export const notFound = (detail: string): ActionstepEmulatorError =>
  new ActionstepEmulatorError(404, 'Not Found', detail);

/** The body of an error answer. */
export function errorBody(
  status: number,
  title: string,
  detail: string,
  pointer?: string,
): { errors: unknown[] } {
  return {
    errors: [{ status, title, detail, ...(pointer ? { source: { pointer } } : {}) }],
  };
}

/** An error answer as a Response, in Actionstep's media type. */
export function errorResponse(
  error: ActionstepEmulatorError,
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify(errorBody(error.status, error.title, error.message, error.pointer)),
    {
      status: error.status,
      headers: { 'content-type': 'application/vnd.api+json', ...error.headers, ...headers },
    },
  );
}
