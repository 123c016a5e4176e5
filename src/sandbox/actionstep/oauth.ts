/**
 * OAuth 2.0 as Actionstep documents it (docs.actionstep.com/authentication; legacy guide
 * actionstep.atlassian.net/wiki/spaces/API/pages/12025899/Authorization):
 *
 * - Authorization-code grant only; `GET /api/oauth/authorize` (go.actionstep.com) and
 *   `POST /api/oauth/token` (api.actionstep.com) — here both at the emulator's base URL. Consent
 *   is automatic: the user of the login organisation (control surface) agrees at once.
 * - `scope`: space-separated resource names, or `all`; when absent, the app's registered scope
 *   ("can either be set server-side, or on a request-by-request basis").
 * - Access tokens live 60 minutes, refresh tokens 21 days; "A Refresh Token is returned with every
 *   Access Token issued". The refresh token used is spent (rotation; an assumption — the docs do
 *   not say whether the old one keeps working).
 * - The token answer is `{access_token, token_type, expires_in, refresh_token, api_endpoint,
 *   orgkey}` (official sample app, AccessTokenResponseDto.cs; the PHP SDK checks the same keys).
 *   `api_endpoint` is the base every API call must use.
 * - Client authentication by form fields (sample app) or HTTP Basic (PHP SDK); parameters in the
 *   form body or the query string (the PHP SDK sends them in the query).
 * - PKCE is not mentioned by Actionstep; a `code_challenge` (S256 only) is honoured if sent.
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

export interface AppRecord {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** The server-side scope, used when an authorize request names none. */
  scope: string;
}

interface CodeRecord {
  clientId: string;
  redirectUri: string;
  orgkey: string;
  scope: string[];
  challenge?: string;
  expiresAt: number;
}

export interface TokenRecord {
  clientId: string;
  orgkey: string;
  scope: string[];
  expiresAt: number;
}

export interface AuthState {
  apps: Map<string, AppRecord>;
  codes: Map<string, CodeRecord>;
  accessTokens: Map<string, TokenRecord>;
  refreshTokens: Map<string, TokenRecord>;
  /** The organisation whose user consents at the authorize endpoint. */
  loginOrgkey?: string;
}

export interface OAuthSettings {
  clock: Clock;
  accessTokenTtlMs: number;
  refreshTokenTtlMs: number;
  codeTtlMs: number;
  apiEndpoint(orgkey: string): string;
  hasOrganisation(orgkey: string): boolean;
}

export function emptyAuthState(): AuthState {
  return { apps: new Map(), codes: new Map(), accessTokens: new Map(), refreshTokens: new Map() };
}

const words = (text: string): string[] => text.split(/\s+/).filter((w) => w.length > 0);

export function authorize(
  state: AuthState,
  settings: OAuthSettings,
  query: URLSearchParams,
): OAuthAnswer {
  const app = state.apps.get(query.get('client_id') ?? '');
  if (!app) return oauthError('unauthorized_client', 'Unknown client_id.');
  const redirectUri = query.get('redirect_uri') ?? '';
  if (!app.redirectUris.includes(redirectUri))
    return oauthError('invalid_request', 'redirect_uri is not registered for this client.');
  const st = query.get('state') ?? undefined;
  if (query.get('response_type') !== 'code')
    return redirectWith(redirectUri, { error: 'unsupported_response_type', state: st });
  const challenge = query.get('code_challenge') ?? undefined;
  if (challenge !== undefined && query.get('code_challenge_method') !== 'S256')
    return redirectWith(redirectUri, {
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256',
      state: st,
    });
  // The emulator's stand-in for the login page: `orgkey` picks whose user signs in.
  const orgkey = query.get('orgkey') ?? state.loginOrgkey ?? '';
  if (!settings.hasOrganisation(orgkey))
    return redirectWith(redirectUri, { error: 'access_denied', state: st });
  const code = randomToken();
  state.codes.set(code, {
    clientId: app.clientId,
    redirectUri,
    orgkey,
    scope: words(query.get('scope') ?? app.scope),
    ...(challenge !== undefined ? { challenge } : {}),
    expiresAt: settings.clock.now() + settings.codeTtlMs,
  });
  return redirectWith(redirectUri, { code, state: st });
}

