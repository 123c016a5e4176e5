/**
 * What an account may be used for: its class, whether it can sit on a document line, whether it
 * can take payments, and which tax rates it accepts.
 *
 * @module
 */
import type { Account, TaxRate } from './model.js';

export type AccountClass = 'ASSET' | 'EQUITY' | 'EXPENSE' | 'LIABILITY' | 'REVENUE';

const CLASS_BY_TYPE: Record<string, AccountClass> = {
  BANK: 'ASSET',
  CURRENT: 'ASSET',
  FIXED: 'ASSET',
  INVENTORY: 'ASSET',
  NONCURRENT: 'ASSET',
  PREPAYMENT: 'ASSET',
  CURRLIAB: 'LIABILITY',
  LIABILITY: 'LIABILITY',
  TERMLIAB: 'LIABILITY',
  PAYG: 'LIABILITY',
  EQUITY: 'EQUITY',
  DEPRECIATN: 'EXPENSE',
  DIRECTCOSTS: 'EXPENSE',
  EXPENSE: 'EXPENSE',
  OVERHEADS: 'EXPENSE',
  OTHERINCOME: 'REVENUE',
  REVENUE: 'REVENUE',
  SALES: 'REVENUE',
};

export const ACCOUNT_TYPES = Object.keys(CLASS_BY_TYPE);

export function accountClass(type: string): AccountClass {
  return CLASS_BY_TYPE[type] ?? 'ASSET';
}

/**
 * System accounts Xero posts to itself; a document line may not name them (AR and AP are the
 * other side of every invoice; GST is fed by tax amounts). Rounding (860) stays usable: it is the
 * documented place for a rounding line (reference §7).
 */
const SYSTEM_ONLY = new Set([
  'DEBTORS',
  'CREDITORS',
  'GST',
  'RETAINEDEARNINGS',
  'UNPAIDEXPCLM',
  'TRACKINGTRANSFERS',
  'HISTORICAL',
  'BANKCURRENCYGAIN',
  'REALISEDCURRENCYGAIN',
  'UNREALISEDCURRENCYGAIN',
]);

/** True when a line of an invoice, credit note or bank transaction may post to the account. */
export function usableOnLines(account: Account): boolean {
  if (account.type === 'BANK') return false;
  return !account.systemAccount || !SYSTEM_ONLY.has(account.systemAccount);
}

/** Payments need a BANK account or one with EnablePaymentsToAccount (reference §8). */
export function takesPayments(account: Account): boolean {
  return (
    account.status === 'ACTIVE' && (account.type === 'BANK' || account.enablePaymentsToAccount)
  );
}

/** The tax rate's CanApplyTo flag for the account's class. */
export function taxRateApplies(rate: TaxRate, account: Account): boolean {
  switch (accountClass(account.type)) {
    case 'ASSET':
      return rate.canApplyTo.assets;
    case 'EQUITY':
      return rate.canApplyTo.equity;
    case 'EXPENSE':
      return rate.canApplyTo.expenses;
    case 'LIABILITY':
      return rate.canApplyTo.liabilities;
    case 'REVENUE':
      return rate.canApplyTo.revenue;
  }
}
