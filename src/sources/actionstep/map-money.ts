/**
 * Money applied to bills (Actionstep's `creditnotes`, `receipts` and `receiptallocations`: not in
 * its public docs, assumptions listed in docs/sources-actionstep.md) as ledger credit notes and
 * payments.
 *
 * - A credit note is one line of its exclusive amount with its tax, applied in full to its bill
 *   on its date. Closed → authorised, Deleted → void.
 * - A receipt pays one or more bills through its allocations: one ledger payment per receipt and
 *   bill (`<receipt>-<bill>`, so an allocation edited in place is the same payment with a new
 *   amount), in the bill's currency, dated and referenced as the receipt. A reversed receipt's
 *   payments are deleted.
 *
 * @module
 */
import { decimalProblem, formatUnits, toUnits } from '../../ledger/decimal.js';
import type { SourceDeletion } from '../source.js';
import type { ApiPage, ApiRecord } from './collection.js';
import { missing } from './map-bill.js';
import { amount, date, linkId, Problem, recordId, requiredLink, stamp, text } from './fields.js';

const CREDIT_STATUS: Readonly<Record<string, string>> = { Closed: 'authorised', Deleted: 'void' };

export function creditToCreditNote(
  credit: ApiRecord,
  linked: ApiPage['linked'],
): Record<string, unknown> {
  const status = CREDIT_STATUS[String(credit.status)];
  if (!status) throw new Problem('status', credit.status, 'expected Closed or Deleted');
  const division = linkId(credit, 'division');
  const number = text(credit, 'ourReference');
  const taxId = linkId(credit, 'taxCode');
  const taxCode = taxId === undefined ? undefined : linked.get('taxcodes')?.get(taxId)?.code;
  const creditDate = date(credit, 'creditDate');
  const total = amount(credit, 'totalInclusive');
  return {
    kind: 'credit_note',
    sourceId: recordId(credit),
    updatedAt: stamp(credit, 'modifiedTimestamp'),
    ...(division !== undefined ? { entity: division } : {}),
    status,
    ...(number !== undefined ? { number } : {}),
    contactId: requiredLink(credit, 'theirParticipant'),
    issueDate: creditDate,
    currency: currencyOfBill(linked, requiredLink(credit, 'bill'), 'links.bill'),
    lineAmountType: 'exclusive',
    lines: [
      {
        kind: 'other',
        description: text(credit, 'reason') ?? 'Credit',
        quantity: '1',
        unitAmount: amount(credit, 'totalExclusive'),
        ...(typeof taxCode === 'string' ? { taxCode } : {}),
        taxAmount: amount(credit, 'totalSalesTax'),
      },
    ],
    total,
    taxTotal: amount(credit, 'totalSalesTax'),
    allocations: [{ invoiceId: requiredLink(credit, 'bill'), amount: total, date: creditDate }],
  };
}

export interface ReceiptOutcome {
  readonly payments: Record<string, unknown>[];
  readonly deletions: SourceDeletion[];
}

/** `allocations` are this receipt's, each with its bill in `linked.bills`. */
export function receiptToPayments(
  receipt: ApiRecord,
  allocations: readonly ApiRecord[],
  linked: ApiPage['linked'],
): ReceiptOutcome {
  const id = recordId(receipt);
  const byBill = new Map<string, ApiRecord[]>();
  for (const a of allocations) {
    const bill = requiredLink(a, 'bill');
    byBill.set(bill, [...(byBill.get(bill) ?? []), a]);
  }
  if (receipt.status === 'Reversed')
    return {
      payments: [],
      deletions: [...byBill.keys()].map((bill) => ({ kind: 'payment', sourceId: `${id}-${bill}` })),
    };
  if (receipt.status !== 'Posted')
    throw new Problem('status', receipt.status, 'expected Posted or Reversed');
  const division = linkId(receipt, 'division');
  const reference = text(receipt, 'reference');
  const common = {
    kind: 'payment',
    updatedAt: stamp(receipt, 'modifiedTimestamp'),
    ...(division !== undefined ? { entity: division } : {}),
    method: text(receipt, 'paymentMethod') ?? 'Receipt',
    date: date(receipt, 'receiptDate'),
    ...(reference !== undefined ? { reference } : {}),
  };
  const payments = [...byBill].map(([bill, parts]) => ({
    ...common,
    sourceId: `${id}-${bill}`,
    invoiceId: bill,
    amount: parts.length === 1 ? amount(parts[0]!, 'amount') : sum(parts),
    currency: currencyOfBill(linked, bill, 'links.bill'),
  }));
  return { payments, deletions: [] };
}

/** Two allocations of one receipt to one bill: one payment of their sum, exactly. */
function sum(parts: readonly ApiRecord[]): string {
  let units = 0n;
  for (const part of parts) {
    const value = amount(part, 'amount');
    const problem = decimalProblem(value, 2);
    if (problem) throw new Problem('amount', value, problem);
    units += toUnits(value);
  }
  return formatUnits(units, 2);
}

function currencyOfBill(linked: ApiPage['linked'], billId: string, field: string): string {
  const currency = linked.get('bills')?.get(billId)?.currency;
  if (typeof currency === 'string' && currency !== '') return currency;
  return missing(`${field} (its bill's currency)`, billId);
}
