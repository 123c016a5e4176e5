/**
 * Access tokens on demand. Refreshes ahead of expiry; refreshes racing in one process share one
 * promise, and across processes the token set's row lock makes the second find the first's
 * fresh token — so two workers never burn a refresh token (Xero rotates it on every use and
 * accepts the old one only for a 30-minute grace, reference/xero-api.md §12). The rotated token
 * is committed before the new access token is handed out. A refused grant marks every
 * organisation of the consent "needs reconnecting" once, instead of retrying in a storm.
 *
 * @module
 */
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Database } from '../store/database.js';
import type { Clock } from '../time/clock.js';
import {
  CLIENT_REFUSED_FIX,
  clientCredentialsToken,
  refreshTokens,
  type AppCredentials,
  type IssuedTokens,
  type XeroEndpoints,
} from './identity-client.js';
import type { SealingKey } from './token-crypto.js';
import { markTokenSet, readTokenSet, saveTokenSet } from './token-store.js';

/** Refresh this long before expiry, so a call never starts with a token about to lapse. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

export interface TokenManager {
  accessToken(tokenSetId: string): Promise<string>;
  /** Forgets the cached token (after Xero answered 401 to it). */
  invalidate(tokenSetId: string): void;
}

export interface TokenManagerDeps {
  readonly db: Database;
  readonly key: SealingKey;
  readonly endpoints: XeroEndpoints;
  readonly app: AppCredentials;
  readonly clock: Clock;
}

export function makeTokenManager(deps: TokenManagerDeps): TokenManager {
  const cache = new Map<string, IssuedTokens>();
  const inFlight = new Map<string, Promise<IssuedTokens>>();
  const fresh = (t: IssuedTokens | undefined) =>
    t !== undefined && t.expiresAt - REFRESH_MARGIN_MS > deps.clock.now();

  return {
    async accessToken(id) {
      const cached = cache.get(id);
      if (fresh(cached)) return cached!.accessToken;
      let pending = inFlight.get(id);
      if (!pending) {
        pending = refreshUnderLock(deps, id, fresh).finally(() => inFlight.delete(id));
        inFlight.set(id, pending);
      }
      const tokens = await pending;
      cache.set(id, tokens);
      return tokens.accessToken;
    },
    invalidate(id) {
      cache.delete(id);
    },
  };
}

async function refreshUnderLock(
  deps: TokenManagerDeps,
  id: string,
  fresh: (t: IssuedTokens) => boolean,
): Promise<IssuedTokens> {
  let refused: string | undefined;
  const tokens = await deps.db.transaction(async (tx) => {
    const stored = await readTokenSet(tx, deps.key, id, true);
    if (stored.status !== 'active')
      throw new LedgerbridgeError(
        'LB_XERO_NEEDS_RECONNECT',
        `The Xero connection ${id} ${stored.statusReason ?? 'needs reconnecting'}`,
      );
    if (fresh(stored.tokens)) return stored.tokens; // another process refreshed while we waited
    const outcome =
      stored.grantType === 'client_credentials'
        ? await clientCredentialsToken(
            deps.endpoints,
            deps.app,
            stored.tokens.scope.split(' ').filter(Boolean),
            deps.clock,
          )
        : stored.tokens.refreshToken
          ? await refreshTokens(deps.endpoints, deps.app, stored.tokens.refreshToken, deps.clock)
          : ({ ok: false, error: 'no_refresh_token' } as const);
    if (!outcome.ok) {
      refused = outcome.error;
      return undefined;
    }
    // Client-credential tokens come without a refresh token; keep the scope we asked for.
    const next = { ...outcome.tokens, scope: outcome.tokens.scope || stored.tokens.scope };
    await saveTokenSet(tx, deps.key, id, stored.grantType, next);
    return next;
  });
  if (tokens) return tokens;
  if (refused === 'invalid_client')
    throw new LedgerbridgeError(
      'LB_XERO_UNAUTHORISED',
      'Xero refused the app’s client id or secret',
      { fix: CLIENT_REFUSED_FIX },
    );
  const reason = `was refused by Xero (${refused}) — it expired or was revoked`;
  await markTokenSet(deps.db, id, 'needs_reconnect', reason);
  throw new LedgerbridgeError('LB_XERO_NEEDS_RECONNECT', `The Xero connection ${id} ${reason}`);
}
