/**
 * Cross-field rules for trust movements (trust.ts): a positive amount, the invoice a transfer to
 * office pays, the client ledger a transfer between matters moves to — and nothing that belongs
 * to another type.
 *
 * @module
 */
import { toUnits } from './decimal.js';
import type { RuleIssue } from './document-rules.js';
import type { TrustMovementDoc } from './trust.js';

/** Fields only one type of movement has: the invoice paid, the client ledger moved to. */
const OWN_FIELDS = [
  ['invoiceId', 'to_office', 'it names the invoice the money pays'],
  ['toMatter', 'matter_transfer', 'it names the matter the money moves to'],
  ['toContactId', 'matter_transfer', undefined],
] as const;

export function trustMovementIssues(doc: TrustMovementDoc): RuleIssue[] {
  const issues: RuleIssue[] = [];
  if (toUnits(doc.amount) <= 0n)
    issues.push({ field: 'amount', value: doc.amount, message: 'must be greater than zero' });
  for (const [field, type, why] of OWN_FIELDS) {
    const value = doc[field];
    if (doc.type === type && !value && why)
      issues.push({ field, value, message: `is required on a ${type} movement: ${why}` });
    if (doc.type !== type && value) issues.push(only(field, value, type, doc.type));
  }
  const sameLedger = doc.toMatter === doc.matter && (doc.toContactId ?? doc.contactId) === doc.contactId; // prettier-ignore
  if (doc.type === 'matter_transfer' && sameLedger)
    issues.push({
      field: 'toMatter',
      value: doc.toMatter,
      message:
        'is the same client and matter the money comes from: a transfer moves it between two',
    });
  return issues;
}

function only(field: string, value: string, type: string, was: string): RuleIssue {
  return { field, value, message: `belongs only on a ${type} movement, not a ${was}` };
}
