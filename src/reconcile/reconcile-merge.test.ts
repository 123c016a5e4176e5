/**
 * A contact we pushed, merged in Xero into another (Contacts → Merge): the reconciliation names
 * the merge once, with its fix, and the invoices Xero moved to the contact kept are not counted
 * as differences (nor as balance differences) because their contact id changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, type SyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact } from '../ledger/test-support/examples.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import { reconcile } from './reconcile.js';

const run = (w: SyncWorld) =>
  reconcile({ db: w.db, api: w.api, clock: w.clock }, { tenantId: w.tenantId });

const contactId = (w: SyncWorld, name: string) =>
  String(w.xero('Contacts').find((c) => String(c.Name).startsWith(name))!.ContactID);

const kept = { ...exampleContact, sourceId: 'P-1002', name: 'Alex J Morgan', email: 'aj@example.com' }; // prettier-ignore

describe.each(BACKENDS)('a contact merged in Xero, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('is named once with its fix, its moved invoices are no differences, and none after the fix', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, kept, invoice(1), invoice(2, { contactId: 'P-1002' }));
    await w.sync();
    expect((await run(w)).differences).toEqual([]);

    await new Promise((r) => setTimeout(r, 20));
    const morgan = contactId(w, 'Alex Morgan');
    const survivor = contactId(w, 'Alex J Morgan');
    w.sandbox.control.bookkeeper.mergeContacts(w.tenantId, morgan, survivor);
    expect(w.xero('Invoices').map((i) => (i.Contact as { ContactID: string }).ContactID)).toEqual([survivor, survivor]); // prettier-ignore

    const report = await run(w);
    expect(report.differences.map((d) => d.kind)).toEqual(['contact_merged']);
    const [merged] = report.differences;
    expect(merged!.explanation).toMatch(
      /^Contact Alex Morgan \(P-1001\) was merged in Xero into Alex J Morgan \(P-1002\) on \d+ \w{3} \d{4} by Sandbox Bookkeeper; its invoices moved there — the file drop still keeps them under Alex Morgan \(P-1001\)\. They are compared as before, not counted as differences\.$/,
    );
    expect(merged!.fix).toMatch(/^Merge the two contacts the same way in the file drop;/);
    expect(merged!.offers).toEqual(['accept']);
    expect(merged!.changedBy).toBe('Sandbox Bookkeeper');
    // INV-1 now sits under Alex J Morgan in Xero, and still counts under Alex Morgan.
    for (const b of report.balances) expect(b.receivable.xero).toBe(b.receivable.ours);
    expect(report.balances.find((b) => b.contact === 'Alex Morgan')!.receivable.xero).toBe('134.69'); // prettier-ignore

    // What the fix says: until the practice system merges them too, Xero refuses a new invoice
    // for the archived contact.
    await w.ingest(invoice(3));
    await w.sync();
    expect((await listOpenSyncErrors(w.db)).map((e) => [e.sourceId, e.message])).toEqual([
      ['inv-3', expect.stringContaining('archived')],
    ]);
    expect(report.summary).toMatchObject({ agree: { count: 2 }, changed_in_xero: { count: 1 } });

    // The fix: the same merge in the practice system; the sync archives nothing new and moves
    // nothing back, and the reconciliation agrees again.
    await w.ingest({ ...exampleContact, mergedIntoId: 'P-1002', updatedAt: new Date().toISOString() }); // prettier-ignore
    await w.sync();
    const after = await run(w);
    expect(after.differences).toEqual([]);
    expect(after.open).toBe(false);
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });
});
