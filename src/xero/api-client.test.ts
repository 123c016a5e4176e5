import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { salesInvoice } from '../../test/support/xero-payloads.js';
import { disposeWorlds, newWorld, type XeroWorld } from '../../test/support/xero-world.js';
import { makeScaledClock } from '../time/clock.js';
import { writeBatch } from './batch-writer.js';
import { idempotencyKey } from './idempotency-key.js';
import { readPages } from './reader.js';

const fastRetry = { maxAttempts: 8, baseDelayMs: 5, maxDelayMs: 50 };

async function invoicesInXero(
  world: XeroWorld,
  tenantId: string,
): Promise<Record<string, unknown>[]> {
  const all: Record<string, unknown>[] = [];
  for await (const page of readPages(world.api, { tenantId, collection: 'Invoices' }))
    all.push(...page);
  return all;
}

describe.each(BACKENDS)('Xero API client on %s', (backend) => {
  afterEach(disposeWorlds);

  it('writes a batch with per-element outcomes: valid elements created, invalid ones reported', async () => {
    const world = await newWorld({ backend, api: { retry: fastRetry } });
    const tenantId = world.organisations[0]!.tenantId;
    const bad = {
      ...salesInvoice(2),
      LineItems: [
        { Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '200', TaxType: 'OUTPUT' },
      ],
      InvoiceNumber: 'T-00001',
    };
    const outcomes = await writeBatch(world.api, {
      tenantId,
      collection: 'Invoices',
      method: 'PUT',
      elements: [salesInvoice(1), bad, salesInvoice(3)],
      idempotencyKey: 'k-batch-1',
    });
    expect(outcomes.map((o) => o.ok)).toEqual([true, false, true]);
    expect(outcomes[1]).toMatchObject({ ok: false, messages: ['Invoice # must be unique.'] });
    expect((await invoicesInXero(world, tenantId)).map((i) => i.InvoiceNumber).sort()).toEqual([
      'T-00001',
      'T-00003',
    ]);
  });

  it('survives 500, 503, timeouts, dropped connections and faults after apply with no duplicate', async () => {
    const world = await newWorld({
      backend,
      api: { retry: fastRetry, timeoutMs: 400 },
      sandbox: {
        faults: {
          seed: 7,
          rules: [
            { kind: 'http500', rate: 0.12, endpoint: 'PUT /Invoices', afterWrite: 0.5 },
            { kind: 'http503', rate: 0.12, endpoint: 'PUT /Invoices', afterWrite: 0.5 },
            {
              kind: 'timeout',
              rate: 0.12,
              endpoint: 'PUT /Invoices',
              afterWrite: 0.5,
              holdMs: 1_500,
            },
            { kind: 'drop', rate: 0.12, endpoint: 'PUT /Invoices', afterWrite: 0.5 },
          ],
        },
      },
    });
    const tenantId = world.organisations[0]!.tenantId;
    for (let n = 1; n <= 30; n++) {
      const key = idempotencyKey(tenantId, 'create-invoice', [
        { key: `clinic/invoice/${n}`, version: 'v1' },
      ]);
      const [outcome] = await writeBatch(world.api, {
        tenantId,
        collection: 'Invoices',
        method: 'PUT',
        elements: [salesInvoice(n)],
        idempotencyKey: key,
      });
      expect(outcome?.ok, `invoice ${n}`).toBe(true);
    }
    world.sandbox.control.setFaults(undefined);
    const numbers = (await invoicesInXero(world, tenantId)).map((i) => i.InvoiceNumber);
    expect(numbers).toHaveLength(30);
    expect(new Set(numbers).size).toBe(30);
    const stats = world.sandbox.control.stats();
    expect(stats.faults.http500).toBeGreaterThan(0);
    expect(stats.faults.http503).toBeGreaterThan(0);
    expect(stats.faults.timeout).toBeGreaterThan(0);
    expect(stats.faults.drop).toBeGreaterThan(0);
    expect(stats.appliedThenFailed).toBeGreaterThan(0);
    expect(stats.idempotentReplays).toBeGreaterThan(0);
  });

  it('says the outcome is unknown when a write keeps failing, and unavailable for a read', async () => {
    const world = await newWorld({
      backend,
      api: { retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } },
      sandbox: {
        faults: { seed: 1, rules: [{ kind: 'http503', rate: 1, endpoint: '* /Invoices' }] },
      },
    });
    const tenantId = world.organisations[0]!.tenantId;
    await expect(
      writeBatch(world.api, {
        tenantId,
        collection: 'Invoices',
        method: 'PUT',
        elements: [salesInvoice(1)],
        idempotencyKey: 'k-1',
      }),
    ).rejects.toMatchObject({ code: 'LB_XERO_OUTCOME_UNKNOWN', retryable: true });
    await expect(
      world.api.request({ tenantId, method: 'GET', path: '/Invoices' }),
    ).rejects.toMatchObject({ code: 'LB_XERO_UNAVAILABLE' });
  });

  it('waits out a minute 429 caused by another caller, and parks the organisation on a day 429', async () => {
    // Sandbox and client share a clock 60× faster than the wall clock: Retry-After 60 s = 1 s.
    const clock = makeScaledClock(60);
    const world = await newWorld({ backend, clock, api: { retry: fastRetry } });
    const { tenantId, tokenSetId } = world.organisations[0]!;
    const token = await world.tokens.accessToken(tokenSetId);
    const raw = () =>
      fetch(`${world.sandbox.url}/api.xro/2.0/Organisation`, {
        headers: { authorization: `Bearer ${token}`, 'xero-tenant-id': tenantId },
      });
    // Another integration (not behind our budget) uses up the minute.
    for (let i = 0; i < 60; i++) await raw();
    expect(
      (await world.api.request({ tenantId, method: 'GET', path: '/Organisation' })).status,
    ).toBe(200);
    expect(world.sandbox.control.stats().rateLimited.minute).toBeGreaterThan(0);

    // …and then the day: 1,000 calls on the Starter tier.
    world.sandbox.control.setDailyLimitTier(tenantId, 'starter');
    world.sandbox.control.setLimits({ perMinute: 1_000_000, concurrent: 1_000 });
    for (let burnt = 0; burnt < 1_100; burnt += 50) {
      const answers = await Promise.all(Array.from({ length: 50 }, raw));
      if (answers.some((r) => r.status === 429 && r.headers.get('x-rate-limit-problem') === 'day'))
        break;
    }
    const dayRefusals = world.sandbox.control.stats().rateLimited.day;
    await expect(
      world.api.request({ tenantId, method: 'GET', path: '/Organisation' }),
    ).rejects.toMatchObject({ code: 'LB_XERO_DAY_LIMIT', retryable: true });
    const calls = world.sandbox.control.stats().calls;
    await expect(
      world.api.request({ tenantId, method: 'GET', path: '/Organisation' }),
    ).rejects.toMatchObject({ code: 'LB_XERO_DAY_LIMIT' });
    expect(world.sandbox.control.stats().calls).toBe(calls); // parked: Xero is not asked again
    expect(world.sandbox.control.stats().rateLimited.day).toBe(dayRefusals + 1);
  }, 120_000);
});
