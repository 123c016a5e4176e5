/**
 * Planning one overpayment or prepayment (FEATURES P7). Pure. Its allocations are planned apart,
 * once it is in Xero (plan-allocations.ts), like a credit note's.
 *
 * What Xero allows (reference §9, §10): an overpayment is created as a bank transaction of its
 * type and can then only be allocated, refunded or deleted — the Overpayments endpoint takes GET
 * and PUT (allocations) only, and Xero recalculates nothing on an edit of the bank transaction
 * behind it. So:
 * - a change of amount, contact, date or bank account is a sync error with the fix, never a write;
 * - a deletion takes the allocations back first (DELETE …/Allocations/{id}), then deletes the
 *   bank transaction (Status DELETED), which Xero refuses while anything is allocated.
 *
 * @module
 */
import { documentLabel, type OverpaymentDoc } from '../../ledger/index.js';
import { overpaymentPayload } from '../map/overpayment-payload.js';
import type { XeroOverpaymentTransaction } from '../../xero/xero-types.js';
import { payloadHash } from './payload-hash.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { creditPath, doneAllocations } from './plan-allocations.js';
import { unchangedInXero, unseenByXero } from './plan-invoice.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

export interface OverpaymentPlanInput {
  readonly doc: OverpaymentDoc;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  readonly contactLink: LinkInfo | undefined;
}

export function planOverpayment(input: OverpaymentPlanInput, ctx: PlanContext): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: 'overpayment', sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.xeroId ?? undefined;
  if (input.deleted || doc.status !== 'active') {
    if (!linkedId || link?.state.removed === true)
      return skip(base, 'overpayment', 'deleted in the PMS and not in Xero');
    const path = creditPath(doc, link!);
    const takeBack = Object.values(doneAllocations(link)).map(
      (a) => `${path}/Allocations/${a.allocationId}`,
    );
    return {
      ...base,
      op: 'remove',
      kind: 'overpayment',
      xeroId: linkedId,
      status: 'DELETED',
      takeBack,
    };
  }
  const contactId = input.contactLink?.xeroId;
  if (!contactId)
    return reject(base, 'overpayment', {
      code: 'LB_SYNC_BLOCKED',
      message: `Waits on contact ${doc.contactId}, which is not in Xero yet`,
      fix: 'Fix the contact’s own sync error (`ledgerbridge errors`); this overpayment follows on the next run.',
    });
  const built = overpaymentPayload(doc, contactId, ctx.mapping, ctx.settings);
  if (!built.ok) return reject(base, 'overpayment', built);
  const payload = built.payload;
  const notes = built.movedFrom
    ? { notes: [`dated ${payload.Date} instead of ${built.movedFrom} (locked period)`] }
    : {};
  if (!linkedId) return { ...base, ...notes, op: 'create', kind: 'overpayment', payload };
  const changed = differences(link!, payload);
  // A new version that changes only what Xero does not hold (its allocations, a PMS-only field).
  if (
    unseenByXero(link, payload) ||
    link!.state.payloadHash === payloadHash(payload) ||
    changed.length === 0
  )
    return unchangedInXero(base, 'overpayment', link!);
  return reject(base, 'overpayment', {
    code: 'LB_SYNC_OVERPAYMENT_CHANGED',
    message: `changed after it was sent (${changed.join('; ')}), and Xero cannot change an overpayment or prepayment`,
    fix: 'Undo the change in the PMS, or delete this receipt in the PMS and record it again as a new one: Ledgerbridge then deletes it in Xero (taking its allocations back) and creates the new one.',
  });
}

/** What an edit would change, from the summary recorded on the link when it was created. */
function differences(link: LinkInfo, payload: XeroOverpaymentTransaction): string[] {
  const was = link.state as Record<string, unknown>;
  const now: Record<string, string> = {
    date: payload.Date,
    amount: String(payload.LineItems[0]?.UnitAmount ?? ''),
    contact: payload.Contact.ContactID ?? '',
    bankAccount: payload.BankAccount.Code,
    type: payload.Type,
  };
  return Object.entries(now)
    .filter(([field, value]) => typeof was[field] === 'string' && was[field] !== value)
    .map(([field, value]) => `${field} ${String(was[field])} → ${value}`);
}
