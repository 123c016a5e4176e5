/**
 * Rules across fields that a field validator cannot see: a total that contradicts its lines,
 * allocations that exceed the credit, a payment of nothing.
 *
 * @module
 */
import { bankTransactionIssues, bankTransferIssues, journalIssues } from './banking-rules.js';
import { formatUnits, toUnits } from './decimal.js';
import { trustMovementIssues } from './trust-rules.js';
import type { LedgerDocument } from './document.js';
import { lineGrossUnits, linesSubtotalUnits } from './line-amounts.js';
import type { Line } from './line.js';
import type { LineAmountType } from './invoice.js';
import { overpaymentIssues } from './overpayment-rules.js';
import { payoutIssues } from './payout-rules.js';

export interface RuleIssue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** Problems with a field-valid document; empty when it is consistent. */
export function documentRuleIssues(doc: LedgerDocument): RuleIssue[] {
  switch (doc.kind) {
    case 'invoice':
      return [
        ...lineIssues(doc.lines),
        ...totalIssues(doc.lines, doc.lineAmountType, doc.total, doc.taxTotal),
        ...negativeTotal(doc.total, 'a credit note for the amount instead'),
      ];
    case 'credit_note':
      return [
        ...lineIssues(doc.lines),
        ...totalIssues(doc.lines, doc.lineAmountType, doc.total, doc.taxTotal),
        ...negativeTotal(doc.total, 'an invoice for the amount instead'),
        ...allocationIssues(doc.total, doc.allocations),
      ];
    case 'payment':
    case 'refund':
    case 'write_off':
      return toUnits(doc.amount) > 0n
        ? []
        : [{ field: 'amount', value: doc.amount, message: 'must be greater than zero' }];
    case 'bank_transaction':
      return [...lineIssues(doc.lines), ...bankTransactionIssues(doc)];
    case 'bank_transfer':
      return bankTransferIssues(doc);
    case 'journal':
      return journalIssues(doc);
    case 'trust_movement':
      return trustMovementIssues(doc);
    case 'payout':
      return payoutIssues(doc);
    case 'overpayment':
      return overpaymentIssues(doc, allocationIssues(doc.amount, doc.allocations, 'amount'));
    case 'contact':
      return doc.mergedIntoId === doc.sourceId
        ? [
            {
              field: 'mergedIntoId',
              value: doc.mergedIntoId,
              message: 'cannot name the contact itself',
            },
          ]
        : [];
  }
}

/** A discount is a rate of 0–100 % or an amount no larger than the line, never both. */
function lineIssues(lines: readonly Line[]): RuleIssue[] {
  const issues: RuleIssue[] = [];
  lines.forEach((line, i) => {
    const at = `lines[${i}]`;
    if (line.discountRate !== undefined && line.discountAmount !== undefined)
      issues.push({
        field: `${at}.discountAmount`,
        value: line.discountAmount,
        message: 'cannot be given with discountRate: state the discount one way',
      });
    if (line.discountRate !== undefined) {
      const rate = toUnits(line.discountRate);
      if (rate < 0n || rate > 100n * 10_000n)
        issues.push({
          field: `${at}.discountRate`,
          value: line.discountRate,
          message: 'must be between 0 and 100 (a percentage)',
        });
    }
    if (line.discountAmount !== undefined) {
      const amount = toUnits(line.discountAmount);
      const gross = lineGrossUnits(line);
      const abs = gross < 0n ? -gross : gross;
      if (amount < 0n || amount > abs)
        issues.push({
          field: `${at}.discountAmount`,
          value: line.discountAmount,
          message: `must be between 0 and the line's quantity × unit amount (${formatUnits(gross, 2)})`,
        });
    }
  });
  return issues;
}

/**
 * Xero has no negative invoice or credit note (an AUTHORISED −110.00 invoice is money the client
 * never owed): what a PMS shows as a negative bill is a credit.
 */
function negativeTotal(total: string, instead: string): RuleIssue[] {
  return toUnits(total) < 0n
    ? [
        {
          field: 'total',
          value: total,
          message: `is negative, which Xero cannot hold: issue ${instead}, with a positive total`,
        },
      ]
    : [];
}

/**
 * The stated total must agree with the lines to within one cent a line: the PMS may round
 * differently from Xero (that difference is what a rounding line absorbs, FEATURES I8), but a
 * larger gap means the record is wrong. With exclusive amounts and no stated tax total, the
 * tax is unknown here and only the sign is checked.
 */
function totalIssues(
  lines: readonly Line[],
  type: LineAmountType,
  total: string,
  taxTotal: string | undefined,
): RuleIssue[] {
  const subtotal = linesSubtotalUnits(lines);
  const tolerance = BigInt(lines.length) * 100n; // one cent (100 units) per line
  let expected: bigint | undefined;
  if (type === 'exclusive')
    expected = taxTotal === undefined ? undefined : subtotal + toUnits(taxTotal);
  else expected = subtotal;
  if (expected === undefined) return [];
  const gap = toUnits(total) - expected;
  if (gap <= tolerance && gap >= -tolerance) return [];
  return [
    {
      field: 'total',
      value: total,
      message: `does not match the lines, which come to ${formatUnits(expected, 2)}`,
    },
  ];
}

function allocationIssues(
  total: string,
  allocations: readonly { amount: string }[],
  of = "credit note's total",
): RuleIssue[] {
  const issues: RuleIssue[] = [];
  let allocated = 0n;
  allocations.forEach((a, i) => {
    if (toUnits(a.amount) <= 0n)
      issues.push({
        field: `allocations[${i}].amount`,
        value: a.amount,
        message: 'must be greater than zero',
      });
    allocated += toUnits(a.amount);
  });
  if (allocated > toUnits(total))
    issues.push({
      field: 'allocations',
      value: formatUnits(allocated, 2),
      message: `allocate more than the ${of} of ${total}`,
    });
  return issues;
}
