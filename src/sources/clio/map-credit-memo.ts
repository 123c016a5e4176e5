/**
 * A Clio credit memo → a ledger credit note of one untaxed line (Clio records a memo as an amount,
 * not lines), with its live allocations to bills; a voided memo → a void credit note.
 *
 * @module
 */
import type { SourceRejection } from '../source.js';
import { idOf, type ClioRecord } from './client.js';
import type { FirmContext } from './firm-context.js';
import { cents, readMoney } from './money.js';
import { rejection } from './rejection.js';

export const CREDIT_MEMO_FIELDS =
  'id,date,amount,description,voided_at,created_at,updated_at,contact{id,currency},allocations{id,date,amount,voided_at,bill}';

export function mapCreditMemo(
  r: ClioRecord,
  ctx: FirmContext,
): Record<string, unknown> | SourceRejection {
  const reject = (field: string, value: unknown, message: string) =>
    rejection('credit_note', r, 'credit memo', field, value, message);
  const contactId = idOf(r.contact);
  if (!contactId) return reject('contact', r.contact, 'names no contact');
  const amount = readMoney(r.amount, 2);
  if (!amount.ok) return reject('amount', r.amount, amount.why);
  if (typeof r.date !== 'string') return reject('date', r.date, 'is missing');
  const currency =
    ctx.currencies.get(idOf((r.contact as { currency?: unknown }).currency) ?? '') ??
    (ctx.currencies.size === 1 ? [...ctx.currencies.values()][0] : undefined);
  if (!currency)
    return reject('contact.currency', r.contact, "is not one of the firm's currencies");
  const allocations: Record<string, unknown>[] = [];
  const listed = Array.isArray(r.allocations) ? (r.allocations as ClioRecord[]) : [];
  for (const [i, a] of listed.entries()) {
    if (a.voided_at !== null && a.voided_at !== undefined) continue;
    const share = readMoney(a.amount, 2);
    if (!share.ok) return reject(`allocations[${i}].amount`, a.amount, share.why);
    allocations.push({
      invoiceId: idOf(a.bill) ?? '',
      amount: cents(share.units),
      ...(typeof a.date === 'string' ? { date: a.date.slice(0, 10) } : {}),
    });
  }
  const description = typeof r.description === 'string' && r.description.trim();
  return {
    kind: 'credit_note',
    sourceId: r.id,
    updatedAt: r.updated_at,
    ...(typeof r.created_at === 'string' ? { createdAt: r.created_at } : {}),
    status: r.voided_at ? 'void' : 'authorised',
    contactId,
    issueDate: r.date.slice(0, 10),
    currency,
    lineAmountType: 'no_tax',
    lines: [
      {
        kind: 'other',
        description: description || 'Credit',
        quantity: '1',
        unitAmount: cents(amount.units),
      },
    ],
    total: cents(amount.units),
    ...(allocations.length > 0 && !r.voided_at ? { allocations } : {}),
  };
}
