import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { makeManualClock } from '../../time/clock.js';
import { RateBudget } from './rate-budget.js';
import { SourceHttp } from './source-http.js';

/** A real HTTP server answering each request with the next of `answers` (status, headers). */
async function serve(answers: [number, Record<string, string>?][]) {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers.authorization ?? '');
    const [status, headers] = answers[Math.min(seen.length - 1, answers.length - 1)]!;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify({ n: seen.length }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, seen, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/x` };
}

describe('requests to a PMS', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  const client = (budget: RateBudget) =>
    new SourceHttp({ budget, name: 'Cliniko', retryDelaysMs: [10, 10] });

  it('waits as long as a 429 says and then carries on', async () => {
    const s = await serve([[429, { 'retry-after': '30' }], [200]]);
    server = s.server;
    const clock = makeManualClock(Date.parse('2026-12-01T00:00:00Z'));
    const slept: number[] = [];
    const sleep = clock.sleep.bind(clock);
    clock.sleep = (ms, signal) => {
      slept.push(ms);
      clock.advance(ms);
      return sleep(0, signal);
    };
    const budget = new RateBudget(200, clock);
    expect(await client(budget).getJson(s.url, {})).toEqual({ n: 2 });
    expect(slept).toEqual([30_000]);
    expect(budget.state()).toMatchObject({ requests: 2, throttled: 1 });
  });

  it('retries a 5xx with backoff, then fails as unavailable', async () => {
    const s = await serve([[503]]);
    server = s.server;
    await expect(client(new RateBudget(Infinity)).getJson(s.url, {})).rejects.toMatchObject({
      code: 'LB_SOURCE_UNAVAILABLE',
    });
    expect(s.seen).toHaveLength(3);
  });

  it('stops at once on a 401, without retrying, and never shows the credentials', async () => {
    const s = await serve([[401]]);
    server = s.server;
    const error = await client(new RateBudget(Infinity))
      .getJson(s.url, { authorization: 'Basic c2VjcmV0LWF1MTo=' })
      .then(
        () => undefined,
        (e: unknown) => e as Error & { code: string },
      );
    if (!error) throw new Error('expected a refusal');
    expect(error.code).toBe('LB_SOURCE_NEEDS_RECONNECT');
    expect(s.seen).toEqual(['Basic c2VjcmV0LWF1MTo=']);
    expect(JSON.stringify(error) + error.message).not.toContain('c2VjcmV0');
  });

  it('keeps within the per-minute limit by waiting for the window', async () => {
    const s = await serve([[200]]);
    server = s.server;
    const clock = makeManualClock(0);
    const slept: number[] = [];
    clock.sleep = (ms) => {
      slept.push(ms);
      clock.advance(ms);
      return Promise.resolve();
    };
    const http = client(new RateBudget(2, clock));
    for (let i = 0; i < 3; i++) await http.getJson(s.url, {});
    expect(slept).toEqual([60_000]);
  });
});
