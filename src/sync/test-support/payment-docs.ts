/**
 * Overpayments (and, later, refunds, returned receipts, write-offs) in the published format for
 * sync tests, against the example contact P-1001 and invoices of test/support/sync-world.ts
 * (134.69 each).
 */
import { exampleContact } from '../../ledger/test-support/examples.js';

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
