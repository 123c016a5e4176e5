/**
 * Bank transactions and bank transfers in Xero's wire shape (spec BankTransaction L20548,
 * BankTransfer L20800).
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import { msDateTime } from '../xero-dates.js';
import type { BankTransaction, BankTransfer } from './model.js';
import type { Organisation } from './organisation.js';
import {
  contactSummary,
  dateFields,
  money,
  rate,
  renderLine,
  updatedFields,
} from './render-common.js';
import type { RenderView } from './render-common.js';

export function accountSummary(org: Organisation, accountId: string): WireObject {
  const a = org.accounts.get(accountId);
  return a ? { AccountID: a.id, Code: a.code, Name: a.name } : { AccountID: accountId };
}

export function renderBankTransaction(
  org: Organisation,
  txn: BankTransaction,
  view: RenderView,
): WireObject {
  const prepayKey = txn.type.endsWith('OVERPAYMENT') ? 'OverpaymentID' : 'PrepaymentID';
  return {
    BankTransactionID: txn.id,
    Type: txn.type,
    ...(txn.contactId ? { Contact: contactSummary(org, txn.contactId) } : {}),
    ...(view.lines ? { LineItems: txn.lines.map((l) => renderLine(l, view.unitdp)) } : {}),
    BankAccount: accountSummary(org, txn.bankAccountId),
    IsReconciled: txn.isReconciled,
    ...dateFields('Date', txn.date),
    ...(txn.reference !== undefined ? { Reference: txn.reference } : {}),
    CurrencyCode: txn.currencyCode,
    ...(txn.currencyRate !== undefined ? { CurrencyRate: rate(txn.currencyRate) } : {}),
    ...(txn.url !== undefined ? { Url: txn.url } : {}),
    Status: txn.status,
    LineAmountTypes: txn.lineAmountTypes,
    SubTotal: money(txn.subTotal),
    TotalTax: money(txn.totalTax),
    Total: money(txn.total),
    ...(txn.prepayId ? { [prepayKey]: txn.prepayId } : {}),
    ...updatedFields(txn.updatedAt, false),
    HasAttachments: false,
  };
}

export function renderBankTransfer(org: Organisation, transfer: BankTransfer): WireObject {
  const from = org.bankTransactions.get(transfer.fromBankTransactionId);
  const to = org.bankTransactions.get(transfer.toBankTransactionId);
  return {
    BankTransferID: transfer.id,
    FromBankAccount: accountSummary(org, transfer.fromAccountId),
    ToBankAccount: accountSummary(org, transfer.toAccountId),
    Amount: money(transfer.amount),
    ...dateFields('Date', transfer.date),
    ...(transfer.reference !== undefined ? { Reference: transfer.reference } : {}),
    CurrencyRate: 1,
    FromBankTransactionID: transfer.fromBankTransactionId,
    ToBankTransactionID: transfer.toBankTransactionId,
    FromIsReconciled: from?.isReconciled ?? false,
    ToIsReconciled: to?.isReconciled ?? false,
    HasAttachments: false,
    CreatedDateUTC: msDateTime(transfer.createdAt),
    Status: transfer.status,
  };
}
