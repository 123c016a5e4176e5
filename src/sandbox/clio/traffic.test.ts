import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import { until } from '../emulator-kit/until.js';
import type { Harness, TokenAnswer } from './test-support.js';
import { FIRM, api, connect, dataOf, nextOf, startHarness } from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

/** Reads every page, retrying a page that failed; the ids and the failures seen. */
async function readWithRetry(
  token: TokenAnswer,
  path: string,
): Promise<{ ids: number[]; failures: number }> {
  const ids: number[] = [];
  let failures = 0;
  for (let next: string | undefined = path; next;) {
    const answer = await api(token, next);
    if (answer.status === 500) {
      failures += 1;
      expect(answer.body).toMatchObject({ error: { type: 'InternalServerError' } });
      continue;
    }
    ids.push(...dataOf(answer).map((b) => b.id as number));
    next = nextOf(answer);
  }
  return { ids, failures };
}

describe('Clio emulator: rate limit, faults, stats', () => {
  it('sends the X-RateLimit headers and refuses the 51st call in a minute with Retry-After', async () => {
    const clock = makeManualClock(Date.UTC(2026, 2, 2, 15, 0, 0));
    h = await startHarness({ clock, rateLimit: { enabled: true } });
    const token = await connect(h);
    const first = await api(token, 'contacts.json');
    expect(first.headers.get('x-ratelimit-limit')).toBe('50');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('49');
    expect(first.headers.get('x-ratelimit-reset')).toBe(String(clock.now() / 1000 + 60));
    for (let i = 0; i < 49; i++) await api(token, 'contacts.json');
    clock.advance(45_000);
    const refused = await api(token, 'contacts.json');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('15');
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    clock.advance(15_000);
    expect((await api(token, 'contacts.json')).status).toBe(200);
    const other = await connect(h);
    expect((await api(other, 'contacts.json')).headers.get('x-ratelimit-remaining')).toBe('49');
    expect(h.emulator.control.stats().rateLimited).toBe(1);
    h.emulator.control.setRateLimit({ limit: 2 });
    await api(token, 'contacts.json');
    await api(token, 'contacts.json');
    expect((await api(token, 'contacts.json')).status).toBe(429);
    h.emulator.control.setRateLimit({ enabled: false });
    const off = await api(token, 'contacts.json');
    expect(off.status).toBe(200);
    expect(off.headers.get('x-ratelimit-limit')).toBeNull();
  });

  it('fails the nth page of a paged read once; a retry of that page goes on', async () => {
    h = await startHarness();
    const token = await connect(h);
    h.emulator.control.generateBills(FIRM, 500);
    h.emulator.control.setFaults({ nthRequest: [{ endpoint: 'GET /bills', nth: 2 }] });
    const { ids, failures } = await readWithRetry(token, 'bills.json?fields=id&order=id(asc)');
    expect(failures).toBe(1);
    expect(ids.length).toBe(507);
    expect(new Set(ids).size).toBe(507);
    expect(h.emulator.control.stats().byEndpoint['GET /bills']).toEqual({ '200': 3, '500': 1 });
  });

  it('answers seeded 503s and 429s, and drops connections', async () => {
    h = await startHarness();
    const token = await connect(h);
    h.emulator.control.setFaults({
      rules: [
        { kind: 'http503', endpoint: 'GET /contacts' },
        { kind: 'http429', endpoint: 'GET /matters', retryAfterSeconds: 7 },
        { kind: 'drop', endpoint: 'GET /activities' },
      ],
    });
    expect((await api(token, 'contacts.json')).status).toBe(503);
    const limited = await api(token, 'matters.json');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await expect(api(token, 'activities.json')).rejects.toThrow();
    expect((await api(token, 'bills.json')).status).toBe(200);
    expect(h.emulator.control.stats().faults).toMatchObject({ http503: 1, http429: 1, drop: 1 });
    h.emulator.control.setFaults(undefined);
    expect((await api(token, 'contacts.json')).status).toBe(200);
  });

  it('holds a connection on the clock, then drops it', async () => {
    const clock = makeManualClock(Date.UTC(2026, 0, 5));
    h = await startHarness({ clock });
    const token = await connect(h);
    h.emulator.control.setFaults({
      rules: [{ kind: 'timeout', endpoint: 'GET /bills', holdMs: 30_000 }],
    });
    const settled = api(token, 'bills.json').then(
      () => 'answered',
      () => 'dropped',
    );
    await until(() => h?.emulator.control.stats().faults.timeout === 1);
    clock.advance(30_000);
    expect(await settled).toBe('dropped');
  });

  it('applies a write and then fails its answer (afterWrite)', async () => {
    h = await startHarness();
    const token = await connect(h);
    const contact = dataOf(await api(token, 'contacts.json?fields=id'))[0]!;
    h.emulator.control.setFaults({
      rules: [{ kind: 'http500', endpoint: 'PATCH /contacts/{id}', afterWrite: 1 }],
    });
    const answer = await api(token, `contacts/${String(contact.id)}.json`, {
      method: 'PATCH',
      body: { data: { first_name: 'Mariah' } },
    });
    expect(answer.status).toBe(500);
    expect(h.emulator.control.get(FIRM, 'contacts', contact.id as number)?.name).toBe(
      'Mariah Chen',
    );
    expect(h.emulator.control.stats().appliedThenFailed).toBe(1);
  });

  it('counts requests by route and status, and token expiry forces a refresh', async () => {
    h = await startHarness();
    const token = await connect(h);
    await api(token, 'bills.json');
    await api(token, 'bills/1.json');
    const stats = h.emulator.control.stats();
    expect(stats.byEndpoint['GET /bills']).toEqual({ '200': 1 });
    expect(stats.byEndpoint['GET /bills/{id}']).toEqual({ '404': 1 });
    expect(stats.byEndpoint['POST /oauth/token']).toEqual({ '200': 1 });
    expect(stats.byOrganisation[String(FIRM)]).toBe(2);
    h.emulator.control.expireAccessTokens();
    expect((await api(token, 'bills.json')).status).toBe(401);
  });
});
