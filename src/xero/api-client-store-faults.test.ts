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

type World = Awaited<ReturnType<typeof newWorld>>;

/** PUT one invoice through an API client of `world` whose store fails as told. */
function putInvoice(world: World, fail: Parameters<typeof failingStore>[1]) {
  const api = world.makeApi(world.fresh.db, { budget: failingStore(world.budget, fail) });
  const tenantId = world.organisations[0]!.tenantId;
  const request = { tenantId, method: 'PUT' as const, path: '/Invoices' };
  return api.request({ ...request, body: { Invoices: [salesInvoice(1)] } });
}

const invoicesIn = (world: World) =>
  world.sandbox.control.listDocuments(world.organisations[0]!.tenantId, 'Invoices');

describe.each(BACKENDS)('a Xero write when our store fails on %s', (backend) => {
  afterEach(disposeWorlds);

  it('keeps Xero’s answer when the store cannot settle the call’s lease', async () => {
    const world = await newWorld({ backend, api: { retry: fastRetry } });
    expect((await putInvoice(world, { settle: true })).status).toBe(200);
    expect(invoicesIn(world)).toHaveLength(1);
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
    await expect(putInvoice(world, { grants: 1 })).rejects.toMatchObject({
      code: 'LB_XERO_OUTCOME_UNKNOWN',
    });
    expect(invoicesIn(world)).toHaveLength(1);
  });

  it('leaves a failure before anything was sent as it is', async () => {
    const world = await newWorld({ backend, api: { retry: fastRetry } });
    await expect(putInvoice(world, { grants: 0 })).rejects.toThrow('timeout exceeded');
    expect(invoicesIn(world)).toHaveLength(0);
  });
});
