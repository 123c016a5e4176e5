/**
 * Payments: deletions one call each (Xero deletes a payment by POST /Payments/{id} with Status
 * DELETED; there is no batch delete), edits as delete-and-create, creations in batches.
 *
 * A returned receipt (a bounced cheque, FEATURES P8) is reversed the way Xero documents for a
 * dishonoured payment: the payment is deleted ("Remove & Redo"), which makes the invoice due again;
 * Xero's help says this works on a reconciled payment too (its bank line goes back to Reconcile,
 * where the bounced line and its reversal are matched to each other). If Xero refuses — a payment
 * in a batch deposit, say — the refusal is a sync error naming the fix, never a guess.
 *
 * @module
 */
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { deleteLink } from '../../store/links-repo.js';
import { classifyRefusal } from '../../xero/xero-refusals.js';
import { readByIds } from '../../xero/reader.js';
import { messagesOf, text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { pushBatches } from './push-batch.js';
import { emptyOutcomes, recordOutcomes } from './record.js';
import type { RunContext } from './run-context.js';

type PaymentOp = Extract<Operation, { kind: 'payment'; op: 'create' | 'recreate' | 'delete' }>;
type CreateOp = Extract<PaymentOp, { payload: unknown }>;

export async function executePayments(rc: RunContext, ops: readonly PaymentOp[]): Promise<void> {
  const toCreate: CreateOp[] = ops.filter((op): op is CreateOp => op.op === 'create');
  const deletes = ops.filter((op): op is DeleteOp => op.op !== 'create');
  const reconciled = await reconciledIn(rc, deletes);
  for (const op of deletes)
    await rc.inFlight.submit(async () => {
      const gone = !reconciled.has(op.xeroId) && (await deletePayment(rc, op));
      if (reconciled.has(op.xeroId)) await keepReconciled(rc, op);
      if (gone && op.op === 'recreate') toCreate.push(op);
      else rc.observer.decided?.({ tenantId: rc.tenantId, kind: 'payment', count: 1 });
    });
  // An edited payment is created again only once its old one is gone.
  if (deletes.length > 0) await rc.inFlight.drain();
  toCreate.sort((a, b) => (a.key.sourceId < b.key.sourceId ? -1 : 1)); // batches as the plan made them
  await pushBatches(rc, toCreate, {
    collection: 'Payments',
    method: 'PUT',
    operation: 'create-payments',
    counted: 'created',
    payload: (op) => op.payload as unknown as Record<string, unknown>,
    lookup: (op) => ({
      Reference: op.payload.Reference ?? op.key.sourceId,
      InvoiceID: op.payload.Invoice.InvoiceID,
      invoiceSourceId: op.invoiceKey.sourceId,
    }),
    linkState: (op) => ({ invoiceSourceId: op.invoiceKey.sourceId }),
  });
}

type DeleteOp = Extract<PaymentOp, { xeroId: string }>;

/**
 * Of the payments changed in Xero about to be replaced, those Xero has reconciled (one read, 50 a
 * call): deleting one would undo the bookkeeper's bank match (reference §8: Xero's Remove & Redo
 * sends a reconciled payment's bank line back to Reconcile).
 */
async function reconciledIn(rc: RunContext, ops: readonly DeleteOp[]): Promise<Set<string>> {
  const ids = ops.flatMap((op) => (op.op === 'recreate' && op.unlessReconciled ? [op.xeroId] : []));
  if (ids.length === 0) return new Set();
  const held = await readByIds(rc.api, rc.tenantId, 'Payments', ids);
  return new Set(held.filter((p) => p.IsReconciled === true).map((p) => text(p.PaymentID)));
}

/** Neither deleted nor created again: a sync error says which payment and what to do in Xero. */
async function keepReconciled(rc: RunContext, op: DeleteOp): Promise<void> {
  rc.counts.rejected++;
  const error = {
    ...op.key,
    tenantId: rc.tenantId,
    code: 'LB_SYNC_PAYMENT_RECONCILED',
    message: `${op.label}: changed in Xero and reconciled there, so it was not replaced (nothing was deleted or created)`,
    fix: 'Unreconcile the payment in Xero (its bank account → Account Transactions → Unreconcile), then run `ledgerbridge sync` again; or make the same change in the PMS.',
  };
  await recordOutcomes(rc, { ...emptyOutcomes(), errors: [error] });
}

/** Deletes the Xero payment; true when it is gone (or was already). */
async function deletePayment(rc: RunContext, op: DeleteOp): Promise<boolean> {
  const result = await deleteXeroPayment(rc, op.xeroId);
  if (result === 'unknown') return false; // retried next run
  if (result === 'gone') {
    await recordDeleted(rc, op);
    return true;
  }
  await recordRefusal(rc, op, result.refused);
  return false;
}

/**
 * One payment deleted in Xero (POST /Payments/{id} with Status DELETED; there is no batch delete):
 * gone (also when it already was), refused with Xero's answer, or unknown (Xero's answer lost).
 */
export async function deleteXeroPayment(
  rc: RunContext,
  xeroId: string,
): Promise<'gone' | 'unknown' | { refused: unknown }> {
  rc.counts.writeCalls++;
  const response = await rc.api
    .request<Record<string, unknown>>({
      tenantId: rc.tenantId,
      method: 'POST',
      path: `/Payments/${xeroId}`,
      body: { Status: 'DELETED' },
      // Per run: a refusal (a lock date, say) is replayed for the same key, so a pass after the
      // fix must send a new one; deleting twice is harmless (an already deleted one is "gone").
      idempotencyKey: `lb-delete-payment-${xeroId}-${rc.runId}`,
    })
    .catch((error: unknown) => {
      if (error instanceof LedgerbridgeError && error.code === 'LB_XERO_OUTCOME_UNKNOWN')
        return undefined;
      throw error;
    });
  if (!response) return 'unknown';
  const alreadyGone =
    response.status === 400 &&
    /not of valid status|already.*deleted/i.test(JSON.stringify(response.body));
  if (response.status === 200 || response.status === 404 || alreadyGone) return 'gone';
  return { refused: response.body };
}

async function recordDeleted(rc: RunContext, op: DeleteOp): Promise<void> {
  if (op.op === 'delete') rc.counts.deleted++;
  await deleteLink(rc.db, op.key, rc.tenantId);
  if (op.op !== 'delete') return; // a recreate links the new payment once it is created
  // A deleted payment stays deleted: remember its version so it is not planned again.
  const { source, sourceId } = op.key;
  await recordOutcomes(rc, {
    ...emptyOutcomes(),
    links: [
      {
        ...op.key,
        tenantId: rc.tenantId,
        xeroId: null,
        pushedHash: op.version,
        state: { removed: true },
      },
    ],
    cleared: [op.key],
    audit: [
      {
        action: op.returned ? 'reverse-returned-payment' : 'delete-payment',
        source,
        kind: 'payment',
        sourceId,
        tenantId: rc.tenantId,
        xeroId: op.xeroId,
        outcome: 'ok',
      },
    ],
  });
}

async function recordRefusal(rc: RunContext, op: DeleteOp, answer: unknown): Promise<void> {
  const refusal = refusalOf(answer);
  rc.counts.rejected++;
  const returned = op.op === 'delete' && op.returned === true;
  const error = {
    ...op.key,
    tenantId: rc.tenantId,
    code: returned ? 'LB_SYNC_RETURNED_NOT_REVERSED' : refusal.code,
    message: returned
      ? `${op.label}: returned unpaid in the PMS, but Xero would not delete the payment, so the invoice still shows paid — ${refusal.message}`
      : `${op.label}: Xero would not delete the old payment — ${refusal.message}`,
    xeroMessage: refusal.xeroMessage,
    fix: returned
      ? 'In Xero, open the invoice, click the payment and choose Options → Remove & Redo (remove it from its batch deposit first if it is in one), then run sync again.'
      : refusal.fix,
  };
  await recordOutcomes(rc, { ...emptyOutcomes(), errors: [error] });
}

/** Xero's refusal of a single-payment write, classified (xero-refusals.ts). */
export function refusalOf(answer: unknown): ReturnType<typeof classifyRefusal> {
  const body = (answer ?? {}) as {
    Elements?: { ValidationErrors?: unknown }[];
    Message?: string;
  };
  return classifyRefusal([
    ...messagesOf(body.Elements?.[0]?.ValidationErrors),
    ...(body.Message ? [body.Message] : []),
  ]);
}
