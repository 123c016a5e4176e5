/**
 * The practices inside their emulators, and what their staff do between the demo's two syncs.
 *
 * The clinic is the Cliniko emulator's seeded clinic (patients with accented, Arabic and Japanese
 * names, GST and GST-free items, a paid invoice) plus one invoice with a 10% discount. The law
 * firm is the Clio emulator's seeded firm (clients with right-to-left and macron names, a client
 * bill over two matters with a discount, interest and a part payment, an edited payment, a bill
 * settled by a credit memo, a void bill) with its draft approved. The later edits are made as a
 * practice user through each emulator's control surface, not by importing files.
 *
 * @module
 */
import { startClinikoEmulator, type ClinikoEmulator } from '../sandbox/cliniko/index.js';
import type { SeededClinic } from '../sandbox/cliniko/index.js';
import { startClioEmulator, type ClioEmulator } from '../sandbox/clio/index.js';
import type { LawFirmSeed } from '../sandbox/clio/seed.js';

export interface DemoPractices {
  readonly cliniko: ClinikoEmulator;
  readonly clio: ClioEmulator;
  readonly clinic: SeededClinic & { readonly discountedInvoiceId: string };
  readonly firmId: number;
  readonly lawFirm: LawFirmSeed;
  stop(): Promise<void>;
}

export async function startPractices(): Promise<DemoPractices> {
  const cliniko = await startClinikoEmulator();
  const clio = await startClioEmulator();
  const seeded = cliniko.control.seedClinic();
  const discounted = cliniko.control.practice.createInvoice({
    patientId: seeded.patientIds[1]!,
    businessId: seeded.businessId,
    practitionerId: seeded.practitionerIds[1]!,
    items: [
      { billableItemId: seeded.billableItemIds[0]!, discountPercentage: '10' },
      { billableItemId: seeded.billableItemIds[2]!, quantity: 3 },
    ],
  });
  const firm = clio.control.createFirm({ name: 'Harbour Law', region: 'au' });
  const lawFirm = clio.control.seedLawFirm(firm.id);
  clio.control.practice(firm.id).approveBill({ billId: lawFirm.bills.draft });
  return {
    cliniko,
    clio,
    clinic: { ...seeded, discountedInvoiceId: discounted.id },
    firmId: firm.id,
    lawFirm,
    stop: async () => {
      await Promise.all([cliniko.stop(), clio.stop()]);
    },
  };
}

/** What the practices did since the first sync, one line each, as the demo prints them. */
export function applyLaterEdits(p: DemoPractices): string[] {
  const clinic = p.cliniko.control.practice;
  const [, open, closing] = p.clinic.invoiceIds as [string, string, string];
  clinic.editInvoice(open, {
    items: [
      { billableItemId: p.clinic.billableItemIds[1]! },
      { billableItemId: p.clinic.billableItemIds[2]! },
    ],
  });
  clinic.payInvoice(open);
  clinic.closeInvoice(closing);
  clinic.deleteInvoice(p.clinic.discountedInvoiceId);
  const patient = clinic.createPatient({
    first_name: 'Nguyễn',
    last_name: 'Thị Mai',
    email: 'mai@example.com',
  });
  clinic.createInvoice({
    patientId: patient.id,
    businessId: p.clinic.businessId,
    practitionerId: p.clinic.practitionerIds[0]!,
    items: [{ billableItemId: p.clinic.billableItemIds[0]! }],
  });

  const firm = p.clio.control.practice(p.firmId);
  const { bills, paymentIds } = p.lawFirm;
  firm.editBill({
    billId: bills.clientBill,
    addLines: [{ description: 'Additional title searches', price: '45.00', quantity: '2' }],
  });
  // Clio shows what a bill still owes as `due` (a number of dollars, as its API sends it).
  const due = p.clio.control.get(p.firmId, 'bills', bills.clientBill)?.due;
  if (typeof due !== 'number') throw new Error('The Clio emulator shows no amount due');
  firm.recordPayment({
    date: '2026-03-20',
    bills: [{ billId: bills.clientBill, amount: String(due) }],
  });
  firm.editPayment({ paymentId: paymentIds[1]!, amount: '200.00' });
  firm.voidBill({ billId: bills.draft });
  return [
    'Harbour Physio (in Cliniko): edited an open invoice, then marked it Paid; closed another; deleted the discounted invoice; added a patient, Nguyễn Thị Mai, and her first invoice',
    'Harbour Law (in Clio): added two search fees to the Northwind bill and paid what it still owed; corrected a payment from $150.00 to $200.00 (its allocation voided, a new one made); voided the Ōtaki lease-review bill',
  ];
}
