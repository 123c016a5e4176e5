/**
 * Bank transactions, transfers and journals (FEATURES B1, B3, B4, B6): creates in batches of
 * `batchSize` (PUT), edits in batches (POST), removals in batches (POST with Status DELETED, or
 * VOIDED for a posted journal, which Xero will not delete). Every batch goes through push-batch:
 * intent first, Idempotency-Key, and a lost answer looked up by the Reference or Narration we put
 * on the documents (bank-payloads.ts; resolve-banking.ts), since Xero has no number of ours to
 * find them by.
 *
 * @module
 */
import { text } from '../../xero/wire.js';
import { bankLinesTotal } from '../map/bank-payloads.js';
import type { Operation } from '../plan/operation.js';
import { pushBatches, type BatchSpec } from './push-batch.js';
import type { RunContext } from './run-context.js';

export type BankingKind = 'bank_transaction' | 'bank_transfer' | 'journal' | 'trust_movement';

/** Kinds Xero holds as bank transactions (trust movements too: trust-payload.ts). */
export const isBankTransactionKind = (kind: string): boolean =>
  kind === 'bank_transaction' || kind === 'trust_movement';
type Write = Extract<
  Operation,
  { kind: BankingKind | 'overpayment'; op: 'create' | 'update' | 'remove' }
>;

export const BANKING_SPECS = {
  bank_transaction: {
    collection: 'BankTransactions',
    idField: 'BankTransactionID',
    plural: 'bank-transactions',
    lookupField: 'Reference',
  },
  bank_transfer: {
    collection: 'BankTransfers',
    idField: 'BankTransferID',
    plural: 'bank-transfers',
    lookupField: 'Reference',
  },
  journal: {
    collection: 'ManualJournals',
    idField: 'ManualJournalID',
    plural: 'manual-journals',
    lookupField: 'Narration',
  },
  trust_movement: {
    collection: 'BankTransactions',
    idField: 'BankTransactionID',
    plural: 'trust-movements',
    lookupField: 'Reference',
  },
} as const;

export async function executeBanking(
  rc: RunContext,
  kind: BankingKind,
  ops: readonly Operation[],
): Promise<void> {
  const writes = ops as readonly Write[];
  const spec = (op: 'create' | 'update' | 'remove'): BatchSpec<Write> =>
    bankingSpec(kind, op === 'create' ? 'PUT' : 'POST', op);
  for (const op of ['create', 'update', 'remove'] as const)
    await pushBatches(
      rc,
      writes.filter((w) => w.op === op),
      spec(op),
    );
}

const COUNTED = { create: 'created', update: 'updated', remove: 'deleted' } as const;

function bankingSpec(
  kind: BankingKind,
  method: 'PUT' | 'POST',
  op: 'create' | 'update' | 'remove',
): BatchSpec<Write> {
  const s = BANKING_SPECS[kind];
  return {
    collection: s.collection,
    method,
    operation: `${op === 'remove' ? 'delete' : op}-${s.plural}`,
    counted: op === 'remove' && kind === 'journal' ? 'voided' : COUNTED[op],
    payload: (w) =>
      'payload' in w
        ? { ...w.payload, ...('xeroId' in w && w.xeroId && { [s.idField]: w.xeroId }) }
        : { [s.idField]: w.xeroId, Status: w.status },
    lookup: (w) =>
      'payload' in w
        ? {
            [s.lookupField]: text((w.payload as unknown as Record<string, unknown>)[s.lookupField]),
          }
        : { [s.idField]: w.xeroId },
    linkState: (w, element) => ({
      xeroStatus: text(element.Status),
      ...(isBankTransactionKind(kind) && { isReconciled: element.IsReconciled === true }),
      ...('payload' in w && summaryOf(w.payload)),
      ...(w.op === 'remove' && { removed: true }),
    }),
  };
}

/**
 * What a later edit is compared with (plan-banking.ts): the type (Xero keeps it as created), and,
 * when Xero has the transaction reconciled, the date and the lines' total as sent.
 */
function summaryOf(payload: object): { date?: string; total?: string; type?: string } {
  const p = payload as {
    Type?: string;
    Date?: string;
    LineItems?: { Quantity: number; UnitAmount: number }[];
  };
  return {
    ...(p.Type && { type: p.Type }),
    ...(p.Date && { date: p.Date }),
    ...(p.LineItems && { total: bankLinesTotal(p.LineItems) }),
  };
}
