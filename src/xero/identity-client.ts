/**
 * Xero identity over HTTP: the consent URL, the token endpoint (authorization code with PKCE,
 * refresh, client credentials), revocation and the connections list. Returns expected refusals
 * (`invalid_grant` …) as values; network faults and 5xx throw LB_XERO_UNAVAILABLE. No token ever
 * appears in a message.
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { LedgerbridgeError } from '../errors/ledgerbridge-error.js';
import type { Clock } from '../time/clock.js';

/**
 * The fix when Xero's token endpoint answers `invalid_client`: the app's id or secret is wrong
 * (RFC 6749 §5.2), whatever the grant — never the redirect URI, which Xero reports otherwise.
 */
export const CLIENT_REFUSED_FIX =
  'Check XERO_CLIENT_ID and XERO_CLIENT_SECRET against your app at developer.xero.com (My Apps → your app → Configuration; generate a new secret there if it was lost).';

export interface XeroEndpoints {
  /** Base of /api.xro/2.0 and /connections. */
  readonly apiUrl: string;
  /** Base of /connect/token and /connect/revocation. */
  readonly identityUrl: string;
  /** Base of /identity/connect/authorize. */
  readonly loginUrl: string;
}

export interface AppCredentials {
  readonly clientId: string;
  readonly clientSecret?: string;
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly refreshToken?: string;
  /** When the access token expires, on the injected clock (ms). */
  readonly expiresAt: number;
  readonly scope: string;
}

export type TokenOutcome =
  | { readonly ok: true; readonly tokens: IssuedTokens }
  | { readonly ok: false; readonly error: string };

export interface XeroConnection {
  readonly id: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly tenantType: string;
  readonly authEventId?: string;
}

const TIMEOUT_MS = 30_000;
/**
 * A token request that met a dropped connection or a 5xx is sent again, twice, after 0.5 s and
 * 1 s. Safe for a refresh: if the first request did rotate the token, Xero still accepts the old
 * refresh token for a 30-minute grace period
 * (https://developer.xero.com/documentation/guides/oauth2/token-types/#refresh-token).
 */
const TOKEN_ATTEMPTS = 3;
const TOKEN_RETRY_DELAY_MS = 500;

/** A PKCE pair (RFC 7636, S256) and an unguessable state. */
export function makeAuthorisationSecrets(): { verifier: string; challenge: string; state: string } {
  const verifier = randomBytes(48).toString('base64url');
  return {
    verifier,
    challenge: createHash('sha256').update(verifier).digest('base64url'),
    state: randomBytes(24).toString('base64url'),
  };
}

export function authorizeUrl(
  endpoints: XeroEndpoints,
  app: AppCredentials,
  p: { redirectUri: string; scopes: readonly string[]; state: string; challenge: string },
): string {
  const url = new URL('/identity/connect/authorize', endpoints.loginUrl);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: p.redirectUri,
    scope: p.scopes.join(' '),
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}

export function exchangeCode(
  endpoints: XeroEndpoints,
  app: AppCredentials,
  p: { code: string; redirectUri: string; verifier: string },
  clock: Clock,
): Promise<TokenOutcome> {
  return tokenRequest(
    endpoints,
    app,
    {
      grant_type: 'authorization_code',
      code: p.code,
      redirect_uri: p.redirectUri,
      code_verifier: p.verifier,
    },
    clock,
  );
}

export function refreshTokens(
  endpoints: XeroEndpoints,
  app: AppCredentials,
  refreshToken: string,
  clock: Clock,
): Promise<TokenOutcome> {
  return tokenRequest(
    endpoints,
    app,
    { grant_type: 'refresh_token', refresh_token: refreshToken },
    clock,
  );
}

export function clientCredentialsToken(
  endpoints: XeroEndpoints,
  app: AppCredentials,
  scopes: readonly string[],
  clock: Clock,
): Promise<TokenOutcome> {
  return tokenRequest(
    endpoints,
    app,
    { grant_type: 'client_credentials', scope: scopes.join(' ') },
    clock,
  );
}

