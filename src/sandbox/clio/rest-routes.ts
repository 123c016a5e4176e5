/**
 * The API at `/<region>/api/v4/<resource>[/<id>].json` (the `.json` suffix optional, as Clio's
 * docs show both). In order: the bearer token (401 with `WWW-Authenticate`; a token is valid in
 * its own region only), the per-token rate limit (429 with `Retry-After`; the `X-RateLimit-*`
 * headers ride on every answer after it), the `X-API-VERSION` header (a version Clio does not
 * serve is 410 Gone; the version used is echoed), the resource and method (404, 405), then the
 * read or write.
 *
 * @module
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import { ClioEmulatorError, badRequest, errorResponse, notFound } from './errors.js';
import type { FirmBooks } from './firm.js';
import { checkBearer } from './oauth.js';
import type { ReadContext } from './read.js';
import { lastModified, notModified, readIndex, readOne } from './read.js';
import type { Region } from './regions.js';
import { isRegion } from './regions.js';
import type { ResourceDef } from './schema.js';
import { RESOURCES } from './schema.js';
import type { EmulatorServices } from './services.js';
import type { TokenRecord } from './oauth.js';
import { runWrite } from './write.js';

export interface EmulatorEnv {
  Bindings: HttpBindings;
  Variables: { firmId: number; dropped: boolean };
}

export type EmulatorContext = Context<EmulatorEnv>;

/** X-API-VERSION values served (4.0.4 made quantities seconds; 4.0.9 is Clio's default). */
export const API_VERSIONS: readonly string[] = Array.from({ length: 9 }, (_, i) => `4.0.${i + 4}`);
export const DEFAULT_API_VERSION = '4.0.9';

/** The path after /<region>/api/v4/, without the .json suffix, empty segments dropped. */
export function apiSegments(path: string): string[] | undefined {
  const m = /^\/[a-z]{2}\/api\/v4\/(.*)$/.exec(path);
  if (!m) return undefined;
  return (m[1] ?? '')
    .replace(/\.json$/, '')
    .split('/')
    .filter((s) => s.length > 0);
}

/** The endpoint key of a request, for stats and fault rules: "GET /bills", "PATCH /contacts/{id}". */
export function endpointKey(method: string, path: string): string {
  const segments = apiSegments(path);
  if (!segments) return `${method} ${path.replace(/^\/[a-z]{2}\//, '/')}`;
  return `${method} /${segments[0] ?? ''}${segments.length > 1 ? '/{id}' : ''}`;
}

const fail = (status: number, type: string, message: string, headers = {}) =>
  new ClioEmulatorError(status, type, message, headers);

function admit(services: EmulatorServices, c: EmulatorContext, region: Region): TokenRecord {
  const bearer = checkBearer(
    services.state.auth,
    services.clock,
    c.req.header('authorization'),
    region,
  );
  if (!bearer.ok)
    throw fail(401, 'Unauthorized', bearer.detail, {
      'www-authenticate': 'Bearer error="invalid_token"',
    });
  return bearer.record;
}

function apiVersion(c: EmulatorContext): string {
  const asked = c.req.header('x-api-version');
  if (asked === undefined) return DEFAULT_API_VERSION;
  if (!API_VERSIONS.includes(asked))
    throw fail(410, 'Gone', `X-API-VERSION ${asked} is not a served version of API v4.`);
  return asked;
}

function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

function readSingle(c: EmulatorContext, ctx: ReadContext, id: number): Response {
  const row = ctx.books.require(ctx.def.name, id);
  const headers = { etag: String(row.etag), 'last-modified': lastModified(row) };
  if (notModified(row, c.req.header('if-none-match'), c.req.header('if-modified-since')))
    return new Response(null, { status: 304, headers });
  return json(readOne(ctx, row), 200, headers);
}

function resolve(segments: string[]): { def: ResourceDef; id?: number } {
  const def = RESOURCES.get(segments[0] ?? '');
  if (!def || segments.length > 2) throw notFound(`No API resource at /${segments.join('/')}.`);
  const idText = segments[1];
  if (idText === undefined) return { def };
  if (!/^\d+$/.test(idText)) throw notFound(`No ${def.name} record with id ${idText}.`);
  return { def, id: Number(idText) };
}

async function route(
  services: EmulatorServices,
  c: EmulatorContext,
  books: FirmBooks,
  token: TokenRecord,
  segments: string[],
): Promise<Response> {
  const url = new URL(c.req.url);
  if (segments.join('/') === 'users/who_am_i') {
    const me = books.require('users', books.firm.settings.user ?? 0);
    return json(readOne({ books, def: RESOURCES.get('users') as ResourceDef, url }, me));
  }
  const { def, id } = resolve(segments);
  const method = c.req.method as ResourceDef['methods'][number];
  const allowed = def.methods.filter((m) =>
    id === undefined ? m === 'GET' || m === 'POST' : m !== 'POST',
  );
  if (!allowed.includes(method))
    throw fail(405, 'MethodNotAllowed', `${c.req.method} is not allowed on ${def.name}.`, {
      allow: allowed.join(', '),
    });
  const ctx: ReadContext = { books, def, url };
  if (method === 'GET') return id === undefined ? json(readIndex(ctx)) : readSingle(c, ctx, id);
  let body: unknown;
  if (method !== 'DELETE') {
    const text = await c.req.text();
    try {
      body = text.trim() === '' ? undefined : JSON.parse(text);
    } catch {
      throw badRequest('The body is not JSON.');
    }
  }
  const written = runWrite(
    { books, def, method, id, body, ifMatch: c.req.header('if-match'), token },
    (hook) => services.webhooks.handshake(hook),
  );
  if (!written) return new Response(null, { status: 204 });
  return json(readOne(ctx, written.row), written.created ? 201 : 200, {
    etag: String(written.row.etag),
  });
}

/** The handler for everything under /<region>/api/v4/. */
export function restHandler(services: EmulatorServices) {
  return async (c: EmulatorContext): Promise<Response> => {
    let headers: Record<string, string> = {};
    try {
      const region = c.req.param('region');
      if (!isRegion(region)) throw notFound(`No Clio region '${region ?? ''}'.`);
      const token = admit(services, c, region);
      c.set('firmId', token.firmId);
      const admission = services.limiter.admit(c.req.header('authorization') ?? '');
      headers = admission.headers;
      if (!admission.admitted) {
        services.stats.rateLimited();
        throw fail(429, 'RateLimited', 'Too many requests for this access token.');
      }
      const version = apiVersion(c);
      headers = { ...headers, 'x-api-version': version };
      const books = services.books(token.firmId);
      if (!books) throw fail(401, 'Unauthorized', 'The firm of this token no longer exists.');
      const answer = await route(services, c, books, token, apiSegments(c.req.path) ?? []);
      for (const [k, v] of Object.entries(headers)) answer.headers.set(k, v);
      return answer;
    } catch (error) {
      if (error instanceof ClioEmulatorError) return errorResponse(error, headers);
      throw error;
    }
  };
}
