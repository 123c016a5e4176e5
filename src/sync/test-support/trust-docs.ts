/**
 * Trust movements in the published format for sync tests, and a sync world's trust accounts: the
 * bookkeeper adds a trust bank account (092) and a trust liability account (855) to the AU chart,
 * and they are mapped (docs/ledger-format.md "Trust money").
 */
import { putMapping } from '../../store/mappings-repo.js';
import type { SyncWorld } from '../../../test/support/sync-world.js';

export const TRUST_BANK = '092';
export const TRUST_LIABILITY = '855';

export const CLIENTS = ['C-1', 'C-2'].map((sourceId, i) => ({
  kind: 'contact',
  sourceId,
  updatedAt: '2026-11-01T09:00:00Z',
  name: `Client ${i + 1}`,
}));

export async function setUpTrust(w: SyncWorld): Promise<void> {
  const { bookkeeper } = w.sandbox.control;
  bookkeeper.createAccount(w.tenantId, {
    Code: TRUST_BANK,
    Name: 'Client Trust Account',
    Type: 'BANK',
    BankAccountNumber: '062000 12345678',
  });
  bookkeeper.createAccount(w.tenantId, {
    Code: TRUST_LIABILITY,
    Name: 'Trust Liability — Client Money',
    Type: 'CURRLIAB',
  });
  for (const [type, value] of [
    ['trust_bank_account', TRUST_BANK],
    ['trust_liability_account', TRUST_LIABILITY],
  ] as const)
    await putMapping(w.db, { tenantId: w.tenantId, source: '*', type, key: '*', value });
  await w.ingest(...CLIENTS);
}

/** Trust movement n: a receipt of `amount` for client C-1, matter M-1, unless `extra` says else. */
export const trustMove = (n: number, extra: Record<string, unknown> = {}) => ({
  kind: 'trust_movement',
  sourceId: `TM-${n}`,
  updatedAt: '2026-11-04T10:00:00Z',
  type: 'receipt',
  contactId: 'C-1',
  matter: 'M-1',
  date: '2026-11-04',
  amount: '1000.00',
  currency: 'AUD',
  ...extra,
});

/** The trust bank's balance in Xero, in cents: its live bank transactions, in less out. */
export function xeroTrustCents(w: SyncWorld): number {
  let cents = 0;
  for (const t of w.xero('BankTransactions')) {
    if (t.Status === 'DELETED' || (t.BankAccount as { Code: string }).Code !== TRUST_BANK) continue;
    const c = Math.round(Number(t.Total) * 100);
    cents += String(t.Type).startsWith('SPEND') ? -c : c;
  }
  return cents;
}
