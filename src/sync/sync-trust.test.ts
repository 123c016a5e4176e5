/**
 * Trust movements pushed (FEATURES B5): receipts and interest as Receive Money, payments and
 * transfers to office as Spend Money on the trust bank account, coded to the trust liability
 * account with the client as contact; transfers between matters not sent (the bank does not
 * move); edits and deletions followed — Xero's trust bank balance equals the trust ledger after
 * every sync. The invoice a transfer to office pays is paid by its own payment into the office.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../test/support/backends.js';
import { invoice, newSyncWorld, payment } from '../../test/support/sync-world.js';
import { disposeWorlds } from '../../test/support/xero-world.js';
import { putMapping } from '../store/mappings-repo.js';
import { listOpenSyncErrors } from '../store/sync-errors-repo.js';
import {
  setUpTrust,
  TRUST_BANK,
  TRUST_LIABILITY,
  trustMove,
  xeroTrustCents,
} from './test-support/trust-docs.js';

describe.each(BACKENDS)('trust movements on %s', (backend) => {
  afterEach(disposeWorlds);

  it('keep Xero’s trust bank balance equal to the trust ledger through edits and deletions, and refuse a liability that is not one', async () => {
    const w = await newSyncWorld({ backend });
    await setUpTrust(w);
    const bill = invoice(1, { contactId: 'C-1' });
    await w.ingest(
      trustMove(1, { amount: '5000.00', reference: 'Deposit on settlement' }),
      trustMove(2, { type: 'payment', amount: '1200.00', payee: 'Land Titles Office' }),
      trustMove(3, { type: 'matter_transfer', amount: '300.00', toContactId: 'C-2', toMatter: 'M-9' }), // prettier-ignore
      trustMove(4, { type: 'interest', amount: '2.15' }),
      bill,
      trustMove(5, { type: 'to_office', amount: bill.total, invoiceId: 'inv-1' }),
      payment(1, 1, { method: 'trust', amount: bill.total }),
    );
    await putMapping(w.db, { tenantId: w.tenantId, source: '*', type: 'payment_method_account', key: 'trust', value: '090' }); // prettier-ignore
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    const cents = 5000_00 - 1200_00 + 2_15 - Math.round(Number(bill.total) * 100);
    expect(xeroTrustCents(w)).toBe(cents);
    const txns = w.xero('BankTransactions');
    expect(txns).toHaveLength(4);
    for (const t of txns) {
      expect(t.BankAccount).toMatchObject({ Code: TRUST_BANK });
      expect((t.LineItems as { AccountCode: string }[])[0]!.AccountCode).toBe(TRUST_LIABILITY);
    }
    expect(txns.find((t) => String(t.Reference).includes('TM-5'))).toMatchObject({
      Type: 'SPEND',
      Reference: 'Matter M-1, invoice inv-1 (trust TM-5)',
    });
    expect(w.xero('Invoices')[0]).toMatchObject({ Status: 'PAID' });

    // An edit is pushed; a deletion deletes; a receipt turned into a transfer between matters
    // leaves the bank, so it is deleted in Xero too.
    await w.ingest(trustMove(2, { type: 'payment', amount: '1100.00', updatedAt: '2026-11-05T10:00:00Z' })); // prettier-ignore
    await w.remove({ kind: 'trust_movement', sourceId: 'TM-4' });
    await w.ingest(trustMove(1, { type: 'matter_transfer', amount: '5000.00', toMatter: 'M-2', updatedAt: '2026-11-05T10:00:00Z' })); // prettier-ignore
    await w.sync();
    expect(await listOpenSyncErrors(w.db)).toEqual([]);
    expect(xeroTrustCents(w)).toBe(-1100_00 - Math.round(Number(bill.total) * 100));
    expect(w.xero('BankTransactions').filter((t) => t.Status !== 'DELETED')).toHaveLength(2);

    // A trust liability mapped to an account that is not a liability is refused, naming it.
    await w.ingest(trustMove(6));
    await putMapping(w.db, { tenantId: w.tenantId, source: '*', type: 'trust_liability_account', key: '*', value: '090' }); // prettier-ignore
    await w.sync();
    const errors = await listOpenSyncErrors(w.db);
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      [
        'LB_MAPPING_INVALID',
        'trust movement TM-6: Account 090 (trust liability account) is a BANK account, not a liability in Xero',
      ],
    ]);
    expect(w.xero('BankTransactions')).toHaveLength(4);
  });
});
