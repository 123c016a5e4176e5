/**
 * A law firm to test against: reference data (tax codes, accounts, sale/purchase types,
 * participant and matter types), two divisions that each keep their own books (Sydney and
 * Brisbane), staff and clients, matters with time and disbursements, and bills in every state —
 * paid (Closed), part-paid (Open), Draft, voided (Deleted), credited, paid from trust — with a
 * receipt that was edited and one that was reversed. Plus a deterministic generator of N bills
 * for benchmarks.
 *
 * All dates are relative to the clock's today, so a seeded firm looks the same whatever the date.
 *
 * @module
 */
import { formatUnits } from '../../ledger/decimal.js';
import { mulberry32 } from '../xero/faults.js';
import type { Books } from './books.js';
import { addDays } from './practice-bills.js';
import { PracticeUser } from './practice.js';
import { localDate } from './values.js';

export interface LawFirmSeed {
  divisions: { sydney: number; brisbane: number };
  staff: number[];
  clients: number[];
  matters: number[];
  bills: {
    closed: number;
    open: number;
    draft: number;
    deleted: number;
    credited: number;
    paidFromTrust: number;
  };
  receipts: { edited: number; reversed: number };
  credit: number;
  trustTransactions: number[];
}

/** Reference data: [setting it is the default for, resource, values]. */
const REFERENCE: [string | undefined, string, Record<string, string | bigint>][] = [
  [
    'defaultTaxCode',
    'taxcodes',
    { code: 'GST', description: 'Goods and services tax', percentage: 100_000n },
  ],
  [undefined, 'taxcodes', { code: 'FRE', description: 'GST free', percentage: 0n }],
  ['officeBankAccount', 'accounts', { accountNumber: '1-1110', name: 'Office Bank Account' }],
  ['trustBankAccount', 'accounts', { accountNumber: '1-1120', name: 'Trust Bank Account' }],
  ['feeIncomeAccount', 'accounts', { accountNumber: '4-1000', name: 'Legal Fees' }],
  [
    'disbursementIncomeAccount',
    'accounts',
    { accountNumber: '4-2000', name: 'Disbursements Recovered' },
  ],
  [undefined, 'accounts', { accountNumber: '2-1500', name: 'Trust Liability' }],
  [undefined, 'salepurchasetypes', { description: 'Invoice', isCredit: 'F' }],
  [undefined, 'salepurchasetypes', { description: 'Credit Note', isCredit: 'T' }],
  ['clientParticipantType', 'participanttypes', { name: 'Client', isBaseParticipantType: 'T' }],
  [undefined, 'participanttypes', { name: 'Other Side', isBaseParticipantType: 'F' }],
  ['defaultActionType', 'actiontypes', { name: 'Conveyancing', isBillable: 'T' }],
  [undefined, 'actiontypes', { name: 'Litigation', isBillable: 'T' }],
];

const COMMON: Record<string, Record<string, string>> = {
  accounts: { active: 'T', header: 'F' },
  salepurchasetypes: {
    isSaleOrPurchase: 'S',
    isQuoteOrderInvoice: 'I',
    allocateReferencesOnPost: 'T',
  },
  participanttypes: { companyFlag: 'F' },
  actiontypes: { isDisabled: 'F' },
};

function reference(books: Books): void {
  for (const [setting, resource, values] of REFERENCE) {
    const id = books.create(resource, { ...COMMON[resource], ...values }).id;
    if (setting) books.org.settings[setting] = id;
  }
}

function division(books: Books, user: PracticeUser, name: string, timezoneName: string): number {
  const participant = user.createParticipant({
    displayName: name,
    isCompany: true,
    fields: { companyName: name },
  });
  const div = books.create(
    'divisions',
    {
      timezoneName,
      timezoneOffset: books.org.utcOffsetMinutes,
      isActive: 'T',
      taxAccountingMethod: 'Accrual',
    },
    { participant },
  );
  books.update(
    'participants',
    books.require('participants', participant),
    {},
    { division: div.id },
  );
  return div.id;
}

