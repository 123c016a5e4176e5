/**
 * Saving sync settings (PATCH /api/settings and the dashboard's settings form): every value given
 * in one transaction with its audit entry, globally or for one source.
 *
 * @module
 */
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { putSetting } from '../store/settings-repo.js';

export async function saveSyncSettings(
  db: Database,
  change: Readonly<Record<string, unknown>>,
  actor: string,
  source?: string,
): Promise<void> {
  const scope = source ? `source:${source}` : 'global';
  await db.transaction(async (tx) => {
    for (const [key, value] of Object.entries(change))
      if (value !== undefined) await putSetting(tx, key, value, scope);
    await appendAudit(tx, [
      { action: 'settings.set', actor, ...(source && { source }), detail: { ...change } },
    ]);
  });
}
