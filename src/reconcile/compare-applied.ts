/**
 * What was applied to an invoice, compared per invoice (pure): each payment's amount and date,
 * and each credit-note allocation's amount and date — not only the totals they leave behind, so a
 * $50 payment moved from 3 May to 30 May, or a credit applied to the wrong invoice, is named.
 *
 * @module
 */
import type { CreditNote, Payment } from '../ledger/index.js';
import { formatUnits, toUnits } from '../ledger/decimal.js';
import type { XeroAllocation, XeroSummary } from './model.js';

const cents = (v: string | undefined) => formatUnits(toUnits(v ?? '0'), 2);

/** A payment's amount and date against Xero's copy: one phrase per field that differs. */
export function paymentEdits(d: Payment, inXero: XeroSummary): string[] {
  const out: string[] = [];
  if (toUnits(d.amount) !== toUnits(inXero.amount ?? '0'))
    out.push(`amount ${cents(d.amount)} in the practice system, ${cents(inXero.amount)} in Xero`);
  if (inXero.date !== undefined && d.date !== inXero.date)
    out.push(`date ${d.date} in the practice system, ${inXero.date} in Xero`);
  return out;
}

export interface AllocationEdit {
  /** "allocation to invoice INV-7: amount 40.00 in the practice system, 25.00 in Xero". */
  readonly detail: string;
  /** The amount at stake: the larger side's amount for a missing one, else the gap. */
  readonly amount: string;
}

/**
 * A credit note's allocations per invoice against Xero's. `invoiceXeroId` maps our invoice's
 * source id to its Xero id; `label` names a Xero invoice id ("invoice INV-7"). Allocations to
 * invoices we never pushed are not compared (the invoice is reported missing on its own).
 */
export function allocationEdits(
  d: CreditNote,
  inXero: XeroSummary,
  invoiceXeroId: ReadonlyMap<string, string>,
  label: (xeroInvoiceId: string) => string,
): AllocationEdit[] {
  const ours = new Map<string, { amount: bigint; dates: Set<string> }>();
  for (const a of d.allocations) {
    const id = invoiceXeroId.get(a.invoiceId);
    if (!id) continue;
    const at = ours.get(id) ?? { amount: 0n, dates: new Set<string>() };
    ours.set(id, { amount: at.amount + toUnits(a.amount), dates: at.dates.add(a.date) });
  }
  const theirs = byInvoice(inXero.allocations ?? []);
  const out: AllocationEdit[] = [];
  for (const id of new Set([...ours.keys(), ...theirs.keys()])) {
    const o = ours.get(id);
    const x = theirs.get(id);
    const on = `allocation to ${label(id)}`;
    const oa = o?.amount ?? 0n;
    const xa = x?.amount ?? 0n;
    if (oa !== xa)
      out.push({
        detail: `${on}: ${formatUnits(oa, 2)} in the practice system, ${formatUnits(xa, 2)} in Xero`,
        amount: formatUnits(oa > xa ? oa - xa : xa - oa, 2),
      });
    else if (o && x && x.dates.size > 0 && !sameSet(o.dates, x.dates))
      out.push({
        detail: `${on}: dated ${[...o.dates].sort().join(', ')} in the practice system, ${[...x.dates].sort().join(', ')} in Xero`,
        amount: '0.00',
      });
  }
  return out;
}

function byInvoice(
  allocations: readonly XeroAllocation[],
): Map<string, { amount: bigint; dates: Set<string> }> {
  const out = new Map<string, { amount: bigint; dates: Set<string> }>();
  for (const a of allocations) {
    const at = out.get(a.invoiceId) ?? { amount: 0n, dates: new Set<string>() };
    if (a.date) at.dates.add(a.date);
    out.set(a.invoiceId, { amount: at.amount + toUnits(a.amount), dates: at.dates });
  }
  return out;
}

const sameSet = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((v) => b.has(v));
