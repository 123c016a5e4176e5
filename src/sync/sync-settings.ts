/**
 * Preferences that shape what is pushed (FEATURES I3–I5, I7, I9, I11, C1, C5, P4). Stored as JSON
 * in the settings table, globally and per source (a source's value wins); validated here.
 *
 * @module
 */
import { z } from 'zod';
import { INVOICE_STATUSES } from '../ledger/index.js';
import type { Queryable } from '../store/database.js';

/** A calendar day: "2026-02-31" matches the pattern but is refused, as no such day exists. */
const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'is not a day in the calendar');

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
  /**
   * Privacy mode for health practices (FEATURES X6): patients reach Xero as references, not names
   * — a customer contact is "Patient <its id in the PMS>" with no e-mail, phone, address, tax or
   * account number (suppliers keep theirs: a bill needs its supplier's name).
   */
  privacyMode: z.boolean().default(false),
  /** Post one line per account (the summarised layout) instead of every line. */
  summariseLines: z.boolean().default(false),
  syncPayments: z.boolean().default(true),
  /** Pushed documents stay as pushed until unlocked (`ledgerbridge unlock`). Off: edits flow. */
  lockPushed: z.boolean().default(false),
  /** Date documents in a locked Xero period on its first open day instead of refusing them. */
  moveLockedToFirstOpenDate: z.boolean().default(false),
});

export type SyncSettings = z.output<typeof syncSettingsSchema>;

/**
 * A change to some settings: the same fields without their defaults, so a field left out keeps
 * its value; a date may be null, "any date", which also overrides a global date for one source.
 */
export const syncSettingsChangeSchema = z.strictObject(
  Object.fromEntries(
    Object.entries(syncSettingsSchema.shape).map(([key, field]) => [
      key,
      field instanceof z.ZodDefault
        ? (field.unwrap() as z.ZodType).optional()
        : (field as z.ZodType).nullable().optional(),
    ]),
  ),
);
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
  // A null date is "any date" (stored so that it overrides a global one).
  for (const [key, value] of Object.entries(merged)) if (value === null) delete merged[key];
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
