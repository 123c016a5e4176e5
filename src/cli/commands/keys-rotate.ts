import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import { rotateSourceCredentials } from '../../sources/credentials.js';
import { openStore } from '../../store/index.js';
import { deriveSealingKey } from '../../xero/token-crypto.js';
import { rotateSealingKey } from '../../xero/token-store.js';
import { sealingKey } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';

/**
 * `ledgerbridge keys rotate`: re-encrypts every stored token, then every source's credentials, under
 * LEDGERBRIDGE_NEW_SECRET_KEY (one transaction each). Afterwards set LEDGERBRIDGE_SECRET_KEY to the new key everywhere.
 */
export async function runKeysRotate(
  ctx: CommandContext,
): Promise<{ resealed: number; sourceCredentials: number; keyId: string }> {
  const current = sealingKey(ctx.config);
  if (!ctx.config.newSecretKey)
    throw new LedgerbridgeError('LB_CONFIG_INVALID', 'LEDGERBRIDGE_NEW_SECRET_KEY is not set', {
      fix: 'Set LEDGERBRIDGE_NEW_SECRET_KEY to the new key and LEDGERBRIDGE_SECRET_KEY to the current one.',
    });
  const next = deriveSealingKey(ctx.config.newSecretKey);
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const resealed = await rotateSealingKey(db, current, next);
    const sourceCredentials = await rotateSourceCredentials(db, current, next);
    const result = { resealed, sourceCredentials, keyId: next.id };
    ctx.out.result(
      result,
      (r) =>
        `Re-encrypted ${r.resealed} token set(s) and ${r.sourceCredentials} source credential(s) under key ${r.keyId}. Now set LEDGERBRIDGE_SECRET_KEY to the new key wherever Ledgerbridge runs.`,
    );
    return result;
  } finally {
    await db.close();
  }
}
