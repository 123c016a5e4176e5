/**
 * Invoices and credit notes: creates in batches, changes (after the safe path when money is
 * applied), voids and deletions.
 *
 * @module
 */
import { text } from '../../xero/wire.js';
import type { Operation } from '../plan/operation.js';
import { pushBatches, type BatchSpec } from './push-batch.js';
import { emptyOutcomes, recordOutcomes } from './record.js';
import type { RunContext } from './run-context.js';
import { unapplyMoney } from './unapply.js';

type Billed = Extract<Operation, { kind: 'invoice' | 'credit_note' }>;
type Write = Extract<Billed, { op: 'create' | 'update' | 'void' | 'delete' }>;

const SPECS = {
  invoice: {
    collection: 'Invoices',
    idField: 'InvoiceID',
    numberField: 'InvoiceNumber',
    plural: 'invoices',
  },
  credit_note: {
    collection: 'CreditNotes',
    idField: 'CreditNoteID',
    numberField: 'CreditNoteNumber',
    plural: 'credit-notes',
  },
} as const;

export async function executeBilled(
  rc: RunContext,
  kind: 'invoice' | 'credit_note',
  ops: readonly Billed[],
): Promise<void> {
  const s = SPECS[kind];
  const base = (
    operation: string,
    method: 'PUT' | 'POST',
    counted: BatchSpec<Write>['counted'],
  ): BatchSpec<Write> => ({
    collection: s.collection,
    method,
    operation: `${operation}-${s.plural}`,
    counted,
    payload: (op) =>
      'payload' in op
        ? { ...op.payload, ...(op.xeroId && { [s.idField]: op.xeroId }) }
        : { [s.idField]: op.xeroId, Status: op.status },
    lookup: (op) => ('payload' in op ? lookupOf(op) : { [s.idField]: op.xeroId }),
    linkState: (op, element) => ({
      xeroStatus: text(element.Status),
      // what a payment on it must be in (plan-payment.ts)
      ...(text(element.CurrencyCode) && { currency: text(element.CurrencyCode) }),
      ...(op.op === 'void' || op.op === 'delete' ? { removed: true } : {}),
    }),
    xeroNumber: (element) => text(element[s.numberField]) || undefined,
  });
  const creates = ops.filter((o): o is Write => o.op === 'create');
  await pushBatches(rc, creates, base('create', 'PUT', 'created'));
  const changes = await throughSafePath(
    rc,
    ops.filter((o): o is Write => o.op === 'update' || o.op === 'void' || o.op === 'delete'),
  );
  await pushBatches(
    rc,
    changes.filter((o) => o.op === 'update'),
    base('update', 'POST', 'updated'),
  );
  await pushBatches(
    rc,
    changes.filter((o) => o.op === 'void'),
    base('void', 'POST', 'voided'),
  );
  await pushBatches(
    rc,
    changes.filter((o) => o.op === 'delete'),
    base('delete', 'POST', 'deleted'),
  );
}

/**
 * What a lost create is looked up by: a sales document's number (Xero keeps those unique), else
 * our Reference. A supplier's bill or credit note is never found by its number: Xero does not keep
 * ACCPAY numbers unique — two suppliers may both send a "1001" — and the other one is not ours.
 */
function lookupOf(op: Extract<Write, { payload: unknown }>): Record<string, string> {
  const p = op.payload as {
    Type?: string;
    InvoiceNumber?: string;
    CreditNoteNumber?: string;
    Reference?: string;
  };
  if (p.Type === 'ACCPAY' || p.Type === 'ACCPAYCREDIT')
    return { Reference: p.Reference ?? op.key.sourceId, Type: p.Type };
  if (p.InvoiceNumber) return { InvoiceNumber: p.InvoiceNumber };
  if (p.CreditNoteNumber) return { CreditNoteNumber: p.CreditNoteNumber };
  return { Reference: p.Reference ?? op.key.sourceId };
}

/** Removes our payments and allocations from invoices about to change; refuses what cannot be. */
async function throughSafePath(rc: RunContext, ops: readonly Write[]): Promise<Write[]> {
  const ready: Write[] = [];
  const outcomes = emptyOutcomes();
  for (const op of ops) {
    if (op.kind !== 'invoice') {
      ready.push(op);
      continue;
    }
    const result = await unapplyMoney(rc, op.key);
    if (result.ok) {
      ready.push(op);
      continue;
    }
    rc.counts.rejected++;
    outcomes.errors.push({
      ...op.key,
      tenantId: rc.tenantId,
      code: result.code,
      message: `${op.label}: ${result.message}`,
      fix: result.fix,
    });
  }
  await recordOutcomes(rc, outcomes);
  return ready;
}
