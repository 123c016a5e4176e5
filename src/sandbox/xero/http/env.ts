/**
 * The Hono environment of the sandbox's routes, and helpers every route uses.
 *
 * @module
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ApiAnswer } from '../accounting/batch.js';

export interface SandboxVariables {
  /** The organisation of an API call, once authenticated. */
  tenantId: string;
  /** The app (OAuth client) making an API call. */
  clientId: string;
  /** Set when the connection was destroyed on purpose (a "drop" fault). */
  dropped: boolean;
}

export interface SandboxEnv {
  Bindings: HttpBindings;
  Variables: SandboxVariables;
}

export type SandboxContext = Context<SandboxEnv>;

const API_PREFIX = '/api.xro/2.0/';
/** Path segments that name a sub-resource rather than a document id. */
const SUB_RESOURCES = new Set(['Actions', 'Allocations', 'History', 'Options']);

/**
 * The endpoint key of a request, for stats and fault rules: ids become `{id}`, e.g.
 * `PUT /Invoices`, `POST /Payments/{id}`, `PUT /CreditNotes/{id}/Allocations`,
 * `POST /connect/token`, `DELETE /connections/{id}`.
 */
export function endpointKey(method: string, path: string): string {
  if (path.startsWith(API_PREFIX)) {
    const parts = path
      .slice(API_PREFIX.length)
      .split('/')
      .filter((p) => p.length > 0);
    const key = parts.map((p, i) => (i % 2 === 1 && !SUB_RESOURCES.has(p) ? '{id}' : p)).join('/');
    return `${method} /${key}`;
  }
  if (path.startsWith('/connections/')) return `${method} /connections/{id}`;
  return `${method} ${path}`;
}

/** A JSON answer as a Response. */
export function send(
  answer: { status: number; body: unknown },
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** Xero's 404 for a document that does not exist. */
export function notFound(): Response {
  return new Response("The resource you're looking for cannot be found", {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
  });
}

/** Parses a JSON request body; undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

/** Xero's answer to a body it cannot read (ErrorNumber 14, seen in `foxbytehq/laravel-xero-oauth2#2`). */
export function postDataInvalid(): ApiAnswer {
  return {
    status: 400,
    body: {
      ErrorNumber: 14,
      Type: 'PostDataInvalidException',
      Message: 'JSON for post data was invalid, could not be read.',
    },
  };
}
