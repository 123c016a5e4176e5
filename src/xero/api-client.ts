/**
 * Every call to the Xero Accounting API goes through here: the shared budget first, then the
 * access token, then the request with a timeout; rate-limit headers feed back into the budget;
 * 429s wait or park; server faults and broken connections retry with the same Idempotency-Key.
 * What Xero answers (2xx, 400, 404) comes back as a value; faults throw catalogue errors.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Clock } from '../time/clock.js';
import type { SharedBudget } from './budget-store.js';
import type { XeroEndpoints } from './identity-client.js';
import {
  backoffMs,
  DEFAULT_RETRY,
  RETRYABLE_STATUSES,
  retryAfterMs,
  type RetryPolicy,
} from './retry-policy.js';
import type { BudgetLane } from './read-lane.js';
import type { TokenManager } from './token-manager.js';

export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface XeroRequest {
  readonly tenantId: string;
  readonly method: HttpMethod;
  /** Path under /api.xro/2.0, e.g. `/Invoices`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  readonly idempotencyKey?: string;
  readonly ifModifiedSince?: Date;
  /** The budget lane: `read` (reconciliation) yields to a waiting sync; default `sync`. */
  readonly lane?: BudgetLane;
}

export interface XeroResponse<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface XeroApiDeps {
  readonly endpoints: XeroEndpoints;
  readonly tokens: TokenManager;
  readonly budget: SharedBudget;
  readonly clock: Clock;
  /** Which token set serves an organisation. */
  readonly tokenSetFor: (tenantId: string) => Promise<string>;
  readonly timeoutMs?: number;
  readonly retry?: RetryPolicy;
  readonly random?: () => number;
  /** Called for each attempt's outcome (metrics, tests); never given a token. */
  readonly onAttempt?: (event: {
    tenantId: string;
    method: string;
    path: string;
    status: number | 'timeout' | 'network';
    attempt: number;
  }) => void;
  /** Called when a call must wait for the budget (progress, logs): why, and for how long. */
  readonly onWait?: (event: { tenantId: string; reason: BudgetWaitReason; ms: number }) => void;
}

export type BudgetWaitReason = 'minute' | 'concurrent' | 'app-minute' | 'read-lane';

export interface XeroApi {
  request<T = unknown>(req: XeroRequest): Promise<XeroResponse<T>>;
}

/** Answers Xero gives before applying anything. */
const NOT_APPLIED = new Set([401, 403, 429]);

type Attempt =
  | { kind: 'answer'; response: Response; text: string }
  | { kind: 'broken'; what: 'timeout' | 'network'; error: Error };

export function makeXeroApi(deps: XeroApiDeps): XeroApi {
  const policy = deps.retry ?? DEFAULT_RETRY;
  return {
    async request<T>(req: XeroRequest): Promise<XeroResponse<T>> {
      const fate = { mayBeApplied: false };
      try {
        return await attempts<T>(deps, policy, req, fate);
      } catch (error) {
        throw fate.mayBeApplied ? outcomeUnknown(req, error) : error;
      }
    },
  };
}

/**
 * The call, tried again as the retry policy says. `fate.mayBeApplied` says whether a write has
 * left for Xero and no answer since has proved it was not applied (401, 403 and 429 are refused
 * before anything is applied; a 5xx, a timeout or a dropped connection may come after).
 */
async function attempts<T>(
  deps: XeroApiDeps,
  policy: RetryPolicy,
  req: XeroRequest,
  fate: { mayBeApplied: boolean },
): Promise<XeroResponse<T>> {
  const tokenSetId = await deps.tokenSetFor(req.tenantId);
  let unauthorisedOnce = false;
  let earlier = false; // an earlier attempt may have been applied
  for (let attempt = 1; ; attempt++) {
    const accessToken = await deps.tokens.accessToken(tokenSetId);
    const leaseId = await waitForBudget(deps, req.tenantId, req.lane);
    if (req.method !== 'GET') fate.mayBeApplied = true;
    const outcome = await send(deps, req, accessToken); // never throws: faults are values
    const remaining = outcome.kind === 'answer' ? remainingFrom(outcome.response.headers) : {};
    // Xero's answer matters more than our count of it: a store too busy to settle the lease
    // (seen: 500 organisations at once, "timeout exceeded when trying to connect") must not lose
    // the answer — the lease lapses by itself after leaseMs (budget.ts).
    await deps.budget.settle(req.tenantId, leaseId, remaining).catch(() => undefined);
    deps.onAttempt?.({
      tenantId: req.tenantId,
      method: req.method,
      path: req.path,
      status: outcome.kind === 'answer' ? outcome.response.status : outcome.what,
      attempt,
    });
    if (outcome.kind === 'answer' && NOT_APPLIED.has(outcome.response.status))
      fate.mayBeApplied = earlier;
    earlier = fate.mayBeApplied;
    if (outcome.kind === 'answer') {
      const { response, text } = outcome;
      if (response.status === 429) {
        await handle429(deps, req.tenantId, response);
        continue; // waitForBudget waits out the pause; a day pause throws there
      }
      if (response.status === 401 && !unauthorisedOnce) {
        unauthorisedOnce = true;
        deps.tokens.invalidate(tokenSetId);
        continue;
      }
      if (response.status === 401 || response.status === 403)
        throw new LedgerbridgeError(
          'LB_XERO_UNAUTHORISED',
          `Xero refused ${req.method} ${req.path} for organisation ${req.tenantId} (HTTP ${response.status})`,
        );
      if (!RETRYABLE_STATUSES.has(response.status))
        return { status: response.status, body: parseBody(text) as T, headers: response.headers };
    }
    if (attempt >= policy.maxAttempts) throw exhausted(req, outcome);
    await deps.clock.sleep(backoffMs(policy, attempt, deps.random));
  }
}

