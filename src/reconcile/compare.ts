/**
 * The comparison itself, pure: our documents and their links against Xero's summaries. Each of
 * our invoices, credit notes and payments lands in exactly one bucket (agrees, missing in Xero,
 * different, changed in Xero); what Xero holds that we never sent is counted as "only in Xero".
 *
 * @module
 */
import type { CreditNote, Invoice, Payment } from '../ledger/index.js';
import { formatUnits, toUnits } from '../ledger/decimal.js';
import { contactBalances } from './balances.js';
import type { ChangedBy } from './changed-by.js';
import { difference, type DifferenceInput } from './difference.js';
import { allocationEdits, paymentEdits } from './compare-applied.js';
import { lineEdits } from './compare-lines.js';
import { keyOf, reenteredPayments } from './reentered.js';
import type { Comparison, Difference, OurDocument, XeroLine, XeroSummary } from './model.js';
import { summarise, type Outcome } from './summary.js';
import { indexXero, type XeroIndex } from './xero-index.js';

export interface CompareInput {
  readonly ours: readonly OurDocument[];
  readonly xero: readonly XeroSummary[];
  /** `YYYY-MM-DD`: balances as of this day (default: everything). */
  readonly asOf?: string;
  /** Accepted differences: ref → the state they were accepted in. */
  readonly accepted?: ReadonlyMap<string, string>;
  /** Xero's lines of documents whose totals differ (read by `IDs`), by Xero id. */
  readonly lines?: ReadonlyMap<string, readonly XeroLine[]>;
  /** Who changed a document inside Xero and when (changed-by.ts), by Xero id. */
  readonly changedBy?: ReadonlyMap<string, ChangedBy>;
}

const LIVE_XERO = (s: XeroSummary | undefined) =>
  s !== undefined && s.status !== 'VOIDED' && s.status !== 'DELETED';
const units = (v: string | undefined) => toUnits(v ?? '0');
const cents = (u: bigint) => formatUnits(u, 2);

export function compare(input: CompareInput): Comparison {
  const x = indexXero(input.xero);
  const outcomes: Outcome[] = [];
  const diffs: Difference[] = [];
  const add = (d: DifferenceInput) => {
    const who = d.xero && input.changedBy?.get(d.xero.id);
    const made = difference(who ? { ...d, changedBy: who.user, changedAt: who.at } : d);
    const accepted = input.accepted?.get(made.ref) === made.state;
    diffs.push({ ...made, accepted });
    outcomes.push({ category: accepted ? 'accepted' : d.category, amount: units(d.amount) });
  };
  const ourXeroIds = new Set(input.ours.flatMap((o) => (o.xeroId ? [o.xeroId] : [])));
  const invoiceNumbers = new Map<string, string>();
  const invoiceXeroIds = new Map<string, string>();
  for (const o of input.ours) {
    if (o.document.kind === 'invoice' || o.document.kind === 'credit_note')
      invoiceNumbers.set(o.document.sourceId, labelOf(o, x));
    if (o.document.kind === 'invoice' && o.xeroId)
      invoiceXeroIds.set(o.document.sourceId, o.xeroId);
  }
  const ctx: BilledContext = { x, lines: input.lines, invoiceXeroIds };
  const reentered = reenteredPayments(input.ours, x, ourXeroIds, invoiceXeroIds);
  for (const s of reentered.values()) ourXeroIds.add(s.id);
  for (const o of input.ours) {
    const before = diffs.length;
    if (o.document.kind === 'invoice' || o.document.kind === 'credit_note') billed(o, ctx, add);
    else if (o.document.kind === 'payment')
      paid(o, x, invoiceNumbers, add, reentered.get(keyOf(o)));
    else if (o.document.kind === 'contact') archived(o, x, add);
    if (diffs.length === before && COUNTED.has(o.document.kind) && expected(o))
      outcomes.push({ category: 'agree', amount: units(amountOf(o)) });
  }
  xeroOnly(x, ourXeroIds, new Set(input.ours.flatMap(contactXeroId)), input.ours, add);
  return {
    summary: summarise(outcomes),
    differences: diffs,
    balances: contactBalances(input.ours, x, input.asOf),
  };
}

type Add = (d: DifferenceInput) => void;

/**
 * The kinds counted in the set summary. The others (refunds, bank transactions, transfers,
 * payouts, trust movements) are compared by the money they move on each bank account
 * (bank-accounts.ts); here they only make their Xero documents ours.
 */
const COUNTED: ReadonlySet<string> = new Set(['invoice', 'credit_note', 'payment']);

