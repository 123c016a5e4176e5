/**
 * API keys: `lbk_PREFIX_SECRET`. The prefix (8 characters) is kept in clear to find the row; the
 * digest of the whole key is compared in constant time. A key is shown once, at creation.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Principal, Role } from '../http/principal.js';
import {
  findApiKeyByPrefix,
  insertApiKey,
  listApiKeys,
  revokeApiKey,
  type ApiKeyRow,
} from '../store/api-keys-repo.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database, Queryable } from '../store/database.js';
import { listSources } from '../store/sources-repo.js';
import { digest, randomSecret, sameSecret } from './secret-token.js';

const KEY_PATTERN = /^lbk_([A-Za-z0-9_-]{8})_([A-Za-z0-9_-]{43})$/;

export interface CreatedKey {
  readonly row: ApiKeyRow;
  /** The whole key: shown once, never stored. */
  readonly key: string;
}

export async function createApiKey(
  db: Database,
  input: { role: Role; label?: string; source?: string; actor: string },
): Promise<CreatedKey> {
  if (input.source && !(await listSources(db)).some((s) => s.name === input.source))
    throw new LedgerbridgeError('LB_SOURCE_UNKNOWN', `There is no source "${input.source}"`, {
      fix: 'Check the name against `ledgerbridge sources`.',
    });
  const prefix = randomSecret(6);
  const key = `lbk_${prefix}_${randomSecret()}`;
  const row = {
    id: randomUUID(),
    prefix,
    keyHash: digest(key),
    label: input.label ?? (input.source ? `push to ${input.source}` : `${input.role} key`),
    role: input.role,
    ...(input.source && { source: input.source }),
  };
  await db.transaction(async (tx) => {
    await insertApiKey(tx, row);
    await appendAudit(tx, [
      {
        action: 'api-key.create',
        actor: input.actor,
        detail: { id: row.id, label: row.label, role: row.role, source: input.source ?? null },
      },
    ]);
  });
  return { row: { ...row, createdAt: new Date() }, key };
}

export { listApiKeys };

export async function revokeKey(db: Database, id: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    if (!(await revokeApiKey(tx, id)))
      throw new LedgerbridgeError('LB_API_KEY_UNKNOWN', `No active API key has the id ${id}`);
    await appendAudit(tx, [{ action: 'api-key.revoke', actor, detail: { id } }]);
  });
}

/** The principal a bearer key stands for, or undefined for anything else (malformed, unknown, revoked). */
export async function principalOfKey(db: Queryable, key: string): Promise<Principal | undefined> {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const row = await findApiKeyByPrefix(db, match[1]!);
  if (!row || row.revokedAt || !sameSecret(row.keyHash, digest(key))) return undefined;
  return {
    kind: 'api-key',
    id: row.id,
    name: row.label,
    role: row.role,
    ...(row.source && { sourceId: row.source }),
  };
}
