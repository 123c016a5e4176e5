/**
 * The resources the emulator serves under `/api/v4/`, with the fields a client may name in
 * `fields=` (field lists from Clio's OpenAPI 3.0 document, pms-apis.md §2.4 — a subset: the
 * billing fields a sync reads), the nested resources each links to, its query filters and its
 * default order.
 *
 * Every resource answers `id` and `etag` when no `fields` is sent ("For most endpoints, the id
 * and etag fields are the only default fields returned", docs.developers.clio.com/api-docs/fields).
 *
 * @module
 */

/** A nested resource: a resource name, or '*' for the polymorphic `parent` {id, type}. */
export interface RefDef {
  target: string;
  many?: boolean;
}

/**
 * A query filter: `ref` compares a nested resource's id (`client_id=…` → `client`), `eq` a
 * field's text, `voided` the allocation status (valid = not voided, invalid = voided), `like`
 * a substring of a field.
 */
export type FilterDef =
  | { kind: 'ref'; field: string }
  | { kind: 'eq'; field: string; values?: readonly string[] }
  | { kind: 'voided' }
  | { kind: 'like'; field: string }
  | { kind: 'client_only' };

export interface ResourceDef {
  /** Path segment: /api/v4/<name>.json. */
  name: string;
  /** Webhook model (guides/clio-manage/webhooks), where the resource has webhooks. */
  model?: string;
  fields: readonly string[];
  refs: Readonly<Record<string, RefDef>>;
  filters: Readonly<Record<string, FilterDef>>;
  /** `date(asc)` for allocations and credit memos (spec), `id(asc)` elsewhere. */
  defaultOrder: string;
  /** Fields `order=` may name. */
  sortable: readonly string[];
  methods: readonly ('GET' | 'PATCH' | 'DELETE' | 'POST')[];
}

/** Space-separated field names, with the timestamps every record has. */
function words(text: string, stamps = false): readonly string[] {
  return [...text.split(' '), ...(stamps ? ['created_at', 'updated_at'] : [])];
}
const SORT = ['id', 'created_at', 'updated_at'] as const;

const contacts: ResourceDef = {
  name: 'contacts',
  model: 'contact',
  fields: words(
    'id etag name first_name middle_name last_name prefix title initials type primary_email_address secondary_email_address primary_phone_number email_addresses phone_numbers addresses primary_address sales_tax_number is_client is_bill_recipient',
    true,
  ),
  refs: { company: { target: 'contacts' }, currency: { target: 'currencies' } },
  filters: {
    type: { kind: 'eq', field: 'type', values: ['Person', 'Company'] },
    client_only: { kind: 'client_only' },
    query: { kind: 'like', field: 'name' },
  },
  defaultOrder: 'id(asc)',
  sortable: [...SORT, 'name'],
  methods: ['GET', 'PATCH'],
};

const matters: ResourceDef = {
  name: 'matters',
  model: 'matter',
  fields: words(
    'id etag number display_number description status billing_method billable open_date close_date',
    true,
  ),
  refs: {
    client: { target: 'contacts' },
    responsible_attorney: { target: 'users' },
    currency: { target: 'currencies' },
  },
  filters: {
    client_id: { kind: 'ref', field: 'client' },
    status: { kind: 'eq', field: 'status', values: ['Pending', 'Open', 'Closed'] },
  },
  defaultOrder: 'id(asc)',
  sortable: SORT,
  methods: ['GET'],
};

const users: ResourceDef = {
  name: 'users',
  fields: words('id etag name first_name last_name email enabled', true),
  refs: {},
  filters: {},
  defaultOrder: 'id(asc)',
  sortable: SORT,
  methods: ['GET'],
};

const currencies: ResourceDef = {
  name: 'currencies',
  fields: words('id etag code sign', true),
  refs: {},
  filters: {},
  defaultOrder: 'id(asc)',
  sortable: SORT,
  methods: ['GET'],
};

