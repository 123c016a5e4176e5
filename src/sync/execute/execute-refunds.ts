/**
 * Refunds (FEATURES P6): created in batches (PUT /Payments against the credit note, overpayment or
 * prepayment) through intents and Idempotency-Keys, a lost answer looked up by the Reference we
 * put on each and the credit it pays (resolve-intents.ts); deleted one call each (POST
 * /Payments/{id} with Status DELETED, as every payment).
 *
 * @module
 */
import type { Operation } from '../plan/operation.js';
import { deleteXeroPayment, refusalOf } from './execute-payments.js';
import { pushBatches } from './push-batch.js';
import { emptyOutcomes, recordOutcomes } from './record.js';
import type { RunContext } from './run-context.js';

type Create = Extract<Operation, { kind: 'refund'; op: 'create' }>;
type Delete = Extract<Operation, { kind: 'refund'; op: 'delete' }>;

export async function executeRefunds(rc: RunContext, ops: readonly Operation[]): Promise<void> {
  const creates = ops.filter((o): o is Create => o.kind === 'refund' && o.op === 'create');
  for (const op of ops.filter((o): o is Delete => o.kind === 'refund' && o.op === 'delete'))
    await rc.inFlight.submit(() => deleteRefund(rc, op));
  await pushBatches(rc, creates, {
    collection: 'Payments',
    method: 'PUT',
    operation: 'create-refunds',
    counted: 'created',
    payload: (op) => ({ ...op.payload }),
    lookup: (op) => ({ Reference: op.payload.Reference, CreditID: op.creditXeroId }),
    linkState: (op) => ({ creditXeroId: op.creditXeroId }),
  });
}

async function deleteRefund(rc: RunContext, op: Delete): Promise<void> {
  const result = await deleteXeroPayment(rc, op.xeroId);
  if (result === 'unknown') return; // planned again next run
  const outcomes = emptyOutcomes();
  if (result === 'gone') {
    rc.counts.deleted++;
    outcomes.links.push({
      ...op.key,
      tenantId: rc.tenantId,
      xeroId: null,
      pushedHash: op.version,
      state: { removed: true },
    });
    outcomes.cleared.push(op.key);
  } else {
    const refusal = refusalOf(result.refused);
    rc.counts.rejected++;
    outcomes.errors.push({
      ...op.key,
      tenantId: rc.tenantId,
      code: refusal.code,
      message: `${op.label}: Xero would not delete the refund — ${refusal.message}`,
      xeroMessage: refusal.xeroMessage,
      fix: refusal.fix,
    });
  }
  await recordOutcomes(rc, outcomes);
}
