/**
 * The fast path of validation for the kinds an import sees by the million — invoices, credit
 * notes and payments — when every value is already in canonical form. It returns exactly what
 * `validateDocument` returns (the same document, the same content hash) or `undefined`, never a
 * different answer: anything unusual (a number for an amount, "95" for "95.00", an unknown key, a
 * total that contradicts its lines) goes to `validateDocument` for the real verdict and message.
 *
 * Why: on 1,000,000 one-line invoices `validateDocument` costs ~90 µs a document (zod ~40,
 * canonical-JSON hashing ~30), more than the store's write (bench/import-throughput.ts); this
 * path costs ~12. The hash is cheap because every object is built with its keys in sorted order,
 * so `JSON.stringify` already writes the canonical JSON the ledger hashes (content-hash.ts), and
 * the same text, with `updatedAt` appended (it sorts last), is the document's JSON for the store.
 *
 * Guards: a property test against `validateDocument` over generated documents, a fingerprint of
 * the ledger's JSON Schema that fails when the format changes, and a runtime sample
 * (record-check.ts) comparing both on each kind's first document and every 10,000th.
 *
 * @module
 */
import { hash as digest } from 'node:crypto';
import {
  CREDIT_NOTE_STATUSES,
  DEFAULT_ENTITY,
  documentRuleIssues,
  INVOICE_STATUSES,
  INVOICE_TYPES,
  LINE_AMOUNT_TYPES,
  LINE_KINDS,
  lineSchema,
  MAYBE_UNSTORABLE_JSON,
  PAYMENT_STATUSES,
  type DocumentDefaults,
  type LedgerDocument,
  type VersionedDocument,
} from '../../ledger/index.js';
import * as f from './fast-fields.js';

type Obj = Record<string, unknown>;
const keys = (...names: string[]) => new Set(names);

const ENVELOPE = ['kind', 'source', 'entity', 'sourceId', 'updatedAt', 'createdAt'];
const BILLED = [
  'number',
  'contactId',
  'issueDate',
  'currency',
  'lineAmountType',
  'reference',
  'lines',
  'total',
  'taxTotal',
  'type',
  'status',
];
const INVOICE_KEYS = keys(...ENVELOPE, ...BILLED, 'dueDate');
const CREDIT_NOTE_KEYS = keys(...ENVELOPE, ...BILLED, 'allocations');
const PAYMENT_KEYS = keys(
  ...ENVELOPE,
  'status',
  'invoiceId',
  'method',
  'date',
  'amount',
  'currency',
  'reference',
);
const LINE_KEYS = new Set(Object.keys(lineSchema.shape));
const TRACKING_KEYS = keys('category', 'option');
const ALLOCATION_KEYS = keys('invoiceId', 'amount', 'date');

/** The envelope's fields, checked: each kind's builder places them in canonical order. */
interface Envelope {
  readonly kind: string;
  readonly source: string;
  readonly entity: string | undefined;
  readonly sourceId: string | undefined;
  readonly updatedAt: string | undefined;
  readonly createdAt: string | undefined;
}

/** A versioned document with its JSON as the store keeps it (the fast path has it for free). */
export interface FastVersioned extends VersionedDocument {
  readonly json: string;
}

/** The versioned document `validateDocument` would return, or undefined to ask it instead. */
export function fastValidate(
  input: unknown,
  defaults: DocumentDefaults = {},
): FastVersioned | undefined {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return undefined;
  const raw = input as Obj;
  const kind = raw.kind;
  if (kind !== 'invoice' && kind !== 'credit_note' && kind !== 'payment') return undefined;
  const c = new f.FastCheck();
  const source = raw.source === undefined ? defaults.source : f.name(c, raw.source);
  if (!source) return undefined;
  const env: Envelope = {
    kind,
    source,
    entity: raw.entity === undefined ? (defaults.entity ?? DEFAULT_ENTITY) : f.name(c, raw.entity),
    sourceId: f.sourceId(c, raw.sourceId),
    updatedAt: f.timestamp(c, raw.updatedAt),
    createdAt: raw.createdAt === undefined ? undefined : f.timestamp(c, raw.createdAt),
  };
  const body = kind === 'payment' ? payment(c, raw, env) : billed(c, raw, env);
  if (!c.ok) return undefined;
  if (documentRuleIssues(body as unknown as LedgerDocument).length > 0) return undefined;
  const canonical = JSON.stringify(body);
  // A NUL or half a surrogate pair somewhere: the validator names the field (storable-text.ts).
  // `includes` first: ~50 ns on a 460-character invoice against ~185 for the expression.
  if (canonical.includes('\\u') && MAYBE_UNSTORABLE_JSON.test(canonical)) return undefined;
  const hash = digest('sha256', canonical, 'hex'); // one-shot: no Hash object per document
  body.updatedAt = env.updatedAt; // sorts after every other key of these kinds
  const json = `${canonical.slice(0, -1)},"updatedAt":${JSON.stringify(env.updatedAt)}}`;
  return { document: body as unknown as LedgerDocument, hash, json };
}

/*
 * The builders below create each object with its keys already in canonical order (UTF-16 order,
 * as content-hash.ts sorts; optional keys only when present, updatedAt appended last by the
 * caller), so JSON.stringify writes the canonical JSON without a second, reordered copy of every
 * object (that copy was ~2 µs of a one-line invoice's ~40 µs in a 1,000,000-document import).
 * An order slip changes the hash, which the property test against validateDocument catches.
 */