/** [first name or company, last name (people only), Sydney?, email or tax number]. */
const STAFF: [string, string, boolean, string][] = [
  ['Alice', 'Ng', true, 'alice.ng@harbourlaw.example'],
  ['Tom', 'Brown', false, 'tom.brown@harbourlaw.example'],
];
const CLIENTS: [string, string, boolean, string][] = [
  ['Mary', 'Smith', true, 'mary.smith@example.com'],
  ['Blue Gum Pty Ltd', '', true, '51 824 753 556'],
  ['Rajesh', 'Patel', false, 'r.patel@example.com'],
  ['Coral Reef Tours', '', false, ''],
  ['Zoë', 'Müller', false, 'zoe.mueller@example.com'],
];

function participant(
  user: PracticeUser,
  spec: [string, string, boolean, string],
  divisions: number[],
): number {
  const [first, last, sydney, contact] = spec;
  const divisionId = sydney ? divisions[0] : divisions[1];
  if (last === '')
    return user.createParticipant({
      displayName: first,
      isCompany: true,
      divisionId,
      fields: { companyName: first, taxNumber: contact || null },
    });
  return user.createParticipant({
    displayName: `${last}, ${first}`,
    divisionId,
    fields: { firstName: first, lastName: last, email: contact },
  });
}

/** Each matter's work: [days after opening, hours, description] at $420 an hour. */
const WORK: [number, string, string][] = [
  [0, '1.5', 'Initial advice'],
  [1, '0.7', 'Correspondence'],
];

/** A matter with time entries and a title-search disbursement, opened `daysAgo` before today. */
function matter(
  user: PracticeUser,
  today: string,
  spec: { name: string; division: number; client: number; lawyer: number; daysAgo: number },
): number {
  const date = addDays(today, -spec.daysAgo);
  const actionId = user.createMatter({
    name: spec.name,
    reference: `M-${spec.division}-${spec.client}`,
    divisionId: spec.division,
    clientId: spec.client,
    assignedToId: spec.lawyer,
  });
  for (const [after, hours, description] of WORK)
    user.recordTime({
      actionId,
      ownerId: spec.lawyer,
      date: addDays(date, after),
      hours,
      rate: '420.00',
      description,
    });
  const search = { description: 'Title search', quantity: '1', unitPrice: '33.55' };
  user.recordDisbursement({ actionId, date, ...search, unitPriceIncludesTax: true });
  return actionId;
}

const billOf = (user: PracticeUser, actionId: number, invoiceDate: string): number => {
  const billId = user.createBill({ actionId });
  user.finaliseBill({ billId, invoiceDate });
  return billId;
};

const due = (books: Books, billId: number): string =>
  formatUnits(books.require('bills', billId).values.totalDue as bigint, 2);

interface Cast {
  today: string;
  clients: number[];
  matters: number[];
}

/** A receipt of `amount` (default: all that is due) paying one bill. */
function pay(
  user: PracticeUser,
  billId: number,
  date: string,
  reference: string,
  amount = due(user.books, billId),
): number {
  const bill = user.books.require('bills', billId);
  const participantId = bill.links.theirParticipant as number;
  return user.recordReceipt({
    participantId,
    date,
    amount,
    allocations: [{ billId, amount }],
    reference,
  });
}

