/**
 * The documented billing resources: time entries, disbursements, bills (read-only, header and
 * totals only), tax codes, accounts and sale/purchase types. Shapes from Actionstep's OpenAPI files
 * (timeentries.yaml, disbursements.yaml, bills.yaml) and, where there is none, the archived PHP
 * SDK's field maps (Taxcodes.php, Accounts.php, Salepurchasetypes.php).
 *
 * @module
 */
import type { ResourceDef } from './schema.js';
import {
  date,
  decimal,
  flag,
  link,
  money,
  oneOf,
  OPENAPI,
  PHP_SDK,
  ro,
  stamp,
  text,
} from './schema.js';

const timeentries: ResourceDef = {
  name: 'timeentries',
  fields: {
    timestampDate: stamp({ required: true }),
    description: text(),
    actualHours: decimal({ required: true }),
    billableHours: decimal(),
    createdTimestamp: stamp(ro),
    billingBehavior: oneOf(['Bill', 'Hide', 'No charge']),
    rateUnitPrice: decimal(),
    billableAmountType: oneOf(['Fixed', 'Calculated']),
    billableAmount: money(),
    isBillable: flag(),
    importExternalReference: text(),
  },
  links: {
    action: link('actions'),
    owner: link('participants', { required: true }),
    createdBy: link('participants', { required: true }),
  },
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  events: { created: 'TimeEntryCreated', updated: 'TimeEntryUpdated' },
  documented: true,
  firstId: 30001,
  source: `${OPENAPI} timeentries.yaml`,
};

const disbursements: ResourceDef = {
  name: 'disbursements',
  fields: {
    date: date({ required: true }),
    description: text({ required: true }),
    quantity: decimal({ required: true }),
    unitPrice: decimal({ required: true }),
    unitPriceIncludesTax: flag({ required: true }),
    utbmsExpenseCode: text(),
    importExternalReference: text(),
    enteredTimestamp: stamp(ro),
    isAnticipated: flag(),
  },
  links: {
    action: link('actions', { required: true }),
    enteredByParticipant: link('participants'),
    taxCode: link('taxcodes'),
    incomeAccount: link('accounts'),
  },
  methods: ['GET', 'POST', 'PUT', 'DELETE'],
  events: { created: 'DisbursementCreated', updated: 'DisbursementUpdated' },
  documented: true,
  firstId: 40001,
  source: `${OPENAPI} disbursements.yaml`,
};

const bills: ResourceDef = {
  name: 'bills',
  fields: {
    status: oneOf(['Draft', 'Open', 'Closed', 'Deleted'], ro),
    ourReference: text(ro),
    theirReference: text(ro),
    currency: text(ro),
    invoiceDate: date(ro),
    dueDate: date(ro),
    totalInclusive: money(ro),
    totalExclusive: money(ro),
    totalSalesTax: money(ro),
    totalPaid: money(ro),
    totalDue: money(ro),
    createdTimestamp: stamp(ro),
    modifiedTimestamp: stamp(ro),
    deletedTimestamp: stamp(ro),
  },
  links: {
    division: link('divisions', ro),
    action: link('actions', { many: true, readOnly: true }),
    theirParticipant: link('participants', ro),
  },
  // Read-only in the public spec ("For retrieving Bills"); changed only by the practice user.
  methods: ['GET'],
  documented: true,
  firstId: 5001,
  source: `${OPENAPI} bills.yaml`,
};

const taxcodes: ResourceDef = {
  name: 'taxcodes',
  fields: {
    code: text(),
    description: text(),
    percentage: decimal(),
    effectiveFrom: date(),
    effectiveTo: date(),
  },
  links: {},
  methods: ['GET'],
  documented: true,
  firstId: 91,
  source: `${PHP_SDK} Taxcodes.php`,
};

const accounts: ResourceDef = {
  name: 'accounts',
  fields: { accountNumber: text(), name: text(), active: flag(), header: flag() },
  links: { taxcode: link('taxcodes') },
  methods: ['GET'],
  documented: true,
  firstId: 401,
  source: `${PHP_SDK} Accounts.php`,
};

const salepurchasetypes: ResourceDef = {
  name: 'salepurchasetypes',
  fields: {
    description: text(),
    isSaleOrPurchase: text(),
    isQuoteOrderInvoice: text(),
    isCredit: flag(),
    allocateReferencesOnPost: flag(),
  },
  links: {},
  methods: ['GET'],
  documented: true,
  firstId: 61,
  source: `${PHP_SDK} Salepurchasetypes.php`,
};

export const BILLING_RESOURCES: readonly ResourceDef[] = [
  timeentries,
  disbursements,
  bills,
  taxcodes,
  accounts,
  salepurchasetypes,
];
