/** Signed-in browser sessions, by the digest of their cookie (migration 0006). */
import type { Role } from '../http/principal.js';
import type { Queryable } from './database.js';

export interface SessionRow {
  readonly userId: string;
  readonly email: string;
  readonly role: Role;
  readonly csrfToken: string;
  readonly lastSeenAt: Date;
  readonly expiresAt: Date;
}

export async function insertSession(
  db: Queryable,
  session: { idHash: string; userId: string; csrfToken: string; expiresAt: Date },
): Promise<void> {
  await db.query(
    'INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)',
    [session.idHash, session.userId, session.csrfToken, session.expiresAt],
  );
}

export async function findSession(db: Queryable, idHash: string): Promise<SessionRow | undefined> {
  const [row] = await db.query<{
    user_id: string;
    email: string;
    role: Role;
    csrf_token: string;
    last_seen_at: Date;
    expires_at: Date;
  }>(
    `SELECT s.user_id, u.email, u.role, s.csrf_token, s.last_seen_at, s.expires_at
     FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`,
    [idHash],
  );
  return (
    row && {
      userId: row.user_id,
      email: row.email,
      role: row.role,
      csrfToken: row.csrf_token,
      lastSeenAt: new Date(row.last_seen_at),
      expiresAt: new Date(row.expires_at),
    }
  );
}

export async function touchSession(db: Queryable, idHash: string, at: Date): Promise<void> {
  await db.query('UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1', [idHash, at]);
}

export async function deleteSession(db: Queryable, idHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE id_hash = $1', [idHash]);
}

/** A removed user or a role change ends their sessions (they sign in again under the new role). */
export async function deleteSessionsOf(db: Queryable, userId: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}
