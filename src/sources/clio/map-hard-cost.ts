/**
 * A Clio hard cost (an activity of type HardCostEntry: money the firm paid out for a matter, e.g.
 * a court filing fee, often by cheque) → a ledger `bank_transaction` of type `spend`: Spend Money
 * from the firm's operating account (ledger name `operating`, `map bank-account operating CODE`)
 * to the vendor, one `disbursement` line whose category is the expense category's name (so the
 * outlay maps to an expense or recoverable account apart from the bill's revenue line), the
 * cheque number (`reference`) as its reference.
 *
 * Assumptions where Clio's docs are silent: a hard cost with no `vendor` was not paid to anyone
 * Clio knows (petty cash, a card) and is not sent — Xero needs a contact on Spend Money; Clio
 * records the price billed, not the GST paid on the outlay, so the line carries no tax.
 *
 * @module
 */
import type { SourceRejection } from '../source.js';
import { idOf, type ClioRecord } from './client.js';
import type { FirmContext } from './firm-context.js';
import { cents, readMoney } from './money.js';
import { rejection } from './rejection.js';

export const HARD_COST_FIELDS =
  'id,type,date,note,reference,total,created_at,updated_at,currency,vendor{id},matter{id,display_number},expense_category{id,name}';

/** The ledger's name for the account Clio's hard costs are paid from. */
export const OPERATING_ACCOUNT = 'operating';

/** Undefined for an activity that is not a hard cost paid to a vendor. */
export function mapHardCost(
  r: ClioRecord,
  ctx: FirmContext,
): Record<string, unknown> | SourceRejection | undefined {
  const vendor = idOf(r.vendor);
  if (r.type !== 'HardCostEntry' || !vendor) return undefined;
  const reject = (field: string, value: unknown, message: string) =>
    rejection('bank_transaction', r, 'hard cost', field, value, message);
  const total = readMoney(r.total, 2);
  if (!total.ok) return reject('total', r.total, total.why);
  if (total.units <= 0n) return reject('total', r.total, 'must be more than zero');
  if (typeof r.date !== 'string') return reject('date', r.date, 'is missing');
  const currency = ctx.currencies.get(idOf(r.currency) ?? '');
  if (!currency) return reject('currency', r.currency, "is not one of the firm's currencies");
  const category = r.expense_category as { name?: unknown } | null | undefined;
  const matter = r.matter as { display_number?: unknown } | null | undefined;
  const note = typeof r.note === 'string' && r.note.trim() ? r.note.trim() : 'Disbursement';
  const onMatter = typeof matter?.display_number === 'string' ? `, matter ${matter.display_number}` : ''; // prettier-ignore
  return {
    kind: 'bank_transaction',
    sourceId: r.id,
    updatedAt: r.updated_at,
    type: 'spend',
    bankAccount: OPERATING_ACCOUNT,
    contactId: vendor,
    date: r.date.slice(0, 10),
    currency,
    lineAmountType: 'no_tax',
    ...(typeof r.reference === 'string' && r.reference.trim()
      ? { reference: r.reference.trim().slice(0, 255) }
      : {}),
    lines: [
      {
        kind: 'disbursement',
        ...(typeof category?.name === 'string' ? { category: category.name } : {}),
        description: `${note}${onMatter}`.slice(0, 4000),
        quantity: '1',
        unitAmount: cents(total.units),
      },
    ],
  };
}
