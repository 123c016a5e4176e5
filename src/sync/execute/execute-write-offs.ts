/**
 * Bad-debt write-offs (FEATURES P9) as Xero credit notes: created in batches through intents and
 * Idempotency-Keys (a lost batch is found again by the Reference "Write-off (ID)" we put on each,
 * resolve-intents.ts), changed or voided once their allocation is taken back — Xero edits and
 * voids only a credit note with nothing allocated (reference/xero-api.md §6, §9). The allocation
 * itself is made by the allocation phase, after the credit note is answered.
 *
 * @module
 */
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { linksFor } from './candidates.js';
import { executeAllocation } from './execute-allocations.js';
import { pushBatches, type BatchSpec } from './push-batch.js';
import type { RunContext } from './run-context.js';

type Write = Extract<Operation, { kind: 'write_off'; op: 'create' | 'update' | 'void' }>;

export async function executeWriteOffs(rc: RunContext, ops: readonly Operation[]): Promise<void> {
  const writes = ops.filter(
    (o): o is Write => o.kind === 'write_off' && ['create', 'update', 'void'].includes(o.op),
  );
  await pushBatches(
    rc,
    writes.filter((w) => w.op === 'create'),
    spec('create', 'PUT', 'created'),
  );
  const changes = writes.filter((w) => w.op !== 'create');
  await takeBackAllocations(rc, changes);
  for (const op of ['update', 'void'] as const)
    await pushBatches(
      rc,
      changes.filter((w) => w.op === op),
      spec(op, 'POST', op === 'void' ? 'voided' : 'updated'),
    );
}

function spec(
  operation: 'create' | 'update' | 'void',
  method: 'PUT' | 'POST',
  counted: BatchSpec<Write>['counted'],
): BatchSpec<Write> {
  return {
    collection: 'CreditNotes',
    method,
    // The same operation names as credit notes: a lost create is looked up the same way.
    operation: `${operation}-credit-notes`,
    counted,
    payload: (w) =>
      w.op === 'void'
        ? { CreditNoteID: w.xeroId, Status: w.status }
        : { ...w.payload, ...(w.xeroId && { CreditNoteID: w.xeroId }) },
    lookup: (w): Record<string, string> =>
      w.op === 'create' ? { Reference: w.payload.Reference ?? '' } : { CreditNoteID: w.xeroId! },
    // Nothing is allocated once this answers: the allocation phase allocates again after it.
    linkState: (w, element) => ({
      xeroStatus: text(element.Status),
      ...(text(element.CurrencyCode) && { currency: text(element.CurrencyCode) }),
      ...(w.op === 'void' && { removed: true }),
    }),
    xeroNumber: (element) => text(element.CreditNoteNumber) || undefined,
  };
}

/**
 * DELETE …/Allocations/{id} for each write-off about to change, recorded on its link at once (so a
 * run that stops here allocates again next time) under the version Xero still holds.
 */
async function takeBackAllocations(rc: RunContext, ops: readonly Write[]): Promise<void> {
  const withAllocations = ops.filter((o) => o.takeBack && o.takeBack.length > 0);
  if (withAllocations.length === 0) return;
  const links = await linksFor(
    rc.db,
    rc.tenantId,
    withAllocations[0]!.key.source,
    'write_off',
    withAllocations.map((o) => o.key.sourceId),
  );
  for (const op of withAllocations) {
    const link = links.get(op.key.sourceId);
    if (!link?.xeroId) continue;
    await executeAllocation(
      rc,
      {
        key: op.key,
        version: link.pushedHash ?? '',
        label: op.label,
        op: 'allocate',
        kind: 'write_off',
        xeroId: link.xeroId,
        path: `/CreditNotes/${link.xeroId}`,
        add: [],
        remove: op.takeBack ?? [],
      },
      { ...link.state },
    );
  }
}
