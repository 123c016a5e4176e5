/**
 * What a pass decided, counted without keeping every decision (issue 16: a dry run of 200,000 new
 * documents held all of them — 35 MB of JSON, 511 MB RSS): operations by kind, the Xero write
 * calls they take, and the first `limit` decisions in full for the listing. Pure.
 *
 * @module
 */
import type { Operation } from './plan/operation.js';

export interface PlannedOperation {
  readonly tenantId: string;
  readonly label: string;
  readonly kind: string;
  readonly op: TalliedOp;
  readonly detail?: string;
}

/** The planner's operations, with a refusal that only waits on another document told apart. */
export type TalliedOp = Operation['op'] | 'wait';

/**
 * A document held back only because another is not in Xero yet (LB_SYNC_BLOCKED): nothing is
 * wrong with it, so it is counted as waiting, not refused — in a plan and in a run alike.
 */
export const isWaiting = (op: { readonly code: string }): boolean => op.code === 'LB_SYNC_BLOCKED';

const talliedOp = (op: Operation): TalliedOp =>
  op.op === 'reject' && isWaiting(op) ? 'wait' : op.op;

export interface PlanSummary {
  /** op → kind → how many: { create: { invoice: 1500 }, reject: { payment: 2 }, wait: { payment: 1 } }. */
  readonly operations: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /** The write calls those operations take: batches of `batchSize`, single calls where Xero has no batch. */
  readonly writeCalls: number;
}

export interface PlanTally {
  add(tenantId: string, op: Operation): void;
  summary(tenantId?: string): PlanSummary;
  /** The first decisions, in order, up to the limit. */
  readonly detail: readonly PlannedOperation[];
  /** Decisions beyond the limit, counted only. */
  readonly more: number;
}

export function makePlanTally(batchSize: number, limit: number): PlanTally {
  const byTenant = new Map<string, Map<string, Map<string, number>>>();
  const detail: PlannedOperation[] = [];
  let more = 0;
  return {
    add(tenantId, op) {
      const ops = byTenant.get(tenantId) ?? new Map<string, Map<string, number>>();
      byTenant.set(tenantId, ops);
      const kinds = ops.get(talliedOp(op)) ?? new Map<string, number>();
      ops.set(talliedOp(op), kinds);
      kinds.set(op.kind, (kinds.get(op.kind) ?? 0) + 1);
      if (detail.length < limit) detail.push(planned(tenantId, op));
      else more++;
    },
    summary(tenantId) {
      const merged = new Map<string, Map<string, number>>();
      for (const [t, ops] of byTenant)
        if (!tenantId || t === tenantId)
          for (const [op, kinds] of ops)
            for (const [kind, n] of kinds) {
              const m = merged.get(op) ?? new Map<string, number>();
              merged.set(op, m.set(kind, (m.get(kind) ?? 0) + n));
            }
      const operations = Object.fromEntries(
        [...merged].map(([op, kinds]) => [op, Object.fromEntries(kinds)]),
      );
      return { operations, writeCalls: writeCalls(operations, batchSize) };
    },
    detail,
    get more() {
      return more;
    },
  };
}

/** Kinds whose writes Xero takes in batches (bank transactions, transfers and journals too). */
const BATCHED_KINDS = [
  'contact',
  'invoice',
  'credit_note',
  'bank_transaction',
  'bank_transfer',
  'journal',
  'trust_movement',
  'overpayment',
  'refund',
  'write_off',
] as const;

/**
 * Creates, updates, voids, deletions and removals go 50 to a call; a payment's deletion is a call of its own
 * (Xero has no batch delete) and an edited payment is a deletion plus a place in a create batch; a
 * credit note's allocations are one call.
 */
function writeCalls(
  operations: Readonly<Record<string, Readonly<Record<string, number>>>>,
  batchSize: number,
): number {
  const n = (op: string, kind: string) => operations[op]?.[kind] ?? 0;
  let calls = 0;
  for (const op of ['create', 'update', 'void', 'delete', 'remove'])
    for (const kind of BATCHED_KINDS) calls += Math.ceil(n(op, kind) / batchSize);
  calls += n('delete', 'payment') + n('recreate', 'payment');
  calls += Math.ceil((n('create', 'payment') + n('recreate', 'payment')) / batchSize);
  calls += Object.values(operations.allocate ?? {}).reduce((a, b) => a + b, 0);
  // A payout is two entries (fees, transfer), each taken down before it is made again on an edit.
  const payouts = (op: string, batches: number) => batches * Math.ceil(n(op, 'payout') / batchSize);
  calls += payouts('create', 2) + payouts('update', 4) + payouts('remove', 2);
  return calls;
}

function planned(tenantId: string, op: Operation): PlannedOperation {
  const detail =
    op.op === 'skip'
      ? op.reason
      : op.op === 'reject'
        ? `${op.code}: ${op.message}`
        : op.notes?.join('; ');
  return { tenantId, label: op.label, kind: op.kind, op: talliedOp(op), ...(detail && { detail }) };
}
