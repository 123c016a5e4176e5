/**
 * The emulator's Hono app: OAuth at `/api/oauth/*`, each organisation's API under
 * `/orgs/<orgkey>/api/`, the control routes under `/sandbox`. Around the OAuth and API routes sit
 * the counters (every call by endpoint, status and organisation) and the fault layer.
 *
 * A fault before the call answers at once (500/503/429 with an `errors` body, or a dropped
 * socket, or a connection held on the clock then dropped or answered); a fault after a write lets
 * the write happen and then fails the answer — the record exists though the client saw an error.
 *
 * @module
 */
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import { ActionstepEmulatorError, errorResponse } from './errors.js';
import type { OAuthAnswer } from './oauth.js';
import { authorize, tokenEndpoint } from './oauth.js';
import type { EmulatorContext, EmulatorEnv } from './rest-routes.js';
import { endpointKey, restHandler } from './rest-routes.js';
import type { EmulatorServices } from './services.js';
import type { FaultDecision } from './traffic.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function observe(services: EmulatorServices): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/sandbox')) return next();
    await next();
    const status = c.get('dropped') ? 'dropped' : c.res.status;
    services.stats.call(endpointKey(c.req.method, c.req.path), status, c.get('orgkey'));
  };
}

function faultAnswer(decision: FaultDecision): Response {
  const [status, title] =
    decision.kind === 'http429'
      ? [429, 'Too Many Requests']
      : decision.kind === 'http503'
        ? [503, 'Service Unavailable']
        : [500, 'Internal Server Error'];
  const headers: Record<string, string> =
    status === 429 ? { 'retry-after': String(decision.retryAfterSeconds) } : {};
  const detail = `Injected fault (${decision.kind}).`;
  return errorResponse(new ActionstepEmulatorError(status, title, detail, undefined, headers));
}

/** Destroys the client's connection; whatever answer follows is never written. */
function drop(c: EmulatorContext): Response {
  c.set('dropped', true);
  c.env.incoming.socket.destroy();
  return new Response(null, { status: 204 });
}

async function strike(
  services: EmulatorServices,
  c: EmulatorContext,
  d: FaultDecision,
): Promise<Response | undefined> {
  if (d.kind === 'drop') return drop(c);
  if (d.kind !== 'timeout') return faultAnswer(d);
  await services.sleep(d.holdMs);
  return d.then === 'drop' ? drop(c) : undefined;
}

function faultLayer(services: EmulatorServices): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    const decision = services.faults.decide(
      endpointKey(c.req.method, c.req.path),
      WRITES.has(c.req.method),
    );
    if (!decision) return next();
    services.stats.fault(decision.kind);
    if (decision.phase === 'before') {
      const struck = await strike(services, c, decision);
      if (struck) return struck;
      return next();
    }
    await next();
    if (c.res.status < 300) services.stats.appliedThenFailed();
    const struck = await strike(services, c, decision);
    if (struck) c.res = struck;
  };
}

function oauthResponse(answer: OAuthAnswer): Response {
  if ('redirect' in answer)
    return new Response(null, { status: 302, headers: { location: answer.redirect } });
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Token parameters from the form body and the query string (the PHP SDK uses the latter). */
async function tokenParams(c: EmulatorContext): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(c.req.url).search);
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    for (const [k, v] of new URLSearchParams(await c.req.text())) params.set(k, v);
  return params;
}

export function buildApp(
  services: EmulatorServices,
  control: Hono<EmulatorEnv>,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const { state, oauth } = services;
  app.use('*', observe(services));
  app.use('/api/oauth/*', faultLayer(services));
  app.use('/orgs/*', faultLayer(services));
  app.get('/api/oauth/authorize', (c) =>
    oauthResponse(authorize(state.auth, oauth, new URL(c.req.url).searchParams)),
  );
  app.post('/api/oauth/token', async (c) =>
    oauthResponse(
      tokenEndpoint(state.auth, oauth, await tokenParams(c), c.req.header('authorization')),
    ),
  );
  app.all('/orgs/:orgkey/api/*', restHandler(services));
  app.route('/sandbox', control);
  app.notFound((c) =>
    errorResponse(new ActionstepEmulatorError(404, 'Not Found', `Nothing at ${c.req.path}.`)),
  );
  app.onError((error) =>
    errorResponse(new ActionstepEmulatorError(500, 'Internal Server Error', error.message)),
  );
  return app;
}
