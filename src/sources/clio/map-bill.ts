/**
 * A Clio bill and its line items → a ledger invoice (sales), tax-exclusive as Clio prices are.
 *
 * - Lines: quantity × `price` (hours for time, units for costs), with the line's own percentage
 *   discount and the bill's percentage discount (on service lines only when
 *   `discount_services_only`) as `discountRate`; a money discount, or rates that do not combine to
 *   2 places, make the line one unit of its discounted amount. A bill's money discount is a
 *   negative line; charged interest an untaxed `interest` line.
 * - `kind`: time entries `time`, hard costs `disbursement`, soft costs `expense`, other lines
 *   `other`; `category`: the activity description's `xero_service_code` or the expense category's
 *   `xero_expense_code` (else its name), which account mappings are keyed by.
 * - The total is Clio's `total` and the tax its `tax_sum`, to the cent: the sync makes Xero's
 *   total equal it.
 * - States map one to one; a deleted bill stays readable in Clio with state `deleted`.
 *
 * @module
 */
import type { SourceRejection } from '../source.js';
import { idOf, type ClioRecord } from './client.js';
import { cents, exact, readMoney } from './money.js';
import type { FirmContext } from './firm-context.js';
import { rejection } from './rejection.js';

export const BILL_FIELDS =
  'id,number,type,state,issued_at,due_at,subject,purchase_order,total,sub_total,tax_sum,tax_rate,secondary_tax_sum,discount,discount_services_only,interest,created_at,updated_at,client,currency';
export const LINE_FIELDS =
  'id,type,kind,description,price,quantity,sub_total,discount,taxable,secondary_taxable,bill,activity{type,activity_description,expense_category}';

const STATES = ['draft', 'awaiting_approval', 'awaiting_payment', 'paid', 'void', 'deleted'];

type Mapped = Record<string, unknown> | SourceRejection;

interface Discount {
  readonly rate: bigint; // units (1/10,000) of a percentage
  readonly money: bigint;
}

function discountOf(value: unknown): Discount | string {
  if (value === null || value === undefined) return { rate: 0n, money: 0n };
  const d = value as { rate?: unknown; type?: unknown };
  const amount = readMoney(d.rate ?? 0, 4);
  if (!amount.ok) return amount.why;
  if (d.type === 'money') return { rate: 0n, money: amount.units };
  if (d.type === 'percentage' || d.type === undefined) return { rate: amount.units, money: 0n };
  return `type ${JSON.stringify(d.type)} is not percentage or money`;
}

export function mapBill(r: ClioRecord, items: readonly ClioRecord[], ctx: FirmContext): Mapped {
  const reject = (field: string, value: unknown, message: string) =>
    rejection('invoice', r, 'bill', field, value, message);
  if (typeof r.state !== 'string' || !STATES.includes(r.state))
    return reject('state', r.state, `is not a Clio bill state (${STATES.join(', ')})`);
  const contactId = idOf(r.client);
  if (!contactId) return reject('client', r.client, 'names no client');
  const currency = ctx.currencies.get(idOf(r.currency) ?? '');
  if (!currency) return reject('currency', r.currency, "is not one of the firm's currencies");
  const total = readMoney(r.total, 2);
  if (!total.ok) return reject('total', r.total, total.why);
  const tax = readMoney(r.tax_sum ?? 0, 2);
  if (!tax.ok) return reject('tax_sum', r.tax_sum, tax.why);
  if (readMoney(r.secondary_tax_sum ?? 0, 2).ok && Number(r.secondary_tax_sum ?? 0) !== 0)
    return reject('secondary_tax_sum', r.secondary_tax_sum, 'secondary taxes are not supported');
  const issued =
    typeof r.issued_at === 'string'
      ? r.issued_at
      : typeof r.created_at === 'string'
        ? r.created_at
        : '';
  if (!/^\d{4}-\d{2}-\d{2}/.test(issued)) return reject('issued_at', r.issued_at, 'is missing');
  const discount = discountOf(r.discount);
  if (typeof discount === 'string') return reject('discount', r.discount, discount);
  const lines: Record<string, unknown>[] = [];
  for (const [i, item] of [...items].sort(byId).entries()) {
    const line = mapLine(item, r, discount, ctx);
    if (typeof line === 'string') return reject(`line_items[${i}]`, item.id, line);
    lines.push(line);
  }
  const extra = extraLines(r, discount);
  if (typeof extra === 'string') return reject('interest', r.interest, extra);
  return {
    kind: 'invoice',
    sourceId: r.id,
    ...(typeof r.number === 'string' && r.number !== '' ? { number: r.number } : {}),
    updatedAt: r.updated_at,
    ...(typeof r.created_at === 'string' ? { createdAt: r.created_at } : {}),
    status: r.state,
    contactId,
    issueDate: issued.slice(0, 10),
    ...(typeof r.due_at === 'string' ? { dueDate: r.due_at.slice(0, 10) } : {}),
    currency,
    lineAmountType: 'exclusive',
    ...(typeof r.subject === 'string' && r.subject !== '' ? { reference: r.subject } : {}),
    lines: [...lines, ...extra],
    total: cents(total.units),
    taxTotal: cents(tax.units),
  };
}

