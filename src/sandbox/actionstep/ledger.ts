/**
 * Bill arithmetic: line amounts, a bill's totals and what has been paid on it. Each line's sales
 * tax is rounded to the cent and the bill's totals are the sums of its lines (the way Actionstep
 * FAQ's "one cent different" lines arise, pms-apis.md §5.2); a tax-inclusive unit price (a
 * disbursement with unitPriceIncludesTax "T") has its tax taken out of the line. `totalPaid`
 * counts posted receipt allocations and credits (an assumption: the bills spec has no credit
 * total), `totalDue` is what is left, and a finalised bill is Open while something is due and
 * Closed when nothing is (the Draft | Open | Closed | Deleted enum of bills.yaml).
 *
 * @module
 */
import { divideRounded, multiplyUnits, SCALE } from '../../ledger/decimal.js';
import type { Books, StoredRecord } from './books.js';
import { badRequest } from './errors.js';

const HUNDRED = 100n * SCALE;

export interface LineSpec {
  lineType: 'Fee' | 'Disbursement' | 'Other';
  description: string;
  quantity: bigint;
  unitPrice: bigint;
  taxCodeId: number;
  incomeAccountId?: number | undefined;
  priceIncludesTax?: boolean;
  /** A fixed exclusive amount (a time entry's billableAmount) instead of quantity × price. */
  fixedExclusive?: bigint;
  timeEntryId?: number;
  disbursementId?: number;
}

export function taxPercent(books: Books, taxCodeId: number): bigint {
  const code = books.get('taxcodes', taxCodeId);
  if (!code) throw badRequest(`taxcodes ${taxCodeId} does not exist.`);
  return (code.values.percentage as bigint | null) ?? 0n;
}

export function lineAmounts(
  spec: LineSpec,
  percent: bigint,
): { exclusive: bigint; tax: bigint; inclusive: bigint } {
  const gross = spec.fixedExclusive ?? multiplyUnits(spec.quantity, spec.unitPrice, 2);
  if (spec.priceIncludesTax) {
    const tax = divideRounded(gross * percent, HUNDRED + percent, 2);
    return { exclusive: gross - tax, tax, inclusive: gross };
  }
  const tax = divideRounded(gross * percent, HUNDRED, 2);
  return { exclusive: gross, tax, inclusive: gross + tax };
}

export function addLine(books: Books, billId: number, spec: LineSpec): StoredRecord {
  const amounts = lineAmounts(spec, taxPercent(books, spec.taxCodeId));
  return books.create(
    'billlines',
    {
      lineType: spec.lineType,
      description: spec.description,
      quantity: spec.quantity,
      unitPrice: spec.unitPrice,
      amountExclusive: amounts.exclusive,
      salesTax: amounts.tax,
      amountInclusive: amounts.inclusive,
    },
    {
      bill: billId,
      taxCode: spec.taxCodeId,
      incomeAccount: spec.incomeAccountId ?? null,
      timeEntry: spec.timeEntryId ?? null,
      disbursement: spec.disbursementId ?? null,
    },
  );
}

export function linesOf(books: Books, billId: number): StoredRecord[] {
  return books.linkedTo('billlines', 'bill', billId);
}

/** Ids of time entries or disbursements on lines of bills that are not Deleted. */
export function billedIds(books: Books, link: 'timeEntry' | 'disbursement'): Set<number> {
  const ids = new Set<number>();
  for (const line of books.all('billlines')) {
    const bill = books.get('bills', line.links.bill as number);
    const target = line.links[link];
    if (bill && bill.values.status !== 'Deleted' && typeof target === 'number') ids.add(target);
  }
  return ids;
}

/** Receipt allocations (of posted receipts) and credits (not Deleted) applied to a bill. */
export function paidOn(books: Books, billId: number): bigint {
  let paid = 0n;
  for (const a of books.linkedTo('receiptallocations', 'bill', billId)) {
    const receipt = books.get('receipts', a.links.receipt as number);
    if (receipt?.values.status === 'Posted') paid += a.values.amount as bigint;
  }
  for (const c of books.linkedTo('creditnotes', 'bill', billId)) {
    if (c.values.status !== 'Deleted') paid += c.values.totalInclusive as bigint;
  }
  return paid;
}

/** Recomputes a bill's totals and status from its lines and what was applied to it. */
export function recomputeBill(books: Books, bill: StoredRecord): void {
  let exclusive = 0n;
  let tax = 0n;
  for (const line of linesOf(books, bill.id)) {
    exclusive += line.values.amountExclusive as bigint;
    tax += line.values.salesTax as bigint;
  }
  const inclusive = exclusive + tax;
  const paid = paidOn(books, bill.id);
  const status = bill.values.status;
  const next =
    status === 'Draft' || status === 'Deleted'
      ? status
      : inclusive - paid === 0n
        ? 'Closed'
        : 'Open';
  books.update('bills', bill, {
    totalExclusive: exclusive,
    totalSalesTax: tax,
    totalInclusive: inclusive,
    totalPaid: paid,
    totalDue: inclusive - paid,
    status: next,
  });
}

/** What can still be applied to a bill: it must be finalised and not voided. */
export function amountDue(books: Books, bill: StoredRecord): bigint {
  if (bill.values.status !== 'Open' && bill.values.status !== 'Closed')
    throw badRequest(
      `Bill ${bill.id} is ${String(bill.values.status)}; only finalised bills take money.`,
    );
  return bill.values.totalDue as bigint;
}
