import { afterEach, describe, expect, it } from 'vitest';
import { salesInvoice } from '../../test/support/xero-payloads.js';
import { disposeWorlds, newWorld } from '../../test/support/xero-world.js';
import { makeManualClock } from '../time/clock.js';
import { writeBatch } from './batch-writer.js';
import { makeSettingsCache } from './organisation-settings.js';
import { findByReference, findInvoicesByNumber, readByIds, readPages } from './reader.js';

// Reads touch no store beyond the token and budget rows, so one backend is enough here.
describe('Xero reads against the sandbox', () => {
  afterEach(disposeWorlds);

  it('pages until a short page, filters by modified date, ids, numbers and reference', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1, 9));
    const world = await newWorld({ backend: 'pglite', clock });
    const tenantId = world.organisations[0]!.tenantId;
    const first = await writeBatch(world.api, {
      tenantId,
      collection: 'Invoices',
      method: 'PUT',
      elements: Array.from({ length: 45 }, (_, i) => salesInvoice(i + 1)),
      idempotencyKey: 'r-1',
    });
    clock.advance(3_600_000);
    const since = new Date(clock.now());
    clock.advance(60_000);
    await writeBatch(world.api, {
      tenantId,
      collection: 'Invoices',
      method: 'PUT',
      elements: [salesInvoice(46), salesInvoice(47)],
      idempotencyKey: 'r-2',
    });

    const pages: number[] = [];
    for await (const page of readPages(world.api, {
      tenantId,
      collection: 'Invoices',
      pageSize: 20,
    }))
      pages.push(page.length);
    expect(pages).toEqual([20, 20, 7]);
    const calls = world.sandbox.control.stats().byEndpoint['GET /Invoices'];
    expect(Object.values(calls ?? {}).reduce((a, b) => a + b, 0)).toBe(3); // no extra call for an empty page

    const recent: unknown[] = [];
    for await (const page of readPages(world.api, {
      tenantId,
      collection: 'Invoices',
      ifModifiedSince: since,
    }))
      recent.push(...page);
    expect(recent.map((i) => (i as { InvoiceNumber: string }).InvoiceNumber)).toEqual([
      'T-00046',
      'T-00047',
    ]);

    const ids = first.map((o) => (o.ok ? o.xeroId : ''));
    expect((await readByIds(world.api, tenantId, 'Invoices', ids)).length).toBe(45); // 50 ids a call
    expect(
      (await findInvoicesByNumber(world.api, tenantId, ['T-00003', 'T-00047', 'NOPE']))
        .map((i) => i.InvoiceNumber)
        .sort(),
    ).toEqual(['T-00003', 'T-00047']);
    expect(
      (await findByReference(world.api, tenantId, 'Invoices', 'test:12')).map(
        (i) => i.InvoiceNumber,
      ),
    ).toEqual(['T-00012']);
  });

  it('loads and caches the organisation’s settings, lock dates included', async () => {
    const clock = makeManualClock(Date.UTC(2026, 10, 1, 9));
    const world = await newWorld({ backend: 'pglite', clock });
    const tenantId = world.organisations[0]!.tenantId;
    world.sandbox.control.setLockDates(tenantId, { periodLockDate: '2026-06-30' });
    const cache = makeSettingsCache(world.api, clock);
    const settings = await cache.get(tenantId);
    expect(settings).toMatchObject({
      name: 'Harbour Physio Pty Ltd',
      baseCurrency: 'AUD',
      periodLockDate: '2026-06-30',
    });
    expect(settings.accounts.find((a) => a.code === '200')).toMatchObject({
      type: 'REVENUE',
      status: 'ACTIVE',
    });
    expect(settings.accounts.find((a) => a.systemAccount === 'ROUNDING')?.code).toBeTruthy();
    expect(settings.taxRates.map((t) => t.taxType)).toContain('OUTPUT');
    const calls = world.sandbox.control.stats().calls;
    await cache.get(tenantId);
    expect(world.sandbox.control.stats().calls).toBe(calls);
    clock.advance(11 * 60_000);
    await cache.get(tenantId);
    expect(world.sandbox.control.stats().calls).toBeGreaterThan(calls);
  });
});
