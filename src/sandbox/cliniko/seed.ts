/**
 * The demo clinic and the invoice generator. The clinic: one business (an Australian physio
 * practice), GST at 10% and GST-free, four billable items, two practitioners, patients whose
 * names are Latin, accented, Arabic (right-to-left) and Japanese, an insurer as a third-party
 * contact, and three invoices (one paid). The generator adds invoices of two items each for
 * benchmarks, spread over the seeded patients, deterministic for a seed.
 *
 * @module
 */
import type { PracticeUser } from './practice.js';
import type { ClinicTables, ClinikoRecord } from './state.js';

export interface SeededClinic {
  readonly businessId: string;
  readonly taxIds: { gst: string; free: string };
  readonly billableItemIds: string[];
  readonly practitionerIds: string[];
  readonly patientIds: string[];
  readonly contactId: string;
  readonly invoiceIds: string[];
}

const PATIENTS = [
  { first_name: 'Alex', last_name: 'Morgan', email: 'alex@example.com' },
  { first_name: 'Zoë', last_name: 'Ó Briain', email: 'zoe@example.com' },
  { first_name: 'ليلى', last_name: 'حداد', email: 'layla@example.com' },
  { first_name: '花子', last_name: '山田', email: 'hanako@example.com' },
  { first_name: 'Sam', last_name: 'Lee', email: null },
];

export function seedClinic(t: ClinicTables, user: PracticeUser): SeededClinic {
  const business = t.insert('businesses', {
    business_name: 'Harbour Physio',
    display_name: 'Harbour Physio',
    business_registration_name: 'ABN',
    business_registration_value: '51 824 753 556',
    city: 'Sydney',
    state: 'NSW',
    country: 'Australia',
    country_code: 'AU',
  });
  const gst = t.insert('taxes', { name: 'GST', rate: '10.0', amount: '10.0' });
  const free = t.insert('taxes', { name: 'GST Free', rate: '0.0', amount: '0.0' });
  const items = [
    { name: 'Initial consultation', item_code: 'IC', price: '110.000', tax_id: free.id },
    { name: 'Standard consultation', item_code: 'SC', price: '85.000', tax_id: free.id },
    { name: 'Theraband', item_code: 'TB', price: '13.585', tax_id: gst.id },
    { name: 'Report', item_code: 'RP', price: '95.000', tax_id: gst.id },
  ].map((b) => t.insert('billable_items', { item_type: 'Service', ...b }));
  const practitioners = [
    { first_name: 'Jordan', last_name: 'Hale', title: 'Dr', designation: 'Physiotherapist' },
    { first_name: 'Priya', last_name: 'Nair', title: '', designation: 'Physiotherapist' },
  ].map((p) => t.insert('practitioners', { ...p, label: `${p.first_name} ${p.last_name}` }));
  const patients = PATIENTS.map((p) => user.createPatient({ ...p, ...address() }));
  const contact = t.insert('contacts', {
    company_name: 'Harbour Health Insurance',
    first_name: null,
    last_name: null,
    email: 'claims@harbourhealth.example',
    type: 'Insurer',
    type_code: 3,
  });
  const invoice = (p: number, b: number[], paid = false): ClinikoRecord => {
    const made = user.createInvoice({
      patientId: patients[p]!.id,
      businessId: business.id,
      practitionerId: practitioners[p % 2]!.id,
      items: b.map((i) => ({ billableItemId: items[i]!.id, quantity: i === 2 ? 2 : 1 })),
    });
    return paid ? user.payInvoice(made.id) : made;
  };
  const invoices = [invoice(0, [0, 2], true), invoice(1, [1]), invoice(2, [3, 2])];
  return {
    businessId: business.id,
    taxIds: { gst: gst.id, free: free.id },
    billableItemIds: items.map((i) => i.id),
    practitionerIds: practitioners.map((p) => p.id),
    patientIds: patients.map((p) => p.id),
    contactId: contact.id,
    invoiceIds: invoices.map((i) => i.id),
  };
}

const address = () => ({
  address_1: '1 George St',
  address_2: null,
  address_3: null,
  city: 'Sydney',
  state: 'NSW',
  post_code: '2000',
  country: 'Australia',
  patient_phone_numbers: [{ phone_type: 'Mobile', number: '0400 000 000' }],
});

/** `count` invoices of two items each over the clinic's patients; one in ten paid. */
export function generateInvoices(
  user: PracticeUser,
  clinic: SeededClinic,
  count: number,
): string[] {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    const made = user.createInvoice({
      patientId: clinic.patientIds[n % clinic.patientIds.length]!,
      businessId: clinic.businessId,
      practitionerId: clinic.practitionerIds[n % clinic.practitionerIds.length]!,
      items: [
        { billableItemId: clinic.billableItemIds[n % 2]! },
        { billableItemId: clinic.billableItemIds[2]!, quantity: 1 + (n % 3) },
      ],
    });
    ids.push(n % 10 === 0 ? user.payInvoice(made.id).id : made.id);
  }
  return ids;
}
