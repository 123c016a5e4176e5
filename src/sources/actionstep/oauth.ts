/**
 * Actionstep's OAuth 2.0 endpoints (docs.actionstep.com/authentication): the authorization-code
 * grant, with a PKCE S256 challenge (not in Actionstep's docs, which neither require nor mention it;
 * a server that ignores it is unaffected, RFC 7636 §5), and refresh. The token answer names the
 * organisation's own `api_endpoint` and `orgkey` (the official sample's AccessTokenResponseDto);
 * a refresh answers a new refresh token too, so the one used is replaced (rotation).
 *
 * @module
 */
import { z } from 'zod';
import { LedgerbridgeError } from '../../errors/ledgerbridge-error.js';

export interface ActionstepApp {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  readonly clientSecret?: string;
}

/** Resources the connector reads; the scope names them (docs.actionstep.com/api-scopes). */
export const ACTIONSTEP_SCOPES = [
  'divisions',
  'participants',
  'bills',
  'billlines',
  'creditnotes',
  'receipts',
  'receiptallocations',
  'taxcodes',
  'accounts',
] as const;

export interface IssuedActionstepTokens {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: number;
  readonly apiEndpoint: string;
  readonly orgkey: string;
}

const answerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  api_endpoint: z.url(),
  orgkey: z.string().min(1),
});

const TIMEOUT_MS = 30_000;

export function actionstepAuthorizeUrl(
  app: ActionstepApp,
  p: { redirectUri: string; state: string; challenge: string },
): string {
  const url = new URL(app.authorizeUrl);
  const params = {
    response_type: 'code',
    client_id: app.clientId,
    redirect_uri: p.redirectUri,
    scope: ACTIONSTEP_SCOPES.join(' '),
    state: p.state,
    code_challenge: p.challenge,
    code_challenge_method: 'S256',
  };
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  return url.toString();
}

export function exchangeActionstepCode(
  app: ActionstepApp,
  p: { code: string; redirectUri: string; verifier: string },
  nowMs: number,
  fetcher: typeof fetch = fetch,
): Promise<IssuedActionstepTokens> {
  const form = {
    grant_type: 'authorization_code',
    code: p.code,
    redirect_uri: p.redirectUri,
    code_verifier: p.verifier,
  };
  return tokenRequest(app, form, nowMs, fetcher, 'LB_SOURCE_CREDENTIALS_INVALID');
}

/** A new token pair; a refused refresh token means the grant is gone: reconnect. */
export function refreshActionstepTokens(
  app: Pick<ActionstepApp, 'tokenUrl' | 'clientId' | 'clientSecret'>,
  refreshToken: string,
  nowMs: number,
  fetcher: typeof fetch = fetch,
): Promise<IssuedActionstepTokens> {
  const form = { grant_type: 'refresh_token', refresh_token: refreshToken };
  return tokenRequest(app, form, nowMs, fetcher, 'LB_SOURCE_NEEDS_RECONNECT');
}

async function tokenRequest(
  app: Pick<ActionstepApp, 'tokenUrl' | 'clientId' | 'clientSecret'>,
  form: Record<string, string>,
  nowMs: number,
  fetcher: typeof fetch,
  refusal: 'LB_SOURCE_CREDENTIALS_INVALID' | 'LB_SOURCE_NEEDS_RECONNECT',
): Promise<IssuedActionstepTokens> {
  // Client id and secret as form fields, as Actionstep's sample app sends them.
  const body = new URLSearchParams({
    ...form,
    client_id: app.clientId,
    ...(app.clientSecret ? { client_secret: app.clientSecret } : {}),
  });
  let response: Response;
  try {
    response = await fetcher(app.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (cause) {
    throw new LedgerbridgeError(
      'LB_SOURCE_UNAVAILABLE',
      `Actionstep's token endpoint could not be reached at ${new URL(app.tokenUrl).host}`,
      { cause },
    );
  }
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.status >= 500)
    throw new LedgerbridgeError(
      'LB_SOURCE_UNAVAILABLE',
      `Actionstep's token endpoint failed with HTTP ${response.status}`,
    );
  if (!response.ok) {
    const error = z.object({ error: z.string() }).safeParse(answer);
    throw new LedgerbridgeError(
      refusal,
      `Actionstep refused the ${form.grant_type === 'refresh_token' ? 'stored grant' : 'authorisation code'} (${error.success ? error.data.error : `HTTP ${response.status}`})`,
    );
  }
  const parsed = answerSchema.safeParse(answer);
  if (!parsed.success)
    throw new LedgerbridgeError(
      'LB_SOURCE_BAD_RESPONSE',
      `Actionstep's token answer lacks ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}`,
    );
  return {
    accessToken: parsed.data.access_token,
    refreshToken: parsed.data.refresh_token,
    expiresAt: nowMs + parsed.data.expires_in * 1000,
    apiEndpoint: parsed.data.api_endpoint,
    orgkey: parsed.data.orgkey,
  };
}
