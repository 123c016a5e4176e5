/**
 * Receivable and payable balance per contact as of a day, on both sides: invoices less payments
 * less credit notes dated on or before it. Sales (ACCREC) are receivable, bills (ACCPAY) payable.
 * A document of ours that Xero moved to another contact by merging ours into it (MergedToContactID)
 * counts under our contact on Xero's side too: the merge is reported once (contact_merged), not as
 * a balance difference on both contacts.
 *
 * @module
 */
import { formatUnits, toUnits } from '../ledger/decimal.js';
import type { ContactBalance, OurDocument, XeroSummary } from './model.js';
import type { XeroIndex } from './xero-index.js';

interface Totals {
  receivable: bigint;
  payable: bigint;
}

const within = (date: string | undefined, asOf: string | undefined) =>
  asOf === undefined || (date !== undefined && date <= asOf);

export function contactBalances(
  ours: readonly OurDocument[],
  x: XeroIndex,
  asOf: string | undefined,
): ContactBalance[] {
  const contacts = ours.filter((o) => o.document.kind === 'contact' && !o.deleted);
  const our = ourTotals(ours, asOf);
  const theirs = xeroTotals(x, asOf, mergedBack(ours, x));
  const zero: Totals = { receivable: 0n, payable: 0n };
  return contacts.map((c) => {
    const mine = our.get(c.document.sourceId) ?? zero;
    const xero = (c.xeroId && theirs.get(c.xeroId)) || zero;
    return {
      contact: 'name' in c.document ? String(c.document.name) : c.document.sourceId,
      ...(c.xeroId && { xeroContactId: c.xeroId }),
      receivable: { ours: formatUnits(mine.receivable, 2), xero: formatUnits(xero.receivable, 2) },
      payable: { ours: formatUnits(mine.payable, 2), xero: formatUnits(xero.payable, 2) },
    };
  });
}

function bump(map: Map<string, Totals>, key: string, payable: boolean, by: bigint): void {
  const t = map.get(key) ?? { receivable: 0n, payable: 0n };
  if (payable) t.payable += by;
  else t.receivable += by;
  map.set(key, t);
}

function ourTotals(ours: readonly OurDocument[], asOf: string | undefined): Map<string, Totals> {
  const out = new Map<string, Totals>();
  const billed = new Map<string, { contact: string; payable: boolean }>();
  const live = ours.filter(
    (o) => !o.deleted && !['void', 'deleted', 'draft'].includes(o.document.status),
  );
  for (const { document: d } of live) {
    if (d.kind !== 'invoice' && d.kind !== 'credit_note') continue;
    const payable = d.kind === 'invoice' && d.type === 'bill';
    billed.set(d.sourceId, { contact: d.contactId, payable });
    if (!within(d.issueDate, asOf)) continue;
    const sign = d.kind === 'credit_note' ? -1n : 1n;
    bump(out, d.contactId, payable, sign * toUnits(d.total));
  }
  for (const { document: d } of live) {
    const on = d.kind === 'payment' ? billed.get(d.invoiceId) : undefined;
    if (d.kind === 'payment' && on && within(d.date, asOf))
      bump(out, on.contact, on.payable, -toUnits(d.amount));
  }
  return out;
}

const LIVE = (s: XeroSummary) => !['VOIDED', 'DELETED', 'DRAFT', 'SUBMITTED'].includes(s.status);

/**
 * Xero id of our invoice or credit note → the Xero id of our contact, where Xero now files it
 * under a contact ours was merged into (following MergedToContactID, a chain at most as long as
 * the contacts).
 */
function mergedBack(ours: readonly OurDocument[], x: XeroIndex): Map<string, string> {
  const contactXeroId = new Map(
    ours.flatMap((o) => (o.document.kind === 'contact' && o.xeroId ? [[o.document.sourceId, o.xeroId] as const] : [])), // prettier-ignore
  );
  const out = new Map<string, string>();
  for (const { document: d, xeroId } of ours) {
    if ((d.kind !== 'invoice' && d.kind !== 'credit_note') || !xeroId) continue;
    const expected = contactXeroId.get(d.contactId);
    const now = x.byId.get(xeroId)?.contactId;
    if (!expected || !now || now === expected) continue;
    let at = x.byId.get(expected);
    for (let hops = 0; at?.mergedTo && hops < contactXeroId.size + 1; hops++) {
      if (at.mergedTo === now) out.set(xeroId, expected);
      at = x.byId.get(at.mergedTo);
    }
  }
  return out;
}

function xeroTotals(
  x: XeroIndex,
  asOf: string | undefined,
  mergedBack: ReadonlyMap<string, string>,
): Map<string, Totals> {
  const out = new Map<string, Totals>();
  const contactOf = (s: XeroSummary) => mergedBack.get(s.id) ?? s.contactId;
  for (const s of x.byId.values()) {
    if (!LIVE(s) || !within(s.date, asOf)) continue;
    const contact = contactOf(s);
    if (s.collection === 'Invoices' && contact)
      bump(out, contact, s.type === 'ACCPAY', toUnits(s.total ?? '0'));
    else if (s.collection === 'CreditNotes' && contact)
      bump(out, contact, s.type === 'ACCPAYCREDIT', -toUnits(s.total ?? '0'));
    else if (s.collection === 'Payments' && s.invoiceId) {
      const on = x.byId.get(s.invoiceId);
      const onContact = on && contactOf(on);
      if (onContact && on.collection === 'Invoices')
        bump(out, onContact, on.type === 'ACCPAY', -toUnits(s.amount ?? '0'));
    }
  }
  return out;
}
