/**
 * OAuth answers shared by the PMS emulators: RFC 6749 error bodies, redirects carrying the
 * result, and token-endpoint parameters read from the form body and the query string.
 *
 * @module
 */
import type { Context, Env } from 'hono';
import { readBasicAuth } from '../xero/identity/tokens.js';

export type OAuthAnswer = { status: number; body: Record<string, unknown> } | { redirect: string };

export const oauthError = (error: string, description: string, status = 400): OAuthAnswer => ({
  status,
  body: { error, error_description: description },
});

export function redirectWith(uri: string, params: Record<string, string | undefined>): OAuthAnswer {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  return { redirect: url.toString() };
}

export function oauthResponse(answer: OAuthAnswer): Response {
  if ('redirect' in answer)
    return new Response(null, { status: 302, headers: { location: answer.redirect } });
  return new Response(JSON.stringify(answer.body), {
    status: answer.status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

/** Token parameters from the form body and the query string (some SDKs use the latter). */
export async function tokenParams<E extends Env>(c: Context<E>): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(c.req.url).search);
  const type = c.req.header('content-type') ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    for (const [k, v] of new URLSearchParams(await c.req.text())) params.set(k, v);
  return params;
}

/** The client of a token request: HTTP Basic, else the form's client_id and client_secret. */
export function authenticateClient<A extends { clientSecret: string }>(
  apps: ReadonlyMap<string, A>,
  params: URLSearchParams,
  authorization: string | undefined,
): A | undefined {
  const basic = readBasicAuth(authorization);
  const app = apps.get(basic?.id ?? params.get('client_id') ?? '');
  const secret = basic?.secret ?? params.get('client_secret') ?? '';
  return app && app.clientSecret === secret ? app : undefined;
}

/** Runs the grant the request names; any other grant type is refused. */
export function byGrantType(
  params: URLSearchParams,
  grants: { authorization_code: () => OAuthAnswer; refresh_token: () => OAuthAnswer },
): OAuthAnswer {
  const grant = params.get('grant_type');
  if (grant === 'authorization_code') return grants.authorization_code();
  if (grant === 'refresh_token') return grants.refresh_token();
  return oauthError(
    'unsupported_grant_type',
    'Only authorization_code and refresh_token are supported.',
  );
}

/** The token of an `Authorization: Bearer …` header. */
export function bearerToken(header: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1] || undefined;
}
