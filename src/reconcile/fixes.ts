/**
 * Acting on a difference the report offered: `fix ID --repush|--remove` marks our document for
 * the next sync (fix-marks.ts: so the sync pushes the PMS version again, puts back a payment or
 * allocation changed in Xero, or removes what we created) and asks for a working pass; `accept
 * ID --reason TEXT` keeps the difference out of later reports until anything about the document
 * changes. Both are recorded in the audit log.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { DocumentKind } from '../ledger/index.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { findDifference } from '../store/reconcile-differences-repo.js';
import { acceptDifference } from '../store/reconcile-repo.js';
import { markForFix } from './fix-marks.js';
import type { Difference, Offer } from './model.js';
import { requestWorkingPass } from '../sync/idle/pass-mark.js';

async function load(db: Database, id: string) {
  const found = await findDifference(db, id);
  if (!found)
    throw new LedgerbridgeError(
      'LB_RECONCILE_UNKNOWN_DIFFERENCE',
      `No difference ${id} in the latest reconciliation`,
    );
  return { row: found, difference: found.detail as unknown as Difference };
}

function refuse(d: Difference, action: Offer): never {
  throw new LedgerbridgeError(
    'LB_RECONCILE_FIX_NOT_OFFERED',
    `Difference ${d.id} (${d.explanation}) cannot be fixed with --${action}`,
    { fix: `Do what the report says: ${d.fix}` },
  );
}

/** Marks the document for the next sync; returns what to run next. */
export async function fixDifference(
  db: Database,
  id: string,
  action: Exclude<Offer, 'accept'>,
): Promise<{ id: string; action: string; tenantId: string; next: string }> {
  const { row, difference: d } = await load(db, id);
  const doc = d.document;
  if (!d.offers.includes(action) || !doc.source || !doc.sourceId) refuse(d, action);
  const key = { source: doc.source, kind: doc.kind as DocumentKind, sourceId: doc.sourceId };
  await markForFix({ db, tenantId: row.tenantId, key, difference: d });
  await requestWorkingPass(db, row.tenantId); // not a quiet pass: it must plan this (sync/idle/)
  await appendAudit(db, [
    {
      action: `reconcile-fix-${action}`,
      ...key,
      tenantId: row.tenantId,
      ...(doc.xeroId && { xeroId: doc.xeroId }),
      detail: { difference: d.id, explanation: d.explanation },
    },
  ]);
  return {
    id,
    action,
    tenantId: row.tenantId,
    next: 'Run `ledgerbridge sync` to apply it, then `ledgerbridge reconcile` to check.',
  };
}

export async function acceptDifferenceById(
  db: Database,
  id: string,
  reason: string,
  actor?: string,
): Promise<{ id: string; accepted: true }> {
  if (reason.trim() === '')
    throw new LedgerbridgeError('LB_USAGE', 'An accepted difference needs a reason', {
      fix: 'Add --reason "why this difference is right", e.g. --reason "bank fee agreed with the client".',
    });
  const { row, difference: d } = await load(db, id);
  await acceptDifference(db, { tenantId: row.tenantId, ref: row.ref, state: row.state, reason });
  await appendAudit(db, [
    {
      action: 'reconcile-accept',
      ...(actor && { actor }),
      ...(d.document.source && { source: d.document.source, kind: d.document.kind }),
      ...(d.document.sourceId && { sourceId: d.document.sourceId }),
      tenantId: row.tenantId,
      ...(d.document.xeroId && { xeroId: d.document.xeroId }),
      detail: { difference: d.id, reason, explanation: d.explanation },
    },
  ]);
  return { id, accepted: true };
}
