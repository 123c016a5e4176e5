/**
 * An invoice in Xero's wire shape (spec `Invoice`, L22324; examples L7446–7600): amounts with 2
 * decimals, MS-JSON dates with their `…String` twins, the contact summary, and the payments and
 * credits applied to it.
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import { msDate } from '../xero-dates.js';
import { amountDue } from './balances.js';
import { allocationsFor, paymentsFor } from './lookup.js';
import type { Invoice } from './model.js';
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

function appliedPayments(org: Organisation, invoice: Invoice): WireObject[] {
  return paymentsFor(org, invoice.id)
    .filter((p) => p.status === 'AUTHORISED')
    .map((p) => ({
      PaymentID: p.id,
      Date: msDate(p.date),
      Amount: money(p.amount),
      ...(p.reference !== undefined ? { Reference: p.reference } : {}),
      CurrencyRate: rate(p.currencyRate),
      HasAccount: false,
      HasValidationErrors: false,
    }));
}

/** Credit notes, prepayments and overpayments allocated to the invoice, with AppliedAmount. */
function appliedCredits(org: Organisation, invoice: Invoice): Record<string, WireObject[]> {
  const out: Record<string, WireObject[]> = { CreditNotes: [], Prepayments: [], Overpayments: [] };
  for (const a of allocationsFor(org, 'invoice', invoice.id)) {
    if (a.isDeleted) continue;
    const applied = { AppliedAmount: money(a.amount), Date: msDate(a.date) };
    if (a.sourceKind === 'CREDITNOTE') {
      const note = org.creditNotes.get(a.sourceId);
      out.CreditNotes?.push({
        CreditNoteID: a.sourceId,
        ...(note ? { CreditNoteNumber: note.number, Total: money(note.total) } : {}),
        ...applied,
      });
    } else if (a.sourceKind === 'PREPAYMENT') {
      out.Prepayments?.push({ PrepaymentID: a.sourceId, ...applied });
    } else {
      out.Overpayments?.push({ OverpaymentID: a.sourceId, ...applied });
    }
  }
  return out;
}

export function renderInvoice(org: Organisation, invoice: Invoice, view: RenderView): WireObject {
  return {
    Type: invoice.type,
    InvoiceID: invoice.id,
    InvoiceNumber: invoice.number,
    Reference: invoice.reference,
    Payments: appliedPayments(org, invoice),
    ...appliedCredits(org, invoice),
    AmountDue: money(amountDue(invoice)),
    AmountPaid: money(invoice.amountPaid),
    AmountCredited: money(invoice.amountCredited),
    SentToContact: invoice.sentToContact,
    CurrencyRate: rate(invoice.currencyRate),
    TotalDiscount: money(invoice.totalDiscount),
    IsDiscounted: invoice.totalDiscount !== 0n,
    HasAttachments: false,
    HasErrors: false,
    Contact: contactSummary(org, invoice.contactId),
    ...dateFields('Date', invoice.date),
    ...dateFields('DueDate', invoice.dueDate),
    ...(invoice.expectedPaymentDate
      ? { ExpectedPaymentDate: msDate(invoice.expectedPaymentDate) }
      : {}),
    ...(invoice.plannedPaymentDate
      ? { PlannedPaymentDate: msDate(invoice.plannedPaymentDate) }
      : {}),
    Status: invoice.status,
    LineAmountTypes: invoice.lineAmountTypes,
    ...(view.lines ? { LineItems: invoice.lines.map((l) => renderLine(l, view.unitdp)) } : {}),
    SubTotal: money(invoice.subTotal),
    TotalTax: money(invoice.totalTax),
    Total: money(invoice.total),
    ...updatedFields(invoice.updatedAt, true),
    CurrencyCode: invoice.currencyCode,
    ...(invoice.fullyPaidOnDate ? { FullyPaidOnDate: msDate(invoice.fullyPaidOnDate) } : {}),
    ...(invoice.url !== undefined ? { Url: invoice.url } : {}),
    ...(invoice.brandingThemeId !== undefined ? { BrandingThemeID: invoice.brandingThemeId } : {}),
  };
}
