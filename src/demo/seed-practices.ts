/**
 * The practices inside their emulators, and what their staff do between the demo's two syncs.
 *
 * The clinic is the Cliniko emulator's seeded clinic (patients with accented, Arabic and Japanese
 * names, GST and GST-free items, a paid invoice) plus one invoice with a 10% discount. The law
 * firm is the Clio emulator's seeded firm (clients with right-to-left and macron names, a client
 * bill over two matters with a discount, interest and a part payment, an edited payment, a bill
 * settled by a credit memo, a void bill) with its draft approved, plus its trust account: client
 * money received for Northwind's dispute and Maria Chen's conveyance, and a process server paid
 * by cheque for Northwind (a hard cost). The later edits are made as a practice user through each
 * emulator's control surface, not by importing files; the Northwind bill's balance is paid from
 * Northwind's trust money (a transfer from trust to office).
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
  readonly lawFirm: LawFirmSeed & { readonly trust: LawFirmTrust };
  stop(): Promise<void>;
}

/** What the demo adds to the seeded law firm: trust receipts and a disbursement. */
export interface LawFirmTrust {
  readonly receipts: readonly number[];
  readonly processServer: number;
  readonly disbursement: number;
}

function addTrustAndCosts(clio: ClioEmulator, firmId: number, seed: LawFirmSeed): LawFirmTrust {
  const firm = clio.control.practice(firmId);
  const [chenMatter, disputeMatter] = seed.matters as [number, number];
  firm.openTrustAccount({ name: 'Client Trust Account' });
  const receipts = [
    firm.depositToTrust({
      matterId: disputeMatter,
      date: '2026-02-05',
      amount: '5000.00',
      description: 'Retainer for the supply contract dispute',
    }),
    firm.depositToTrust({
      matterId: chenMatter,
      date: '2026-02-16',
      amount: '2500.00',
      description: 'Deposit on the purchase of 12 Harbour St',
    }),
  ];
  const processServer = firm.createContact({
    type: 'Company',
    name: 'Metro Process Servers Pty Ltd',
    email: 'accounts@metroprocess.example',
  });
  const filing = clio.control
    .list(firmId, 'expense_categories')
    .find((c) => c.name === 'Court filing fees');
  if (!filing) throw new Error('The seeded firm has no court filing fees category');
  const disbursement = firm.recordExpense({
    matterId: disputeMatter,
    expenseCategoryId: filing.id as number,
    date: '2026-02-18',
    price: '165.00',
    note: 'Service of the statement of claim',
    vendorId: processServer,
    reference: 'Cheque 100231',
  });
  return { receipts, processServer, disbursement };
}

export async function startPractices(): Promise<DemoPractices> {
  const cliniko = await startClinikoEmulator();
  const clio = await startClioEmulator();
  const clinicSeed = cliniko.control.seedClinic();
  const discounted = cliniko.control.practice.createInvoice({
    patientId: clinicSeed.patientIds[1]!,
    businessId: clinicSeed.businessId,
    practitionerId: clinicSeed.practitionerIds[1]!,
    items: [
      { billableItemId: clinicSeed.billableItemIds[0]!, discountPercentage: '10' },
      { billableItemId: clinicSeed.billableItemIds[2]!, quantity: 3 },
    ],
  });
  const firm = clio.control.createFirm({ name: 'Harbour Law', region: 'au' });
  const seeded = clio.control.seedLawFirm(firm.id);
  clio.control.practice(firm.id).approveBill({ billId: seeded.bills.draft });
  const lawFirm = { ...seeded, trust: addTrustAndCosts(clio, firm.id, seeded) };
  return {
    cliniko,
    clio,
    clinic: { ...clinicSeed, discountedInvoiceId: discounted.id },
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
  firm.payBillFromTrust({ billId: bills.clientBill, date: '2026-03-20', amount: String(due) });
  firm.editPayment({ paymentId: paymentIds[1]!, amount: '200.00' });
  firm.voidBill({ billId: bills.draft });
  return [
    'Harbour Physio (in Cliniko): edited an open invoice, then marked it Paid; closed another; deleted the discounted invoice; added a patient, Nguyễn Thị Mai, and her first invoice',
    'Harbour Law (in Clio): added two search fees to the Northwind bill and paid what it still owed from Northwind’s trust money (a transfer from trust to office); corrected a payment from $150.00 to $200.00 (its allocation voided, a new one made); voided the Ōtaki lease-review bill',
  ];
}
