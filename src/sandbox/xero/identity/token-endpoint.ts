/**
 * `POST /connect/token` (reference §12): form-encoded, client authenticated by HTTP Basic.
 *
 * - `authorization_code`: single-use code, same redirect_uri, PKCE S256 verifier when a challenge
 *   was sent (a client sending no secret must use PKCE).
 * - `refresh_token`: rotates; the used token keeps working for the 30-minute grace period, so a
 *   client whose response was lost can retry; after that, or after 60 unused days, invalid_grant.
 * - `client_credentials`: custom connections only; one organisation, no refresh token.
 *
 * A refresh token is issued only with the `offline_access` scope, as Xero does.
 *
 * @module
 */
import { authenticateClient } from './clients.js';
import type { IdentityDeps, OAuthAnswer } from './deps.js';
import { oauthError } from './deps.js';
import type { Grant, OAuthClient } from './model.js';
import { pkceChallenge, randomToken, readBasicAuth, signJwt } from './tokens.js';
import { SANDBOX_USER_ID } from './authorize.js';

export function tokenEndpoint(
  deps: IdentityDeps,
  form: URLSearchParams,
  authorization: string | undefined,
): OAuthAnswer {
  const auth = authenticateClient(deps, readBasicAuth(authorization), form);
  if (!auth) return oauthError('invalid_client');
  switch (form.get('grant_type')) {
    case 'authorization_code':
      return exchangeCode(deps, auth.client, auth.withSecret, form);
    case 'refresh_token':
      return refresh(deps, auth.client, form);
    case 'client_credentials':
      return auth.withSecret
        ? clientCredentials(deps, auth.client, form)
        : oauthError('invalid_client');
    default:
      return oauthError('unsupported_grant_type');
  }
}

function exchangeCode(
  deps: IdentityDeps,
  client: OAuthClient,
  withSecret: boolean,
  form: URLSearchParams,
): OAuthAnswer {
  const code = deps.state.identity.authCodes.get(form.get('code') ?? '');
  if (
    !code ||
    code.used ||
    code.clientId !== client.clientId ||
    code.expiresAt <= deps.clock.now()
  ) {
    return oauthError('invalid_grant');
  }
  if (form.get('redirect_uri') !== code.redirectUri) return oauthError('invalid_grant');
  const verifier = form.get('code_verifier');
  if (code.codeChallenge !== undefined) {
    if (!verifier || pkceChallenge(verifier) !== code.codeChallenge)
      return oauthError('invalid_grant');
  } else if (!withSecret) {
    return oauthError('invalid_client');
  }
  code.used = true;
  const grant = deps.state.identity.grants.get(code.grantId);
  return grant ? issue(deps, client, grant) : oauthError('invalid_grant');
}

function refresh(deps: IdentityDeps, client: OAuthClient, form: URLSearchParams): OAuthAnswer {
  const now = deps.clock.now();
  const token = deps.state.identity.refreshTokens.get(form.get('refresh_token') ?? '');
  if (!token || token.clientId !== client.clientId || token.expiresAt <= now)
    return oauthError('invalid_grant');
  if (token.rotatedAt !== undefined && now - token.rotatedAt > deps.settings.refreshGraceMs) {
    return oauthError('invalid_grant');
  }
  const grant = deps.state.identity.grants.get(token.grantId);
  if (!grant) return oauthError('invalid_grant');
  token.rotatedAt ??= now;
  return issue(deps, client, grant);
}

function clientCredentials(
  deps: IdentityDeps,
  client: OAuthClient,
  form: URLSearchParams,
): OAuthAnswer {
  const tenantId = client.customConnectionTenantId;
  if (!tenantId || !deps.state.orgs.has(tenantId)) return oauthError('unauthorized_client');
  const scope = (form.get('scope') ?? form.get('scopes') ?? '')
    .split(/\s+/)
    .filter((s) => s.length > 0);
  const access = accessToken(deps, client, scope, { tenantId });
  return {
    status: 200,
    body: {
      access_token: access,
      expires_in: expiresIn(deps),
      token_type: 'Bearer',
      scope: scope.join(' '),
    },
  };
}

function expiresIn(deps: IdentityDeps): number {
  return Math.round(deps.settings.accessTokenTtlMs / 1000);
}

function accessToken(
  deps: IdentityDeps,
  client: OAuthClient,
  scope: string[],
  owner: { grantId?: string; tenantId?: string },
  authEventId?: string,
): string {
  const now = deps.clock.now();
  const expiresAt = now + deps.settings.accessTokenTtlMs;
  const token = signJwt(
    {
      iss: deps.baseUrl(),
      aud: `${deps.baseUrl()}/resources`,
      nbf: Math.floor(now / 1000),
      exp: Math.floor(expiresAt / 1000),
      client_id: client.clientId,
      ...(owner.grantId
        ? {
            sub: SANDBOX_USER_ID,
            xero_userid: SANDBOX_USER_ID,
            authentication_event_id: authEventId,
          }
        : {}),
      scope,
    },
    deps.settings.jwtSecret,
  );
  deps.state.identity.accessTokens.set(token, {
    token,
    clientId: client.clientId,
    scope,
    expiresAt,
    ...owner,
  });
  sweepExpired(deps, now);
  return token;
}

/** Issues the token set of a consent. */
function issue(deps: IdentityDeps, client: OAuthClient, grant: Grant): OAuthAnswer {
  const now = deps.clock.now();
  const body: Record<string, unknown> = {};
  if (grant.scope.includes('openid')) {
    body.id_token = signJwt(
      {
        iss: deps.baseUrl(),
        aud: client.clientId,
        sub: SANDBOX_USER_ID,
        exp: Math.floor(now / 1000) + 300,
        email: 'bookkeeper@example.com',
        given_name: 'Sandbox',
        family_name: 'Bookkeeper',
      },
      deps.settings.jwtSecret,
    );
  }
  body.access_token = accessToken(
    deps,
    client,
    grant.scope,
    { grantId: grant.id },
    grant.authEventId,
  );
  body.expires_in = expiresIn(deps);
  body.token_type = 'Bearer';
  if (grant.scope.includes('offline_access')) {
    const refresh = randomToken();
    deps.state.identity.refreshTokens.set(refresh, {
      token: refresh,
      grantId: grant.id,
      clientId: client.clientId,
      issuedAt: now,
      expiresAt: now + deps.settings.refreshTokenTtlMs,
    });
    body.refresh_token = refresh;
  }
  body.scope = grant.scope.join(' ');
  return { status: 200, body };
}

/** Drops long-expired access tokens now and then, so a long run does not grow without bound. */
function sweepExpired(deps: IdentityDeps, now: number): void {
  const tokens = deps.state.identity.accessTokens;
  if (tokens.size % 512 !== 0) return;
  for (const [key, t] of tokens)
    if (t.expiresAt < now - deps.settings.accessTokenTtlMs) tokens.delete(key);
}
