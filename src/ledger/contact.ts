import { z } from 'zod';
import { envelopeShape } from './envelope.js';
import { requiredTextField, sourceIdField, textField } from './fields.js';
import { CONTACT_STATUSES } from './statuses.js';

const addressSchema = z.strictObject({
  type: z.enum(['postal', 'street']),
  lines: z.array(textField(500)).max(4, 'has more than 4 address lines').default([]),
  city: textField(255).optional(),
  region: textField(255).optional(),
  postalCode: textField(50).optional(),
  country: textField(50).optional(),
});

/**
 * A client, patient, debtor or supplier. Xero limits: Name ≤ 255 and unique among active
 * contacts, ContactNumber ≤ 50, EmailAddress ≤ 255 (spec, Contact schema).
 */
export const contactSchema = z.strictObject({
  kind: z.literal('contact'),
  ...envelopeShape,
  status: z.enum(CONTACT_STATUSES).default('active'),
  name: requiredTextField(255),
  firstName: textField(255).optional(),
  lastName: textField(255).optional(),
  email: z.email('expected an e-mail address').max(255).optional(),
  phone: textField(50).optional(),
  /** ABN, GST, VAT or EIN number (FEATURES C6). */
  taxNumber: textField(50).optional(),
  /** The PMS's own client or account number, shown in Xero as "Contact Code". */
  accountNumber: textField(50).optional(),
  addresses: z.array(addressSchema).max(2).optional(),
  isCustomer: z.boolean().optional(),
  isSupplier: z.boolean().optional(),
  /** Set when the PMS merged this contact into another (FEATURES C7): that one's source id. */
  mergedIntoId: sourceIdField().optional(),
});

export type Contact = z.output<typeof contactSchema> & { source: string; entity: string };
export type ContactInput = z.input<typeof contactSchema>;