function issue(
  state: AuthState,
  settings: OAuthSettings,
  grant: Omit<TokenRecord, 'expiresAt'>,
): OAuthAnswer {
  const now = settings.clock.now();
  const access = randomToken();
  const refresh = randomToken();
  state.accessTokens.set(access, { ...grant, expiresAt: now + settings.accessTokenTtlMs });
  state.refreshTokens.set(refresh, { ...grant, expiresAt: now + settings.refreshTokenTtlMs });
  return {
    status: 200,
    body: {
      access_token: access,
      token_type: 'bearer',
      expires_in: Math.round(settings.accessTokenTtlMs / 1000),
      refresh_token: refresh,
      api_endpoint: settings.apiEndpoint(grant.orgkey),
      orgkey: grant.orgkey,
    },
  };
}

function exchangeCode(
  state: AuthState,
  settings: OAuthSettings,
  app: AppRecord,
  params: URLSearchParams,
): OAuthAnswer {
  const codeText = params.get('code') ?? '';
  const code = state.codes.get(codeText);
  state.codes.delete(codeText);
  if (!code || code.clientId !== app.clientId || code.expiresAt <= settings.clock.now())
    return oauthError('invalid_grant', 'The authorization code is invalid or has expired.');
  if (params.get('redirect_uri') !== code.redirectUri)
    return oauthError('invalid_grant', 'redirect_uri does not match the authorization request.');
  if (
    code.challenge !== undefined &&
    pkceChallenge(params.get('code_verifier') ?? '') !== code.challenge
  )
    return oauthError('invalid_grant', 'code_verifier does not match the code_challenge.');
  return issue(state, settings, { clientId: app.clientId, orgkey: code.orgkey, scope: code.scope });
}

function refresh(
  state: AuthState,
  settings: OAuthSettings,
  app: AppRecord,
  params: URLSearchParams,
): OAuthAnswer {
  const tokenText = params.get('refresh_token') ?? '';
  const token = state.refreshTokens.get(tokenText);
  if (!token || token.clientId !== app.clientId || token.expiresAt <= settings.clock.now())
    return oauthError('invalid_grant', 'The refresh token is invalid or has expired.');
  state.refreshTokens.delete(tokenText);
  return issue(state, settings, {
    clientId: app.clientId,
    orgkey: token.orgkey,
    scope: token.scope,
  });
}

export function tokenEndpoint(
  state: AuthState,
  settings: OAuthSettings,
  params: URLSearchParams,
  authorization: string | undefined,
): OAuthAnswer {
  const app = authenticateClient(state.apps, params, authorization);
  if (!app) return oauthError('invalid_client', 'Client authentication failed.', 401);
  return byGrantType(params, {
    authorization_code: () => exchangeCode(state, settings, app, params),
    refresh_token: () => refresh(state, settings, app, params),
  });
}

export type BearerCheck =
  { ok: true; token: string; record: TokenRecord } | { ok: false; detail: string };

/** The access token of an API call, valid for `orgkey`'s endpoint only. */
export function checkBearer(
  state: AuthState,
  clock: Clock,
  header: string | undefined,
  orgkey: string,
): BearerCheck {
  const token = bearerToken(header);
  if (!token) return { ok: false, detail: 'No bearer token was supplied.' };
  const record = state.accessTokens.get(token);
  if (!record) return { ok: false, detail: 'The access token is invalid.' };
  if (record.expiresAt <= clock.now())
    return { ok: false, detail: 'The access token has expired.' };
  if (record.orgkey !== orgkey)
    return { ok: false, detail: 'The access token is not valid for this api_endpoint.' };
  return { ok: true, token, record };
}

/** True when the token's scope covers the resource ("all", or the resource's own name). */
export function inScope(record: TokenRecord, resource: string): boolean {
  return record.scope.includes('all') || record.scope.includes(resource);
}
