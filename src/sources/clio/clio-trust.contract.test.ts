import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { FIRM, firmWorld, type FirmWorld } from './test-support.js';

describe.each(BACKENDS)('Clio trust money and hard costs on %s', (backend) => {
  let w: FirmWorld | undefined;
  afterEach(async () => {
    await w?.dispose();
    w = undefined;
  });

  it('pulls trust receipts, a transfer to office paying a bill, interest and a cheque disbursement', async () => {
    w = await firmWorld(backend);
    const { control } = w.emulator;
    const firm = control.practice(FIRM);
    const seed = w.seed!;
    const [chenMatter] = seed.matters;
    const matterNumber = String(control.get(FIRM, 'matters', chenMatter!)!.number);
    const vendor = firm.createContact({ type: 'Company', name: 'Metro Process Servers' });
    const filing = control
      .list(FIRM, 'expense_categories')
      .find((c) => c.name === 'Court filing fees')!;
    const cost = firm.recordExpense({
      matterId: chenMatter!,
      expenseCategoryId: filing.id as number,
      date: '2026-03-02',
      price: '132.00',
      note: 'Service of subpoena',
      vendorId: vendor,
      reference: 'CHQ 100231',
    });
    firm.openTrustAccount();
    const receipt = firm.depositToTrust({
      matterId: chenMatter!,
      date: '2026-03-03',
      amount: '2500.00',
      description: 'Settlement deposit',
    });
    const due = String(control.get(FIRM, 'bills', seed.bills.editedPayment)!.due);
    firm.payBillFromTrust({ billId: seed.bills.editedPayment, date: '2026-03-04', amount: due });

    const first = await w.pull();
    expect([first.status, first.counts.rejected]).toEqual(['succeeded', 0]);
    const moves = (await w.documents('trust_movement')).map((d) => d.content);
    expect(moves).toEqual([
      expect.objectContaining({
        sourceId: String(receipt),
        type: 'receipt',
        contactId: String(seed.contacts.chen),
        matter: matterNumber,
        amount: '2500.00',
        currency: 'USD',
      }),
      expect.objectContaining({
        type: 'to_office',
        amount: Number(due).toFixed(2),
        invoiceId: String(seed.bills.editedPayment),
      }),
    ]);
    // The bill's own payment into office: what marks it paid in Xero.
    const payments = (await w.documents('payment')).filter(
      (p) => p.content.invoiceId === String(seed.bills.editedPayment) && !p.deleted,
    );
    expect(payments.map((p) => p.content.amount).sort()).toEqual(
      ['150.00', Number(due).toFixed(2)].sort(),
    );
    // Only the hard cost paid to a vendor is Spend Money; the seed's vendorless ones are not.
    const spends = (await w.documents('bank_transaction')).map((d) => d.content);
    expect(spends).toEqual([
      expect.objectContaining({
        sourceId: String(cost),
        type: 'spend',
        bankAccount: 'operating',
        contactId: String(vendor),
        reference: 'CHQ 100231',
        lines: [
          expect.objectContaining({
            kind: 'disbursement',
            category: 'Court filing fees',
            unitAmount: '132.00',
          }),
        ],
      }),
    ]);

    // Interest credited later reaches the next pull through `updated_since`; nothing else changed.
    firm.depositToTrust({ matterId: chenMatter!, date: '2026-03-31', amount: '1.25', interest: true }); // prettier-ignore
    const second = await w.pull();
    expect([second.status, second.counts.added, second.counts.changed]).toEqual([
      'succeeded',
      1,
      0,
    ]);
    const interest = (await w.documents('trust_movement')).find(
      (d) => d.content.type === 'interest',
    );
    expect(interest?.content).toMatchObject({ amount: '1.25', matter: matterNumber });
  }, 120_000);
});
