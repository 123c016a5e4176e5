import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import { until } from '../emulator-kit/until.js';
import type { Harness, TokenAnswer } from './test-support.js';
import {
  api,
  connect,
  getUrl,
  paging,
  postToken,
  recordsOf,
  startHarness,
} from './test-support.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.emulator.stop();
  h = undefined;
});

async function readWithRetry(
  token: TokenAnswer,
  url: string,
): Promise<{ ids: number[]; failures: number }> {
  const ids: number[] = [];
  let failures = 0;
  let next: unknown = url;
  while (typeof next === 'string') {
    const answer = await getUrl(token, next);
    if (answer.status === 500) {
      failures += 1;
      expect(answer.body).toMatchObject({ errors: [{ status: 500 }] });
      continue;
    }
    ids.push(...recordsOf(answer, 'bills').map((b) => b.id as number));
    next = paging(answer, 'bills').nextPage;
  }
  return { ids, failures };
}

describe('Actionstep emulator faults and limits', () => {
  it('fails the nth page of a paged read once; a retry of that page goes on', async () => {
    h = await startHarness({ faults: { nthRequest: [{ endpoint: 'GET /bills', nth: 3 }] } });
    h.emulator.control.generateBills('harbourlaw', 120);
    const token = await connect(h);
    const { ids, failures } = await readWithRetry(
      token,
      `${token.api_endpoint}rest/bills?pageSize=25`,
    );
    expect(failures).toBe(1);
    expect(ids.length).toBe(126);
    expect(new Set(ids).size).toBe(126);
    expect(h.emulator.control.stats().byEndpoint['GET /bills']).toEqual({ '200': 6, '500': 1 });
  });

  it('answers seeded 503s and 429s, and drops connections', async () => {
    h = await startHarness();
    const token = await connect(h);
    h.emulator.control.setFaults({
      seed: 3,
      rules: [
        { kind: 'http503', endpoint: 'POST /api/oauth/token' },
        { kind: 'http429', endpoint: 'GET /actions', retryAfterSeconds: 7 },
        { kind: 'drop', endpoint: 'GET /divisions' },
      ],
    });
    const refresh = await postToken(h, {
      grant_type: 'refresh_token',
      refresh_token: token.refresh_token,
    });
    expect(refresh.status).toBe(503);
    const limited = await api(token, 'actions');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('7');
    await expect(api(token, 'divisions')).rejects.toThrow();
    expect(h.emulator.control.stats().faults).toMatchObject({ http503: 1, http429: 1, drop: 1 });
    h.emulator.control.setFaults(undefined);
    expect((await api(token, 'divisions')).status).toBe(200);
  });

  it('holds a connection on the clock, then drops it', async () => {
    const clock = makeManualClock(Date.UTC(2026, 0, 5));
    h = await startHarness({ clock });
    const token = await connect(h);
    h.emulator.control.setFaults({
      rules: [{ kind: 'timeout', endpoint: 'GET /taxcodes', holdMs: 30_000 }],
    });
    const pending = api(token, 'taxcodes');
    const settled = pending.then(
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
    h.emulator.control.setFaults({
      rules: [{ kind: 'http500', endpoint: 'POST /participants', afterWrite: 1 }],
    });
    const answer = await api(token, 'participants', {
      method: 'POST',
      body: { participants: { displayName: 'Ghost, Gary' } },
    });
    expect(answer.status).toBe(500);
    expect(
      h.emulator.control
        .list('harbourlaw', 'participants')
        .some((p) => p.displayName === 'Ghost, Gary'),
    ).toBe(true);
    expect(h.emulator.control.stats().appliedThenFailed).toBe(1);
  });

  it('limits calls per token when switched on, with Retry-After in clock seconds', async () => {
    const clock = makeManualClock(Date.UTC(2026, 0, 5));
    h = await startHarness({ clock, rateLimit: { enabled: true, limit: 3, windowSeconds: 60 } });
    const token = await connect(h);
    for (let i = 0; i < 3; i++) expect((await api(token, 'divisions')).status).toBe(200);
    const refused = await api(token, 'divisions');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(refused.body).toMatchObject({ errors: [{ status: 429, title: 'Too Many Requests' }] });
    clock.advance(45_000);
    expect((await api(token, 'divisions')).headers.get('retry-after')).toBe('15');
    clock.advance(15_000);
    expect((await api(token, 'divisions')).status).toBe(200);
    const other = await connect(h);
    expect((await api(other, 'divisions')).status).toBe(200);
    expect(h.emulator.control.stats()).toMatchObject({
      rateLimited: 2,
      byEndpoint: { 'GET /divisions': { '200': 5, '429': 2 } },
    });
    h.emulator.control.setRateLimit({ enabled: false });
    for (let i = 0; i < 5; i++) expect((await api(token, 'divisions')).status).toBe(200);
  });

  it('serves the control surface over HTTP behind the control token', async () => {
    h = await startHarness();
    const base = h.emulator.urls.control;
    const headers = {
      authorization: `Bearer ${h.emulator.controlToken}`,
      'content-type': 'application/json',
    };
    expect((await fetch(`${base}/stats`)).status).toBe(401);
    const created = await fetch(`${base}/organisations/harbourlaw/practice/create-participant`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ displayName: 'Via HTTP' }),
    });
    const { result } = (await created.json()) as { result: number };
    const shown = await fetch(`${base}/organisations/harbourlaw/participants/${result}`, {
      headers,
    });
    expect(await shown.json()).toMatchObject({ result: { id: result, displayName: 'Via HTTP' } });
    const refused = await fetch(`${base}/organisations/harbourlaw/practice/record-receipt`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ participantId: result, amount: 'lots' }),
    });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toMatch(/amount/);
    const faults = await fetch(`${base}/faults`, {
      method: 'PUT',
      headers,
      body: JSON.stringify({ nthRequest: [{ endpoint: 'GET /bills', nth: 1 }] }),
    });
    expect(faults.status).toBe(204);
    const org = await fetch(`${base}/organisations`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ name: 'Ridge Legal' }),
    });
    expect(await org.json()).toMatchObject({
      result: { orgkey: 'ridgelegal', apiEndpoint: `${h.emulator.url}/orgs/ridgelegal/api/` },
    });
  });
});
