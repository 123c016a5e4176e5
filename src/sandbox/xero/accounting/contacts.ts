/**
 * Contacts: create, update, archive, and the contact reference every document carries.
 *
 * Rules (reference §6, §7, spec L3963): a name must be unique among ACTIVE contacts, compared
 * without regard to case; archiving frees the name. A document names its contact by ContactID,
 * ContactNumber or Name; an unknown Name creates a new contact, as Xero does, but only once the
 * document itself is valid. Other contact fields sent on a document update the contact (reference
 * §7: "A Contact with fields beyond ContactID updates the contact").
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { asObject, readArray, readText } from '../wire.js';
import type { WireObject } from '../wire.js';
import type { Problems, WriteContext } from './context.js';
import { activeContactByName, byId, contactByNumber, putContact } from './lookup.js';
import { MSG, contactNameTaken, contactNotFound } from './messages.js';
import type { Contact } from './model.js';

const TEXT_FIELDS = {
  ContactNumber: 'contactNumber',
  AccountNumber: 'accountNumber',
  FirstName: 'firstName',
  LastName: 'lastName',
  EmailAddress: 'emailAddress',
  CompanyNumber: 'companyNumber',
  TaxNumber: 'taxNumber',
  BankAccountDetails: 'bankAccountDetails',
  AccountsReceivableTaxType: 'accountsReceivableTaxType',
  AccountsPayableTaxType: 'accountsPayableTaxType',
  DefaultCurrency: 'defaultCurrency',
} as const satisfies Record<string, keyof Contact>;

type TextKey = (typeof TEXT_FIELDS)[keyof typeof TEXT_FIELDS];

/** The contact fields an element sets (absent fields stay as they are on update). */
function readPatch(element: WireObject): Partial<Contact> {
  const patch: Partial<Contact> = {};
  const name = readText(element, 'Name');
  if (name !== undefined) patch.name = name;
  for (const [wire, key] of Object.entries(TEXT_FIELDS) as [string, TextKey][]) {
    if (typeof element[wire] !== 'string') continue;
    // Sent empty, a field is cleared, as Xero clears it (an absent field stays as it is).
    patch[key] = readText(element, wire);
  }
  const status = readText(element, 'ContactStatus');
  if (status === 'ACTIVE' || status === 'ARCHIVED' || status === 'GDPRREQUEST') {
    patch.status = status;
  }
  return patch;
}

function readLists(element: WireObject, base: Contact['lists']): Contact['lists'] {
  return {
    addresses: readArray(element, 'Addresses') ?? base.addresses,
    phones: readArray(element, 'Phones') ?? base.phones,
    contactPersons: readArray(element, 'ContactPersons') ?? base.contactPersons,
  };
}

/** Checks the name against active contacts other than `selfId`. */
function checkName(ctx: WriteContext, next: Contact, problems: Problems): void {
  if (next.status !== 'ACTIVE') return;
  const holder = activeContactByName(ctx.org, next.name);
  if (holder && holder.id !== next.id) problems.error(contactNameTaken(next.name));
}

/** Validates and stores a new contact; undefined (with errors in `problems`) when it fails. */
export function createContact(
  ctx: WriteContext,
  element: WireObject,
  problems: Problems,
): Contact | undefined {
  const patch = readPatch(element);
  if (!patch.name) {
    problems.error(MSG.contactNameRequired);
    return undefined;
  }
  const contact: Contact = {
    id: randomUUID(),
    name: patch.name,
    isCustomer: false,
    isSupplier: false,
    ...patch,
    status: patch.status === 'ARCHIVED' ? 'ARCHIVED' : 'ACTIVE',
    lists: readLists(element, { addresses: [], phones: [], contactPersons: [] }),
    updatedAt: ctx.now,
  };
  checkName(ctx, contact, problems);
  if (problems.failed) return undefined;
  putContact(ctx.org, contact);
  ctx.emit({ category: 'CONTACT', type: 'CREATE', resourceId: contact.id });
  return contact;
}

