/**
 * Privacy mode (FEATURES X6): a health practice's patients reach Xero as references, not names —
 * pushed ones blanked when it is turned on, new ones never looked for by name, and a bookkeeper's
 * edit of the reference never taken back as the patient's.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { newSyncWorld } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { exampleContact, exampleInvoice } from '../ledger/test-support/examples.js';
import { saveSyncSettings } from '../service/save-sync-settings.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';

const IDENTIFYING = /Alex|Morgan|alex@|George|Jamie|Lee|51 824/;

describe.each(BACKENDS)('privacy mode, on %s', (backend) => {
  afterEach(disposeWorlds);

  it('sends patients as references, blanks what was pushed before, and never looks one up by name', async () => {
    const w = await newSyncWorld({ backend });
    await w.ingest(exampleContact, exampleInvoice);
    await w.sync();
    const [named] = w.xero('Contacts');
    expect(named).toMatchObject({ Name: 'Alex Morgan (P-1001)', EmailAddress: 'alex@example.com' });

    await saveSyncSettings(w.db, { privacyMode: true }, 'test'); // as `settings set` and the page do
    // A bookkeeper's own contact with the name of a patient about to be pushed: not matched.
    w.sandbox.control.bookkeeper.createContact(w.tenantId, { Name: 'Jamie Lee' });
    await w.ingest(
      { ...exampleContact, sourceId: 'P-2002', name: 'Jamie Lee', email: 'jamie@example.com' },
      { ...exampleInvoice, sourceId: 'INV-2002', number: 'INV-2002', contactId: 'P-2002' },
    );
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const contacts = w.xero('Contacts');
    const alex = contacts.find((c) => c.ContactID === named!.ContactID)!;
    expect(alex).toMatchObject({ Name: 'Patient P-1001', ContactNumber: 'P-1001' });
    const jamie = contacts.find((c) => c.ContactNumber === 'P-2002')!;
    expect(jamie.Name).toBe('Patient P-2002');
    expect(contacts.filter((c) => c.Name === 'Jamie Lee')).toHaveLength(1); // the bookkeeper's, alone
    for (const c of [alex, jamie]) expect(JSON.stringify(c)).not.toMatch(IDENTIFYING);
    const invoices = w.xero('Invoices');
    expect(invoices.find((i) => i.InvoiceNumber === 'INV-2002')).toMatchObject({
      Contact: expect.objectContaining({ ContactID: jamie.ContactID }) as unknown,
    });

    // A bookkeeper renames the reference: not a change of the patient's to report or write back.
    await new Promise((r) => setTimeout(r, 20));
    w.sandbox.control.bookkeeper.updateContact(w.tenantId, String(jamie.ContactID), {
      Name: 'J. Lee',
    });
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
  });
});
