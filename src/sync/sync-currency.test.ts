import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

describe.each(BACKENDS)('foreign-currency documents on %s', (backend) => {
  afterEach(disposeWorlds);

  it('refuses a currency the organisation has not added, naming it and the fix; pushes it with the PMS rate once added', async () => {
    const w = await newSyncWorld({ backend });
    const usd = { currency: 'USD', exchangeRate: '0.65' };
    await w.ingest(exampleContact, invoice(1, usd), payment(1, 1, usd), invoice(2));
    await w.sync();
    const errors = await listOpenSyncErrors(w.db);
    expect(errors.find((e) => e.kind === 'invoice')).toMatchObject({
      sourceId: 'inv-1',
      code: 'LB_SYNC_CURRENCY_NOT_ENABLED',
      message: expect.stringMatching(
        /currency = "USD".*has not added in Xero \(it has AUD\)/,
      ) as unknown,
      fix: expect.stringMatching(/add USD to .*or record the document in AUD/) as unknown,
    });
    expect(w.xero('Invoices').map((i) => i.InvoiceNumber)).toEqual(['INV-2']);

    const added = await w.api.request({
      tenantId: w.tenantId,
      method: 'PUT',
      path: '/Currencies',
      body: { Code: 'USD' },
    });
    expect(added.status).toBe(200);
    await w.sync(); // the refusal made the pass read the organisation's settings again
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const foreign = w.xero('Invoices').find((i) => i.InvoiceNumber === 'INV-1')!;
    expect(foreign).toMatchObject({ CurrencyCode: 'USD', CurrencyRate: 0.65, AmountPaid: 50 });
    const [paid] = w.xero('Payments').filter((p) => p.Status !== 'DELETED');
    expect(paid).toMatchObject({ CurrencyRate: 0.65, Amount: 50 });
    const base = w.xero('Invoices').find((i) => i.InvoiceNumber === 'INV-2')!;
    expect(base).toMatchObject({ CurrencyCode: 'AUD', CurrencyRate: 1 });
  });
});
