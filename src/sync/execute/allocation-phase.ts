/**
 * Credit-note allocations (FEATURES P5): made for credit notes in Xero whose allocations differ
 * from the PMS's, and made again for one `reconcile fix --repush` marked (reallocate.ts); and a
 * credit note whose allocation waits on an invoice not in Xero (refused, or waiting itself) is
 * listed with the invoice named — a sync error, and a refusal in a dry run — rather than waiting
 * unseen.
 *
 * @module
 */
import {
  documentLabel,
  type CreditNote,
  type OverpaymentDoc,
  type WriteOffDoc,
} from '../../ledger/index.js';
import type { Credit } from '../plan/plan-allocations.js';
import type { Operation } from '../plan/operation.js';
import {
  asCredit,
  heldAllocations,
  planAllocations,
  waitingInvoiceIds,
} from '../plan/plan-allocations.js';
import type { LinkInfo } from '../plan/plan-input.js';
import type { Candidate } from './candidates.js';
import { recordDecisions } from './decisions.js';
import { executeAllocation } from './execute-allocations.js';
import { marked, reallocate } from './reallocate.js';
import type { Dependencies, PhaseScope } from './phases.js';
import type { RunContext } from './run-context.js';

/**
 * Credit notes (or overpayments and prepayments) in Xero with allocations to make, change, or
 * waiting on an invoice.
 */
export async function allocationPhase(
  rc: RunContext,
  scope: PhaseScope,
  dependencies: Dependencies,
  kind: Credit['kind'] = 'credit_note',
): Promise<void> {
  const rows = await rc.db.query<{
    content: CreditNote | OverpaymentDoc | WriteOffDoc;
    hash: string;
    xero_id: string;
    pushed_hash: string | null;
    state: Record<string, unknown>;
  }>(
    `SELECT d.content, d.hash, l.xero_id, l.pushed_hash, l.state FROM documents d
     JOIN links l ON l.source = d.source AND l.kind = d.kind AND l.source_id = d.source_id AND l.tenant_id = $1
     WHERE d.source = $2 AND d.kind = $4 AND d.entity = ANY($3::text[]) AND d.deleted_at IS NULL AND l.xero_id IS NOT NULL
       AND (d.kind = 'write_off' OR jsonb_array_length(d.content->'allocations') > 0 OR l.state ? 'allocations')`,
    [rc.tenantId, scope.source, scope.entities, kind],
  );
  for (const found of rows) {
    const row = { ...found, content: asCredit(found.content) };
    const link: LinkInfo = {
      xeroId: row.xero_id,
      pushedHash: row.pushed_hash,
      locked: true,
      state: row.state,
    };
    const ids = row.content.allocations.map((a) => a.invoiceId);
    const invoices = await dependencies('invoice', ids);
    const held = await heldBy(rc, scope, row.content, row.hash, invoices);
    // A dry run lists what waits; what it would allocate is not planned (nothing is in Xero yet).
    if (scope.dryRun) {
      if (held) scope.onOperation(held);
      continue;
    }
    const op = planAllocations(row.content, row.hash, link, invoices);
    if (kind === 'credit_note' && marked(row.state)) {
      const fixed = { ...link, xeroId: row.xero_id };
      await rc.inFlight.submit(() =>
        reallocate(rc, row.content, row.hash, fixed, invoices, scope.onOperation),
      );
    } else if (op && op.op === 'allocate') {
      scope.onOperation(op);
      await rc.inFlight.submit(() => executeAllocation(rc, op, row.state));
    }
    if (held) {
      scope.onOperation(held);
      await recordDecisions(rc, [], [held]);
    }
  }
}

/** A dry run's new credit notes (not in Xero yet, so not above) whose allocations would wait. */
export async function heldNewCreditNotes(
  rc: RunContext,
  scope: PhaseScope,
  dependencies: Dependencies,
  page: readonly Candidate[],
  ops: readonly Operation[],
): Promise<void> {
  for (const [i, op] of ops.entries()) {
    if (op.op !== 'create') continue;
    const doc = page[i]!.document as CreditNote;
    const invoices = await dependencies(
      'invoice',
      doc.allocations.map((a) => a.invoiceId),
    );
    const held = await heldBy(rc, scope, doc, page[i]!.hash, invoices);
    if (held) scope.onOperation(held);
  }
}

async function heldBy(
  rc: RunContext,
  scope: PhaseScope,
  doc: Credit,
  hash: string,
  invoices: ReadonlyMap<string, LinkInfo>,
): Promise<Extract<Operation, { op: 'reject' }> | undefined> {
  const waiting = waitingInvoiceIds(doc, invoices);
  if (waiting.length === 0) return undefined;
  return heldAllocations(doc, hash, waiting, await invoiceLabels(rc, scope.source, waiting));
}

/** "invoice INV-1001 (source id INV-ID-77)" for each invoice, by its document in the store. */
async function invoiceLabels(
  rc: RunContext,
  source: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await rc.db.query<{ source_id: string; number: string | null }>(
    "SELECT source_id, content->>'number' AS number FROM documents WHERE source = $1 AND kind = 'invoice' AND source_id = ANY($2::text[])",
    [source, ids],
  );
  return new Map(
    rows.map((r) => [
      r.source_id,
      documentLabel({ kind: 'invoice', sourceId: r.source_id, number: r.number ?? undefined }),
    ]),
  );
}
