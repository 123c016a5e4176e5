/**
 * The entity table: how each collection is read, listed and written (entity.ts).
 *
 * @module
 */
import { renderBankTransaction, renderBankTransfer } from './bank-render.js';
import { writeBankTransaction } from './bank-transactions.js';
import { writeContact } from './contact-write.js';
import { renderCreditNote, renderPrepay } from './credit-note-render.js';
import { writeCreditNote } from './credit-notes.js';
import { renderJournal } from './journal-render.js';
import { writeJournal } from './journals.js';
import { renderPayment } from './payment-render.js';
import { deletePayment, writePayment } from './payments.js';
import { createBankTransfer } from './transfers.js';
import { renderContact } from './contact-render.js';
import type { EntityDef } from './entity.js';
import { renderInvoice } from './invoice-render.js';
import { writeInvoice } from './invoices.js';
import { byId, contactByNumber, creditNoteByNumber, invoiceByNumber } from './lookup.js';
import type {
  BankTransaction,
  BankTransfer,
  Contact,
  CreditNote,
  Invoice,
  ManualJournal,
  Payment,
  Prepay,
  PrepayKind,
} from './model.js';
import type { Organisation } from './organisation.js';
import {
  accountsDef,
  currenciesDef,
  taxRatesDef,
  trackingCategoriesDef,
} from './settings-entities.js';

export const contactsDef: EntityDef<Contact> = {
  collection: 'Contacts',
  idField: 'ContactID',
  errorFlag: 'HasValidationErrors',
  paged: true,
  all: (org) => org.contacts.values(),
  get: (org, key) => byId(org.contacts, key) ?? contactByNumber(org, key),
  render: (_org, c, view) => renderContact(c, view),
  updatedAt: (c) => c.updatedAt,
  status: (c) => c.status,
  archived: (c) => c.status === 'ARCHIVED',
  searchText: (c) => [
    c.name,
    c.firstName,
    c.lastName,
    c.contactNumber,
    c.companyNumber,
    c.emailAddress,
  ],
  write: writeContact,
};

export const invoicesDef: EntityDef<Invoice> = {
  collection: 'Invoices',
  idField: 'InvoiceID',
  errorFlag: 'HasErrors',
  paged: true,
  linesOnlyWhenPaged: true,
  all: (org) => org.invoices.values(),
  get: (org, key) => byId(org.invoices, key) ?? invoiceByNumber(org, key),
  render: renderInvoice,
  updatedAt: (i) => i.updatedAt,
  status: (i) => i.status,
  contactId: (i) => i.contactId,
  number: (i) => i.number,
  createdBy: (i) => i.createdByClientId,
  searchText: (i) => [i.number, i.reference],
  write: writeInvoice,
};

export const creditNotesDef: EntityDef<CreditNote> = {
  collection: 'CreditNotes',
  idField: 'CreditNoteID',
  errorFlag: 'HasErrors',
  paged: true,
  linesOnlyWhenPaged: true,
  all: (org) => org.creditNotes.values(),
  get: (org, key) => byId(org.creditNotes, key) ?? creditNoteByNumber(org, key),
  render: renderCreditNote,
  updatedAt: (n) => n.updatedAt,
  status: (n) => n.status,
  contactId: (n) => n.contactId,
  number: (n) => n.number,
  searchText: (n) => [n.number, n.reference],
  write: writeCreditNote,
};

export const paymentsDef: EntityDef<Payment> = {
  collection: 'Payments',
  idField: 'PaymentID',
  errorFlag: 'HasValidationErrors',
  paged: true,
  all: (org) => org.payments.values(),
  get: (org, key) => byId(org.payments, key),
  render: renderPayment,
  updatedAt: (p) => p.updatedAt,
  status: (p) => p.status,
  write: writePayment,
};

/** POST /Payments/{id}: the delete (Status DELETED), under the same collection shape. */
export const paymentDeleteDef: EntityDef<Payment> = { ...paymentsDef, write: deletePayment };

function prepaysDef(kind: PrepayKind): EntityDef<Prepay> {
  const mine = (org: Organisation): Prepay[] =>
    [...org.prepays.values()].filter((p) => p.kind === kind);
  return {
    collection: kind === 'OVERPAYMENT' ? 'Overpayments' : 'Prepayments',
    idField: kind === 'OVERPAYMENT' ? 'OverpaymentID' : 'PrepaymentID',
    paged: true,
    linesOnlyWhenPaged: true,
    all: mine,
    get: (org, key) => mine(org).find((p) => p.id === key.toLowerCase()),
    render: renderPrepay,
    updatedAt: (p) => p.updatedAt,
    status: (p) => p.status,
    contactId: (p) => p.contactId,
  };
}

export const overpaymentsDef = prepaysDef('OVERPAYMENT');
export const prepaymentsDef = prepaysDef('PREPAYMENT');

export const bankTransactionsDef: EntityDef<BankTransaction> = {
  collection: 'BankTransactions',
  idField: 'BankTransactionID',
  paged: true,
  linesOnlyWhenPaged: true,
  all: (org) => org.bankTransactions.values(),
  get: (org, key) => byId(org.bankTransactions, key),
  render: renderBankTransaction,
  updatedAt: (t) => t.updatedAt,
  status: (t) => t.status,
  contactId: (t) => t.contactId,
  searchText: (t) => [t.reference],
  write: writeBankTransaction,
};

export const bankTransfersDef: EntityDef<BankTransfer> = {
  collection: 'BankTransfers',
  idField: 'BankTransferID',
  paged: false,
  all: (org) => org.bankTransfers.values(),
  get: (org, key) => byId(org.bankTransfers, key),
  render: (org, t) => renderBankTransfer(org, t),
  updatedAt: (t) => t.updatedAt,
  status: (t) => t.status,
  deleted: (t) => t.status === 'DELETED',
  write: createBankTransfer,
};

export const manualJournalsDef: EntityDef<ManualJournal> = {
  collection: 'ManualJournals',
  idField: 'ManualJournalID',
  paged: true,
  all: (org) => org.manualJournals.values(),
  get: (org, key) => byId(org.manualJournals, key),
  render: (_org, j) => renderJournal(j),
  updatedAt: (j) => j.updatedAt,
  status: (j) => j.status,
  write: writeJournal,
};

/**
 * Every entity by collection, each behind a visitor so callers can use a def whatever its
 * document type: `ENTITY_DEFS.Invoices((def) => …)`.
 */
export const ENTITY_DEFS: Record<string, <R>(visit: <D>(def: EntityDef<D>) => R) => R> = {
  Contacts: (visit) => visit(contactsDef),
  Invoices: (visit) => visit(invoicesDef),
  CreditNotes: (visit) => visit(creditNotesDef),
  Payments: (visit) => visit(paymentsDef),
  Overpayments: (visit) => visit(overpaymentsDef),
  Prepayments: (visit) => visit(prepaymentsDef),
  BankTransactions: (visit) => visit(bankTransactionsDef),
  BankTransfers: (visit) => visit(bankTransfersDef),
  ManualJournals: (visit) => visit(manualJournalsDef),
  Accounts: (visit) => visit(accountsDef),
  TaxRates: (visit) => visit(taxRatesDef),
  Currencies: (visit) => visit(currenciesDef),
  TrackingCategories: (visit) => visit(trackingCategoriesDef),
};
