/**
 * Contact writes, shared by `PATCH /contacts/{id}` and the practice user: the editable fields,
 * their checks, and the derived fields Clio shows (`name` from a person's name parts,
 * `primary_email_address` / `primary_address` / `primary_phone_number` from the entries marked
 * primary). A bad value is refused (422) naming the field and the value, and nothing is written.
 *
 * @module
 */
import { unprocessable } from './errors.js';
import type { FirmBooks, Row } from './firm.js';
import { textOf } from './firm.js';

const TEXT_FIELDS = [
  'name',
  'first_name',
  'middle_name',
  'last_name',
  'prefix',
  'title',
  'sales_tax_number',
] as const;

const LIST_FIELDS: Record<string, readonly string[]> = {
  email_addresses: ['name', 'address', 'primary'],
  phone_numbers: ['name', 'number', 'primary'],
  addresses: ['name', 'street', 'city', 'province', 'postal_code', 'country', 'primary'],
};

export type ContactPatch = Record<string, unknown>;

function checkList(field: string, value: unknown): Record<string, unknown>[] {
  const keys = LIST_FIELDS[field] ?? [];
  if (!Array.isArray(value))
    throw unprocessable(`${field} must be a list, got ${JSON.stringify(value)}.`);
  return value.map((entry, i) => {
    if (!entry || typeof entry !== 'object')
      throw unprocessable(`${field}[${i}] must be an object, got ${JSON.stringify(entry)}.`);
    for (const k of Object.keys(entry as object))
      if (!keys.includes(k)) throw unprocessable(`${field}[${i}].${k} is not a field of ${field}.`);
    const e = entry as Record<string, unknown>;
    if (field === 'email_addresses' && !/^[^@\s]+@[^@\s]+$/.test(textOf(e.address)))
      throw unprocessable(`${field}[${i}].address '${textOf(e.address)}' is not an email address.`);
    return { name: 'Work', primary: false, ...e };
  });
}

/** The checked patch: every key known, every value of the right shape. */
export function checkContactPatch(patch: unknown): ContactPatch {
  if (!patch || typeof patch !== 'object' || Array.isArray(patch))
    throw unprocessable('The body must be {"data": {...fields}}.');
  const out: ContactPatch = {};
  for (const [key, value] of Object.entries(patch)) {
    if ((TEXT_FIELDS as readonly string[]).includes(key)) {
      if (value !== null && typeof value !== 'string')
        throw unprocessable(`${key} must be text, got ${JSON.stringify(value)}.`);
      out[key] = value;
    } else if (key in LIST_FIELDS) out[key] = checkList(key, value);
    else throw unprocessable(`${key} is not an editable field of a contact.`);
  }
  return out;
}

function primaryOf(list: unknown, key: string): unknown {
  const entries = (list as Record<string, unknown>[] | undefined) ?? [];
  const primary = entries.find((e) => e.primary === true) ?? entries[0];
  if (!primary) return null;
  return key === '*' ? primary : (primary[key] ?? null);
}

/** Fields Clio derives from the others. */
export function derivedContactFields(row: Record<string, unknown>): Record<string, unknown> {
  const person = row.type === 'Person';
  const name = person
    ? [row.first_name, row.middle_name, row.last_name]
        .filter((p) => typeof p === 'string' && p)
        .join(' ')
    : row.name;
  return {
    name,
    primary_email_address: primaryOf(row.email_addresses, 'address'),
    primary_phone_number: primaryOf(row.phone_numbers, 'number'),
    primary_address: primaryOf(row.addresses, '*'),
  };
}

/** Applies a checked patch, with the derived fields. */
export function editContact(books: FirmBooks, id: number, patch: unknown): Row {
  const checked = checkContactPatch(patch);
  const row = books.require('contacts', id);
  const next = { ...row, ...checked };
  return books.update('contacts', id, { ...checked, ...derivedContactFields(next) });
}
