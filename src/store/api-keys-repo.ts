/** API keys: a clear prefix for lookup, the digest of the whole key (migration 0006). */
import type { Role } from '../http/principal.js';
import type { Queryable } from './database.js';

export interface ApiKeyRow {
  readonly id: string;
  readonly prefix: string;
  readonly keyHash: string;
  readonly label: string;
  readonly role: Role;
  readonly source?: string;
  readonly createdAt: Date;
  readonly revokedAt?: Date;
}

interface Raw {
  id: string;
  prefix: string;
  key_hash: string;
  label: string;
  role: Role;
  source: string | null;
  created_at: Date;
  revoked_at: Date | null;
}

const toRow = (r: Raw): ApiKeyRow => ({
  id: r.id,
  prefix: r.prefix,
  keyHash: r.key_hash,
  label: r.label,
  role: r.role,
  ...(r.source && { source: r.source }),
  createdAt: r.created_at,
  ...(r.revoked_at && { revokedAt: r.revoked_at }),
});

export async function insertApiKey(
  db: Queryable,
  key: Omit<ApiKeyRow, 'createdAt' | 'revokedAt'>,
): Promise<void> {
  await db.query(
    'INSERT INTO api_keys (id, prefix, key_hash, label, role, source) VALUES ($1, $2, $3, $4, $5, $6)',
    [key.id, key.prefix, key.keyHash, key.label, key.role, key.source ?? null],
  );
}

export async function findApiKeyByPrefix(
  db: Queryable,
  prefix: string,
): Promise<ApiKeyRow | undefined> {
  const [row] = await db.query<Raw>('SELECT * FROM api_keys WHERE prefix = $1', [prefix]);
  return row && toRow(row);
}

export async function listApiKeys(db: Queryable): Promise<ApiKeyRow[]> {
  return (await db.query<Raw>('SELECT * FROM api_keys ORDER BY created_at, id')).map(toRow);
}

export async function revokeApiKey(db: Queryable, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id],
  );
  return rows.length === 1;
}
