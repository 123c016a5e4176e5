/**
 * OAuth 2.0 as Clio Manage documents it (docs.developers.clio.com/api-docs/authorization, FAQ):
 *
 * - Authorization-code grant: `GET /oauth/authorize?response_type=code&client_id&redirect_uri
 *   &state` redirects back with `code`; `POST /oauth/token` (form fields `client_id`,
 *   `client_secret`, `grant_type`, `code`, `redirect_uri`) answers `{token_type: "bearer",
 *   access_token, expires_in, refresh_token}`. Consent is automatic: the firm's user agrees at
 *   once (the emulator-only `firm` parameter picks whose user signs in; default the region's
 *   first firm).
 * - Access tokens last 30 days (`expires_in` 2,592,000). Manage refresh tokens "do not expire and
 *   can be reused"; a refresh answers a new access token and no new refresh token.
 * - `POST /oauth/deauthorize` with the access token as Bearer revokes the grant: its access and
 *   refresh tokens stop working.
 * - PKCE is accepted (RFC 7636, S256 or plain) when the authorize request carries a
 *   `code_challenge`; Clio's Manage pages do not mention it (an assumption).
 * - Everything is per region: a code, token or app from one region is unknown in another.
 *
 * @module
 */
import type { Clock } from '../../time/clock.js';
import { pkceChallenge, randomToken } from '../xero/identity/tokens.js';
import type { OAuthAnswer } from '../emulator-kit/oauth-kit.js';
import {
  authenticateClient,
  bearerToken,
  byGrantType,
  oauthError,
  redirectWith,
} from '../emulator-kit/oauth-kit.js';
import type { Region } from './regions.js';

export interface AppRecord {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** The regions whose developer portal the app was created in. */
  regions: Region[];
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  firmId: number;
  region: Region;
  challenge?: { value: string; method: 'S256' | 'plain' };
  expiresAt: number;
}

export interface GrantRecord {
  grantId: string;
  clientId: string;
  firmId: number;
  region: Region;
}

export interface TokenRecord extends GrantRecord {
  expiresAt: number;
}

export interface AuthState {
  apps: Map<string, AppRecord>;
  codes: Map<string, CodeRecord>;
  accessTokens: Map<string, TokenRecord>;
  refreshTokens: Map<string, GrantRecord>;
}

export interface OAuthSettings {
  clock: Clock;
  accessTokenTtlMs: number;
  codeTtlMs: number;
  /** The firm whose user consents in a region (the `firm` query parameter, else the first). */
  loginFirm(region: Region, requested: string | null): number | undefined;
}

export function emptyAuthState(): AuthState {
  return { apps: new Map(), codes: new Map(), accessTokens: new Map(), refreshTokens: new Map() };
}

function readChallenge(query: URLSearchParams): CodeRecord['challenge'] | 'bad' | undefined {
  const value = query.get('code_challenge');
  if (value === null) return undefined;
  const method = query.get('code_challenge_method') ?? 'plain';
  return method === 'S256' || method === 'plain' ? { value, method } : 'bad';
}

export function authorize(
  state: AuthState,
  settings: OAuthSettings,
  region: Region,
  query: URLSearchParams,
): OAuthAnswer {
  const app = state.apps.get(query.get('client_id') ?? '');
  if (!app || !app.regions.includes(region))
    return oauthError('invalid_client', 'Unknown client_id in this region.');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri))
    return oauthError('invalid_request', 'redirect_uri is not registered for this client.');
  const st = query.get('state') ?? undefined;
  if (query.get('response_type') !== 'code')
    return redirectWith(redirectUri, { error: 'unsupported_response_type', state: st });
  const challenge = readChallenge(query);
  if (challenge === 'bad')
    return redirectWith(redirectUri, {
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256 or plain',
      state: st,
    });
  const firmId = settings.loginFirm(region, query.get('firm'));
  if (firmId === undefined) return redirectWith(redirectUri, { error: 'access_denied', state: st });
  const code = randomToken();
  state.codes.set(code, {
    clientId: app.clientId,
    redirectUri,
    firmId,
    region,
    ...(challenge ? { challenge } : {}),
    expiresAt: settings.clock.now() + settings.codeTtlMs,
  });
  return redirectWith(redirectUri, { code, state: st });
}

