import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { deleteMapping } from '../store/mappings-repo.js';
import { putMapping } from '../store/mappings-repo.js';

const live = (rows: Record<string, unknown>[]) => rows.filter((p) => p.Status !== 'DELETED');

describe.each(BACKENDS)('contacts and payments on %s', (backend) => {
  afterEach(disposeWorlds);

  it('links to an existing Xero contact with the same name and e-mail instead of duplicating', async () => {
    const w = await newSyncWorld({ backend });
    const existing = w.sandbox.control.bookkeeper.createContact(w.tenantId, {
      Name: 'Alex Morgan',
      EmailAddress: 'alex@example.com',
    });
    await w.ingest(exampleContact, invoice(1));
    const report = await w.sync();
    expect(report.organisations[0]?.counts.matched).toBe(1);
    expect(w.xero('Contacts')).toHaveLength(1);
    expect((w.xero('Invoices')[0]?.Contact as { ContactID: string }).ContactID).toBe(
      existing.ContactID,
    );
  });

  it('without "append source id", a name clash is a sync error with the fix; with it, both exist', async () => {
    const w = await newSyncWorld({ backend });
    w.sandbox.control.bookkeeper.createContact(w.tenantId, {
      Name: 'Alex Morgan',
      EmailAddress: 'someone-else@example.com',
    });
    await w.setting('appendSourceIdToContactNames', false);
    await w.ingest(exampleContact, invoice(1));
    await w.sync();
    const errors = await listOpenSyncErrors(w.db);
    expect(errors.find((e) => e.kind === 'contact')).toMatchObject({
      code: 'LB_XERO_CONTACT_NAME_TAKEN',
      fix: expect.stringContaining('append source id') as unknown,
    });
    expect(errors.find((e) => e.kind === 'invoice')).toMatchObject({ code: 'LB_SYNC_BLOCKED' });
    expect(errors.find((e) => e.kind === 'contact')?.blocks).toEqual(['invoice inv-1']);
    await w.setting('appendSourceIdToContactNames', true);
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    expect(
      w
        .xero('Contacts')
        .map((c) => c.Name)
        .sort(),
    ).toEqual(['Alex Morgan', 'Alex Morgan (P-1001)']);
  });

  it('refuses a payment in another currency than its invoice, naming both; pushes it once corrected', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), payment(1, 1, { currency: 'USD' }));
    await w.sync();
    expect(live(w.xero('Payments'))).toEqual([]);
    expect((await listOpenSyncErrors(w.db)).find((e) => e.kind === 'payment')).toMatchObject({
      code: 'LB_SYNC_CURRENCY_MISMATCH',
      message: 'payment pay-1: currency = "USD", but invoice inv-1 is in AUD',
    });
    await w.ingest(payment(1, 1, { updatedAt: '2026-12-02T00:00:00Z' }));
    await w.sync();
    expect(live(w.xero('Payments'))).toHaveLength(1);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });

  it('carries PMS contact edits and merges into Xero', async () => {
    const w = await newSyncWorld({ backend });
    const other = { ...exampleContact, sourceId: 'P-2', name: 'Sam Lee', email: 'sam@example.com' };
    await w.ingest(exampleContact, other, invoice(1), invoice(2, { contactId: 'P-2' }));
    await w.sync();
    await w.ingest(
      { ...exampleContact, email: 'alex.new@example.com', updatedAt: '2026-12-01T00:00:00Z' },
      { ...other, mergedIntoId: 'P-1001', updatedAt: '2026-12-01T00:00:00Z' },
      invoice(3, { contactId: 'P-2' }),
    );
    await w.sync();
    const contacts = w.xero('Contacts');
    expect(contacts.find((c) => c.ContactNumber === 'P-1001')).toMatchObject({
      EmailAddress: 'alex.new@example.com',
      ContactStatus: 'ACTIVE',
    });
    expect(contacts.find((c) => c.ContactNumber === 'P-2')).toMatchObject({
      ContactStatus: 'ARCHIVED',
    });
    const inv3 = w.xero('Invoices').find((i) => i.InvoiceNumber === 'INV-3');
    expect((inv3?.Contact as { ContactID: string }).ContactID).toBe(
      contacts.find((c) => c.ContactNumber === 'P-1001')?.ContactID,
    );
  });

  it('replaces an edited payment, deletes a deleted one, and can be switched off', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, invoice(1), payment(1, 1), payment(2, 1, { amount: '10.00' }));
    await w.sync();
    expect(
      live(w.xero('Payments'))
        .map((p) => p.Amount)
        .sort(),
    ).toEqual([10, 50]);
    await w.ingest(payment(1, 1, { amount: '60.00', updatedAt: '2026-12-01T00:00:00Z' }));
    await w.remove({ kind: 'payment', sourceId: 'pay-2' });
    await w.sync();
    expect(live(w.xero('Payments')).map((p) => [p.Amount, p.Reference])).toEqual([[60, 'pay-1']]);
    expect(w.xero('Invoices')[0]).toMatchObject({ AmountPaid: 60 });
    await w.setting('syncPayments', false);
    await w.ingest(payment(3, 1));
    await w.sync();
    expect(live(w.xero('Payments'))).toHaveLength(1);
  });

  it('a payment waits on its failed invoice; both clear once the cause is fixed', async () => {
    const w = await newSyncWorld({ backend });
    await deleteMapping(w.db, {
      tenantId: w.tenantId,
      source: '*',
      type: 'line_kind_account',
      key: 'time',
    });
    await w.ingest(
      exampleContact,
      invoice(1, { lines: [{ ...exampleInvoice.lines[0], category: undefined }], total: '110.00' }),
      payment(1, 1),
    );
    await w.sync();
    const errors = await listOpenSyncErrors(w.db);
    expect(errors.find((e) => e.kind === 'invoice')).toMatchObject({
      code: 'LB_MAPPING_MISSING',
      blocks: ['payment pay-1'],
    });
    expect(errors.find((e) => e.kind === 'payment')).toMatchObject({
      code: 'LB_SYNC_BLOCKED',
      message: expect.stringContaining('Waits on invoice inv-1') as unknown,
    });
    await putMapping(w.db, {
      tenantId: w.tenantId,
      source: '*',
      type: 'line_kind_account',
      key: 'time',
      value: '200',
    });
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    expect(w.xero('Invoices')[0]).toMatchObject({ AmountPaid: 50 });
  });
});
