/**
 * Cliniko patients and third-party contacts (insurers, referrers) → ledger contacts. Unvalidated
 * here: the pull runner's validator rejects what is wrong (a patient with no name, an e-mail
 * that is not one) by document, field and value.
 *
 * A merged patient (Cliniko archives it with `merged_with_patient`) keeps its record and names
 * the patient it went into (`mergedIntoId`), so its invoices follow that contact in Xero.
 * Third-party contacts have ids of their own, so their source ids are `contact-<id>`.
 *
 * @module
 */
import type { ClinicContext } from './clinic-context.js';
import { linkedId, type ClinikoRecord } from './client.js';

const text = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;

export const thirdPartyId = (id: string): string => `contact-${id}`;

function address(r: ClinikoRecord) {
  const lines = [r.address_1, r.address_2, r.address_3].map(text).filter((l) => l !== undefined);
  const city = text(r.city);
  const region = text(r.state);
  const postalCode = text(r.post_code);
  const country = text(r.country);
  if (lines.length === 0 && !city && !postalCode) return undefined;
  return [
    {
      type: 'postal',
      lines,
      ...(city ? { city } : {}),
      ...(region ? { region } : {}),
      ...(postalCode ? { postalCode } : {}),
      ...(country ? { country } : {}),
    },
  ];
}

function firstPhone(numbers: unknown): string | undefined {
  if (!Array.isArray(numbers)) return undefined;
  return numbers.map((n) => text((n as { number?: unknown } | null)?.number)).find(Boolean);
}

function common(r: ClinikoRecord, ctx: ClinicContext, sourceId: string) {
  const email = text(r.email);
  const addresses = address(r);
  return {
    kind: 'contact',
    entity: ctx.contactEntity,
    sourceId,
    updatedAt: r.updated_at,
    ...(typeof r.created_at === 'string' ? { createdAt: r.created_at } : {}),
    status: r.archived_at ? 'archived' : 'active',
    ...(email ? { email } : {}),
    ...(addresses ? { addresses } : {}),
    isCustomer: true,
  };
}

export function mapPatient(r: ClinikoRecord, ctx: ClinicContext): Record<string, unknown> {
  const firstName = text(r.preferred_first_name) ?? text(r.first_name);
  const lastName = text(r.last_name);
  const phone = firstPhone(r.patient_phone_numbers);
  const mergedInto = linkedId(r.merged_with_patient);
  return {
    ...common(r, ctx, r.id),
    name: [firstName, lastName].filter(Boolean).join(' '),
    ...(firstName ? { firstName } : {}),
    ...(lastName ? { lastName } : {}),
    ...(phone ? { phone } : {}),
    ...(mergedInto ? { mergedIntoId: mergedInto } : {}),
  };
}

export function mapThirdParty(r: ClinikoRecord, ctx: ClinicContext): Record<string, unknown> {
  const person = [text(r.first_name), text(r.last_name)].filter(Boolean).join(' ');
  const phone = firstPhone(r.phone_numbers);
  return {
    ...common(r, ctx, thirdPartyId(r.id)),
    name: text(r.company_name) ?? person,
    ...(phone ? { phone } : {}),
  };
}
