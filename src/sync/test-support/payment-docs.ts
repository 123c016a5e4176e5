/**
 * Overpayments (and, later, refunds, returned receipts, write-offs) in the published format for
 * sync tests, against the example contact P-1001 and invoices of test/support/sync-world.ts
 * (134.69 each).
 */
import { exampleContact } from '../../ledger/test-support/examples.js';
import { putMapping } from '../../store/mappings-repo.js';
import { listOpenSyncErrors } from '../../store/sync-errors-repo.js';
import type { SyncWorld } from '../../../test/support/sync-world.js';

export const CLIENT = exampleContact;

/** Overpayment n of `amount` from P-1001 through "operating", allocations as given. */
export const overpayment = (n: number, extra: Record<string, unknown> = {}) => ({
  kind: 'overpayment',
  sourceId: `op-${n}`,
  updatedAt: '2026-11-05T10:00:00Z',
  contactId: 'P-1001',
  bankAccount: 'operating',
  date: '2026-11-05',
  amount: '500.00',
  currency: 'AUD',
  reference: `Cheque ${n}`,
  ...extra,
});

/** Refund n of `amount` from "operating", of the credit note or overpayment `creditId`. */
export const refund = (
  n: number,
  creditKind: 'credit_note' | 'overpayment',
  creditId: string,
  amount: string,
) => ({
  kind: 'refund',
  sourceId: `rf-${n}`,
  updatedAt: '2026-11-07T10:00:00Z',
  creditKind,
  creditId,
  bankAccount: 'operating',
  date: '2026-11-07',
  amount,
  currency: 'AUD',
});

/** An allocation of `amount` to invoice inv-n. */
export const toInvoice = (n: number, amount: string, date = '2026-11-06') => ({
  invoiceId: `inv-${n}`,
  amount,
  date,
});

/** The bad-debt account a sync world's bookkeeper adds to the AU chart (FEATURES P9). */
export const BAD_DEBTS = '684';

/** Write-off n of `amount` of invoice inv-invoiceN (P9). */
export const writeOff = (
  n: number,
  invoiceN: number,
  amount: string,
  extra: Record<string, unknown> = {},
) => ({
  kind: 'write_off',
  sourceId: `wo-${n}`,
  updatedAt: '2026-11-08T10:00:00Z',
  invoiceId: `inv-${invoiceN}`,
  date: '2026-11-08',
  amount,
  reason: 'Client cannot be traced',
  ...extra,
});

/** The Stripe clearing account (BANK) and processor-fee account of a sync world (FEATURES P10). */
export const STRIPE_CLEARING = '093';
export const PROCESSOR_FEES = '404';

/** Payout n of Stripe's clearing account to "operating": `gross` less `fees`. */
export const payout = (
  n: number,
  gross: string,
  fees: string,
  net: string,
  extra: Record<string, unknown> = {},
) => ({
  // prettier-ignore
  kind: 'payout',
  sourceId: `po-${n}`,
  updatedAt: '2026-11-09T10:00:00Z',
  method: 'stripe',
  date: '2026-11-09',
  gross,
  fees,
  net,
  currency: 'AUD',
  bankAccount: 'operating',
  processorReference: `po_${n}23`,
  ...extra,
});

/** [source id, code] of each open sync error of the world's organisation. */
export const openErrorCodes = async (w: SyncWorld) =>
  (await listOpenSyncErrors(w.db, { tenantId: w.tenantId })).map((e) => [e.sourceId, e.code]);

/**
 * A sync in which every answer of `endpoint` ("PUT /CreditNotes") is lost after Xero applied the
 * write: what it sent must be found again by lookup, never sent twice.
 */
export async function syncLosingAnswers(w: SyncWorld, endpoint: string) {
  w.sandbox.control.setFaults({
    seed: 3,
    rules: [{ kind: 'http500', rate: 1, endpoint, afterWrite: 1 }],
  });
  try {
    return await w.sync();
  } finally {
    w.sandbox.control.setFaults(undefined);
  }
}

/** Stripe's clearing account (a BANK account) added to the chart, mapped, and the fee account. */
export async function setUpClearing(w: SyncWorld): Promise<void> {
  w.sandbox.control.bookkeeper.createAccount(w.tenantId, {
    Code: STRIPE_CLEARING,
    Name: 'Stripe clearing',
    Type: 'BANK',
    BankAccountNumber: '000000 00000093',
  });
  const { tenantId } = w;
  await putMapping(w.db, { tenantId, source: '*', type: 'payment_method_account', key: 'stripe', value: STRIPE_CLEARING }); // prettier-ignore
  await putMapping(w.db, { tenantId, source: '*', type: 'processor_fee_account', key: '*', value: PROCESSOR_FEES }); // prettier-ignore
}
