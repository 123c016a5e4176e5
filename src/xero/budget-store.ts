/**
 * The budget shared through the store by every process: one short transaction per call locks the
 * organisation's row and the app row (always in that order: '*app*' sorts first, so two callers
 * never deadlock), decides, and writes back. Times come from the injected clock, never now().
 *
 * @module
 */
import type { Database, Queryable } from '../store/database.js';
import type { Clock } from '../time/clock.js';
import {
  decide,
  EMPTY_BUDGET,
  observe,
  pause,
  release,
  type BudgetLimits,
  type BudgetState,
  type RemainingHeaders,
  DAY_MS,
  normalise,
} from './budget.js';
import { decideApp, flattenApp, unflattenApp, type AppBudgetState } from './app-budget.js';
import { deadLeases, holdLiveness, newLeaseId } from './lease-owner.js';
import { markSyncWaiting, type BudgetLane } from './read-lane.js';

const APP_ROW = '*app*';

export type Acquisition =
  | { readonly kind: 'granted'; readonly leaseId: string }
  | {
      readonly kind: 'wait';
      readonly waitMs: number;
      readonly reason: 'minute' | 'concurrent' | 'app-minute' | 'read-lane';
    }
  | { readonly kind: 'paused'; readonly until: number; readonly reason: string };

interface BudgetRow {
  tenant_id: string;
  minute_calls: (number | string)[];
  day_window_start: number;
  day_count: number;
  leases: Record<string, number>;
  paused_until: number;
  pause_reason: string | null;
  read_lane_calls: (number | string)[];
  sync_waiting_until: number | string;
  app_calls: (number | string)[];
}

export interface SharedBudget {
  /** A call's turn; `read` is the reconciliation's lane, which yields to a waiting sync. */
  acquire(tenantId: string, lane?: BudgetLane): Promise<Acquisition>;
  release(tenantId: string, leaseId: string): Promise<void>;
  /** Releases the lease and takes in Xero's remaining-call headers, in one transaction. */
  settle(tenantId: string, leaseId: string, remaining: RemainingHeaders): Promise<void>;
  observe(tenantId: string, remaining: RemainingHeaders): Promise<void>;
  pause(tenantId: string, problem: string, retryAfterMs: number): Promise<void>;
  read(tenantId: string): Promise<BudgetState>;
}

export function makeSharedBudget(
  db: Database,
  clock: Clock,
  limitsFor: (tenantId: string) => BudgetLimits,
): SharedBudget {
  /** Locks the organisation's row, applies a pure change, writes it back. */
  const update = (tenantId: string, change: (state: BudgetState, now: number) => BudgetState) =>
    db.transaction(async (tx) => {
      const rows = await lockRows(tx, [tenantId]);
      await writeState(tx, tenantId, change(toState(rows.get(tenantId)!), clock.now()));
    });
  return {
    async acquire(tenantId, lane = 'sync') {
      await holdLiveness(db);
      const first = await acquire(db, clock, tenantId, limitsFor(tenantId), lane);
      if (first.kind !== 'wait' || first.reason !== 'concurrent') return first;
      // All 5 slots taken: those of a process that died (SIGKILL mid-call) are freed now, not at
      // their 2-minute expiry (lease-owner.ts).
      const dead = await deadLeases(db, Object.keys((await readBudget(db, tenantId)).leases));
      if (dead.length === 0) return first;
      await update(tenantId, (s) => dead.reduce(release, s));
      return acquire(db, clock, tenantId, limitsFor(tenantId), lane);
    },
    release: (tenantId, leaseId) => update(tenantId, (s) => release(s, leaseId)),
    settle: (tenantId, leaseId, remaining) =>
      update(tenantId, (s, now) =>
        observe(release(s, leaseId), now, limitsFor(tenantId), remaining),
      ),
    observe: (tenantId, remaining) =>
      update(tenantId, (s, now) => observe(s, now, limitsFor(tenantId), remaining)),
    pause: (tenantId, problem, retryAfterMs) =>
      db.transaction(async (tx) => {
        const rows = await lockRows(tx, [tenantId]);
        const paused = pause(toState(rows.get(tenantId)!), clock.now(), problem, retryAfterMs);
        await writeState(tx, tenantId, paused);
        await countRateLimited(tx, tenantId);
      }),
    read: (tenantId) => readBudget(db, tenantId),
  };
}

function acquire(
  db: Database,
  clock: Clock,
  tenantId: string,
  limits: BudgetLimits,
  lane: BudgetLane,
): Promise<Acquisition> {
  return db.transaction(async (tx) => {
    const rows = await lockRows(tx, [APP_ROW, tenantId]);
    const now = clock.now();
    const leaseId = newLeaseId();
    const state = toState(rows.get(tenantId)!);
    const decision = decide(state, now, limits, leaseId, lane);
    // A sync told to wait holds the read lane back until it has had its turn (read-lane.ts).
    const waiting = async (waitMs: number) => {
      if (lane === 'sync')
        await writeState(tx, tenantId, markSyncWaiting(normalise(state, now), now, waitMs));
      return Math.max(1, waitMs);
    };
    if (decision.kind === 'wait')
      return { kind: 'wait', waitMs: await waiting(decision.waitMs), reason: decision.reason };
    if (decision.kind === 'paused') return decision;
    const app = decideApp(toApp(rows.get(APP_ROW)!), now, limits);
    if (!app.grant)
      return { kind: 'wait', waitMs: await waiting(app.waitMs), reason: 'app-minute' };
    await writeState(tx, tenantId, decision.state);
    await countCallHour(tx, tenantId, now);
    await tx.query('UPDATE xero_budget SET app_calls = $2::bigint[] WHERE tenant_id = $1', [
      APP_ROW,
      flattenApp(app.state),
    ]);
    return { kind: 'granted', leaseId };
  });
}

