/**
 * The sandbox's Hono app: everything at one base URL.
 *
 * @module
 */
import { Hono } from 'hono';
import { registerAccounting } from '../accounting/register.js';
import type { SandboxControl } from '../control/control.js';
import { controlRoutes } from '../control/control-routes.js';
import { registerIdentityRoutes } from '../identity/routes.js';
import type { SandboxServices } from '../services.js';
import { apiGate } from './api-gate.js';
import type { SandboxEnv } from './env.js';
import { send } from './env.js';
import { faultLayer } from './fault-layer.js';
import { idempotencyLayer } from './idempotency-layer.js';
import { observe } from './observe.js';

export function buildApp(services: SandboxServices, control: SandboxControl): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();
  app.use('*', observe(services));
  const faults = faultLayer(services);
  app.use('/connect/*', faults);
  app.use('/connections', faults);
  app.use('/connections/*', faults);
  registerIdentityRoutes(app, services);
  const api = new Hono<SandboxEnv>();
  api.use('*', apiGate(services), faults, idempotencyLayer(services));
  registerAccounting(api, services);
  app.route('/api.xro/2.0', api);
  app.route('/sandbox', controlRoutes(control));
  app.onError((error) => {
    const body = {
      Title: 'An error occurred',
      Status: 500,
      Detail: error instanceof Error ? error.message : String(error),
    };
    return send({ status: 500, body });
  });
  return app;
}