const bankAccounts: ResourceDef = {
  name: 'bank_accounts',
  fields: words(
    'id etag name type account_number general_ledger_number currency currency_id balance default_account',
    true,
  ),
  refs: {},
  filters: { type: { kind: 'eq', field: 'type', values: ['Operating', 'Trust'] } },
  defaultOrder: 'id(asc)',
  sortable: SORT,
  methods: ['GET'],
};

/**
 * Money through one of the firm's bank accounts (pms-apis.md §2.3–2.4): GET only. `funds_in` /
 * `funds_out` say which way (one of them is 0), `amount` is signed; `bill` and `allocation` link
 * a transfer from trust to the payment it made. Clio's docs list `transaction_type` without its
 * values: the emulator uses Deposit, Withdrawal, Transfer and Interest.
 */
const bankTransactions: ResourceDef = {
  name: 'bank_transactions',
  fields: words(
    'id etag type date amount funds_in funds_out description transaction_type source confirmation current_account_balance',
    true,
  ),
  refs: {
    bank_account: { target: 'bank_accounts' },
    client: { target: 'contacts' },
    matter: { target: 'matters' },
    bill: { target: 'bills' },
    allocation: { target: 'allocations' },
    currency: { target: 'currencies' },
  },
  filters: {
    bank_account_id: { kind: 'ref', field: 'bank_account' },
    client_id: { kind: 'ref', field: 'client' },
    matter_id: { kind: 'ref', field: 'matter' },
  },
  defaultOrder: 'id(asc)',
  sortable: [...SORT, 'date'],
  methods: ['GET'],
};

export const BILL_STATES = [
  'draft',
  'awaiting_approval',
  'awaiting_payment',
  'paid',
  'void',
  'deleted',
] as const;
export type BillState = (typeof BILL_STATES)[number];

const bills: ResourceDef = {
  name: 'bills',
  model: 'bill',
  fields: words(
    'id etag number issued_at due_at start_at end_at paid_at last_sent_at subject purchase_order memo type kind state available_state_transitions can_update balance total paid pending due credits_issued sub_total services_sub_total tax_rate secondary_tax_rate tax_sum secondary_tax_sum total_tax taxable_sub_total discount discount_services_only interest shared',
    true,
  ),
  refs: {
    user: { target: 'users' },
    client: { target: 'contacts' },
    matters: { target: 'matters', many: true },
    currency: { target: 'currencies' },
    destination_account: { target: 'bank_accounts' },
  },
  filters: {
    client_id: { kind: 'ref', field: 'client' },
    matter_id: { kind: 'ref', field: 'matters' },
    currency_id: { kind: 'ref', field: 'currency' },
    state: { kind: 'eq', field: 'state', values: BILL_STATES },
    query: { kind: 'like', field: 'number' },
  },
  defaultOrder: 'id(asc)',
  sortable: [...SORT, 'issued_at', 'due_at'],
  methods: ['GET', 'DELETE'],
};

const lineItems: ResourceDef = {
  name: 'line_items',
  fields: words(
    'id etag type kind description date note group_ordering price quantity sub_total discount tax secondary_tax total taxable secondary_taxable',
    true,
  ),
  refs: {
    bill: { target: 'bills' },
    activity: { target: 'activities' },
    matter: { target: 'matters' },
    user: { target: 'users' },
  },
  filters: {
    bill_id: { kind: 'ref', field: 'bill' },
    matter_id: { kind: 'ref', field: 'matter' },
    activity_id: { kind: 'ref', field: 'activity' },
    kind: { kind: 'eq', field: 'kind', values: ['Service', 'Expense'] },
  },
  defaultOrder: 'id(asc)',
  sortable: SORT,
  methods: ['GET'],
};

export const ACTIVITY_TYPES = [
  'TimeEntry',
  'ExpenseEntry',
  'HardCostEntry',
  'SoftCostEntry',
] as const;

