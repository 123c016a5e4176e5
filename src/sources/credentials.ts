/**
 * A source's credentials sealed at rest exactly as Xero tokens are (AES-256-GCM under
 * LEDGERBRIDGE_SECRET_KEY, xero/token-crypto.ts), as JSON inside the seal. Unsealed only to open
 * a connection; never logged, never put in an error.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database, Queryable } from '../store/database.js';
import {
  deleteSourceCredentials,
  listSourceCredentials,
  readSourceCredentials,
  resealSourceCredentials,
  saveSourceCredentials,
} from '../store/source-credentials-repo.js';
import { ensureSource, nameEntity, type SourceKind } from '../store/sources-repo.js';
import type { SourceAccount } from './source.js';
import { listWebhooks, resealWebhookSecret } from '../store/source-webhooks-repo.js';
import { canUnseal, seal, sealedKeyId, unseal, type SealingKey } from '../xero/token-crypto.js';

export async function storeCredentials(
  db: Queryable,
  key: SealingKey,
  source: string,
  credentials: unknown,
  account: Readonly<Record<string, unknown>>,
): Promise<void> {
  const sealed = seal(key, JSON.stringify(credentials));
  await saveSourceCredentials(db, { source, sealed, keyId: key.id, account });
}

/**
 * Credentials a connector renewed during a pull (an OAuth refresh rotating its refresh token),
 * sealed in place: the account and the connection's status stay as they are.
 */
export async function updateCredentials(
  db: Queryable,
  key: SealingKey,
  source: string,
  credentials: unknown,
): Promise<void> {
  await resealSourceCredentials(db, source, seal(key, JSON.stringify(credentials)), key.id);
}

/** The source's credentials, unsealed; refuses a source never connected or needing reconnecting. */
export async function openCredentials(
  db: Queryable,
  key: SealingKey,
  source: string,
): Promise<unknown> {
  const stored = await readSourceCredentials(db, source);
  if (!stored)
    throw new LedgerbridgeError('LB_SOURCE_NOT_CONNECTED', `Source ${source} is not connected`);
  if (stored.status === 'needs_reconnect')
    throw new LedgerbridgeError(
      'LB_SOURCE_NEEDS_RECONNECT',
      `Source ${source} needs reconnecting: ${stored.statusReason ?? 'its credentials were refused'}`,
    );
  return JSON.parse(unseal(key, stored.sealed)) as unknown;
}

/**
 * Re-seals every source's credentials, and its webhook secrets, under `next` in one transaction
 * (`keys rotate`).
 */
export async function rotateSourceCredentials(
  db: Database,
  current: SealingKey,
  next: SealingKey,
): Promise<number> {
  return db.transaction(async (tx) => {
    let resealed = 0;
    for (const row of await listSourceCredentials(tx, true)) {
      if (sealedKeyId(row.sealed) === next.id) continue;
      await resealSourceCredentials(
        tx,
        row.source,
        seal(next, unseal(current, row.sealed)),
        next.id,
      );
      resealed++;
    }
    await rotateWebhookSecrets(tx, current, next);
    return resealed;
  });
}

/** The webhook secrets sealed beside the credentials, sealed again under `next`. */
async function rotateWebhookSecrets(
  tx: Queryable,
  current: SealingKey,
  next: SealingKey,
): Promise<void> {
  for (const hook of await listWebhooks(tx)) {
    if (!hook.sealedSecret || sealedKeyId(hook.sealedSecret) === next.id) continue;
    const sealedSecret = seal(next, unseal(current, hook.sealedSecret));
    await resealWebhookSecret(tx, { ...hook, sealedSecret, keyId: next.id });
  }
}

/** Sources whose stored credentials `key` cannot open (a lost or wrong LEDGERBRIDGE_SECRET_KEY). */
export async function unopenableSources(db: Queryable, key: SealingKey): Promise<string[]> {
  const sources: string[] = [];
  for (const row of await listSourceCredentials(db))
    if (!canUnseal(key, row.sealed)) sources.push(row.source);
  return sources;
}

/**
 * `keys reset`: drops the credentials of `sources` (of no use to anyone holding this key); the
 * sources, their documents and cursors stay, so connecting again carries on where the last pull
 * stopped.
 */
export async function dropSourceCredentials(
  db: Queryable,
  sources: readonly string[],
): Promise<void> {
  for (const source of sources) await deleteSourceCredentials(db, source);
}

/**
 * A connection proved by its first read, kept in one transaction: the source, its credentials
 * sealed with the account's label and details, and the entities the account names (every
 * connector's last step).
 */
export async function saveConnection(
  db: Database,
  key: SealingKey,
  source: { readonly name: string; readonly kind: SourceKind },
  credentials: unknown,
  account: SourceAccount,
): Promise<void> {
  await db.transaction(async (tx) => {
    await ensureSource(tx, source.name, source.kind);
    await storeCredentials(tx, key, source.name, credentials, {
      label: account.label,
      ...account.details,
    });
    for (const [entity, name] of account.entities) await nameEntity(tx, source.name, entity, name);
  });
}
