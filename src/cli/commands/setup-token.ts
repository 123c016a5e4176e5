/**
 * On a store with no account, `serve` prints a one-time link that lets the first visitor create
 * the admin (docs/accounts.md). Each start prints a new one and the earlier stops working.
 *
 * @module
 */
import { issueSetupToken } from '../../auth/users.js';
import type { Database } from '../../store/database.js';
import type { CommandContext } from '../context.js';

export async function announceSetup(
  ctx: CommandContext,
  db: Database,
  port: number,
): Promise<void> {
  const token = await issueSetupToken(db);
  if (!token) return;
  const { host, publicUrl } = ctx.config.http;
  const base = publicUrl ?? `http://${host}:${port}`;
  const url = new URL(`/setup?token=${token}`, base).toString();
  ctx.out.line(`No account exists yet. Create the first admin (this link works once): ${url}`);
}
