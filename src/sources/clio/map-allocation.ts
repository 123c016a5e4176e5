/**
 * Clio allocations (a Payment's or CreditMemo's share of one bill) → ledger payments.
 *
 * A ledger payment is one Payment's allocation to one bill: source id `<payment id>-<bill id>`.
 * Clio edits a payment by voiding its allocation and recording a new one under the same Payment
 * (`voided_at` set, `status=invalid`), so the live allocation, when there is one, is that ledger
 * payment's new content (one edit, not a delete and an add); a voided allocation with no live
 * successor is the payment's deletion. CreditMemo allocations belong to the credit note
 * (map-credit-memo.ts).
 *
 * @module
 */
import type { SourceDeletion, SourceRejection } from '../source.js';
import { idOf, type ClioRecord } from './client.js';
import type { FirmContext } from './firm-context.js';
import { cents, readMoney } from './money.js';
import { rejection } from './rejection.js';

export const ALLOCATION_FIELDS =
  'id,date,amount,voided_at,description,payment_type,created_at,updated_at,parent,bill{id,currency}';

/** Every Clio payment is reconciled through this method's account unless mapped otherwise. */
export const PAYMENT_METHOD = 'clio';

export const paymentId = (allocation: ClioRecord): string =>
  `${idOf(allocation.parent) ?? ''}-${idOf(allocation.bill) ?? ''}`;

export const parentType = (allocation: ClioRecord): unknown =>
  (allocation.parent as { type?: unknown } | null | undefined)?.type;

export const isVoided = (allocation: ClioRecord): boolean =>
  allocation.voided_at !== null && allocation.voided_at !== undefined;

export function mapPayment(
  a: ClioRecord,
  ctx: FirmContext,
): Record<string, unknown> | SourceRejection {
  const reject = (field: string, value: unknown, message: string) =>
    rejection('payment', { ...a, id: paymentId(a) }, 'payment', field, value, message);
  const invoiceId = idOf(a.bill);
  if (!invoiceId || !idOf(a.parent)) return reject('bill', a.bill, 'names no bill or payment');
  const amount = readMoney(a.amount, 2);
  if (!amount.ok) return reject('amount', a.amount, amount.why);
  const currency = ctx.currencies.get(idOf((a.bill as { currency?: unknown }).currency) ?? '');
  if (!currency) return reject('bill.currency', a.bill, "is not one of the firm's currencies");
  if (typeof a.date !== 'string') return reject('date', a.date, 'is missing');
  return {
    kind: 'payment',
    sourceId: paymentId(a),
    updatedAt: a.updated_at,
    invoiceId,
    method: PAYMENT_METHOD,
    date: a.date.slice(0, 10),
    amount: cents(amount.units),
    currency,
    reference: `Clio payment ${idOf(a.parent)}`,
  };
}

export interface MappedAllocations {
  readonly documents: unknown[];
  readonly deletions: SourceDeletion[];
  readonly rejections: SourceRejection[];
}

/**
 * Payment allocations → payments; `live` answers a voided allocation's live successor under the
 * same Payment and bill (read from Clio when not on the page).
 */
export async function mapPaymentAllocations(
  allocations: readonly ClioRecord[],
  ctx: FirmContext,
  live: (voided: ClioRecord) => Promise<ClioRecord | undefined>,
): Promise<MappedAllocations> {
  const out: MappedAllocations = { documents: [], deletions: [], rejections: [] };
  const current = new Map<string, ClioRecord>();
  for (const a of allocations) if (!isVoided(a)) current.set(paymentId(a), a);
  const done = new Set<string>();
  for (const a of allocations) {
    const id = paymentId(a);
    if (done.has(id)) continue;
    done.add(id);
    const successor = current.get(id) ?? (isVoided(a) ? await live(a) : a);
    if (!successor) {
      out.deletions.push({ kind: 'payment', sourceId: id });
      continue;
    }
    const mapped = mapPayment(successor, ctx);
    if ('message' in mapped) out.rejections.push(mapped as SourceRejection);
    else out.documents.push(mapped);
  }
  return out;
}
