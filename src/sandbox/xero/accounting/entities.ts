/**
 * The entity table: how each collection is read, listed and written (entity.ts).
 *
 * @module
 */
import { writeContact } from './contact-write.js';
import { renderContact } from './contact-render.js';
import type { EntityDef } from './entity.js';
import { renderInvoice } from './invoice-render.js';
import { writeInvoice } from './invoices.js';
import { byId, contactByNumber, invoiceByNumber } from './lookup.js';
import type { Contact, Invoice } from './model.js';

export const contactsDef: EntityDef<Contact> = {
  collection: 'Contacts',
  idField: 'ContactID',
  errorFlag: 'HasValidationErrors',
  paged: true,
  all: (org) => org.contacts.values(),
  get: (org, key) => byId(org.contacts, key) ?? contactByNumber(org, key),
  render: (_org, c) => renderContact(c),
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

/**
 * Every entity by collection, each behind a visitor so callers can use a def whatever its
 * document type: `ENTITY_DEFS.Invoices((def) => …)`.
 */
export const ENTITY_DEFS: Record<string, <R>(visit: <D>(def: EntityDef<D>) => R) => R> = {
  Contacts: (visit) => visit(contactsDef),
  Invoices: (visit) => visit(invoicesDef),
};
