/**
 * The practice user: someone at the law firm working in Clio's screens. Their actions change the
 * firm's records as Clio would — stamping `updated_at`, new etags, firing webhooks — so a
 * connector sees them only through the API. Contacts, matters and activities are here; bills in
 * practice-bills.ts; payments and credit memos in practice-money.ts.
 *
 * A merge keeps one contact and deletes the other, after moving its matters, bills, allocations,
 * credit memos and vendor activities to the kept one (each moved record is updated, so
 * `updated_since` finds it). A contact still named by a matter or bill cannot be deleted (422).
 *
 * @module
 */
import { multiplyUnits, toUnits } from '../../ledger/decimal.js';
import { money } from './bills.js';
import { parseInput } from './control.js';
import { derivedContactFields, editContact } from './contacts.js';
import { unprocessable } from './errors.js';
import type { FirmBooks, Row } from './firm.js';
import { textOf } from './firm.js';
import * as input from './practice-inputs.js';
import { PracticeTrust } from './practice-trust.js';

/** An amount as a JSON number (2 places, exact). */
export const amountOf = (value: string | number): number => money(toUnits(value));

const MOVED: [string, string][] = [
  ['matters', 'client'],
  ['bills', 'client'],
  ['allocations', 'contact'],
  ['credit_memos', 'contact'],
  ['activities', 'vendor'],
];

export class PracticeUser extends PracticeTrust {
  constructor(books: FirmBooks) {
    super(books);
  }

  createContact(spec: input.NewContact): number {
    const p = parseInput(input.newContact, spec);
    if (p.type === 'Company' && !p.name) throw unprocessable('A company needs a name.');
    if (p.type === 'Person' && !p.firstName && !p.lastName)
      throw unprocessable('A person needs a first or last name.');
    const row: Record<string, unknown> = {
      type: p.type,
      name: p.name ?? null,
      first_name: p.firstName ?? null,
      middle_name: null,
      last_name: p.lastName ?? null,
      prefix: null,
      title: null,
      initials: null,
      secondary_email_address: null,
      email_addresses: p.email ? [{ name: 'Work', address: p.email, primary: true }] : [],
      phone_numbers: p.phone ? [{ name: 'Work', number: p.phone, primary: true }] : [],
      addresses: p.address
        ? [
            {
              name: 'Billing',
              street: p.address.street,
              city: p.address.city,
              province: p.address.province ?? null,
              postal_code: p.address.postalCode ?? null,
              country: p.address.country,
              primary: true,
            },
          ]
        : [],
      sales_tax_number: p.salesTaxNumber ?? null,
      is_client: p.isClient ?? true,
      is_bill_recipient: true,
      company: null,
      currency: this.books.firm.settings.currency ?? null,
    };
    return this.books.insert('contacts', { ...row, ...derivedContactFields(row) }).id;
  }

  /** The same edit a PATCH makes, without the etag check (the user is in Clio itself). */
  editContact(spec: input.ContactEdit): void {
    const p = parseInput(input.contactEdit, spec);
    editContact(this.books, p.contactId, p.patch);
  }

  mergeContacts(spec: input.ContactMerge): void {
    const p = parseInput(input.contactMerge, spec);
    if (p.keepId === p.mergeId) throw unprocessable('A contact cannot be merged into itself.');
    const keep = this.books.require('contacts', p.keepId);
    const gone = this.books.require('contacts', p.mergeId);
    for (const [resource, field] of MOVED)
      for (const row of this.books.linkedTo(resource, field, gone.id))
        this.books.update(resource, row.id, { [field]: keep.id });
    const emails = [...(keep.email_addresses as Row[])];
    for (const e of gone.email_addresses as Row[])
      if (!emails.some((k) => k.address === e.address)) emails.push({ ...e, primary: false });
    const merged = { ...keep, email_addresses: emails };
    this.books.update('contacts', keep.id, {
      email_addresses: emails,
      ...derivedContactFields(merged),
    });
    this.books.remove('contacts', gone.id);
  }

  deleteContact(spec: input.ContactRef): void {
    const p = parseInput(input.contactRef, spec);
    this.books.require('contacts', p.contactId);
    for (const [resource, field] of MOVED)
      if (this.books.linkedTo(resource, field, p.contactId).length > 0)
        throw unprocessable(`Contact ${p.contactId} is used by ${resource}; merge it instead.`);
    this.books.remove('contacts', p.contactId);
  }

  createMatter(spec: input.NewMatter): number {
    const p = parseInput(input.newMatter, spec);
    const client = this.books.require('contacts', p.clientId);
    const n = this.books.next('matter');
    const number = String(n).padStart(5, '0');
    return this.books.insert('matters', {
      number,
      display_number: `${number}-${textOf(client.last_name ?? client.name)}`,
      description: p.description,
      status: p.status ?? 'Open',
      billing_method: 'hourly',
      billable: true,
      open_date: new Date(this.books.now()).toISOString().slice(0, 10),
      close_date: null,
      client: client.id,
      responsible_attorney: this.books.firm.settings.user ?? null,
      currency: this.books.firm.settings.currency ?? null,
    }).id;
  }

  recordTime(spec: input.TimeInput): number {
    const p = parseInput(input.timeInput, spec);
    this.books.require('matters', p.matterId);
    const described = p.activityDescriptionId
      ? this.books.require('activity_descriptions', p.activityDescriptionId)
      : undefined;
    const rate = p.rate ?? (described?.rate as { amount?: number } | undefined)?.amount ?? 0;
    const hours = toUnits(p.hours);
    const seconds = Number(money(hours * 3600n));
    return this.insertActivity({
      type: 'TimeEntry',
      date: p.date,
      note: p.note ?? null,
      quantity: seconds,
      quantity_in_hours: Number(p.hours),
      rounded_quantity: seconds,
      rounded_quantity_in_hours: Number(p.hours),
      price: amountOf(rate),
      total: money(multiplyUnits(hours, toUnits(rate), 2)),
      activity_description: described?.id ?? null,
      expense_category: null,
      matter: p.matterId,
    });
  }

  recordExpense(spec: input.ExpenseInput): number {
    const p = parseInput(input.expenseInput, spec);
    this.books.require('matters', p.matterId);
    const category = this.books.require('expense_categories', p.expenseCategoryId);
    if (p.vendorId !== undefined) this.books.require('contacts', p.vendorId);
    const quantity = p.quantity ?? 1;
    const type =
      category.entry_type === 'soft_cost'
        ? 'SoftCostEntry'
        : category.entry_type === 'hard_cost'
          ? 'HardCostEntry'
          : 'ExpenseEntry';
    return this.insertActivity({
      type,
      date: p.date,
      note: p.note ?? null,
      quantity: amountOf(quantity),
      quantity_in_hours: null,
      rounded_quantity: amountOf(quantity),
      rounded_quantity_in_hours: null,
      price: amountOf(p.price),
      total: money(multiplyUnits(toUnits(p.price), toUnits(quantity), 2)),
      activity_description: null,
      expense_category: category.id,
      matter: p.matterId,
      vendor: p.vendorId ?? null,
      reference: p.reference ?? null,
    });
  }

  private insertActivity(values: Record<string, unknown>): number {
    return this.books.insert('activities', {
      reference: null,
      non_billable: false,
      non_billable_total: 0,
      no_charge: false,
      billed: false,
      on_bill: false,
      tax_setting: 'tax_1_only',
      bill: null,
      user: this.books.firm.settings.user ?? null,
      vendor: null,
      currency: this.books.firm.settings.currency ?? null,
      ...values,
    }).id;
  }
}
