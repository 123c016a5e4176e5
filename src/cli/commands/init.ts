import { userInfo } from 'node:os';
import { addUser, listUsers } from '../../auth/users.js';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { Database } from '../../store/database.js';
import { openStore } from '../../store/index.js';
import type { CommandContext } from '../context.js';
import { readNewPassword } from '../read-password.js';

export interface InitResult {
  readonly backend: string;
  readonly location: string;
  readonly schemaVersion: number;
  readonly applied: readonly number[];
  /** With --admin-email: the first admin, and whether this run created it. */
  readonly admin?: { readonly email: string; readonly created: boolean };
}

/**
 * `ledgerbridge init [--admin-email E]`: creates (or upgrades) the store, and with --admin-email
 * the first admin account (password from LEDGERBRIDGE_USER_PASSWORD or typed twice without echo,
 * as `users add`). Safe to run again: an admin of that e-mail already there is left as it is.
 */
export async function runInit(ctx: CommandContext, adminEmail?: string): Promise<InitResult> {
  const { db, migration, schemaVersion } = await openStore(ctx.config, 'init');
  try {
    const result: InitResult = {
      backend: db.backend,
      location: db.location,
      schemaVersion,
      applied: migration?.applied ?? [],
      ...(adminEmail !== undefined && { admin: await firstAdmin(ctx, db, adminEmail) }),
    };
    ctx.out.result(result, renderInit);
    return result;
  } finally {
    await db.close();
  }
}

async function firstAdmin(
  ctx: CommandContext,
  db: Database,
  email: string,
): Promise<{ email: string; created: boolean }> {
  const admins = (await listUsers(db)).filter((u) => u.role === 'admin');
  if (admins.some((u) => u.email.toLowerCase() === email.trim().toLowerCase()))
    return { email, created: false };
  if (admins.length > 0)
    throw new LedgerbridgeError(
      'LB_USAGE',
      `This store has an admin already (${admins[0]!.email})`,
      {
        fix: `Sign in as that admin, or add another account with \`ledgerbridge users add ${email} --role admin\`.`,
      },
    );
  const password = await readNewPassword(email, ctx.config.userPassword);
  await addUser(db, { email, password, role: 'admin', actor: `cli:${userInfo().username}` });
  return { email, created: true };
}

function renderInit(r: InitResult): string {
  const store =
    r.applied.length > 0
      ? `Store ready: ${r.backend} at ${r.location} (schema ${r.schemaVersion}; applied ${r.applied.join(', ')}).`
      : `Store already up to date: ${r.backend} at ${r.location} (schema ${r.schemaVersion}).`;
  const admin = r.admin && `${r.admin.created ? 'Added' : 'Kept'} ${r.admin.email} as admin.`;
  const next =
    r.applied.length > 0 &&
    'Next: `ledgerbridge connect xero` to connect your Xero organisation, then `ledgerbridge status`.';
  return [store, admin, next].filter(Boolean).join('\n');
}
