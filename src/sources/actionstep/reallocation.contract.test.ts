import { describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../test/support/backends.js';
import { documents, firmPerTest, ORG, pull } from './test-support.js';

describe.each(BACKENDS)('an Actionstep receipt re-allocated between bills on %s', (backend) => {
  const start = firmPerTest(backend);

  it('moves the payment to the new bill and leaves none on the old one', async () => {
    const { db, firm } = await start(true);
    const user = firm.emulator.control.practice(ORG);
    const { bills, matters } = firm.seed;
    const other = user.createBill({
      actionId: matters[1]!,
      includeUnbilled: false,
      lines: [{ description: 'Lease advice', quantity: '1', unitPrice: '300.00' }],
    });
    user.finaliseBill({ billId: other });
    const payer = firm.emulator.control.get(ORG, 'bills', bills.open)?.links as {
      theirParticipant: string;
    };
    const receipt = user.recordReceipt({
      participantId: Number(payer.theirParticipant),
      date: '2026-11-30',
      amount: '40.00',
      allocations: [{ billId: bills.open, amount: '40.00' }],
      reference: 'EFT 3003',
    });
    await pull(db);
    expect((await documents(db, 'payment')).get(`${receipt}-${bills.open}`)).toMatchObject({
      amount: '40.00',
      deleted: false,
    });

    // Applied to the wrong bill: the practice moves it to the other one.
    user.editReceipt({ receiptId: receipt, allocations: [{ billId: other, amount: '40.00' }] });
    const report = await pull(db);
    expect(report.issues).toEqual([]);
    expect(report.counts).toMatchObject({ deleted: 1 });
    const payments = await documents(db, 'payment');
    expect(payments.get(`${receipt}-${bills.open}`)?.deleted).toBe(true);
    expect(payments.get(`${receipt}-${other}`)).toMatchObject({
      amount: '40.00',
      invoiceId: String(other),
      deleted: false,
    });
    // The receipt's other payments, and other receipts' payments, are untouched.
    const live = [...payments.values()].filter((p) => !p.deleted);
    expect(live.length).toBeGreaterThan(1);
  });
});
