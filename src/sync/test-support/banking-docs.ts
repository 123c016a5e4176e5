/**
 * Banking documents in the published format for sync tests, and the bank-account mappings they
 * need in a sync world (test/support/sync-world.ts: the AU chart's 090 and 091 are BANK accounts).
 */
import { putMapping } from '../../store/mappings-repo.js';
import type { SyncWorld } from '../../../test/support/sync-world.js';

export const VENDOR = {
  kind: 'contact',
  sourceId: 'V-1',
  updatedAt: '2026-11-01T09:00:00Z',
  name: 'Court Registry',
};

/** operating → 090 (Business Bank Account), savings → 091 (Business Savings Account). */
export async function mapBankAccounts(w: SyncWorld): Promise<void> {
  for (const [key, value] of [
    ['operating', '090'],
    ['savings', '091'],
  ] as const)
    await putMapping(w.db, { tenantId: w.tenantId, source: '*', type: 'bank_account', key, value });
}

/** Bank transaction n: a spend (or receive) of `amount` through `bankAccount`. */
export const bankTxn = (n: number, extra: Record<string, unknown> = {}) => ({
  kind: 'bank_transaction',
  sourceId: `BT-${n}`,
  updatedAt: '2026-11-04T10:00:00Z',
  type: 'spend',
  bankAccount: 'operating',
  contactId: 'V-1',
  date: '2026-11-04',
  currency: 'AUD',
  lineAmountType: 'no_tax',
  reference: `Filing fee ${n}`,
  lines: [
    {
      kind: 'disbursement',
      description: 'Filing fee',
      quantity: '1',
      unitAmount: '350.00',
      accountCode: '429',
    },
  ],
  ...extra,
});

/** Lines of one `amount` on account `accountCode` (429 general expenses, 260 other revenue). */
export const oneLine = (amount: string, accountCode = '429') => [
  { kind: 'other', description: 'Movement', quantity: '1', unitAmount: amount, accountCode },
];

export const transfer = (n: number, extra: Record<string, unknown> = {}) => ({
  kind: 'bank_transfer',
  sourceId: `TR-${n}`,
  updatedAt: '2026-11-04T10:00:00Z',
  fromBankAccount: 'operating',
  toBankAccount: 'savings',
  date: '2026-11-04',
  amount: '1000.00',
  currency: 'AUD',
  ...extra,
});

export const journal = (n: number, extra: Record<string, unknown> = {}) => ({
  kind: 'journal',
  sourceId: `J-${n}`,
  updatedAt: '2026-11-04T10:00:00Z',
  date: '2026-11-30',
  narration: `Accrue rent ${n}`,
  currency: 'AUD',
  lines: [
    { accountCode: '469', amount: '2500.00' },
    { accountCode: '200', amount: '-2500.00' },
  ],
  ...extra,
});

export const live = (rows: Record<string, unknown>[]) =>
  rows.filter((r) => r.Status !== 'DELETED' && r.Status !== 'VOIDED');
