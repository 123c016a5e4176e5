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
import { authorize, tokenEndpoint } from './oauth.js';
import type { EmulatorEnv } from './rest-routes.js';
import { endpointKey, restHandler } from './rest-routes.js';
import type { EmulatorServices } from './services.js';
import type { FaultDecision } from './traffic.js';
import { faultLayer, faultStatus } from '../emulator-kit/fault-layer.js';
import { oauthResponse, tokenParams } from '../emulator-kit/oauth-kit.js';

function observe(services: EmulatorServices): MiddlewareHandler<EmulatorEnv> {
  return async (c, next) => {
    if (c.req.path.startsWith('/sandbox')) return next();
    await next();
    const status = c.get('dropped') ? 'dropped' : c.res.status;
    services.stats.call(endpointKey(c.req.method, c.req.path), status, c.get('orgkey'));
  };
}

function faultAnswer(decision: FaultDecision): Response {
  const { status, headers } = faultStatus(decision);
  const title =
    status === 429
      ? 'Too Many Requests'
      : status === 503
        ? 'Service Unavailable'
        : 'Internal Server Error';
  const detail = `Injected fault (${decision.kind}).`;
  return errorResponse(new ActionstepEmulatorError(status, title, detail, undefined, headers));
}

export function buildApp(
  services: EmulatorServices,
  control: Hono<EmulatorEnv>,
): Hono<EmulatorEnv> {
  const app = new Hono<EmulatorEnv>();
  const { state, oauth } = services;
  app.use('*', observe(services));
  app.use('/api/oauth/*', faultLayer(services, endpointKey, faultAnswer));
  app.use('/orgs/*', faultLayer(services, endpointKey, faultAnswer));
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
