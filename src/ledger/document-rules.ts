/**
 * Rules across fields that a field validator cannot see: a total that contradicts its lines,
 * allocations that exceed the credit, a payment of nothing.
 *
 * @module
 */
import { formatUnits, toUnits } from './decimal.js';
import type { LedgerDocument } from './document.js';
import { linesSubtotalUnits } from './line-amounts.js';
import type { Line } from './line.js';
import type { LineAmountType } from './invoice.js';

export interface RuleIssue {
  readonly field: string;
  readonly value: unknown;
  readonly message: string;
}

/** Problems with a field-valid document; empty when it is consistent. */
export function documentRuleIssues(doc: LedgerDocument): RuleIssue[] {
  switch (doc.kind) {
    case 'invoice':
      return totalIssues(doc.lines, doc.lineAmountType, doc.total, doc.taxTotal);
    case 'credit_note':
      return [
        ...totalIssues(doc.lines, doc.lineAmountType, doc.total, doc.taxTotal),
        ...allocationIssues(doc.total, doc.allocations),
      ];
    case 'payment':
      return toUnits(doc.amount) > 0n
        ? []
        : [{ field: 'amount', value: doc.amount, message: 'must be greater than zero' }];
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

function allocationIssues(total: string, allocations: readonly { amount: string }[]): RuleIssue[] {
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
      message: `allocate more than the credit note's total of ${total}`,
    });
  return issues;
}
