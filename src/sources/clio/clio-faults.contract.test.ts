import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { readSourceCredentials } from '../../store/source-credentials-repo.js';
import { readSourceCursor } from '../../store/sources-repo.js';
import { makeScaledClock } from '../../time/clock.js';
import { FIRM, firmWorld, SOURCE, type FirmWorld } from './test-support.js';

const refused = (w: FirmWorld, status: string): number =>
  Object.values(w.emulator.control.stats().byEndpoint).reduce((n, s) => n + (s[status] ?? 0), 0);

describe.each(BACKENDS)('the Clio connector when things go wrong on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('keeps the cursor at the last stored page when a page of bills fails, and the next pull skips nothing', async () => {
    w = await firmWorld(backend);
    const { control } = w.emulator;
    control.generateBills(FIRM, 450);
    // Once the suggested mappings, contacts and the first page of bills are stored (three pages,
    // in one batch of up to 200 documents), every further bills request fails.
    const broken = await w.pull({
      batchDocuments: 200,
      onPage: (counts) => {
        if (counts.pages === 3)
          control.setFaults({ rules: [{ kind: 'http500', endpoint: 'GET /bills' }] });
      },
    });
    expect(broken.status).toBe('failed');
    const cursor = await readSourceCursor(w.db, SOURCE);
    expect(cursor?.['bills:next']).toContain('page_token');
    expect(cursor?.bills).toBeUndefined();
    expect((await w.documents('invoice')).length).toBe(200);
    control.setFaults(undefined);
    control.resetStats();
    const resumed = await w.pull();
    expect(resumed.status).toBe('succeeded');
    expect((await w.documents('invoice')).length).toBe(450 + 7);
    // The two pages left, not the whole list again.
    expect(control.stats().byEndpoint['GET /bills']).toEqual({ '200': 2 });
  });

  it('refreshes an expired token mid-pull once and stores the new one sealed', async () => {
    w = await firmWorld(backend);
    const { control } = w.emulator;
    const before = await w.credentials();
    const report = await w.pull({
      batchDocuments: 1, // each page stored alone: the tokens expire after the first
      onPage: (counts) => {
        if (counts.pages === 1) control.expireAccessTokens();
      },
    });
    expect(report.status).toBe('succeeded');
    expect(refused(w, '401')).toBe(1);
    const after = await w.credentials();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
  });

  it('needs reconnecting when the grant is revoked: one refused call, one refused refresh, none after', async () => {
    w = await firmWorld(backend);
    const { control } = w.emulator;
    await w.pull();
    const { accessToken } = await w.credentials();
    const revoked = await fetch(`${w.emulator.regionUrl('us')}/oauth/deauthorize`, {
      method: 'POST',
      headers: { authorization: `Bearer ${accessToken}` },
    });
    expect(revoked.status).toBe(200);
    control.resetStats();
    const report = await w.pull();
    expect(report.status).toBe('failed');
    expect(report.error?.code).toBe('LB_SOURCE_NEEDS_RECONNECT');
    expect(await readSourceCredentials(w.db, SOURCE)).toMatchObject({ status: 'needs_reconnect' });
    expect(control.stats().requests).toBe(2);
    await expect(w.pull()).rejects.toMatchObject({ code: 'LB_SOURCE_NEEDS_RECONNECT' });
    expect(control.stats().requests).toBe(2);
  });

  it("waits out Clio's 429s (Retry-After) and finishes the pull", async () => {
    const clock = makeScaledClock(600); // a minute's window passes in 100 ms
    w = await firmWorld(backend, {
      clock,
      rateLimit: { enabled: true, limit: 4, windowSeconds: 60 },
    });
    const report = await w.pull({ clock, rateLimitPerMinute: Infinity });
    expect(report.status).toBe('succeeded');
    expect(w.emulator.control.stats().rateLimited).toBeGreaterThan(0);
    expect((await w.documents('invoice')).length).toBe(7);
  });
});
