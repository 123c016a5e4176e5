/**
 * Token sets at rest, sealed (token-crypto.ts). A token set is one consent (covering one or more
 * organisations) or one custom connection; organisations point at it.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database, Queryable } from '../store/database.js';
import type { IssuedTokens } from './identity-client.js';
import { canUnseal, seal, sealedKeyId, unseal, type SealingKey } from './token-crypto.js';

export type GrantType = 'authorization_code' | 'client_credentials';
export type TokenSetStatus = 'active' | 'needs_reconnect' | 'revoked';

export interface StoredTokenSet {
  readonly id: string;
  readonly grantType: GrantType;
  readonly tokens: IssuedTokens;
  readonly status: TokenSetStatus;
  readonly statusReason: string | null;
}

interface TokenRow {
  id: string;
  grant_type: GrantType;
  sealed: string;
  status: TokenSetStatus;
  status_reason: string | null;
}

export async function saveTokenSet(
  db: Queryable,
  key: SealingKey,
  id: string,
  grantType: GrantType,
  tokens: IssuedTokens,
): Promise<void> {
  await db.query(
    `INSERT INTO xero_token_sets (id, grant_type, sealed, key_id, access_expires_at, scopes, refreshed_at)
     VALUES ($1, $2, $3, $4, to_timestamp($5 / 1000.0), $6, now())
     ON CONFLICT (id) DO UPDATE SET grant_type = excluded.grant_type, sealed = excluded.sealed, key_id = excluded.key_id,
       access_expires_at = excluded.access_expires_at, scopes = excluded.scopes, status = 'active',
       status_reason = NULL, refreshed_at = now(), updated_at = now()`,
    [id, grantType, seal(key, JSON.stringify(tokens)), key.id, tokens.expiresAt, tokens.scope],
  );
}

/** Reads a token set; with `forUpdate` inside a transaction it also row-locks it (refresh). */
export async function readTokenSet(
  db: Queryable,
  key: SealingKey,
  id: string,
  forUpdate = false,
): Promise<StoredTokenSet> {
  const [row] = await db.query<TokenRow>(
    `SELECT id, grant_type, sealed, status, status_reason FROM xero_token_sets WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
    [id],
  );
  if (!row)
    throw new LedgerbridgeError('LB_XERO_NOT_CONNECTED', `No Xero token set ${id} is stored`);
  return {
    id: row.id,
    grantType: row.grant_type,
    tokens: JSON.parse(unseal(key, row.sealed)) as IssuedTokens,
    status: row.status,
    statusReason: row.status_reason,
  };
}

/** Marks a token set and every organisation using it (one consent covers several). */
export async function markTokenSet(
  db: Database,
  id: string,
  status: TokenSetStatus,
  reason: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.query(
      'UPDATE xero_token_sets SET status = $2, status_reason = $3, updated_at = now() WHERE id = $1',
      [id, status, reason],
    );
    const orgStatus =
      status === 'active' ? 'connected' : status === 'revoked' ? 'disconnected' : 'needs_reconnect';
    await tx.query(
      'UPDATE organisations SET status = $2, status_reason = $3, updated_at = now() WHERE token_set_id = $1',
      [id, orgStatus, status === 'active' ? null : reason],
    );
  });
}

/**
 * Refuses to run without the key once tokens are stored: starting without it would only fail
 * later, mid-sync, with every organisation unreachable.
 */
export async function assertSealingKeyFor(
  db: Queryable,
  key: SealingKey | undefined,
): Promise<void> {
  const rows = await db.query<{ key_id: string; n: number }>(
    "SELECT key_id, count(*)::int AS n FROM xero_token_sets WHERE status <> 'revoked' GROUP BY key_id",
  );
  if (rows.length === 0) return;
  if (!key)
    throw new LedgerbridgeError(
      'LB_SECRET_KEY_MISSING',
      `Xero tokens are stored (${rows.reduce((n, r) => n + r.n, 0)} token sets) but LEDGERBRIDGE_SECRET_KEY is not set`,
    );
  const foreign = rows.filter((r) => r.key_id !== key.id);
  if (foreign.length > 0)
    throw new LedgerbridgeError(
      'LB_SECRET_KEY_WRONG',
      `Stored Xero tokens were sealed with key ${foreign.map((r) => r.key_id).join(', ')}; LEDGERBRIDGE_SECRET_KEY is key ${key.id}`,
    );
}

/** A stored token set `key` cannot open: sealed under another key, or failing its integrity check. */
export interface UnopenableTokenSet {
  readonly id: string;
  readonly keyId: string;
}

/** The token sets `key` cannot open; inside a transaction they are row-locked (keys reset). */
export async function unopenableTokenSets(
  db: Queryable,
  key: SealingKey,
): Promise<UnopenableTokenSet[]> {
  const rows = await db.query<{ id: string; key_id: string; sealed: string }>(
    'SELECT id, key_id, sealed FROM xero_token_sets ORDER BY id FOR UPDATE',
  );
  return rows.filter((r) => !canUnseal(key, r.sealed)).map((r) => ({ id: r.id, keyId: r.key_id }));
}

/** Whether the token set exists, is active and opens with `key` (else disconnect stays local). */
export async function tokenSetUsable(db: Queryable, key: SealingKey, id: string): Promise<boolean> {
  const [row] = await db.query<{ sealed: string; status: TokenSetStatus }>(
    'SELECT sealed, status FROM xero_token_sets WHERE id = $1',
    [id],
  );
  return row?.status === 'active' && canUnseal(key, row.sealed);
}

/**
 * Deletes token sets; organisations pointing at one are left without (ON DELETE SET NULL), their
 * links, mappings and routes untouched.
 */
export async function deleteTokenSets(db: Queryable, ids: readonly string[]): Promise<void> {
  if (ids.length > 0)
    await db.query('DELETE FROM xero_token_sets WHERE id = ANY($1::text[])', [ids]);
}

/**
 * Deletes those of `ids` no organisation points at any more: a reconnect's consent replaced them,
 * so keeping them would only keep a second live grant sealed at rest (and re-sealed by rotate).
 */
export async function deleteUnusedTokenSets(
  db: Queryable,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db.query<{ id: string }>(
    `DELETE FROM xero_token_sets t WHERE t.id = ANY($1::text[])
       AND NOT EXISTS (SELECT 1 FROM organisations o WHERE o.token_set_id = t.id) RETURNING t.id`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Re-seals every token set, in one transaction. Returns how many were re-sealed. */
export async function rotateSealingKey(
  db: Database,
  current: SealingKey,
  next: SealingKey,
): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; sealed: string }>(
      'SELECT id, sealed FROM xero_token_sets ORDER BY id FOR UPDATE',
    );
    for (const row of rows) {
      if (sealedKeyId(row.sealed) === next.id) continue;
      const resealed = seal(next, unseal(current, row.sealed));
      await tx.query(
        'UPDATE xero_token_sets SET sealed = $2, key_id = $3, updated_at = now() WHERE id = $1',
        [row.id, resealed, next.id],
      );
    }
    return rows.filter((r) => sealedKeyId(r.sealed) !== next.id).length;
  });
}
