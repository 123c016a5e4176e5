/**
 * Xero's app-wide limit: 10,000 calls a minute across every organisation the app is connected to
 * (reference/xero-api.md §2). Where Xero's minute starts is not ours to see, so — as for each
 * organisation's 60 (budget.ts) — no span of a minute may ever hold more than the limit, wherever
 * it falls. A log of every call's time, as each organisation keeps, would be 10,000 numbers
 * rewritten on every call; instead calls are counted in one-second buckets, and a call is allowed
 * while the buckets that touch the last minute and the margin hold fewer than the limit. That
 * counts up to 63 s as one minute: the app may use 60/63 of its allowance (95 %), never more.
 *
 * Pure: the state comes from the store (budget-store.ts), `now` from the injected clock.
 *
 * @module
 */
import { MINUTE_MS, type BudgetLimits } from './budget.js';

const BUCKET_MS = 1_000;

/** Calls per second-bucket over the last minute: [bucket start (ms), calls], oldest first. */
export interface AppBudgetState {
  readonly buckets: readonly (readonly [number, number])[];
}

export const EMPTY_APP_BUDGET: AppBudgetState = Object.freeze({ buckets: [] });

export type AppDecision =
  | { readonly grant: true; readonly state: AppBudgetState }
  | { readonly grant: false; readonly waitMs: number };

/** Whether one more call may start at `now`, and the state with it counted. */
export function decideApp(state: AppBudgetState, now: number, limits: BudgetLimits): AppDecision {
  const span = MINUTE_MS + limits.windowMarginMs;
  // A bucket counts while any of it lies within the last span: [start, start + 1 s) meets (now − span, now].
  const live = state.buckets.filter(([start]) => start + BUCKET_MS > now - span);
  const calls = live.reduce((n, [, count]) => n + count, 0);
  if (calls >= limits.appPerMinute) {
    const oldest = live[0]![0];
    return { grant: false, waitMs: Math.max(1, oldest + BUCKET_MS + span - now) };
  }
  const current = Math.floor(now / BUCKET_MS) * BUCKET_MS;
  const last = live.at(-1);
  const buckets: (readonly [number, number])[] =
    last?.[0] === current
      ? [...live.slice(0, -1), [current, last[1] + 1]]
      : [...live, [current, 1]];
  return { grant: true, state: { buckets } };
}

/** The state as one flat array for a bigint[] column: start, calls, start, calls, … */
export function flattenApp(state: AppBudgetState): number[] {
  return state.buckets.flatMap(([start, count]) => [start, count]);
}

export function unflattenApp(flat: readonly (number | string)[]): AppBudgetState {
  const buckets: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) buckets.push([Number(flat[i]), Number(flat[i + 1])]);
  return { buckets };
}
