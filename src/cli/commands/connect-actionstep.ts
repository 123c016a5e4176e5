/**
 * `ledgerbridge connect actionstep [--name NAME] [--no-open]`: Actionstep's consent page (opened
 * where a browser can be, always printed), the redirect caught on ACTIONSTEP_REDIRECT_URI's
 * loopback address, the code exchanged with PKCE; the organisation's api_endpoint and orgkey from
 * the token answer stored sealed with the tokens, its divisions named as entities
 * (sources/actionstep/connect.ts). No token is printed or logged.
 *
 * @module
 */
import { actionstepApp } from '../../service/pms-apps.js';
import { connectActionstep } from '../../sources/actionstep/index.js';
import { openStore } from '../../store/index.js';
import { sealingKey } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';
import type { ConnectedSource } from './connect-source.js';
import { openInBrowser } from './connect-xero.js';

export async function runConnectActionstep(
  ctx: CommandContext,
  options: { readonly name?: string; readonly open?: boolean },
): Promise<ConnectedSource> {
  const { sources } = ctx.config;
  const app = actionstepApp(ctx.config);
  const key = sealingKey(ctx.config);
  const source = options.name ?? 'actionstep';
  const redirectUri = sources.actionstepRedirectUri;
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const account = await connectActionstep({
      db,
      key,
      source,
      redirectUri,
      app,
      ...(sources.actionstepApiUrl ? { baseUrl: sources.actionstepApiUrl } : {}),
      showConsentPage: (url) => {
        ctx.out.note(
          `Open this address to let Ledgerbridge read your Actionstep organisation:\n\n  ${url}\n\nWaiting for Actionstep on ${redirectUri} …`,
        );
        if (options.open !== false) openInBrowser(url);
      },
    });
    const result = {
      source,
      kind: 'actionstep' as const,
      account: account.label,
      entities: Object.fromEntries(account.entities),
    };
    ctx.out.result(
      result,
      (r) =>
        `Connected ${r.account} as source ${r.source}; entities: ${
          Object.entries(r.entities)
            .map(([e, n]) => `${e} (${n})`)
            .join(', ') || 'none'
        }.\nNext: \`ledgerbridge pull ${r.source}\`, then route each entity with \`ledgerbridge map route\`.`,
    );
    return result;
  } finally {
    await db.close();
  }
}
