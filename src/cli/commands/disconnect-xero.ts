import { openStore } from '../../store/index.js';
import { disconnectOrganisation, tokenSetFor } from '../../xero/connect.js';
import { makeXeroRuntime } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';

/** `ledgerbridge disconnect xero TENANT`: removes the connection; revokes the consent if it was the last. */
export async function runDisconnectXero(
  ctx: CommandContext,
  tenantId: string,
): Promise<{ tenantId: string; revoked: boolean }> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const xero = await makeXeroRuntime(ctx.config, db);
    const access = await xero.tokens.accessToken(await tokenSetFor(db, tenantId));
    const { revoked } = await disconnectOrganisation(xero, tenantId, access);
    const result = { tenantId, revoked };
    ctx.out.result(
      result,
      (r) =>
        `Disconnected ${r.tenantId}${r.revoked ? ' and revoked Ledgerbridge’s access (it was the last organisation of that consent)' : ''}.`,
    );
    return result;
  } finally {
    await db.close();
  }
}
