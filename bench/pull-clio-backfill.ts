/**
 * A Clio backfill of 10,000 bills (issue: "PMS sources"): the requests it makes against the
 * minimum that Clio's 200-record pages allow (target ≤ 1.05 ×), and 429s drawn (target 0), with
 * Clio's 50-a-minute limit on. The emulator's clock runs 600 × fast, so the limit's minute passes
 * in 100 ms and the bench counts requests, not minutes. The same figure is checked by
 * src/sources/clio/clio-backfill.contract.test.ts; here it is printed beside the Cliniko rate.
 *
 * @module
 */
import { FIRM, firmWorld, minimumFirstPullRequests } from '../src/sources/clio/test-support.js';
import { makeScaledClock } from '../src/time/clock.js';

const BILLS = 10_000;

export interface ClioBackfill {
  readonly bills: number;
  readonly requests: number;
  readonly minimum: number;
  readonly throttled: number;
}

export async function clioBackfill(): Promise<ClioBackfill> {
  const clock = makeScaledClock(600);
  const w = await firmWorld('pglite', {
    clock,
    rateLimit: { enabled: true, limit: 50, windowSeconds: 60 },
  });
  try {
    const { control } = w.emulator;
    control.generateBills(FIRM, BILLS);
    control.resetStats();
    const report = await w.pull({ clock });
    if (report.status !== 'succeeded')
      throw new Error(`the Clio backfill ${report.status}: ${report.error?.message}`);
    const minimum = minimumFirstPullRequests(w.emulator);
    const stats = control.stats();
    return { bills: BILLS, requests: stats.requests, minimum, throttled: stats.rateLimited };
  } finally {
    await w.dispose();
  }
}