interface BilledContext {
  readonly x: XeroIndex;
  readonly lines: ReadonlyMap<string, readonly XeroLine[]> | undefined;
  readonly invoiceXeroIds: ReadonlyMap<string, string>;
}

/** Whether the document is compared: pushed ones always, others unless deleted or void. */
function expected(o: OurDocument): boolean {
  if (o.xeroId !== null) return true;
  if (o.deleted) return false;
  const status = o.document.status;
  return status !== 'void' && status !== 'deleted';
}

function amountOf(o: OurDocument): string {
  const d = o.document;
  if (d.kind === 'payment') return cents(units(d.amount));
  if (d.kind === 'invoice' || d.kind === 'credit_note') return cents(units(d.total));
  return '0.00';
}

function labelOf(o: OurDocument, x: XeroIndex): string {
  const d = o.document as Invoice | CreditNote;
  const number = (o.xeroId && x.byId.get(o.xeroId)?.number) ?? o.xeroNumber ?? d.number;
  const noun = d.kind === 'credit_note' ? 'credit note' : d.type === 'bill' ? 'bill' : 'invoice';
  return number ? `${noun} ${number}` : `${noun} ${d.sourceId}`;
}

function billed(o: OurDocument, ctx: BilledContext, add: Add): void {
  const { x } = ctx;
  const d = o.document as Invoice | CreditNote;
  const what = labelOf(o, x);
  const base = { ours: o, what, currency: d.currency, source: o.sourceKind };
  const amount = cents(units(d.total));
  const inXero = o.xeroId ? x.byId.get(o.xeroId) : undefined;
  const ourLive = !o.deleted && d.status !== 'void' && d.status !== 'deleted';
  if (!inXero) {
    if (ourLive) add({ ...base, kind: 'missing', category: 'missing_in_xero', amount });
    return;
  }
  const changed = o.pushedAt === null || inXero.updatedAt > o.pushedAt;
  const base2 = { ...base, xero: inXero, changedAt: inXero.updatedAt };
  if (ourLive && !LIVE_XERO(inXero))
    return add({ ...base2, kind: 'voided', category: 'changed_in_xero', amount });
  if (!ourLive && LIVE_XERO(inXero))
    return add({ ...base2, kind: 'removed_at_source', category: 'only_in_xero', amount });
  if (!ourLive) return;
  const category = changed ? 'changed_in_xero' : 'different';
  const edits = editsOf(d, inXero);
  const lines = ctx.lines?.get(inXero.id);
  if (edits.length > 0)
    return add({
      ...base2,
      kind: 'edited',
      category,
      amount: cents(abs(units(inXero.total) - units(d.total))),
      detail: [...edits, ...(lines ? lineEdits(d.lines, lines) : [])].join('; '),
    });
  if (d.kind !== 'credit_note') return;
  const label = (id: string) => {
    const on = x.byId.get(id);
    return on?.number ? `invoice ${on.number}` : 'an invoice';
  };
  const moved = allocationEdits(d, inXero, ctx.invoiceXeroIds, label);
  if (moved.length > 0)
    add({
      ...base2,
      kind: 'allocation_changed',
      category,
      amount: cents(moved.reduce((n, m) => n + units(m.amount), 0n)),
      detail: moved.map((m) => m.detail).join('; '),
    });
}

/** Xero ids of the documents whose totals differ from ours: their lines are worth a read. */
export function totalsDiffer(ours: readonly OurDocument[], xero: readonly XeroSummary[]): string[] {
  const x = indexXero(xero);
  return ours.flatMap((o) => {
    const d = o.document;
    if ((d.kind !== 'invoice' && d.kind !== 'credit_note') || !o.xeroId) return [];
    const inXero = x.byId.get(o.xeroId);
    return inXero && LIVE_XERO(inXero) && editsOf(d, inXero).length > 0 ? [inXero.id] : [];
  });
}

function editsOf(d: Invoice | CreditNote, inXero: XeroSummary): string[] {
  const out: string[] = [];
  if (units(d.total) !== units(inXero.total))
    out.push(
      `total ${cents(units(d.total))} in the practice system, ${cents(units(inXero.total))} in Xero`,
    );
  if (d.taxTotal !== undefined && units(d.taxTotal) !== units(inXero.tax))
    out.push(
      `tax ${cents(units(d.taxTotal))} in the practice system, ${cents(units(inXero.tax))} in Xero`,
    );
  return out;
}

