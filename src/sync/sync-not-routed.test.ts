import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, SOURCE } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { readSyncErrors } from '../dashboard/sync-errors-data.js';
import { syncErrorsPage } from '../dashboard/sync-errors-page.js';
import { makeServiceMetrics } from '../http/metrics.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { saveRoute } from '../service/save-route.js';
import { ensureEntity } from '../store/sources-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

describe.each(BACKENDS)('an entity with no Xero organisation on %s', (backend) => {
  afterEach(disposeWorlds);

  it('is one sync error for the entity, shown by errors, the dashboard and /metrics, cleared once routed', async () => {
    const w = await newSyncWorld({ backend });
    await ensureEntity(w.db, SOURCE, 'north');
    const north = (n: number) => ({ ...invoice(n), entity: 'north' });
    await w.ingest(exampleContact, invoice(1), north(2), north(3), north(4));

    const report = await w.sync();
    expect(report.unrouted).toEqual([{ source: SOURCE, entity: 'north' }]);
    const [error, ...others] = await listOpenSyncErrors(w.db);
    expect(others).toEqual([]); // one for the entity, none for its three invoices
    expect(error).toMatchObject({
      source: SOURCE,
      kind: 'entity',
      sourceId: 'north',
      tenantId: null,
      code: 'LB_SYNC_NOT_ROUTED',
      message: expect.stringMatching(
        /^Entity north of clinic has documents but no Xero/,
      ) as unknown,
      fix: expect.stringContaining('ledgerbridge map route clinic/north TENANT_ID') as unknown,
    });
    // Nothing guessed: only the routed entity's invoice reached Xero.
    expect(w.xero('Invoices').map((i) => i.InvoiceNumber)).toEqual(['INV-1']);

    // The service's passes are per organisation: they keep the error, without rewriting it.
    await w.sync({ tenantId: w.tenantId });
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([error]);

    const view = await readSyncErrors(w.db);
    expect(view.groups.map((g) => [g.code, g.count])).toEqual([['LB_SYNC_NOT_ROUTED', 1]]);
    const principal = { kind: 'user', id: '1', name: 'a@example.com', role: 'admin' } as const;
    const page = String(
      await syncErrorsPage({ principal, csrfToken: 't', path: '/sync-errors' }, view),
    );
    expect(page).toContain(
      'entity north from clinic · <a href="/setup-sync">route it on Setup</a>',
    );
    expect(page).not.toContain('/documents/'); // no document to open, and retrying changes nothing
    expect(page).not.toMatch(/Retry these|Retry entity/);
    const metrics = await makeServiceMetrics(w.db, w.clock).render();
    expect(metrics.text).toMatch(/ledgerbridge_sync_errors_open\{code="LB_SYNC_NOT_ROUTED"\} 1/);

    await saveRoute(w.db, { source: SOURCE, entity: 'north', tenantId: w.tenantId }, 'test');
    expect(await listOpenSyncErrors(w.db)).toEqual([]); // cleared as it is routed, not a pass later
    const again = await w.sync();
    expect(again.unrouted).toEqual([]);
    expect(
      w
        .xero('Invoices')
        .map((i) => i.InvoiceNumber)
        .sort(),
    ).toEqual(['INV-1', 'INV-2', 'INV-3', 'INV-4']);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });

  it('clears when the entity has no live documents left, and a dry run writes no error', async () => {
    const w = await newSyncWorld({ backend });
    // No writer listed this entity (documents stored directly): it is found all the same.
    await w.ingest(exampleContact, { ...invoice(7), entity: 'closed' });
    const dry = await w.sync({ dryRun: true });
    expect(dry.unrouted).toEqual([{ source: SOURCE, entity: 'closed' }]);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    await w.sync();
    expect((await listOpenSyncErrors(w.db)).map((e) => e.code)).toEqual(['LB_SYNC_NOT_ROUTED']);
    await w.remove({ kind: 'invoice', sourceId: 'inv-7' });
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });
});
