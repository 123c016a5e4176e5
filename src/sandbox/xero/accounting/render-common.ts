/**
 * Pieces of Xero's wire shape that several documents share: money, line items, the contact
 * summary on a document, and dates.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { toWire } from '../wire.js';
import type { WireObject } from '../wire.js';
import { dateString, msDate, msDateTime, utcString } from '../xero-dates.js';
import type { IsoDate } from '../xero-dates.js';
import type { Contact, LineItem, TrackingRef } from './model.js';
import type { Organisation } from './organisation.js';

/** How a read or write wants documents drawn. */
export interface RenderView {
  /** 4 keeps 4-dp unit amounts; otherwise 2 (reference §5). */
  unitdp: 2 | 4;
  /** Lists without `page` leave line items out, as Xero's GET /Invoices does (reference §5). */
  lines: boolean;
  /**
   * A paged list or a read by id: the answers in which Xero includes a contact's
   * MergedToContactID ("Only returned when using paging or when fetching a contact by
   * ContactId", spec Contact).
   */
  paged?: boolean;
}

export const FULL_VIEW: RenderView = { unitdp: 2, lines: true };

/** Money as Xero writes it: a JSON number with 2 decimals. */
export function money(units: bigint): number {
  return toWire(units, 2);
}

/** A 6-decimal currency rate as a JSON number (spec examples show 1.000000). */
export function rate(units: bigint): number {
  return toWire(units, 4);
}

/** `Date` and `DateString` for a calendar date under the given field name. */
export function dateFields(name: string, date: IsoDate | undefined): WireObject {
  if (date === undefined) return {};
  return { [name]: msDate(date), [`${name}String`]: dateString(date) };
}

/** `UpdatedDateUTC` and, where the spec has it, `UpdatedDateUTCString`. */
export function updatedFields(ms: number, withString: boolean): WireObject {
  return withString
    ? { UpdatedDateUTC: msDateTime(ms), UpdatedDateUTCString: utcString(ms) }
    : { UpdatedDateUTC: msDateTime(ms) };
}

export function renderTracking(refs: readonly TrackingRef[]): WireObject[] {
  return refs.map((t) => ({
    Name: t.name,
    Option: t.option,
    TrackingCategoryID: t.categoryId,
    TrackingOptionID: t.optionId,
  }));
}

export function renderLine(line: LineItem, unitdp: 2 | 4): WireObject {
  return {
    LineItemID: line.id,
    ...(line.description !== undefined ? { Description: line.description } : {}),
    Quantity: toWire(line.quantity, 4),
    UnitAmount: toWire(line.unitAmount, unitdp),
    ...(line.itemCode !== undefined ? { ItemCode: line.itemCode } : {}),
    ...(line.accountCode !== undefined ? { AccountCode: line.accountCode } : {}),
    ...(line.accountId !== undefined ? { AccountID: line.accountId } : {}),
    ...(line.taxType !== undefined ? { TaxType: line.taxType } : {}),
    TaxAmount: money(line.taxAmount),
    LineAmount: money(line.lineAmount),
    ...(line.discountRate !== undefined ? { DiscountRate: toWire(line.discountRate, 2) } : {}),
    ...(line.discountAmount !== undefined ? { DiscountAmount: money(line.discountAmount) } : {}),
    Tracking: renderTracking(line.tracking),
    ValidationErrors: [],
  };
}

/** The contact as a document shows it (spec examples: ContactID, Name, empty lists). */
export function contactSummary(org: Organisation, contactId: string): WireObject {
  const c: Contact | undefined = org.contacts.get(contactId);
  if (!c) return { ContactID: contactId };
  return {
    ContactID: c.id,
    ...(c.contactNumber !== undefined ? { ContactNumber: c.contactNumber } : {}),
    ContactStatus: c.status,
    Name: c.name,
    ...(c.emailAddress !== undefined ? { EmailAddress: c.emailAddress } : {}),
    Addresses: [],
    Phones: [],
    ContactGroups: [],
    ContactPersons: [],
    HasValidationErrors: false,
  };
}

/** The envelope Xero puts around every accounting response (spec L7442–7446). */
export function envelope(now: number, body: WireObject): WireObject {
  return {
    Id: randomUUID(),
    Status: 'OK',
    ProviderName: 'Ledgerbridge Xero sandbox',
    DateTimeUTC: `/Date(${Math.trunc(now)})/`,
    ...body,
  };
}
