/**
 * The ledger CSV layout: which columns exist, where each lands in the JSON document, and which
 * each kind of row needs. Column names are the JSON field names (`contactId`, `total`); line
 * columns start `line.`, allocation columns `allocation.`, address columns `address1.` /
 * `address2.`, tracking `line.tracking1.` / `line.tracking2.`. docs/ledger-format.md describes it.
 *
 * @module
 */
import { journalLineSchema, lineSchema, type DocumentKind } from '../../ledger/index.js';

/** Where a column's value goes: the document, the row's line, or the row's allocation. */
export type ColumnScope = 'document' | 'line' | 'allocation';

/** How a cell becomes JSON: text as is, true/false, or one address line per line of the cell. */
export type CellType = 'text' | 'boolean' | 'lines';

export interface ColumnSpec {
  readonly name: string;
  readonly scope: ColumnScope;
  /** Path inside the document (scope document) or inside the line / allocation. */
  readonly path: readonly (string | number)[];
  readonly type: CellType;
}

const text = (scope: ColumnScope, name: string, path: (string | number)[]): ColumnSpec => ({
  name,
  scope,
  path,
  type: 'text',
});

const DOCUMENT_FIELDS = [
  'kind',
  'source',
  'entity',
  'sourceId',
  'updatedAt',
  'createdAt',
  'sourceUrl',
  'status',
  'name',
  'firstName',
  'lastName',
  'email',
  'phone',
  'taxNumber',
  'accountNumber',
  'mergedIntoId',
  'type',
  'number',
  'contactId',
  'issueDate',
  'dueDate',
  'currency',
  'exchangeRate',
  'lineAmountType',
  'reference',
  'total',
  'taxTotal',
  'invoiceId',
  'method',
  'date',
  'amount',
  'bankAccount',
  'fromBankAccount',
  'toBankAccount',
  'narration',
  'matter',
  'description',
  'payee',
  'toContactId',
  'toMatter',
  'category',
  'accountCode',
  'creditKind',
  'creditId',
  'reason',
  'taxCode',
  'gross',
  'fees',
  'net',
  'processorReference',
];
const BOOLEAN_FIELDS = ['deleted', 'isCustomer', 'isSupplier', 'prepayment'];
const ADDRESS_FIELDS = ['type', 'lines', 'city', 'region', 'postalCode', 'country'];
/** The ledger's line fields, in its order; tracking has columns of its own (below). */
const LINE_FIELDS = [
  ...new Set([...Object.keys(lineSchema.shape), ...Object.keys(journalLineSchema.shape)]),
].filter((f) => f !== 'tracking');
const ALLOCATION_FIELDS = ['invoiceId', 'amount', 'date'];

function buildColumns(): ColumnSpec[] {
  const columns: ColumnSpec[] = DOCUMENT_FIELDS.map((f) => text('document', f, [f]));
  for (const f of BOOLEAN_FIELDS)
    columns.push({ name: f, scope: 'document', path: [f], type: 'boolean' });
  for (const n of [1, 2])
    for (const f of ADDRESS_FIELDS) {
      const path = ['addresses', n - 1, f];
      const name = `address${n}.${f}`;
      columns.push(
        f === 'lines'
          ? { name, scope: 'document', path, type: 'lines' }
          : text('document', name, path),
      );
    }
  for (const f of LINE_FIELDS) columns.push(text('line', `line.${f}`, [f]));
  for (const n of [1, 2])
    for (const f of ['category', 'option'])
      columns.push(text('line', `line.tracking${n}.${f}`, ['tracking', n - 1, f]));
  for (const f of ALLOCATION_FIELDS) columns.push(text('allocation', `allocation.${f}`, [f]));
  return columns;
}

/** Every column of the layout by name. */
export const CSV_COLUMNS: ReadonlyMap<string, ColumnSpec> = new Map(
  buildColumns().map((c) => [c.name, c]),
);

const BILLED = [
  'updatedAt',
  'status',
  'contactId',
  'issueDate',
  'currency',
  'total',
  'line.kind',
  'line.description',
  'line.quantity',
  'line.unitAmount',
];

/** The columns a file must have once it holds a row of this kind (deletion rows need none). */
export const REQUIRED_COLUMNS: Readonly<Record<DocumentKind, readonly string[]>> = {
  contact: ['updatedAt', 'name'],
  invoice: BILLED,
  credit_note: BILLED,
  payment: ['updatedAt', 'invoiceId', 'method', 'date', 'amount', 'currency'],
  bank_transaction: [
    'updatedAt',
    'type',
    'bankAccount',
    'contactId',
    'date',
    'currency',
    'line.kind',
    'line.description',
    'line.quantity',
    'line.unitAmount',
  ],
  bank_transfer: ['updatedAt', 'fromBankAccount', 'toBankAccount', 'date', 'amount', 'currency'],
  journal: ['updatedAt', 'date', 'narration', 'currency', 'line.amount'],
  trust_movement: ['updatedAt', 'type', 'contactId', 'matter', 'date', 'amount', 'currency'],
  overpayment: ['updatedAt', 'contactId', 'bankAccount', 'date', 'amount', 'currency'],
  refund: ['updatedAt', 'creditKind', 'creditId', 'bankAccount', 'date', 'amount', 'currency'],
  write_off: ['updatedAt', 'invoiceId', 'date', 'amount'],
  payout: ['updatedAt', 'method', 'date', 'gross', 'fees', 'net', 'currency', 'bankAccount'],
};

/** Columns every file has: they say what each row is. */
export const KEY_COLUMNS = ['kind', 'sourceId'] as const;

/** Kinds whose document spans consecutive rows (one row per line or allocation). */
export const MULTI_ROW_KINDS: ReadonlySet<string> = new Set([
  'invoice',
  'credit_note',
  'bank_transaction',
  'journal',
  'overpayment',
]);

/** The column a validator field path comes from: "lines[2].unitAmount" → line 2, line.unitAmount. */
export function columnOfField(
  field: string,
): { scope: ColumnScope; index: number; column?: string } | undefined {
  const path = parsePath(field);
  const [head, index] = path;
  if (head === 'lines' && typeof index === 'number')
    return { scope: 'line', index, column: findColumn('line', path.slice(2)) };
  if (head === 'allocations' && typeof index === 'number')
    return { scope: 'allocation', index, column: findColumn('allocation', path.slice(2)) };
  if (head === undefined) return undefined;
  return { scope: 'document', index: 0, column: findColumn('document', path) };
}

function parsePath(field: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of field.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] === undefined ? m[1]! : Number(m[2]));
  return out;
}

function findColumn(scope: ColumnScope, path: readonly (string | number)[]): string | undefined {
  let best: ColumnSpec | undefined;
  for (const spec of CSV_COLUMNS.values()) {
    if (spec.scope !== scope) continue;
    const n = Math.min(spec.path.length, path.length);
    if (n === 0 || spec.path.slice(0, n).some((p, i) => p !== path[i])) continue;
    if (!best || spec.path.length === path.length) best = spec;
  }
  return best?.name;
}
