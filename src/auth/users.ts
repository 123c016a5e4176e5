/**
 * Account changes, each written to the audit log: add, remove, change a role, and the first admin
 * through the one-time setup token. The CLI and the web routes both come here.
 *
 * @module
 */
import { randomUUID } from 'node:crypto';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Role } from '../http/principal.js';
import { appendAudit } from '../store/audit-repo.js';
import type { Database } from '../store/database.js';
import { deleteSessionsOf } from '../store/sessions-repo.js';
import { replaceSetupToken, takeSetupToken } from '../store/setup-tokens-repo.js';
import {
  countUsers,
  deleteUser,
  findUserByEmail,
  insertUser,
  listUsers,
  setUserRole,
  type UserRow,
} from '../store/users-repo.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './password.js';
import { digest, randomSecret } from './secret-token.js';

export const ROLES: readonly Role[] = ['admin', 'accountant', 'viewer'];

export function parseRole(value: string): Role {
  if ((ROLES as readonly string[]).includes(value)) return value as Role;
  throw new LedgerbridgeError('LB_ROLE_UNKNOWN', `There is no role "${value}"`);
}

export async function addUser(
  db: Database,
  input: { email: string; password: string; role: Role; actor: string },
): Promise<UserRow> {
  checkPassword(input.password);
  if (!/^[^\s@]+@[^\s@]+$/.test(input.email.trim()))
    throw new LedgerbridgeError('LB_USER_UNKNOWN', `"${input.email}" is not an e-mail address`, {
      fix: 'Give the e-mail address the person signs in with.',
    });
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  const added = await db.transaction(async (tx) => {
    if (!(await insertUser(tx, { id, email: input.email, role: input.role, passwordHash })))
      return false;
    await appendAudit(tx, [
      { action: 'user.add', actor: input.actor, detail: { email: input.email, role: input.role } },
    ]);
    return true;
  });
  if (!added)
    throw new LedgerbridgeError('LB_USER_EXISTS', `An account for ${input.email} already exists`);
  return (await findUserByEmail(db, input.email))!;
}

export { listUsers };

export async function removeUser(db: Database, email: string, actor: string): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await mustFind(tx, email);
    if (user.role === 'admin') await keepAnAdmin(tx, user);
    await deleteUser(tx, email);
    await appendAudit(tx, [{ action: 'user.remove', actor, detail: { email: user.email } }]);
  });
}

export async function changeRole(
  db: Database,
  email: string,
  role: Role,
  actor: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const user = await mustFind(tx, email);
    if (user.role === 'admin' && role !== 'admin') await keepAnAdmin(tx, user);
    await setUserRole(tx, email, role);
    // Sessions carry no role of their own (read from the user each request), but a demoted
    // person signs in again so nothing they had open keeps the old view.
    await deleteSessionsOf(tx, user.id);
    await appendAudit(tx, [
      { action: 'user.set-role', actor, detail: { email: user.email, from: user.role, to: role } },
    ]);
  });
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

async function mustFind(tx: Tx, email: string): Promise<UserRow> {
  const user = await findUserByEmail(tx, email);
  if (!user) throw new LedgerbridgeError('LB_USER_UNKNOWN', `No account has the e-mail ${email}`);
  return user;
}

async function keepAnAdmin(tx: Tx, leaving: UserRow): Promise<void> {
  const admins = (await listUsers(tx)).filter((u) => u.role === 'admin');
  if (admins.length <= 1)
    throw new LedgerbridgeError(
      'LB_LAST_ADMIN',
      `${leaving.email} is the only admin; without one nobody could manage accounts`,
    );
}

/**
 * When no account exists, a fresh setup token (only its digest is stored; printing it is the
 * caller's). Undefined once any account exists.
 */
export async function issueSetupToken(db: Database): Promise<string | undefined> {
  if ((await countUsers(db)) > 0) return undefined;
  const token = randomSecret();
  await replaceSetupToken(db, digest(token));
  return token;
}

/** The first admin, from the setup token; the token is spent whether or not this succeeds later. */
export async function setUpFirstAdmin(
  db: Database,
  input: { token: string; email: string; password: string },
): Promise<UserRow> {
  checkPassword(input.password);
  const valid = (await countUsers(db)) === 0 && (await takeSetupToken(db, digest(input.token)));
  if (!valid)
    throw new LedgerbridgeError('LB_AUTH_SETUP_INVALID', 'This setup link is used or unknown');
  return addUser(db, {
    email: input.email,
    password: input.password,
    role: 'admin',
    actor: 'setup-token',
  });
}

function checkPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH)
    throw new LedgerbridgeError(
      'LB_AUTH_PASSWORD_WEAK',
      `The password has ${password.length} characters; at least ${MIN_PASSWORD_LENGTH} are needed`,
    );
}
