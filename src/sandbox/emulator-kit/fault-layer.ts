/**
 * The fault layer the PMS emulators (Actionstep, Clio) put around their OAuth and API routes: a
 * fault before the call answers at once (the emulator's own error body), drops the socket, or
 * holds the connection on the clock then drops or answers; a fault after a write lets the write
 * happen and then fails the answer — the record changed though the client saw an error.
 *
 * @module
 */
import type { HttpBindings } from '@hono/node-server';
import type { Context, Env, MiddlewareHandler } from 'hono';
import type { FaultDecision, Faults, StatsRecorder } from '../actionstep/traffic.js';

/** What an emulator's Hono env must carry for faults: the Node socket and the dropped flag. */
export interface DropEnv extends Env {
  Bindings: HttpBindings;
  Variables: { dropped: boolean };
}

export interface FaultDeps {
  faults: Faults;
  stats: StatsRecorder;
  /** Waits on the emulator's clock; cut short when it stops. */
  sleep(ms: number): Promise<void>;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Destroys the client's connection; whatever answer follows is never written. */
function drop(c: Context<DropEnv>): Response {
  c.set('dropped', true);
  c.env.incoming.socket.destroy();
  return new Response(null, { status: 204 });
}

async function strike(
  deps: FaultDeps,
  c: Context<DropEnv>,
  d: FaultDecision,
  answer: (d: FaultDecision) => Response,
): Promise<Response | undefined> {
  if (d.kind === 'drop') return drop(c);
  if (d.kind !== 'timeout') return answer(d);
  await deps.sleep(d.holdMs);
  return d.then === 'drop' ? drop(c) : undefined;
}

/**
 * The middleware. `endpointKey` names a request for the rules ("GET /bills"); `answer` renders an
 * injected 500/503/429 in the emulator's error format.
 */
export function faultLayer<E extends DropEnv>(
  deps: FaultDeps,
  endpointKey: (method: string, path: string) => string,
  answer: (d: FaultDecision) => Response,
): MiddlewareHandler<E> {
  return async (ctx, next) => {
    const c = ctx as unknown as Context<DropEnv>;
    const decision = deps.faults.decide(
      endpointKey(c.req.method, c.req.path),
      WRITES.has(c.req.method),
    );
    if (!decision) return next();
    deps.stats.fault(decision.kind);
    if (decision.phase === 'before') {
      const struck = await strike(deps, c, decision, answer);
      if (struck) return struck;
      return next();
    }
    await next();
    if (c.res.status < 300) deps.stats.appliedThenFailed();
    const struck = await strike(deps, c, decision, answer);
    if (struck) c.res = struck;
  };
}

/** The status and Retry-After of an injected error answer. */
export function faultStatus(d: FaultDecision): { status: number; headers: Record<string, string> } {
  const status = d.kind === 'http429' ? 429 : d.kind === 'http503' ? 503 : 500;
  return {
    status,
    headers: status === 429 ? { 'retry-after': String(d.retryAfterSeconds) } : {},
  };
}
