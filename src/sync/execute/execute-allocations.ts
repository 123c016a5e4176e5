/**
 * Allocations of credit notes (FEATURES P5), overpayments and prepayments (P7): taken back
 * (DELETE …/Allocations/{id}) where the PMS changed them, then added (PUT
 * /CreditNotes|Overpayments|Prepayments/{id}/Allocations, all of a credit's in one call).
 *
 * @module
 */
import { createHash } from 'node:crypto';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { attemptGeneration, settleIntent, writeIntent } from '../../store/intents-repo.js';
import { text, messagesOf } from '../../xero/wire.js';
import { parseXeroDate } from '../../xero/xero-dates.js';
import { classifyRefusal } from '../../xero/xero-refusals.js';
import type { Operation } from '../plan/operation.js';
import { doneAllocations } from '../plan/plan-allocations.js';
import { emptyOutcomes, recordOutcomes, succeeded } from './record.js';
import { resolveIntent } from './resolve-intents.js';
import type { RunContext } from './run-context.js';

type AllocateOp = Extract<Operation, { op: 'allocate' }>;

type Done = Record<string, { allocationId: string; amount: string; date: string }>;

export async function executeAllocation(
  rc: RunContext,
  op: AllocateOp,
  state: Record<string, unknown>,
): Promise<void> {
  const done = {
    ...doneAllocations({ xeroId: op.xeroId, pushedHash: null, locked: true, state }),
  };
  await removeAllocations(rc, op, done);
  if (op.add.length === 0) return save(rc, op, state, done);
  const { key, intentId } = await allocationIntent(rc, op);
  const response = await putAllocations(rc, op, key, intentId);
  if (!response) return;
  const answered = response.body?.Allocations ?? [];
  const failures = answered.flatMap((a) => messagesOf(a.ValidationErrors));
  if (response.status !== 200 || failures.length > 0) {
    const reasons = failures.length > 0 ? failures : [JSON.stringify(response.body).slice(0, 300)];
    return recordRefusal(rc, op, reasons, intentId);
  }
  op.add.forEach(
    (a, i) =>
      (done[a.invoiceSourceId] = {
        allocationId: text(answered[i]?.AllocationID),
        amount: String(a.Amount),
        date: parseXeroDate(answered[i]?.Date) ?? a.Date,
      }),
  );
  rc.counts.allocated += op.add.length;
  await save(rc, op, state, done, intentId);
}

/** Takes back the allocations the PMS changed, one DELETE each, and forgets them in `done`. */
async function removeAllocations(rc: RunContext, op: AllocateOp, done: Done): Promise<void> {
  for (const allocationId of op.remove) {
    rc.counts.writeCalls++;
    await rc.api.request({
      tenantId: rc.tenantId,
      method: 'DELETE',
      path: `${op.path}/Allocations/${allocationId}`,
    });
    for (const [invoice, d] of Object.entries(done))
      if (d.allocationId === allocationId) delete done[invoice];
  }
}

/** The intent written before the PUT, and its idempotency key. */
async function allocationIntent(
  rc: RunContext,
  op: AllocateOp,
): Promise<{ key: string; intentId: number }> {
  // Like every push, a repeat on purpose (after the safe path took the allocation back) needs a
  // fresh key, or Xero replays the first answer and allocates nothing (attemptGeneration).
  const generation = await attemptGeneration(rc.db, rc.tenantId, 'allocate-credit-note', {
    ...op.key,
    version: op.version,
    lookup: {},
  });
  const key = `lb-allocate-${createHash('sha256')
    .update(`${rc.tenantId}|${op.xeroId}|${op.version}|${generation}|${JSON.stringify(op.add)}`)
    .digest('hex')
    .slice(0, 48)}`;
  const invoices = JSON.stringify(
    Object.fromEntries(op.add.map((a) => [a.Invoice.InvoiceID, a.invoiceSourceId])),
  );
  const intentId = await writeIntent(rc.db, {
    tenantId: rc.tenantId,
    operation: 'allocate-credit-note',
    idempotencyKey: key,
    documents: [
      { ...op.key, version: op.version, lookup: { path: op.path, xeroId: op.xeroId, invoices } },
    ],
    payloadHash: key,
    runId: rc.runId,
  });
  return { key, intentId };
}

/** The PUT; undefined when its outcome is unknown (the intent is then resolved by lookup). */
async function putAllocations(rc: RunContext, op: AllocateOp, key: string, intentId: number) {
  rc.counts.writeCalls++;
  return rc.api
    .request<{ Allocations?: Record<string, unknown>[] }>({
      tenantId: rc.tenantId,
      method: 'PUT',
      path: `${op.path}/Allocations`,
      query: { summarizeErrors: false },
      body: { Allocations: op.add.map(({ invoiceSourceId: _s, ...a }) => a) },
      idempotencyKey: key,
    })
    .catch(async (error: unknown) => {
      if (!(error instanceof LedgerbridgeError) || error.code !== 'LB_XERO_OUTCOME_UNKNOWN')
        throw error;
      await settleIntent(rc.db, intentId, 'unknown', { error: error.message });
      await resolveIntent(rc, intentId).catch(() => undefined);
      return undefined;
    });
}

async function recordRefusal(
  rc: RunContext,
  op: AllocateOp,
  reasons: string[],
  intentId: number,
): Promise<void> {
  const r = classifyRefusal(reasons);
  rc.counts.rejected++;
  const error = {
    ...op.key,
    tenantId: rc.tenantId,
    code: r.code,
    message: `${op.label}: allocation refused — ${r.message}`,
    xeroMessage: r.xeroMessage,
    fix: r.fix,
  };
  await recordOutcomes(
    rc,
    { ...emptyOutcomes(), errors: [error] },
    { id: intentId, state: 'applied' },
  );
}

async function save(
  rc: RunContext,
  op: AllocateOp,
  state: Record<string, unknown>,
  done: Record<string, unknown>,
  intentId?: number,
): Promise<void> {
  const outcomes = emptyOutcomes();
  succeeded(outcomes, rc, op, op.xeroId, undefined, { ...state, allocations: done }, op.add);
  await recordOutcomes(
    rc,
    outcomes,
    intentId === undefined ? undefined : { id: intentId, state: 'applied' },
  );
}
