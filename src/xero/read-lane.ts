/**
 * The read lane (issue 20), pure: reconciliation reads share an organisation's budget with its
 * syncs, but must never starve one. While a sync of the organisation is waiting for budget, the
 * read lane may hold at most READ_LANE_SHARE of the minute limit in the sliding window (12 of
 * Xero's 60 calls), so the sync gets at least the other 80 %; when no sync waits, reads take
 * whatever the budget allows (a daily reconciliation at 06:00 finishes sooner).
 *
 * A sync "is waiting" from the moment one of its calls is refused until the wait it was told
 * plus SYNC_WAIT_GRACE_MS (the time to wake and ask again), and for as long after as it keeps
 * calling within SYNC_WAIT_GRACE_MS of its last grant: a sync that had to wait once is bound by
 * the budget, and a read taking the slot it is about to ask for would make it wait again. The
 * marker lapses by itself 5 s after the sync's last call, so a crashed sync does not hold the
 * read lane back for long.
 *
 * @module
 */

/** Which lane a call runs in: syncs (and everything else) first, reconciliation reads second. */
export type BudgetLane = 'sync' | 'read';

/** The read lane's share of the minute limit while a sync waits. */
export const READ_LANE_SHARE = 0.2;

export const SYNC_WAIT_GRACE_MS = 5_000;

export interface LaneState {
  /** Start times (ms) of the read lane's calls still in the window, oldest first. */
  readonly readLaneCalls?: readonly number[];
  /** Until when (ms) a sync is known to wait for budget; 0 when none does. */
  readonly syncWaitingUntil?: number;
}

/** At most this many read-lane calls in any window while a sync waits (at least one). */
export function readLaneCap(perMinute: number): number {
  return Math.max(1, Math.floor(perMinute * READ_LANE_SHARE));
}

/** Drops read-lane calls that left the window and a lapsed sync marker. */
export function normaliseLane(s: LaneState, now: number, windowMs: number): Required<LaneState> {
  return {
    readLaneCalls: (s.readLaneCalls ?? []).filter((t) => t > now - windowMs),
    syncWaitingUntil: (s.syncWaitingUntil ?? 0) > now ? (s.syncWaitingUntil ?? 0) : 0,
  };
}

/** How long a read must wait for its lane (0: it may go on to the budget's other checks). */
export function readLaneWaitMs(
  s: Required<LaneState>,
  now: number,
  perMinute: number,
  windowMs: number,
): number {
  if (s.syncWaitingUntil <= now) return 0;
  const cap = readLaneCap(perMinute);
  if (s.readLaneCalls.length < cap) return 0;
  const frees = s.readLaneCalls[s.readLaneCalls.length - cap]! + windowMs;
  return Math.max(1, Math.min(frees, s.syncWaitingUntil) - now);
}

/** A sync was told to wait `waitMs`: the read lane holds back until it has had its turn. */
export function markSyncWaiting<S extends LaneState>(s: S, now: number, waitMs: number): S {
  const until = now + waitMs + SYNC_WAIT_GRACE_MS;
  return { ...s, syncWaitingUntil: Math.max(s.syncWaitingUntil ?? 0, until) };
}

/** A sync call granted while a sync waits keeps the read lane held back (see the module). */
export function afterSyncGrant<S extends LaneState>(s: S, now: number): S {
  if ((s.syncWaitingUntil ?? 0) <= now) return s;
  return { ...s, syncWaitingUntil: Math.max(s.syncWaitingUntil ?? 0, now + SYNC_WAIT_GRACE_MS) };
}
