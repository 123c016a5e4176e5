/**
 * The control surface over HTTP, under /sandbox, for scripts and the demo. Every route needs the
 * control token (`Authorization: Bearer <token>` or `X-Sandbox-Token: <token>`). Bodies and
 * answers are JSON (`{"result": …}`); a refusal is `{"error": "…"}` with its status (400, 404).
 *
 * @module
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import { controlWrapper, guardControl, runtimeRoutes } from '../emulator-kit/control-kit.js';
import type { AppRegistration, ClioControl } from './control.js';
import { parseInput } from './control.js';
import { ClioEmulatorError } from './errors.js';
import type { EmulatorEnv } from './rest-routes.js';
import type { NewFirm } from './services.js';
import { practiceAction } from './practice-actions.js';

const wrap = controlWrapper<EmulatorEnv>((error) =>
  error instanceof ClioEmulatorError ? { status: error.status, message: error.message } : undefined,
);

const firmId = (c: Context<EmulatorEnv>): number => Number(c.req.param('firm'));

/** Apps, firms, the seed and generator, the practice user, records as the API shows them. */
function booksRoutes(routes: Hono<EmulatorEnv>, control: ClioControl): void {
  routes.post(
    '/apps',
    wrap((_c, b) => control.registerApp(b as unknown as AppRegistration)),
  );
  routes.get(
    '/firms',
    wrap(() => control.firms()),
  );
  routes.post(
    '/firms',
    wrap((_c, b) => control.createFirm(b as unknown as NewFirm)),
  );
  routes.post(
    '/firms/:firm/seed',
    wrap((c) => control.seedLawFirm(firmId(c))),
  );
  routes.post(
    '/firms/:firm/generate-bills',
    wrap((c, b) =>
      control.generateBills(firmId(c), Number(b.count), b.seed === undefined ? 1 : Number(b.seed)),
    ),
  );
  routes.post(
    '/firms/:firm/practice/:action',
    wrap((c, b) => practiceAction(control.practice(firmId(c)), c.req.param('action'), b)),
  );
  routes.get(
    '/firms/:firm/:resource',
    wrap((c) => control.list(firmId(c), c.req.param('resource') ?? '')),
  );
  routes.get(
    '/firms/:firm/:resource/:id',
    wrap(
      (c) =>
        control.get(firmId(c), c.req.param('resource') ?? '', Number(c.req.param('id'))) ?? null,
    ),
  );
}

export function controlRoutes(control: ClioControl, controlToken: string): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  guardControl(routes, controlToken);
  booksRoutes(routes, control);
  runtimeRoutes(routes, control, wrap, parseInput);
  return routes;
}
