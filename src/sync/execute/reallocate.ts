/**
 * A credit note marked by `reconcile fix ID --repush` after it was applied differently in Xero
 * (its link's `reallocate`, reconcile/fix-marks.ts): every allocation Xero holds on it is taken
 * back — the bookkeeper's too, since the practice system says how its credit is applied (P3) —
 * and the source's are made again, through the same take-back-then-PUT step (and intent,
 * Idempotency-Key) as any change of allocations. The link's own record of what was allocated
 * cannot be trusted here: Xero changed it behind it. One read of the credit note (GET
 * /CreditNotes/{id}, whose answer lists its live Allocations with their AllocationID).
 *
 * @module
 */
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { planAllocations, type Credit } from '../plan/plan-allocations.js';
import type { LinkInfo } from '../plan/plan-input.js';
import { executeAllocation } from './execute-allocations.js';
import type { RunContext } from './run-context.js';

type AllocateOp = Extract<Operation, { op: 'allocate' }>;

export const marked = (state: Readonly<Record<string, unknown>>): boolean =>
  state.reallocate === true;

/** Takes back what Xero holds on the credit and makes the source's allocations; clears the mark. */
export async function reallocate(
  rc: RunContext,
  credit: Credit,
  hash: string,
  link: LinkInfo & { readonly xeroId: string },
  invoices: ReadonlyMap<string, LinkInfo>,
  onOperation: (op: Operation) => void,
): Promise<void> {
  const held = await liveAllocationIds(rc, link.xeroId);
  if (held === undefined) return; // not read: the mark stays for the next pass
  const { reallocate: _mark, ...kept } = link.state;
  const state = { ...kept, allocations: {} };
  const fresh = planAllocations(credit, hash, { ...link, state }, invoices);
  const op: AllocateOp = {
    key: { source: credit.source, kind: credit.kind, sourceId: credit.sourceId },
    version: hash,
    label: fresh?.label ?? `${credit.kind} ${credit.sourceId}`,
    op: 'allocate',
    kind: credit.kind,
    xeroId: link.xeroId,
    path: `/CreditNotes/${link.xeroId}`,
    add: fresh?.op === 'allocate' ? fresh.add : [],
    remove: held,
  };
  onOperation(op);
  await executeAllocation(rc, op, state);
}

/** The AllocationIDs Xero holds on the credit note now; undefined when Xero did not answer it. */
async function liveAllocationIds(rc: RunContext, xeroId: string): Promise<string[] | undefined> {
  const response = await rc.api.request<{ CreditNotes?: Record<string, unknown>[] }>({
    tenantId: rc.tenantId,
    method: 'GET',
    path: `/CreditNotes/${xeroId}`,
  });
  const note = response.status === 200 ? response.body?.CreditNotes?.[0] : undefined;
  if (!note) return undefined;
  const allocations = Array.isArray(note.Allocations)
    ? (note.Allocations as Record<string, unknown>[])
    : [];
  return allocations.filter((a) => a.IsDeleted !== true).map((a) => text(a.AllocationID));
}
