/**
 * Cross-field rules for overpayments and prepayments (overpayment.ts).
 *
 * @module
 */
import { toUnits } from './decimal.js';
import type { RuleIssue } from './document-rules.js';
import type { OverpaymentDoc } from './overpayment.js';

/**
 * More than zero; allocations no more than the amount (`allocationIssues`, passed in); a
 * prepayment names the account its line is coded to (Xero requires one; an overpayment Xero
 * codes to receivables or payables itself, so one given there is refused rather than ignored).
 */
export function overpaymentIssues(
  doc: OverpaymentDoc,
  allocationIssues: readonly RuleIssue[],
): RuleIssue[] {
  const issues: RuleIssue[] = [...allocationIssues];
  if (toUnits(doc.amount) <= 0n)
    issues.push({ field: 'amount', value: doc.amount, message: 'must be greater than zero' });
  const coded = doc.category !== undefined || doc.accountCode !== undefined;
  if (doc.prepayment && !coded)
    issues.push({
      field: 'accountCode',
      value: undefined,
      message: 'a prepayment needs a category (mapped to a Xero account) or an accountCode',
    });
  if (!doc.prepayment && coded)
    issues.push({
      field: doc.accountCode !== undefined ? 'accountCode' : 'category',
      value: doc.accountCode ?? doc.category,
      message:
        'is for prepayments only: Xero codes an overpayment to receivables (payables) itself',
    });
  return issues;
}
