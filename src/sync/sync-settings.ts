/**
 * Preferences that shape what is pushed (FEATURES I3–I5, I7, I9, I11, C1, C5, P4). Stored as JSON
 * in the settings table, globally and per source (a source's value wins); validated here.
 *
 * @module
 */
import { z } from 'zod';
import { INVOICE_STATUSES } from '../ledger/index.js';
import type { Queryable } from '../store/database.js';

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

export const syncSettingsSchema = z.strictObject({
  /** Invoice statuses pushed. Drafts go to Xero as DRAFT, awaiting approval as SUBMITTED. */
  pushStatuses: z.array(z.enum(INVOICE_STATUSES)).default(['awaiting_payment', 'paid']),
  issueDateFrom: date.optional(),
  issueDateTo: date.optional(),
  /** Only documents created (issued) on or after this date; absent: full backfill. */
  createdAfter: date.optional(),
  /**
   * Bank transactions (disbursements among them), transfers and journals dated before this are
   * not pushed: the opening balances in Xero already hold them (FEATURES B1).
   */
  bankingDateFrom: date.optional(),
  /** Push every contact, not only those with documents to push. */
  pushAllContacts: z.boolean().default(false),
  /** Append " (source id)" to contact names, against Xero's unique-name rule (on for new installs). */
  appendSourceIdToContactNames: z.boolean().default(true),
  /** Post one line per account (the summarised layout) instead of every line. */
  summariseLines: z.boolean().default(false),
  syncPayments: z.boolean().default(true),
  /** Pushed documents stay as pushed until unlocked (`ledgerbridge unlock`). Off: edits flow. */
  lockPushed: z.boolean().default(false),
  /** Date documents in a locked Xero period on its first open day instead of refusing them. */
  moveLockedToFirstOpenDate: z.boolean().default(false),
});

export type SyncSettings = z.output<typeof syncSettingsSchema>;
export type SyncSettingKey = keyof SyncSettings;

export const DEFAULT_SYNC_SETTINGS: SyncSettings = syncSettingsSchema.parse({});

/** The settings in force for a source: defaults, then global values, then the source's. */
export async function loadSyncSettings(db: Queryable, source: string): Promise<SyncSettings> {
  const rows = await db.query<{ scope: string; key: string; value: unknown }>(
    "SELECT scope, key, value FROM settings WHERE scope IN ('global', $1) AND key = ANY($2::text[])",
    [`source:${source}`, Object.keys(syncSettingsSchema.shape)],
  );
  const merged: Record<string, unknown> = {};
  for (const scope of ['global', `source:${source}`])
    for (const r of rows) if (r.scope === scope) merged[r.key] = r.value;
  return syncSettingsSchema.parse(merged);
}

/** Parses a value typed on the command line for a setting ("true", "2026-07-01", "draft,paid"). */
export function parseSettingValue(key: string, text: string): unknown {
  if (!(key in syncSettingsSchema.shape))
    throw new Error(
      `unknown setting "${key}"; settings: ${Object.keys(syncSettingsSchema.shape).join(', ')}`,
    );
  const value =
    key === 'pushStatuses'
      ? text.split(',').map((s) => s.trim())
      : text === 'true'
        ? true
        : text === 'false'
          ? false
          : text;
  const result = syncSettingsSchema.shape[key as SyncSettingKey].safeParse(value);
  if (!result.success)
    throw new Error(
      `${key} = ${JSON.stringify(text)}: ${result.error.issues[0]?.message ?? 'invalid'}`,
    );
  return result.data;
}
