/**
 * The control surface over HTTP, under /sandbox, for scripts and the demo. Every route needs the
 * control token (`Authorization: Bearer <token>` or `X-Sandbox-Token: <token>`). Bodies and
 * answers are JSON (`{"result": …}`); a refusal is `{"error": "…"}` with its status (400, 404).
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono } from 'hono';
import type { Context } from 'hono';
import { z } from 'zod';
import { reply } from '../xero/control/control-routes.js';
import type { AppRegistration, ClioControl } from './control.js';
import { parseInput } from './control.js';
import { ClioEmulatorError } from './errors.js';
import type { EmulatorEnv } from './rest-routes.js';
import type { NewFirm } from './services.js';
import { practiceAction } from './practice-actions.js';

type Body = Record<string, unknown>;
type Handler = (c: Context<EmulatorEnv>, body: Body) => unknown;

const faultRule = z.object({
  kind: z.enum(['http500', 'http503', 'http429', 'timeout', 'drop']),
  rate: z.number().min(0).max(1).optional(),
  endpoint: z.string().optional(),
  afterWrite: z.number().min(0).max(1).optional(),
  holdMs: z.number().min(0).optional(),
  then: z.enum(['answer', 'drop']).optional(),
  retryAfterSeconds: z.number().int().min(0).optional(),
});
const faultConfig = z.object({
  seed: z.number().int().optional(),
  rules: z.array(faultRule).optional(),
  nthRequest: z
    .array(
      z.object({
        endpoint: z.string(),
        nth: z.number().int().min(1),
        kind: z.enum(['http500', 'http503']).optional(),
      }),
    )
    .optional(),
});
const rateLimit = z.object({
  enabled: z.boolean().optional(),
  limit: z.number().int().min(1).optional(),
  windowSeconds: z.number().int().min(1).optional(),
});

function wrap(handler: Handler) {
  return async (c: Context<EmulatorEnv>): Promise<Response> => {
    try {
      const text = c.req.method === 'GET' ? '' : await c.req.text();
      const body = (text.trim() ? JSON.parse(text) : {}) as Body;
      const result = await handler(c, body);
      return reply(result === undefined ? undefined : { result });
    } catch (error) {
      if (error instanceof ClioEmulatorError) return reply({ error: error.message }, error.status);
      if (error instanceof SyntaxError) return reply({ error: 'The body is not JSON.' }, 400);
      throw error;
    }
  };
}

function authorised(header: (name: string) => string | undefined, token: string): boolean {
  const bearer = /^Bearer\s+(.+)$/i.exec(header('authorization') ?? '')?.[1];
  const a = Buffer.from(bearer ?? header('x-sandbox-token') ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

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

/** Rate limits, faults, stats, tokens, the state file. */
function runtimeRoutes(routes: Hono<EmulatorEnv>, control: ClioControl): void {
  routes.put(
    '/rate-limit',
    wrap((_c, b) => control.setRateLimit(parseInput(rateLimit, b))),
  );
  routes.get(
    '/faults',
    wrap(() => control.faults() ?? null),
  );
  routes.put(
    '/faults',
    wrap((_c, b) =>
      control.setFaults(Object.keys(b).length === 0 ? undefined : parseInput(faultConfig, b)),
    ),
  );
  routes.delete(
    '/faults',
    wrap(() => control.setFaults(undefined)),
  );
  routes.get(
    '/stats',
    wrap(() => control.stats()),
  );
  routes.post(
    '/stats/reset',
    wrap(() => control.resetStats()),
  );
  routes.post(
    '/expire-tokens',
    wrap(() => control.expireAccessTokens()),
  );
  routes.post(
    '/save',
    wrap(() => control.saveState()),
  );
  routes.post(
    '/reset',
    wrap(() => control.reset()),
  );
}

export function controlRoutes(control: ClioControl, controlToken: string): Hono<EmulatorEnv> {
  const routes = new Hono<EmulatorEnv>();
  routes.use('*', async (c, next) =>
    authorised((name) => c.req.header(name), controlToken)
      ? next()
      : reply({ error: 'Control token required.' }, 401),
  );
  booksRoutes(routes, control);
  runtimeRoutes(routes, control);
  return routes;
}
