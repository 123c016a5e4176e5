/**
 * Cliniko's REST API as the emulator serves it under `/v1` (reference/pms-apis.md §1.2–1.3):
 *
 * - Auth: HTTP Basic, the API key as user name and an empty password. A key ends in `-<shard>`
 *   (no suffix: au1); a key of another shard is refused with 401, as Cliniko refuses a request
 *   sent to the wrong shard. A revoked key: 401.
 * - `User-Agent: NAME (EMAIL)` is required ("requests without one may be automatically blocked"):
 *   without it, 403.
 * - 200 requests a minute per user: then 429 with `X-RateLimit-Reset` (UNIX seconds).
 * - Reads only (invoices and their items are read-only in Cliniko): lists with q[] filters, sort,
 *   paging (query.ts), one record, `/<resource>/deleted`, `/patients/archived`,
 *   `/invoices/:id/invoice_items`.
 *
 * @module
 */
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { FaultDecision } from '../actionstep/traffic.js';
import { list } from './query.js';
import { renderDeleted, renderList, renderRecord } from './render.js';
import type { ClinikoServices } from './services.js';
import { ClinikoEmulatorError, RESOURCES, type ApiUser, type ResourceName } from './state.js';

type Env = { Variables: { user: ApiUser } };

const USER_AGENT = /^.+ \([^()\s]+@[^()\s]+\)$/;

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });

const refusal = (e: ClinikoEmulatorError, headers: Record<string, string> = {}) =>
  json({ message: e.message }, e.status, headers);

/** The key's user, or why it is refused. */
function authenticate(s: ClinikoServices, header: string | undefined): ApiUser {
  const basic = /^Basic\s+(.+)$/i.exec(header ?? '')?.[1];
  const [key = ''] = Buffer.from(basic ?? '', 'base64')
    .toString('utf8')
    .split(':');
  const shard = /-([a-z]{2}\d{1,2})$/i.exec(key)?.[1]?.toLowerCase() ?? 'au1';
  const user = s.state.keys.get(key.replace(/-[a-z]{2}\d{1,2}$/i, ''));
  if (!basic || !user || user.revoked || shard !== s.state.shard)
    throw new ClinikoEmulatorError(401, 'Unauthorized: the API key is not valid for this shard.');
  return user;
}

function faultAnswer(d: FaultDecision, s: ClinikoServices): Response {
  if (d.kind === 'http429') {
    const reset = Math.ceil(s.clock.now() / 1000) + d.retryAfterSeconds;
    return json({ message: 'Too Many Requests' }, 429, { 'x-ratelimit-reset': String(reset) });
  }
  return json({ message: 'Injected fault' }, d.kind === 'http503' ? 503 : 500);
}

function gate(s: ClinikoServices): MiddlewareHandler<Env> {
  return async (c, next) => {
    const endpoint = endpointKey(c.req.path);
    const decision = s.faults.decide(endpoint, false);
    if (decision) {
      s.stats.fault(decision.kind);
      return record(s, endpoint, faultAnswer(decision, s));
    }
    try {
      c.set('user', authenticate(s, c.req.header('authorization')));
      if (!USER_AGENT.test(c.req.header('user-agent') ?? ''))
        throw new ClinikoEmulatorError(
          403,
          'Forbidden: send a User-Agent of the form "APP_NAME (EMAIL)".',
        );
    } catch (e) {
      return record(s, endpoint, refusal(e as ClinikoEmulatorError));
    }
    const wait = s.limiter.admit(c.get('user').id);
    if (wait !== undefined) {
      s.stats.rateLimited();
      const reset = String(Math.ceil(s.clock.now() / 1000) + wait);
      return record(
        s,
        endpoint,
        json({ message: 'Too Many Requests' }, 429, { 'x-ratelimit-reset': reset }),
      );
    }
    await next();
    // Cliniko's own clock, as clients read it for watermarks: the emulator's clock, not the host's.
    c.res.headers.set('date', new Date(s.clock.now()).toUTCString());
    s.stats.call(endpoint, c.res.status, undefined);
  };
}

function record(s: ClinikoServices, endpoint: string, response: Response): Response {
  s.stats.call(endpoint, response.status, undefined);
  return response;
}

/** "GET /invoices", "GET /invoices/{id}", "GET /invoices/deleted": what faults and stats key on. */
export function endpointKey(path: string): string {
  const parts = path
    .replace(/^\/v1\/?/, '')
    .split('/')
    .filter(Boolean);
  return `GET /${parts.map((p) => (/^\d+$/.test(p) ? '{id}' : p)).join('/')}`;
}

const param = (c: Context<Env>, name: string): string => c.req.param(name) ?? '';

function resourceOf(name: string): ResourceName {
  if (!(RESOURCES as readonly string[]).includes(name))
    throw new ClinikoEmulatorError(404, `No resource ${name}.`);
  return name as ResourceName;
}

function answer(work: (c: Context<Env>) => unknown) {
  return (c: Context<Env>) => {
    try {
      return json(work(c));
    } catch (e) {
      if (e instanceof ClinikoEmulatorError) return refusal(e);
      throw e;
    }
  };
}

export function apiRoutes(s: ClinikoServices): Hono<Env> {
  const app = new Hono<Env>();
  const api = () => `${s.baseUrl}/v1`;
  const params = (c: Context<Env>) => new URL(c.req.url).searchParams;
  app.use('*', gate(s));
  app.get(
    '/invoices/:id/invoice_items',
    answer((c) => {
      const path = `/invoices/${param(c, 'id')}/invoice_items`;
      const listed = list(
        s.state,
        {
          resource: 'invoice_items',
          deleted: false,
          parent: { field: 'invoice_id', id: param(c, 'id') },
        },
        params(c),
      );
      return renderList(api(), path, 'invoice_items', params(c), listed);
    }),
  );
  app.get(
    '/:resource/deleted',
    answer((c) => {
      const resource = resourceOf(param(c, 'resource'));
      const listed = list(s.state, { resource, deleted: true }, params(c));
      return renderList(api(), `/${resource}/deleted`, resource, params(c), listed, renderDeleted);
    }),
  );
  readRoutes(app, s, api, params);
  return app;
}

/** The archived patients, one record, and a whole list. */
function readRoutes(
  app: Hono<Env>,
  s: ClinikoServices,
  api: () => string,
  params: (c: Context<Env>) => URLSearchParams,
): void {
  app.get(
    '/patients/archived',
    answer((c) => {
      const p = params(c);
      p.append('q[]', 'archived_at:?');
      return renderList(
        api(),
        '/patients/archived',
        'patients',
        params(c),
        list(s.state, { resource: 'patients', deleted: false }, p),
      );
    }),
  );
  app.get(
    '/:resource/:id',
    answer((c) => {
      const resource = resourceOf(param(c, 'resource'));
      const record = s.tables.get(resource, param(c, 'id'));
      if (record.deleted_at !== null)
        throw new ClinikoEmulatorError(404, `${resource} ${record.id} was deleted.`);
      return renderRecord(api(), resource, record);
    }),
  );
  app.get(
    '/:resource',
    answer((c) => {
      const resource = resourceOf(param(c, 'resource'));
      return renderList(
        api(),
        `/${resource}`,
        resource,
        params(c),
        list(s.state, { resource, deleted: false }, params(c)),
      );
    }),
  );
}
