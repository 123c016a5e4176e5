/**
 * Clio's OAuth 2.0 (docs.developers.clio.com/api-docs/authorization): the authorization-code grant
 * with a PKCE S256 challenge (RFC 7636; a server that ignores it is unaffected, §5), and refresh.
 * Access tokens last 30 days; Manage refresh tokens "do not expire and can be reused", so a
 * refresh answer without a `refresh_token` keeps the old one (developers.clio.com FAQ).
 *
 * @module
 */
import { z } from 'zod';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';
import type { ClioCredentials } from './credentials.js';
import { regionRoot, type ClioRegion } from './regions.js';

export interface ClioApp {
  readonly clientId: string;
  readonly clientSecret: string;
  /** Overrides the regional hosts (CLIO_BASE_URL: an emulator, regions under `/<region>`). */
  readonly baseUrl?: string;
}

const answerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1).optional(),
  expires_in: z.coerce.number().positive(),
});

const TIMEOUT_MS = 30_000;

export function clioAuthorizeUrl(
  app: ClioApp,
  region: ClioRegion,
  p: { redirectUri: string; state: string; challenge: string },
): string {
  const url = new URL(`${regionRoot(region, app.baseUrl)}/oauth/authorize`);
  const params = {
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: p.redirectUri,
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

/** The code from the consent redirect → credentials to seal (they hold the app's client too). */
export async function exchangeClioCode(
  app: ClioApp,
  region: ClioRegion,
  p: { code: string; redirectUri: string; verifier: string },
  nowMs: number,
  fetcher: typeof fetch = fetch,
): Promise<ClioCredentials> {
  const form = {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
  };
  const answer = await tokenRequest(app, region, form, fetcher);
  if (!answer.refresh_token)
    throw new LedgerbridgeError('LB_SOURCE_BAD_RESPONSE', 'Clio issued no refresh token');
  return {
    region,
    clientId: app.clientId,
    clientSecret: app.clientSecret,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    expiresAt: nowMs + answer.expires_in * 1000,
  };
}

/** New access token for `c`; a refused refresh token means the firm must connect again. */
export async function refreshClioTokens(
  c: ClioCredentials,
  app: Pick<ClioApp, 'baseUrl'>,
  nowMs: number,
  fetcher: typeof fetch = fetch,
): Promise<ClioCredentials> {
  const form = { grant_type: 'refresh_token', refresh_token: c.refreshToken };
  const answer = await tokenRequest({ ...c, ...app }, c.region, form, fetcher);
  return {
    ...c,
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token ?? c.refreshToken,
    expiresAt: nowMs + answer.expires_in * 1000,
  };
}

async function tokenRequest(
  app: ClioApp,
  region: ClioRegion,
  form: Record<string, string>,
  fetcher: typeof fetch,
): Promise<z.infer<typeof answerSchema>> {
  const url = `${regionRoot(region, app.baseUrl)}/oauth/token`;
  let response: Response;
  try {
    response = await fetcher(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        ...form,
        client_id: app.clientId,
        client_secret: app.clientSecret,
      }),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new LedgerbridgeError('LB_SOURCE_UNAVAILABLE', `Clio could not be reached at ${url}`, {
      cause,
    });
  }
  if (response.status === 400 || response.status === 401)
    throw new LedgerbridgeError(
      'LB_SOURCE_NEEDS_RECONNECT',
      `Clio refused the ${form.grant_type === 'refresh_token' ? 'stored refresh token' : 'authorization code'} (HTTP ${response.status})`,
      { details: { status: response.status } },
    );
  if (!response.ok)
    throw new LedgerbridgeError(
      'LB_SOURCE_UNAVAILABLE',
      `Clio's token endpoint answered HTTP ${response.status}`,
      { details: { status: response.status } },
    );
  const parsed = answerSchema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success)
    throw new LedgerbridgeError(
      'LB_SOURCE_BAD_RESPONSE',
      "Clio's token answer has no access token",
    );
  return parsed.data;
}
