/**
 * An Actionstep bill (bills.yaml: header and totals) with its lines (`billlines`, an assumption:
 * no public spec — docs/sources-actionstep.md) as a ledger sales invoice.
 *
 * - `ourReference` is the number, `theirReference` the reference, `theirParticipant` the contact,
 *   `division` the entity; `totalInclusive` the total and `totalSalesTax` the tax total, as sent,
 *   so Xero's total is made to equal Actionstep's to the cent.
 * - Status: Draft → draft (dated when created until it has an invoice date, as is a voided Draft), Open → awaiting_payment, Closed → paid, Deleted (voided) → void.
 * - Lines are tax-exclusive, each with the sales tax Actionstep computed. A line whose quantity ×
 *   unit price is not its exclusive amount (a time entry billed at a fixed amount, a disbursement
 *   entered tax-inclusive, whose tax was taken out) goes as one unit of its exclusive amount,
 *   keeping the quantity in the description, so the line is what Actionstep charged.
 * - Fee lines (time entries) are `time`, Disbursement lines `disbursement`, Other `other`; the
 *   income account's name is the category the account mapping matches.
 *
 * @module
 */
import { multiplyUnits, toUnits, decimalProblem } from '../../ledger/decimal.js';
import type { ApiRecord, ApiPage } from './collection.js';
import { amount, date, linkId, Problem, recordId, requiredLink, stamp, text } from './fields.js';

const STATUS: Readonly<Record<string, string>> = {
  Draft: 'draft',
  Open: 'awaiting_payment',
  Closed: 'paid',
  Deleted: 'void',
};

const LINE_KIND: Readonly<Record<string, string>> = {
  Fee: 'time',
  Disbursement: 'disbursement',
  Other: 'other',
};

export function billToInvoice(
  bill: ApiRecord,
  lines: readonly ApiRecord[],
  linked: ApiPage['linked'],
): Record<string, unknown> {
  const status = STATUS[String(bill.status)];
  if (!status) throw new Problem('status', bill.status, 'expected Draft, Open, Closed or Deleted');
  const division = linkId(bill, 'division');
  const number = text(bill, 'ourReference');
  const reference = text(bill, 'theirReference');
  const dueDate =
    bill.dueDate === null || bill.dueDate === undefined ? undefined : date(bill, 'dueDate');
  return {
    kind: 'invoice',
    type: 'sales',
    sourceId: recordId(bill),
    updatedAt: stamp(bill, 'modifiedTimestamp'),
    ...(text(bill, 'createdTimestamp') ? { createdAt: stamp(bill, 'createdTimestamp') } : {}),
    ...(division !== undefined ? { entity: division } : {}),
    status,
    ...(number !== undefined ? { number } : {}),
    contactId: requiredLink(bill, 'theirParticipant'),
    issueDate: issueDate(bill, status),
    ...(dueDate !== undefined ? { dueDate } : {}),
    currency: text(bill, 'currency') ?? missing('currency', bill.currency),
    lineAmountType: 'exclusive',
    ...(reference !== undefined ? { reference } : {}),
    lines: lines.map((line, i) => billLine(line, i, linked)),
    total: amount(bill, 'totalInclusive'),
    taxTotal: amount(bill, 'totalSalesTax'),
  };
}

/**
 * A Draft has no invoice date until it is finalised (nor has a Draft voided before that): it takes
 * its creation's date, as the organisation's clock showed it (the timestamp's own date part).
 */
function issueDate(bill: ApiRecord, status: string): string {
  const unfinalised = status === 'draft' || status === 'void';
  if (unfinalised && (bill.invoiceDate === null || bill.invoiceDate === undefined))
    return stamp(bill, 'createdTimestamp').slice(0, 10);
  return date(bill, 'invoiceDate');
}

function billLine(line: ApiRecord, i: number, linked: ApiPage['linked']): Record<string, unknown> {
  const at = (field: string) => `lines[${i}].${field}`;
  const kind = LINE_KIND[String(line.lineType)];
  if (!kind)
    throw new Problem(at('lineType'), line.lineType, 'expected Fee, Disbursement or Other');
  const quantity = lineAmount(line, 'quantity', 4, at);
  const unitPrice = lineAmount(line, 'unitPrice', 4, at);
  const exclusive = lineAmount(line, 'amountExclusive', 2, at);
  const description = text(line, 'description') ?? missing(at('description'), line.description);
  const exact = multiplyUnits(toUnits(quantity), toUnits(unitPrice), 2) === toUnits(exclusive);
  const taxCode = codeOf(linked, 'taxcodes', linkId(line, 'taxCode'), 'code');
  const category = codeOf(linked, 'accounts', linkId(line, 'incomeAccount'), 'name');
  return {
    id: recordId(line),
    kind,
    ...(category !== undefined ? { category } : {}),
    description: exact
      ? description
      : `${description} (${String(quantity)} × ${String(unitPrice)})`,
    quantity: exact ? quantity : '1',
    unitAmount: exact ? unitPrice : exclusive,
    ...(taxCode !== undefined ? { taxCode } : {}),
    taxAmount: lineAmount(line, 'salesTax', 2, at),
  };
}

function lineAmount(
  line: ApiRecord,
  field: string,
  dp: number,
  at: (field: string) => string,
): string | number {
  const value = line[field];
  const problem = decimalProblem(value, dp);
  if (problem) throw new Problem(at(field), value, problem);
  return value as string | number;
}

function codeOf(
  linked: ApiPage['linked'],
  type: string,
  id: string | undefined,
  field: string,
): string | undefined {
  if (id === undefined) return undefined;
  const value = linked.get(type)?.get(id)?.[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

export function missing(field: string, value: unknown): never {
  throw new Problem(field, value, 'is required');
}
