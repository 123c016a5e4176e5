/**
 * Applies the fault decided for a call (faults.ts) on the HTTP exchange.
 *
 * Before the write: 500/503 answer at once and nothing is done; a drop destroys the socket; a
 * timeout holds the connection for `holdMs` on the clock, then drops it or (then: 'answer') acts
 * and answers late. After the write: the call is carried out (and its answer recorded for
 * Idempotency-Key replays), then the client gets a 500/503, a dropped connection, or a held
 * connection — though the document exists. Those are counted as applied-then-failed.
 *
 * @module
 */
import type { MiddlewareHandler } from 'hono';
import type { FaultDecision } from '../faults.js';
import type { SandboxServices } from '../services.js';
import type { SandboxContext, SandboxEnv } from './env.js';
import { endpointKey, send } from './env.js';

const WRITE_METHODS = new Set(['PUT', 'POST', 'DELETE']);

function errorResponse(kind: 'http500' | 'http503'): Response {
  const body =
    kind === 'http500'
      ? {
          Title: 'An error occurred',
          Status: 500,
          Detail:
            'An error occurred in Xero. Check the API Status page http://status.developer.xero.com for current service status.',
        }
      : {
          Title: 'Service Unavailable',
          Status: 503,
          Detail: 'The Xero API is temporarily unavailable.',
        };
  return send({ status: body.Status, body });
}

/** Destroys the client's connection; the answer set afterwards is never written. */
function drop(c: SandboxContext): Response {
  c.set('dropped', true);
  c.env.incoming.socket.destroy();
  return new Response(null, { status: 204 });
}

export function faultLayer(services: SandboxServices): MiddlewareHandler<SandboxEnv> {
  return async (c, next) => {
    const endpoint = endpointKey(c.req.method, c.req.path);
    const decision = services.faults.decide(endpoint, WRITE_METHODS.has(c.req.method));
    if (!decision) return next();
    services.stats.fault(decision.kind);
    if (decision.phase === 'before') return before(services, c, next, decision);
    await next();
    const answeredLate = decision.kind === 'timeout' && decision.then === 'answer';
    if (c.res.status < 300 && !answeredLate) services.stats.appliedThenFailed(endpoint);
    await after(services, c, decision);
  };
}

async function before(
  services: SandboxServices,
  c: SandboxContext,
  next: () => Promise<void>,
  decision: FaultDecision,
): Promise<Response | undefined> {
  if (decision.kind === 'http500' || decision.kind === 'http503')
    return errorResponse(decision.kind);
  if (decision.kind === 'drop') return drop(c);
  await services.sleep(decision.holdMs);
  if (decision.then === 'drop') return drop(c);
  await next();
  return undefined;
}

async function after(
  services: SandboxServices,
  c: SandboxContext,
  decision: FaultDecision,
): Promise<void> {
  if (decision.kind === 'http500' || decision.kind === 'http503') {
    c.res = errorResponse(decision.kind);
  } else if (decision.kind === 'drop') {
    c.res = drop(c);
  } else {
    await services.sleep(decision.holdMs);
    if (decision.then === 'drop') c.res = drop(c);
  }
}
