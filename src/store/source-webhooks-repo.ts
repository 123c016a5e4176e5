/**
 * Webhook subscriptions held at a PMS (migration 0013): one row per source and model, its shared
 * secret already sealed by the caller (this table never sees it in the clear).
 *
 * @module
 */
import type { Queryable } from './database.js';

export type WebhookStatus = 'pending' | 'enabled' | 'failed' | 'expired';

export interface SourceWebhook {
  readonly source: string;
  readonly model: string;
  readonly hookId: string | null;
  readonly sealedSecret: string | null;
  readonly status: WebhookStatus;
  readonly statusReason: string | null;
  readonly expiresAt: Date | null;
  readonly updatedAt: Date;
}

interface Row {
  source: string;
  model: string;
  hook_id: string | null;
  sealed_secret: string | null;
  status: WebhookStatus;
  status_reason: string | null;
  expires_at: Date | string | null;
  updated_at: Date | string;
}

const fromRow = (r: Row): SourceWebhook => ({
  source: r.source,
  model: r.model,
  hookId: r.hook_id,
  sealedSecret: r.sealed_secret,
  status: r.status,
  statusReason: r.status_reason,
  expiresAt: r.expires_at === null ? null : new Date(r.expires_at),
  updatedAt: new Date(r.updated_at),
});

const COLUMNS =
  'source, model, hook_id, sealed_secret, status, status_reason, expires_at, updated_at';

/**
 * Marks a subscription as being created, before the PMS is asked: its handshake may arrive before
 * the PMS's answer does, and finds this row waiting for its secret.
 */
export async function beginWebhook(db: Queryable, source: string, model: string): Promise<void> {
  await db.query(
    `INSERT INTO source_webhooks (source, model) VALUES ($1, $2)
     ON CONFLICT (source, model) DO UPDATE SET hook_id = NULL, sealed_secret = NULL, key_id = NULL,
       status = 'pending', status_reason = NULL, expires_at = NULL, updated_at = now()`,
    [source, model],
  );
}

/** What the PMS answered to a creation: its id, the sealed secret and the expiry. */
export async function saveWebhook(
  db: Queryable,
  w: { source: string; model: string; hookId: string; sealedSecret: string; keyId: string },
  expiresAt: Date,
): Promise<void> {
  await db.query(
    `UPDATE source_webhooks SET hook_id = $3, sealed_secret = $4, key_id = $5, expires_at = $6,
       updated_at = now() WHERE source = $1 AND model = $2`,
    [w.source, w.model, w.hookId, w.sealedSecret, w.keyId, expiresAt.toISOString()],
  );
}

/** A renewal the PMS took: the new expiry; the status stays. */
export async function renewWebhook(
  db: Queryable,
  source: string,
  model: string,
  expiresAt: Date,
): Promise<void> {
  await db.query(
    `UPDATE source_webhooks SET expires_at = $3, updated_at = now() WHERE source = $1 AND model = $2`,
    [source, model, expiresAt.toISOString()],
  );
}

export async function markWebhook(
  db: Queryable,
  source: string,
  model: string,
  status: WebhookStatus,
  reason: string | null,
): Promise<void> {
  await db.query(
    `UPDATE source_webhooks SET status = $3, status_reason = $4, updated_at = now()
     WHERE source = $1 AND model = $2`,
    [source, model, status, reason],
  );
}

/** Every subscription, or one source's, in a stable order. */
export async function listWebhooks(db: Queryable, source?: string): Promise<SourceWebhook[]> {
  const rows = await db.query<Row>(
    `SELECT ${COLUMNS} FROM source_webhooks WHERE $1::text IS NULL OR source = $1
     ORDER BY source, model`,
    [source ?? null],
  );
  return rows.map(fromRow);
}

/** A secret sealed again under another key (`keys rotate`). */
export async function resealWebhookSecret(
  db: Queryable,
  w: { source: string; model: string; sealedSecret: string; keyId: string },
): Promise<void> {
  await db.query(
    `UPDATE source_webhooks SET sealed_secret = $3, key_id = $4 WHERE source = $1 AND model = $2`,
    [w.source, w.model, w.sealedSecret, w.keyId],
  );
}
