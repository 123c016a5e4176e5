/**
 * A payment in Xero's wire shape (spec Payment L23834; examples L11700–11760, L12230–12300).
 * As in Xero's own examples, a payment of a credit note shows the credit note under `Invoice`
 * with its credit-note Type (ACCRECCREDIT / ACCPAYCREDIT).
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import { msDate } from '../xero-dates.js';
import type { Payment } from './model.js';
import type { Organisation } from './organisation.js';
import { contactSummary, money, rate, updatedFields } from './render-common.js';

function paidDocument(org: Organisation, payment: Payment): WireObject {
  if (payment.targetKind === 'INVOICE' || payment.targetKind === 'CREDITNOTE') {
    const doc =
      payment.targetKind === 'INVOICE'
        ? org.invoices.get(payment.targetId)
        : org.creditNotes.get(payment.targetId);
    if (!doc) return { Invoice: { InvoiceID: payment.targetId } };
    return {
      Invoice: {
        Type: doc.type,
        InvoiceID: doc.id,
        InvoiceNumber: doc.number,
        Contact: contactSummary(org, doc.contactId),
        Status: doc.status,
        CurrencyCode: doc.currencyCode,
      },
    };
  }
  const key = payment.targetKind === 'OVERPAYMENT' ? 'Overpayment' : 'Prepayment';
  return { [key]: { [`${key}ID`]: payment.targetId } };
}

export function renderPayment(org: Organisation, payment: Payment): WireObject {
  const account = org.accounts.get(payment.accountId);
  return {
    PaymentID: payment.id,
    Date: msDate(payment.date),
    BankAmount: money(payment.amount),
    Amount: money(payment.amount),
    ...(payment.reference !== undefined ? { Reference: payment.reference } : {}),
    CurrencyRate: rate(payment.currencyRate),
    PaymentType: payment.paymentType,
    Status: payment.status,
    ...updatedFields(payment.updatedAt, true),
    HasAccount: true,
    IsReconciled: payment.isReconciled,
    Account: account
      ? { AccountID: account.id, Code: account.code, Name: account.name }
      : { AccountID: payment.accountId },
    ...paidDocument(org, payment),
    HasValidationErrors: false,
  };
}