/**
 * A write that left for Xero and then failed in any way — retries exhausted, a later attempt
 * refused, the store failing under us — may have been applied: the caller must look it up before
 * sending it again (push-batch.ts → resolve-intents.ts), never count it as not sent. Counting it
 * as failed re-sent 50 invoices under a new key (Xero refused them as numbers already used; a
 * batch of payments, which have no number, would have been created twice).
 */
function outcomeUnknown(req: XeroRequest, error: unknown): unknown {
  if (error instanceof LedgerbridgeError && error.code === 'LB_XERO_OUTCOME_UNKNOWN') return error;
  const why = error instanceof Error ? error.message : String(error);
  return new LedgerbridgeError(
    'LB_XERO_OUTCOME_UNKNOWN',
    `Xero ${req.method} ${req.path} for organisation ${req.tenantId} was sent and then failed (${why}); it may have been applied`,
    { details: { tenantId: req.tenantId, path: req.path }, cause: error },
  );
}

async function waitForBudget(
  deps: XeroApiDeps,
  tenantId: string,
  lane: BudgetLane = 'sync',
): Promise<string> {
  for (;;) {
    const a = await deps.budget.acquire(tenantId, lane);
    if (a.kind === 'granted') return a.leaseId;
    if (a.kind === 'paused')
      throw new LedgerbridgeError(
        'LB_XERO_DAY_LIMIT',
        `Organisation ${tenantId} has used its daily Xero calls; paused until ${new Date(a.until).toISOString()}`,
        { details: { tenantId, until: a.until } },
      );
    deps.onWait?.({ tenantId, reason: a.reason, ms: a.waitMs });
    await deps.clock.sleep(a.waitMs);
  }
}

async function send(deps: XeroApiDeps, req: XeroRequest, accessToken: string): Promise<Attempt> {
  const url = new URL(`/api.xro/2.0${req.path}`, deps.endpoints.apiUrl);
  for (const [k, v] of Object.entries(req.query ?? {}))
    if (v !== undefined) url.searchParams.set(k, String(v));
  const headers: Record<string, string> = {
    authorization: `Bearer ${accessToken}`,
    'xero-tenant-id': req.tenantId,
    accept: 'application/json',
    'user-agent': 'ledgerbridge',
  };
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  if (req.idempotencyKey) headers['idempotency-key'] = req.idempotencyKey;
  if (req.ifModifiedSince)
    headers['if-modified-since'] = req.ifModifiedSince.toISOString().replace(/\.\d{3}Z$/, '');
  try {
    const response = await fetch(url, {
      method: req.method,
      headers,
      ...(req.body !== undefined && { body: JSON.stringify(req.body) }),
      signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
    });
    return { kind: 'answer', response, text: await response.text() };
  } catch (error) {
    const e = error as Error;
    return {
      kind: 'broken',
      what: e.name === 'TimeoutError' || e.name === 'AbortError' ? 'timeout' : 'network',
      error: e,
    };
  }
}

async function handle429(deps: XeroApiDeps, tenantId: string, response: Response): Promise<void> {
  const problem = (response.headers.get('x-rate-limit-problem') ?? 'minute').toLowerCase();
  // No Retry-After is promised for a concurrent 429 (reference §2): a second is enough for a slot.
  const wait = retryAfterMs(
    response.headers.get('retry-after'),
    deps.clock.now(),
    problem.startsWith('day') ? 3_600_000 : 1_000,
  );
  await deps.budget.pause(tenantId, problem.startsWith('day') ? 'day' : problem, wait);
}

function remainingFrom(headers: Headers): { minute?: number; day?: number } {
  const read = (name: string) => {
    const v = headers.get(name);
    return v === null || v === '' || Number.isNaN(Number(v)) ? undefined : Number(v);
  };
  const minute = read('x-minlimit-remaining');
  const day = read('x-daylimit-remaining');
  return { ...(minute !== undefined && { minute }), ...(day !== undefined && { day }) };
}

function parseBody(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function exhausted(req: XeroRequest, outcome: Attempt): LedgerbridgeError {
  const what =
    outcome.kind === 'answer'
      ? `HTTP ${outcome.response.status}`
      : outcome.what === 'timeout'
        ? 'a timeout'
        : `a dropped connection (${outcome.error.message})`;
  const message = `Xero ${req.method} ${req.path} for organisation ${req.tenantId} failed with ${what} after retries`;
  // A write that failed this way may still have been applied: say so, so the caller looks it up.
  const code = req.method === 'GET' ? 'LB_XERO_UNAVAILABLE' : 'LB_XERO_OUTCOME_UNKNOWN';
  return new LedgerbridgeError(code, message, {
    details: { tenantId: req.tenantId, path: req.path },
    ...(outcome.kind === 'broken' && { cause: outcome.error }),
  });
}
