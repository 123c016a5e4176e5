import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drawsFor, mulberry32 } from './faults.js';
import { conformanceTest } from './test-support/conformance.js';
import { invoiceElement, list, pick, startTestSandbox, str } from './test-support/harness.js';
import type { TestSandbox } from './test-support/harness.js';
import type { Exchange } from './options.js';

let t: TestSandbox;
const exchanges: Exchange[] = [];
beforeEach(async () => {
  t = await startTestSandbox();
});
afterEach(async () => {
  exchanges.push(...t.exchanges);
  await t.stop();
});

async function statuses(n: number): Promise<(number | string)[]> {
  const out: (number | string)[] = [];
  for (let i = 0; i < n; i += 1) {
    try {
      out.push((await t.api('GET', '/Organisation')).status);
    } catch {
      out.push('dropped');
    }
  }
  return out;
}

async function countNumbered(n: string): Promise<number> {
  return list((await t.api('GET', `/Invoices?InvoiceNumbers=${n}`)).body, 'Invoices').length;
}

describe('the PRNG', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const xs = Array.from({ length: 100 }, () => a());
    expect(xs).toEqual(Array.from({ length: 100 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(drawsFor(1, 5)()).toBe(drawsFor(1, 5)());
    expect(drawsFor(1, 5)()).not.toBe(drawsFor(1, 6)());
  });
});

describe('seeded faults (repeatable)', () => {
  it('the same seed gives the same failures; another seed others', async () => {
    const config = { seed: 42, rules: [{ kind: 'http503' as const, rate: 0.3 }] };
    t.sandbox.control.setFaults(config);
    const first = await statuses(40);
    t.sandbox.control.setFaults(config);
    expect(await statuses(40)).toEqual(first);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(20);
    t.sandbox.control.setFaults({ ...config, seed: 43 });
    expect(await statuses(40)).not.toEqual(first);
    expect(t.sandbox.control.stats().faults.http503).toBeGreaterThan(6);
  });

  it('matches endpoints by pattern', async () => {
    t.sandbox.control.setFaults({
      seed: 1,
      rules: [{ kind: 'http500', rate: 1, endpoint: '* /Payments*' }],
    });
    expect(await statuses(3)).toEqual([200, 200, 200]);
    const res = await t.api('GET', '/Payments');
    expect(res.status).toBe(500);
  });
});

describe('before and after the write', () => {
  it('a 503 before the write: nothing is created', async () => {
    t.sandbox.control.setFaults({
      seed: 1,
      rules: [{ kind: 'http503', rate: 1, endpoint: 'PUT /Invoices' }],
    });
    const res = await t.api('PUT', '/Invoices', {
      Invoices: [invoiceElement({ InvoiceNumber: 'F-1' })],
    });
    expect(res.status).toBe(503);
    t.sandbox.control.setFaults(undefined);
    expect(await countNumbered('F-1')).toBe(0);
  });

  it('a 500 after the write: the invoice exists; a retry with the same Idempotency-Key gets the real answer', async () => {
    t.sandbox.control.setFaults({
      seed: 1,
      rules: [{ kind: 'http500', rate: 1, endpoint: 'PUT /Invoices', afterWrite: 1 }],
    });
    const body = { Invoices: [invoiceElement({ InvoiceNumber: 'F-2' })] };
    const res = await t.api('PUT', '/Invoices', body, { 'Idempotency-Key': 'f-2' });
    expect(res.status).toBe(500);
    expect(t.sandbox.control.stats().appliedThenFailed).toBe(1);
    t.sandbox.control.setFaults(undefined);
    expect(await countNumbered('F-2')).toBe(1);
    const retry = await t.api('PUT', '/Invoices', body, { 'Idempotency-Key': 'f-2' });
    expect(retry.status).toBe(200);
    expect(await countNumbered('F-2')).toBe(1);
    const naive = await t.api('PUT', '/Invoices?summarizeErrors=false', body);
    expect(pick(naive.body, 'Invoices.0.ValidationErrors.0.Message')).toBe(
      'Invoice # must be unique.',
    );
  });

  it('a dropped connection (socket destroyed), after the write', async () => {
    t.sandbox.control.setFaults({
      seed: 1,
      rules: [{ kind: 'drop', rate: 1, endpoint: 'PUT /Contacts', afterWrite: 1 }],
    });
    await expect(
      t.api('PUT', '/Contacts', { Contacts: [{ Name: 'Dropped Ltd' }] }),
    ).rejects.toThrow();
    t.sandbox.control.setFaults(undefined);
    const found = await t.api(
      'GET',
      `/Contacts?where=${encodeURIComponent('Name=="Dropped Ltd"')}`,
    );
    expect(list(found.body, 'Contacts')).toHaveLength(1);
    expect(t.sandbox.control.stats().faults.drop).toBe(1);
  });

  it('a timeout holds the connection on the clock, then answers (or drops)', async () => {
    t.sandbox.control.setFaults({
      seed: 1,
      rules: [
        {
          kind: 'timeout',
          rate: 1,
          endpoint: 'PUT /Contacts',
          holdMs: 30_000,
          then: 'answer',
          afterWrite: 1,
        },
      ],
    });
    let settled = false;
    const pending = t
      .api('PUT', '/Contacts', { Contacts: [{ Name: 'Slow Ltd' }] })
      .finally(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(settled).toBe(false);
    expect(t.sandbox.control.listDocuments(t.tenantId, 'Contacts').map((c) => c.Name)).toContain(
      'Slow Ltd',
    );
    t.clock.advance(30_000);
    const res = await pending;
    expect(res.status).toBe(200);
    t.sandbox.control.setFaults({
      seed: 1,
      rules: [
        { kind: 'timeout', rate: 1, endpoint: 'GET /Organisation', holdMs: 10_000, then: 'drop' },
      ],
    });
    const dropped = t.api('GET', '/Organisation');
    await new Promise((resolve) => setTimeout(resolve, 50));
    t.clock.advance(10_000);
    await expect(dropped).rejects.toThrow();
  });

  it('also reaches the identity endpoints', async () => {
    t.sandbox.control.setFaults({
      seed: 3,
      rules: [{ kind: 'http503', rate: 1, endpoint: 'POST /connect/token' }],
    });
    const res = await fetch(t.sandbox.urls.token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=refresh_token&refresh_token=x',
    });
    expect(res.status).toBe(503);
    expect((await t.api('GET', '/Organisation')).status).toBe(200);
  });

  it('is switched at run time through the /sandbox control route', async () => {
    const control = `${t.sandbox.urls.control}/faults`;
    const headers = {
      authorization: `Bearer ${t.sandbox.controlToken}`,
      'content-type': 'application/json',
    };
    const set = await fetch(control, {
      method: 'PUT',
      headers,
      body: JSON.stringify({
        seed: 9,
        rules: [{ kind: 'http500', rate: 1, endpoint: 'GET /Organisation' }],
      }),
    });
    expect(set.status).toBe(204);
    expect((await t.api('GET', '/Organisation')).status).toBe(500);
    const read = await fetch(control, { headers });
    expect(pick(await read.json(), 'seed')).toBe(9);
    await fetch(control, { method: 'PUT', headers, body: 'null' });
    expect((await t.api('GET', '/Organisation')).status).toBe(200);
    const created = await t.api('PUT', '/Contacts', { Contacts: [{ Name: 'After Faults' }] });
    expect(str(created.body, 'Contacts.0.Name')).toBe('After Faults');
  });
});

conformanceTest(() => exchanges);