const activities: ResourceDef = {
  name: 'activities',
  model: 'activity',
  fields: words(
    'id etag type date note reference quantity quantity_in_hours rounded_quantity rounded_quantity_in_hours price total non_billable non_billable_total no_charge billed on_bill tax_setting',
    true,
  ),
  refs: {
    activity_description: { target: 'activity_descriptions' },
    expense_category: { target: 'expense_categories' },
    bill: { target: 'bills' },
    matter: { target: 'matters' },
    user: { target: 'users' },
    vendor: { target: 'contacts' },
    currency: { target: 'currencies' },
  },
  filters: {
    type: { kind: 'eq', field: 'type', values: ACTIVITY_TYPES },
    matter_id: { kind: 'ref', field: 'matter' },
    expense_category_id: { kind: 'ref', field: 'expense_category' },
    activity_description_id: { kind: 'ref', field: 'activity_description' },
  },
  defaultOrder: 'id(asc)',
  sortable: [...SORT, 'date'],
  methods: ['GET'],
};

const activityDescriptions: ResourceDef = {
  name: 'activity_descriptions',
  fields: words('id etag name type category_type default xero_service_code rate', true),
  refs: { currency: { target: 'currencies' } },
  filters: {},
  defaultOrder: 'id(asc)',
  sortable: [...SORT, 'name'],
  methods: ['GET'],
};

const expenseCategories: ResourceDef = {
  name: 'expense_categories',
  fields: words('id etag name rate entry_type tax_setting xero_expense_code utbms_code', true),
  refs: { currency: { target: 'currencies' } },
  filters: {
    entry_type: { kind: 'eq', field: 'entry_type', values: ['hard_cost', 'soft_cost'] },
  },
  defaultOrder: 'id(asc)',
  sortable: [...SORT, 'name'],
  methods: ['GET'],
};

const allocations: ResourceDef = {
  name: 'allocations',
  fields: words(
    'id etag date amount interest voided_at description has_online_payment payment_type destroyable',
    true,
  ),
  refs: {
    bill: { target: 'bills' },
    matter: { target: 'matters' },
    contact: { target: 'contacts' },
    parent: { target: '*' },
    source_bank_account: { target: 'bank_accounts' },
    destination_bank_account: { target: 'bank_accounts' },
  },
  filters: {
    bill_id: { kind: 'ref', field: 'bill' },
    contact_id: { kind: 'ref', field: 'contact' },
    matter_id: { kind: 'ref', field: 'matter' },
    parent_id: { kind: 'ref', field: 'parent' },
    status: { kind: 'voided' },
  },
  defaultOrder: 'date(asc)',
  sortable: [...SORT, 'date'],
  methods: ['GET'],
};

const creditMemos: ResourceDef = {
  name: 'credit_memos',
  fields: words('id etag date amount description discount voided_at', true),
  refs: {
    user: { target: 'users' },
    contact: { target: 'contacts' },
    allocations: { target: 'allocations', many: true },
  },
  filters: { contact_id: { kind: 'ref', field: 'contact' } },
  defaultOrder: 'date(asc)',
  sortable: [...SORT, 'date'],
  methods: ['GET'],
};

export const WEBHOOK_MODELS = ['matter', 'activity', 'bill', 'contact'] as const;

const webhooks: ResourceDef = {
  name: 'webhooks',
  fields: words('id etag url fields shared_secret model status events expires_at', true),
  refs: { user: { target: 'users' } },
  filters: {},
  defaultOrder: 'id(asc)',
  sortable: SORT,
  methods: ['GET', 'POST', 'PATCH', 'DELETE'],
};

export const RESOURCES: ReadonlyMap<string, ResourceDef> = new Map(
  [
    contacts,
    matters,
    users,
    currencies,
    bankAccounts,
    bankTransactions,
    bills,
    lineItems,
    activities,
    activityDescriptions,
    expenseCategories,
    allocations,
    creditMemos,
    webhooks,
  ].map((d) => [d.name, d]),
);

export function resourceDef(name: string): ResourceDef {
  const def = RESOURCES.get(name);
  if (!def) throw new Error(`unknown resource ${name}`);
  return def;
}

/** The resource whose webhook model is `model`. */
export function defForModel(model: string): ResourceDef | undefined {
  return [...RESOURCES.values()].find((d) => d.model === model);
}
