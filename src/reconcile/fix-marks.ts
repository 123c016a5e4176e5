/**
 * How `reconcile fix ID --repush|--remove` marks our document for the next sync, per kind of
 * difference. Most are unlocked (as `ledgerbridge unlock` does): the sync plans them again and
 * pushes the source's version, or removes what we created. Two need more, because Xero cannot
 * edit what changed (reference/xero-api.md §6, §8):
 *
 * - a payment changed in Xero: the link points at the payment Xero holds for ours now (the same
 *   one, or the one entered again in its place, reentered.ts) and is unlocked, so the sync's
 *   payment phase deletes that one and creates the source's through the exactly-once path
 *   (intents, Idempotency-Key) — the way it replaces a payment edited in the PMS. A payment
 *   reconciled in Xero is refused here, before anything is marked;
 * - a credit note applied differently in Xero: its link is marked `reallocate`, so the sync's
 *   allocation phase takes back every allocation Xero holds on it and makes the source's again
 *   (sync/execute/reallocate.ts). The credit note itself is not unlocked: Xero will not edit an
 *   allocated credit note, and its content is not what differs.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { DocumentKey } from '../ledger/index.js';
import type { Database } from '../store/database.js';
import { deleteUnpushedLinks, markLink, unlockLink } from '../store/links-repo.js';
import { findXeroCopy } from '../store/reconcile-repo.js';
import { dayOf } from './explain.js';
import type { Difference, XeroSummary } from './model.js';

export interface FixTarget {
  readonly db: Database;
  readonly tenantId: string;
  readonly key: DocumentKey;
  readonly difference: Difference;
}

/** Marks the document so the next sync pass applies the fix. */
export async function markForFix(t: FixTarget): Promise<void> {
  if (t.difference.kind === 'payment_changed') return markPayment(t);
  if (t.difference.kind === 'allocation_changed')
    return markLink(t.db, t.key, t.tenantId, { state: { reallocate: true } });
  // A document never linked (missing in Xero) has a link without a Xero id, or none: both are
  // planned again once the link is gone or unlocked.
  await t.db.transaction(async (tx) => {
    await deleteUnpushedLinks(tx, t.key);
    await unlockLink(tx, t.key);
  });
}

async function markPayment(t: FixTarget): Promise<void> {
  const held = t.difference.document.xeroId;
  if (!held)
    throw new LedgerbridgeError(
      'LB_RECONCILE_FIX_NOT_OFFERED',
      `Difference ${t.difference.id}: the report names no payment in Xero to replace`,
      { fix: 'Run `ledgerbridge reconcile` again, then the fix it offers.' },
    );
  const inXero = (await findXeroCopy(t.db, t.tenantId, 'Payments', held)) as
    XeroSummary | undefined;
  if (inXero?.reconciled) throw await reconciled(t, inXero);
  // Both or neither: a link re-pointed but still locked would wait for a fix already given.
  await t.db.transaction(async (tx) => {
    await markLink(tx, t.key, t.tenantId, { state: { reconcileFix: 'repush' }, xeroId: held });
    await unlockLink(tx, t.key);
  });
}

/** The refusal for a reconciled payment: which payment, and what to do in Xero first. */
async function reconciled(t: FixTarget, p: XeroSummary): Promise<LedgerbridgeError> {
  const on = p.invoiceId && (await findXeroCopy(t.db, t.tenantId, 'Invoices', p.invoiceId));
  const invoice = on && typeof on.number === 'string' ? `invoice ${on.number}` : 'its invoice';
  const date = p.date ? dayOf(Date.parse(`${p.date}T00:00:00Z`)) : 'an unknown date';
  const what = `The $${p.amount ?? '?'} payment of ${date} on ${invoice}`;
  return new LedgerbridgeError(
    'LB_RECONCILE_PAYMENT_RECONCILED',
    `${what} is reconciled in Xero, so Ledgerbridge will not delete it to send the practice system's again; nothing was changed`,
    {
      fix: `In Xero, unreconcile it first (the bank account → Account Transactions → tick the payment → Unreconcile), run \`ledgerbridge reconcile\`, then \`ledgerbridge reconcile fix ${t.difference.id} --repush\` again; or make the same change in the practice system, or accept the difference.`,
    },
  );
}
