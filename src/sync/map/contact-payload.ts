/** Ledger contacts → Xero contacts (FEATURES C5, C6, X6). Pure. */
import type { Contact } from '../../ledger/index.js';
import type { XeroAddress, XeroContact } from '../../xero/xero-types.js';
import type { SyncSettings } from '../sync-settings.js';
import { contactNameFor } from './references.js';

/** The settings that decide how a contact is shown in Xero. */
export type ContactNaming = Pick<SyncSettings, 'appendSourceIdToContactNames' | 'privacyMode'>;

/** Whether `doc` reaches Xero as a reference only (privacy mode; suppliers keep their names). */
export const isPrivate = (doc: Contact, naming: ContactNaming): boolean =>
  naming.privacyMode && doc.isSupplier !== true;

export function contactPayload(doc: Contact, naming: ContactNaming): XeroContact {
  if (isPrivate(doc, naming)) return privatePayload(doc);
  const appendSourceId = naming.appendSourceIdToContactNames;
  return {
    Name: contactNameFor(doc, appendSourceId),
    // Xero's "Contact Code", settable only by API: our key for finding the contact again.
    ContactNumber: doc.sourceId.slice(0, 50),
    ...(doc.accountNumber && { AccountNumber: doc.accountNumber }),
    ContactStatus: doc.status === 'archived' ? 'ARCHIVED' : 'ACTIVE',
    ...(doc.firstName && { FirstName: doc.firstName }),
    ...(doc.lastName && { LastName: doc.lastName }),
    ...(doc.email && { EmailAddress: doc.email }),
    ...(doc.taxNumber && { TaxNumber: doc.taxNumber }),
    ...(doc.phone && { Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: doc.phone }] }),
    ...(doc.addresses && { Addresses: doc.addresses.map(address) }),
  };
}

/**
 * A patient as a reference: the name is "Patient <id in the PMS>", and every field that could name
 * or reach the person is sent empty, which is how Xero clears a field — so turning privacy mode on
 * also blanks what an earlier push sent.
 */
function privatePayload(doc: Contact): XeroContact {
  return {
    Name: `Patient ${doc.sourceId}`.slice(0, 255),
    ContactNumber: doc.sourceId.slice(0, 50),
    AccountNumber: '',
    ContactStatus: doc.status === 'archived' ? 'ARCHIVED' : 'ACTIVE',
    FirstName: '',
    LastName: '',
    EmailAddress: '',
    TaxNumber: '',
    Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '' }],
    Addresses: [{ AddressType: 'STREET' }, { AddressType: 'POBOX' }],
  };
}

function address(a: NonNullable<Contact['addresses']>[number]): XeroAddress {
  const [l1, l2, l3, l4] = a.lines;
  return {
    AddressType: a.type === 'postal' ? 'POBOX' : 'STREET',
    ...(l1 && { AddressLine1: l1 }),
    ...(l2 && { AddressLine2: l2 }),
    ...(l3 && { AddressLine3: l3 }),
    ...(l4 && { AddressLine4: l4 }),
    ...(a.city && { City: a.city }),
    ...(a.region && { Region: a.region }),
    ...(a.postalCode && { PostalCode: a.postalCode }),
    ...(a.country && { Country: a.country }),
  };
}
