/**
 * Look-ups that Xero answers by key rather than by id: accounts by code, active contacts by name,
 * contacts by number, ACCREC invoices and ACCRECCREDIT credit notes by number.
 *
 * The indexes are derived from the organisation's maps and are not saved with the state; they
 * are built on first use and kept current by the `put*` functions, which are the only way
 * records with keys are stored. Without them every element of a 50-invoice batch would scan
 * every contact and invoice (the benchmark's 2,000 invoices/s would not hold past a few
 * thousand documents).
 *
 * Keys compare case-insensitively after trimming, as Xero's uniqueness rules do for contact names.
 *
 * @module
 */
import type { Account, Allocation, Contact, CreditNote, Invoice, Payment } from './model.js';
import type { Organisation } from './organisation.js';

interface OrgIndex {
  accountByCode: Map<string, string>;
  activeContactByName: Map<string, string>;
  contactByNumber: Map<string, string>;
  invoiceByNumber: Map<string, string>;
  creditNoteByNumber: Map<string, string>;
  /** Payment ids by the id of the document they pay. */
  paymentsByTarget: Map<string, string[]>;
  /** Allocation ids by invoice id and by credit (credit note, overpayment, prepayment) id. */
  allocationsByInvoice: Map<string, string[]>;
  allocationsBySource: Map<string, string[]>;
}

const indexes = new WeakMap<Organisation, OrgIndex>();

export function keyOf(text: string): string {
  return text.trim().toLowerCase();
}

function indexOf(org: Organisation): OrgIndex {
  let index = indexes.get(org);
  if (!index) {
    index = buildIndex(org);
    indexes.set(org, index);
  }
  return index;
}

function buildIndex(org: Organisation): OrgIndex {
  const index: OrgIndex = {
    accountByCode: new Map(),
    activeContactByName: new Map(),
    contactByNumber: new Map(),
    invoiceByNumber: new Map(),
    creditNoteByNumber: new Map(),
    paymentsByTarget: new Map(),
    allocationsByInvoice: new Map(),
    allocationsBySource: new Map(),
  };
  for (const a of org.accounts.values()) addAccount(index, a);
  for (const c of org.contacts.values()) addContact(index, c);
  for (const i of org.invoices.values()) addInvoice(index, i);
  for (const n of org.creditNotes.values()) addCreditNote(index, n);
  for (const p of org.payments.values()) push(index.paymentsByTarget, p.targetId, p.id);
  for (const a of org.allocations.values()) addAllocation(index, a);
  return index;
}

/** Forgets the derived indexes (after a map was replaced wholesale, e.g. re-seeding a chart). */
export function invalidateIndex(org: Organisation): void {
  indexes.delete(org);
}

function addAccount(index: OrgIndex, a: Account): void {
  if (a.status !== 'DELETED') index.accountByCode.set(keyOf(a.code), a.id);
}

function addContact(index: OrgIndex, c: Contact): void {
  if (c.status === 'ACTIVE') index.activeContactByName.set(keyOf(c.name), c.id);
  if (c.contactNumber) index.contactByNumber.set(keyOf(c.contactNumber), c.id);
}

function addInvoice(index: OrgIndex, i: Invoice): void {
  if (i.type === 'ACCREC' && i.number) index.invoiceByNumber.set(keyOf(i.number), i.id);
}

function addCreditNote(index: OrgIndex, n: CreditNote): void {
  if (n.type === 'ACCRECCREDIT' && n.number) index.creditNoteByNumber.set(keyOf(n.number), n.id);
}

function push(map: Map<string, string[]>, key: string, id: string): void {
  const list = map.get(key);
  if (list) list.push(id);
  else map.set(key, [id]);
}

function addAllocation(index: OrgIndex, a: Allocation): void {
  push(index.allocationsByInvoice, a.invoiceId, a.id);
  push(index.allocationsBySource, a.sourceId, a.id);
}

function removeKey(map: Map<string, string>, key: string | undefined, id: string): void {
  if (key === undefined) return;
  const k = keyOf(key);
  if (map.get(k) === id) map.delete(k);
}

