/**
 * A payout's figures must agree to the cent: the net is what the bank line shows, and the
 * clearing account returns to zero only if gross − fees = net exactly.
 *
 * @module
 */
import { formatUnits, toUnits } from './decimal.js';
import type { RuleIssue } from './document-rules.js';
import type { PayoutDoc } from './payout.js';

export function payoutIssues(doc: Pick<PayoutDoc, 'gross' | 'fees' | 'net'>): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (toUnits(doc.net) <= 0n)
    issues.push({ field: 'net', value: doc.net, message: 'must be greater than zero' });
  if (toUnits(doc.fees) < 0n)
    issues.push({ field: 'fees', value: doc.fees, message: 'cannot be negative' });
  const expected = toUnits(doc.gross) - toUnits(doc.fees);
  if (expected !== toUnits(doc.net))
    issues.push({
      field: 'net',
      value: doc.net,
      message: `must equal gross − fees (${doc.gross} − ${doc.fees} = ${formatUnits(expected, 2)}) to the cent`,
    });
  return issues;
}
