/**
 * The control surface over HTTP under `/sandbox`, for scripts and the demo. Every route needs the
 * control token (`Authorization: Bearer <token>`). Bodies and answers are JSON (`{"result": …}`);
 * a refusal is `{"error": "…"}` with its status.
 *
 * @module
 */
import { timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import type { FaultConfig, RateLimitSettings } from '../actionstep/traffic.js';
import { reply } from '../xero/control/control-routes.js';
import type { ClinikoControl } from './control.js';
import type { NewInvoice, NewItem, PracticeUser } from './practice.js';
import { ClinikoEmulatorError, fieldText, type ResourceName } from './state.js';

type Body = Record<string, unknown>;
const id = (b: Body, name = 'id') => fieldText(b[name] ?? '');
const fields = (b: Body) => (b.fields ?? {}) as Record<string, unknown>;

/** The practice user's actions by route name. */
const PRACTICE: Record<string, (u: PracticeUser, b: Body) => unknown> = {
  'create-patient': (u, b) => u.createPatient(fields(b)),
  'edit-patient': (u, b) => u.editPatient(id(b), fields(b)),
  'archive-patient': (u, b) => u.archivePatient(id(b)),
  'delete-patient': (u, b) => u.deletePatient(id(b)),
  'merge-patients': (u, b) => u.mergePatients(id(b, 'from'), id(b, 'into')),
  'create-invoice': (u, b) => u.createInvoice(b as unknown as NewInvoice),
  'edit-invoice': (u, b) =>
    u.editInvoice(id(b), {
      ...(b.items ? { items: b.items as NewItem[] } : {}),
      ...(typeof b.notes === 'string' ? { notes: b.notes } : {}),
    }),
  'delete-invoice-item': (u, b) => u.deleteInvoiceItem(id(b)),
  'pay-invoice': (u, b) => u.payInvoice(id(b)),
  'close-invoice': (u, b) => u.closeInvoice(id(b)),
  'reopen-invoice': (u, b) => u.reopenInvoice(id(b)),
  'void-invoice': (u, b) => u.deleteInvoice(id(b)),
  'delete-invoice': (u, b) => u.deleteInvoice(id(b)),
};

function authorised(header: string | undefined, token: string): boolean {
  const a = Buffer.from(/^Bearer\s+(.+)$/i.exec(header ?? '')?.[1] ?? '');
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function wrap(handler: (c: Context, body: Body) => unknown) {
  return async (c: Context): Promise<Response> => {
    try {
      const text = c.req.method === 'GET' ? '' : await c.req.text();
      const result = await handler(c, (text.trim() ? JSON.parse(text) : {}) as Body);
      return reply(result === undefined ? undefined : { result });
    } catch (error) {
      if (error instanceof ClinikoEmulatorError)
        return reply({ error: error.message }, error.status);
      if (error instanceof SyntaxError) return reply({ error: 'The body is not JSON.' }, 400);
      throw error;
    }
  };
}

export function controlRoutes(control: ClinikoControl, token: string): Hono {
  const routes = new Hono();
  routes.use('*', async (c, next) => {
    if (!authorised(c.req.header('authorization'), token))
      return reply({ error: 'The control token is missing or wrong.' }, 401);
    return next();
  });
  routes.post(
    '/api-keys',
    wrap((_c, b) => ({ key: control.addApiKey(typeof b.user === 'string' ? b.user : undefined) })),
  );
  routes.post(
    '/api-keys/revoke',
    wrap((_c, b) => control.revokeApiKey(id(b, 'key'))),
  );
  routes.post(
    '/seed',
    wrap(() => control.seedClinic()),
  );
  routes.post(
    '/generate-invoices',
    wrap((_c, b) => control.generateInvoices(Number(b.count)).length),
  );
  routes.post(
    '/practice/:action',
    wrap((c, b) => {
      const action = PRACTICE[c.req.param('action') ?? ''];
      if (!action)
        throw new ClinikoEmulatorError(404, `No practice action '${c.req.param('action')}'.`);
      return action(control.practice, b);
    }),
  );
  routes.post(
    '/records/:resource',
    wrap((c, b) => control.putRecord(c.req.param('resource') as ResourceName, b)),
  );
  routes.get(
    '/stats',
    wrap(() => control.stats()),
  );
  routes.delete(
    '/stats',
    wrap(() => control.resetStats()),
  );
  routes.put(
    '/faults',
    wrap((_c, b) => control.setFaults(b as FaultConfig)),
  );
  routes.put(
    '/rate-limit',
    wrap((_c, b) => control.setRateLimit(b as Partial<RateLimitSettings>)),
  );
  return routes;
}
