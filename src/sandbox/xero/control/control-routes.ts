/**
 * The control surface over HTTP, under /sandbox, for scripts and the demo. Every route needs the
 * control token printed at start (`Authorization: Bearer <token>` or `X-Sandbox-Token`). Bodies
 * and answers are JSON; refusals are `{ "error": "…", "validationErrors": [...] }` with 400/404.
 *
 * @module
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { SandboxEnv } from '../http/env.js';
import type { WireObject } from '../wire.js';
import type { SandboxControl } from './control.js';
import { SandboxControlError } from './control-error.js';
import { bookkeeperAction } from './bookkeeper-actions.js';
import {
  chartBody,
  clientBody,
  consentBody,
  customConnectionBody,
  faultsBody,
  limitsBody,
  lockDatesBody,
  newOrganisationBody,
  parseBody,
  tierBody,
  webhookBody,
} from './control-schemas.js';

type Handler = (c: Context<SandboxEnv>, body: WireObject) => unknown;

function param(c: Context<SandboxEnv>, name: string): string {
  return c.req.param(name) ?? '';
}

/** A JSON answer (204 when there is nothing to say); shared with the Actionstep emulator. */
export function reply(value: unknown, status = 200): Response {
  return new Response(value === undefined ? null : JSON.stringify(value), {
    status: value === undefined ? 204 : status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

function wrap(handler: Handler) {
  return async (c: Context<SandboxEnv>): Promise<Response> => {
    try {
      const text = c.req.method === 'GET' ? '' : await c.req.text();
      const body = (text.trim() ? JSON.parse(text) : {}) as WireObject;
      return reply(await handler(c, body));
    } catch (error) {
      if (error instanceof SandboxControlError) {
        return reply(
          { error: error.message, validationErrors: error.validationErrors },
          error.status,
        );
      }
      if (error instanceof SyntaxError) return reply({ error: 'body is not JSON' }, 400);
      throw error;
    }
  };
}

function requireToken(control: SandboxControl) {
  return async (c: Context<SandboxEnv>, next: () => Promise<void>) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    const token = bearer ?? c.req.header('x-sandbox-token');
    if (token !== control.controlToken) return reply({ error: 'control token required' }, 401);
    return next();
  };
}

type Route = [method: 'get' | 'post' | 'put' | 'delete', path: string, handler: Handler];

const ORG = '/organisations/:tenantId';

function routeTable(k: SandboxControl): Route[] {
  const tenant = (c: Context<SandboxEnv>): string => param(c, 'tenantId');
  return [
    ['post', '/reset', () => k.reset()],
    ['get', '/organisations', () => k.organisations()],
    ['post', '/organisations', (_c, b) => k.createOrganisation(parseBody(newOrganisationBody, b))],
    ['post', `${ORG}/chart`, (c, b) => k.seedChart(tenant(c), parseBody(chartBody, b).region)],
    ['put', `${ORG}/lock-dates`, (c, b) => k.setLockDates(tenant(c), parseBody(lockDatesBody, b))],
    [
      'put',
      `${ORG}/daily-limit`,
      (c, b) => k.setDailyLimitTier(tenant(c), parseBody(tierBody, b).tier),
    ],
    [
      'post',
      `${ORG}/bookkeeper/:action`,
      (c, b) => bookkeeperAction(k, tenant(c), param(c, 'action'), b),
    ],
    ['get', `${ORG}/:collection`, (c) => k.listDocuments(tenant(c), param(c, 'collection'))],
    [
      'get',
      `${ORG}/:collection/:id`,
      (c) => documentOr404(k, tenant(c), param(c, 'collection'), param(c, 'id')),
    ],
    ['post', '/clients', (_c, b) => k.registerClient(parseBody(clientBody, b))],
    [
      'post',
      '/custom-connections',
      (_c, b) => k.registerCustomConnection(parseBody(customConnectionBody, b)),
    ],
    ['put', '/consent', (_c, b) => k.setConsentTenants(parseBody(consentBody, b).tenantIds)],
    ['put', '/limits', (_c, b) => k.setLimits(parseBody(limitsBody, b))],
    ['get', '/faults', () => k.faults() ?? null],
    ['put', '/faults', (_c, b) => k.setFaults(parseBody(faultsBody, b) ?? undefined)],
    ['get', '/stats', () => k.stats()],
    ['post', '/stats/reset', () => k.resetStats()],
    ['get', '/webhook', () => k.webhookStatus()],
    ['put', '/webhook', (_c, b) => k.configureWebhook(parseBody(webhookBody, b))],
    ['delete', '/webhook', () => k.disableWebhook()],
    ['post', '/save', () => k.saveState()],
  ];
}

function documentOr404(
  k: SandboxControl,
  tenantId: string,
  collection: string,
  id: string,
): unknown {
  const doc = k.getDocument(tenantId, collection, id);
  if (!doc) throw new SandboxControlError('no such document', 404);
  return doc;
}

export function controlRoutes(control: SandboxControl): Hono<SandboxEnv> {
  const r = new Hono<SandboxEnv>();
  r.use('*', requireToken(control));
  for (const [method, path, handler] of routeTable(control)) r[method](path, wrap(handler));
  return r;
}
