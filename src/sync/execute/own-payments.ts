/**
 * Payments found in Xero that no link knows but that carry one of our own References (the PMS
 * payment id, map/references.ts) on one of our invoices. They are ours, never "entered in Xero":
 * two passes at once (before passes held their organisation) each created the same edited
 * payment, and the next pass called the second one a bookkeeper's and kept it for good.
 *
 * - its document has no payment in Xero: the payment is linked to it (adopted), with what Xero
 *   holds, so the planner keeps it when it is what the PMS says and replaces it otherwise — it is
 *   never created a second time;
 * - its document is already linked to another live payment: it is a duplicate, and is deleted.
 *
 * @module
 */
import type { Payment } from '../../ledger/index.js';
import { referenceFor } from '../map/references.js';
import { paymentWire } from '../map/payment-payload.js';
import { payloadHash } from '../plan/payload-hash.js';
import { text } from '../../xero/wire.js';
import { parseXeroDate } from '../../xero/xero-dates.js';
import { deleteXeroPayment, refusalOf } from './execute-payments.js';
import { emptyOutcomes, recordOutcomes, type Outcomes } from './record.js';
import type { RunContext } from './run-context.js';

export type XeroRecord = Record<string, unknown>;

interface OurPayment {
  source_id: string;
  content: Payment;
  invoice_xero_id: string;
  xero_id: string | null;
}

/** What each unlinked live payment is: adopted by, or a duplicate of, one of ours; or not ours. */
export type Ownership =
  | { readonly kind: 'adopt'; readonly sourceId: string; readonly invoiceSourceId: string }
  | { readonly kind: 'duplicate'; readonly sourceId: string; readonly keptXeroId: string }
  | { readonly kind: 'not-ours' };

/** Sorts unlinked live Xero payments on our invoices by ownership (one query a page). */
export async function ownershipOf(
  rc: RunContext,
  source: string,
  payments: readonly XeroRecord[],
): Promise<Map<string, Ownership>> {
  const ours = await paymentsNamedBy(
    rc,
    source,
    payments.flatMap((p) => sourceIdsIn(p)),
  );
  const result = new Map<string, Ownership>();
  const adopted = new Set<string>();
  for (const p of payments) {
    const doc = ours.find(
      (d) => d.invoice_xero_id === invoiceIdOf(p) && referenceFor(d.content) === text(p.Reference),
    );
    const id = text(p.PaymentID);
    if (!doc) result.set(id, { kind: 'not-ours' });
    else if (doc.xero_id || adopted.has(doc.source_id))
      result.set(id, {
        kind: 'duplicate',
        sourceId: doc.source_id,
        keptXeroId: doc.xero_id ?? '(adopted this pass)',
      });
    else {
      adopted.add(doc.source_id);
      result.set(id, {
        kind: 'adopt',
        sourceId: doc.source_id,
        invoiceSourceId: doc.content.invoiceId,
      });
    }
  }
  return result;
}

/**
 * The PMS payment ids a Reference can name (map/references.ts writes "PMS reference (id)" or just
 * the id): the whole text, and the text in its last parentheses.
 */
function sourceIdsIn(p: XeroRecord): string[] {
  const reference = text(p.Reference);
  const inParentheses = /\(([^()]*)\)$/.exec(reference)?.[1];
  return inParentheses ? [reference, inParentheses] : reference ? [reference] : [];
}

/**
 * The link of an adopted payment: Xero's id, and the hash of the payload that would have made the
 * payment as Xero holds it — equal to what the planner builds when the PMS agrees, so the payment
 * is then kept without a call.
 */
export function adopt(
  rc: RunContext,
  source: string,
  p: XeroRecord,
  owner: Extract<Ownership, { kind: 'adopt' }>,
  o: Outcomes,
): void {
  const xeroId = text(p.PaymentID);
  const held = paymentWire({
    invoiceId: invoiceIdOf(p),
    accountCode: text((p.Account as XeroRecord | undefined)?.Code),
    date: parseXeroDate(p.Date) ?? '',
    amount: Number(p.Amount),
    reference: text(p.Reference),
  });
  const key = { source, kind: 'payment' as const, sourceId: owner.sourceId };
  o.links.push({
    ...key,
    tenantId: rc.tenantId,
    xeroId,
    pushedHash: null,
    state: {
      invoiceSourceId: owner.invoiceSourceId,
      payloadHash: payloadHash(held),
      adopted: true,
    },
  });
  o.audit.push({
    action: 'xero-payment-adopted',
    ...key,
    tenantId: rc.tenantId,
    xeroId,
    outcome: 'linked',
    detail: { reference: p.Reference, runId: rc.runId },
  });
}

/**
 * Deletes a second live payment of one PMS payment. Xero may refuse (a reconciled payment cannot
 * be deleted): the document then carries a sync error saying so.
 */
export async function removeDuplicate(
  rc: RunContext,
  source: string,
  p: XeroRecord,
  owner: Extract<Ownership, { kind: 'duplicate' }>,
): Promise<void> {
  const xeroId = text(p.PaymentID);
  const key = { source, kind: 'payment' as const, sourceId: owner.sourceId };
  const result = await deleteXeroPayment(rc, xeroId);
  if (result === 'unknown') return; // still live: seen again next pass
  const o = emptyOutcomes();
  const detail = { keptXeroId: owner.keptXeroId, reference: p.Reference, runId: rc.runId };
  if (result === 'gone') {
    rc.counts.deleted++;
    o.audit.push({
      action: 'duplicate-payment-removed',
      ...key,
      tenantId: rc.tenantId,
      xeroId,
      outcome: 'ok',
      detail,
    });
  } else {
    const refusal = refusalOf(result.refused);
    rc.counts.rejected++;
    o.errors.push({
      ...key,
      tenantId: rc.tenantId,
      code: 'LB_SYNC_DUPLICATE_PAYMENT',
      message: `payment ${owner.sourceId}: Xero holds it twice (${text(p.Amount)} on ${parseXeroDate(p.Date) ?? '?'}, reference ${text(p.Reference)}) and would not delete the second — ${refusal.message}`,
      xeroMessage: refusal.xeroMessage,
      fix: `Delete the second payment in Xero by hand, keeping ${owner.keptXeroId}; ${refusal.fix}`,
      blocks: [],
    });
  }
  await recordOutcomes(rc, o);
}

export function invoiceIdOf(p: XeroRecord): string {
  return text((p.Invoice as XeroRecord | undefined)?.InvoiceID);
}

/** Our payment documents of these ids, with their invoice's Xero id and their own live payment. */
async function paymentsNamedBy(
  rc: RunContext,
  source: string,
  sourceIds: readonly string[],
): Promise<OurPayment[]> {
  if (sourceIds.length === 0) return [];
  return rc.db.query<OurPayment>(
    `SELECT d.source_id, d.content, il.xero_id AS invoice_xero_id,
            CASE WHEN COALESCE((pl.state->>'removed')::boolean, false) THEN NULL ELSE pl.xero_id END AS xero_id
     FROM documents d
     JOIN links il ON il.tenant_id = $1 AND il.source = d.source AND il.kind = 'invoice' AND il.source_id = d.content->>'invoiceId'
     LEFT JOIN links pl ON pl.tenant_id = $1 AND pl.source = d.source AND pl.kind = 'payment' AND pl.source_id = d.source_id
     WHERE d.source = $2 AND d.kind = 'payment' AND d.source_id = ANY($3::text[])`,
    [rc.tenantId, source, [...new Set(sourceIds)]],
  );
}
