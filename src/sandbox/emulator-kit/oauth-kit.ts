/**
 * OAuth answers shared by the PMS emulators: RFC 6749 error bodies, redirects carrying the
 * result, and token-endpoint parameters read from the form body and the query string.
 *
 * @module
 */
import type { Context, Env } from 'hono';

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
