/**
 * Which way money moves on a bank account in Xero, and how much (pure): the one rule both the
 * trust report's bank balance (trust-bank.ts) and the bank accounts' section of a reconciliation
 * (bank-accounts.ts) apply to Xero's documents. A Receive Money (RECEIVE, RECEIVE-OVERPAYMENT,
 * RECEIVE-PREPAYMENT, RECEIVE-TRANSFER) brings its total in and a Spend Money takes it out; a
 * payment brings its amount in when it is money received (a customer paying an invoice, a supplier
 * refunding a credit) and takes it out otherwise (a bill paid, a customer refunded).
 *
 * @module
 */
import { toUnits } from '../ledger/index.js';

/** Payments that bring money into the account; the others take it out (refunds, bills). */
const MONEY_IN_PAYMENTS = new Set([
  'ACCRECPAYMENT',
  'APCREDITPAYMENT',
  'APOVERPAYMENTPAYMENT',
  'APPREPAYMENTPAYMENT',
]);

/** Xero's amount (a JSON number, or decimal text) in units; 0 when absent. */
const unitsOf = (v: unknown): bigint =>
  typeof v === 'number' || typeof v === 'string' ? toUnits(v) : 0n;

/** A bank transaction's movement on its bank account, in units (1/10,000). */
export function bankTransactionUnits(type: unknown, total: unknown): bigint {
  return String(type).startsWith('SPEND') ? -unitsOf(total) : unitsOf(total);
}

/** A payment's movement on its account, in units. */
export function paymentUnits(paymentType: unknown, amount: unknown): bigint {
  return MONEY_IN_PAYMENTS.has(String(paymentType)) ? unitsOf(amount) : -unitsOf(amount);
}
