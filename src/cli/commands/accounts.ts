/**
 * `ledgerbridge users …` and `ledgerbridge api-keys …` (docs/accounts.md): the accounts and keys
 * of the web server and the HTTP API, managed from the machine it runs on. Every change is in the
 * audit log with the operating-system user who made it.
 *
 * @module
 */
import { userInfo } from 'node:os';
import { createApiKey, listApiKeys, revokeKey } from '../../auth/api-keys.js';
import { addUser, changeRole, listUsers, parseRole, removeUser } from '../../auth/users.js';
import type { CommandContext } from '../context.js';
import { readNewPassword } from '../read-password.js';
import { withDb } from './map.js';

/** Who made a change from the command line, for the audit log. */
const actor = (): string => `cli:${userInfo().username}`;

export function runUsersAdd(ctx: CommandContext, email: string, role: string): Promise<unknown> {
  const checked = parseRole(role);
  return withDb(ctx, async (db) => {
    const password = await readNewPassword(email, ctx.config.userPassword);
    const user = await addUser(db, { email, password, role: checked, actor: actor() });
    const shown = { id: user.id, email: user.email, role: user.role };
    ctx.out.result(shown, (u) => `Added ${u.email} as ${u.role}.`);
    return shown;
  });
}

export function runUsersList(ctx: CommandContext): Promise<unknown> {
  return withDb(ctx, async (db) => {
    const users = (await listUsers(db)).map((u) => ({
      email: u.email,
      role: u.role,
      createdAt: u.createdAt.toISOString(),
    }));
    ctx.out.result(users, (list) =>
      list.length === 0
        ? 'No accounts yet: `ledgerbridge users add EMAIL --role admin`, or the setup link `serve` prints.'
        : list
            .map((u) => `${u.email.padEnd(32)} ${u.role.padEnd(10)} since ${u.createdAt}`)
            .join('\n'),
    );
    return users;
  });
}

export function runUsersRemove(ctx: CommandContext, email: string): Promise<unknown> {
  return withDb(ctx, async (db) => {
    await removeUser(db, email, actor());
    ctx.out.result({ removed: email }, () => `Removed ${email}; their sessions end now.`);
  });
}

export function runUsersSetRole(
  ctx: CommandContext,
  email: string,
  role: string,
): Promise<unknown> {
  const checked = parseRole(role);
  return withDb(ctx, async (db) => {
    await changeRole(db, email, checked, actor());
    ctx.out.result({ email, role: checked }, () => `${email} is now ${checked}.`);
  });
}

export interface KeyOptions {
  readonly role: string;
  readonly source?: string;
  readonly label?: string;
}

export function runKeyCreate(ctx: CommandContext, o: KeyOptions): Promise<unknown> {
  const role = parseRole(o.role);
  return withDb(ctx, async (db) => {
    const created = await createApiKey(db, {
      role,
      actor: actor(),
      ...(o.source && { source: o.source }),
      ...(o.label && { label: o.label }),
    });
    const shown = { id: created.row.id, label: created.row.label, role, key: created.key };
    ctx.out.result(
      shown,
      (k) =>
        `${k.key}\n\nAPI key ${k.id} (${k.label}, ${k.role}). It is shown this once and stored only as a digest: keep it now. Send it as \`Authorization: Bearer KEY\`.`,
    );
    return shown;
  });
}

export function runKeyList(ctx: CommandContext): Promise<unknown> {
  return withDb(ctx, async (db) => {
    const keys = (await listApiKeys(db)).map((k) => ({
      id: k.id,
      label: k.label,
      role: k.role,
      source: k.source ?? null,
      createdAt: k.createdAt.toISOString(),
      revokedAt: k.revokedAt?.toISOString() ?? null,
    }));
    ctx.out.result(keys, (list) =>
      list.length === 0
        ? 'No API keys: `ledgerbridge api-keys create --role viewer`.'
        : list
            .map(
              (k) =>
                `${k.id}  ${k.role.padEnd(10)} ${k.label}${k.source ? ` (source ${k.source})` : ''}${k.revokedAt ? ` — revoked ${k.revokedAt}` : ''}`,
            )
            .join('\n'),
    );
    return keys;
  });
}

export function runKeyRevoke(ctx: CommandContext, id: string): Promise<unknown> {
  return withDb(ctx, async (db) => {
    await revokeKey(db, id, actor());
    ctx.out.result({ revoked: id }, () => `Revoked API key ${id}; it is refused from now on.`);
  });
}
