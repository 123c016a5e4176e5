import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { salesInvoice } from '../../test/support/xero-payloads.js';
import { disposeWorlds, newWorld } from '../../test/support/xero-world.js';
import type { SharedBudget } from './budget-store.js';

const fastRetry = { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 };
const storeDown = () => new Error('timeout exceeded when trying to connect');

/** The shared budget with the store failing as told: settling every lease, or granting after `grants`. */
function failingStore(
  real: SharedBudget,
  fail: { settle?: boolean; grants?: number },
): SharedBudget {
  let granted = 0;
  return {
    ...real,
    async acquire(tenantId, lane) {
      if (fail.grants !== undefined && granted >= fail.grants) throw storeDown();
      const a = await real.acquire(tenantId, lane);
      if (a.kind === 'granted') granted++;
      return a;
    },
    settle: (tenantId, leaseId, remaining) =>
      fail.settle ? Promise.reject(storeDown()) : real.settle(tenantId, leaseId, remaining),
  };
}

describe.each(BACKENDS)('a Xero write when our store fails on %s', (backend) => {
  afterEach(disposeWorlds);

  it('keeps Xero’s answer when the store cannot settle the call’s lease', async () => {
    const world = await newWorld({ backend, api: { retry: fastRetry } });
    const tenantId = world.organisations[0]!.tenantId;
    const api = world.makeApi(world.fresh.db, {
      budget: failingStore(world.budget, { settle: true }),
    });
    const answer = await api.request({
      tenantId,
      method: 'PUT',
      path: '/Invoices',
      body: { Invoices: [salesInvoice(1)] },
    });
    expect(answer.status).toBe(200);
    expect(world.sandbox.control.listDocuments(tenantId, 'Invoices')).toHaveLength(1);
  });

  it('calls a write that left and then failed on our side an unknown outcome, never a refusal', async () => {
    const world = await newWorld({
      backend,
      api: { retry: fastRetry },
      // Applied, then answered 503: the retry needs the budget, and the store is gone by then.
      sandbox: {
        faults: {
          seed: 1,
          rules: [{ kind: 'http503', rate: 1, endpoint: 'PUT /Invoices', afterWrite: 1 }],
        },
      },
    });
    const tenantId = world.organisations[0]!.tenantId;
    const api = world.makeApi(world.fresh.db, {
      budget: failingStore(world.budget, { grants: 1 }),
    });
    await expect(
      api.request({
        tenantId,
        method: 'PUT',
        path: '/Invoices',
        body: { Invoices: [salesInvoice(1)] },
      }),
    ).rejects.toMatchObject({ code: 'LB_XERO_OUTCOME_UNKNOWN' });
    expect(world.sandbox.control.listDocuments(tenantId, 'Invoices')).toHaveLength(1);
  });

  it('leaves a failure before anything was sent as it is', async () => {
    const world = await newWorld({ backend, api: { retry: fastRetry } });
    const tenantId = world.organisations[0]!.tenantId;
    const api = world.makeApi(world.fresh.db, {
      budget: failingStore(world.budget, { grants: 0 }),
    });
    await expect(
      api.request({
        tenantId,
        method: 'PUT',
        path: '/Invoices',
        body: { Invoices: [salesInvoice(1)] },
      }),
    ).rejects.toThrow('timeout exceeded when trying to connect');
    expect(world.sandbox.control.listDocuments(tenantId, 'Invoices')).toHaveLength(0);
  });
});
