import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { makeScaledClock } from '../../time/clock.js';
import { FIRM, firmWorld, minimumFirstPullRequests, type FirmWorld } from './test-support.js';

describe.each(BACKENDS)('a Clio backfill on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('reads 10,000 bills in at most 1.05 × the requests 200-record pages need, with no 429', async () => {
    const clock = makeScaledClock(600); // Clio's 50-a-minute window passes in 100 ms
    w = await firmWorld(backend, {
      clock,
      rateLimit: { enabled: true, limit: 50, windowSeconds: 60 },
    });
    const { control } = w.emulator;
    control.generateBills(FIRM, 10_000);
    control.resetStats();
    const report = await w.pull({ clock });
    expect(report.status).toBe('succeeded');
    expect(report.counts.rejected).toBe(0);
    const minimum = minimumFirstPullRequests(w.emulator);
    const stats = control.stats();
    expect(stats.rateLimited).toBe(0);
    expect(stats.requests).toBeLessThanOrEqual(Math.floor(minimum * 1.05));
    expect((await w.documents('invoice')).length).toBe(10_007);
  }, 600_000);
});
