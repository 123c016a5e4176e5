/** Accounts that sign in to `ledgerbridge serve` (migration 0006, docs/accounts.md). */
import type { Role } from '../http/principal.js';
import type { Queryable } from './database.js';

export interface UserRow {
  readonly id: string;
  readonly email: string;
  readonly role: Role;
  readonly passwordHash: string;
  readonly createdAt: Date;
}

interface Raw {
  id: string;
  email: string;
  role: Role;
  password_hash: string;
  created_at: Date;
}

const toRow = (r: Raw): UserRow => ({
  id: r.id,
  email: r.email,
  role: r.role,
  passwordHash: r.password_hash,
  createdAt: r.created_at,
});

/** E-mails are compared lower-cased: people type them both ways. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

export async function insertUser(
  db: Queryable,
  user: { id: string; email: string; role: Role; passwordHash: string },
): Promise<boolean> {
  const rows = await db.query(
    `INSERT INTO users (id, email, role, password_hash) VALUES ($1, $2, $3, $4)
     ON CONFLICT (email) DO NOTHING RETURNING id`,
    [user.id, normaliseEmail(user.email), user.role, user.passwordHash],
  );
  return rows.length === 1;
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const [row] = await db.query<Raw>('SELECT * FROM users WHERE email = $1', [
    normaliseEmail(email),
  ]);
  return row && toRow(row);
}

export async function listUsers(db: Queryable): Promise<UserRow[]> {
  return (await db.query<Raw>('SELECT * FROM users ORDER BY email')).map(toRow);
}

export async function countUsers(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return row!.n;
}

export async function deleteUser(db: Queryable, email: string): Promise<boolean> {
  const rows = await db.query('DELETE FROM users WHERE email = $1 RETURNING id', [
    normaliseEmail(email),
  ]);
  return rows.length === 1;
}

export async function setUserRole(db: Queryable, email: string, role: Role): Promise<boolean> {
  const rows = await db.query(
    'UPDATE users SET role = $2, updated_at = now() WHERE email = $1 RETURNING id',
    [normaliseEmail(email), role],
  );
  return rows.length === 1;
}
