/** The one-time token that lets the first visitor create the admin (migration 0006). */
import type { Queryable } from './database.js';

/** Replaces any earlier token: only the last one printed works. */
export async function replaceSetupToken(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(
    'WITH gone AS (DELETE FROM setup_tokens) INSERT INTO setup_tokens (token_hash) VALUES ($1)',
    [tokenHash],
  );
}

/** Deletes and reports the token: it works once. */
export async function takeSetupToken(db: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM setup_tokens WHERE token_hash = $1 RETURNING 1', [
    tokenHash,
  ]);
  return rows.length === 1;
}
