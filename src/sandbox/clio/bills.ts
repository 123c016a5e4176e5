/**
 * A bill's figures and state, derived from its line items and allocations — the one rule every
 * change to a bill goes through, so what the API shows always adds up.
 *
 * Line: `sub_total` = price × quantity (hours for time), less its own `discount` (percentage of
 * the line, or money); `tax` = `tax_rate`% of that when `taxable`; `total` = the two summed.
 * Bill: `sub_total` = Σ line amounts after line discounts, `services_sub_total` the Service lines'
 * part; the bill `discount` {rate, type: percentage|money} applies to the services part when
 * `discount_services_only`, else to the whole; `tax_sum` = `tax_rate`% of the taxable subtotal
 * less the discount's taxable share; `total` = sub_total − discount + tax + interest.total;
 * `paid` / `credits_issued` = the valid allocations whose parent is a Payment / CreditMemo;
 * `due` = `balance` = total − paid − credits_issued. An awaiting-payment bill with nothing due is
 * `paid`; a paid bill owing again (a voided allocation) is `awaiting_payment` again. The split of
 * the discount's tax is the emulator's rule (Clio does not publish one); amounts are JSON
 * numbers as Clio sends them, computed exactly in decimal units (src/ledger/decimal.ts).
 *
 * @module
 */
import { SCALE, divideRounded, formatUnits, multiplyUnits, toUnits } from '../../ledger/decimal.js';
import { unprocessable } from './errors.js';
import type { FirmBooks, Row } from './firm.js';
import type { BillState } from './schema.js';

export const units = (value: unknown): bigint => toUnits(typeof value === 'number' ? value : 0);
export const money = (u: bigint): number => Number(formatUnits(u, 2));

/** `rate` percent of `base`, to the cent. */
export const percentOf = (base: bigint, rate: unknown): bigint =>
  divideRounded(base * units(rate), SCALE * 100n, 2);

export interface Discount {
  rate: number;
  type: 'percentage' | 'money';
  note?: string | null;
}

function discountOf(base: bigint, discount: unknown): bigint {
  const d = discount as Discount | null | undefined;
  if (!d || !d.rate) return 0n;
  return d.type === 'money' ? units(d.rate) : percentOf(base, d.rate);
}

/** A line item's amounts from its price, quantity, discount and the bill's tax rate. */
export function lineAmounts(line: Row, taxRate: number): Record<string, number> {
  const gross = multiplyUnits(units(line.price), units(line.quantity), 2);
  const net = gross - discountOf(gross, line.discount);
  const tax = line.taxable === true ? percentOf(net, taxRate) : 0n;
  return { sub_total: money(net), tax: money(tax), secondary_tax: 0, total: money(net + tax) };
}

const TRANSITIONS: Record<BillState, BillState[]> = {
  draft: ['awaiting_approval', 'awaiting_payment', 'deleted'],
  awaiting_approval: ['draft', 'awaiting_payment', 'deleted'],
  awaiting_payment: ['void', 'paid'],
  paid: [],
  void: [],
  deleted: [],
};

function allocated(
  books: FirmBooks,
  billId: number,
): { paid: bigint; credits: bigint; last?: string } {
  let paid = 0n;
  let credits = 0n;
  let last: string | undefined;
  for (const a of books.linkedTo('allocations', 'bill', billId)) {
    if (a.voided_at) continue;
    const parent = a.parent as { type: string };
    if (parent.type === 'CreditMemo') credits += units(a.amount);
    else paid += units(a.amount);
    if (!last || String(a.date) > last) last = String(a.date);
  }
  return { paid, credits, ...(last ? { last } : {}) };
}

function nextState(state: BillState, due: bigint): BillState {
  if (state === 'awaiting_payment' && due <= 0n) return 'paid';
  if (state === 'paid' && due > 0n) return 'awaiting_payment';
  return state;
}

/** Recomputes every figure of a bill from its lines and allocations, and its state. */
export function recomputeBill(books: FirmBooks, billId: number): Row {
  const bill = books.require('bills', billId);
  const rate = Number(bill.tax_rate ?? 0);
  let sub = 0n;
  let services = 0n;
  let taxable = 0n;
  for (const line of books.linkedTo('line_items', 'bill', billId)) {
    const amounts = lineAmounts(line, rate);
    if (line.sub_total !== amounts.sub_total || line.total !== amounts.total)
      books.update('line_items', line.id, amounts, true);
    const net = units(amounts.sub_total);
    sub += net;
    if (line.kind === 'Service') services += net;
    if (line.taxable === true) taxable += net;
  }
  const base = bill.discount_services_only === true ? services : sub;
  const discount = discountOf(base, bill.discount);
  const discountTaxable = sub === 0n ? 0n : divideRounded(discount * taxable, sub, 2);
  const tax = percentOf(taxable - discountTaxable, rate);
  const interest = units((bill.interest as { total?: number } | null)?.total ?? 0);
  const total = sub - discount + tax + interest;
  const { paid, credits, last } = allocated(books, billId);
  const due = total - paid - credits;
  const state = nextState(bill.state as BillState, due);
  return books.update('bills', billId, {
    sub_total: money(sub),
    services_sub_total: money(services),
    taxable_sub_total: money(taxable),
    tax_sum: money(tax),
    secondary_tax_sum: 0,
    total_tax: money(tax),
    total: money(total),
    paid: money(paid),
    credits_issued: money(credits),
    pending: 0,
    due: money(due),
    balance: money(due),
    state,
    paid_at: state === 'paid' ? (bill.paid_at ?? last ?? null) : null,
    available_state_transitions: TRANSITIONS[state],
    can_update: state === 'draft' || state === 'awaiting_approval',
  });
}

/** DELETE /bills/{id}: a draft or awaiting-approval bill is deleted, an unpaid one voided. */
export function removeBill(books: FirmBooks, billId: number): Row {
  const bill = books.require('bills', billId);
  const state = bill.state as BillState;
  if (allocated(books, billId).paid + allocated(books, billId).credits !== 0n)
    throw unprocessable(`Bill ${billId} has payments or credits recorded; void them first.`);
  if (state === 'draft' || state === 'awaiting_approval') return setState(books, bill, 'deleted');
  if (state === 'awaiting_payment') return setState(books, bill, 'void');
  throw unprocessable(`Bill ${billId} is ${state} and cannot be deleted or voided.`);
}

/** Moves a bill to a state; activities on a deleted or void bill are unbilled again. */
export function setState(books: FirmBooks, bill: Row, state: BillState): Row {
  if (state === 'deleted' || state === 'void')
    for (const a of books.linkedTo('activities', 'bill', bill.id))
      books.update('activities', a.id, { bill: null, billed: false, on_bill: false });
  books.update('bills', bill.id, { state }, true);
  return recomputeBill(books, bill.id);
}
