/**
 * The REST API at each organisation's api_endpoint: `<base>/orgs/<orgkey>/api/` + `rest/<resource>`
 * `[/<id>[,<id>…]]`. Actionstep's endpoint is per cluster (`https://ap-southeast-2.actionstep.com/api/`,
 * resources under `/api/rest/…` in every OpenAPI example); the emulator gives each organisation
 * its own, so a token used at another organisation's endpoint is caught (401).
 *
 * In order: the organisation (404), the bearer token (401, `WWW-Authenticate: Bearer`), the
 * per-token rate limit (429), the resource and method (404, 405 with `Allow`; OPTIONS answers the
 * methods, as the API guide says), the media types (406/415 when `strictMediaTypes`: the docs say
 * every request "must include" `Accept` and `Content-Type: application/vnd.api+json`; a missing
 * Accept is let through), the token's scope (403), then the read or write. Paths are
 * case-sensitive ("The Actionstep API is case-sensitive", docs.actionstep.com/api-requests).
 *
 * @module
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { Books } from './books.js';
import { ALL_RESOURCES } from './books.js';
import { ActionstepEmulatorError, errorResponse } from './errors.js';
import { checkBearer, inScope } from './oauth.js';
import type { ReadAnswer, ReadContext } from './read.js';
import { readByIds, readCollection, recordsAnswer } from './read.js';
import type { Method, ResourceDef } from './schema.js';
import type { EmulatorServices } from './services.js';
import { createRecords, deleteRecords, updateRecord } from './write.js';

export interface EmulatorEnv {
  Bindings: HttpBindings;
  Variables: { orgkey: string; dropped: boolean };
}

export type EmulatorContext = Context<EmulatorEnv>;

export const VND = 'application/vnd.api+json';

const fail = (
  status: number,
  title: string,
  detail: string,
  headers: Record<string, string> = {},
): ActionstepEmulatorError =>
  new ActionstepEmulatorError(status, title, detail, undefined, headers);

/** The path after the api_endpoint, empty segments dropped ("…/api//rest/bills" works too). */
export function apiSegments(path: string): string[] | undefined {
  const m = /^\/orgs\/[^/]+\/api\/(.*)$/.exec(path);
  return m ? (m[1] ?? '').split('/').filter((s) => s.length > 0) : undefined;
}

/** The endpoint key of a request, for stats and fault rules: "GET /bills", "PUT /participants/{id}". */
export function endpointKey(method: string, path: string): string {
  const segments = apiSegments(path);
  if (!segments || segments[0] !== 'rest') return `${method} ${path}`;
  return `${method} /${segments[1] ?? ''}${segments.length > 2 ? '/{id}' : ''}`;
}

function served(services: EmulatorServices, name: string | undefined): ResourceDef | undefined {
  const def = name === undefined ? undefined : ALL_RESOURCES.get(name);
  return def && (def.documented || services.options.extensions) ? def : undefined;
}

function allowed(def: ResourceDef, hasId: boolean): Method[] {
  return def.methods.filter((m) => (hasId ? m !== 'POST' : m === 'GET' || m === 'POST'));
}

function checkMediaTypes(c: EmulatorContext, write: boolean): void {
  const accept = c.req.header('accept');
  if (accept && !/application\/vnd\.api\+json|\*\/\*|application\/\*/i.test(accept))
    throw fail(406, 'Not Acceptable', `Send Accept: ${VND}.`);
  const type = c.req.header('content-type') ?? '';
  if (write && !type.toLowerCase().startsWith(VND))
    throw fail(415, 'Unsupported Media Type', `Send Content-Type: ${VND}.`);
}

function answer(result: ReadAnswer, headers: Record<string, string> = {}): Response {
  if (result.status === 204) return new Response(null, { status: 204, headers });
  return new Response(JSON.stringify(result.body), {
    status: 200,
    headers: { 'content-type': VND, ...headers },
  });
}

async function readBody(c: EmulatorContext): Promise<unknown> {
  const text = await c.req.text();
  try {
    return text.trim() === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    throw fail(400, 'Bad Request', 'The body is not JSON.');
  }
}

async function execute(
  c: EmulatorContext,
  ctx: ReadContext,
  ids: string | undefined,
  params: URLSearchParams,
): Promise<Response> {
  const { books, def } = ctx;
  switch (c.req.method) {
    case 'GET':
      return answer(ids ? readByIds(ctx, ids, params) : readCollection(ctx, params));
    case 'POST':
      return answer(recordsAnswer(ctx, createRecords(books, def, await readBody(c))));
    case 'DELETE':
      deleteRecords(books, def, ids ?? '');
      return new Response(null, { status: 204 });
    default:
      return answer(recordsAnswer(ctx, [updateRecord(books, def, ids ?? '', await readBody(c))]));
  }
}

function admit(services: EmulatorServices, c: EmulatorContext, orgkey: string): string {
  const bearer = checkBearer(
    services.state.auth,
    services.clock,
    c.req.header('authorization'),
    orgkey,
  );
  if (!bearer.ok)
    throw fail(401, 'Unauthorized', bearer.detail, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  const retryAfter = services.limiter.admit(bearer.token);
  if (retryAfter !== undefined) {
    services.stats.rateLimited();
    throw fail(429, 'Too Many Requests', 'Rate limit exceeded.', {
      'retry-after': String(retryAfter),
    });
  }
  return bearer.token;
}

function resolveResource(
  services: EmulatorServices,
  c: EmulatorContext,
  segments: string[],
): ResourceDef {
  const def =
    segments[0] === 'rest' && segments.length <= 3 ? served(services, segments[1]) : undefined;
  if (!def) throw fail(404, 'Not Found', `No resource at ${c.req.path}.`);
  return def;
}

async function handle(
  services: EmulatorServices,
  c: EmulatorContext,
  books: Books,
): Promise<Response> {
  const orgkey = books.org.orgkey;
  const token = admit(services, c, orgkey);
  const segments = apiSegments(c.req.path) ?? [];
  const def = resolveResource(services, c, segments);
  const ids = segments[2];
  const methods = allowed(def, ids !== undefined);
  const allow = [...methods, 'OPTIONS'].join(', ');
  if (c.req.method === 'OPTIONS') return new Response(null, { status: 200, headers: { allow } });
  if (!methods.includes(c.req.method as Method))
    return errorResponse(fail(405, 'Method Not Allowed', `${c.req.method} is not allowed here.`), {
      allow,
    });
  if (services.options.strictMediaTypes)
    checkMediaTypes(c, c.req.method !== 'GET' && c.req.method !== 'DELETE');
  const record = services.state.auth.accessTokens.get(token);
  if (record && !inScope(record, def.name))
    throw fail(403, 'Forbidden', `The token's scope does not include '${def.name}'.`);
  const ctx: ReadContext = {
    books,
    def,
    endpoint: services.apiEndpoint(orgkey),
    options: services.options,
  };
  return execute(c, ctx, ids, new URL(c.req.url).searchParams);
}

/** The handler for everything under /orgs/:orgkey/api/. */
export function restHandler(services: EmulatorServices) {
  return async (c: EmulatorContext): Promise<Response> => {
    const orgkey = c.req.param('orgkey') ?? '';
    const books = services.books(orgkey);
    try {
      if (!books) throw fail(404, 'Not Found', `No organisation '${orgkey}' at this address.`);
      c.set('orgkey', orgkey);
      return await handle(services, c, books);
    } catch (error) {
      if (error instanceof ActionstepEmulatorError) return errorResponse(error);
      throw error;
    }
  };
}
