/**
 * Invoices (ACCREC) and bills (ACCPAY) as a document kind of document-write.ts, with the
 * invoice-only fields: Url, BrandingThemeID, SentToContact, ExpectedPaymentDate (ACCREC),
 * PlannedPaymentDate (ACCPAY).
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { readText } from '../wire.js';
import { invoiceHasAllocations } from './balances.js';
import type { WriteElement } from './entity.js';
import { readDate, readSentToContact } from './document-draft.js';
import { writeDocument } from './document-write.js';
import type { DocumentKind } from './document-write.js';
import { invoiceByNumber, putInvoice } from './lookup.js';
import { MSG } from './messages.js';
import type { Invoice } from './model.js';
import { renderInvoice } from './invoice-render.js';

export const INVOICE_KIND: DocumentKind<Invoice> = {
  noun: 'invoice',
  title: 'Invoice',
  idField: 'InvoiceID',
  numberField: 'InvoiceNumber',
  types: ['ACCREC', 'ACCPAY'],
  numberedType: 'ACCREC',
  uniqueMessage: MSG.invoiceNumberUnique,
  discountType: 'ACCREC',
  store: (org) => org.invoices,
  byNumber: invoiceByNumber,
  put: putInvoice,
  nextNumber: (org) => {
    for (;;) {
      org.sequences.invoice += 1;
      const number = `INV-${String(org.sequences.invoice).padStart(4, '0')}`;
      if (!invoiceByNumber(org, number)) return number;
    }
  },
  allocated: invoiceHasAllocations,
  role: (type) => (type === 'ACCREC' ? 'customer' : 'supplier'),
  assemble: (ctx, element, draft, base, problems) => {
    const expected = readDate(element, 'ExpectedPaymentDate', base?.expectedPaymentDate, problems);
    const planned = readDate(element, 'PlannedPaymentDate', base?.plannedPaymentDate, problems);
    const url = readText(element, 'Url') ?? base?.url;
    const theme = readText(element, 'BrandingThemeID') ?? base?.brandingThemeId;
    const { contactRef: _ref, number: _number, ...fields } = draft;
    return {
      ...fields,
      amountPaid: base?.amountPaid ?? 0n,
      amountCredited: base?.amountCredited ?? 0n,
      sentToContact: readSentToContact(element, base?.sentToContact ?? false),
      updatedAt: ctx.now,
      ...(expected !== undefined ? { expectedPaymentDate: expected } : {}),
      ...(planned !== undefined ? { plannedPaymentDate: planned } : {}),
      ...(url !== undefined ? { url } : {}),
      ...(theme !== undefined ? { brandingThemeId: theme } : {}),
      ...(base?.fullyPaidOnDate !== undefined ? { fullyPaidOnDate: base.fullyPaidOnDate } : {}),
      ...(base?.createdByClientId !== undefined
        ? { createdByClientId: base.createdByClientId }
        : {}),
    };
  },
  fresh: (ctx, type, contactId, number) => ({
    id: randomUUID(),
    type,
    contactId,
    number,
    ...(ctx.actor.kind === 'app' ? { createdByClientId: ctx.actor.clientId } : {}),
  }),
  render: renderInvoice,
  announce: (ctx, doc, type) => ctx.emit({ category: 'INVOICE', type, resourceId: doc.id }),
};

export const writeInvoice: WriteElement = (ctx, element, mode, pathId) =>
  writeDocument(INVOICE_KIND, ctx, element, mode, pathId);
