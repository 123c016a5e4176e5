/**
 * `ledgerbridge connect clio [--region us|eu|ca|au] [--name NAME] [--no-open]`: Clio's consent
 * page in the firm's region (opened where a browser can be, always printed), the redirect caught
 * on CLIO_REDIRECT_URI's loopback address, the code exchanged with PKCE, the tokens stored sealed
 * with the region and the app (sources/clio/connect.ts). No token is printed or logged.
 *
 * @module
 */
import { clioApp } from '../../service/pms-apps.js';
import { connectClio } from '../../sources/clio/connect.js';
import { parseRegion } from '../../sources/clio/index.js';
import { renewSourceWebhooks } from '../../service/renew-webhooks-job.js';
import { webhookDeps } from '../../service/service-runtime.js';
import type { Database } from '../../store/database.js';
import { openStore } from '../../store/index.js';
import { sealingKey } from '../../xero/xero-runtime.js';
import type { CommandContext } from '../context.js';
import type { ConnectedSource } from './connect-source.js';
import { openInBrowser } from './connect-xero.js';

export async function runConnectClio(
  ctx: CommandContext,
  options: { readonly name?: string; readonly open?: boolean; readonly region?: string },
): Promise<ConnectedSource> {
  const { clio } = ctx.config.sources;
  const app = clioApp(ctx.config);
  const region = parseRegion(options.region ?? clio.region);
  const key = sealingKey(ctx.config);
  const source = options.name ?? 'clio';
  const redirectUri = clio.redirectUri;
  const { db } = await openStore(ctx.config, 'existing');
  try {
    const account = await connectClio({
      db,
      key,
      source,
      region,
      redirectUri,
      app,
      showConsentPage: (url) => {
        ctx.out.note(
          `Open this address to let Ledgerbridge read your Clio firm:\n\n  ${url}\n\nWaiting for Clio on ${redirectUri} …`,
        );
        if (options.open !== false) openInBrowser(url);
      },
    });
    await subscribe(ctx, db, source);
    const result = { source, kind: 'clio' as const, account: account.label, entities: {} };
    ctx.out.result(
      result,
      (r) =>
        `Connected ${r.account} (Clio, region ${region}) as source ${r.source}.\nNext: \`ledgerbridge pull ${r.source}\`, then route it with \`ledgerbridge map route ${r.source}/default TENANT\`.`,
    );
    return result;
  } finally {
    await db.close();
  }
}

/**
 * With LEDGERBRIDGE_PUBLIC_URL set, subscribes to the firm's webhooks at once (docs/service.md);
 * a subscription whose activation `serve` does not answer now is created again by a later tick.
 */
async function subscribe(ctx: CommandContext, db: Database, source: string): Promise<void> {
  const kept = await renewSourceWebhooks(webhookDeps(ctx.config, db), source);
  if (!kept) return;
  ctx.out.note(
    kept.failed === 0
      ? `Subscribed to Clio's webhooks (${kept.created} models): changes are pulled as they happen while \`serve\` runs.`
      : `Clio refused ${kept.failed} webhook subscriptions (\`ledgerbridge sources\` says why); changes are pulled every interval meanwhile.`,
  );
}
