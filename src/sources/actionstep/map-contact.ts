/**
 * An Actionstep participant (docs.actionstep.com participants.yaml; pms-apis.md §3.3) as a ledger
 * contact: `displayName` is the name; the mailing address is the postal one and the physical
 * address the street one (countries are links holding ISO codes); `phone1Number` the phone;
 * `isCompany` "T"/"F". A participant linked to a division belongs to that division's entity.
 *
 * @module
 */
import type { ApiRecord } from './collection.js';
import { linkId, recordId, requiredText, stamp, text } from './fields.js';

type Address = Record<string, unknown>;

export function participantToContact(p: ApiRecord): Record<string, unknown> {
  const division = linkId(p, 'division');
  const addresses = [address(p, 'mailing', 'postal'), address(p, 'physical', 'street')].filter(
    (a): a is Address => a !== undefined,
  );
  const optional = {
    firstName: text(p, 'firstName'),
    lastName: text(p, 'lastName'),
    email: text(p, 'email'),
    phone: text(p, 'phone1Number'),
    taxNumber: text(p, 'taxNumber'),
    createdAt: text(p, 'createdTimestamp'),
  };
  return {
    kind: 'contact',
    sourceId: recordId(p),
    updatedAt: stamp(p, 'modifiedTimestamp'),
    ...(division !== undefined ? { entity: division } : {}),
    name: requiredText(p, 'displayName'),
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    ...(addresses.length > 0 ? { addresses } : {}),
    isCustomer: true,
  };
}

function address(p: ApiRecord, prefix: string, type: string): Address | undefined {
  const lines = [text(p, `${prefix}AddressLine1`), text(p, `${prefix}AddressLine2`)].filter(
    (l): l is string => l !== undefined,
  );
  const parts = {
    city: text(p, `${prefix}City`),
    region: text(p, `${prefix}StateProvince`),
    postalCode: text(p, `${prefix}PostCode`),
    country: linkId(p, `${prefix}Country`),
  };
  const present = Object.entries(parts).filter(([, v]) => v !== undefined);
  if (lines.length === 0 && present.length === 0) return undefined;
  return { type, ...(lines.length > 0 ? { lines } : {}), ...Object.fromEntries(present) };
}
