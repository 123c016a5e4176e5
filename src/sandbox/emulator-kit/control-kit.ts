/**
 * The control routes' common parts for the PMS emulators: the control-token guard, the JSON
 * wrapper (`{"result": …}`, refusals `{"error": …}` with their status), and the runtime routes —
 * rate limit, faults, stats, tokens, the state file — whose control methods both emulators share.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context, Env, Hono } from 'hono';
import { z } from 'zod';
import type { EmulatorStats, FaultConfig } from '../actionstep/traffic.js';
import { reply } from '../xero/control/control-routes.js';

export type Body = Record<string, unknown>;

/** A refusal the emulator threw: its status, or undefined for anything else. */
export type RefusalStatus = (error: unknown) => { status: number; message: string } | undefined;

export const faultConfigSchema = z.object({
  seed: z.number().int().optional(),
  rules: z
    .array(
      z.object({
        kind: z.enum(['http500', 'http503', 'http429', 'timeout', 'drop']),
        rate: z.number().min(0).max(1).optional(),
        endpoint: z.string().optional(),
        afterWrite: z.number().min(0).max(1).optional(),
        holdMs: z.number().min(0).optional(),
        then: z.enum(['answer', 'drop']).optional(),
        retryAfterSeconds: z.number().int().min(0).optional(),
      }),
    )
    .optional(),
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

export const rateLimitSchema = z.object({
  enabled: z.boolean().optional(),
  limit: z.number().int().min(1).optional(),
  windowSeconds: z.number().int().min(1).optional(),
});

/** Wraps a handler: parses the JSON body, answers `{"result": …}`, turns refusals into JSON. */
export function controlWrapper<E extends Env>(refusal: RefusalStatus) {
  return (handler: (c: Context<E>, body: Body) => unknown) =>
    async (c: Context<E>): Promise<Response> => {
      try {
        const text = c.req.method === 'GET' ? '' : await c.req.text();
        const body = (text.trim() ? JSON.parse(text) : {}) as Body;
        const result = await handler(c, body);
        return reply(result === undefined ? undefined : { result });
      } catch (error) {
        const refused = refusal(error);
        if (refused) return reply({ error: refused.message }, refused.status);
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

/** Every route needs the control token (`Authorization: Bearer` or `X-Sandbox-Token`). */
export function guardControl<E extends Env>(routes: Hono<E>, controlToken: string): void {
  routes.use('*', async (c, next) =>
    authorised((name) => c.req.header(name), controlToken)
      ? next()
      : reply({ error: 'Control token required.' }, 401),
  );
}

/** The control methods both emulators have. */
export interface RuntimeControl<R> {
  setRateLimit(settings: Partial<R>): R;
  faults(): FaultConfig | undefined;
  setFaults(config?: FaultConfig): void;
  stats(): EmulatorStats;
  resetStats(): void;
  expireAccessTokens(): number;
  saveState(): Promise<void>;
  reset(): void;
}

/** Rate limits, faults, stats, tokens, the state file. */
export function runtimeRoutes<E extends Env, R>(
  routes: Hono<E>,
  control: RuntimeControl<R>,
  wrap: ReturnType<typeof controlWrapper<E>>,
  parse: <T>(schema: z.ZodType<T>, input: unknown) => T,
): void {
  routes.put(
    '/rate-limit',
    wrap((_c, b) => control.setRateLimit(parse(rateLimitSchema, b) as Partial<R>)),
  );
  routes.get(
    '/faults',
    wrap(() => control.faults() ?? null),
  );
  routes.put(
    '/faults',
    wrap((_c, b) =>
      control.setFaults(Object.keys(b).length === 0 ? undefined : parse(faultConfigSchema, b)),
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
