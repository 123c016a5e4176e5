/** Ledger contacts → Xero contacts (FEATURES C5, C6). Pure. */
import type { Contact } from '../../ledger/index.js';
import type { XeroAddress, XeroContact } from '../../xero/xero-types.js';
import { contactNameFor } from './references.js';

export function contactPayload(doc: Contact, appendSourceId: boolean): XeroContact {
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
