/**
 * Consents started from the web and not yet finished: the PKCE verifier and what the callback
 * needs, kept under the consent's unguessable `state` in `settings` (scope `oauth-pending` for
 * Xero, `oauth-pending:<kind>` for a PMS), so any server process can finish it. A state is taken
 * once; abandoned ones are forgotten after a day.
 *
 * @module
 */
import type { Queryable } from './database.js';

export async function rememberConsent(
  db: Queryable,
  scope: string,
  state: string,
  pending: object,
): Promise<void> {
  await db.query('INSERT INTO settings (scope, key, value) VALUES ($1, $2, $3::jsonb)', [
    scope,
    state,
    JSON.stringify(pending),
  ]);
  await db.query(
    "DELETE FROM settings WHERE scope LIKE 'oauth-pending%' AND updated_at < now() - interval '1 day'",
  );
}

/** Deletes and returns the pending consent: a state can be used once. */
export async function takeConsent<T>(
  db: Queryable,
  scope: string,
  state: string,
): Promise<T | undefined> {
  const [row] = await db.query<{ value: T }>(
    'DELETE FROM settings WHERE scope = $1 AND key = $2 RETURNING value',
    [scope, state],
  );
  return row?.value;
}
