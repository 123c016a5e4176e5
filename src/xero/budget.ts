/**
 * The budget: what Xero still allows an organisation, decided before every call. Pure — the
 * state comes from the store (shared by every process) and `now` from the injected clock.
 *
 * Xero's limits (reference/xero-api.md §2): per organisation 60 calls a minute, 5 in progress,
 * 5,000 a day (1,000 on the Starter tier); 10,000 a minute across the app. Xero's windows are
 * fixed but reset at different times per tenant, and we cannot see where they start, so the
 * minute limit is kept as a sliding window: no 60-second span ever holds more than the limit,
 * which is safe wherever Xero's window begins.
 *
 * Reconciliation reads run in a second lane that never starves a sync (read-lane.ts).
 *
 * @module
 */
import {
  afterSyncGrant,
  normaliseLane,
  readLaneWaitMs,
  type BudgetLane,
  type LaneState,
} from './read-lane.js';

export interface BudgetLimits {
  readonly perMinute: number;
  readonly concurrent: number;
  readonly perDay: number;
  readonly appPerMinute: number;
  /** How long an unreleased lease holds a concurrency slot (a crashed caller's slot lapses). */
  readonly leaseMs: number;
  /**
   * Extra width of the sliding minute window. Xero counts a call when it arrives, we when we
   * send it; if one call is slower on the wire than its successor 60 s later, both can land in
   * one of Xero's windows. 2 s covers that jitter at a cost of 60/62 of the throughput (3 %).
   */
  readonly windowMarginMs: number;
}

/** Xero's own per-minute limit, which X-MinLimit-Remaining counts down from. */
export const XERO_MINUTE_LIMIT = 60;

export const XERO_LIMITS: BudgetLimits = Object.freeze({
  perMinute: XERO_MINUTE_LIMIT,
  concurrent: 5,
  perDay: 5_000,
  appPerMinute: 10_000,
  leaseMs: 120_000,
  windowMarginMs: 2_000,
});

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

export interface BudgetState extends LaneState {
  /** Start times (ms) of calls within the last minute, oldest first. */
  readonly minuteCalls: readonly number[];
  readonly dayWindowStart: number;
  readonly dayCount: number;
  /** Lease id → expiry (ms). */
  readonly leases: Readonly<Record<string, number>>;
  readonly pausedUntil: number;
  readonly pauseReason: string | null;
}

export type Decision =
  | { readonly kind: 'grant'; readonly state: BudgetState }
  | {
      readonly kind: 'wait';
      readonly waitMs: number;
      readonly reason: 'minute' | 'concurrent' | 'app-minute' | 'read-lane';
    }
  | { readonly kind: 'paused'; readonly until: number; readonly reason: string };

export const EMPTY_BUDGET: BudgetState = Object.freeze({
  readLaneCalls: [],
  syncWaitingUntil: 0,
  minuteCalls: [],
  dayWindowStart: 0,
  dayCount: 0,
  leases: {},
  pausedUntil: 0,
  pauseReason: null,
});

/**
 * Drops what has aged out. `windowMs` is how far back calls still count; callers that only tidy
 * up keep two minutes, more than any margin, so they never forget a call that still counts.
 */
export function normalise(state: BudgetState, now: number, windowMs = 2 * MINUTE_MS): BudgetState {
  const newDay = now - state.dayWindowStart >= DAY_MS;
  return {
    ...normaliseLane(state, now, windowMs),
    minuteCalls: state.minuteCalls.filter((t) => t > now - windowMs),
    dayWindowStart: newDay ? now : state.dayWindowStart,
    dayCount: newDay ? 0 : state.dayCount,
    leases: Object.fromEntries(Object.entries(state.leases).filter(([, expiry]) => expiry > now)),
    pausedUntil: state.pausedUntil > now ? state.pausedUntil : 0,
    pauseReason: state.pausedUntil > now ? state.pauseReason : null,
  };
}

/**
 * May a call start now? A grant records the call and takes a concurrency lease. A call in the
 * read lane also waits while it holds its share and a sync waits (read-lane.ts).
 */