function accessAnswer(state: AuthState, settings: OAuthSettings, grant: GrantRecord): string {
  const access = randomToken();
  state.accessTokens.set(access, {
    ...grant,
    expiresAt: settings.clock.now() + settings.accessTokenTtlMs,
  });
  return access;
}

function verifierMatches(challenge: CodeRecord['challenge'], verifier: string | null): boolean {
  if (!challenge) return true;
  if (verifier === null) return false;
  return (challenge.method === 'S256' ? pkceChallenge(verifier) : verifier) === challenge.value;
}

function exchangeCode(
  state: AuthState,
  settings: OAuthSettings,
  region: Region,
  app: AppRecord,
  params: URLSearchParams,
): OAuthAnswer {
  const codeText = params.get('code') ?? '';
  const code = state.codes.get(codeText);
  state.codes.delete(codeText);
  if (
    !code ||
    code.clientId !== app.clientId ||
    code.region !== region ||
    code.expiresAt <= settings.clock.now()
  )
    return oauthError('invalid_grant', 'The authorization code is invalid or has expired.');
  if (params.get('redirect_uri') !== code.redirectUri)
    return oauthError('invalid_grant', 'redirect_uri does not match the authorization request.');
  if (!verifierMatches(code.challenge, params.get('code_verifier')))
    return oauthError('invalid_grant', 'code_verifier does not match the code_challenge.');
  const grant: GrantRecord = {
    grantId: randomToken(12),
    clientId: app.clientId,
    firmId: code.firmId,
    region: code.region,
  };
  const refresh = randomToken();
  state.refreshTokens.set(refresh, grant);
  const access = accessAnswer(state, settings, grant);
  return {
    status: 200,
    body: {
      token_type: 'bearer',
      access_token: access,
      expires_in: Math.round(settings.accessTokenTtlMs / 1000),
      refresh_token: refresh,
    },
  };
}

function refresh(
  state: AuthState,
  settings: OAuthSettings,
  app: AppRecord,
  params: URLSearchParams,
): OAuthAnswer {
  const grant = state.refreshTokens.get(params.get('refresh_token') ?? '');
  if (!grant || grant.clientId !== app.clientId)
    return oauthError('invalid_grant', 'The refresh token is invalid or has been revoked.');
  return {
    status: 200,
    body: {
      token_type: 'bearer',
      access_token: accessAnswer(state, settings, grant),
      expires_in: Math.round(settings.accessTokenTtlMs / 1000),
    },
  };
}

export function tokenEndpoint(
  state: AuthState,
  settings: OAuthSettings,
  region: Region,
  params: URLSearchParams,
  authorization: string | undefined,
): OAuthAnswer {
  const found = authenticateClient(state.apps, params, authorization);
  const app = found?.regions.includes(region) ? found : undefined;
  if (!app) return oauthError('invalid_client', 'Client authentication failed.', 401);
  return byGrantType(params, {
    authorization_code: () => exchangeCode(state, settings, region, app, params),
    refresh_token: () => refresh(state, settings, app, params),
  });
}

export type BearerCheck =
  { ok: true; token: string; record: TokenRecord } | { ok: false; detail: string };

/** The access token of a call, valid in its own region only. */
export function checkBearer(
  state: AuthState,
  clock: Clock,
  header: string | undefined,
  region: Region,
): BearerCheck {
  const token = bearerToken(header);
  if (!token) return { ok: false, detail: 'No bearer token was supplied.' };
  const record = state.accessTokens.get(token);
  if (!record || record.region !== region)
    return { ok: false, detail: 'The access token is invalid or was revoked.' };
  if (record.expiresAt <= clock.now())
    return { ok: false, detail: 'The access token has expired.' };
  return { ok: true, token, record };
}

/** Revokes the grant of an access token: every access token and refresh token it issued. */
export function deauthorize(state: AuthState, grantId: string): void {
  for (const [k, v] of state.accessTokens) if (v.grantId === grantId) state.accessTokens.delete(k);
  for (const [k, v] of state.refreshTokens)
    if (v.grantId === grantId) state.refreshTokens.delete(k);
}