/** Revokes a refresh token (and with it every access token of the grant). */
export async function revokeToken(
  endpoints: XeroEndpoints,
  app: AppCredentials,
  refreshToken: string,
): Promise<void> {
  const response = await call(new URL('/connect/revocation', endpoints.identityUrl), {
    method: 'POST',
    headers: { ...basicAuth(app), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: refreshToken }).toString(),
  });
  if (response.status >= 500) throw unavailable('revocation', response.status);
}

export async function listConnections(
  endpoints: XeroEndpoints,
  accessToken: string,
): Promise<XeroConnection[]> {
  const response = await call(new URL('/connections', endpoints.apiUrl), {
    headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
  });
  if (response.status === 401 || response.status === 403)
    throw new LedgerbridgeError(
      'LB_XERO_UNAUTHORISED',
      `Xero refused to list connections (HTTP ${response.status})`,
    );
  if (!response.ok) throw unavailable('connections', response.status);
  const rows = (await response.json()) as XeroConnection[];
  return rows.map(({ id, tenantId, tenantName, tenantType, authEventId }) => ({
    id,
    tenantId,
    tenantName,
    tenantType,
    ...(authEventId && { authEventId }),
  }));
}

export async function deleteConnection(
  endpoints: XeroEndpoints,
  accessToken: string,
  connectionId: string,
): Promise<void> {
  const response = await call(
    new URL(`/connections/${encodeURIComponent(connectionId)}`, endpoints.apiUrl),
    { method: 'DELETE', headers: { authorization: `Bearer ${accessToken}` } },
  );
  if (response.status >= 500) throw unavailable('connections', response.status);
}

async function tokenRequest(
  endpoints: XeroEndpoints,
  app: AppCredentials,
  form: Record<string, string>,
  clock: Clock,
): Promise<TokenOutcome> {
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    accept: 'application/json',
  };
  // Confidential apps authenticate with Basic; a PKCE-only app sends its client id in the form.
  if (app.clientSecret) Object.assign(headers, basicAuth(app));
  else form = { ...form, client_id: app.clientId };
  const started = clock.now();
  const response = await postTokenForm(endpoints, headers, new URLSearchParams(form).toString());
  const body = (await response.json().catch(() => ({}))) as Record<string, unknown>;
  if (!response.ok || typeof body.access_token !== 'string')
    return {
      ok: false,
      error: typeof body.error === 'string' ? body.error : `http_${response.status}`,
    };
  return {
    ok: true,
    tokens: {
      accessToken: body.access_token,
      ...(typeof body.refresh_token === 'string' && { refreshToken: body.refresh_token }),
      // Measured from when we asked, so a slow answer errs towards refreshing early.
      expiresAt: started + Number(body.expires_in ?? 1800) * 1000,
      scope: typeof body.scope === 'string' ? body.scope : '',
    },
  };
}

async function postTokenForm(
  endpoints: XeroEndpoints,
  headers: Record<string, string>,
  body: string,
): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    const last = attempt >= TOKEN_ATTEMPTS;
    try {
      const url = new URL('/connect/token', endpoints.identityUrl);
      const response = await call(url, { method: 'POST', headers, body });
      if (response.status < 500) return response;
      if (last) throw unavailable('token endpoint', response.status);
    } catch (error) {
      if (last || !(error instanceof LedgerbridgeError)) throw error;
    }
    await sleep(TOKEN_RETRY_DELAY_MS * 2 ** (attempt - 1));
  }
}

function basicAuth(app: AppCredentials): Record<string, string> {
  return {
    authorization: `Basic ${Buffer.from(`${app.clientId}:${app.clientSecret ?? ''}`).toString('base64')}`,
  };
}

async function call(url: URL, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_XERO_UNAVAILABLE',
      `Xero identity at ${url.origin} did not answer: ${(cause as Error).message}`,
      { cause },
    );
  }
}

function unavailable(what: string, status: number): LedgerbridgeError {
  return new LedgerbridgeError('LB_XERO_UNAVAILABLE', `Xero ${what} failed with HTTP ${status}`);
}