export function decide(
  raw: BudgetState,
  now: number,
  limits: BudgetLimits,
  leaseId: string,
  lane: BudgetLane = 'sync',
): Decision {
  const windowMs = MINUTE_MS + limits.windowMarginMs;
  const s = normalise(raw, now, windowMs);
  if (s.pausedUntil > now) {
    // A day pause is reported (the caller stops); a minute pause is waited out.
    if (s.pauseReason === 'day') return { kind: 'paused', until: s.pausedUntil, reason: 'day' };
    return { kind: 'wait', waitMs: s.pausedUntil - now, reason: 'minute' };
  }
  if (s.dayCount >= limits.perDay)
    return { kind: 'paused', until: s.dayWindowStart + DAY_MS, reason: 'day' };
  if (lane === 'read') {
    const laneWait = readLaneWaitMs(
      normaliseLane(s, now, windowMs),
      now,
      limits.perMinute,
      windowMs,
    );
    if (laneWait > 0) return { kind: 'wait', waitMs: laneWait, reason: 'read-lane' };
  }
  if (s.minuteCalls.length >= limits.perMinute) {
    const oldest = s.minuteCalls[s.minuteCalls.length - limits.perMinute]!;
    return { kind: 'wait', waitMs: oldest + windowMs - now, reason: 'minute' };
  }
  const leaseExpiries = Object.values(s.leases);
  if (leaseExpiries.length >= limits.concurrent) {
    // Normally a release wakes us sooner; the lease expiry bounds the wait for a crashed holder.
    return { kind: 'wait', waitMs: Math.min(...leaseExpiries) - now, reason: 'concurrent' };
  }
  return {
    kind: 'grant',
    state: {
      ...(lane === 'sync' ? afterSyncGrant(s, now) : s),
      minuteCalls: [...s.minuteCalls, now],
      ...(lane === 'read' && { readLaneCalls: [...(s.readLaneCalls ?? []), now] }),
      dayCount: s.dayCount + 1,
      leases: { ...s.leases, [leaseId]: now + limits.leaseMs },
    },
  };
}

export function release(state: BudgetState, leaseId: string): BudgetState {
  const { [leaseId]: _released, ...leases } = state.leases;
  return { ...state, leases };
}

/** What Xero's response headers say it still allows (undefined when a header is absent). */
export interface RemainingHeaders {
  readonly minute?: number;
  readonly day?: number;
}

/**
 * Corrects our count from Xero's own: another app instance, a retried call or a clock skew can
 * make Xero count more than we did. We only ever become more careful, never less.
 */
export function observe(
  raw: BudgetState,
  now: number,
  limits: BudgetLimits,
  remaining: RemainingHeaders,
): BudgetState {
  let s = normalise(raw, now, MINUTE_MS + limits.windowMarginMs);
  if (remaining.day !== undefined)
    s = { ...s, dayCount: Math.max(s.dayCount, limits.perDay - remaining.day) };
  if (remaining.minute !== undefined) {
    // X-MinLimit-Remaining counts down from Xero's own 60, whatever limit this budget was given
    // (tests and benchmarks raise it); reading it against ours would invent thousands of calls.
    const used = XERO_MINUTE_LIMIT - remaining.minute;
    const missing = used - s.minuteCalls.length;
    if (missing > 0)
      s = {
        ...s,
        minuteCalls: [...s.minuteCalls, ...Array<number>(missing).fill(now)].sort((a, b) => a - b),
      };
  }
  return s;
}

/** After a 429: wait out Retry-After (minute), or park the organisation until the reset (day). */
export function pause(
  raw: BudgetState,
  now: number,
  /** X-Rate-Limit-Problem as Xero sent it: `minute`, `day`, `concurrent`, or another value. */
  problem: string,
  retryAfterMs: number,
): BudgetState {
  const s = normalise(raw, now);
  const reason = problem === 'day' ? 'day' : 'minute';
  const until = now + Math.max(retryAfterMs, problem === 'concurrent' ? 1_000 : 0);
  return { ...s, pausedUntil: Math.max(s.pausedUntil, until), pauseReason: reason };
}
