/**
 * The emulator's own accounting resources. Actionstep's public docs publish `bills` (header and
 * totals only, read-only) and nothing about bill lines, receipts, credits or trust money
 * (docs.actionstep.com/endpoint-resources lists no such endpoint; ../shared/reference/pms-apis.md
 * §3.3 and §7). A law firm's books need them, so the emulator serves them under names of its own,
 * in Actionstep's conventions (lower-case plural names, `links`, T/F flags, the same paging,
 * filters and includes). They are served only while the `extensions` option is on, so a
 * connector can also be run against the documented surface alone. Every name and field here is
 * an assumption, listed as such in docs/actionstep-emulator.md.
 *
 * @module
 */
import type { ResourceDef } from './schema.js';
import { date, decimal, link, money, oneOf, ro, stamp, text } from './schema.js';

const ASSUMED = 'emulator assumption: not in Actionstep public docs';

const billlines: ResourceDef = {
  name: 'billlines',
  fields: {
    lineType: oneOf(['Fee', 'Disbursement', 'Other'], ro),
    description: text(ro),
    quantity: decimal(ro),
    unitPrice: decimal(ro),
    amountExclusive: money(ro),
    salesTax: money(ro),
    amountInclusive: money(ro),
  },
  links: {
    bill: link('bills', ro),
    taxCode: link('taxcodes', ro),
    incomeAccount: link('accounts', ro),
    timeEntry: link('timeentries', ro),
    disbursement: link('disbursements', ro),
  },
  methods: ['GET'],
  documented: false,
  firstId: 60001,
  source: ASSUMED,
};

const receipts: ResourceDef = {
  name: 'receipts',
  fields: {
    status: oneOf(['Posted', 'Reversed'], ro),
    receiptDate: date(ro),
    amount: money(ro),
    reference: text(ro),
    paymentMethod: text(ro),
    createdTimestamp: stamp(ro),
    modifiedTimestamp: stamp(ro),
    reversedTimestamp: stamp(ro),
  },
  links: {
    division: link('divisions', ro),
    participant: link('participants', ro),
    bankAccount: link('accounts', ro),
  },
  methods: ['GET'],
  documented: false,
  firstId: 70001,
  source: ASSUMED,
};

const receiptallocations: ResourceDef = {
  name: 'receiptallocations',
  fields: { amount: money(ro), createdTimestamp: stamp(ro), modifiedTimestamp: stamp(ro) },
  links: { receipt: link('receipts', ro), bill: link('bills', ro) },
  methods: ['GET'],
  documented: false,
  firstId: 75001,
  source: ASSUMED,
};

const creditnotes: ResourceDef = {
  name: 'creditnotes',
  fields: {
    status: oneOf(['Closed', 'Deleted'], ro),
    ourReference: text(ro),
    creditDate: date(ro),
    reason: text(ro),
    totalInclusive: money(ro),
    totalExclusive: money(ro),
    totalSalesTax: money(ro),
    createdTimestamp: stamp(ro),
    modifiedTimestamp: stamp(ro),
    deletedTimestamp: stamp(ro),
  },
  links: {
    division: link('divisions', ro),
    bill: link('bills', ro),
    theirParticipant: link('participants', ro),
    taxCode: link('taxcodes', ro),
  },
  methods: ['GET'],
  documented: false,
  firstId: 80001,
  source: ASSUMED,
};

const trusttransactions: ResourceDef = {
  name: 'trusttransactions',
  fields: {
    transactionType: oneOf(['Receipt', 'Payment'], ro),
    status: oneOf(['Posted', 'Reversed'], ro),
    transactionDate: date(ro),
    amount: money(ro),
    reference: text(ro),
    description: text(ro),
    createdTimestamp: stamp(ro),
    modifiedTimestamp: stamp(ro),
  },
  links: {
    division: link('divisions', ro),
    action: link('actions', ro),
    participant: link('participants', ro),
    trustAccount: link('accounts', ro),
    bill: link('bills', ro),
  },
  methods: ['GET'],
  documented: false,
  firstId: 90001,
  source: ASSUMED,
};

export const EXTENSION_RESOURCES: readonly ResourceDef[] = [
  billlines,
  receipts,
  receiptallocations,
  creditnotes,
  trusttransactions,
];
