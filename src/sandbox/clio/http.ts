/**
 * The emulator's Hono app: per region (`/us`, `/eu`, `/ca`, `/au`) the OAuth endpoints under
 * `/oauth/` and the API under `/api/v4/`; the control routes under `/sandbox`. Around the OAuth and
 * API routes sit the counters (every call by endpoint and status) and the fault layer.
 *
 * A fault before the call answers at once (500/503/429, or a dropped socket, or a connection held
 * on the clock then dropped or answered); a fault after a write lets the write happen and then
 * fails the answer — the record changed though the client saw an error.
 *
 * @module
 */
import { Hono } from 'hono';
import type { MiddlewareHandler } from 'hono';
import type { FaultDecision } from '../actionstep/traffic.js';
import { ClioEmulatorError, errorResponse } from './errors.js';
import type { OAuthAnswer } from './oauth.js';
import { authorize, checkBearer, deauthorize, tokenEndpoint } from './oauth.js';
import { isRegion } from './regions.js';
import type { Region } from './regions.js';
import type { EmulatorContext, EmulatorEnv } from './rest-routes.js';
import { endpointKey, restHandler } from './rest-routes.js';
import type { EmulatorServices } from './services.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function observe(services: EmulatorServices): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/sandbox')) return next();
    await next();
    const status = c.get('dropped') ? 'dropped' : c.res.status;
    const firmId = c.get('firmId');
    services.stats.call(
      endpointKey(c.req.method, c.req.path),
      status,
      firmId === undefined ? undefined : String(firmId),
    );
  };
}

function faultAnswer(decision: FaultDecision): Response {
  const [status, type] =
    decision.kind === 'http429'
      ? [429, 'RateLimited']
      : decision.kind === 'http503'
        ? [503, 'ServiceUnavailable']
        : [500, 'InternalServerError'];
  const headers: Record<string, string> =
    status === 429 ? { 'retry-after': String(decision.retryAfterSeconds) } : {};
  return errorResponse(
    new ClioEmulatorError(status, type, `Injected fault (${decision.kind}).`, headers),
  );
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

async function formParams(c: EmulatorContext): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(c.req.url).search);
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    for (const [k, v] of new URLSearchParams(await c.req.text())) params.set(k, v);
  return params;
}

function regionOf(c: EmulatorContext): Region {
  const region = c.req.param('region');
  if (!isRegion(region)) throw new ClioEmulatorError(404, 'NotFound', `No region '${region}'.`);
  return region;
}

function oauthRoutes(app: Hono<EmulatorEnv>, services: EmulatorServices): void {
  const { state, oauth } = services;
  app.get('/:region/oauth/authorize', (c) =>
    oauthResponse(authorize(state.auth, oauth, regionOf(c), new URL(c.req.url).searchParams)),
  );
  app.post('/:region/oauth/token', async (c) =>
    oauthResponse(
      tokenEndpoint(
        state.auth,
        oauth,
        regionOf(c),
        await formParams(c),
        c.req.header('authorization'),
      ),
    ),
  );
  app.post('/:region/oauth/deauthorize', (c) => {
    const bearer = checkBearer(
      state.auth,
      services.clock,
      c.req.header('authorization'),
      regionOf(c),
    );
    if (!bearer.ok) return errorResponse(new ClioEmulatorError(401, 'Unauthorized', bearer.detail));
    deauthorize(state.auth, bearer.record.grantId);
    return new Response(null, { status: 200 });
  });
}

export function buildApp(
  services: EmulatorServices,
  control: Hono<EmulatorEnv>,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  app.use('*', observe(services));
  app.use('/:region/oauth/*', faultLayer(services));
  app.use('/:region/api/*', faultLayer(services));
  oauthRoutes(app, services);
  app.all('/:region/api/v4/*', restHandler(services));
  app.route('/sandbox', control);
  app.notFound((c) =>
    errorResponse(new ClioEmulatorError(404, 'NotFound', `Nothing at ${c.req.path}.`)),
  );
  app.onError((error) =>
    error instanceof ClioEmulatorError
      ? errorResponse(error)
      : errorResponse(new ClioEmulatorError(500, 'InternalServerError', error.message)),
  );
  return app;
}
