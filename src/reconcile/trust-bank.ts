/**
 * The trust bank account's balance in Xero on a day (FEATURES B5), read with the scopes
 * Ledgerbridge already holds (no reports scope): every authorised bank transaction of the account
 * up to the day — Receive and Spend Money, transfer legs (RECEIVE-TRANSFER / SPEND-TRANSFER),
 * overpayments and prepayments — plus every payment into or out of it (an invoice paid into the
 * trust account by mistake shows here too). Filtered by Xero (`where` on the account's id, the
 * status and the date), paged by 100.
 *
 * @module
 */
import type { XeroApi } from '../xero/api-client.js';
import { readPages } from '../xero/reader.js';
import { bankTransactionUnits, paymentUnits } from './bank-movement.js';

export async function readTrustBankBalance(
  api: XeroApi,
  tenantId: string,
  accountId: string,
  asOf: string,
): Promise<bigint> {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const upTo = `Status=="AUTHORISED" AND Date<=DateTime(${y},${m},${d})`;
  const id = `Guid("${accountId}")`;
  const sum = async (
    collection: 'BankTransactions' | 'Payments',
    where: string,
    signed: Signed,
  ) => {
    let total = 0n;
    for await (const page of readPages(api, {
      tenantId,
      collection,
      where: `${where} AND ${upTo}`,
    }))
      for (const item of page) total += signed(item);
    return total;
  };
  const transactions = await sum('BankTransactions', `BankAccount.AccountID==${id}`, (t) =>
    bankTransactionUnits(t.Type, t.Total),
  );
  const payments = await sum('Payments', `Account.AccountID==${id}`, (p) =>
    paymentUnits(p.PaymentType, p.Amount),
  );
  return transactions + payments;
}

type Signed = (item: Record<string, unknown>) => bigint;
