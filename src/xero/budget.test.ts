import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decide,
  DAY_MS,
  EMPTY_BUDGET,
  MINUTE_MS,
  observe,
  pause,
  release,
  XERO_LIMITS,
  type BudgetState,
} from './budget.js';

const limits = { ...XERO_LIMITS, perDay: 100, windowMarginMs: 0 };

describe('budget', () => {
  it('never grants more than the minute limit in any 60-second span, nor more than 5 at once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 3_000 }), fc.boolean()), {
          minLength: 1,
          maxLength: 400,
        }),
        (steps) => {
          let state: BudgetState = EMPTY_BUDGET;
          let now = 0;
          const grants: number[] = [];
          const open: string[] = [];
          steps.forEach(([advance, releaseOne], i) => {
            now += advance;
            if (releaseOne && open.length > 0) state = release(state, open.shift()!);
            const d = decide(state, now, { ...limits, perDay: 10_000 }, `l${i}`);
            if (d.kind === 'grant') {
              state = d.state;
              grants.push(now);
              open.push(`l${i}`);
              expect(Object.keys(state.leases).length).toBeLessThanOrEqual(5);
            }
          });
          for (const t of grants)
            expect(grants.filter((g) => g >= t && g < t + MINUTE_MS).length).toBeLessThanOrEqual(
              60,
            );
        },
      ),
    );
  });

  it('says how long to wait for the minute window and for a concurrency slot', () => {
    let state: BudgetState = EMPTY_BUDGET;
    for (let i = 0; i < 60; i++) {
      const d = decide(state, 1_000 + i, limits, `l${i}`);
      if (d.kind !== 'grant') throw new Error(`call ${i} refused`);
      state = release(d.state, `l${i}`);
    }
    expect(decide(state, 2_000, limits, 'x')).toEqual({
      kind: 'wait',
      waitMs: 1_000 + MINUTE_MS - 2_000,
      reason: 'minute',
    });
    expect(decide(state, 1_000 + MINUTE_MS, limits, 'x').kind).toBe('grant');

    let busy: BudgetState = EMPTY_BUDGET;
    for (let i = 0; i < 5; i++)
      busy = (decide(busy, 0, limits, `c${i}`) as { state: BudgetState }).state;
    expect(decide(busy, 10, limits, 'x')).toMatchObject({
      kind: 'wait',
      reason: 'concurrent',
      waitMs: limits.leaseMs - 10,
    });
    // A crashed holder's lease lapses.
    expect(decide(busy, limits.leaseMs + 1, limits, 'x').kind).toBe('grant');
  });

  it('parks the organisation when the day is used up, until the day resets', () => {
    let state: BudgetState = EMPTY_BUDGET;
    for (let i = 0; i < 100; i++)
      state = release(
        (decide(state, i * MINUTE_MS, limits, 'l') as { state: BudgetState }).state,
        'l',
      );
    expect(decide(state, 100 * MINUTE_MS, limits, 'x')).toEqual({
      kind: 'paused',
      until: DAY_MS,
      reason: 'day',
    });
    expect(decide(state, DAY_MS, limits, 'x').kind).toBe('grant');
  });

  it('becomes more careful from Xero’s remaining-call headers, never less', () => {
    const corrected = observe(EMPTY_BUDGET, 5_000, limits, { minute: 10, day: 40 });
    expect(corrected.minuteCalls).toHaveLength(50);
    expect(corrected.dayCount).toBe(60);
    expect(observe(corrected, 5_000, limits, { minute: 59, day: 99 })).toMatchObject({
      dayCount: 60,
    });
    expect(decide(corrected, 5_001, limits, 'x').kind).toBe('grant');
  });

  it('waits out a minute 429 and parks on a day 429', () => {
    const minute = pause(EMPTY_BUDGET, 0, 'minute', 7_000);
    expect(decide(minute, 1_000, limits, 'x')).toEqual({
      kind: 'wait',
      waitMs: 6_000,
      reason: 'minute',
    });
    expect(decide(minute, 7_000, limits, 'x').kind).toBe('grant');
    const day = pause(EMPTY_BUDGET, 0, 'day', 3_600_000);
    expect(decide(day, 1_000, limits, 'x')).toEqual({
      kind: 'paused',
      until: 3_600_000,
      reason: 'day',
    });
  });
});