/** Validates and applies an update (including archive / restore). */
export function updateContact(
  ctx: WriteContext,
  existing: Contact,
  element: WireObject,
  problems: Problems,
): Contact | undefined {
  const next: Contact = {
    ...existing,
    ...readPatch(element),
    lists: readLists(element, existing.lists),
    updatedAt: ctx.now,
  };
  checkName(ctx, next, problems);
  if (problems.failed) return undefined;
  putContact(ctx.org, next);
  ctx.emit({ category: 'CONTACT', type: 'UPDATE', resourceId: next.id });
  return next;
}

/** The contact an element updates: by ContactID, else (on POST) by ContactNumber. */
export function findContactFor(
  ctx: WriteContext,
  element: WireObject,
  byNumber: boolean,
  pathId: string | undefined,
): Contact | 'missing' | undefined {
  const id = pathId ?? readText(element, 'ContactID');
  if (id !== undefined)
    return byId(ctx.org.contacts, id) ?? contactByNumber(ctx.org, id) ?? 'missing';
  const number = readText(element, 'ContactNumber');
  return byNumber && number !== undefined ? contactByNumber(ctx.org, number) : undefined;
}

/** A document's contact: found now, or to be created once the document is valid. */
export type ContactRef =
  | { kind: 'existing'; contact: Contact; patch: WireObject | undefined }
  | { kind: 'new'; element: WireObject };

/** Reads a document's `Contact` (reference §6 for the missing-contact text). */
export function readContactRef(
  ctx: WriteContext,
  value: unknown,
  problems: Problems,
): ContactRef | undefined {
  const wire = asObject(value) ?? {};
  const id = readText(wire, 'ContactID');
  const number = readText(wire, 'ContactNumber');
  const name = readText(wire, 'Name');
  if (id === undefined && number === undefined && name === undefined) {
    problems.error(MSG.contactMissing);
    return undefined;
  }
  let contact: Contact | undefined;
  if (id !== undefined) {
    contact = byId(ctx.org.contacts, id);
    if (!contact) problems.error(contactNotFound('ContactID'));
  } else if (number !== undefined) {
    contact =
      contactByNumber(ctx.org, number) ?? (name ? activeContactByName(ctx.org, name) : undefined);
    if (!contact && name === undefined) problems.error(contactNotFound('ContactNumber'));
  } else if (name !== undefined) {
    contact = activeContactByName(ctx.org, name);
  }
  if (contact?.status === 'ARCHIVED') problems.error(MSG.contactArchived);
  if (contact) return { kind: 'existing', contact, patch: patchOf(wire, contact) };
  return problems.failed ? undefined : { kind: 'new', element: wire };
}

/** The contact fields a document sends that differ from the stored contact, if any. */
function patchOf(wire: WireObject, contact: Contact): WireObject | undefined {
  const patch = readPatch(wire);
  const changed = Object.entries(patch).some(([k, v]) => contact[k as keyof Contact] !== v);
  return changed ? wire : undefined;
}

/** Creates or updates the referenced contact once the document is known to be valid. */
export function commitContactRef(
  ctx: WriteContext,
  ref: ContactRef,
  problems: Problems,
): Contact | undefined {
  if (ref.kind === 'new') return createContact(ctx, ref.element, problems);
  if (ref.patch) return updateContact(ctx, ref.contact, ref.patch, problems);
  return ref.contact;
}

/** Marks a contact as a customer or supplier once it has an AR or AP document (spec Contact.IsCustomer). */
export function markContactRole(
  ctx: WriteContext,
  contactId: string,
  role: 'customer' | 'supplier',
): void {
  const contact = ctx.org.contacts.get(contactId);
  if (!contact) return;
  if (role === 'customer' && !contact.isCustomer)
    putContact(ctx.org, { ...contact, isCustomer: true });
  if (role === 'supplier' && !contact.isSupplier)
    putContact(ctx.org, { ...contact, isSupplier: true });
}
