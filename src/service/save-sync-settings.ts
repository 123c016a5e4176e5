/**
 * Saving sync settings (PATCH /api/settings, the dashboard's settings form and Setup's options
 * step): the one place a change is validated — each value, then the issue-date range as it would
 * be in force — and saved, every value in one transaction with its audit entry, globally or for
 * one source. A refusal names the setting and the value (`details.field`, `details.value`).
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { replanPushedContacts } from '../store/links-repo.js';
import { putSetting } from '../store/settings-repo.js';
import { loadSyncSettings, syncSettingsChangeSchema } from '../sync/sync-settings.js';

export async function saveSyncSettings(
  db: Database,
  change: Readonly<Record<string, unknown>>,
  actor: string,
  source?: string,
): Promise<void> {
  const checked = checkedChange(change);
  const scope = source ? `source:${source}` : 'global';
  await db.transaction(async (tx) => {
    const inForce = await loadSyncSettings(tx, source ?? '');
    checkRange({ ...inForce, ...checked });
    for (const [key, value] of Object.entries(checked))
      if (value !== undefined) await putSetting(tx, key, value, scope);
    if (CONTACT_NAMING.some((key) => checked[key] !== undefined && checked[key] !== inForce[key]))
      await replanPushedContacts(tx, source);
    await appendAudit(tx, [
      { action: 'settings.set', actor, ...(source && { source }), detail: { ...checked } },
    ]);
  });
}

/** Settings that change how every pushed contact looks in Xero (sync/map/contact-payload.ts). */
const CONTACT_NAMING = ['privacyMode', 'appendSourceIdToContactNames'] as const;

function checkedChange(change: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const result = syncSettingsChangeSchema.safeParse(change);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = String(issue?.path[0] ?? (issue && 'keys' in issue ? issue.keys[0] : 'settings'));
  throw refused(field, change[field], issue?.message ?? 'is not valid');
}

/** Invoices issued from a day after the one they are issued until: none would ever be sent. */
function checkRange(inForce: Record<string, unknown>): void {
  const { issueDateFrom: from, issueDateTo: to } = inForce;
  if (typeof from === 'string' && typeof to === 'string' && from > to)
    throw refused(
      'issueDateTo',
      to,
      `is before the day invoices are issued from (${from}), so none would be sent`,
    );
}

const refused = (field: string, value: unknown, why: string) =>
  new LedgerbridgeError('LB_USAGE', `${field} ${JSON.stringify(value ?? null)}: ${why}`, {
    details: { field, value: value ?? null, why },
    fix: 'Correct that value and save again (`ledgerbridge settings` lists each one).',
  });
