/**
 * Connecting an Actionstep organisation, as `connect xero` does (src/cli/commands/connect-xero.ts):
 * a PKCE pair and an unguessable state, Actionstep's consent page, the redirect caught on the
 * loopback address of the redirect URI (its `state` must match), the code exchanged for tokens.
 * The token answer names the organisation's `api_endpoint` and `orgkey`, kept with the tokens;
 * one cheap read (the divisions) proves them and names the entities. The credentials are stored
 * sealed (sources/credentials.ts) with the source, in one transaction.
 *
 * @module
 */
import { catchCallback } from '../../cli/loopback-callback.js';
import type { Database } from '../../store/database.js';
import { ensureSource, nameEntity } from '../../store/sources-repo.js';
import { systemClock, type Clock } from '../../time/clock.js';
import { makeAuthorisationSecrets } from '../../xero/identity-client.js';
import type { SealingKey } from '../../xero/token-crypto.js';
import { storeCredentials } from '../credentials.js';
import { DEFAULT_OVERLAP_MS } from '../cursor.js';
import { RateBudget } from '../http/rate-budget.js';
import type { SourceAccount } from '../source.js';
import type { ActionstepCredentials } from './credentials.js';
import { actionstepSource } from './definition.js';
import { actionstepAuthorizeUrl, exchangeActionstepCode, type ActionstepApp } from './oauth.js';

export interface ActionstepConnectInput {
  readonly db: Database;
  readonly key: SealingKey;
  /** The source's name in Ledgerbridge (`actionstep`, `harbour-law`). */
  readonly source: string;
  readonly app: ActionstepApp;
  /** A loopback URI registered for the app (`http://127.0.0.1:5006/callback`). */
  readonly redirectUri: string;
  /** Shows the consent page to the user (opens a browser, prints the address). */
  readonly showConsentPage: (url: string) => void;
  /** ACTIONSTEP_API_URL: another API base than the token answer's (an emulator). */
  readonly baseUrl?: string;
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  readonly timeoutMs?: number;
}

export async function connectActionstep(input: ActionstepConnectInput): Promise<SourceAccount> {
  const secrets = makeAuthorisationSecrets();
  const catcher = await catchCallback(input.redirectUri, secrets.state, input.timeoutMs, {
    name: 'Actionstep',
    setting: 'ACTIONSTEP_REDIRECT_URI',
    code: 'LB_SOURCE_OAUTH_FAILED',
  });
  try {
    input.showConsentPage(
      actionstepAuthorizeUrl(input.app, {
        redirectUri: input.redirectUri,
        state: secrets.state,
        challenge: secrets.challenge,
      }),
    );
    const code = await catcher.code;
    const clock = input.clock ?? systemClock;
    const tokens = await exchangeActionstepCode(
      input.app,
      { code, redirectUri: input.redirectUri, verifier: secrets.verifier },
      clock.now(),
      input.fetch,
    );
    const credentials: ActionstepCredentials = {
      ...tokens,
      tokenUrl: input.app.tokenUrl,
      clientId: input.app.clientId,
      ...(input.app.clientSecret ? { clientSecret: input.app.clientSecret } : {}),
    };
    const account = await actionstepSource
      .open(credentials, {
        budget: new RateBudget(actionstepSource.rateLimitPerMinute, clock),
        overlapMs: DEFAULT_OVERLAP_MS,
        ...(input.baseUrl ? { baseUrl: input.baseUrl } : {}),
        ...(input.fetch ? { fetch: input.fetch } : {}),
      })
      .test();
    await input.db.transaction(async (tx) => {
      await ensureSource(tx, input.source, 'actionstep');
      await storeCredentials(tx, input.key, input.source, credentials, {
        label: account.label,
        ...account.details,
      });
      for (const [entity, name] of account.entities)
        await nameEntity(tx, input.source, entity, name);
    });
    return account;
  } finally {
    catcher.close();
  }
}
