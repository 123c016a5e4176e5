import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import {
  invoice,
  newSyncWorld,
  payment,
  ROOMY_LIMITS,
  type SyncWorld,
} from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { putMapping } from '../store/mappings-repo.js';
import { mapBankAccounts } from './test-support/banking-docs.js';
import {
  BAD_DEBTS,
  CLIENT,
  writeOff,
  openErrorCodes,
  syncLosingAnswers,
} from './test-support/payment-docs.js';

/** Each credit note: status, total, what is left unallocated. */
const notes = (w: SyncWorld) =>
  w.xero('CreditNotes').map((c) => [c.Status, c.Total, c.RemainingCredit]);
const due = (w: SyncWorld) => w.xero('Invoices').map((i) => i.AmountDue);
async function world(backend: (typeof BACKENDS)[number]): Promise<SyncWorld> {
  const w = await newSyncWorld({ backend, ...ROOMY_LIMITS });
  await mapBankAccounts(w);
  w.sandbox.control.bookkeeper.createAccount(w.tenantId, {
    Code: BAD_DEBTS,
    Name: 'Bad Debts',
    Type: 'EXPENSE',
  });
  return w;
}

describe.each(BACKENDS)('bad-debt write-offs on %s', (backend) => {
  afterEach(disposeWorlds);

  it('writes off as a credit note to the bad-debt account allocated to the invoice; refuses more than is owed; follows edits and deletions; never twice', async () => {
    const w = await world(backend);
    // Invoices of 134.69; 34.69 paid on inv-1 (payment() pays 50.00 unless told).
    await w.ingest(CLIENT, invoice(1), invoice(2), payment(1, 1, { amount: '34.69' }));
    await w.ingest(writeOff(1, 1, '100.00'), writeOff(2, 2, '200.00'));
    await w.sync();
    // No bad-debt account mapped: refused with the fix, nothing sent.
    expect(await openErrorCodes(w)).toEqual([
      ['wo-1', 'LB_MAPPING_MISSING'],
      ['wo-2', 'LB_MAPPING_MISSING'],
    ]);
    expect(notes(w)).toEqual([]);

    await putMapping(w.db, {
      tenantId: w.tenantId,
      source: '*',
      type: 'bad_debt_account',
      key: '*',
      value: BAD_DEBTS,
    });
    // The first create's answer is lost after Xero applied it: found again by its Reference.
    const lost = await syncLosingAnswers(w, 'PUT /CreditNotes');
    expect(lost.organisations[0]?.counts).toMatchObject({ resolved: 1 });
    await w.sync();
    expect(notes(w)).toEqual([['PAID', 100, 0]]);
    const [note] = w.xero('CreditNotes');
    expect(note).toMatchObject({
      Type: 'ACCRECCREDIT',
      Reference: 'Write-off (wo-1)',
      LineAmountTypes: 'NoTax',
      LineItems: [{ AccountCode: BAD_DEBTS, UnitAmount: 100 }],
    });
    expect(due(w)).toEqual([0, 134.69]);
    // More than inv-2 owes: a sync error with the fix, and no credit note for it.
    expect(await openErrorCodes(w)).toEqual([['wo-2', 'LB_SYNC_WRITE_OFF_EXCEEDS_DUE']]);

    // Edits follow the PMS: the allocation taken back, the credit note changed, allocated again.
    await w.ingest(
      writeOff(1, 1, '60.00', { updatedAt: '2026-11-09T10:00:00Z' }),
      writeOff(2, 2, '134.69', { updatedAt: '2026-11-09T10:00:00Z' }),
    );
    await w.sync();
    expect(notes(w)).toEqual([
      ['PAID', 60, 0],
      ['PAID', 134.69, 0],
    ]);
    expect(due(w)).toEqual([40, 0]);
    expect(await openErrorCodes(w)).toEqual([]);

    // The invoice edited in the PMS: Xero edits it only with nothing applied, so the write-off's
    // allocation is taken back first (as a credit note's is) and made again after.
    await w.ingest(invoice(2, { reference: 'Edited', updatedAt: '2026-11-09T11:00:00Z' }));
    await w.sync();
    expect(w.xero('Invoices')[1]).toMatchObject({ Reference: 'Edited (inv-2)', AmountDue: 0 });
    expect(await openErrorCodes(w)).toEqual([]);

    // A deletion: the allocation taken back, the credit note voided, the invoice due again.
    await w.remove({ kind: 'write_off', sourceId: 'wo-1' });
    await w.sync();
    expect(notes(w)).toEqual([
      ['VOIDED', 60, 0],
      ['PAID', 134.69, 0],
    ]);
    expect(due(w)).toEqual([100, 0]);
    const last = await w.sync();
    expect(last.organisations[0]?.counts.writeCalls).toBe(0);
  }, 120_000);
});