export function putAccount(org: Organisation, next: Account): void {
  const index = indexOf(org);
  const prev = org.accounts.get(next.id);
  if (prev) removeKey(index.accountByCode, prev.code, prev.id);
  org.accounts.set(next.id, next);
  addAccount(index, next);
}

export function putContact(org: Organisation, next: Contact): void {
  const index = indexOf(org);
  const prev = org.contacts.get(next.id);
  if (prev) {
    removeKey(index.activeContactByName, prev.name, prev.id);
    removeKey(index.contactByNumber, prev.contactNumber, prev.id);
  }
  org.contacts.set(next.id, next);
  addContact(index, next);
}

export function putInvoice(org: Organisation, next: Invoice): void {
  const index = indexOf(org);
  const prev = org.invoices.get(next.id);
  if (prev) removeKey(index.invoiceByNumber, prev.number, prev.id);
  org.invoices.set(next.id, next);
  addInvoice(index, next);
}

export function putCreditNote(org: Organisation, next: CreditNote): void {
  const index = indexOf(org);
  const prev = org.creditNotes.get(next.id);
  if (prev) removeKey(index.creditNoteByNumber, prev.number, prev.id);
  org.creditNotes.set(next.id, next);
  addCreditNote(index, next);
}

/** Stores a payment (payments are never re-targeted, so only new ones are indexed). */
export function putPayment(org: Organisation, next: Payment): void {
  const index = indexOf(org);
  if (!org.payments.has(next.id)) push(index.paymentsByTarget, next.targetId, next.id);
  org.payments.set(next.id, next);
}

export function putAllocation(org: Organisation, next: Allocation): void {
  const index = indexOf(org);
  if (!org.allocations.has(next.id)) addAllocation(index, next);
  org.allocations.set(next.id, next);
}

/** Payments made to a document, oldest first (deleted ones included). */
export function paymentsFor(org: Organisation, targetId: string): Payment[] {
  const ids = indexOf(org).paymentsByTarget.get(targetId) ?? [];
  return ids.flatMap((id) => org.payments.get(id) ?? []);
}

/** Allocations to an invoice, or from a credit, oldest first (deleted ones included). */
export function allocationsFor(
  org: Organisation,
  side: 'invoice' | 'source',
  id: string,
): Allocation[] {
  const index = indexOf(org);
  const ids =
    (side === 'invoice' ? index.allocationsByInvoice : index.allocationsBySource).get(id) ?? [];
  return ids.flatMap((a) => org.allocations.get(a) ?? []);
}

export function accountByCode(org: Organisation, code: string): Account | undefined {
  const id = indexOf(org).accountByCode.get(keyOf(code));
  return id === undefined ? undefined : org.accounts.get(id);
}

/** The account with this id or, failing that, this code. */
export function findAccount(
  org: Organisation,
  ref: { id?: string; code?: string },
): Account | undefined {
  if (ref.id) return byId(org.accounts, ref.id);
  return ref.code ? accountByCode(org, ref.code) : undefined;
}

export function activeContactByName(org: Organisation, name: string): Contact | undefined {
  const id = indexOf(org).activeContactByName.get(keyOf(name));
  return id === undefined ? undefined : org.contacts.get(id);
}

export function contactByNumber(org: Organisation, number: string): Contact | undefined {
  const id = indexOf(org).contactByNumber.get(keyOf(number));
  return id === undefined ? undefined : org.contacts.get(id);
}

export function invoiceByNumber(org: Organisation, number: string): Invoice | undefined {
  const id = indexOf(org).invoiceByNumber.get(keyOf(number));
  return id === undefined ? undefined : org.invoices.get(id);
}

export function creditNoteByNumber(org: Organisation, number: string): CreditNote | undefined {
  const id = indexOf(org).creditNoteByNumber.get(keyOf(number));
  return id === undefined ? undefined : org.creditNotes.get(id);
}

/** A record by id, matching GUIDs case-insensitively (Xero accepts either case). */
export function byId<T>(map: Map<string, T>, id: string | undefined): T | undefined {
  if (!id) return undefined;
  return map.get(id) ?? map.get(id.toLowerCase());
}
