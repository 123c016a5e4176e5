import { afterEach, describe, expect, it } from 'vitest';
import { connectApp, startTestSandbox } from './test-support/harness.js';
import type { ApiResult, TestSandbox } from './test-support/harness.js';

let t: TestSandbox | undefined;
afterEach(async () => {
  await t?.stop();
  t = undefined;
});

async function burst(sandbox: TestSandbox, n: number): Promise<ApiResult[]> {
  const out: ApiResult[] = [];
  for (let i = 0; i < n; i += 1) out.push(await sandbox.api('GET', '/Organisation'));
  return out;
}

describe('rate limits (reference §2)', () => {
  it('60 calls a minute per organisation, then 429 minute with Retry-After in clock seconds', async () => {
    t = await startTestSandbox({ limits: { enabled: true } });
    const first = await t.api('GET', '/Organisation');
    expect(first.headers.get('x-minlimit-remaining')).toBe('59');
    expect(first.headers.get('x-daylimit-remaining')).toBe('4999');
    expect(first.headers.get('x-appminlimit-remaining')).toBe('9999');
    await burst(t, 59);
    t.clock.advance(15_000);
    const refused = await t.api('GET', '/Organisation');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('minute');
    expect(refused.headers.get('retry-after')).toBe('45');
    expect(refused.headers.get('x-minlimit-remaining')).toBe('0');
    t.clock.advance(45_000);
    expect((await t.api('GET', '/Organisation')).status).toBe(200);
    expect(t.sandbox.control.stats().rateLimited.minute).toBe(1);
  });

  it('a daily limit: 1,000 on the Starter tier, with Retry-After', async () => {
    t = await startTestSandbox({
      limits: { enabled: true, perMinute: 1_000_000, concurrent: 1_000 },
    });
    t.sandbox.control.setDailyLimitTier(t.tenantId, 'starter');
    const results: ApiResult[] = [];
    for (let i = 0; i < 50; i += 1) {
      const sandbox = t;
      results.push(
        ...(await Promise.all(
          Array.from({ length: 20 }, () => sandbox.api('GET', '/Organisation')),
        )),
      );
    }
    results.sort(
      (a, b) =>
        Number(b.headers.get('x-daylimit-remaining')) -
        Number(a.headers.get('x-daylimit-remaining')),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results[999]?.headers.get('x-daylimit-remaining')).toBe('0');
    t.clock.advance(20 * 60_000);
    const refused = await t.api('GET', '/Organisation');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('day');
    expect(refused.headers.get('retry-after')).toBe(String(24 * 3600 - 20 * 60));
  });

  it('5 calls in progress at once; the sixth gets 429 concurrent without Retry-After', async () => {
    t = await startTestSandbox({ limits: { enabled: true }, latencyMs: 1_000 });
    const sandbox = t;
    const calls = Array.from({ length: 6 }, () => sandbox.api('GET', '/Organisation'));
    const firstBack = await Promise.race(calls);
    expect(firstBack.status).toBe(429);
    expect(firstBack.headers.get('x-rate-limit-problem')).toBe('concurrent');
    expect(firstBack.headers.get('retry-after')).toBeNull();
    sandbox.clock.advance(1_000);
    const all = await Promise.all(calls);
    expect(all.filter((r) => r.status === 200)).toHaveLength(5);
    expect(sandbox.sandbox.control.stats().maxConcurrency[sandbox.tenantId]).toBe(5);
  });

  it('an app-wide minute limit across organisations (appminute)', async () => {
    t = await startTestSandbox({ limits: { enabled: true, appPerMinute: 3 } });
    const other = t.sandbox.control.createOrganisation({ name: 'Second Org', region: 'NZ' });
    const client = { clientId: t.clientId, clientSecret: t.clientSecret };
    const tokens = await connectApp(t.sandbox, client, 'accounting.transactions');
    const callOther = () =>
      fetch(`${t?.sandbox.urls.api}/Organisation`, {
        headers: {
          authorization: `Bearer ${String(tokens.access_token)}`,
          accept: 'application/json',
          'xero-tenant-id': other.tenantId,
        },
      });
    await burst(t, 2);
    expect((await callOther()).status).toBe(200);
    const refused = await callOther();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('x-rate-limit-problem')).toBe('appminute');
    expect(refused.headers.get('x-appminlimit-remaining')).toBe('0');
  });

  it('can be switched off for benchmarks; the headers stay', async () => {
    t = await startTestSandbox({ limits: { enabled: true } });
    t.sandbox.control.setLimits({ enabled: false });
    const results = await burst(t, 70);
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results[69]?.headers.get('x-minlimit-remaining')).toBe('0');
  });
});
