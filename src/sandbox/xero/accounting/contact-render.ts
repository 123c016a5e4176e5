/**
 * A contact in Xero's wire shape (spec `Contact`, L21180).
 *
 * @module
 */
import type { WireObject } from '../wire.js';
import type { Contact } from './model.js';
import { updatedFields, type RenderView } from './render-common.js';

const OPTIONAL: [keyof Contact, string][] = [
  ['contactNumber', 'ContactNumber'],
  ['accountNumber', 'AccountNumber'],
  ['firstName', 'FirstName'],
  ['lastName', 'LastName'],
  ['emailAddress', 'EmailAddress'],
  ['companyNumber', 'CompanyNumber'],
  ['taxNumber', 'TaxNumber'],
  ['bankAccountDetails', 'BankAccountDetails'],
  ['accountsReceivableTaxType', 'AccountsReceivableTaxType'],
  ['accountsPayableTaxType', 'AccountsPayableTaxType'],
  ['defaultCurrency', 'DefaultCurrency'],
];

export function renderContact(contact: Contact, view?: RenderView): WireObject {
  const optional: WireObject = {};
  for (const [key, wire] of OPTIONAL) {
    const value = contact[key];
    if (value !== undefined) optional[wire] = value;
  }
  return {
    ContactID: contact.id,
    ContactStatus: contact.status,
    Name: contact.name,
    ...optional,
    Addresses: contact.lists.addresses,
    Phones: contact.lists.phones,
    ContactPersons: contact.lists.contactPersons,
    ContactGroups: [],
    ...(view?.paged && contact.mergedToContactId
      ? { MergedToContactID: contact.mergedToContactId }
      : {}),
    ...updatedFields(contact.updatedAt, false),
    IsSupplier: contact.isSupplier,
    IsCustomer: contact.isCustomer,
    HasAttachments: false,
    HasValidationErrors: false,
  };
}