const HOUR_MS = 3_600_000;

/** One granted call in its UTC hour of the day (the dashboard's chart); a new day starts at zero. */
async function countCallHour(tx: Queryable, tenantId: string, now: number): Promise<void> {
  await tx.query(
    `UPDATE xero_budget SET hour_calls_day = $2,
       hour_calls = (SELECT array_agg(CASE WHEN i = $3 THEN c + 1 ELSE c END ORDER BY i)
         FROM unnest(CASE WHEN hour_calls_day = $2 AND cardinality(hour_calls) = 24 THEN hour_calls
                          ELSE array_fill(0, ARRAY[24]) END) WITH ORDINALITY AS t(c, i))
     WHERE tenant_id = $1`,
    [tenantId, Math.floor(now / DAY_MS), Math.floor((now % DAY_MS) / HOUR_MS) + 1],
  );
}

/** Calls granted in each UTC hour of today (24 numbers, hour 0 first). */
export async function callsByHourToday(
  db: Queryable,
  tenantId: string,
  now: number,
): Promise<number[]> {
  const [row] = await db.query<{ hour_calls: number[]; hour_calls_day: number }>(
    'SELECT hour_calls, hour_calls_day FROM xero_budget WHERE tenant_id = $1',
    [tenantId],
  );
  const today = row && row.hour_calls_day === Math.floor(now / DAY_MS) ? row.hour_calls : [];
  return Array.from({ length: 24 }, (_, h) => Number(today[h] ?? 0));
}

async function readBudget(db: Queryable, tenantId: string): Promise<BudgetState> {
  const [row] = await db.query<BudgetRow>('SELECT * FROM xero_budget WHERE tenant_id = $1', [
    tenantId,
  ]);
  return row ? toState(row) : EMPTY_BUDGET;
}

async function lockRows(
  tx: Queryable,
  tenantIds: readonly string[],
): Promise<Map<string, BudgetRow>> {
  await tx.query(
    'INSERT INTO xero_budget (tenant_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING',
    [tenantIds],
  );
  const rows = await tx.query<BudgetRow>(
    'SELECT * FROM xero_budget WHERE tenant_id = ANY($1::text[]) ORDER BY tenant_id FOR UPDATE',
    [tenantIds],
  );
  return new Map(rows.map((r) => [r.tenant_id, r]));
}

function toState(row: BudgetRow): BudgetState {
  return {
    minuteCalls: row.minute_calls.map(Number),
    dayWindowStart: Number(row.day_window_start),
    dayCount: row.day_count,
    leases: row.leases,
    pausedUntil: Number(row.paused_until),
    pauseReason: row.pause_reason,
    readLaneCalls: (row.read_lane_calls ?? []).map(Number),
    syncWaitingUntil: Number(row.sync_waiting_until ?? 0),
  };
}

function toApp(row: BudgetRow): AppBudgetState {
  return unflattenApp(row.app_calls);
}

async function writeState(tx: Queryable, tenantId: string, s: BudgetState): Promise<void> {
  await tx.query(
    `UPDATE xero_budget SET minute_calls = $2::bigint[], day_window_start = $3, day_count = $4, leases = $5::jsonb,
       paused_until = $6, pause_reason = $7, read_lane_calls = $8::bigint[], sync_waiting_until = $9,
       updated_at = now() WHERE tenant_id = $1`,
    [
      tenantId,
      s.minuteCalls,
      s.dayWindowStart,
      s.dayCount,
      JSON.stringify(s.leases),
      s.pausedUntil,
      s.pauseReason,
      s.readLaneCalls ?? [],
      s.syncWaitingUntil ?? 0,
    ],
  );
}

/** Calls made to `tenantId` in its current day window at `now` (0 once the window has passed). */
/** Counts one 429 from Xero against the organisation (the row is locked by the caller). */
async function countRateLimited(tx: Queryable, tenantId: string): Promise<void> {
  await tx.query('UPDATE xero_budget SET rate_limited = rate_limited + 1 WHERE tenant_id = $1', [
    tenantId,
  ]);
}

/** Per organisation: 429s Xero answered (every process's), and the budget left now. */
export interface BudgetFigures {
  readonly tenantId: string;
  readonly rateLimited: number;
  readonly minuteLeft: number;
  readonly dayLeft: number;
}

export async function budgetFigures(
  db: Queryable,
  tenantId: string,
  now: number,
  limits: BudgetLimits,
): Promise<BudgetFigures> {
  const [row] = await db.query<{ rate_limited: number | string }>(
    'SELECT rate_limited FROM xero_budget WHERE tenant_id = $1',
    [tenantId],
  );
  const state = normalise(await readBudget(db, tenantId), now);
  const inMinute = state.minuteCalls.filter((t) => now - t < 60_000).length;
  return {
    tenantId,
    rateLimited: Number(row?.rate_limited ?? 0),
    minuteLeft: Math.max(0, limits.perMinute - inMinute),
    dayLeft: Math.max(0, limits.perDay - (await callsToday(db, tenantId, now))),
  };
}

export async function callsToday(db: Queryable, tenantId: string, now: number): Promise<number> {
  const state = await readBudget(db, tenantId);
  return now - state.dayWindowStart >= DAY_MS ? 0 : state.dayCount;
}
