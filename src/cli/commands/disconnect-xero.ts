import { openStore } from '../../store/index.js';
import { tokenSetsOf } from '../../store/organisations-repo.js';
import { disconnectLocally, disconnectOrganisation, tokenSetFor } from '../../xero/connect.js';
import { tokenSetUsable } from '../../xero/token-store.js';
import { makeXeroRuntime, sealingKey } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';

export interface DisconnectResult {
  readonly tenantId: string;
  readonly revoked: boolean;
  /** False when Xero could not be reached with the stored tokens: remove the app in Xero too. */
  readonly reachedXero: boolean;
}

/** `ledgerbridge disconnect xero TENANT`: removes the connection; revokes the consent if it was the last. */
export async function runDisconnectXero(
  ctx: CommandContext,
  tenantId: string,
): Promise<DisconnectResult> {
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const [tokenSetId] = await tokenSetsOf(db, [tenantId]);
    let result: DisconnectResult;
    if (tokenSetId && (await tokenSetUsable(db, sealingKey(ctx.config), tokenSetId))) {
      const xero = await makeXeroRuntime(ctx.config, db);
      const access = await xero.tokens.accessToken(await tokenSetFor(db, tenantId));
      const { revoked } = await disconnectOrganisation(xero, tenantId, access);
      result = { tenantId, revoked, reachedXero: true };
    } else {
      // Without tokens it can open (a lost key, a refused grant) it cannot call Xero at all.
      await disconnectLocally(db, tenantId);
      result = { tenantId, revoked: false, reachedXero: false };
    }
    ctx.out.result(result, renderDisconnect);
    return result;
  } finally {
    await db.close();
  }
}

function renderDisconnect(r: DisconnectResult): string {
  if (!r.reachedXero)
    return `Disconnected ${r.tenantId} here. Its stored Xero tokens could not be used, so Xero was not told: remove Ledgerbridge in Xero too (Settings → Connected apps, then Disconnect beside your Ledgerbridge app).`;
  return `Disconnected ${r.tenantId}${r.revoked ? ' and revoked Ledgerbridge’s access (it was the last organisation of that consent)' : ''}.`;
}