/** Bills in every state the firm's books should show, with their receipts, credit and trust. */
function billsInEveryState(
  user: PracticeUser,
  cast: Cast,
): Omit<LawFirmSeed, 'divisions' | 'staff' | 'clients' | 'matters'> {
  const day = (n: number): string => addDays(cast.today, -n);
  const [mSmith = 0, mLease = 0, mWill = 0, mPatel = 0, mCoral = 0, mEstate = 0, mTm = 0] =
    cast.matters;
  const closed = billOf(user, mSmith, day(30));
  pay(user, closed, day(20), 'EFT 1001');
  const open = billOf(user, mLease, day(20));
  const edited = pay(user, open, day(10), 'CHQ 88', '300.00');
  user.editReceipt({ receiptId: edited, amount: '350.00', reference: 'CHQ 88 (corrected)' });
  const fixedFee = { description: 'Will drafting (fixed fee)', quantity: '1', unitPrice: '880.00' };
  const draft = user.createBill({ actionId: mWill, lines: [fixedFee] });
  const deleted = billOf(user, mTm, day(5));
  user.voidBill({ billId: deleted });
  const credited = billOf(user, mPatel, day(25));
  const credit = user.createCredit({
    billId: credited,
    amount: '110.00',
    date: day(15),
    reason: 'Courtesy discount',
  });
  const reversed = pay(user, credited, day(12), 'Card 4421', '200.00');
  user.reverseReceipt({ receiptId: reversed });
  const paidFromTrust = billOf(user, mCoral, day(18));
  const [, , , coral = 0, zoe = 0] = cast.clients;
  const trust = [
    user.recordTrustReceipt({
      actionId: mCoral,
      participantId: coral,
      date: day(24),
      amount: '5000.00',
      reference: 'Deposit',
    }),
    user.recordTrustPayment({
      actionId: mCoral,
      date: day(8),
      amount: due(user.books, paidFromTrust),
      billId: paidFromTrust,
      reference: 'Trust to office',
    }),
    user.recordTrustReceipt({
      actionId: mEstate,
      participantId: zoe,
      date: day(3),
      amount: '12500.00',
      reference: 'Estate funds',
    }),
  ];
  return {
    bills: { closed, open, draft, deleted, credited, paidFromTrust },
    receipts: { edited, reversed },
    credit,
    trustTransactions: trust,
  };
}

/** Seeds the firm into an empty organisation and says where everything is. */
export function seedLawFirm(books: Books): LawFirmSeed {
  const user = new PracticeUser(books);
  const today = localDate(books.now(), books.org.utcOffsetMinutes);
  reference(books);
  const syd = division(books, user, 'Harbour Law – Sydney', 'Australia/Sydney');
  const bne = division(books, user, 'Harbour Law – Brisbane', 'Australia/Brisbane');
  const staff = STAFF.map((p) => participant(user, p, [syd, bne]));
  const clients = CLIENTS.map((p) => participant(user, p, [syd, bne]));
  const [alice = 0, tom = 0] = staff;
  const [mary = 0, blueGum = 0, rajesh = 0, coral = 0, zoe = 0] = clients;
  const m = (name: string, division: number, client: number, lawyer: number, daysAgo: number) =>
    matter(user, today, { name, division, client, lawyer, daysAgo });
  const matters = [
    m('Smith purchase of 12 Ocean St', syd, mary, alice, 40),
    m('Blue Gum lease review', syd, blueGum, alice, 30),
    m('Smith will', syd, mary, alice, 20),
    m('Patel v Acme Builders', bne, rajesh, tom, 35),
    m('Coral Reef Tours contracts', bne, coral, tom, 25),
    m('Müller estate', bne, zoe, tom, 15),
    m('Blue Gum trade mark', syd, blueGum, alice, 10),
  ];
  const money = billsInEveryState(user, { today, clients, matters });
  return { divisions: { sydney: syd, brisbane: bne }, staff, clients, matters, ...money };
}

/**
 * `count` finalised bills with 1–3 fee lines each, spread over the seeded matters, amounts and
 * line counts drawn from mulberry32(seed): the same seed gives the same bills. Seeds the firm
 * first when the organisation has no matter.
 */
export function generateBills(books: Books, count: number, seed = 1): number[] {
  if (books.all('actions').length === 0) seedLawFirm(books);
  const user = new PracticeUser(books);
  const matters = books.all('actions').map((a) => a.id);
  const draw = mulberry32(seed);
  const today = localDate(books.now(), books.org.utcOffsetMinutes);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const actionId = matters[Math.floor(draw() * matters.length)] ?? 0;
    const lines = Array.from({ length: 1 + Math.floor(draw() * 3) }, (_, n) => ({
      description: `Professional fees ${i + 1}.${n + 1}`,
      quantity: String(1 + Math.floor(draw() * 8)),
      unitPrice: `${100 + Math.floor(draw() * 900)}.${String(Math.floor(draw() * 100)).padStart(2, '0')}`,
    }));
    const billId = user.createBill({ actionId, includeUnbilled: false, lines });
    user.finaliseBill({ billId, invoiceDate: addDays(today, -Math.floor(draw() * 90)) });
    ids.push(billId);
  }
  return ids;
}
