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
import { systemClock, type Clock } from '../../time/clock.js';
import { makeAuthorisationSecrets } from '../../xero/identity-client.js';
import type { SealingKey } from '../../xero/token-crypto.js';
import { saveConnection } from '../credentials.js';
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
    return await finishActionstepConnect({ ...input, code, verifier: secrets.verifier });
  } finally {
    catcher.close();
  }
}

export type ActionstepFinishInput = Omit<
  ActionstepConnectInput,
  'showConsentPage' | 'timeoutMs'
> & {
  /** The code Actionstep's redirect carried, and the PKCE verifier of the consent it answers. */
  readonly code: string;
  readonly verifier: string;
};

/**
 * The second half of a consent, wherever its redirect was caught (the CLI's loopback, the
 * dashboard's callback route): the code exchanged, the tokens proved and stored sealed with the
 * divisions named as entities.
 */
export async function finishActionstepConnect(
  input: ActionstepFinishInput,
): Promise<SourceAccount> {
  const clock = input.clock ?? systemClock;
  const tokens = await exchangeActionstepCode(
    input.app,
    { code: input.code, redirectUri: input.redirectUri, verifier: input.verifier },
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
  await saveConnection(
    input.db,
    input.key,
    { name: input.source, kind: 'actionstep' },
    credentials,
    account,
  );
  return account;
}
