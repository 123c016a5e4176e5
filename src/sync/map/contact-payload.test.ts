import { describe, expect, it } from 'vitest';
import { validateDocument, type Contact } from '../../ledger/index.js';
import { exampleContact } from '../../ledger/test-support/examples.js';
import { DEFAULT_SYNC_SETTINGS } from '../sync-settings.js';
import { contactPayload } from './contact-payload.js';

const PRIVATE = { ...DEFAULT_SYNC_SETTINGS, privacyMode: true };

const contact = (input: unknown): Contact => {
  const r = validateDocument(input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value.document as Contact;
};

describe('contactPayload in privacy mode', () => {
  it('sends a patient as a reference, every identifying field emptied', () => {
    const patient = contactPayload(contact(exampleContact), PRIVATE);
    expect(patient).toEqual({
      Name: 'Patient P-1001',
      ContactNumber: 'P-1001',
      AccountNumber: '',
      ContactStatus: 'ACTIVE',
      FirstName: '',
      LastName: '',
      EmailAddress: '',
      TaxNumber: '',
      Phones: [{ PhoneType: 'DEFAULT', PhoneNumber: '' }],
      Addresses: [{ AddressType: 'STREET' }, { AddressType: 'POBOX' }],
    });
    expect(JSON.stringify(patient)).not.toMatch(/Alex|Morgan|alex@|George|51 824/);
  });

  it('leaves a supplier its name and details: a bill needs them', () => {
    const supplier = contactPayload(contact({ ...exampleContact, isSupplier: true }), PRIVATE);
    expect(supplier).toMatchObject({
      Name: 'Alex Morgan (P-1001)',
      EmailAddress: 'alex@example.com',
    });
  });
});
