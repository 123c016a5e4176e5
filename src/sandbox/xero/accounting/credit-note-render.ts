/**
 * Credit notes, overpayments and prepayments in Xero's wire shape (spec CreditNote L21589,
 * Overpayment L23702, Prepayment L23972): the credit left, its allocations and refunds.
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import { msDate } from '../xero-dates.js';
import { renderAllocation } from './allocations.js';
import { remainingCredit } from './balances.js';
import { allocationsFor, paymentsFor } from './lookup.js';
import type { CreditNote, Prepay } from './model.js';
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

/** The live allocations of a credit, each with the invoice it pays. */
export function renderSourceAllocations(org: Organisation, sourceId: string): WireObject[] {
  return allocationsFor(org, 'source', sourceId)
    .filter((a) => !a.isDeleted)
    .map((a) => renderAllocation(org, a));
}

/** Refund payments of a credit. */
export function renderRefunds(org: Organisation, sourceId: string): WireObject[] {
  return paymentsFor(org, sourceId)
    .filter((p) => p.status === 'AUTHORISED')
    .map((p) => ({
      PaymentID: p.id,
      Date: msDate(p.date),
      Amount: money(p.amount),
      CurrencyRate: rate(p.currencyRate),
      HasAccount: false,
      HasValidationErrors: false,
    }));
}

function body(org: Organisation, doc: CreditNote | Prepay, view: RenderView): WireObject {
  return {
    Contact: contactSummary(org, doc.contactId),
    ...dateFields('Date', doc.date),
    LineAmountTypes: doc.lineAmountTypes,
    ...(view.lines ? { LineItems: doc.lines.map((l) => renderLine(l, view.unitdp)) } : {}),
    SubTotal: money(doc.subTotal),
    TotalTax: money(doc.totalTax),
    Total: money(doc.total),
    ...updatedFields(doc.updatedAt, true),
    CurrencyCode: doc.currencyCode,
    CurrencyRate: rate(doc.currencyRate),
    RemainingCredit: money(remainingCredit(doc)),
    Allocations: renderSourceAllocations(org, doc.id),
    Payments: renderRefunds(org, doc.id),
    HasAttachments: false,
  };
}

export function renderCreditNote(
  org: Organisation,
  note: CreditNote,
  view: RenderView,
): WireObject {
  return {
    Type: note.type,
    CreditNoteID: note.id,
    CreditNoteNumber: note.number,
    Reference: note.reference,
    Status: note.status,
    ...dateFields('DueDate', note.dueDate),
    ...body(org, note, view),
    SentToContact: false,
    HasErrors: false,
    ...(note.fullyPaidOnDate ? { FullyPaidOnDate: msDate(note.fullyPaidOnDate) } : {}),
    ...(note.brandingThemeId !== undefined ? { BrandingThemeID: note.brandingThemeId } : {}),
  };
}

export function renderPrepay(org: Organisation, doc: Prepay, view: RenderView): WireObject {
  const idField = doc.kind === 'OVERPAYMENT' ? 'OverpaymentID' : 'PrepaymentID';
  return {
    [idField]: doc.id,
    Type: doc.type,
    Status: doc.status,
    ...(doc.reference !== undefined ? { Reference: doc.reference } : {}),
    ...body(org, doc, view),
  };
}