/** `reentered`: the payment entered again in Xero in place of ours, if one was (reentered.ts). */
function paid(
  o: OurDocument,
  x: XeroIndex,
  numbers: Map<string, string>,
  add: Add,
  reentered?: XeroSummary,
): void {
  const d = o.document as Payment;
  const what = numbers.get(d.invoiceId) ?? `invoice ${d.invoiceId}`;
  const base = { ours: o, what, currency: d.currency, source: o.sourceKind };
  const amount = cents(units(d.amount));
  const ourLive = !o.deleted && d.status === 'active';
  const inXero = reentered ?? (o.xeroId ? x.byId.get(o.xeroId) : undefined);
  if (!o.xeroId) {
    if (ourLive) add({ ...base, kind: 'missing', category: 'missing_in_xero', amount });
    return;
  }
  const xeroLive = LIVE_XERO(inXero);
  const base2 = { ...base, ...(inXero && { xero: inXero, changedAt: inXero.updatedAt }) };
  if (ourLive && !xeroLive)
    return add({ ...base2, kind: 'payment_removed', category: 'changed_in_xero', amount });
  if (!ourLive && xeroLive)
    return add({ ...base2, kind: 'removed_at_source', category: 'only_in_xero', amount });
  const edits = ourLive && inXero ? paymentEdits(d, inXero) : [];
  if (edits.length > 0 && inXero)
    add({
      ...base2,
      kind: 'payment_changed',
      category:
        o.pushedAt === null || inXero.updatedAt > o.pushedAt ? 'changed_in_xero' : 'different',
      amount: cents(abs(units(inXero.amount) - units(d.amount))),
      detail: edits.join('; '),
    });
}

/** Our contact archived, or merged into another, in Xero while the source still uses it. */
function archived(o: OurDocument, x: XeroIndex, add: Add): void {
  const inXero = o.xeroId ? x.byId.get(o.xeroId) : undefined;
  if (o.deleted || inXero?.status !== 'ARCHIVED' || retiredAtSource(o)) return;
  const name =
    inXero.name ?? ('name' in o.document ? String(o.document.name) : o.document.sourceId);
  const kept = inXero.mergedTo ? x.byId.get(inXero.mergedTo) : undefined;
  add({
    ours: o,
    xero: inXero,
    kind: inXero.mergedTo ? 'contact_merged' : 'contact_archived',
    category: 'changed_in_xero',
    what: `contact ${name}`,
    amount: '0.00',
    source: o.sourceKind,
    changedAt: inXero.updatedAt,
    ...(inXero.mergedTo && { detail: kept?.name ?? 'another contact' }),
  });
}

/** Archived or merged into another in the source too: Xero agrees with it. */
function retiredAtSource(o: OurDocument): boolean {
  const d = o.document;
  return d.kind === 'contact' && (d.status === 'archived' || d.mergedIntoId !== undefined);
}

const contactXeroId = (o: OurDocument) =>
  o.document.kind === 'contact' && o.xeroId ? [o.xeroId] : [];

/** Live Xero documents we never sent: payments on our invoices, documents on our contacts. */
function xeroOnly(
  x: XeroIndex,
  ours: ReadonlySet<string>,
  ourContacts: ReadonlySet<string>,
  docs: readonly OurDocument[],
  add: Add,
): void {
  const kinds = new Map(docs.flatMap((o) => (o.xeroId ? [[o.xeroId, o.sourceKind] as const] : [])));
  const sourceOf = (id: string | undefined) => (id ? kinds.get(id) : undefined);
  for (const s of x.byId.values()) {
    if (ours.has(s.id) || !LIVE_XERO(s)) continue;
    if (s.collection === 'Payments' && s.invoiceId && ours.has(s.invoiceId)) {
      const on = x.byId.get(s.invoiceId);
      add({
        xero: s,
        kind: 'payment_added',
        category: 'only_in_xero',
        what: on?.number
          ? `${on.collection === 'CreditNotes' ? 'credit note' : 'invoice'} ${on.number}`
          : 'an invoice',
        amount: cents(units(s.amount)),
        source: sourceOf(s.invoiceId),
        changedAt: s.updatedAt,
      });
    } else if (
      (s.collection === 'Invoices' || s.collection === 'CreditNotes') &&
      s.contactId &&
      ourContacts.has(s.contactId)
    ) {
      const noun = s.collection === 'CreditNotes' ? 'credit note' : 'invoice';
      add({
        xero: s,
        kind: 'created_in_xero',
        category: 'only_in_xero',
        what: `${noun} ${s.number ?? s.id}`,
        amount: cents(units(s.total)),
        source: sourceOf(s.contactId),
        changedAt: s.updatedAt,
      });
    }
  }
}

const abs = (u: bigint) => (u < 0n ? -u : u);
