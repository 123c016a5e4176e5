/**
 * Payouts (FEATURES P10) through the banking path (execute-banking.ts: intents, Idempotency-Keys,
 * a lost batch found again by the Reference we put on each), the fees' Spend Money before the
 * transfer: the payout's own link (the transfer's) is written last, so a payout whose fees did not
 * land stays to be done and is planned again next pass — never a transfer without its fees.
 * What differs is taken down before it is made again, and nothing is made while its old entry may
 * still stand in Xero.
 *
 * @module
 */
import type { Operation } from '../plan/operation.js';
import { FEES_SUFFIX } from '../plan/plan-payout.js';
import type { LinkInfo } from '../plan/plan-input.js';
import { linksFor } from './candidates.js';
import { executeBanking } from './execute-banking.js';
import type { RunContext } from './run-context.js';

type Payout = Extract<Operation, { kind: 'payout'; op: 'create' | 'update' | 'remove' }>;
type Part = 'fees' | 'transfer';

export async function executePayouts(rc: RunContext, ops: readonly Operation[]): Promise<void> {
  let todo = ops.filter((o): o is Payout => o.kind === 'payout' && 'takeDown' in o);
  for (const part of ['fees', 'transfer'] as const) {
    await takeDown(rc, part, todo);
    todo = await settled(rc, part, todo, (op, l) => !op.takeDown[part] || l?.state.removed === true); // prettier-ignore
    await make(rc, part, todo);
    // The transfer waits for its fees; the last part's outcome is waited for by the phase.
    if (part === 'fees')
      todo = await settled(rc, part, todo, (op, l) => !op.make.fees || l?.pushedHash === op.version); // prettier-ignore
  }
}

const keyOf = (op: Payout, part: Part) =>
  part === 'fees' ? { ...op.key, sourceId: `${op.key.sourceId}${FEES_SUFFIX}` } : op.key;

async function takeDown(rc: RunContext, part: Part, ops: readonly Payout[]): Promise<void> {
  const removals = ops.flatMap((op): Operation[] => {
    const xeroId = op.takeDown[part];
    if (!xeroId) return [];
    const version = part === 'transfer' ? op.takeDownVersion : op.version;
    const kind = part === 'fees' ? 'bank_transaction' : 'bank_transfer';
    const label = `${op.label}${part === 'fees' ? ' (fees)' : ''}`;
    return [{ key: keyOf(op, part), version, label, op: 'remove', kind, xeroId, status: 'DELETED' }]; // prettier-ignore
  });
  if (removals.length === 0) return;
  await executeBanking(rc, part === 'fees' ? 'bank_transaction' : 'bank_transfer', removals);
  await rc.inFlight.drain();
}

async function make(rc: RunContext, part: Part, ops: readonly Payout[]): Promise<void> {
  const creates = ops.flatMap((op): Operation[] => {
    const key = keyOf(op, part);
    const base = { key, version: op.version, label: op.label, op: 'create' as const };
    if (part === 'fees')
      return op.make.fees ? [{ ...base, kind: 'bank_transaction', payload: op.make.fees }] : [];
    return op.make.transfer ? [{ ...base, kind: 'bank_transfer', payload: op.make.transfer }] : [];
  });
  await executeBanking(rc, part === 'fees' ? 'bank_transaction' : 'bank_transfer', creates);
}

/** The payouts whose `part` is as `ok` says (read from the links once the calls are answered). */
async function settled(
  rc: RunContext,
  part: Part,
  ops: readonly Payout[],
  ok: (op: Payout, link: LinkInfo | undefined) => boolean,
): Promise<Payout[]> {
  if (ops.length === 0) return [];
  await rc.inFlight.drain();
  const ids = ops.map((op) => keyOf(op, part).sourceId);
  const links = await linksFor(rc.db, rc.tenantId, ops[0]!.key.source, 'payout', ids);
  return ops.filter((op) => ok(op, links.get(keyOf(op, part).sourceId)));
}
