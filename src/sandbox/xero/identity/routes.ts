/**
 * The identity routes on the sandbox's one base URL: `/identity/connect/authorize` (Xero's login
 * host), `/connect/token` and `/connect/revocation` (identity host), `/connections` (API host).
 *
 * @module
 */
import type { Hono } from 'hono';
import type { SandboxContext, SandboxEnv } from '../http/env.js';
import { send } from '../http/env.js';
import type { SandboxServices } from '../services.js';
import { authorize } from './authorize.js';
import { readAccessToken } from './bearer.js';
import { deleteConnection, listConnections, revoke } from './connections.js';
import { tokenEndpoint } from './token-endpoint.js';

/** Token and identity answers must not be cached (RFC 6749 §5.1). */
function noStore(
  answer: { status: number; body: unknown },
  headers: Record<string, string> = {},
): Response {
  return send(answer, { 'cache-control': 'no-store', ...headers });
}

async function form(c: SandboxContext): Promise<URLSearchParams> {
  return new URLSearchParams(await c.req.text());
}

export function registerIdentityRoutes(app: Hono<SandboxEnv>, services: SandboxServices): void {
  const deps = services.identity;
  app.get('/identity/connect/authorize', (c) => {
    const result = authorize(deps, new URL(c.req.url).searchParams);
    return 'redirect' in result ? c.redirect(result.redirect, 302) : noStore(result);
  });
  app.post('/connect/token', async (c) =>
    noStore(tokenEndpoint(deps, await form(c), c.req.header('authorization'))),
  );
  app.post('/connect/revocation', async (c) => {
    const status = revoke(deps, await form(c), c.req.header('authorization'));
    return status === 200
      ? new Response(null, { status })
      : noStore({ status, body: { error: 'invalid_client' } });
  });
  for (const base of ['/connections', '/Connections']) {
    app.get(base, (c) => {
      const token = readAccessToken(deps, c.req.header('authorization'));
      if ('ok' in token) return noStore({ status: token.status, body: token.body }, token.headers);
      return noStore({
        status: 200,
        body: listConnections(deps, token, c.req.query('authEventId')),
      });
    });
    app.delete(`${base}/:id`, (c) => {
      const token = readAccessToken(deps, c.req.header('authorization'));
      if ('ok' in token) return noStore({ status: token.status, body: token.body }, token.headers);
      return deleteConnection(deps, token, c.req.param('id'))
        ? new Response(null, { status: 204 })
        : new Response(null, { status: 404 });
    });
  }
}
