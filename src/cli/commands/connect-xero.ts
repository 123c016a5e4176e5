/**
 * `ledgerbridge connect xero`: the authorization-code flow with PKCE from the terminal (prints —
 * and opens where it can — Xero's consent page, catches the redirect on the loopback port of
 * XERO_REDIRECT_URI), or `--client-credentials` for a custom connection.
 *
 * @module
 */
import { spawn } from 'node:child_process';
import { openStore } from '../../store/index.js';
import {
  completeAuthorisation,
  connectClientCredentials,
  type ConnectedOrganisation,
} from '../../xero/connect.js';
import { authorizeUrl, makeAuthorisationSecrets } from '../../xero/identity-client.js';
import { resolveScopes } from '../../xero/scopes.js';
import { appCredentials, sealingKey, xeroEndpoints } from '../../xero/xero-runtime.js';
import { assertSealingKeyFor } from '../../xero/token-store.js';
import { systemClock } from '../../time/clock.js';
import type { CommandContext } from '../context.js';
import { catchCallback } from '../loopback-callback.js';

export interface ConnectOptions {
  readonly clientCredentials?: boolean;
  readonly open?: boolean;
}

export async function runConnectXero(
  ctx: CommandContext,
  options: ConnectOptions,
): Promise<ConnectedOrganisation[]> {
  const { config, out } = ctx;
  const key = sealingKey(config);
  const app = appCredentials(config);
  const { db } = await openStore(config, 'existing');
  try {
    await assertSealingKeyFor(db, key);
    const deps = { db, key, endpoints: xeroEndpoints(config), app, clock: systemClock };
    let connected: ConnectedOrganisation[];
    if (options.clientCredentials) {
      connected = await connectClientCredentials(
        deps,
        resolveScopes(config.xero.scopes, { offline: false }),
      );
    } else {
      const secrets = makeAuthorisationSecrets();
      const redirectUri = config.xero.redirectUri;
      const catcher = await catchCallback(redirectUri, secrets.state);
      const url = authorizeUrl(deps.endpoints, app, {
        redirectUri,
        scopes: resolveScopes(config.xero.scopes, { offline: true }),
        state: secrets.state,
        challenge: secrets.challenge,
      });
      out.note(
        `Open this address to let Ledgerbridge reach your Xero organisations:\n\n  ${url}\n\nWaiting for Xero on ${redirectUri} …`,
      );
      if (options.open !== false) openInBrowser(url);
      try {
        connected = await completeAuthorisation(deps, {
          code: await catcher.code,
          verifier: secrets.verifier,
          redirectUri,
        });
      } finally {
        catcher.close();
      }
    }
    out.result(connected, (orgs) =>
      [
        `Connected ${orgs.length} Xero organisation${orgs.length === 1 ? '' : 's'}:`,
        ...orgs.map((o) => `  ${o.name}  (${o.tenantId})`),
      ].join('\n'),
    );
    return connected;
  } finally {
    await db.close();
  }
}

/** Best effort: a desktop opens the page; a server prints it and carries on. */
export function openInBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // no browser here: the printed address is enough
  }
}
