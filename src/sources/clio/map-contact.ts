/**
 * A Clio contact (Person or Company) → a ledger contact: its name, primary e-mail, phone and
 * address, and `sales_tax_number` (ABN, VAT, GST number) as the tax number.
 *
 * @module
 */
import type { SourceRejection } from '../source.js';
import type { ClioRecord } from './client.js';
import { rejection } from './rejection.js';

export const CONTACT_FIELDS =
  'id,name,first_name,last_name,type,primary_email_address,primary_phone_number,primary_address,sales_tax_number,is_client,created_at,updated_at';

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

function address(a: unknown): Record<string, unknown> | undefined {
  if (typeof a !== 'object' || a === null) return undefined;
  const r = a as Record<string, unknown>;
  const out = {
    type: 'street',
    lines: text(r.street) ? text(r.street)!.split(/\r?\n/) : [],
    ...(text(r.city) ? { city: text(r.city) } : {}),
    ...(text(r.province) ? { region: text(r.province) } : {}),
    ...(text(r.postal_code) ? { postalCode: text(r.postal_code) } : {}),
    ...(text(r.country) ? { country: text(r.country) } : {}),
  };
  return Object.keys(out).length > 2 || out.lines.length > 0 ? out : undefined;
}

export function mapContact(r: ClioRecord): Record<string, unknown> | SourceRejection {
  const name = text(r.name) ?? [text(r.first_name), text(r.last_name)].filter(Boolean).join(' ');
  if (!name) return rejection('contact', r, 'contact', 'name', r.name, 'is empty');
  if (typeof r.updated_at !== 'string')
    return rejection('contact', r, 'contact', 'updated_at', r.updated_at, 'is missing');
  const where = address(r.primary_address);
  return {
    kind: 'contact',
    sourceId: r.id,
    updatedAt: r.updated_at,
    ...(typeof r.created_at === 'string' ? { createdAt: r.created_at } : {}),
    name,
    ...(r.type === 'Person' && text(r.first_name) ? { firstName: text(r.first_name) } : {}),
    ...(r.type === 'Person' && text(r.last_name) ? { lastName: text(r.last_name) } : {}),
    ...(text(r.primary_email_address) ? { email: text(r.primary_email_address) } : {}),
    ...(text(r.primary_phone_number) ? { phone: text(r.primary_phone_number) } : {}),
    ...(text(r.sales_tax_number) ? { taxNumber: text(r.sales_tax_number) } : {}),
    ...(where ? { addresses: [where] } : {}),
    ...(r.is_client === true ? { isCustomer: true } : {}),
  };
}

export const isRejection = (v: unknown): v is SourceRejection =>
  typeof v === 'object' && v !== null && 'message' in v && 'field' in v;
