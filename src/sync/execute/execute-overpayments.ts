/**
 * Overpayments and prepayments (FEATURES P7): created in batches (PUT /BankTransactions with the
 * type RECEIVE-OVERPAYMENT, SPEND-PREPAYMENT …), deleted in batches (POST /BankTransactions with
 * Status DELETED) once their allocations are taken back, one DELETE each (Xero refuses to delete
 * an overpayment that is allocated). Every batch goes through push-batch: intent first,
 * Idempotency-Key, and a lost answer looked up by the description we put on the line
 * (resolve-overpayments.ts).
 *
 * @module
 */
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { pushBatches } from './push-batch.js';
import { overpaymentState } from './resolve-overpayments.js';
import type { RunContext } from './run-context.js';

type Create = Extract<Operation, { kind: 'overpayment'; op: 'create' }>;
type Remove = Extract<Operation, { op: 'remove' }> & { kind: 'overpayment' };

export async function executeOverpayments(
  rc: RunContext,
  ops: readonly Operation[],
): Promise<void> {
  const creates = ops.filter((o): o is Create => o.op === 'create' && o.kind === 'overpayment');
  const removes = ops.filter((o): o is Remove => o.op === 'remove' && o.kind === 'overpayment');
  await pushBatches(rc, creates, {
    collection: 'BankTransactions',
    method: 'PUT',
    operation: 'create-overpayments',
    counted: 'created',
    payload: (op) => ({ ...op.payload }),
    lookup: (op) => ({
      Type: op.payload.Type,
      ContactID: op.payload.Contact.ContactID ?? '',
      Description: op.payload.LineItems[0]?.Description ?? '',
    }),
    linkState: (op, element) => ({
      ...overpaymentState(element),
      date: op.payload.Date,
      amount: String(op.payload.LineItems[0]?.UnitAmount ?? ''),
    }),
  });
  const takeBack = removes.flatMap((op) => op.takeBack ?? []);
  for (const path of takeBack)
    await rc.inFlight.submit(async () => {
      rc.counts.writeCalls++;
      // 404 (already taken back) is as good as 200; a refusal shows in the deletion below.
      await rc.api.request({ tenantId: rc.tenantId, method: 'DELETE', path });
    });
  if (takeBack.length > 0) await rc.inFlight.drain();
  await pushBatches(rc, removes, {
    collection: 'BankTransactions',
    method: 'POST',
    operation: 'delete-overpayments',
    counted: 'deleted',
    payload: (op) => ({ BankTransactionID: op.xeroId, Status: op.status }),
    lookup: (op) => ({ BankTransactionID: op.xeroId }),
    linkState: (_op, element) => ({ xeroStatus: text(element.Status), removed: true }),
  });
}
