/**
 * Cross-field rules for bank transactions, transfers and journals (banking.ts).
 *
 * @module
 */
import { formatUnits, toUnits } from './decimal.js';
import type { BankTransactionDoc, BankTransferDoc, JournalDoc } from './banking.js';
import type { RuleIssue } from './document-rules.js';
import { linesSubtotalUnits } from './line-amounts.js';

/** Xero holds no bank transaction of zero or less: money the other way is the other type. */
export function bankTransactionIssues(doc: BankTransactionDoc): RuleIssue[] {
  const subtotal = linesSubtotalUnits(doc.lines);
  if (subtotal > 0n) return [];
  const other = doc.type === 'spend' ? 'receive' : 'spend';
  return [
    {
      field: 'lines',
      value: formatUnits(subtotal, 2),
      message: `come to ${formatUnits(subtotal, 2)}; the total must be above zero (money the other way is type "${other}")`,
    },
  ];
}

export function bankTransferIssues(doc: BankTransferDoc): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (toUnits(doc.amount) <= 0n)
    issues.push({ field: 'amount', value: doc.amount, message: 'must be greater than zero' });
  if (doc.fromBankAccount === doc.toBankAccount)
    issues.push({
      field: 'toBankAccount',
      value: doc.toBankAccount,
      message: 'is the same account as fromBankAccount: a transfer moves money between two',
    });
  return issues;
}

/**
 * A journal must balance to the cent (debits, positive, equal credits, negative): Xero refuses
 * one that does not ("The total debits must equal the total credits"), so it is refused here,
 * at import, where the PMS can be fixed.
 */
export function journalIssues(doc: JournalDoc): RuleIssue[] {
  const issues: RuleIssue[] = [];
  let sum = 0n;
  doc.lines.forEach((line, i) => {
    sum += toUnits(line.amount);
    if (!line.category && !line.accountCode)
      issues.push({
        field: `lines[${i}]`,
        value: undefined,
        message: 'needs a category (mapped to a Xero account) or an accountCode',
      });
    if (toUnits(line.amount) === 0n)
      issues.push({ field: `lines[${i}].amount`, value: line.amount, message: 'must not be zero' });
  });
  if (sum !== 0n)
    issues.push({
      field: 'lines',
      value: formatUnits(sum, 2),
      message: `do not balance: debits (positive) exceed credits (negative) by ${formatUnits(sum, 2)}; they must sum to 0.00`,
    });
  return issues;
}
