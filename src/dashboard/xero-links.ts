/**
 * Links into Xero's own web app for a document we pushed (R10: every Xero entry traceable both
 * ways). Xero's app opens an invoice at /AccountsReceivable/View.aspx?InvoiceID=…, a credit note
 * at /AccountsReceivable/ViewCreditNote.aspx?creditNoteID=… and a contact at /Contacts/View/…
 * on go.xero.com, in the organisation the user last had open (we do not store Xero's
 * organisation short code, which would pick the organisation: a later step).
 *
 * @module
 */
import type { DocumentKind } from '../ledger/index.js';

const XERO_APP = 'https://go.xero.com';

export function xeroLink(kind: DocumentKind, xeroId: string): string | undefined {
  const id = encodeURIComponent(xeroId);
  if (kind === 'invoice') return `${XERO_APP}/AccountsReceivable/View.aspx?InvoiceID=${id}`;
  if (kind === 'credit_note')
    return `${XERO_APP}/AccountsReceivable/ViewCreditNote.aspx?creditNoteID=${id}`;
  if (kind === 'contact') return `${XERO_APP}/Contacts/View/${id}`;
  return undefined;
}
