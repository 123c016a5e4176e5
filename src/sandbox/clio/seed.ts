/**
 * The seeded law firm, built only through the practice user's actions (so its records look as
 * Clio's would after real use).
 *
 * The firm: activity descriptions and expense categories carrying `xero_service_code` /
 * `xero_expense_code`; four clients — a person, a company with a tax number and two matters, a
 * person with a right-to-left name, a company with a macron; time and expenses (hard and soft
 * costs) on each matter; and bills in every state a sync meets: paid in full; paid by a payment
 * that was later edited (a voided allocation and a new one under the same Payment); a client
 * bill over two matters with a services-only discount, interest and part payment; a bill settled
 * by a credit memo and a payment; a draft; a void bill; a deleted draft. No trust account.
 *
 * @module
 */
import type { FirmBooks } from './firm.js';
import { PracticeUser } from './practice.js';

export interface LawFirmSeed {
  contacts: Record<'chen' | 'northwind' | 'haddad' | 'otaki', number>;
  matters: number[];
  bills: Record<
    'paid' | 'editedPayment' | 'clientBill' | 'credited' | 'draft' | 'void' | 'deleted',
    number
  >;
  paymentIds: number[];
  creditMemoId: number;
}

function catalogue(books: FirmBooks): {
  advice: number;
  court: number;
  filing: number;
  copies: number;
} {
  const currency = books.firm.settings.currency ?? null;
  const desc = (name: string, code: string, amount: number) =>
    books.insert('activity_descriptions', {
      name,
      type: 'ActivityDescription',
      category_type: 'hourly',
      default: false,
      xero_service_code: code,
      rate: { amount, type: 'User' },
      currency,
    }).id;
  const cat = (name: string, entry: string, code: string, rate: number) =>
    books.insert('expense_categories', {
      name,
      rate,
      entry_type: entry,
      tax_setting: 'tax_1_only',
      xero_expense_code: code,
      utbms_code: null,
      currency,
    }).id;
  // Codes from Xero's default AU chart (the sandbox's, src/sandbox/xero/regions.ts) and of
  // revenue accounts, because they seed the firm's category mappings (docs/sources-clio.md) and a
  // sales line taxed "GST on Income" may only post to revenue: 200 Sales, 260 Other Revenue.
  return {
    advice: desc('Legal advice', '200', 350),
    court: desc('Court appearance', '200', 420),
    filing: cat('Court filing fees', 'hard_cost', '260', 0),
    copies: cat('Photocopying', 'soft_cost', '260', 0),
  };
}

function clients(user: PracticeUser): LawFirmSeed['contacts'] {
  return {
    chen: user.createContact({
      type: 'Person',
      firstName: 'Maria',
      lastName: 'Chen',
      email: 'maria.chen@example.com',
      address: {
        street: '12 Harbour St',
        city: 'Sydney',
        province: 'NSW',
        postalCode: '2000',
        country: 'Australia',
      },
    }),
    northwind: user.createContact({
      type: 'Company',
      name: 'Northwind Traders Pty Ltd',
      email: 'accounts@northwind.example',
      salesTaxNumber: '51 824 753 556',
      address: { street: '1 Market Lane', city: 'Melbourne', country: 'Australia' },
    }),
    haddad: user.createContact({
      type: 'Person',
      firstName: 'ليلى',
      lastName: 'حداد',
      email: 'layla@example.com',
    }),
    otaki: user.createContact({
      type: 'Company',
      name: 'Ōtaki Holdings Ltd',
      email: 'office@otaki.example',
    }),
  };
}

type Catalogue = ReturnType<typeof catalogue>;

/** Time and both kinds of cost on a matter. */
function work(
  user: PracticeUser,
  c: Catalogue,
  matterId: number,
  hours: string,
  date: string,
): void {
  const note = 'Advice and correspondence';
  user.recordTime({ matterId, activityDescriptionId: c.advice, date, hours, note });
  user.recordExpense({
    matterId,
    expenseCategoryId: c.filing,
    date,
    price: '86.50',
    note: 'Filing fee',
  });
  user.recordExpense({
    matterId,
    expenseCategoryId: c.copies,
    date,
    price: '0.25',
    quantity: '40',
    note: 'Copies',
  });
}

const dueOn = (books: FirmBooks, billId: number): string =>
  String(books.require('bills', billId).due);

