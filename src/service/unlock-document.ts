/**
 * "Unlock & re-push" (FEATURES I9): a pushed document is locked; unlocking forgets the version
 * pushed so the next sync of each organisation that holds it pushes it again. One function for
 * `ledgerbridge unlock` and the dashboard's button; recorded in the audit log with who asked.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { DocumentKey } from '../ledger/index.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { linksOfDocument, unlockLink } from '../store/links-repo.js';
import { requestWorkingPass } from '../sync/idle/pass-mark.js';

export interface Unlocked {
  readonly unlocked: number;
  /** The organisations whose next sync pushes it again. */
  readonly tenantIds: string[];
}

export async function unlockDocument(
  db: Database,
  key: DocumentKey,
  actor: string,
): Promise<Unlocked> {
  return db.transaction(async (tx) => {
    const tenantIds = (await linksOfDocument(tx, key)).map((l) => l.tenantId);
    const unlocked = await unlockLink(tx, key);
    if (unlocked === 0)
      throw new LedgerbridgeError(
        'LB_USAGE',
        `${key.kind} ${key.sourceId} of ${key.source} has not been pushed`,
        { fix: 'Only a document already in Xero can be unlocked; the next sync sends new ones.' },
      );
    // A scheduled pass would otherwise find nothing changed and not look at it (sync/idle/).
    for (const tenantId of tenantIds) await requestWorkingPass(tx, tenantId);
    await appendAudit(tx, [
      {
        action: 'document.unlock',
        actor,
        source: key.source,
        kind: key.kind,
        sourceId: key.sourceId,
      },
    ]);
    return { unlocked, tenantIds };
  });
}
