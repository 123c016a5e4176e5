/**
 * The safe path for changing a document that has money applied (FEATURES I6): Xero refuses to
 * edit or void an invoice with payments or credits allocated ("This document cannot be edited as
 * it has a payment or credit note allocated to it.", reference §6). Ledgerbridge removes the
 * payments and allocations it made, lets the change through, and the payment and allocation
 * phases of the same run apply them again — every step recorded in the audit log. A reconciled
 * payment cannot be removed: the document is reported instead.
 *
 * @module
 */
import type { DocumentKey } from '../../ledger/index.js';
import { appendAudit } from '../../store/audit-repo.js';
import { deleteLink } from '../../store/links-repo.js';
import { readByIds } from '../../xero/reader.js';
import type { RunContext } from './run-context.js';

export type Unapplied =
  | { readonly ok: true; readonly removed: number }
  | { readonly ok: false; readonly code: string; readonly message: string; readonly fix: string };

interface Applied {
  payments: { sourceId: string; xeroId: string }[];
  allocations: {
    /** A credit note's, or a write-off's (its credit note, P9). */
    kind: 'credit_note' | 'write_off';
    creditNoteSourceId: string;
    creditNoteXeroId: string;
    allocationId: string;
  }[];
}

/** What Ledgerbridge itself applied to this invoice, from its links. */
async function appliedTo(rc: RunContext, invoice: DocumentKey): Promise<Applied> {
  const payments = await rc.db.query<{ source_id: string; xero_id: string }>(
    "SELECT source_id, xero_id FROM links WHERE tenant_id = $1 AND source = $2 AND kind = 'payment' AND xero_id IS NOT NULL AND state->>'invoiceSourceId' = $3",
    [rc.tenantId, invoice.source, invoice.sourceId],
  );
  const notes = await rc.db.query<{
    kind: 'credit_note' | 'write_off';
    source_id: string;
    xero_id: string;
    allocation_id: string;
  }>(
    `SELECT kind, source_id, xero_id, state->'allocations'->$3->>'allocationId' AS allocation_id FROM links
     WHERE tenant_id = $1 AND source = $2 AND kind IN ('credit_note', 'write_off') AND xero_id IS NOT NULL AND state->'allocations' ? $3`,
    [rc.tenantId, invoice.source, invoice.sourceId],
  );
  return {
    payments: payments.map((p) => ({ sourceId: p.source_id, xeroId: p.xero_id })),
    allocations: notes.map((n) => ({
      kind: n.kind,
      creditNoteSourceId: n.source_id,
      creditNoteXeroId: n.xero_id,
      allocationId: n.allocation_id,
    })),
  };
}

export async function unapplyMoney(rc: RunContext, invoice: DocumentKey): Promise<Unapplied> {
  const applied = await appliedTo(rc, invoice);
  if (applied.payments.length === 0 && applied.allocations.length === 0)
    return { ok: true, removed: 0 };
  const inXero = await readByIds(
    rc.api,
    rc.tenantId,
    'Payments',
    applied.payments.map((p) => p.xeroId),
  );
  const reconciled = inXero.filter((p) => p.IsReconciled === true);
  if (reconciled.length > 0)
    return {
      ok: false,
      code: 'LB_SYNC_PAYMENT_RECONCILED',
      message: `Cannot change it: ${reconciled.length} of its payments ${reconciled.length === 1 ? 'is' : 'are'} reconciled in Xero`,
      fix: 'Unreconcile the payment in Xero (or leave the invoice as it is in Xero), then retry.',
    };
  await removeApplied(rc, invoice, applied);
  await appendAudit(rc.db, [
    {
      action: 'unapply-for-change',
      source: invoice.source,
      kind: invoice.kind,
      sourceId: invoice.sourceId,
      tenantId: rc.tenantId,
      outcome: 'ok',
      detail: {
        payments: applied.payments.map((p) => p.sourceId),
        allocations: applied.allocations.map((a) => a.creditNoteSourceId),
        runId: rc.runId,
      },
    },
  ]);
  return { ok: true, removed: applied.payments.length + applied.allocations.length };
}

/** Deletes the payments and takes back the allocations in Xero, forgetting each on its link. */
async function removeApplied(rc: RunContext, invoice: DocumentKey, applied: Applied) {
  for (const p of applied.payments) {
    rc.counts.writeCalls++;
    await rc.api.request({
      tenantId: rc.tenantId,
      method: 'POST',
      path: `/Payments/${p.xeroId}`,
      body: { Status: 'DELETED' },
      idempotencyKey: `lb-unpay-${p.xeroId}`,
    });
    const payment = { source: invoice.source, kind: 'payment' as const, sourceId: p.sourceId };
    await deleteLink(rc.db, payment, rc.tenantId);
  }
  for (const a of applied.allocations) {
    rc.counts.writeCalls++;
    await rc.api.request({
      tenantId: rc.tenantId,
      method: 'DELETE',
      path: `/CreditNotes/${a.creditNoteXeroId}/Allocations/${a.allocationId}`,
    });
    await rc.db.query(
      "UPDATE links SET state = jsonb_set(state, '{allocations}', (state->'allocations') - $4) WHERE tenant_id = $1 AND source = $2 AND kind = $5 AND source_id = $3",
      [rc.tenantId, invoice.source, a.creditNoteSourceId, invoice.sourceId, a.kind],
    );
  }
}