/** Invoices and credit notes. */
function billed(c: f.FastCheck, raw: Obj, env: Envelope): Obj {
  const invoice = env.kind === 'invoice';
  f.onlyKeys(c, raw, invoice ? INVOICE_KEYS : CREDIT_NOTE_KEYS);
  const statuses = invoice ? INVOICE_STATUSES : CREDIT_NOTE_STATUSES;
  const o: Obj = {};
  if (!invoice)
    o.allocations = raw.allocations === undefined ? [] : allocations(c, raw.allocations);
  o.contactId = f.sourceId(c, raw.contactId);
  if (env.createdAt !== undefined) o.createdAt = env.createdAt;
  o.currency = f.currency(c, raw.currency);
  if (invoice && raw.dueDate !== undefined) o.dueDate = f.date(c, raw.dueDate);
  o.entity = env.entity;
  o.issueDate = f.date(c, raw.issueDate);
  o.kind = env.kind;
  o.lineAmountType =
    raw.lineAmountType === undefined
      ? 'exclusive'
      : f.oneOf(c, raw.lineAmountType, LINE_AMOUNT_TYPES);
  o.lines = lines(c, raw.lines);
  if (raw.number !== undefined) o.number = f.text(c, raw.number, 255);
  if (raw.reference !== undefined) o.reference = f.text(c, raw.reference, 255);
  o.source = env.source;
  o.sourceId = env.sourceId;
  o.status = f.oneOf(c, raw.status, statuses);
  if (raw.taxTotal !== undefined) o.taxTotal = f.decimal(c, raw.taxTotal, 'amount');
  o.total = f.decimal(c, raw.total, 'amount');
  o.type = raw.type === undefined ? 'sales' : f.oneOf(c, raw.type, INVOICE_TYPES);
  return o;
}

function payment(c: f.FastCheck, raw: Obj, env: Envelope): Obj {
  f.onlyKeys(c, raw, PAYMENT_KEYS);
  const o: Obj = { amount: f.decimal(c, raw.amount, 'amount') };
  if (env.createdAt !== undefined) o.createdAt = env.createdAt;
  o.currency = f.currency(c, raw.currency);
  o.date = f.date(c, raw.date);
  o.entity = env.entity;
  o.invoiceId = f.sourceId(c, raw.invoiceId);
  o.kind = env.kind;
  o.method = f.requiredText(c, raw.method, 100);
  if (raw.reference !== undefined) o.reference = f.text(c, raw.reference, 255);
  o.source = env.source;
  o.sourceId = env.sourceId;
  o.status = raw.status === undefined ? 'active' : f.oneOf(c, raw.status, PAYMENT_STATUSES);
  return o;
}

/**
 * `f` over every element, holes included (read as undefined, as zod reads them). An indexed loop:
 * `Array.from(value, f)` goes through the iterator protocol, ~1 µs a document on 1,000,000 invoices.
 */
function each(value: unknown[], f: (element: unknown) => Obj): Obj[] {
  const out = new Array<Obj>(value.length);
  for (let i = 0; i < value.length; i++) out[i] = f(value[i]);
  return out;
}

function lines(c: f.FastCheck, value: unknown): Obj[] | undefined {
  if (!Array.isArray(value) || value.length < 1 || value.length > 1000) return c.fail();
  return each(value, (l) => line(c, l));
}

function line(c: f.FastCheck, value: unknown): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return c.fail() ?? {};
  const raw = value as Obj;
  f.onlyKeys(c, raw, LINE_KEYS);
  const o: Obj = {};
  if (raw.accountCode !== undefined) o.accountCode = f.text(c, raw.accountCode, 10);
  if (raw.category !== undefined) o.category = f.text(c, raw.category, 255);
  o.description = f.requiredText(c, raw.description, 4000);
  if (raw.discountAmount !== undefined)
    o.discountAmount = f.decimal(c, raw.discountAmount, 'amount');
  if (raw.discountRate !== undefined) o.discountRate = f.decimal(c, raw.discountRate, 'percent');
  if (raw.id !== undefined) o.id = f.text(c, raw.id, 255);
  o.kind = f.oneOf(c, raw.kind, LINE_KINDS);
  o.quantity = f.decimal(c, raw.quantity, 'quantity');
  if (raw.taxAmount !== undefined) o.taxAmount = f.decimal(c, raw.taxAmount, 'amount');
  if (raw.taxCode !== undefined) o.taxCode = f.text(c, raw.taxCode, 50);
  if (raw.tracking !== undefined) o.tracking = tracking(c, raw.tracking);
  o.unitAmount = f.decimal(c, raw.unitAmount, 'unit');
  return o;
}

function tracking(c: f.FastCheck, value: unknown): Obj[] | undefined {
  if (!Array.isArray(value) || value.length > 2) return c.fail();
  return each(value, (t: unknown) => {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) return c.fail() ?? {};
    f.onlyKeys(c, t, TRACKING_KEYS);
    const raw = t as Obj;
    const category = f.requiredText(c, raw.category, 100);
    return { category, option: f.requiredText(c, raw.option, 100) }; // already in sorted order
  });
}

function allocations(c: f.FastCheck, value: unknown): Obj[] | undefined {
  if (!Array.isArray(value) || value.length > 500) return c.fail();
  return each(value, (a: unknown) => {
    if (typeof a !== 'object' || a === null || Array.isArray(a)) return c.fail() ?? {};
    f.onlyKeys(c, a, ALLOCATION_KEYS);
    const raw = a as Obj;
    return {
      amount: f.decimal(c, raw.amount, 'amount'),
      date: f.date(c, raw.date),
      invoiceId: f.sourceId(c, raw.invoiceId),
    }; // already in sorted order
  });
}
