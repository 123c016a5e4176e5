/**
 * Credit notes (ACCRECCREDIT, ACCPAYCREDIT) as a document kind of document-write.ts (reference
 * §9): ACCRECCREDIT numbers are unique and generated as CN-0001; statuses as for invoices;
 * RemainingCredit = Total − allocations − refunds.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { readText } from '../wire.js';
import { renderCreditNote } from './credit-note-render.js';
import type { WriteElement } from './entity.js';
import { writeDocument } from './document-write.js';
import type { DocumentKind } from './document-write.js';
import { creditNoteByNumber, putCreditNote } from './lookup.js';
import { MSG } from './messages.js';
import type { CreditNote } from './model.js';

export const CREDIT_NOTE_KIND: DocumentKind<CreditNote> = {
  noun: 'credit note',
  title: 'Credit Note',
  idField: 'CreditNoteID',
  numberField: 'CreditNoteNumber',
  types: ['ACCRECCREDIT', 'ACCPAYCREDIT'],
  numberedType: 'ACCRECCREDIT',
  uniqueMessage: MSG.creditNoteNumberUnique,
  store: (org) => org.creditNotes,
  byNumber: creditNoteByNumber,
  put: putCreditNote,
  nextNumber: (org) => {
    for (;;) {
      org.sequences.creditNote += 1;
      const number = `CN-${String(org.sequences.creditNote).padStart(4, '0')}`;
      if (!creditNoteByNumber(org, number)) return number;
    }
  },
  allocated: (note) => note.amountApplied !== 0n,
  role: (type) => (type === 'ACCRECCREDIT' ? 'customer' : 'supplier'),
  assemble: (ctx, element, draft, base) => {
    const theme = readText(element, 'BrandingThemeID') ?? base?.brandingThemeId;
    const { contactRef: _ref, number: _number, ...fields } = draft;
    return {
      ...fields,
      amountApplied: base?.amountApplied ?? 0n,
      updatedAt: ctx.now,
      ...(theme !== undefined ? { brandingThemeId: theme } : {}),
      ...(base?.fullyPaidOnDate !== undefined ? { fullyPaidOnDate: base.fullyPaidOnDate } : {}),
    };
  },
  fresh: (_ctx, type, contactId, number) => ({ id: randomUUID(), type, contactId, number }),
  render: renderCreditNote,
  announce: (ctx, doc, type) =>
    ctx.emit({
      category: 'CREDITNOTE',
      type,
      resourceId: doc.id,
      data: { Type: doc.type, Status: doc.status },
    }),
};

export const writeCreditNote: WriteElement = (ctx, element, mode, pathId) =>
  writeDocument(CREDIT_NOTE_KIND, ctx, element, mode, pathId);