/** Maria Chen: a bill paid in full, and one whose part payment was edited from 100 to 150. */
function chenBills(books: FirmBooks, user: PracticeUser, c: Catalogue, matter: number) {
  work(user, c, matter, '3.5', '2026-01-05');
  const paid = user.createBill({ matterIds: [matter], subject: 'Conveyance' });
  user.approveBill({ billId: paid, issuedAt: '2026-01-10' });
  const p1 = user.recordPayment({
    date: '2026-01-20',
    bills: [{ billId: paid, amount: dueOn(books, paid) }],
  });
  work(user, c, matter, '1.25', '2026-01-25');
  const edited = user.createBill({ matterIds: [matter] });
  user.approveBill({ billId: edited, issuedAt: '2026-01-28' });
  const p2 = user.recordPayment({
    date: '2026-02-02',
    bills: [{ billId: edited, amount: '100.00' }],
  });
  user.editPayment({ paymentId: p2.paymentId, amount: '150.00' });
  return { paid, edited, payments: [p1.paymentId, p2.paymentId] };
}

/** Northwind: a client bill over two matters, services-only discount, interest, part paid. */
function northwindBill(user: PracticeUser, c: Catalogue, matters: [number, number]) {
  work(user, c, matters[0], '6', '2026-02-03');
  user.recordTime({
    matterId: matters[1],
    activityDescriptionId: c.court,
    date: '2026-02-04',
    hours: '2.5',
  });
  const bill = user.createBill({
    matterIds: matters,
    discount: { rate: '10', type: 'percentage', note: 'Loyal client' },
    discountServicesOnly: true,
    lines: [{ description: 'Fixed-fee filing', price: '250', quantity: '1' }],
  });
  user.approveBill({ billId: bill, issuedAt: '2026-02-10' });
  user.chargeInterest({ billId: bill, amount: '12.34', rate: '1.5' });
  const p = user.recordPayment({
    date: '2026-03-01',
    bills: [{ billId: bill, amount: '1000.00' }],
  });
  return { bill, payment: p.paymentId };
}

/** Ōtaki: a draft, a bill voided after approval, a deleted draft. */
function otakiBills(user: PracticeUser, c: Catalogue, matter: number) {
  work(user, c, matter, '1', '2026-02-13');
  const line = (description: string, price: string) => [{ description, price, quantity: '1' }];
  const draft = user.createBill({ matterIds: [matter], lines: line('Lease review', '400') });
  const voided = user.createBill({ matterIds: [matter], lines: line('Issued in error', '99') });
  user.approveBill({ billId: voided, issuedAt: '2026-02-14' });
  user.voidBill({ billId: voided });
  const deleted = user.createBill({ matterIds: [matter], lines: line('Duplicate draft', '10') });
  user.deleteBill({ billId: deleted });
  return { draft, voided, deleted };
}

/** Seeds the law firm into an empty account; the ids of what it made. */
export function seedLawFirm(books: FirmBooks): LawFirmSeed {
  const user = new PracticeUser(books);
  const c = catalogue(books);
  const who = clients(user);
  const matter = (clientId: number, description: string) =>
    user.createMatter({ clientId, description });
  const m = [
    matter(who.chen, 'Chen — conveyance of 12 Harbour St'),
    matter(who.northwind, 'Northwind — supply contract dispute'),
    matter(who.northwind, 'Northwind — trademark registration'),
    matter(who.haddad, 'Haddad — estate'),
    matter(who.otaki, 'Ōtaki — lease review'),
  ] as [number, number, number, number, number];
  const chen = chenBills(books, user, c, m[0]);
  const northwind = northwindBill(user, c, [m[1], m[2]]);
  work(user, c, m[3], '2', '2026-02-11');
  const credited = user.createBill({ matterIds: [m[3]] });
  user.approveBill({ billId: credited, issuedAt: '2026-02-12' });
  const creditMemoId = user.issueCreditMemo({
    contactId: who.haddad,
    billId: credited,
    date: '2026-02-20',
    amount: '50.00',
    description: 'Goodwill credit',
  });
  const p4 = user.recordPayment({
    date: '2026-02-21',
    bills: [{ billId: credited, amount: dueOn(books, credited) }],
  });
  const otaki = otakiBills(user, c, m[4]);
  return {
    contacts: who,
    matters: m,
    bills: {
      paid: chen.paid,
      editedPayment: chen.edited,
      clientBill: northwind.bill,
      credited,
      draft: otaki.draft,
      void: otaki.voided,
      deleted: otaki.deleted,
    },
    paymentIds: [...chen.payments, northwind.payment, p4.paymentId],
    creditMemoId,
  };
}
