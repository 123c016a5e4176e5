/**
 * Connecting a Clio firm, as `connect actionstep` does (../actionstep/connect.ts): a PKCE pair and
 * an unguessable state, Clio's consent page in the firm's region, the redirect caught on the
 * loopback address of the redirect URI (its `state` must match), the code exchanged for tokens.
 * One cheap read (`who_am_i`) proves them; the credentials (tokens with the region and the app's
 * client, so a pull can refresh alone) are stored sealed with the source, in one transaction.
 * Clio's firm is one entity (`default`).
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
import { clioSource } from './index.js';
import { clioAuthorizeUrl, exchangeClioCode, type ClioApp } from './oauth.js';
import type { ClioRegion } from './regions.js';

export interface ClioConnectInput {
  readonly db: Database;
  readonly key: SealingKey;
  /** The source's name in Ledgerbridge (`clio`, `harbour-law`). */
  readonly source: string;
  readonly app: ClioApp;
  readonly region: ClioRegion;
  /** A loopback URI registered for the app (`http://127.0.0.1:5007/callback`). */
  readonly redirectUri: string;
  /** Shows the consent page to the user (opens a browser, prints the address). */
  readonly showConsentPage: (url: string) => void;
  readonly clock?: Clock;
  readonly timeoutMs?: number;
}

export async function connectClio(input: ClioConnectInput): Promise<SourceAccount> {
  const secrets = makeAuthorisationSecrets();
  const catcher = await catchCallback(input.redirectUri, secrets.state, input.timeoutMs, {
    name: 'Clio',
    setting: 'CLIO_REDIRECT_URI',
    code: 'LB_SOURCE_OAUTH_FAILED',
  });
  try {
    const { redirectUri, region } = input;
    input.showConsentPage(clioAuthorizeUrl(input.app, region, { redirectUri, ...secrets }));
    return await finishClioConnect({
      ...input,
      code: await catcher.code,
      verifier: secrets.verifier,
    });
  } finally {
    catcher.close();
  }
}

export type ClioFinishInput = Omit<ClioConnectInput, 'showConsentPage' | 'timeoutMs'> & {
  /** The code Clio's redirect carried, and the PKCE verifier of the consent it answers. */
  readonly code: string;
  readonly verifier: string;
};

/**
 * The second half of a consent, wherever its redirect was caught (the CLI's loopback, the
 * dashboard's callback route): the code exchanged, the tokens proved and stored sealed.
 */
export async function finishClioConnect(input: ClioFinishInput): Promise<SourceAccount> {
  const { redirectUri, region } = input;
  const clock = input.clock ?? systemClock;
  const credentials = await exchangeClioCode(
    input.app,
    region,
    { code: input.code, redirectUri, verifier: input.verifier },
    clock.now(),
  );
  const account = await clioSource
    .open(credentials, {
      budget: new RateBudget(clioSource.rateLimitPerMinute, clock),
      overlapMs: DEFAULT_OVERLAP_MS,
      ...(input.app.baseUrl ? { baseUrl: input.app.baseUrl } : {}),
    })
    .test();
  await saveConnection(
    input.db,
    input.key,
    { name: input.source, kind: 'clio' },
    credentials,
    account,
  );
  return account;
}
