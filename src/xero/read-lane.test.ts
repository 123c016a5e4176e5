import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS, freshDatabase, type FreshDatabase } from '../../test/support/backends.js';
import { makeManualClock } from '../time/clock.js';
import { decide, EMPTY_BUDGET, MINUTE_MS, release, XERO_LIMITS } from './budget.js';
import { makeSharedBudget } from './budget-store.js';
import { markSyncWaiting, readLaneCap, type BudgetLane } from './read-lane.js';

// 20 calls a minute and a try every 3 s keep the store test to ~180 transactions; the pure test
// below runs Xero's own 60.
const limits = { ...XERO_LIMITS, perMinute: 20, windowMarginMs: 0 };
const xeroLimits = { ...XERO_LIMITS, windowMarginMs: 0 };
const TICK_MS = 3_000;

describe.each(BACKENDS)('the read lane in the shared budget, on %s', (backend) => {
  let fresh: FreshDatabase;
  afterEach(async () => fresh?.dispose());

  it('takes the whole minute alone, and at most its share while a sync waits', async () => {
    fresh = await freshDatabase(backend);
    const clock = makeManualClock(1_000_000);
    const budget = makeSharedBudget(fresh.db, clock, () => limits);
    const grants: { lane: BudgetLane; at: number }[] = [];
    /** One caller's try: granted calls finish at once (the lease is released). */
    const ask = async (lane: BudgetLane) => {
      const a = await budget.acquire('t1', lane);
      if (a.kind !== 'granted') return;
      grants.push({ lane, at: clock.now() });
      await budget.release('t1', a.leaseId);
    };
    // A reconciliation alone for a minute: nothing holds it back.
    for (let t = 0; t < MINUTE_MS; t += TICK_MS, clock.advance(TICK_MS)) await ask('read');
    expect(grants.filter((g) => g.lane === 'read')).toHaveLength(20);
    // Then a sync starts; the reconciliation asks first at every tick (the worst case for it).
    const syncFrom = clock.now();
    for (let t = 0; t < 2 * MINUTE_MS; t += TICK_MS, clock.advance(TICK_MS)) {
      await ask('read');
      await ask('sync');
    }
    const inMinute = (lane: BudgetLane, from: number) =>
      grants.filter((g) => g.lane === lane && g.at >= from && g.at < from + MINUTE_MS).length;
    const cap = readLaneCap(limits.perMinute);
    expect([cap, readLaneCap(60)]).toEqual([4, 12]);
    // Every 60-second span once the reconciliation's first minute has passed holds at most its
    // share of reads, and the sync gets the rest.
    for (let from = syncFrom + MINUTE_MS; from + MINUTE_MS <= clock.now(); from += 5_000) {
      expect(inMinute('read', from)).toBeLessThanOrEqual(cap);
      expect(inMinute('sync', from)).toBeGreaterThanOrEqual(limits.perMinute - cap);
    }
    // The sync started as soon as the reconciliation's first calls aged out.
    expect(grants.find((g) => g.lane === 'sync')!.at - syncFrom).toBeLessThanOrEqual(TICK_MS);
  });
});

describe('the read lane, pure', () => {
  it('without the lane a greedy reconciliation takes the freed slots first', () => {
    const simulate = (readLane: BudgetLane) => {
      let state = EMPTY_BUDGET;
      let sync = 0;
      for (let t = 0, i = 0; t < 2 * MINUTE_MS; t += 500) {
        const r = decide(state, t, xeroLimits, `r${i++}`, readLane);
        if (r.kind === 'grant') state = release(r.state, `r${i - 1}`);
        if (t < MINUTE_MS) continue;
        const s = decide(state, t, xeroLimits, `s${i++}`, 'sync');
        if (s.kind === 'grant') {
          state = release(s.state, `s${i - 1}`);
          sync += 1;
        } else if (s.kind === 'wait') state = markSyncWaiting(state, t, s.waitMs);
      }
      return sync;
    };
    // In one lane the sync gets nothing in its first minute; with the lane, all but the share.
    expect(simulate('sync')).toBe(0);
    expect(simulate('read')).toBe(60 - readLaneCap(60));
  });
});
