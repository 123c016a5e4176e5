/**
 * Planning one refund of a credit note or an overpayment (FEATURES P6): a Xero payment against
 * the credit, from the mapped bank account. Like every payment, Xero cannot change one, only
 * delete it (reference §8): an edited refund is a sync error with the fix; a deleted one is
 * deleted. Pure.
 *
 * @module
 */
import { documentLabel, type RefundDoc } from '../../ledger/index.js';
import type { XeroRefund } from '../../xero/xero-types.js';
import { wireNumber } from '../../xero/xero-types.js';
import { documentDate } from '../map/invoice-payload.js';
import { referenceFor } from '../map/references.js';
import { reject, skip, type Operation, type OperationBase } from './operation.js';
import { unseenByXero } from './plan-invoice.js';
import { payloadHash } from './payload-hash.js';
import type { LinkInfo, PlanContext } from './plan-input.js';

export interface RefundPlanInput {
  readonly doc: RefundDoc;
  readonly hash: string;
  readonly deleted: boolean;
  readonly link: LinkInfo | undefined;
  /** The refunded credit note's or overpayment's link. */
  readonly creditLink: LinkInfo | undefined;
}

export function planRefund(input: RefundPlanInput, ctx: PlanContext): Operation {
  const { doc, link } = input;
  const base: OperationBase = {
    key: { source: doc.source, kind: 'refund', sourceId: doc.sourceId },
    version: input.hash,
    label: documentLabel(doc),
  };
  const linkedId = link?.xeroId ?? undefined;
  if (input.deleted || doc.status !== 'active') {
    if (!linkedId) return skip(base, 'refund', 'deleted in the PMS and not in Xero');
    return { ...base, op: 'delete', kind: 'refund', xeroId: linkedId };
  }
  const target = creditTarget(input);
  if (!target)
    return reject(base, 'refund', {
      code: 'LB_SYNC_BLOCKED',
      message: `Waits on ${doc.creditKind.replace('_', ' ')} ${doc.creditId}, which is not in Xero yet`,
      fix: 'Fix that document’s own sync error (`ledgerbridge errors`); this refund follows on the next run.',
    });
  const bank = ctx.mapping.bankAccount(doc.bankAccount);
  if (!bank.ok) return reject(base, 'refund', bank);
  const date = documentDate(doc.date, ctx.mapping, ctx.settings);
  if (!date.ok) return reject(base, 'refund', date);
  const payload: XeroRefund = {
    ...target.ref,
    Account: { Code: bank.value },
    Date: date.value,
    Amount: wireNumber(doc.amount),
    Reference: referenceFor(doc),
  };
  if (!linkedId) return { ...base, op: 'create', kind: 'refund', payload, creditXeroId: target.id };
  if (unseenByXero(link, payload) || link!.state.payloadHash === payloadHash(payload))
    return skip(base, 'refund', 'Xero already holds this version');
  return reject(base, 'refund', {
    code: 'LB_SYNC_REFUND_CHANGED',
    message: 'changed after it was sent, and Xero cannot change a refund (a payment)',
    fix: 'Delete the refund in the PMS and record it again as a new one: Ledgerbridge deletes the old one in Xero and creates the new one.',
  });
}

function creditTarget(
  input: RefundPlanInput,
): { id: string; ref: Pick<XeroRefund, 'CreditNote' | 'Overpayment' | 'Prepayment'> } | undefined {
  const link = input.creditLink;
  if (!link?.xeroId || link.state.removed === true) return undefined;
  if (input.doc.creditKind === 'credit_note')
    return { id: link.xeroId, ref: { CreditNote: { CreditNoteID: link.xeroId } } };
  const id = link.state.prepayId;
  if (typeof id !== 'string' || id === '') return undefined;
  const prepayment = typeof link.state.type === 'string' && link.state.type.endsWith('PREPAYMENT');
  return prepayment
    ? { id, ref: { Prepayment: { PrepaymentID: id } } }
    : { id, ref: { Overpayment: { OverpaymentID: id } } };
}
