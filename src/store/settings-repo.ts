/** Preferences as JSON values under a scope ('global', 'source:<name>', 'tenant:<id>'). */
import type { Queryable } from './database.js';

export async function getSetting<T>(
  db: Queryable,
  key: string,
  scope = 'global',
): Promise<T | undefined> {
  const [row] = await db.query<{ value: T }>(
    'SELECT value FROM settings WHERE scope = $1 AND key = $2',
    [scope, key],
  );
  return row?.value;
}

export async function putSetting(
  db: Queryable,
  key: string,
  value: unknown,
  scope = 'global',
): Promise<void> {
  await db.query(
    `INSERT INTO settings (scope, key, value) VALUES ($1, $2, $3::jsonb)
     ON CONFLICT (scope, key) DO UPDATE SET value = excluded.value, updated_at = now()`,
    [scope, key, JSON.stringify(value)],
  );
}

/** The scopes holding any of these keys: for Setup, the sources whose options were saved. */
export async function scopesWithAny(db: Queryable, keys: readonly string[]): Promise<string[]> {
  const rows = await db.query<{ scope: string }>(
    'SELECT DISTINCT scope FROM settings WHERE key = ANY($1::text[]) ORDER BY scope',
    [keys],
  );
  return rows.map((r) => r.scope);
}