/** The bill's money discount (a negative line) and charged interest (an untaxed line). */
function extraLines(r: ClioRecord, discount: Discount): Record<string, unknown>[] | string {
  const lines: Record<string, unknown>[] = [];
  if (discount.money !== 0n)
    lines.push({
      kind: 'other',
      description: 'Discount',
      quantity: '1',
      unitAmount: cents(-discount.money),
      taxCode: taxCode(r, true),
    });
  const interest = readMoney((r.interest as { total?: unknown } | null)?.total ?? 0, 2);
  if (!interest.ok) return interest.why;
  if (interest.units !== 0n)
    lines.push({
      kind: 'interest',
      description: 'Interest',
      quantity: '1',
      unitAmount: cents(interest.units),
      taxCode: taxCode(r, false),
    });
  return lines;
}

/** Clio taxes a line at the bill's rate when `taxable`: the code names that rate. */
const taxCode = (r: ClioRecord, taxable: boolean): string =>
  taxable ? `Clio tax ${typeof r.tax_rate === 'number' ? r.tax_rate : 0}%` : 'Clio no tax';

function mapLine(
  item: ClioRecord,
  bill: ClioRecord,
  billDiscount: Discount,
  ctx: FirmContext,
): Record<string, unknown> | string {
  if (typeof item.taxable !== 'boolean')
    return `taxable = ${String(item.taxable)}: not true or false`;
  if (item.secondary_taxable === true) return 'is secondarily taxable, which is not supported';
  const description = typeof item.description === 'string' ? item.description.trim() : '';
  if (!description) return 'has no description';
  const price = readMoney(item.price, 4);
  if (!price.ok) return `price = ${String(item.price)}: ${price.why}`;
  const quantity = readMoney(item.quantity, 4);
  if (!quantity.ok) return `quantity = ${String(item.quantity)}: ${quantity.why}`;
  const subTotal = readMoney(item.sub_total, 2);
  if (!subTotal.ok) return `sub_total = ${String(item.sub_total)}: ${subTotal.why}`;
  const own = discountOf(item.discount);
  if (typeof own === 'string') return `discount: ${own}`;
  const billRate =
    item.kind === 'Service' || bill.discount_services_only !== true ? billDiscount.rate : 0n;
  const rate = combined(own.rate, billRate);
  const whole = own.money !== 0n || rate === undefined;
  return {
    id: item.id,
    kind: kindOf(item),
    ...categoryOf(item, ctx),
    description,
    ...(whole
      ? { quantity: '1', unitAmount: cents(discounted(subTotal.units, billRate)) }
      : { quantity: exact(quantity.units), unitAmount: exact(price.units) }),
    ...(!whole && rate !== 0n ? { discountRate: exact(rate) } : {}),
    taxCode: taxCode(bill, item.taxable),
  };
}

const HUNDRED = 1_000_000n; // 100 % in units

/** Two percentage discounts applied in turn as one rate, if it has at most 2 places. */
function combined(a: bigint, b: bigint): bigint | undefined {
  const rate = a + b - (a * b) / HUNDRED;
  return (a * b) % HUNDRED === 0n && rate % 100n === 0n ? rate : undefined;
}

/** `amount` less `rate` percent, rounded to the cent half away from zero. */
function discounted(amount: bigint, rate: bigint): bigint {
  const n = amount * (HUNDRED - rate);
  const cent = 100n * HUNDRED;
  const q = n / cent;
  const r = n % cent;
  return (q + (2n * (r < 0n ? -r : r) >= cent ? (n < 0n ? -1n : 1n) : 0n)) * 100n;
}

function kindOf(item: ClioRecord): string {
  const type = (item.activity as { type?: unknown } | null | undefined)?.type;
  if (type === 'TimeEntry') return 'time';
  if (type === 'HardCostEntry') return 'disbursement';
  if (type === 'SoftCostEntry' || type === 'ExpenseEntry' || item.kind === 'Expense')
    return 'expense';
  return 'other';
}

function categoryOf(item: ClioRecord, ctx: FirmContext): { category?: string } {
  const activity = item.activity as Record<string, unknown> | null | undefined;
  const code =
    ctx.serviceCodes.get(idOf(activity?.activity_description) ?? '') ??
    ctx.expenseCodes.get(idOf(activity?.expense_category) ?? '');
  return code ? { category: code } : {};
}

const byId = (a: ClioRecord, b: ClioRecord): number =>
  a.id.length - b.id.length || a.id.localeCompare(b.id);
