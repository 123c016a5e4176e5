/**
 * The gate every accounting API call passes, in Xero's order: the bearer token and tenant
 * (401/403), then the rate limits (429, with the remaining-calls headers on every answer), then
 * the configured latency. Idempotency and faults come after (idempotency.ts, faults.ts), so an
 * idempotent retry counts against the limits as on Xero (reference §2 "Other limits").
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import { authenticateApiCall } from '../identity/bearer.js';
import type { SandboxServices } from '../services.js';
import type { SandboxEnv } from './env.js';
import { send } from './env.js';

/**
 * Xero answers XML unless the request asks for JSON with `Accept: application/json`; the sandbox
 * speaks JSON only, so a request that does not ask for it is refused (406) rather than answered
 * in a way Xero would not — code that forgets the header would break on Xero.
 */
function wantsJson(accept: string | undefined): boolean {
  return accept?.toLowerCase().includes('application/json') ?? false;
}

const NOT_ACCEPTABLE = {
  Title: 'Not Acceptable',
  Status: 406,
  Detail:
    'Send Accept: application/json. Xero answers XML otherwise; this sandbox answers JSON only.',
};

export function apiGate(services: SandboxServices): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const auth = authenticateApiCall(
      services.identity,
      c.req.header('authorization'),
      c.req.header('xero-tenant-id'),
    );
    if (!auth.ok) {
      return send(auth, auth.headers);
    }
    c.set('tenantId', auth.tenantId);
    c.set('clientId', auth.token.clientId);
    const org = services.state.orgs.get(auth.tenantId);
    const admission = services.limits.admit(
      auth.token.clientId,
      auth.tenantId,
      org?.dailyLimit ?? 5000,
    );
    if (!admission.ok) {
      services.stats.rateLimited(admission.problem);
      const body = {
        Title: 'Too Many Requests',
        Status: 429,
        Detail: `Rate limit exceeded: ${admission.problem}`,
      };
      return send({ status: 429, body }, admission.headers);
    }
    services.stats.concurrency(auth.tenantId, admission.inFlight);
    try {
      if (services.options.latencyMs > 0) await services.sleep(services.options.latencyMs);
      // After admission: on Xero such a call is answered (in XML) and counts against the limits.
      if (wantsJson(c.req.header('accept'))) await next();
      else c.res = send({ status: 406, body: NOT_ACCEPTABLE });
    } finally {
      admission.release();
    }
    if (!c.get('dropped')) {
      c.res = withHeaders(c.res, admission.headers);
    }
  };
}

/** The response with extra headers (copied when its headers are immutable). */
export function withHeaders(res: Response, headers: Record<string, string>): Response {
  try {
    for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
    return res;
  } catch {
    const copy = new Response(res.body, res);
    for (const [k, v] of Object.entries(headers)) copy.headers.set(k, v);
    return copy;
  }
}
