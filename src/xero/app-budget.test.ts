import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decideApp,
  EMPTY_APP_BUDGET,
  flattenApp,
  unflattenApp,
  type AppBudgetState,
} from './app-budget.js';
import { MINUTE_MS, XERO_LIMITS } from './budget.js';

const limits = { ...XERO_LIMITS, appPerMinute: 20 };

describe('the app-wide minute limit', () => {
  it('never lets any minute hold more than the limit, wherever Xero’s minute starts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3_000 }), { minLength: 1, maxLength: 300 }),
        (gaps) => {
          let state: AppBudgetState = EMPTY_APP_BUDGET;
          let now = 1_700_000_000_000;
          const granted: number[] = [];
          for (const gap of gaps) {
            now += gap;
            const d = decideApp(unflattenApp(flattenApp(state)), now, limits);
            if (d.grant) {
              state = d.state;
              granted.push(now);
            }
          }
          // Every minute-long span that starts at a granted call holds at most the limit.
          for (const start of granted)
            expect(
              granted.filter((t) => t >= start && t < start + MINUTE_MS).length,
            ).toBeLessThanOrEqual(20);
        },
      ),
    );
  });

  it('allows the limit again once the oldest calls have left the window, and says how long to wait', () => {
    let state: AppBudgetState = EMPTY_APP_BUDGET;
    const t0 = 1_700_000_000_000;
    for (let i = 0; i < 20; i++) {
      const d = decideApp(state, t0 + i * 100, limits);
      expect(d.grant).toBe(true);
      if (d.grant) state = d.state;
    }
    const refused = decideApp(state, t0 + 5_000, limits);
    expect(refused).toEqual({
      grant: false,
      waitMs: t0 + 1_000 + MINUTE_MS + 2_000 - (t0 + 5_000),
    });
    if (!refused.grant)
      expect(decideApp(state, t0 + 5_000 + refused.waitMs, limits).grant).toBe(true);
  });

  it('uses at least 95 % of the limit when calls come as fast as it allows', () => {
    let state: AppBudgetState = EMPTY_APP_BUDGET;
    let now = 1_700_000_000_000;
    const end = now + 10 * MINUTE_MS;
    let calls = 0;
    while (now < end) {
      const d = decideApp(state, now, { ...XERO_LIMITS });
      if (d.grant) {
        state = d.state;
        calls++;
      } else now += d.waitMs;
    }
    expect(calls / (10 * XERO_LIMITS.appPerMinute)).toBeGreaterThanOrEqual(0.95);
    expect(state.buckets.length).toBeLessThanOrEqual(64);
  });
});
