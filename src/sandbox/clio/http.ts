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
import { faultLayer, faultStatus } from '../emulator-kit/fault-layer.js';
import { oauthResponse, tokenParams } from '../emulator-kit/oauth-kit.js';
import { ClioEmulatorError, errorResponse } from './errors.js';
import { authorize, checkBearer, deauthorize, tokenEndpoint } from './oauth.js';
import { isRegion } from './regions.js';
import type { Region } from './regions.js';
import type { EmulatorContext, EmulatorEnv } from './rest-routes.js';
import { endpointKey, restHandler } from './rest-routes.js';
import type { EmulatorServices } from './services.js';

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

const TYPES: Record<number, string> = {
  429: 'RateLimited',
  503: 'ServiceUnavailable',
  500: 'InternalServerError',
};

function faultAnswer(decision: FaultDecision): Response {
  const { status, headers } = faultStatus(decision);
  const message = `Injected fault (${decision.kind}).`;
  return errorResponse(new ClioEmulatorError(status, TYPES[status] ?? 'Error', message, headers));
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
        await tokenParams(c),
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
  app.use('/:region/oauth/*', faultLayer(services, endpointKey, faultAnswer));
  app.use('/:region/api/*', faultLayer(services, endpointKey, faultAnswer));
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
